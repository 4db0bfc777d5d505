/**
 * .docx → text lines, reading word/document.xml directly (jszip): one line per paragraph,
 * Word's automatic list numbers rendered from numbering.xml (they are not in the text),
 * tables as tab-separated rows with merged cells (gridSpan, vMerge) filled in.
 */
import JSZip from 'jszip';
import { AppError } from '../shared/errors.ts';
import { decodeEntities } from './html.ts';

interface Level {
  fmt: string;
  text: string;
  start: number;
}

type NumberingDefs = Map<string, Map<number, Level>>;

export async function docxToText(bytes: Uint8Array): Promise<string> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new AppError('UNSUPPORTED', 'Word 文件已损坏或不是有效的 .docx 文件，无法读取');
  }
  const doc = zip.file('word/document.xml');
  if (!doc) throw new AppError('UNSUPPORTED', '压缩包中没有 Word 正文（word/document.xml），不是有效的 .docx 文件');
  const xml = await doc.async('string');
  const numXml = await zip.file('word/numbering.xml')?.async('string');
  return new DocxReader(numXml ? parseNumbering(numXml) : new Map()).read(xml);
}

function parseNumbering(xml: string): NumberingDefs {
  const abstract = new Map<string, Map<number, Level>>();
  for (const a of xml.matchAll(/<w:abstractNum\b[^>]*w:abstractNumId="(\d+)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g)) {
    const levels = new Map<number, Level>();
    for (const l of a[2]!.matchAll(/<w:lvl\b[^>]*w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvl>/g)) {
      const body = l[2]!;
      levels.set(Number(l[1]), {
        fmt: /<w:numFmt\b[^>]*w:val="([^"]*)"/.exec(body)?.[1] ?? 'decimal',
        text: decodeEntities(/<w:lvlText\b[^>]*w:val="([^"]*)"/.exec(body)?.[1] ?? ''),
        start: Number(/<w:start\b[^>]*w:val="(\d+)"/.exec(body)?.[1] ?? 1),
      });
    }
    abstract.set(a[1]!, levels);
  }
  const defs: NumberingDefs = new Map();
  for (const n of xml.matchAll(/<w:num\b[^>]*w:numId="(\d+)"[^>]*>([\s\S]*?)<\/w:num>/g)) {
    const abs = /<w:abstractNumId\b[^>]*w:val="(\d+)"/.exec(n[2]!)?.[1];
    if (abs && abstract.has(abs)) defs.set(n[1]!, abstract.get(abs)!);
  }
  return defs;
}

const CN_DIGITS = '〇一二三四五六七八九';
function chineseCount(n: number): string {
  if (n <= 0) return String(n);
  if (n < 10) return CN_DIGITS[n]!;
  if (n < 20) return '十' + (n % 10 ? CN_DIGITS[n % 10] : '');
  if (n < 100) return CN_DIGITS[Math.floor(n / 10)] + '十' + (n % 10 ? CN_DIGITS[n % 10] : '');
  return String(n);
}

function formatNumber(n: number, fmt: string): string {
  if (/chinese|ideograph|japanese|taiwanese/i.test(fmt)) return chineseCount(n);
  if (fmt === 'decimalEnclosedCircle' || fmt === 'decimalEnclosedCircleChinese') return n >= 1 && n <= 20 ? String.fromCharCode(0x245f + n) : String(n);
  if (fmt === 'upperLetter') return String.fromCharCode(64 + n);
  if (fmt === 'lowerLetter') return String.fromCharCode(96 + n);
  if (fmt === 'bullet' || fmt === 'none') return '';
  return String(n);
}

class DocxReader {
  counters = new Map<string, number[]>();
  constructor(private defs: NumberingDefs) {}

  read(xml: string): string {
    const body = /<w:body>([\s\S]*)<\/w:body>/.exec(xml)?.[1] ?? xml;
    const out: string[] = [];
    // top-level paragraphs and tables, in order
    let i = 0;
    while (i < body.length) {
      const tblAt = body.indexOf('<w:tbl>', i);
      const pAt = nextParagraph(body, i);
      if (tblAt >= 0 && (pAt < 0 || tblAt < pAt)) {
        const end = matchingClose(body, tblAt, '<w:tbl>', '</w:tbl>');
        out.push(...this.table(body.slice(tblAt, end)));
        i = end;
        continue;
      }
      if (pAt < 0) break;
      const end = paragraphEnd(body, pAt);
      out.push(this.paragraph(body.slice(pAt, end)));
      i = end;
    }
    return out.join('\n');
  }

