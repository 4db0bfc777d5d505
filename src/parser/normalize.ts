/**
 * Normalized text → cleaned lines → logical paragraphs.
 * The normalized text keeps the source's line structure (so `line` numbers match the file);
 * cleaning (markup, bookmarks, indentation) happens per line, and paragraphs broken mid-sentence
 * (PDF wraps, blank lines inside a sentence, annotations split over lines) are joined here.
 */
import { DEADLINE_LABEL_WORDS, isTimingText } from './deadlines.ts';
import { startsWithMarker } from './numbering.ts';
import { looksLikeUnits } from './owners.ts';

export interface Line {
  /** 1-based line number in the normalized text */
  no: number;
  /** offsets of the line in the normalized text */
  start: number;
  end: number;
  /** the line after cleaning; '' for blank and noise lines */
  text: string;
  /** table cells when the line is a table row (Markdown pipes or tab-separated) */
  cells?: string[];
  /** a Markdown table separator row (|---|---|) */
  separator?: boolean;
}

export interface Para {
  line: number;
  start: number;
  end: number;
  text: string;
  cells?: string[];
}

const BOOKMARK = /\[bookmark:[^\]]*\]/gi;
const EDGE_SPACE = /^[\s\u3000\u00a0\ufeff]+|[\s\u3000\u00a0\ufeff]+$/g;
const PAGE_NUMBER = /^(?:[-—–－~～一]\s*\d{1,4}\s*[-—–－~～一]|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,3}\s*\/\s*\d{1,3}|\d{1,3})$/;

/** Removes markup and noise from one line; keeps the characters of the document otherwise. */
export function cleanLine(raw: string): string {
  const s = stripMarkup(raw);
  // the page-number test comes first: "- 3 -" is a page number, not a bullet
  return PAGE_NUMBER.test(s) || (TOC_HINT.test(s) && TOC_LINE.test(s)) ? '' : s.replace(LIST_BULLET, '');
}

/** A table-of-contents line of a converted Word file: 「一、总体要求……………1」, 「（二）主要任务 .......... 3」. */
const TOC_LINE = /^[^。；]{1,60}?(?:[.．·…⋯]{3,}|…{2,})\s*\d{1,3}$/;
const TOC_HINT = /[.．·…⋯]{2}\s*\d{1,3}$/;

/** A list bullet (Markdown "- ", "* ", "+ ", or •●▪◆■ with a space): the item's text follows it. */
const LIST_BULLET = /^(?:[-*+]|[•●▪◦◆■□·])[\s\u3000]+/;

function stripMarkup(raw: string): string {
  let s = raw.replace(BOOKMARK, '');
  s = s.replace(/\*\*|__/g, '');
  s = s.replace(/^\s*#{1,6}\s+/, '').replace(/^\s*>\s?/, '');
  return s.replace(EDGE_SPACE, '');
}

/** Splits a Markdown pipe row or a tab-separated row into cells; null for ordinary lines. */
function splitRow(raw: string): { cells: string[]; separator: boolean } | null {
  const t = raw.replace(EDGE_SPACE, '');
  if (/^\|.*\|$/.test(t) && t.length > 2) {
    const inner = t.slice(1, -1);
    const cells = inner.split(/(?<!\\)\|/).map((c) => cleanCell(c));
    const separator = cells.every((c) => /^:?-+:?$/.test(c.replace(/\s/g, '')) || c === '') && cells.some((c) => c !== '');
    return { cells, separator };
  }
  if (raw.includes('\t')) {
    const cells = raw.split('\t').map((c) => cleanCell(c));
    if (cells.filter((c) => c !== '').length >= 2) return { cells, separator: false };
  }
  return null;
}

function cleanCell(c: string): string {
  return stripMarkup(c.replace(/<br\s*\/?>/gi, '；'));
}

/** The normalized text as cleaned lines, with their offsets. */
export function toLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let no = 1;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end);
    const row = splitRow(raw);
    if (row) lines.push({ no, start, end, text: row.cells.join(' '), cells: row.cells, separator: row.separator });
    else lines.push({ no, start, end, text: cleanLine(raw) });
    if (end === text.length) break;
    start = end + 1;
    no++;
  }
  dropRunningHeaders(lines);
  return lines;
}

