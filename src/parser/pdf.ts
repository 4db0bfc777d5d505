/**
 * PDF with a text layer → text lines (pdfjs-dist legacy build). A PDF whose pages carry no text
 * (a scan) is refused with a message saying so; an encrypted one is refused as unreadable.
 * A task table (任务分工表) is rebuilt from the positions of its pieces into tab-separated rows,
 * across pages and across rows a page break cut.
 */
import { AppError } from '../shared/errors.ts';
import { taskTableColumns, type Col } from './tables.ts';

interface TextItemLike {
  str?: string;
  hasEOL?: boolean;
  transform?: number[];
  width?: number;
  height?: number;
}

export async function pdfToText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc;
  try {
    doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  } catch (e) {
    const name = (e as { name?: string }).name ?? '';
    if (name === 'PasswordException') throw new AppError('UNSUPPORTED', 'PDF 文件已加密（设有密码），无法读取；请取消密码后重新上传');
    throw new AppError('UNSUPPORTED', 'PDF 文件已损坏或格式无法识别，无法读取');
  }
  const pages: string[] = [];
  let carry: Carry = { grid: null, pending: null };
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const out = pageText(content.items as TextItemLike[], carry);
      pages.push(out.text);
      carry = out.carry;
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  if (carry.pending) pages.push(carry.pending.join('\t'));
  const text = pages.join('\n');
  if (text.replace(/[\s\u3000]/g, '').length < 10)
    throw new AppError('UNPROCESSABLE', 'PDF 中没有可读取的文字（可能是扫描件或图片），请上传带文字层的 PDF、Word 或文本文件');
  return text;
}

/** Items in reading order; a change of baseline or an end-of-line flag ends a line. */
function plainText(items: TextItemLike[]): string {
  let out = '';
  let lastY: number | null = null;
  for (const it of items) {
    const y = it.transform?.[5] ?? null;
    if (lastY !== null && y !== null && Math.abs(y - lastY) > 2 && !out.endsWith('\n')) out += '\n';
    out += it.str ?? '';
    if (it.hasEOL) out += '\n';
    if (y !== null) lastY = y;
  }
  return out;
}

interface Piece {
  x: number;
  y: number;
  w: number;
  h: number;
  str: string;
  item: TextItemLike;
}

/** The columns of a task table found on a page (and carried to the next when it goes on there). */
interface Grid {
  starts: number[];
  cols: Col[];
  header: string;
}

const norm = (s: string) => s.replace(/\s/g, '');

/**
 * A page's text. A task table (a header row of 序号 | 重点任务 | 牵头单位 | 完成时限 …, drawn as a grid
 * whose cells wrap) is rebuilt from the positions of its pieces: one tab-separated line a row, as
 * the Word reader prints it, so the table reader sees the same rows from .pdf as from .docx.
 */
function pageText(items: TextItemLike[], carry: Carry): { text: string; carry: Carry } {
  const pieces: Piece[] = [];
  for (const it of items) {
    const t = it.transform;
    if (!t || !it.str || PAGE_MARK.test(it.str.trim())) continue;
    pieces.push({ x: t[4]!, y: t[5]!, w: it.width ?? 0, h: it.height ?? 0, str: it.str, item: it });
  }
  const lines = linesOf(pieces);
  let grid: Grid | null = null;
  let headerAt = -1;
  for (let i = 0; i < lines.length && !grid; i++) {
    const g = gridOf(lines[i]!);
    if (g) {
      grid = g;
      headerAt = i;
    }
  }
  // a table that goes on from the page before, without its header repeated
  if (!grid && carry.grid && lines.length && continuesGrid(lines, carry.grid)) {
    grid = carry.grid;
    headerAt = -1;
  }
  const held = carry.pending ? [carry.pending.join('\t')] : [];
  if (!grid) return { text: [...held, plainText(items)].join('\n'), carry: { grid: null, pending: null } };
  const top = headerAt >= 0 ? lines[headerAt]![0]!.y : Infinity;
  const before = pieces.filter((p) => p.y > top + 2);
  let end = lines.length;
  for (let i = headerAt + 1; i < lines.length; i++) if (endsTable(lines[i]!, grid)) {
    end = i;
    break;
  }
  const bottom = end < lines.length ? lines[end]![0]!.y : -Infinity;
  const inTable = lines.slice(headerAt + 1, end).filter((l) => norm(l.map((p) => p.str).join('')) !== grid!.header);
  const after = pieces.filter((p) => p.y <= bottom + 2 && bottom !== -Infinity);
  const rows = rowsOf(inTable, grid);
  // a row cut by the page break: its first part ends the page before, the rest opens this one
  let pending = carry.grid && sameGrid(carry.grid, grid) ? carry.pending : null;
  if (pending && rows[0]?.continued) {
    const rest = rows.shift()!.cells;
    pending = pending.map((c, i) => c + (rest[i] ?? ''));
  }
  const parts: string[] = [];
  if (pending) parts.push(pending.join('\t'));
  else if (carry.pending) parts.push(carry.pending.join('\t'));
  if (before.length) parts.push(plainText(before.map((p) => p.item)));
  if (headerAt >= 0) parts.push(cellsOf(lines[headerAt]!, grid).join('\t'));
  // the page's last row may go on over the page: held until the next page is read
  const open = end === lines.length && rows.length > 0 ? rows.pop()!.cells : null;
  parts.push(...rows.map((r) => r.cells.join('\t')));
  if (after.length) parts.push(plainText(after.map((p) => p.item)));
  return { text: parts.join('\n') + '\n', carry: { grid: end < lines.length ? null : grid, pending: open } };
}

