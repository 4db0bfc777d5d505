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
  { re: /(?:今年|当年|本年度?)?(?:年底|年末)(?:前|以前|之前)/y, due: (_m, c) => (c.year ? `${c.year}-12-31` : null) },
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
  [/每人每年|每年度|每一年|每年|逐年|(?<![\d\s年])年年/y, 'yearly'],
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

const ONGOING = /长期坚持|长期推进|持续推进|持续开展|持续实施|长期执行|常态化推进|长效|常年|经常性|日常/;

/**
 * One 完成时限 clause ("2023年前并长期坚持", "每两年一次，长期坚持", "2024年6月底前").
 * `covered` is the text the clause closes; a 每年… schedule stated there makes the duty recurring.
 */
export function parseDeadlineClause(raw: string, covered: string, ctx: DateContext): PlanDeadline {
  const r = raw.trim();
  let due: string | null = null;
  // a date that starts a duty (2026年起每年开展, 自2027年1月起) is not its due date
  let starts = false;
  for (let i = 0; i < r.length && !due; i++) {
    if (/\d/.test(r[i - 1] ?? '')) continue;
    const f = dateAt(r, i, ctx);
    if (!f) continue;
    if (/^\s*(?:起|开始|以来|以后)/.test(r.slice(i + f.raw.length))) {
      starts = true;
      i += f.raw.length - 1;
      continue;
    }
    due = f.due;
  }
  // forms of a deadline column: 2026.12 / 2026-12-31 / 2026/6, and a month alone (12月, 6月份)
  if (!due && !starts) due = clauseOnlyDate(r, ctx);
  // 年底前 / 年内 with no year: the end of the plan's year
  if (!due && ctx.year && /^(?:今年|当年|本年度?)?(?:年底|年末|年内|全年)/.test(r)) due = `${ctx.year}-12-31`;
  // A schedule in the covered text (每年定期…, 每人每年…) makes an open-ended duty recurring
  // (长期坚持, 2023年前并长期坚持); a one-off date (2026年9月底前) stays one-off: the text's
  // 每人每年不少于40学时 is a target's rate, not the deadline's rhythm.
  const ownRec = recurrenceIn(r);
  const openEnded = ONGOING.test(r) || /长期|持续|常态/.test(r) || !due;
  const rec = ownRec ?? (openEnded ? recurrenceIn(covered) : null);
  const ongoing = ONGOING.test(r) || (!due && !rec && (starts || /长期|持续|常态/.test(r)));
  const d: PlanDeadline = { raw: r, due, ongoing, recurring: rec?.recurring ?? null };
  if (rec?.at) d.at = rec.at;
  return d;
}

const NUMERIC_DATE = /(?<!\d)(\d{4})\s*[.．\/\-]\s*(\d{1,2})(?!\d)(?:\s*[.．\/\-]\s*(\d{1,2})(?!\d))?/;
const MONTH_ALONE = /(?<![\d年])(\d{1,2})\s*月(?:份)?(?!\s*\d)/;

/** Dates a deadline cell prints that prose does not: 2026.12, 2026-12-31, a bare month. */
function clauseOnlyDate(r: string, ctx: DateContext): string | null {
  let m = NUMERIC_DATE.exec(r);
  if (m) {
    const y = +m[1]!;
    const mo = +m[2]!;
    const iso = m[3] ? ymd(y, mo, +m[3]) : mo >= 1 && mo <= 12 ? endOfMonth(y, mo) : '';
    if (iso && validDate(iso)) return iso;
  }
  if ((m = MONTH_ALONE.exec(r)) && ctx.year && !/每[年季月]/.test(r.slice(0, m.index))) {
    const mo = +m[1]!;
    if (mo >= 1 && mo <= 12) return endOfMonth(ctx.year, mo);
  }
  return null;
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
  // 年底前 with no year (not the 年底 of 每年年底 or 2026年年底)
  if (ch === '年') return (text[i + 1] === '底' || text[i + 1] === '末') && !/[\d年每\s]/.test(text[i - 1] ?? '');
  if (ch === '今' || ch === '当' || ch === '本') return text[i + 1] === '年' && /^(?:今年|当年|本年度?)年?[底末](?:前|以前|之前)/.test(text.slice(i, i + 8));
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
  // a date a duty or rule starts from (自2026年1月1日起施行) is not a deadline
  if (/^\s*(?:起|开始|以来)/.test(after2)) return false;
  if (/^\d{4}\s*年$/.test(f.raw)) {
    // a bare year needs a preposition (到2025年 / 至2025年 / 在2025年 / 力争2027年) or a completion
    // after it (2026年完成)
    if (!/(?:到|至|截至|截止|在|于|力争|争取|确保)\s*$/.test(before) && !/^\s*(?:基本|全面|全部)?(?:完成|建成|实现|出台|到位)/.test(after2)) return false;
    if (/^\s*[，,、]?\s*(?:\d|以来|起)/.test(after) && !/^[，,]/.test(after)) return false;
  }
  return true;
}

