/**
 * An annual report (法治政府建设年度报告) as Word in the GB/T 9704-2012 layout: A4 with the standard
 * 版心, 22 lines of 28 characters; the title in 二号 小标宋 centered in balanced lines; the body in 三号
 * 仿宋, headings 一、 in 黑体 and （一） in 楷体, lists as numbered body paragraphs, tables in 小四; the
 * author and the date at the end; page numbers "— 1 —" outside. The blocks of section `annex` are the
 * 附件: named in the 附件说明 under the body ("附件：1．…"), then each on a new page after the signature
 * with "附件1" in 黑体 on its first line and its title centered. Font fallbacks (仿宋, 楷体, 宋体, 黑体)
 * are written into the font table for machines without the official faces. A draft says so in its header.
 */
import { AlignmentType, Document, Header, LineRuleType, Paragraph, Table, TableCell, TableRow, VerticalAlign, WidthType } from 'docx';
import { formatChineseDate } from '../domain/dates.ts';
import { headingNumbers, isAnnexHeading } from '../shared/annual-numbering.ts';
import type { Block } from '../shared/api/annual-reports.ts';
import { titleLines } from './circular-docx.ts';
import { blankLine, BODY_TRACKING, bodyPara, CHAR, LINE, FONT, gbStyles, headingOne, headingTwo, packGbDocx, pageNumberFooters, pageProperties, para, run, signature, SIZE, TEXT_WIDTH, textWidthInChars, titlePara } from './gbt9704.ts';

export interface AnnualDocInput {
  title: string;
  /** the reporting body, signed at the end */
  author: string;
  /** YYYY-MM-DD */
  date: string;
  /** a published copy carries each heading's number; a report's blocks are numbered here */
  blocks: (Pick<Block, 'type' | 'level' | 'text' | 'items' | 'rows' | 'section'> & { number?: string })[];
  draft: boolean;
}

const CELL_LINE = { line: 360, lineRule: LineRuleType.EXACT };

/**
 * Column widths from what the columns hold: a short column (序号, 状态, a figure: at most eight
 * characters in any row, its header included) gets just the room its widest cell needs in 小四; the
 * long ones (任务, 牵头单位, 进展) share the rest by how much a typical cell of theirs holds (the 75th
 * percentile, or a third of its widest cell, and never less than six characters), so that one long
 * list of units does not take the room of the progress column and a long goal is not squeezed.
 */
function columnWidths(rows: string[][], cols: number): number[] {
  const widest = Array.from({ length: cols }, (_, i) => Math.max(1, ...rows.map((r) => textWidthInChars(r[i] ?? ''))));
  const charTw = SIZE.table * 10;
  const short = widest.map((w) => w <= 8);
  const fixed = widest.map((w, i) => (short[i] ? Math.ceil(w) * charTw + 220 : 0));
  const rest = TEXT_WIDTH - fixed.reduce((a, b) => a + b, 0);
  const typical = widest.map((_, i) => {
    const ws = rows.slice(1).map((r) => textWidthInChars(r[i] ?? '')).sort((a, b) => a - b);
    // a column with a few long cells still needs room for them: a third of its widest counts too
    return Math.max(6, Math.min(60, ws[Math.floor(ws.length * 0.75)] ?? 4), Math.min(60, widest[i]!) / 3);
  });
  const longWeight = typical.reduce((a, w, i) => a + (short[i] ? 0 : w), 0);
  const widths =
    longWeight > 0 && rest > TEXT_WIDTH * 0.3
      ? typical.map((w, i) => (short[i] ? fixed[i]! : Math.floor((rest * w) / longWeight)))
      : typical.map((w) => Math.floor((TEXT_WIDTH * w) / typical.reduce((a, x) => a + x, 0)));
  const longest = widths.indexOf(Math.max(...widths));
  widths[longest]! += TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  return widths;
}