/** The same table's columns (its header repeated on the next page). */
function sameGrid(a: Grid, b: Grid): boolean {
  return a === b || (a.header === b.header && a.starts.length === b.starts.length && a.starts.every((x, i) => Math.abs(x - b.starts[i]!) <= 3));
}

/** Page furniture inside a table's area: — 3 —, 第3页. */
const PAGE_MARK = /^(?:[—–\-－]\s*\d{1,4}\s*[—–\-－]|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?)$/;

/** What a page hands the next: the table going on, and its last row (which a page break may cut). */
interface Carry {
  grid: Grid | null;
  pending: string[] | null;
}

/** Pieces grouped by baseline (top to bottom), each line left to right. */
function linesOf(pieces: Piece[]): Piece[][] {
  const sorted = [...pieces].sort((a, b) => b.y - a.y || a.x - b.x);
  const out: Piece[][] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && Math.abs(last[0]!.y - p.y) <= 2.5) last.push(p);
    else out.push([p]);
  }
  for (const l of out) l.sort((a, b) => a.x - b.x);
  return out;
}

/** Runs of pieces separated by a gap wider than a character: the cells of a line. */
function runsOf(line: Piece[]): Array<{ x: number; text: string }> {
  const out: Array<{ x: number; right: number; text: string }> = [];
  for (const p of line) {
    const last = out[out.length - 1];
    const blank = p.str.trim() === '';
    if (last && p.x - last.right <= Math.max(4, p.h * 0.6)) {
      last.text += p.str;
      if (!blank) last.right = p.x + p.w;
    } else if (!blank) out.push({ x: p.x, right: p.x + p.w, text: p.str });
  }
  return out.map((r) => ({ x: r.x, text: r.text.trim() }));
}

function gridOf(line: Piece[]): Grid | null {
  const runs = runsOf(line);
  if (runs.length < 3) return null;
  const cols = taskTableColumns(runs.map((r) => r.text));
  if (!cols || !cols.includes('seq')) return null;
  return { starts: runs.map((r) => r.x), cols, header: norm(runs.map((r) => r.text).join('')) };
}

function columnOf(x: number, grid: Grid): number {
  let c = 0;
  for (let i = 0; i < grid.starts.length; i++) if (x >= grid.starts[i]! - 3) c = i;
  return c;
}

/** The page's first lines sit in the carried grid's columns. */
function continuesGrid(lines: Piece[][], grid: Grid): boolean {
  const first = lines.slice(0, 4).flat().filter((p) => p.str.trim());
  return first.length > 0 && first.filter((p) => grid.starts.some((s) => Math.abs(p.x - s) <= 3)).length >= first.length * 0.6;
}

/** A long line of prose starting left of the second column: the text after the table. */
function endsTable(line: Piece[], grid: Grid): boolean {
  const runs = runsOf(line);
  if (runs.length !== 1) return false;
  const r = runs[0]!;
  return r.x < grid.starts[1]! - 3 && r.text.length > 40;
}

