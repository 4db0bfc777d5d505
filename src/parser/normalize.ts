/**
 * Normalized text → cleaned lines → logical paragraphs.
 * The normalized text keeps the source's line structure (so `line` numbers match the file);
 * cleaning (markup, bookmarks, indentation) happens per line, and paragraphs broken mid-sentence
 * (PDF wraps, blank lines inside a sentence, annotations split over lines) are joined here.
 */
import { startsWithMarker } from './numbering.ts';

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
  return PAGE_NUMBER.test(s) ? '' : s.replace(LIST_BULLET, '');
}

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
    const separator = cells.every((c) => /^:?-{2,}:?$/.test(c.replace(/\s/g, '')) || c === '');
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
const OWNER_LABEL_START = /^(?:牵头|责任|协同|配合|协办|主责|主办|主要责任|参与|分管|联系)[^：:；;，,。]{0,6}[：:；;]/;

/** Brackets left open at the end of s (any bracket kind closes any other: files mix them). */
export function openDepth(s: string): number {
  let d = 0;
  for (const ch of s) {
    if (OPENERS.includes(ch)) d++;
    else if (CLOSERS.includes(ch) && d > 0) d--;
  }
  return d;
}

/** True when s closes a bracket it never opened (the tail of an annotation split over lines). */
export function closesUnopened(s: string): boolean {
  let d = 0;
  for (const ch of s) {
    if (OPENERS.includes(ch)) d++;
    else if (CLOSERS.includes(ch)) {
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
  if (startsWithMarker(next) || isOwnerLabelLine(next) || /^附\s*件/.test(next)) return false;
  if (closesUnopened(next) && openDepth(next) === 0) return true;
  if (openDepth(prev) > 0 && /[（(〔[【［][^（(〔[【［]*(?:牵头|责任|协同|配合|完成时限)/.test(prev)) return true;
  if (isOwnerLabelLine(prev)) return false;
  if (TERMINAL.test(prev)) return false;
  if (/[，、,]$/.test(prev)) return true;
  // in a hard-wrapped file (PDF-to-text: ~28 characters a line), a numbered line cut mid-sentence goes on
  if (startsWithMarker(prev) && !/。/.test(prev)) return (next.length <= 15 && !/[。；]/.test(next)) || (wrapped && prev.length >= 20 && /[，、,；]/.test(prev));
  return prev.length >= 20;
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
      cur.text += joinGlue(cur.text, l.text) + l.text;
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

/** Chinese wraps join with nothing; a Latin word wrapped at the line end keeps its space. */
function joinGlue(a: string, b: string): string {
  return /[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? ' ' : '';
}