function tableOf(rows: string[][]): Table {
  const cols = Math.max(1, ...rows.map((r) => r.length));
  const widths = columnWidths(rows, cols);
  // long texts read from the left; short ones (序号, 状态, figures) sit in the middle
  const left = widths.map((_, i) => rows.slice(1).some((r) => textWidthInChars(r[i] ?? '') > 8));
  const cell = (text: string, i: number, head: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { top: 60, bottom: 60, left: 80, right: 80 },
      children: [new Paragraph({ alignment: left[i] && !head ? AlignmentType.LEFT : AlignmentType.CENTER, spacing: CELL_LINE, children: [run(text, head ? FONT.label : FONT.body, SIZE.table)] })],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: rows.map((r, ri) => new TableRow({ tableHeader: ri === 0, cantSplit: true, children: Array.from({ length: cols }, (_, i) => cell(r[i] ?? '', i, ri === 0)) })),
  });
}

export async function writeAnnualReportDocx(d: AnnualDocInput): Promise<Buffer> {
  const computed = headingNumbers(d.blocks);
  const first = d.blocks.findIndex(isAnnexHeading);
  const bodyBlocks = first < 0 ? d.blocks : d.blocks.slice(0, first);
  const annexBlocks = first < 0 ? [] : d.blocks.slice(first);
  const offset = first < 0 ? 0 : first;
  const flow = (blocks: AnnualDocInput['blocks'], from: number): (Paragraph | Table)[] => {
    const out: (Paragraph | Table)[] = [];
    blocks.forEach((b, j) => {
      const number = b.number ?? computed[from + j] ?? '';
      if (b.type === 'heading') {
        // 附件 另面编排: "附件1" in 黑体 on the first line, the title centered on the third
        if (isAnnexHeading(b)) out.push(para(number.trim(), { font: FONT.label, align: AlignmentType.LEFT, pageBreakBefore: true }), blankLine(), ...titleLines(b.text ?? '').map(titlePara), blankLine());
        else out.push((b.level ?? 1) === 1 ? headingOne(`${number}${b.text ?? ''}`) : headingTwo(`${number}${b.text ?? ''}`));
      } else if (b.type === 'paragraph') {
        if ((b.text ?? '').trim()) out.push(bodyPara(b.text!));
      } else if (b.type === 'list') (b.items ?? []).forEach((it, k) => out.push(bodyPara(`${k + 1}.${it}`)));
      else if ((b.rows ?? []).length) out.push(tableOf(b.rows!), para('', { size: 8, spacing: { line: 240, lineRule: LineRuleType.EXACT } }));
    });
    return out;
  };
  // 附件说明: under the body, one line a 附件, the later ones aligned under the first name
  const annexTitles = annexBlocks.filter(isAnnexHeading).map((b) => b.text ?? '');
  const annexNote = annexTitles.map((t, k) =>
    annexTitles.length === 1 ? bodyPara(`附件：${t}`) : k === 0 ? bodyPara(`附件：1．${t}`) : new Paragraph({ spacing: LINE, indent: { left: 5 * CHAR }, children: [run(`${k + 1}．${t}`, FONT.body, SIZE.body, { characterSpacing: BODY_TRACKING })] }),
  );
  const mark = (align: (typeof AlignmentType)[keyof typeof AlignmentType]) => new Header({ children: [para('草稿（未报送）', { font: FONT.label, size: SIZE.table, align, color: '999999', spacing: {} })] });
  const doc = new Document({
    creator: 'fazhi',
    title: d.title,
    evenAndOddHeaderAndFooters: true,
    styles: gbStyles(),
    sections: [
      {
        properties: pageProperties(),
        headers: d.draft ? { default: mark(AlignmentType.RIGHT), even: mark(AlignmentType.LEFT) } : undefined,
        footers: pageNumberFooters('outside'),
        children: [
          blankLine(),
          ...titleLines(d.title).map(titlePara),
          blankLine(),
          ...flow(bodyBlocks, 0),
          ...(annexNote.length ? [blankLine(), ...annexNote] : []),
          blankLine(),
          ...signature(d.author, formatChineseDate(d.date)),
          ...flow(annexBlocks, offset),
        ],
      },
    ],
  });
  return packGbDocx(doc);
}