/** Pieces a time annotation is made of; what is left after removing them all must be nothing. */
const TIME_WORDS: RegExp[] = [
  /(?<!\d)\d{4}\s*[.．\/\-]\s*\d{1,2}(?:\s*[.．\/\-]\s*\d{1,2})?(?!\d)/g,
  /\d{4}\s*年?\s*[—–\-－~～至到]+\s*\d{4}\s*年?/g,
  /(?:于|在|到|至|截至|截止|从|自)?\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)?/g,
  /\d{1,2}\s*月(?:份)?(?:\s*\d{1,2}\s*[日号])?/g,
  /[“"]?十[三四五六]五[”"]?(?:期间|时期|期末|末)?/g,
  /每人每年|每年度|每一年|每年|每半年度?|每个?季度|每一季度|按季度?|每个?月|按月|每两年|每2年|每二年|两年一次|一年一次|任期内|每届任期|每一任期|逐年|定期/g,
  /长期坚持|长期推进|长期执行|持续推进|持续开展|持续实施|持续|常态化推进|常态化开展|常态化|长期|长效|常年|经常性|日常/g,
  /[上下]半年|年中|第?[一二三四1-4]\s*季度(?:末|底)?|年底|年末|年内|年初|年前|月底|月末|季度末|中旬|上旬|下旬|当年|今年|本年度?|全年/g,
];
const TIME_FILLER = /前|以前|之前|以内|之内|内|底|末|基本|全面|全部|完成|办结|建成|到位|并|及|和|起|开始|以后|[一二两]次|开展|推进|实施|落实|结束|分阶段|逐步|[—–\-－~～至到、，,；;。.\s\u3000]/g;
const TIME_CHARS = /[\d年月季每期任长持常半日]/;

/**
 * True when s is nothing but a time annotation: 2026年底前完成, 2027年上半年, 长期坚持, 持续推进,
 * 每年12月底前, 2026年起每年开展, 任期内, 2026—2027年. A phrase with any other word (a unit, an
 * action: 2026年底前完成初步建设) is not.
 */
export function isTimingText(s: string): boolean {
  const t = s.replace(/\*\*/g, '').trim();
  if (!t || t.length > 40 || !TIME_CHARS.test(t)) return false;
  let rest = t;
  let found = false;
  for (const re of TIME_WORDS) {
    const next = rest.replace(re, ' ');
    if (next !== rest) found = true;
    rest = next;
  }
  return found && rest.replace(TIME_FILLER, '') === '';
}

/** A label that introduces a deadline: 完成时限：, 时限：, 完成时间：, 时间节点：, 办结时限： … */
export const DEADLINE_LABEL_WORDS = '完成时限要求|完成时限|完成时间|完成期限|办结时限|推进时限|时限要求|时间要求|时间节点|时间安排|进度安排|进度要求|时限|时间|期限';
const LABELLED = new RegExp(`^(?:${DEADLINE_LABEL_WORDS})\\s*[：:]\\s*([^]+)$`);
const OPEN_BRACKETS = '（(〔[【［';
const CLOSE_BRACKETS = '）)〕]】］';

/** A deadline clause found in an item's text, with its span there. */
export interface ClauseSpan {
  index: number;
  end: number;
  /** the clause's time expression (label and brackets removed) */
  raw: string;
}

/**
 * Deadline clauses in a text: a bracket of any kind holding a labelled deadline (（完成时限：…）,
 * 〔完成时限：…〕, 【时限：…】) or nothing but a time (（2026年底前完成）, （长期坚持）); and an unbracketed
 * 完成时限：… label running to the end of its sentence. A bare year or range in brackets
 * (（2021—2025年）, a period quoted in the text) counts only with `bareAtEnd` (the item's owners
 * printed it) and when it closes the item.
 */
