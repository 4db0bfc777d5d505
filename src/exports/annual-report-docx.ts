/**
 * An annual report (法治政府建设年度报告) as Word in the GB/T 9704-2012 layout: A4 with the standard
 * 版心, 22 lines of 28 characters; the title in 二号 小标宋 centered in balanced lines; the body in 三号
 * 仿宋, headings 一、 in 黑体 and （一） in 楷体, lists as numbered body paragraphs, tables in 小四; the
 * author and the date at the end; page numbers "— 1 —" outside. Font fallbacks (仿宋, 楷体, 宋体, 黑体)
 * are written into the font table for machines without the official faces. A draft says so in its header.
 */
import { AlignmentType, Document, Header, LineRuleType, Paragraph, Table, TableCell, TableRow, VerticalAlign, WidthType } from 'docx';
import { formatChineseDate } from '../domain/dates.ts';
import { headingNumbers } from '../domain/annual-document.ts';
import type { Block } from '../shared/api/annual-reports.ts';
import { titleLines } from './circular-docx.ts';
import { blankLine, bodyPara, FONT, gbStyles, headingOne, headingTwo, packGbDocx, pageNumberFooters, pageProperties, para, run, signature, SIZE, TEXT_WIDTH, titlePara } from './gbt9704.ts';

export interface AnnualDocInput {
  title: string;
  /** the reporting body, signed at the end */
  author: string;
  /** YYYY-MM-DD */
  date: string;
  blocks: Pick<Block, 'type' | 'level' | 'text' | 'items' | 'rows'>[];
  draft: boolean;
}

const CELL_LINE = { line: 360, lineRule: LineRuleType.EXACT };

function tableOf(rows: string[][]): Table {
  const cols = Math.max(1, ...rows.map((r) => r.length));
  const first = Math.round(TEXT_WIDTH * (cols > 2 ? 0.34 : 0.5));
  const widths = [first, ...Array.from({ length: cols - 1 }, () => Math.floor((TEXT_WIDTH - first) / Math.max(1, cols - 1)))];
  const cell = (text: string, i: number, head: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { top: 60, bottom: 60, left: 80, right: 80 },
      children: [new Paragraph({ alignment: i === 0 && !head ? AlignmentType.LEFT : AlignmentType.CENTER, spacing: CELL_LINE, children: [run(text, head ? FONT.label : FONT.body, SIZE.table)] })],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: rows.map((r, ri) => new TableRow({ tableHeader: ri === 0, cantSplit: true, children: Array.from({ length: cols }, (_, i) => cell(r[i] ?? '', i, ri === 0)) })),
  });
}

export async function writeAnnualReportDocx(d: AnnualDocInput): Promise<Buffer> {
  const numbers = headingNumbers(d.blocks);
  const body: (Paragraph | Table)[] = [];
  d.blocks.forEach((b, i) => {
    if (b.type === 'heading') body.push((b.level ?? 1) === 1 ? headingOne(`${numbers[i]}${b.text ?? ''}`) : headingTwo(`${numbers[i]}${b.text ?? ''}`));
    else if (b.type === 'paragraph') {
      if ((b.text ?? '').trim()) body.push(bodyPara(b.text!));
    } else if (b.type === 'list') (b.items ?? []).forEach((it, k) => body.push(bodyPara(`${k + 1}.${it}`)));
    else if ((b.rows ?? []).length) body.push(tableOf(b.rows!), para('', { size: 8, spacing: { line: 240, lineRule: LineRuleType.EXACT } }));
  });
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
        children: [blankLine(), ...titleLines(d.title).map(titlePara), blankLine(), ...body, blankLine(), ...signature(d.author, formatChineseDate(d.date))],
      },
    ],
  });
  return packGbDocx(doc);
}
