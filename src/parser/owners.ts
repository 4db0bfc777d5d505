/**
 * Owner annotations: who leads, who co-operates, which leader answers for a task.
 * Forms: （牵头单位：…；责任单位：…）, 〔牵头县领导：…；牵头责任单位：…；协同责任单位：…〕, （X负责）,
 * 〔责任单位：…〕, 责任单位：X（牵头），Y, （X牵头，Y配合）, （X负责，Y配合）, （由X会同Y负责）,
 * （牵头：X；配合：Y）, 牵头科室/配合科室, 责任领导 (with the office stripped: 常务副县长张三 → 张三),
 * owner lines, a closing sentence 「由X牵头，Y按职责分工负责，2026年底前完成。」, a bracket of unit
 * names only （县司法局、县法院）, and owner brackets inside the item (一是…（X负责）；二是…（Y负责）).
 * A time printed with the owners (（X牵头，Y配合；2027年上半年完成）, 时限：持续推进) is kept for the
 * deadline reader, never read as a unit.
 */
import { DEADLINE_LABEL_WORDS, findClauses, isTimingText } from './deadlines.ts';

export interface Owners {
  lead: string[];
  responsible: string[];
  leaders: string[];
  /** the annotation as printed, without its brackets */
  raw: string;
  /** a deadline printed inside the owner bracket (（X负责，2026年底前完成）), kept for the deadline reader */
  timing?: string;
  /** 完成时限：… clauses printed among the owner labels (（牵头单位：X；完成时限：Y）, 责任单位：X 完成时限：Y) */
  deadlines?: string[];
}

/**
 * Splits the time printed after the owners inside one annotation: 「X负责，2026年底前完成」 →
 * owners 「X负责」, timing 「2026年底前完成」; 「X牵头，Y配合；长期坚持」 → timing 「长期坚持」. Only
 * final comma- or semicolon-separated segments that read as nothing but a time are split off
 * (「2026年底前完成，并长期坚持」 is one timing of two segments).
 */
function splitTrailingTiming(c: string): { owners: string; timing: string | null } {
  // the last segment must read as a time before the segments are walked
  const last = Math.max(c.lastIndexOf('，'), c.lastIndexOf(','), c.lastIndexOf('；'), c.lastIndexOf(';'));
  if (last < 0 || !isTimingText(c.slice(last + 1))) return { owners: c, timing: null };
  let depth = 0;
  let cut = c.length;
  for (let i = c.length - 1; i >= 0; i--) {
    const ch = c[i]!;
    if (CLOSE_SET.has(ch)) depth++;
    else if (OPEN_SET.has(ch)) depth--;
    else if (depth === 0 && '，,；;'.includes(ch)) {
      if (!isTimingText(c.slice(i + 1, cut))) break;
      cut = i;
    }
  }
  if (cut === c.length) return { owners: c, timing: null };
  return { owners: c.slice(0, cut).trim(), timing: c.slice(cut + 1).trim() };
}

type Role = 'lead' | 'responsible' | 'leader';

