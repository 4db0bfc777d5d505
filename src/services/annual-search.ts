/**
 * Chinese full-text search of the published annual reports. Text is segmented by jieba (search mode:
 * words and the shorter words inside them, so 行政复议 is found by 复议 too) into terms with their
 * counts, stored one row per (term, public copy) — an inverted index that works the same on SQLite and
 * PostgreSQL. A query is segmented the same way (precise mode); a copy matches when it holds every term.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

let jieba: Jieba | null = null;
const seg = () => (jieba ??= Jieba.withDict(dict));

/** Words too common to search by. */
const STOP = new Set(['的', '了', '和', '与', '及', '等', '在', '是', '对', '为', '把', '被', '将', '以', '于', '并', '或', '其', '之', '有', '也', '就', '都', '而', '中', '上', '下']);
const WORDY = /[\p{Script=Han}\p{L}\p{N}]/u;

const keep = (t: string) => {
  const w = t.trim().toLowerCase();
  return w && w.length <= 40 && WORDY.test(w) && !STOP.has(w) ? w : null;
};

/** The terms of a text and how often each occurs. */
export function termsOf(text: string): Map<string, number> {
  const out = new Map<string, number>();
  // jieba is given one line at a time: long inputs are slow and lines never share a word
  for (const line of text.split(/\n+/)) {
    if (!line.trim()) continue;
    for (const t of seg().cutForSearch(line, true)) {
      const w = keep(t);
      if (w) out.set(w, (out.get(w) ?? 0) + 1);
    }
  }
  return out;
}

/** The terms of a query (at most 8, in order). */
export function queryTerms(q: string): string[] {
  const out: string[] = [];
  for (const part of q.split(/\s+/)) {
    if (!part) continue;
    for (const t of seg().cut(part, true)) {
      const w = keep(t);
      if (w && !out.includes(w)) out.push(w);
    }
  }
  return out.slice(0, 8);
}

/** A passage of the text around the first term found (the whole beginning when none is). */
export function snippetOf(text: string, terms: string[], width = 90, phrase?: string): string {
  const flat = text.replace(/\s+/g, ' ');
  const lower = flat.toLowerCase();
  // the query as typed, when the text has it; else the longest word of it (the most telling)
  let at = phrase ? lower.indexOf(phrase.toLowerCase().replace(/\s+/g, '')) : -1;
  for (const t of [...terms].sort((a, b) => b.length - a.length)) {
    if (at >= 0) break;
    at = lower.indexOf(t);
  }
  if (at < 0) return flat.length > width ? `${flat.slice(0, width)}…` : flat;
  const start = Math.max(0, at - Math.floor(width / 3));
  const end = Math.min(flat.length, start + width);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}
