/**
 * Owner annotations: who leads, who co-operates, which leader answers for a task.
 * Forms: （牵头单位：…；责任单位：…）, 〔牵头县领导：…；牵头责任单位：…；协同责任单位：…〕, （X负责）,
 * 〔责任单位：…〕, 责任单位：X（牵头），Y, （X牵头，Y配合）, 牵头科室/配合科室, 责任领导, owner lines.
 */
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

const TIMING_TAIL = /^(?:\d{4}\s*年|长期坚持|持续推进|持续开展|每年|每季度|每半年|每月|年底前|年内|[上下]半年|第[一二三四]季度|任期内)|(?:前完成|底前|日前|年前|长期坚持)$/;

/**
 * Splits a deadline printed after the owners inside one bracket: 「X负责，2026年底前完成」 →
 * owners 「X负责」, timing 「2026年底前完成」. Only a final comma-separated segment that reads as
 * a time is split off.
 */
function splitTrailingTiming(c: string): { owners: string; timing: string | null } {
  let depth = 0;
  for (let i = c.length - 1; i >= 0; i--) {
    const ch = c[i]!;
    if (CLOSE_SET.has(ch)) depth++;
    else if (OPEN_SET.has(ch)) depth--;
    else if (depth === 0 && '，,；;'.includes(ch)) {
      const tail = c.slice(i + 1).trim();
      return TIMING_TAIL.test(tail) ? { owners: c.slice(0, i).trim(), timing: tail } : { owners: c, timing: null };
    }
  }
  return { owners: c, timing: null };
}

type Role = 'lead' | 'responsible' | 'leader';

const LEADER_LABELS = '牵头[县市区]领导|责任[县市区]领导|[县市区]级责任领导|[县市区]级牵头领导|责任领导|牵头领导|分管领导|联系领导|包保领导|[县市区]领导';
const LEAD_LABELS = '牵头责任单位|牵头单位|牵头部门|牵头科室|牵头处室|主责单位|主办单位|主责部门|牵头';
const RESP_LABELS = '主要责任单位|协同责任单位|配合责任单位|责任单位|责任部门|责任科室|责任主体|配合单位|配合部门|配合科室|协办单位|协同单位|协作单位|参与单位|参与部门';
const LABEL_RE = new RegExp(`(${LEADER_LABELS}|${LEAD_LABELS}|${RESP_LABELS})\\s*[：:；;]`, 'g');
const LABEL_ONCE = new RegExp(LABEL_RE.source);
const LEADER_ONLY = new RegExp(`^(?:${LEADER_LABELS})$`);
const LEAD_ONLY = new RegExp(`^(?:${LEAD_LABELS})$`);
const DEADLINE_LABEL = /(?:完成时限|完成时间|时间节点|时限要求|完成期限|时间要求)\s*[：:]/g;
const ALL_LABELS = `${LEADER_LABELS}|${LEAD_LABELS}|${RESP_LABELS}`;
/** 【牵头单位】X / [责任单位]X: a label in brackets instead of before a colon. */
const BRACKETED_LABEL = new RegExp(`[【\\[［]\\s*(${ALL_LABELS}|完成时限|完成时间)\\s*[】\\]］]\\s*[：:]?`, 'g');

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
  if (!c || c.length > 400 || /完成时限|完成时间|时间节点/.test(c.slice(0, 8))) return false;
  if (LABEL_ONCE.test(c)) return true;
  if (/[。]/.test(c)) return false;
  const o = splitTrailingTiming(c).owners;
  if (/(?:负责|牵头)$/.test(o)) return true;
  return /(?:负责|牵头)$/.test(c) || /牵头[，,、；;\s].+(?:配合|参与|协同|协助)(?:落实|实施)?$/.test(c);
}

/** Parses annotation content (brackets removed) into owners. */
export function parseOwnerContent(content: string): Owners | null {
  const cleaned = dropUnopenedClosers(content.replace(/\*\*/g, '').replace(/\s*([：:；;，,、])\s*/g, '$1').trim());
  const { rest: c, deadlines } = splitDeadlineLabels(cleaned);
  const owners: Owners = { lead: [], responsible: [], leaders: [], raw: c, ...(deadlines.length ? { deadlines } : {}) };
  const labels = [...c.matchAll(LABEL_RE)];
  if (labels.length > 0) {
    labels.forEach((m, i) => {
      const from = m.index! + m[0].length;
      const to = i + 1 < labels.length ? labels[i + 1]!.index! : c.length;
      addTo(owners, roleOf(m[1]!), c.slice(from, to));
    });
    return owners;
  }
  let m: RegExpExecArray | null;
  const split = splitTrailingTiming(c);
  if (split.timing && (m = /^(.+?)(?:按职责分工|按照职责分工|按职责|根据职责|分别|共同)?(?:负责|牵头)$/.exec(split.owners))) {
    addTo(owners, 'lead', m[1]!);
    owners.timing = split.timing;
    return owners;
  }
  if ((m = /^(.+?)牵头[，,、；;\s]+(.+?)(?:配合|参与|协同|协助)(?:落实|实施)?$/.exec(c))) {
    addTo(owners, 'lead', m[1]!);
    addTo(owners, 'responsible', m[2]!);
    return owners;
  }
  if ((m = /^(.+?)(?:按职责分工|按照职责分工|按职责|根据职责|分别|共同)?(?:负责|牵头)$/.exec(c))) {
    addTo(owners, 'lead', m[1]!);
    return owners;
  }
  return null;
}