function cellsOf(line: Piece[], grid: Grid): string[] {
  const cells = grid.starts.map(() => '');
  for (const r of runsOf(line)) cells[columnOf(r.x, grid)] += r.text;
  return cells;
}

const SEQ = /^\d{1,3}[.．、]?$/;
const SECTION = /^(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十]{1,3}[）)])/;
const UNIT_TAIL = /(?:局|办|委|院|部|会|室|所|中心|处|科|队|府|街道|镇|乡|部门|单位|机关|机构|公司|站|团|馆|社|厅|署|组|园区|联|协|[）)])$/;
const UNIT_HEAD = /^(?:中共|共青团|团|[县市区州旗]|各|全[县市区]|[省市县区]级|[省市县区]直)/;

/**
 * Table lines → one tab-separated line a row. A row starts at a number in the 序号 column (or a
 * section row 一、… across the columns); every piece below it, up to the next row, is in its row,
 * in the column its x falls in. Lines of one cell are joined as wrapped text unless the line
 * before stops short of the cell's width or, in an owner or time column, two entries meet
 * (县市场监管局 | 县司法局): those are separate entries, joined with ；as the Word reader does.
 */
function rowsOf(lines: Piece[][], grid: Grid): Array<{ cells: string[]; continued: boolean }> {
  const seqCol = grid.cols.indexOf('seq');
  const rows: Array<{ section: string | null; lines: Piece[][]; continued: boolean }> = [];
  for (const line of lines) {
    const runs = runsOf(line);
    const first = runs[0];
    const startsRow = Boolean(first && columnOf(first.x, grid) === seqCol && (SEQ.test(first.text) || SECTION.test(first.text)));
    if (startsRow || !rows.length) {
      const section = first && SECTION.test(first.text) && runs.length === 1 ? first.text : null;
      rows.push({ section, lines: [], continued: !startsRow });
    }
    rows[rows.length - 1]!.lines.push(line);
  }
  // the right edge a full line reaches in each column
  const reach = grid.starts.map(() => 0);
  for (const l of lines) for (const p of l) if (p.str.trim()) {
    const c = columnOf(p.x, grid);
    reach[c] = Math.max(reach[c]!, p.x + p.w);
  }
  return rows.map((row) => {
    // a section row spans the columns: printed in each, as a merged Word cell is
    if (row.section) return { cells: grid.starts.map(() => row.section!), continued: false };
    const cells = grid.starts.map(() => [] as Array<{ text: string; right: number; h: number }>);
    for (const line of row.lines) {
      const perCol = new Map<number, { text: string; right: number; h: number }>();
      for (const p of line) {
        const c = columnOf(p.x, grid);
        const cur = perCol.get(c) ?? { text: '', right: 0, h: p.h };
        cur.text += p.str;
        if (p.str.trim()) cur.right = Math.max(cur.right, p.x + p.w);
        cur.h = Math.max(cur.h, p.h);
        perCol.set(c, cur);
      }
      for (const [c, v] of perCol) if (v.text.trim()) cells[c]!.push({ ...v, text: v.text.trim() });
    }
    const text = cells
      .map((parts, c) =>
        parts.reduce((acc, part, k) => {
          if (k === 0) return part.text;
          const prev = parts[k - 1]!;
          // a line cut one character short because the next starts 「度，」 (a stop may not begin a line) is a wrap
          // and so is one cut short because a number or a Latin word does not break (…达到 | 100%，)
          const kinsoku = /^.[，。、；：）」”,.;:)]/.test(part.text) || /^[0-9A-Za-z%％]/.test(part.text) || /[“（(《]$/.test(prev.text);
          const short = prev.right < reach[c]! - Math.max(prev.h, 6) * 1.5 && !kinsoku;
          const owner = grid.cols[c] === 'lead' || grid.cols[c] === 'responsible' || grid.cols[c] === 'leader';
          const entries = owner && UNIT_TAIL.test(prev.text) && UNIT_HEAD.test(part.text);
          const sep = (short || entries) && !/[。；;，,、：:]$/.test(acc) ? '；' : '';
          return acc + sep + part.text;
        }, ''),
      )
      .map((c) => c.replace(/\t/g, ' '));
    return { cells: text, continued: row.continued };
  });
}