const LEADER_LABELS = '责任人|牵头[县市区]级?领导|责任[县市区]级?领导|[县市区]级责任领导|[县市区]级牵头领导|联系[县市区]级?领导|分管[县市区]级?领导|包保[县市区]级?领导|责任领导|牵头领导|分管领导|联系领导|包保领导|[县市区]领导';
const LEAD_LABELS = '主要负责单位|负责单位|负责部门|主要牵头单位|牵头责任单位|牵头责任部门|牵头单位|牵头部门|牵头科室|牵头处室|牵头机关|主责单位|主办单位|主责部门';
const RESP_LABELS = '主要责任单位|具体责任单位|协同责任单位|配合责任单位|配合责任部门|责任单位|责任部门|责任科室|责任处室|责任主体|配合单位|配合部门|配合科室|协办单位|协办部门|协同单位|协同部门|协作单位|参与单位|参与部门|落实单位|实施单位|承办单位';
/** one-word labels (牵头：X；配合：Y): only before a colon, and not inside a name */
const BARE_LEAD = '牵头';
const BARE_RESP = '配合|协同|协办|参与';
const LABEL_RE = new RegExp(`(${LEADER_LABELS}|${LEAD_LABELS}|${RESP_LABELS}|(?<![\\u4e00-\\u9fff])(?:${BARE_LEAD}|${BARE_RESP})(?=\\s*[：:]))\\s*[：:；;]`, 'g');
const LABEL_ONCE = new RegExp(LABEL_RE.source);
const LABEL_AT_START = new RegExp(`^(?:${LABEL_RE.source})`);
const LEADER_ONLY = new RegExp(`^(?:${LEADER_LABELS})$`);
const LEAD_ONLY = new RegExp(`^(?:${LEAD_LABELS}|${BARE_LEAD})$`);
const DEADLINE_LABEL = new RegExp(`(?:${DEADLINE_LABEL_WORDS})\\s*[：:]`, 'g');
const DEADLINE_AT_START = new RegExp(`^(?:${DEADLINE_LABEL_WORDS})\\s*[：:]`);
const ALL_LABELS = `${LEADER_LABELS}|${LEAD_LABELS}|${RESP_LABELS}`;
const ALL_LABELS_BARE = `${ALL_LABELS}|${BARE_LEAD}|${BARE_RESP}`;
/** 【牵头单位】X / [责任单位]X: a label in brackets instead of before a colon. */
const BRACKETED_LABEL = new RegExp(`[【\\[［]\\s*(${ALL_LABELS_BARE}|${DEADLINE_LABEL_WORDS})\\s*[】\\]］]\\s*[：:]?`, 'g');