export function findClauses(text: string, bareAtEnd = false): ClauseSpan[] {
  const out: ClauseSpan[] = [];
  if (!CLAUSE_HINT.test(text)) return out;
  let depth = 0;
  let open = -1;
  // only brackets and the first characters of labels matter: jump from one to the next
  const scan = new RegExp(SCAN.source, 'g');
  for (let m = scan.exec(text); m; m = scan.exec(text)) {
    const i = m.index;
    const ch = m[0];
    if (OPEN_BRACKETS.includes(ch)) {
      if (depth === 0) open = i;
      depth++;
    } else if (CLOSE_BRACKETS.includes(ch)) {
      if (depth === 0) continue;
      depth--;
      if (depth !== 0) continue;
      const content = text.slice(open + 1, i).replace(/\*\*/g, '').trim();
      const raw = clauseContent(content, text.slice(i + 1), bareAtEnd);
      if (raw) out.push({ index: open, end: i + 1, raw });
    } else if (depth === 0 && (i === 0 || LABEL_BOUNDARY.includes(text[i - 1]!))) {
      FREE_DEADLINE.lastIndex = i;
      const f = FREE_DEADLINE.exec(text);
      if (!f) continue;
      const raw = f[2]!.replace(/[\s\u3000。．.；;，,]+$/, '');
      if (raw && isTimingText(raw)) {
        out.push({ index: i, end: i + f[0].length, raw });
        scan.lastIndex = i + f[0].length;
      }
    }
  }
  return out;
}

const CLAUSE_HINT = /[（(〔[【［]|时限|时间|期限|进度|时间节点/;
const SCAN = /[（(〔[【［）)〕\]】］时完办推进期]/;
const FREE_DEADLINE = new RegExp(`(${DEADLINE_LABEL_WORDS})\\s*[：:]\\s*([^。；;（(〔[【［]+)[。；;]?`, 'y');
const LABEL_BOUNDARY = '。；;，, \t\u3000）)〕]】］';

function clauseContent(content: string, after: string, bareAtEnd: boolean): string | null {
  const m = LABELLED.exec(content);
  if (m) {
    const raw = m[1]!.trim();
    // 时间：/期限： are generic words; they introduce a deadline only when a time follows
    return raw && (!/^(?:时间|期限)/.test(content) || isTimingText(raw)) ? raw : null;
  }
  if (!isTimingText(content)) return null;
  // a bare year or range ((2021—2025年), 2026年) is a period quoted in the text, unless it was printed
  // with the owners (（X负责；2026—2027年）) and so closes the item
  if (/^\d{4}\s*年?\s*(?:[—–\-－~～至到]+\s*\d{4}\s*年?)?$/.test(content) && (!bareAtEnd || after.replace(/[\s\u3000。．.；;]/g, '') !== '')) return null;
  return content;
}

/**
 * A clause that sets several dated steps (「2026年6月底前完成制度建设，2026年底前全面落实」) gives one
 * deadline a step; a clause with one date (「2023年前并长期坚持」, 「2026年起，每年3月底前」) gives one.
 * A part with no date of its own (「，并长期坚持」) goes with the step before it; a rhythm after a
 * dated step (「2026年底前建立，每年开展评估」) is a deadline of its own.
 */
export function parseDeadlineClauses(raw: string, covered: string, ctx: DateContext): PlanDeadline[] {
  const parts = raw.split(/[，,；;]/).filter((p) => p.trim());
  if (parts.length < 2) return [parseDeadlineClause(raw, covered, ctx)];
  const groups: string[] = [];
  let pending = '';
  for (const p of parts) {
    const d = parseDeadlineClause(p, '', ctx);
    if (d.due && !d.recurring) {
      groups.push(pending + p);
      pending = '';
    } else if (groups.length && d.recurring && !d.ongoing) groups.push(p); // 「…，每年开展评估」: a rhythm of its own
    else if (groups.length) groups[groups.length - 1] += `，${p}`;
    else pending += `${p}，`;
  }
  if (groups.length < 2) return [parseDeadlineClause(raw, covered, ctx)];
  return groups.map((g) => parseDeadlineClause(g, covered, ctx));
}
