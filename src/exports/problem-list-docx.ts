/**
 * The 问题清单 as Word, laid out after GB/T 9704-2012 like the 督办单: A4 with the standard margins, a
 * red 版头 (the issuing body and 问题清单 in 小标宋, the list's number, the red rule), the title in 二号
 * 小标宋, the 被督察单位 and the visit as a bordered form, then each problem — 问题描述, 整改要求,
 * 整改时限, 整改情况, 状态 — in 仿宋 with 黑体 labels, the request to rectify, signature and date; page
 * numbers "— 1 —" at the foot. One list (one unit's visit) a section, each starting on page 1.
 */
import { AlignmentType, Document, LineRuleType, Paragraph, Table, TableCell, TableRow, VerticalAlign, WidthType } from 'docx';
import { formatChineseDate } from '../domain/dates.ts';
import { titleLines } from './circular-docx.ts';
import { blankLine, bodyPara, FONT, gbStyles, packGbDocx, pageNumberFooters, pageProperties, para, run, signature, SIZE, TEXT_WIDTH, titlePara, versionHead } from './gbt9704.ts';

export interface ProblemListDocProblem {
  /** 第1项 */
  label: string;
  task: string | null;
  description: string;
  requirement: string;
  deadline: string;
  rectification: string;
  status: string;
}

export interface ProblemListDoc {
  /** 息法察〔2026〕1号, or a note while the visit is not recorded */
  number: string;
  title: string;
  unitName: string;
  inspectionTitle: string;
  visitedOn: string | null;
  inspectors: string;
  problems: ProblemListDocProblem[];
}

const CELL_LINE = { line: 440, lineRule: LineRuleType.EXACT };
const lines = (text: string) => text.split(/\r?\n/).map((l) => para(l.trim() || ' ', { size: SIZE.small, spacing: CELL_LINE, align: AlignmentType.LEFT }));
const cell = (children: Paragraph[], width: number, span?: number) =>
  new TableCell({ children, columnSpan: span, width: { size: width, type: WidthType.DXA }, verticalAlign: VerticalAlign.CENTER, margins: { top: 80, bottom: 80, left: 120, right: 120 } });
const label = (text: string, width: number) => cell([new Paragraph({ alignment: AlignmentType.CENTER, spacing: CELL_LINE, children: [run(text, FONT.label, SIZE.small)] })], width);

function listSection(l: ProblemListDoc, issuerOrg: string, date: string) {
  const page = TEXT_WIDTH;
  // label, value, second label, second value (wide enough for a date on one line)
  const L = 1800;
  const L2 = 1400;
  const V = Math.floor((page - L - L2) / 2);
  const V2 = page - L - L2 - V;
  const wide = page - L;
  const rows: TableRow[] = [
    new TableRow({ cantSplit: true, children: [label('被督察单位', L), cell(lines(l.unitName), V), label('督察日期', L2), cell(lines(l.visitedOn ? formatChineseDate(l.visitedOn) : '（待督察）'), V2)] }),
    new TableRow({ cantSplit: true, children: [label('督察计划', L), cell(lines(l.inspectionTitle), V), label('督察人员', L2), cell(lines(l.inspectors || '—'), V2)] }),
  ];
  for (const p of l.problems) {
    rows.push(
      new TableRow({ cantSplit: true, children: [cell([new Paragraph({ alignment: AlignmentType.LEFT, spacing: CELL_LINE, keepNext: true, children: [run(`${p.label}${p.task ? `　关联任务：${p.task}` : ''}`, FONT.label, SIZE.small)] })], page, 4)] }),
      new TableRow({ cantSplit: true, children: [label('问题描述', L), cell(lines(p.description), wide, 3)] }),
      new TableRow({ cantSplit: true, children: [label('整改要求', L), cell(lines(p.requirement), wide, 3)] }),
      new TableRow({ cantSplit: true, children: [label('整改时限', L), cell(lines(formatChineseDate(p.deadline)), V), label('状态', L2), cell(lines(p.status), V2)] }),
      new TableRow({ cantSplit: true, children: [label('整改情况', L), cell(lines(p.rectification), wide, 3)] }),
    );
  }
  return {
    properties: { page: { ...pageProperties().page, pageNumbers: { start: 1 } } },
    footers: pageNumberFooters('centered'),
    children: [
      ...versionHead({
        lines: [
          { text: issuerOrg, size: SIZE.title, line: 720 },
          { text: '问 题 清 单', size: SIZE.mark, line: 900 },
        ],
        number: l.number,
      }),
      blankLine(),
      // a character's room to spare: readers without 小标宋 set the title a little wider
      ...titleLines(l.title, Math.floor(TEXT_WIDTH / 20 / 22) - 1).map(titlePara),
      blankLine(),
      new Table({ width: { size: page, type: WidthType.DXA }, columnWidths: [L, V, L2, V2], rows }),
      blankLine(),
      bodyPara(`请${l.unitName}按照整改要求逐项整改，于整改时限前在平台提交整改报告并附整改佐证材料；逾期未整改的，将按规定提醒、升级督办，并在年度考核中扣分。`),
      blankLine(),
      ...signature(issuerOrg, date),
    ],
  };
}

export async function writeProblemListDocx(o: { title: string; issuerOrg: string; date: string; lists: ProblemListDoc[] }): Promise<Buffer> {
  const date = formatChineseDate(o.date);
  const doc = new Document({ creator: 'fazhi', title: o.title, styles: gbStyles(), sections: o.lists.map((l) => listSection(l, o.issuerOrg, date)) });
  return packGbDocx(doc);
}
