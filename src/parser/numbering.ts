/**
 * Numbering markers at the start of a paragraph: 一、 （一） (一) 1. 1、 1． （1） ① 第一章 …
 * `kind` groups markers of one style; the outline ranks kinds by order of appearance.
 */
export type MarkerKind = 'chapter' | 'section' | 'article' | 'cn' | 'pcn' | 'ar' | 'arp' | 'dot2' | 'dot3' | 'dot4' | 'par' | 'circ';

/** Kinds that number measures (the unit of accountability) rather than chapters and sections. */
export const MEASURE_KINDS: ReadonlySet<MarkerKind> = new Set(['article', 'ar', 'arp', 'dot2', 'dot3', 'dot4', 'par', 'circ']);

export interface Marker {
  kind: MarkerKind;
  /** the number as printed, e.g. 一, （四）, (四), 1 */
  number: string;
  /** the number's value (for checking runs and restarts) */
  value: number;
  /** the text after the marker */
  rest: string;
}

const CN = '一二三四五六七八九十百零〇两';
const RE_CHAPTER = new RegExp(`^(第[${CN}\\d]{1,4}(?:章|部分|篇|节|条))[\\s、：:．.]*`);
// 1.1 / 1.1.1 section numbers: small parts, then a space or a Chinese word (not 1.5万 or 1.5倍)
const RE_DOTTED = /^((?:[1-9]\d?)(?:[.．][1-9]\d?){1,3})[.．、]?(?:\s+|(?=[\u4e00-\u9fff“《]))(?![万亿倍个%％])/;
// 1） 2) with a closing bracket only (not a parenthesised （1）)
const RE_ARP = /^(\d{1,3})\s*[）)]\s*/;
const RE_CN = new RegExp(`^([${CN}]{1,4})\\s*[、．.]\\s*`);
const RE_PCN = new RegExp(`^([（(]\\s*[${CN}]{1,4}\\s*[）)])\\s*`);
const RE_AR = /^(\d{1,3})\s*(?:[.．、](?!\d)|\s+(?=[\u4e00-\u9fff“《]))\s*/;
const RE_PAR = /^([（(]\s*\d{1,3}\s*[）)])\s*/;
const RE_CIRC = /^([\u2460-\u2473\u2776-\u277f])\s*/;
// ⑴ ⑵ … (one character) read as the same level as （1）
const RE_PAR_CHAR = /^([\u2474-\u2487])\s*/;

export function parseMarker(text: string): Marker | null {
  let m: RegExpExecArray | null;
  if ((m = RE_CHAPTER.exec(text))) {
    const unit = /(章|部分|篇|节|条)$/.exec(m[1]!)![1]!;
    const kind: MarkerKind = unit === '节' ? 'section' : unit === '条' ? 'article' : 'chapter';
    return make(kind, m[1]!, cnValue(m[1]!.replace(/^第|章|部分|篇|节|条$/g, '')), text, m[0].length);
  }
  if ((m = RE_PCN.exec(text))) return make('pcn', m[1]!.replace(/\s/g, ''), cnValue(m[1]!.replace(/[（()）\s]/g, '')), text, m[0].length);
  if ((m = RE_PAR.exec(text))) return make('par', m[1]!.replace(/\s/g, ''), Number(m[1]!.replace(/\D/g, '')), text, m[0].length);
  if ((m = RE_CIRC.exec(text))) return make('circ', m[1]!, circValue(m[1]!), text, m[0].length);
  if ((m = RE_PAR_CHAR.exec(text))) return make('par', m[1]!, m[1]!.charCodeAt(0) - 0x2473, text, m[0].length);
  if ((m = RE_DOTTED.exec(text))) {
    const parts = m[1]!.split(/[.．]/);
    return make(parts.length === 2 ? 'dot2' : parts.length === 3 ? 'dot3' : 'dot4', m[1]!, Number(parts[parts.length - 1]), text, m[0].length);
  }
  if ((m = RE_ARP.exec(text))) return make('arp', m[1]!, Number(m[1]!), text, m[0].length);
  if ((m = RE_CN.exec(text))) {
    if (isListWordNotNumber(text, m)) return null;
    return make('cn', m[1]!, cnValue(m[1]!), text, m[0].length);
  }
  if ((m = RE_AR.exec(text))) return make('ar', m[1]!, Number(m[1]!), text, m[0].length);
  return null;
}

/** "一、二、三级" or "两、三年" are enumerations inside a sentence, not markers. */
function isListWordNotNumber(text: string, m: RegExpExecArray): boolean {
  const after = text.slice(m[0].length);
  return new RegExp(`^[${CN}]{1,2}[、，,]`).test(after) || m[1] === '两' || m[1] === '零' || m[1] === '〇';
}

function make(kind: MarkerKind, number: string, value: number, text: string, len: number): Marker {
  return { kind, number, value, rest: text.slice(len).replace(/^[\s\u3000]+/, '') };
}

export const startsWithMarker = (text: string): boolean => parseMarker(text) !== null;

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Value of a Chinese numeral up to the hundreds (十一 → 11, 二十三 → 23, 一百零五 → 105). */
export function cnValue(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0;
  let cur = 0;
  for (const ch of s) {
    if (ch in DIGIT) cur = DIGIT[ch]!;
    else if (ch === '十') {
      total += (cur || 1) * 10;
      cur = 0;
    } else if (ch === '百') {
      total += (cur || 1) * 100;
      cur = 0;
    }
  }
  return total + cur;
}

function circValue(ch: string): number {
  const c = ch.charCodeAt(0);
  return c >= 0x2776 ? c - 0x2775 : c - 0x245f;
}