/** Rewrites 【牵头单位】X as 牵头单位：X so one label grammar serves all forms. */
export function normalizeOwnerLabels(text: string): string {
  if (!/[【\[［]/.test(text)) return text;
  return text.replace(BRACKETED_LABEL, (_m, label: string, off: number) => (off > 0 && !/[。；;\s\u3000]/.test(text[off - 1]!) ? '；' : '') + label + '：');
}

/**
 * Takes the 完成时限：… segments out of owner content (they run to the next owner label or the end),
 * so a deadline printed among the owners is read as a deadline and not as a unit.
 */
function splitDeadlineLabels(c: string): { rest: string; deadlines: string[] } {
  DEADLINE_LABEL.lastIndex = 0;
  const any = DEADLINE_LABEL.test(c);
  DEADLINE_LABEL.lastIndex = 0;
  if (!any) return { rest: c, deadlines: [] };
  const deadlines: string[] = [];
  let rest = '';
  let i = 0;
  for (const m of c.matchAll(DEADLINE_LABEL)) {
    if (m.index! < i) continue;
    rest += c.slice(i, m.index!);
    const from = m.index! + m[0].length;
    LABEL_RE.lastIndex = from;
    const next = LABEL_RE.exec(c);
    const to = next ? next.index : c.length;
    const raw = c.slice(from, to).replace(/^[\s\u3000]+|[\s\u3000。．.；;，,]+$/g, '');
    if (raw) deadlines.push(raw);
    i = to;
  }
  rest += c.slice(i);
  LABEL_RE.lastIndex = 0;
  return { rest: rest.replace(/[\s\u3000；;，,。]+$/, ''), deadlines };
}

const OPENERS = '（(〔[【［';
const CLOSERS = '）)〕]】］';
const OPEN_SET = new Set(OPENERS);
const CLOSE_SET = new Set(CLOSERS);
const LIST_SEPARATORS = new Set('、，,；;/\n');

function roleOf(label: string): Role {
  if (LEADER_ONLY.test(label)) return 'leader';
  if (LEAD_ONLY.test(label)) return 'lead';
  return 'responsible';
}

/** True when the bracket content reads as an owner annotation. */
export function isOwnerContent(content: string): boolean {
  const c = content.replace(/\*\*/g, '').trim();
  if (!c || c.length > 400 || DEADLINE_AT_START.test(c)) return false;
  if (LABEL_ONCE.test(c)) return true;
  if (/[。]/.test(c)) return false;
  return ownerPhrase(splitTrailingTiming(splitDeadlineLabels(c.replace(/\s*([：:；;，,、])\s*/g, '$1')).rest).owners) !== null;
}

const SHARE = '(?:按照职责分工|按职责分工|根据职责分工|按照职责|按职责|根据职责|各司其职|分别|共同|具体)';
const LEAD_VERB = '(?:牵头负责|牵头抓总|牵头落实|牵头组织|牵头)';
const RESP_VERB = `${SHARE}?(?:配合落实|参与落实|配合|参与|协同|协助|协办|负责落实|负责|落实|抓好落实|组织实施|实施|推进)(?:落实|实施|推进)?`;
/** X牵头，Y配合 / X负责，Y配合 / X牵头，Y按职责分工负责 */
const PHRASE_TWO = new RegExp(`^(?:由)?(.+?)(?:${LEAD_VERB}|负责)[，,、；;\\s]+(?:会同|联合)?(.+?)${RESP_VERB}$`);
/** X会同Y负责 */
const PHRASE_WITH = new RegExp(`^(?:由)?(.+?)(?:牵头)?会同(.+?)${SHARE}?(?:负责|落实|实施|推进)(?:落实|实施)?$`);
/** X负责 / X、Y按职责分工负责 / X牵头 */
const PHRASE_ONE = new RegExp(`^(?:由)?(.+?)${SHARE}?(?:牵头负责|牵头抓总|牵头|负责)(?:落实|实施|推进)?$`);

/** An owner phrase without labels: who leads and who co-operates, or null when it is not one. */
function ownerPhrase(c: string): { lead: string; responsible: string | null } | null {
  let m: RegExpExecArray | null;
  if ((m = PHRASE_TWO.exec(c)) && !/牵头|负责/.test(m[2]!)) return { lead: m[1]!, responsible: m[2]! };
  if ((m = PHRASE_WITH.exec(c))) return { lead: m[1]!, responsible: m[2]! };
  if ((m = PHRASE_ONE.exec(c))) return { lead: m[1]!, responsible: null };
  return null;
}

/** Parses annotation content (brackets removed) into owners. */
export function parseOwnerContent(content: string): Owners | null {
  const cleaned = dropUnopenedClosers(content.replace(/\*\*/g, '').replace(/\s*([：:；;，,、])\s*/g, '$1').trim());
  const { rest, deadlines } = splitDeadlineLabels(cleaned);
  // a time printed after the owners without a label (；2027年上半年完成, ，长期坚持)
  const split = splitTrailingTiming(rest);
  const c = split.owners;
  const owners: Owners = { lead: [], responsible: [], leaders: [], raw: c, ...(deadlines.length ? { deadlines } : {}), ...(split.timing ? { timing: split.timing } : {}) };
  const labels = [...c.matchAll(LABEL_RE)];
  if (labels.length > 0) {
    labels.forEach((m, i) => {
      const from = m.index! + m[0].length;
      const to = i + 1 < labels.length ? labels[i + 1]!.index! : c.length;
      addTo(owners, roleOf(m[1]!), c.slice(from, to));
    });
    return owners;
  }
  const p = ownerPhrase(c);
  if (!p) return null;
  addTo(owners, 'lead', p.lead);
  if (p.responsible) addTo(owners, 'responsible', p.responsible);
  return owners;
}

/** Moves a timing printed among the owners into their deadlines (where no text keeps it). */
export function timingToDeadlines(o: Owners): Owners {
  if (!o.timing) return o;
  const { timing, ...rest } = o;
  return { ...rest, deadlines: [...(o.deadlines ?? []), timing] };
}

function addTo(o: Owners, role: Role, list: string): void {
  if (role === 'leader') {
    for (const n of splitNames(list)) if (!o.leaders.includes(n)) o.leaders.push(n);
    return;
  }
  // a labelled list written as a phrase: 责任单位：X牵头，Y配合
  const phrase = /牵头/.test(list) ? PHRASE_TWO.exec(list.replace(/[\s\u3000；;，,。]+$/, '').trim()) : null;
  if (phrase && !/牵头|负责/.test(phrase[2]!)) {
    addTo(o, 'lead', phrase[1]!);
    addTo(o, 'responsible', phrase[2]!);
    return;
  }
  const units = splitUnits(list);
  // in a lead list that marks its lead (X（牵头），Y), the unmarked names co-operate
  const marked = units.some((u) => LEAD_MARK.test(u));
  for (const u of units) {
    // X（牵头） and X牵头 in a list lead; X（配合） co-operates
    const lead = LEAD_MARK.test(u);
    const name = u.replace(/[（(]\s*(?:牵头|配合|参与)\s*[）)]$|牵头(?:负责)?$/, '');
    const target = lead || (role === 'lead' && !marked) ? o.lead : o.responsible;
    if (name && !target.includes(name)) target.push(name);
  }
}

/** X（牵头） or X牵头 closing a name in a list: X leads. */
const LEAD_MARK = /(?:[（(]\s*牵头\s*[）)]|牵头(?:负责)?)$/;

/** Office titles printed with a leader's name (常务副县长张三, 张三副县长, 县委常委). */
const OFFICE = '(?:[县市区州]委)?(?:常委|常务)?(?:副)?(?:书记|县长|市长|区长|州长|主任|部长|秘书长|主席|院长|检察长|局长|政委|常委|委员)';
const OFFICE_ONLY = new RegExp(`^(?:[县市区州](?:委|政府|人大|政协)?)?${OFFICE}$`);
const OFFICE_PREFIX = new RegExp(`^(?:[县市区州](?:委|政府|人大常委会|政协)?)?${OFFICE}(?=[\\u4e00-\\u9fff]{2,4}$)`);
const OFFICE_SUFFIX = new RegExp(`(?<=^[\\u4e00-\\u9fff]{2,4})(?:[县市区州](?:委|政府)?)?${OFFICE}$`);

function splitNames(list: string): string[] {
  return list
    .split(/[、，,；;\s\u3000]+/)
    // 张三（副县长）: the office in brackets is not part of the name
    .map((s) => s.replace(/[（(][^（()）]*[）)]/g, '').replace(/^(?:同志|等)|(?:同志|等)$/g, '').trim())
    .filter((s) => !OFFICE_ONLY.test(s))
    .map((s) => s.replace(OFFICE_PREFIX, '').replace(OFFICE_SUFFIX, ''))
    .filter((s) => s.length >= 2 && s.length <= 8);
}

/** Closers that close nothing (an annotation closed early and continued) are dropped. */
function dropUnopenedClosers(s: string): string {
  let d = 0;
  let out = '';
  for (const ch of s) {
    if (OPENERS.includes(ch)) d++;
    else if (CLOSERS.includes(ch)) {
      if (d === 0) continue;
      d--;
    }
    out += ch;
  }
  return out;
}

/**
 * Splits a unit list on 、，,；; outside brackets (（镇、街道） stays whole); X等Y gives X and Y,
 * X及Y gives X and Y, a trailing 等 and wording such as 按职责分工负责 are dropped.
 */
export function splitUnits(list: string): string[] {
  const pieces: string[] = [];
  let d = 0;
  let cur = '';
  const flush = () => {
    pieces.push(cur);
    cur = '';
  };
  for (const ch of list.replace(/\*\*/g, '')) {
    if (OPEN_SET.has(ch)) d++;
    else if (CLOSE_SET.has(ch)) d = Math.max(0, d - 1);
    if (d === 0 && LIST_SEPARATORS.has(ch)) {
      flush();
      continue;
    }
    cur += ch;
  }
  flush();
  const out: string[] = [];
  for (const p of pieces.flatMap(splitSpaced)) for (const q of splitConjunctions(p)) {
    const u = tidyUnit(q);
    if (u && !out.includes(u)) out.push(u);
  }
  return out;
}

/** 「县司法局 县财政局 县审计局」: names separated by spaces, when every piece is a unit name. */
function splitSpaced(p: string): string[] {
  const t = p.trim();
  if (!/[\s\u3000]/.test(t)) return [p];
  const parts = t.split(/[\s\u3000]+/);
  return parts.length > 1 && parts.every((x) => x.length >= 3 && UNIT_END.test(x)) ? parts : [p];
}

/** Splits at 等 / 及 / 以及 outside brackets. */
function splitConjunctions(p: string): string[] {
  const out: string[] = [];
  let d = 0;
  let cur = '';
  for (let i = 0; i < p.length; i++) {
    const ch = p[i]!;
    if (OPENERS.includes(ch)) d++;
    else if (CLOSERS.includes(ch)) d = Math.max(0, d - 1);
    const conj = (ch === '等' && !/[高中初平同相对]$/.test(cur)) || (ch === '及' && p[i + 1] !== '其');
    if (d === 0 && conj && cur.length >= 2) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.replace(/以$/, '')).filter((s) => s.trim() !== '');
}

const TRAILING_WORDING = /(?:按照职责分工|按职责分工|根据职责分工|按职责|分别|共同)?(?:负责|落实|配合|参与|协同)?$/;

function tidyUnit(u: string): string {
  let s = u.replace(/^[\s\u3000：:]+|[\s\u3000。．.：:]+$/g, '');
  s = s.replace(/^(?:由|和|与|及|以及)/, '');
  s = s.replace(TRAILING_WORDING, '').replace(/等$/, '').trim();
  if (/^(?:牵头|责任|配合|协同)?(?:单位|部门)?$/.test(s)) return '';
  return s;
}

export interface Annotated {
  /** the paragraph text without the annotation (and without a stop printed after it) */
  text: string;
  owners: Owners;
}

const ANNOTATION_START_ONE = /(?:牵头|责任|协同|配合|主责|主办|协办|主要责任)[^：:；;（(〔]{0,8}[：:；;]/;
const ANNOTATION_START = /[（(〔[【［]\s*(?:牵头|责任|协同|配合|主责|主办|协办|主要责任)[^：:；;（(〔]{0,8}[：:；;]/g;
/** An owner label standing free in the text: at its start or after a sentence end or a space. */
const FREE_LABEL = new RegExp(`(?:^|(?<=[。；;！？\\s\\u3000]))(?:${ALL_LABELS})\\s*[：:]`, 'g');
/** Words that end a unit name; a phrase of such names is an owner list, not prose. */
const UNIT_END = /(?:局|办|委|院|部|会|室|所|中心|处|科|队|府|街道|镇街|街镇|镇|乡|街|村|居|社区|[县市区]|部门|单位|机关|机构|公司|站|团|馆|社|厅|署|组|园区|分局|支队|大队|联|协|台|行|校|[）)])$/;
export const looksLikeUnits = (list: string): boolean => {
  const us = splitUnits(list);
  return us.length > 0 && us.every((u) => u.length <= 30 && UNIT_END.test(u) && !/[，。；]/.test(u));
};
const withTiming = (text: string, o: Owners) => (o.timing ? `${text}（${o.timing}）` : text);

/** Finds an owner annotation closing the paragraph. */
export function extractAnnotation(text: string): Annotated | null {
  const full = trimStops(text);
  // Trailing bracket groups that are not owners (（完成时限：…）, （2026年底前完成）) may follow the
  // owner group: look behind them, and keep them in the text where deadlines are read from.
  let t = full;
  let suffix = '';
  for (let guard = 0; guard < 4; guard++) {
    const last = t[t.length - 1];
    if (!last || !CLOSERS.includes(last)) break;
    const open = matchBackward(t, t.length - 1);
    if (open < 0) break;
    const content = t.slice(open + 1, -1);
    if (isOwnerContent(content)) {
      const owners = parseOwnerContent(content);
      if (owners) {
        // owner brackets earlier in the item come first, in document order
        const inner: Owners = { lead: [], responsible: [], leaders: [], raw: '' };
        const before = absorbInner(t.slice(0, open).replace(/[\s\u3000]+$/, ''), inner);
        if (inner.raw) {
          mergeOwners(inner, owners);
          if (owners.timing) inner.timing = owners.timing;
        }
        return { text: withTiming(before, owners) + suffix, owners: inner.raw ? inner : owners };
      }
      break;
    }
    const bare = bareUnitList(content);
    if (bare) return { text: t.slice(0, open).replace(/[\s\u3000]+$/, '') + suffix, owners: bare };
    if (ANNOTATION_START_ONE.test(content)) break;
    suffix = t.slice(open) + suffix;
    t = trimStops(t.slice(0, open));
  }
  t = full;
  let start = -1;
  for (const m of t.matchAll(ANNOTATION_START)) start = m.index!;
  if (start < 0) return freeAnnotation(t);
  const inner = midAnnotation(t, start);
  if (inner) return inner;
  const content = t.slice(start + 1).replace(/[）)〕\]】］\s]+$/, '');
  const owners = parseOwnerContent(content);
  return owners ? { text: withTiming(t.slice(0, start).replace(/[\s\u3000]+$/, ''), owners), owners } : null;
}

/**
 * 「一是…（县司法局负责）；二是…（县财政局负责）」: owner brackets inside the item, before the one
 * closing it, name owners too. They leave the text (a time printed in one stays, as its own bracket).
 */
const INNER_HINT = /[（(〔[【［][^（(〔[【［）)〕\]】］]*(?:负责|牵头|单位|部门|领导)[^（(〔[【［）)〕\]】］]*[）)〕\]】］]/;

function absorbInner(text: string, into: Owners): string {
  if (!INNER_HINT.test(text)) return text;
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (!OPEN_SET.has(text[i]!)) continue;
    const close = matchForward(text, i);
    if (close < 0) break;
    const content = text.slice(i + 1, close);
    const o = isOwnerContent(content) ? parseOwnerContent(content) : null;
    if (o && (o.lead.length || o.responsible.length || o.leaders.length)) {
      out += withTiming(text.slice(from, i), o);
      from = close + 1;
      mergeOwners(into, o);
    }
    i = close;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** A unit name as owners print it: a jurisdiction or group word first (县司法局, 各乡镇, 市直各部门). */
const OWNER_NAME = /^(?:中共|共青团|团|[县市区州旗镇乡]|街道|各|全[县市区]|[省市县区]级|[省市县区]直)/;

/**
 * 「…机制（县司法局、县直各部门）」: a closing bracket of nothing but unit names, without a label or
 * a verb, names the task's responsible units. Every name must read as a unit's (县司法局, 各乡镇),
 * so 「（乡镇、街道）」 or 「（试行）」 are not owners.
 */
function bareUnitList(content: string): Owners | null {
  const c = content.replace(/\*\*/g, '').trim();
  if (c.length < 3 || c.length > 200 || !OWNER_NAME.test(c) || /[。：:；;]/.test(c)) return null;
  const units = splitUnits(c);
  if (!units.length || !units.every((u) => u.length >= 3 && u.length <= 30 && OWNER_NAME.test(u) && UNIT_END.test(u))) return null;
  if (units.length === 1 && !/[局办委院部]$|部门$|中心$/.test(units[0]!)) return null;
  return { lead: [], responsible: units, leaders: [], raw: c };
}

/**
 * A bracketed annotation in mid-paragraph, with more text after it: 「…制度（责任单位：X）。再…」.
 * The bracket is cut out of the text. An annotation closed early and continued on the next line
 * (〔…各镇〕(园区), …]) is not this: its tail closes a bracket it never opened.
 */
function midAnnotation(t: string, start: number): Annotated | null {
  const close = matchForward(t, start);
  if (close < 0) return null;
  const after = t.slice(close + 1);
  const rest = trimStops(after);
  if (rest.replace(/[\s\u3000。．.，,；;]/g, '').length < 4 || closesUnopenedAt(rest)) return null;
  const owners = parseOwnerContent(t.slice(start + 1, close));
  if (!owners || !owners.lead.length && !owners.responsible.length && !owners.leaders.length) return null;
  const later = extractAnnotation(after);
  const text = withTiming(t.slice(0, start).replace(/[\s\u3000]+$/, ''), owners) + (later ? later.text : after);
  if (later) mergeOwners(owners, later.owners);
  return { text, owners };
}

/**
 * Owners printed without brackets at the end of an item: 「…。责任单位：X、Y 完成时限：长期坚持」,
 * 「…。主要责任单位：X。责任领导：张三」, or a closing sentence 「X牵头，Y、Z配合。」 / 「X负责。」
 * whose names all read as unit names. Everything from the label on must be labelled owner or
 * deadline content, so a label quoted inside prose is left alone.
 */
function freeAnnotation(t: string): Annotated | null {
  // a label needs its colon: most paragraphs have none
  for (const m of t.includes('：') || t.includes(':') ? t.matchAll(FREE_LABEL) : []) {
    if (openDepthOf(t.slice(0, m.index!)) > 0) continue;
    const tail = t.slice(m.index!);
    const pieces = tail.split(/。/).map((x) => x.trim()).filter(Boolean);
    if (!pieces.every((x) => (LABEL_ONCE.test(x) && LABEL_ONCE.exec(x)!.index === 0) || DEADLINE_AT_START.test(x) || isTimingText(x))) break;
    const owners = parseOwnerContent(pieces.join('；'));
    if (!owners || !owners.lead.length && !owners.responsible.length && !owners.leaders.length) break;
    return { text: t.slice(0, m.index!).replace(/[\s\u3000]+$/, ''), owners: timingToDeadlines(owners) };
  }
  return ownerSentence(t);
}

/**
 * 「…。由X牵头，Y按职责分工负责，2026年底前完成。」: a closing sentence (or two, the time in a
 * sentence of its own) naming who leads and who co-operates, every name reading as a unit name.
 * The sentence leaves the text; its time becomes the item's deadline.
 */
function ownerSentence(t: string): Annotated | null {
  if (!OWNER_VERB_HINT.test(t.slice(-160))) return null;
  let cut = lastStop(t, t.length);
  if (cut <= 0) return null;
  let sentence = t.slice(cut + 1).trim();
  if (isTimingText(sentence)) {
    // 「X牵头，Y配合；2026年底前完成」: the time closes a sentence of its own
    const before = lastStop(t, cut);
    if (before <= 0) return null;
    sentence = t.slice(before + 1).trim();
    cut = before;
  }
  if (sentence.length > 100 || openDepthOf(sentence) > 0) return null;
  const split = splitTrailingTiming(sentence.replace(/[；;]/g, '，'));
  const p = ownerPhrase(split.owners.replace(/^(?:此项|该项|本项|上述|以上)?(?:工作|任务)?(?=由)/, ''));
  // prose names units too (县司法局负责统筹…): every name must read as an owner's
  const owned = (list: string) => looksLikeUnits(list) && splitUnits(list).every((u) => OWNER_NAME.test(u));
  if (!p || !owned(p.lead) || (p.responsible !== null && !owned(p.responsible))) return null;
  const owners: Owners = { lead: [], responsible: [], leaders: [], raw: sentence, ...(split.timing ? { deadlines: [split.timing] } : {}) };
  addTo(owners, 'lead', p.lead);
  if (p.responsible) addTo(owners, 'responsible', p.responsible);
  return { text: t.slice(0, cut + 1), owners };
}

const OWNER_VERB_HINT = /负责|牵头|会同/;

/** The last 。 or ； before `end` outside brackets; -1 if none. */
function lastStop(t: string, end: number): number {
  let i = Math.max(t.lastIndexOf('。', end - 1), t.lastIndexOf('；', end - 1));
  // a stop inside a bracket that closes before `end` does not count: look further back
  while (i >= 0 && closesUnopenedAt(t.slice(i + 1, end))) i = Math.max(t.lastIndexOf('。', i - 1), t.lastIndexOf('；', i - 1));
  return i;
}

function openDepthOf(s: string): number {
  let d = 0;
  for (const m of s.matchAll(BRACKETS)) {
    if (OPEN_SET.has(m[0])) d++;
    else if (d > 0) d--;
  }
  return d;
}

const BRACKETS = /[（(〔[【［）)〕\]】］]/g;

function closesUnopenedAt(s: string): boolean {
  let d = 0;
  for (const m of s.matchAll(BRACKETS)) {
    if (OPEN_SET.has(m[0])) d++;
    else {
      if (d === 0) return true;
      d--;
    }
  }
  return false;
}

/** Index of the closer matching the opener at `start`, any bracket kind; -1 if none. */
function matchForward(s: string, start: number): number {
  let d = 0;
  for (let i = start; i < s.length; i++) {
    const ch = s[i]!;
    if (OPEN_SET.has(ch)) d++;
    else if (CLOSE_SET.has(ch)) {
      d--;
      if (d === 0) return i;
    }
  }
  return -1;
}

/** Drops trailing white space and full stops (a loop: a `[…]+$` regex rescans long paragraphs). */
function trimStops(s: string): string {
  let end = s.length;
  while (end > 0 && /[\s\u3000。．.]/.test(s[end - 1]!)) end--;
  return s.slice(0, end);
}

/** Index of the opener matching the closer at `end`, any bracket kind; -1 if none. */
function matchBackward(s: string, end: number): number {
  let d = 0;
  for (let i = end; i >= 0; i--) {
    const ch = s[i]!;
    if (CLOSERS.includes(ch)) d++;
    else if (OPENERS.includes(ch)) {
      d--;
      if (d === 0) return i;
    }
  }
  return -1;
}

/** A paragraph that is nothing but an owner annotation or owner lines ("牵头单位：…"). */
export function parseOwnerParagraph(text: string): Owners | null {
  const opens = OPEN_SET.has(text[0] ?? '');
  if (!opens && !LABEL_AT_START.test(text)) return null;
  const t = trimStops(text);
  if (opens) {
    // a bracket of owners, maybe followed by a deadline bracket: （牵头单位：X）（完成时限：Y）
    const a = extractAnnotation(t);
    if (!a) return null;
    let rest = a.text;
    const clauses = findClauses(rest, true);
    for (const c of [...clauses].reverse()) rest = rest.slice(0, c.index) + rest.slice(c.end);
    if (rest.replace(/[\s\u3000。．.；;，,]/g, '') !== '') return null;
    const o = timingToDeadlines(a.owners);
    return clauses.length ? { ...o, timing: undefined, deadlines: [...(o.deadlines ?? []), ...clauses.map((c) => c.raw).filter((r) => !o.deadlines?.includes(r))] } : o;
  }
  const o = parseOwnerContent(t);
  return o ? timingToDeadlines(o) : null;
}

export function mergeOwners(into: Owners, more: Owners): void {
  for (const u of more.lead) if (!into.lead.includes(u)) into.lead.push(u);
  for (const u of more.responsible) if (!into.responsible.includes(u)) into.responsible.push(u);
  for (const u of more.leaders) if (!into.leaders.includes(u)) into.leaders.push(u);
  into.raw = into.raw ? `${into.raw}；${more.raw}` : more.raw;
  if (more.deadlines?.length) into.deadlines = [...(into.deadlines ?? []), ...more.deadlines];
}
