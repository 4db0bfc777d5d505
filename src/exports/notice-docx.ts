/**
 * A 督办单 as Word, laid out after GB/T 9704-2012: A4, margins 37/35/28/26 mm, a red 版头 (the issuing
 * body and 督办单 in 小标宋, the number below, a red rule), then the notice as a bordered form in 仿宋
 * 三号 with 黑体 labels, and page numbers "— 1 —" in 宋体 四号 at the foot.
 */
import { AlignmentType, Document, LineRuleType, Paragraph, Table, TableCell, TableRow, VerticalAlign, WidthType } from 'docx';
import { formatChineseDate } from '../domain/dates.ts';
import type { NoticeDetail } from '../shared/api/supervision.ts';
import { FONT, gbStyles, packGbDocx, pageNumberFooters, pageProperties, para, run, SIZE, TEXT_WIDTH, versionHead } from './gbt9704.ts';

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
  const page = TEXT_WIDTH;
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
    styles: gbStyles(),
    sections: [
      {
        properties: pageProperties(),
        footers: pageNumberFooters('centered'),
        children: [
          ...versionHead({
            lines: [
              { text: n.issuerOrg, size: SIZE.title, line: 720 },
              { text: '督 办 单', size: SIZE.mark, line: 900 },
            ],
            number: n.number,
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
  return packGbDocx(doc);
}
