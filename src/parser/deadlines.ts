/**
 * Deadlines: 完成时限 clauses and time expressions in the text.
 * 2022年底前 / 2023年前 / 到2025年 → end of that year; 并长期坚持 adds an ongoing duty; 长期坚持 alone is
 * ongoing with no date; 每年/每季度/每半年/每两年/任期内 recur; month-only dates take the plan's year.
 */
import type { PlanDeadline, Recurrence } from '../shared/plan-draft.ts';
import { cnValue } from './numbering.ts';

export interface DateContext {
  /** year for dates printed without one (6月底前): the plan's year or first year */
  year: number | null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const endOfMonth = (y: number, m: number) => ymd(y, m, lastDay(y, m));

const QUARTER_END: Record<number, string> = { 1: '03-31', 2: '06-30', 3: '09-30', 4: '12-31' };
const FIVE_YEAR_PLANS: Record<string, number> = { 十三五: 2020, 十四五: 2025, 十五五: 2030, 十六五: 2035 };

/** A date expression found in a text, with the ISO date it means. */
export interface FoundDate {
  raw: string;
  index: number;
  due: string;
}

const Y = '(\\d{4})\\s*年';
const DATE_PATTERNS: Array<{ re: RegExp; due: (m: RegExpExecArray, ctx: DateContext) => string | null }> = [
  { re: new RegExp(`${Y}\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号](?:前|以前|之前)?`, 'y'), due: (m) => ymd(+m[1]!, +m[2]!, +m[3]!) },
  { re: new RegExp(`${Y}\\s*(\\d{1,2})\\s*月(?:份)?(?:底|末|中旬|上旬|下旬)?(?:前|以前|之前)?`, 'y'), due: (m) => endOfMonth(+m[1]!, +m[2]!) },
  { re: new RegExp(`${Y}\\s*(?:的)?(上半年|年中|下半年)(?:前|以前|之前|末)?`, 'y'), due: (m) => `${m[1]}-${m[2] === '下半年' ? '12-31' : '06-30'}` },
  { re: new RegExp(`${Y}\\s*(?:第)?([一二三四1-4])\\s*季度(?:末|底)?(?:前|以前|之前)?`, 'y'), due: (m) => `${m[1]}-${QUARTER_END[cnValue(m[2]!)]}` },
  { re: new RegExp(`${Y}\\s*(?:年底|年末|底|末|年内|内)?\\s*(?:前|以前|之前)?`, 'y'), due: (m) => `${m[1]}-12-31` },
  { re: /[“"]?(十[三四五六]五)[”"]?\s*(?:期间|时期|末|期末)/y, due: (m) => `${FIVE_YEAR_PLANS[m[1]!]}-12-31` },
  { re: /(\d{1,2})\s*月\s*(\d{1,2})\s*[日号](?:前|以前|之前)?/y, due: (m, c) => (c.year ? ymd(c.year, +m[1]!, +m[2]!) : null) },
  { re: /(\d{1,2})\s*月(?:份)?(?:底|末)(?:前|以前|之前)?/y, due: (m, c) => (c.year ? endOfMonth(c.year, +m[1]!) : null) },
  { re: /(上半年|下半年)(?:前|以前|之前|末)?/y, due: (m, c) => (c.year ? `${c.year}-${m[1] === '下半年' ? '12-31' : '06-30'}` : null) },
  { re: /(?:第)?([一二三四])\s*季度(?:末|底)?(?:前|以前|之前)?/y, due: (m, c) => (c.year ? `${c.year}-${QUARTER_END[cnValue(m[1]!)]}` : null) },
];

/** The first date expression at position i of s, if any. */
function dateAt(s: string, i: number, ctx: DateContext): FoundDate | null {
  for (const p of DATE_PATTERNS) {
    p.re.lastIndex = i;
    const m = p.re.exec(s);
    if (!m) continue;
    const due = p.due(m, ctx);
    if (!due || !validDate(due)) return null;
    return { raw: m[0].trim(), index: i, due };
  }
  return null;
}

function validDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= lastDay(y, m);
}

const RECURRENCE_WORDS: Array<[RegExp, Recurrence]> = [
  [/每人每年|每年度|每一年|每年|逐年|年年/y, 'yearly'],
  [/每半年|每半年度/y, 'semiannual'],
  [/每季度|每个季度|每一季度|按季度|逐季度|每季/y, 'quarterly'],
  [/每月|每个月|按月|逐月/y, 'monthly'],
  [/每两年|每2年|每二年|两年一次/y, 'biennial'],
  [/任期内|每届任期|每一任期/y, 'per-term'],
];

const RECURRENCE_START = '每逐年按任两';

function recurrenceAt(s: string, i: number): { raw: string; recurring: Recurrence } | null {
  for (const [re, recurring] of RECURRENCE_WORDS) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (m) return { raw: m[0], recurring };
  }
  return null;
}

/** The recurrence stated anywhere in a text (the first one), with the MM-DD it falls on when printed. */
export function recurrenceIn(text: string): { recurring: Recurrence; at: string | null } | null {
  for (let i = 0; i < text.length; i++) {
    if (!RECURRENCE_START.includes(text[i]!)) continue;
    const r = recurrenceAt(text, i);
    if (r) return { recurring: r.recurring, at: atAfter(text, i + r.raw.length) };
  }
  return null;
}

/** The day a recurrence falls on: 每年3月1日前 → 03-01; 每年3月底前 → 03-31 (month end, leap years aside). */
function atAfter(s: string, i: number): string | null {
  const m = /^[^。；，]{0,4}?(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号]|(?:底|末))/.exec(s.slice(i, i + 16));
  if (!m || +m[1]! < 1 || +m[1]! > 12) return null;
  return `${pad(+m[1]!)}-${pad(m[2] ? +m[2] : lastDay(2001, +m[1]!))}`;
}

