/**
 * A unit's 考核得分表 as Word: the GB/T 9704 page (A4, margins, 仿宋 body, page numbers "— 1 —"), the
 * title in 小标宋, the unit, total and rank, then a table of every indicator with its points, the
 * computed figure and how it came about, the self-assessment, the assessor's score and the final score.
 */
import { AlignmentType, Document, Paragraph, Table, TableCell, TableRow, VerticalAlign, WidthType } from 'docx';
import type { UnitScorecard } from '../shared/api/assessment.ts';
import { bodyPara, FONT, gbStyles, packGbDocx, pageNumberFooters, pageProperties, para, run, SIZE, TEXT_WIDTH, titlePara } from './gbt9704.ts';

const COLS = [0.26, 0.07, 0.37, 0.1, 0.1, 0.1].map((f) => Math.floor(TEXT_WIDTH * f));

const cell = (text: string, i: number, o: { head?: boolean; left?: boolean } = {}) =>
  new TableCell({
    width: { size: COLS[i]!, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 40, bottom: 40, left: 40, right: 40 },
    children: [new Paragraph({ alignment: o.left ? AlignmentType.LEFT : AlignmentType.CENTER, children: [run(text, o.head ? FONT.label : FONT.body, SIZE.table)] })],
  });

const fmt = (n: number | null) => (n === null ? '—' : String(n));

export async function writeScorecardDocx(o: { title: string; card: UnitScorecard; date: string }): Promise<Buffer> {
  const { card } = o;
  const head = new TableRow({ tableHeader: true, cantSplit: true, children: ['指标', '分值', '计算过程', '自评', '评分', '得分'].map((t, i) => cell(t, i, { head: true })) });
  const rows = card.lines.map(
    (l) =>
      new TableRow({
        cantSplit: true,
        children: [cell(l.path.join(' › '), 0, { left: true }), cell(String(l.points), 1), cell(`${l.explanation}${l.reviewNote ? `；考核组：${l.reviewNote}` : ''}${l.dispute ? `；异议：${l.dispute}` : ''}`, 2, { left: true }), cell(fmt(l.selfScore), 3), cell(fmt(l.reviewScore), 4), cell(fmt(l.final), 5)],
      }),
  );
  const total = new TableRow({ cantSplit: true, children: [cell('合计', 0, { head: true }), cell(String(card.lines.reduce((s, l) => s + l.points, 0)), 1), cell('', 2), cell('', 3), cell('', 4), cell(fmt(card.total), 5)] });
  const doc = new Document({
    styles: gbStyles(),
    sections: [
      {
        properties: { ...pageProperties(), titlePage: false },
        footers: pageNumberFooters('centered'),
        children: [
          titlePara(o.title),
          para(' '),
          bodyPara(`单位：${card.unitName}`),
          bodyPara(`总分：${fmt(card.total)} 分　排名：${card.rank === null ? '—' : `第 ${card.rank} 名`}　${card.frozen ? '（已审定）' : '（未审定，仅供参考）'}`),
          new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: COLS, rows: [head, ...rows, total] }),
          para(' '),
          para(o.date, { align: AlignmentType.RIGHT, right: 640 }),
        ],
      },
    ],
  });
  return packGbDocx(doc);
}