  paragraph(p: string): string {
    let text = '';
    for (const m of p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>|<w:cr\/>|<w:delText[^>]*>[^<]*<\/w:delText>/g)) {
      if (m[0].startsWith('<w:t')) text += m[0].startsWith('<w:tab') ? ' ' : decodeEntities(m[1] ?? '');
      else if (m[0] === '<w:br/>' || m[0] === '<w:cr/>') text += '\n';
    }
    return this.listNumber(p) + text;
  }

  /** The automatic number Word would print before this paragraph, e.g. "（一）" or "1." */
  listNumber(p: string): string {
    const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(p)?.[1];
    if (!numPr) return '';
    const numId = /<w:numId\b[^>]*w:val="(\d+)"/.exec(numPr)?.[1];
    const ilvl = Number(/<w:ilvl\b[^>]*w:val="(\d+)"/.exec(numPr)?.[1] ?? 0);
    const levels = numId ? this.defs.get(numId) : undefined;
    const level = levels?.get(ilvl);
    if (!numId || !levels || !level) return '';
    const c = this.counters.get(numId) ?? [];
    c[ilvl] = (c[ilvl] ?? level.start - 1) + 1;
    c.length = ilvl + 1;
    this.counters.set(numId, c);
    if (level.fmt === 'bullet' || level.fmt === 'none') return '';
    return level.text.replace(/%(\d)/g, (_, k: string) => {
      const li = Number(k) - 1;
      const lv = levels.get(li);
      return formatNumber(c[li] ?? lv?.start ?? 1, lv?.fmt ?? 'decimal');
    });
  }

  /** Rows as tab-separated lines, merged cells repeated. */
  table(tbl: string): string[] {
    const lines: string[] = [''];
    const above: string[] = [];
    for (const tr of innerBlocks(tbl, '<w:tr', '</w:tr>')) {
      const row: string[] = [];
      let col = 0;
      for (const tc of innerBlocks(tr, '<w:tc>', '</w:tc>')) {
        const span = Number(/<w:gridSpan\b[^>]*w:val="(\d+)"/.exec(tc)?.[1] ?? 1);
        const vm = /<w:vMerge\b([^>]*)\/?>/.exec(tc);
        const continued = vm !== null && !/w:val="restart"/.test(vm[1] ?? '');
        const text = continued ? (above[col] ?? '') : this.cellText(tc);
        for (let k = 0; k < span; k++) {
          row[col] = text;
          above[col] = text;
          col++;
        }
      }
      lines.push(row.map((c) => c.replace(/\t/g, ' ')).join('\t'));
    }
    lines.push('');
    return lines;
  }

  cellText(tc: string): string {
    const paras: string[] = [];
    for (const p of innerBlocks(tc, '<w:p', '</w:p>')) {
      // a line break inside a cell separates entries as a new paragraph does (县司法局<w:br/>县人社局)
      for (const line of this.paragraph(p).split('\n')) {
        const t = line.trim();
        if (t) paras.push(t);
      }
    }
    return paras.reduce((acc, t) => (acc ? acc + (/[。；;，,、：:]$/.test(acc) ? '' : '；') + t : t), '');
  }
}

function nextParagraph(s: string, from: number): number {
  const re = /<w:p[\s>\/]/g;
  re.lastIndex = from;
  const m = re.exec(s);
  return m ? m.index : -1;
}

function paragraphEnd(s: string, at: number): number {
  const close = s.indexOf('>', at);
  if (s[close - 1] === '/') return close + 1;
  const end = s.indexOf('</w:p>', at);
  return end < 0 ? s.length : end + 6;
}

/** End of the element opened at `at`, counting nested elements of the same name. */
function matchingClose(s: string, at: number, open: string, close: string): number {
  let depth = 0;
  let i = at;
  while (i < s.length) {
    const o = s.indexOf(open, i);
    const c = s.indexOf(close, i);
    if (c < 0) return s.length;
    if (o >= 0 && o < c) {
      depth++;
      i = o + open.length;
    } else {
      depth--;
      i = c + close.length;
      if (depth === 0) return i;
    }
  }
  return s.length;
}

/** Direct child elements (open prefix such as "<w:tr") of a block; nested tables are skipped over. */
function innerBlocks(s: string, openPrefix: string, close: string): string[] {
  const out: string[] = [];
  const inner = s.replace(/^<[^>]+>/, '');
  const openRe = new RegExp(`${openPrefix.replace('>', '')}(?=[\\s>/])`, 'g');
  let i = 0;
  for (;;) {
    openRe.lastIndex = i;
    const m = openRe.exec(inner);
    if (!m) break;
    const o = m.index;
    const nested = inner.indexOf('<w:tbl>', i);
    if (nested >= 0 && nested < o) {
      i = matchingClose(inner, nested, '<w:tbl>', '</w:tbl>');
      continue;
    }
    const gt = inner.indexOf('>', o);
    if (inner[gt - 1] === '/') {
      out.push(inner.slice(o, gt + 1));
      i = gt + 1;
      continue;
    }
    let j = gt + 1;
    for (;;) {
      const c = inner.indexOf(close, j);
      if (c < 0) {
        j = inner.length;
        break;
      }
      const nt = inner.indexOf('<w:tbl>', j);
      if (nt >= 0 && nt < c) {
        j = matchingClose(inner, nt, '<w:tbl>', '</w:tbl>');
        continue;
      }
      j = c + close.length;
      break;
    }
    out.push(inner.slice(o, j));
    i = j;
  }
  return out;
}