const ONGOING = /长期坚持|长期推进|持续推进|持续开展|持续实施|长期执行|常态化推进|长效/;

/**
 * One 完成时限 clause ("2023年前并长期坚持", "每两年一次，长期坚持", "2024年6月底前").
 * `covered` is the text the clause closes; a 每年… schedule stated there makes the duty recurring.
 */
export function parseDeadlineClause(raw: string, covered: string, ctx: DateContext): PlanDeadline {
  const r = raw.trim();
  let due: string | null = null;
  for (let i = 0; i < r.length && !due; i++) {
    if (/\d/.test(r[i - 1] ?? '')) continue;
    due = dateAt(r, i, ctx)?.due ?? null;
  }
  // A schedule in the covered text (每年定期…, 每人每年…) makes an open-ended duty recurring
  // (长期坚持, 2023年前并长期坚持); a one-off date (2026年9月底前) stays one-off: the text's
  // 每人每年不少于40学时 is a target's rate, not the deadline's rhythm.
  const ownRec = recurrenceIn(r);
  const openEnded = ONGOING.test(r) || /长期|持续|常态/.test(r) || !due;
  const rec = ownRec ?? (openEnded ? recurrenceIn(covered) : null);
  const ongoing = ONGOING.test(r) || (!due && !rec && /长期|持续|常态/.test(r));
  const d: PlanDeadline = { raw: r, due, ongoing, recurring: rec?.recurring ?? null };
  if (rec?.at) d.at = rec.at;
  return d;
}

const IN_TITLE = /《[^》]*$/;

/**
 * Time expressions inside an item's text, one entry per distinct (due, ongoing, recurring):
 * 到2025年, 2024年底前, 2022年年底, “十四五”期间, 每年, 每半年, 任期内 …
 */
export function scanInlineDeadlines(text: string, ctx: DateContext): PlanDeadline[] {
  const out: PlanDeadline[] = [];
  const seen = new Set<string>();
  const add = (d: PlanDeadline) => {
    const key = `${d.due}|${d.ongoing}|${d.recurring}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(d);
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '每' || ch === '逐' || ch === '任' || ch === '按' || ch === '年' || ch === '两') {
      const r = recurrenceAt(text, i);
      if (r) {
        const at = atAfter(text, i + r.raw.length);
        add({ raw: r.raw, due: null, ongoing: false, recurring: r.recurring, ...(at ? { at } : {}) });
        i += r.raw.length - 1;
        if (at) i = skipDate(text, i);
        continue;
      }
    }
    if (/\d/.test(ch) && /[\d]/.test(text[i - 1] ?? '')) continue;
    if (!mayStartDate(text, i, ch)) continue;
    const found = dateAt(text, i, ctx);
    if (!found) continue;
    if (!isDeadlineUse(text, found)) {
      i += found.raw.length - 1;
      continue;
    }
    const tail = text.slice(i + found.raw.length, i + found.raw.length + 8);
    const ongoing = /^[^。；]{0,3}(?:并|后)?长期坚持/.test(tail);
    add({ raw: found.raw, due: found.due, ongoing, recurring: null });
    i += found.raw.length - 1;
  }
  return out;
}

/** Cheap test before trying the date patterns at i: a digit, a quote, 十X五, 上/下半年 or a quarter. */
function mayStartDate(text: string, i: number, ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return true;
  if (ch === '“' || ch === '"' || ch === '十') return text[i + 1] === '十' || text[i + 2] === '五' || text[i + 3] === '五';
  if (ch === '上' || ch === '下') return text[i + 1] === '半';
  if (ch === '第' || ch === '一' || ch === '二' || ch === '三' || ch === '四') return text[i + 1] === '季' || text[i + 2] === '季';
  return false;
}

function skipDate(text: string, i: number): number {
  const m = /^[^。；，]{0,4}?\d{1,2}\s*月\s*(?:\d{1,2}\s*[日号]|底|末)(?:前|以前|之前)?/.exec(text.slice(i + 1, i + 20));
  return m ? i + m[0].length : i;
}

/** A year printed alone ("2021年", a range end, a title inside 《》) is not a deadline. */
function isDeadlineUse(text: string, f: FoundDate): boolean {
  const before = text.slice(Math.max(0, f.index - 6), f.index);
  const after2 = text.slice(f.index + f.raw.length, f.index + f.raw.length + 6);
  // 2026—2027年完成: a range given as a time to finish in is due at its end
  if (/\d{4}\s*[—–\-－~～至到]\s*$/.test(before)) return /前$/.test(f.raw) || /^(?:底前|前|内)?\s*(?:基本|全面|全部)?(?:完成|建成|实现)/.test(after2);
  if (/\d\s*[—–\-－~～至到]\s*$/.test(before)) return false;
  if (IN_TITLE.test(text.slice(0, f.index))) return false;
  const after = text.slice(f.index + f.raw.length, f.index + f.raw.length + 2);
  if (/^\s*(?:[—–\-－~～]|至\d|度|版|第)/.test(after)) return false;
  if (/^\d{4}\s*年$/.test(f.raw)) {
    // a bare year needs a preposition: 到2025年 / 至2025年 / 在2025年
    if (!/(?:到|至|截至|截止|在|于)\s*$/.test(before)) return false;
    if (/^\s*[，,、]?\s*(?:\d|以来|起)/.test(after) && !/^[，,]/.test(after)) return false;
  }
  return true;
}