/**
 * Running headers and footers of a converted document: the same short line (the plan's title, the
 * issuer) printed on every page. A line repeated three times or more, not numbered and not ending a
 * sentence, is page furniture; its first occurrence is kept when it opens the document (the title).
 */
function dropRunningHeaders(lines: Line[]): void {
  const count = new Map<string, number>();
  for (const l of lines) if (!l.cells && l.text && l.text.length <= 40) count.set(l.text, (count.get(l.text) ?? 0) + 1);
  let repeated = false;
  for (const n of count.values()) if (n >= 3) repeated = true;
  if (!repeated) return;
  let seen = 0;
  const kept = new Set<string>();
  for (const l of lines) {
    if (!l.text || l.cells) continue;
    seen++;
    const n = count.get(l.text) ?? 0;
    if (n < 3 || /[。；;，,：:]$/.test(l.text) || startsWithMarker(l.text) || isOwnerLabelLine(l.text)) continue;
    if (seen <= 5 && !kept.has(l.text)) {
      kept.add(l.text);
      continue;
    }
    l.text = '';
  }
}

const OPENERS = '（(〔[【［{｛';
const CLOSERS = '）)〕]】］}｝';
const TERMINAL = /[。！？；;!?…：:」』”"）)〕\]】》＞>]$/;
const DEADLINE_LABEL_START = new RegExp(`^(?:${DEADLINE_LABEL_WORDS})\\s*[：:]`);
const DEADLINE_LABEL_ANY = new RegExp(`(?:${DEADLINE_LABEL_WORDS})\\s*[：:]$`);
const DEADLINE_VALUE_END = new RegExp(`(?:${DEADLINE_LABEL_WORDS})\\s*[：:][^：:]*$`);
const DEADLINE_VALUE_HEAD = new RegExp(`^.*(?:${DEADLINE_LABEL_WORDS})\\s*[：:]`);
const OWNER_LABEL_ANY = /(?:单位|部门|科室|领导)\s*[：:]$/;
const LABEL_HEADS = '牵头|责任|协同|配合|协办|主责|主办|主要责任|主要负责|负责单位|负责部门|具体责任|落实单位|实施单位|承办单位|参与|分管|联系|包保';
// 责任单位；(a typo for the colon) is a label; 参与；/配合； (the end of 「Y参与；时间」) is not
const OWNER_LABEL_START = new RegExp(`^(?:${LABEL_HEADS})(?:[^：:；;，,。]{0,6}[：:]|[^：:；;，,。]{1,6}[；;])`);

/** Brackets left open at the end of s (any bracket kind closes any other: files mix them). */
export function openDepth(s: string): number {
  let d = 0;
  // only the brackets matter: jump from one to the next
  for (const m of s.matchAll(BRACKET)) {
    if (OPENERS.includes(m[0])) d++;
    else if (d > 0) d--;
  }
  return d;
}

const BRACKET = /[（(〔[【［{｛）)〕\]】］}｝]/g;

/** True when s closes a bracket it never opened (the tail of an annotation split over lines). */
export function closesUnopened(s: string): boolean {
  let d = 0;
  for (const m of s.matchAll(BRACKET)) {
    if (OPENERS.includes(m[0])) d++;
    else {
      if (d === 0) return true;
      d--;
    }
  }
  return false;
}

export const isOwnerLabelLine = (s: string): boolean => OWNER_LABEL_START.test(s);

/** Whether the next non-blank line continues the paragraph in prev. */
export function continues(prev: string, next: string, wrapped = false): boolean {
  if (!prev || !next) return false;
  if (startsWithMarker(next) || /^附\s*件/.test(next)) return false;
  if (closesUnopened(next) && openDepth(next) === 0) return true;
  // an owner or deadline bracket left open goes on, even when the next line starts with a label
  if (openDepth(prev) > 0 && /[（(〔[【［][^（(〔[【［]*(?:牵头|责任|协同|配合|时限|完成时间)/.test(prev)) return true;
  if (isOwnerLabelLine(next) || DEADLINE_LABEL_START.test(next)) return false;
  // a label at the line's end (…机制。责任单位：) waits for its value on the next line
  if (OWNER_LABEL_ANY.test(prev) || DEADLINE_LABEL_ANY.test(prev)) return true;
  if (isOwnerLabelLine(prev)) return labelAcross(prev, next) || ownerListGoesOn(prev, next);
  if (TERMINAL.test(prev)) return false;
  if (/[，、,]$/.test(prev)) return true;
  // in a hard-wrapped file (PDF-to-text: ~28 characters a line), a numbered line cut mid-sentence goes on
  if (startsWithMarker(prev) && !/。/.test(prev)) return (next.length <= 15 && !/[。；]/.test(next)) || (wrapped && prev.length >= 20 && /[，、,；]/.test(prev));
  return prev.length >= 20;
}

/**
 * 「责任单位：县司法局」 followed by a line 「县级各行政执法部门」: the unit list goes on, when the line
 * is nothing but unit names (no sentence, no label, no deadline).
 */
function ownerListGoesOn(prev: string, next: string): boolean {
  if (next.length > 80 || /[。：:]/.test(next)) return false;
  // the line ends in a time cut by the wrap (完成时限：2 | 026年底前)
  if (DEADLINE_VALUE_END.test(prev)) return next.length <= 20 && !isTimingText(prev.replace(DEADLINE_VALUE_HEAD, ''));
  if (isTimingText(next)) return false;
  if (openDepth(prev) > 0) return true;
  return looksLikeUnits(next);
}

/** The owner line ends with a whole unit name (县司法局), not a name cut by a line wrap (县司). */
function endsWithUnit(s: string): boolean {
  const last = s.split(/[、，,；;：:]/).pop() ?? '';
  return last !== '' && looksLikeUnits(last);
}

/** A wrap that cut a label in two (…县直各部门    完 | 成时限：2026年底前): the line goes on. */
function labelAcross(prev: string, next: string): boolean {
  const head = /^[^：:]{1,5}[：:]/.exec(next)?.[0];
  if (!head) return false;
  const joined = prev.slice(-5) + head;
  return (DEADLINE_LABEL_ANY.test(joined) || OWNER_LABEL_ANY.test(joined)) && !DEADLINE_LABEL_START.test(next) && !OWNER_LABEL_START.test(next);
}

/** Groups cleaned lines into paragraphs; table rows stay one paragraph each. */
export function toParagraphs(lines: Line[]): Para[] {
  const out: Para[] = [];
  let cur: Para | null = null;
  const wrapped = isHardWrapped(lines);
  for (const l of lines) {
    if (l.cells) {
      cur = null;
      if (l.separator) continue;
      out.push({ line: l.no, start: l.start, end: l.end, text: l.text, cells: l.cells });
      continue;
    }
    if (!l.text) continue;
    if (cur && continues(cur.text, l.text, wrapped)) {
      // a unit list continued on the next line: the line break separated two names
      const glue = isOwnerLabelLine(cur.text) && openDepth(cur.text) === 0 && endsWithUnit(cur.text) ? '、' : joinGlue(cur.text, l.text);
      cur.text += glue + l.text;
      cur.end = l.end;
      continue;
    }
    cur = { line: l.no, start: l.start, end: l.end, text: l.text };
    out.push(cur);
  }
  return out;
}

/**
 * A file whose text lines were cut at a fixed width: most long lines stop short of any punctuation
 * and none is much longer than the rest (a paragraph-per-line file has lines of hundreds of characters).
 */
function isHardWrapped(lines: Line[]): boolean {
  let long = 0;
  let cut = 0;
  let over = 0;
  for (const l of lines) {
    if (l.cells || l.text.length < 18) continue;
    long++;
    if (l.text.length > 60) over++;
    else if (!TERMINAL.test(l.text)) cut++;
  }
  return long >= 4 && cut >= long * 0.3 && over <= long * 0.1;
}

/** Chinese wraps join with nothing, and so does a number cut by the wrap; a Latin word wrapped at the line end keeps its space. */
function joinGlue(a: string, b: string): string {
  return /[A-Za-z]$/.test(a) && /^[A-Za-z]/.test(b) ? ' ' : '';
}
