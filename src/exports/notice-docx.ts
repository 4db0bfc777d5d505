/**
 * A 督办单 as Word, laid out after GB/T 9704-2012: A4, margins 37/35/28/26 mm, a red 版头 (the issuing
 * body and 督办单 in 小标宋, the number below, a red rule), then the notice as a bordered form in 仿宋
 * 三号 with 黑体 labels, and page numbers "— 1 —" in 宋体 四号 at the foot.
 */
import { AlignmentType, BorderStyle, Document, Footer, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType, LineRuleType } from 'docx';
import { formatChineseDate } from '../domain/dates.ts';
import type { NoticeDetail } from '../shared/api/supervision.ts';

const mm = (v: number) => Math.round((v / 25.4) * 1440);
const RED = 'E00000';
const FONT = { title: '方正小标宋简体', body: '仿宋_GB2312', label: '黑体', number: '宋体' };
/** sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt */
const SIZE = { title: 44, mark: 52, body: 32, small: 28 };
/** fixed 28.95 pt lines give the standard 22 lines to the page */
const LINE = { line: 579, lineRule: LineRuleType.EXACT };

const run = (text: string, font: string, size: number, extra: { bold?: boolean; color?: string } = {}) => new TextRun({ text, font: { eastAsia: font, ascii: font, hAnsi: font }, size, ...extra });

function para(text: string, opts: { font?: string; size?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: boolean; color?: string; spacing?: object } = {}) {
  return new Paragraph({
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    spacing: opts.spacing ?? LINE,
    indent: opts.indent ? { firstLine: 640 } : undefined,
    children: [run(text, opts.font ?? FONT.body, opts.size ?? SIZE.body, opts.color ? { color: opts.color } : {})],
  });
}

/** A multi-paragraph cell body: each line of the text its own paragraph. */
const lines = (text: string) => text.split(/\r?\n/).map((l) => para(l.trim() || ' ', { size: SIZE.small, spacing: { line: 440, lineRule: LineRuleType.EXACT } }));

const cell = (children: Paragraph[], width: number, opts: { span?: number; label?: boolean } = {}) =>
  new TableCell({
    children,
    columnSpan: opts.span,
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 80, bottom: 80, left: 120, right: 120 },
  });

const label = (text: string, width: number) => cell([new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, FONT.label, SIZE.small)] })], width, { label: true });

export async function writeNoticeDocx(n: NoticeDetail): Promise<Buffer> {
  const page = 11906 - mm(28) - mm(26);
  const L = 1600;
  const V = Math.round((page - 2 * L) / 2);
  const issued = formatChineseDate(n.createdAt.slice(0, 10));
  const closed = n.events.filter((e) => e.action === 'close').pop();
  const rows = [
    new TableRow({ children: [label('督办编号', L), cell([para(n.number, { size: SIZE.small })], V), label('签发日期', L), cell([para(issued, { size: SIZE.small })], V)] }),
    new TableRow({ children: [label('承办单位', L), cell([para(n.unitName, { size: SIZE.small })], V), label('反馈期限', L), cell([para(formatChineseDate(n.replyDue), { size: SIZE.small })], V)] }),
    new TableRow({ children: [label('督办事项', L), cell(lines(n.tasks.map((t) => `${t.number}　${t.text}`).join('\n') || '—'), page - L, { span: 3 })] }),
    new TableRow({ children: [label('存在问题', L), cell(lines(n.problem), page - L, { span: 3 })] }),
    new TableRow({ children: [label('督办要求', L), cell(lines(n.requirement), page - L, { span: 3 })] }),
    new TableRow({ children: [label('办理情况', L), cell(lines(n.reply ?? '（承办单位在平台填报后自动生成）'), page - L, { span: 3 })] }),
    new TableRow({ children: [label('销号意见', L), cell(lines(closed ? `${closed.text ?? ''}\n${closed.actorName}　${formatChineseDate(closed.createdAt.slice(0, 10))}` : '（待依法治办审核）'), page - L, { span: 3 })] }),
  ];
  const doc = new Document({
    creator: 'fazhi',
    title: `督办单 ${n.number}`,
    styles: { default: { document: { run: { font: { eastAsia: FONT.body, ascii: FONT.body, hAnsi: FONT.body }, size: SIZE.body } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), footer: mm(28) - mm(21) },
          },
        },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run('— ', FONT.number, SIZE.small), new TextRun({ children: [PageNumber.CURRENT], font: FONT.number, size: SIZE.small }), run(' —', FONT.number, SIZE.small)] })],
          }),
        },
        children: [
          para(n.issuerOrg, { font: FONT.title, size: SIZE.title, align: AlignmentType.CENTER, color: RED, spacing: { line: 720, lineRule: LineRuleType.EXACT } }),
          para('督 办 单', { font: FONT.title, size: SIZE.mark, align: AlignmentType.CENTER, color: RED, spacing: { line: 900, lineRule: LineRuleType.EXACT } }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 200, after: 120 },
            border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 8 } },
            children: [run(n.number, FONT.body, SIZE.body)],
          }),
          para(' ', { spacing: { line: 240, lineRule: LineRuleType.EXACT } }),
          new Table({ width: { size: page, type: WidthType.DXA }, columnWidths: [L, V, L, V], rows }),
          para(' '),
          para(`请${n.unitName}于${formatChineseDate(n.replyDue)}前在平台反馈办理情况，逾期未反馈的，将提请县领导督促。`, { indent: true }),
          para(' '),
          para(n.issuerOrg, { align: AlignmentType.RIGHT }),
          para(`${issued}　　`, { align: AlignmentType.RIGHT }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