function addTo(o: Owners, role: Role, list: string): void {
  if (role === 'leader') {
    for (const n of splitNames(list)) if (!o.leaders.includes(n)) o.leaders.push(n);
    return;
  }
  for (const u of splitUnits(list)) {
    const lead = /[（(]\s*牵头\s*[）)]$/.test(u);
    const name = u.replace(/[（(]\s*(?:牵头|配合|参与)\s*[）)]$/, '');
    const target = lead || role === 'lead' ? o.lead : o.responsible;
    if (name && !target.includes(name)) target.push(name);
  }
}

function splitNames(list: string): string[] {
  return list
    .split(/[、，,；;\s\u3000]+/)
    // 张三（副县长）: the office in brackets is not part of the name
    .map((s) => s.replace(/[（(][^（()）]*[）)]/g, '').replace(/^(?:同志|等)|(?:同志|等)$/g, '').trim())
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
  for (const p of pieces) for (const q of splitConjunctions(p)) {
    const u = tidyUnit(q);
    if (u && !out.includes(u)) out.push(u);
  }
  return out;
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
const UNIT_END = /(?:局|办|委|院|部|会|室|所|中心|处|科|队|府|街道|镇|乡|部门|单位|机关|机构|公司|站|团|馆|社|厅|署|组|园区|分局|支队|大队|[）)])$/;
const looksLikeUnits = (list: string) => {
  const us = splitUnits(list);
  return us.length > 0 && us.every((u) => u.length <= 30 && UNIT_END.test(u) && !/[，。；]/.test(u));
};
/** X牵头，Y、Z配合 / X负责 as a sentence of its own at the end of an item, without brackets. */
const OWNER_SENTENCE = /^(?:由)?(.+?)牵头[，,、；;\s]*(?:(.+?)(?:配合|参与|协同|协助|共同)(?:落实|实施|推进)?)?$|^(?:由)?(.+?)(?:按职责分工|按照职责分工|按职责|分别|共同)?负责(?:落实|实施)?$/;

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
      if (owners) return { text: t.slice(0, open).replace(/[\s\u3000]+$/, '') + (owners.timing ? `（${owners.timing}）` : '') + suffix, owners };
      break;
    }
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
  return owners ? { text: t.slice(0, start).replace(/[\s\u3000]+$/, ''), owners } : null;
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
  const text = t.slice(0, start).replace(/[\s\u3000]+$/, '') + (later ? later.text : after);
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
  FREE_LABEL.lastIndex = 0;
  for (const m of t.matchAll(FREE_LABEL)) {
    if (openDepthOf(t.slice(0, m.index!)) > 0) continue;
    const tail = t.slice(m.index!);
    const pieces = tail.split(/。/).map((x) => x.trim()).filter(Boolean);
    if (!pieces.every((x) => LABEL_ONCE.test(x) && LABEL_ONCE.exec(x)!.index === 0 || /^(?:完成时限|完成时间|时间节点|时限要求|完成期限|时间要求)\s*[：:]/.test(x))) break;
    const owners = parseOwnerContent(pieces.join('；'));
    if (!owners || !owners.lead.length && !owners.responsible.length && !owners.leaders.length) break;
    return { text: t.slice(0, m.index!).replace(/[\s\u3000]+$/, ''), owners };
  }
  const cut = Math.max(t.lastIndexOf('。'), t.lastIndexOf('；'));
  if (cut <= 0) return null;
  const sentence = t.slice(cut + 1).trim();
  if (sentence.length > 80) return null;
  const m = OWNER_SENTENCE.exec(sentence);
  if (!m) return null;
  const lead = m[1] ?? m[3]!;
  if (!looksLikeUnits(lead) || (m[2] && !looksLikeUnits(m[2]))) return null;
  const owners: Owners = { lead: [], responsible: [], leaders: [], raw: sentence };
  addTo(owners, 'lead', lead);
  if (m[2]) addTo(owners, 'responsible', m[2]);
  return { text: t.slice(0, cut + 1), owners };
}

function openDepthOf(s: string): number {
  let d = 0;
  for (const ch of s) {
    if (OPEN_SET.has(ch)) d++;
    else if (CLOSE_SET.has(ch) && d > 0) d--;
  }
  return d;
}

function closesUnopenedAt(s: string): boolean {
  let d = 0;
  for (const ch of s) {
    if (OPEN_SET.has(ch)) d++;
    else if (CLOSE_SET.has(ch)) {
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
  const t = trimStops(text);
  const a = extractAnnotation(t);
  if (a && a.text === '') return a.owners;
  const m = LABEL_ONCE.exec(t);
  if (m && m.index === 0) return parseOwnerContent(t);
  return null;
}

export function mergeOwners(into: Owners, more: Owners): void {
  for (const u of more.lead) if (!into.lead.includes(u)) into.lead.push(u);
  for (const u of more.responsible) if (!into.responsible.includes(u)) into.responsible.push(u);
  for (const u of more.leaders) if (!into.leaders.includes(u)) into.leaders.push(u);
  into.raw = into.raw ? `${into.raw}；${more.raw}` : more.raw;
  if (more.deadlines?.length) into.deadlines = [...(into.deadlines ?? []), ...more.deadlines];
}
