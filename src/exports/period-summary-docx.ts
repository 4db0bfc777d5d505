/**
 * The period summary (报送情况汇总) as a Word document for a 推进会: for one reporting period, what
 * was owed and how it was met — overall, by chapter and by unit (应报送, 已报送, 按时, 逾期报送, 未报送,
 * 被退回, 审核通过) — and the tasks behind 序时进度 or overdue, with their lead units. Same page
 * layout as the cockpit document (GB/T 9704 fonts and margins, page numbers).
 */
import { AlignmentType, Document, Paragraph, Table } from 'docx';
import { formatChineseDate } from '../domain/dates.ts';
import { table } from './cockpit-docx.ts';
import { blankLine, bodyPara, FONT, gbStyles, headingOne, packGbDocx, pageNumberFooters, pageProperties, run, SIZE, titlePara } from './gbt9704.ts';

export interface SummaryCounts {
  due: number;
  submitted: number;
  onTime: number;
  late: number;
  missing: number;
  returned: number;
  accepted: number;
}

export interface PeriodSummary {
  planTitle: string;
  regionName: string;
  period: { label: string; start: string; end: string; due: string };
  today: string;
  /** the cockpit's filters in words (a chapter, a kind of unit), or '' */
  filters: string;
  total: SummaryCounts & { units: number };
  byChapter: ({ chapter: string } & SummaryCounts)[];
  byUnit: ({ unitName: string } & SummaryCounts)[];
  /** 滞后 and 逾期 tasks today */
  behind: { number: string; text: string; status: string; leadUnits: string[]; due: string | null; reason: string }[];
}

const pct = (n: number, d: number) => (d ? `${Math.round((n / d) * 1000) / 10}%` : '—');
const HEAD = ['应报送', '已报送', '按时', '逾期报送', '未报送', '被退回', '审核通过', '按时报送率'];
/** the name column, then room for four-digit counts on one line */
const COUNT_WIDTHS = [20, 8, 8, 7, 8, 8, 7, 8, 9];
const cells = (c: SummaryCounts) => [c.due, c.submitted, c.onTime, c.late, c.missing, c.returned, c.accepted, pct(c.onTime, c.due)];

export async function writePeriodSummaryDocx(s: PeriodSummary): Promise<Buffer> {
  const t = s.total;
  const d = formatChineseDate;
  const behind = s.behind.filter((x) => x.status === '滞后');
  const overdue = s.behind.filter((x) => x.status === '逾期');
  const children: (Paragraph | Table)[] = [
    titlePara(`${s.planTitle}${s.period.label}报送情况汇总`),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(`（${s.regionName ? `${s.regionName}，` : ''}截至${d(s.today)}${s.filters ? `，${s.filters}` : ''}）`, FONT.kai, SIZE.body)] }),
    headingOne('一、总体情况'),
    bodyPara(
      `${s.period.label}（${d(s.period.start)}至${d(s.period.end)}），共有${t.units}个单位应报送任务进展${t.due}项，报送截止日期为${d(s.period.due)}。截至${d(s.today)}，已报送${t.submitted}项，其中按时报送${t.onTime}项、逾期报送${t.late}项，未报送${t.missing}项，按时报送率${pct(t.onTime, t.due)}；经审核，退回修改${t.returned}项，审核通过${t.accepted}项。按照序时进度，滞后任务${behind.length}项，逾期未完成任务${overdue.length}项。`,
    ),
    headingOne('二、各章节报送情况'),
    ...(s.byChapter.length ? [table(['章节', ...HEAD], COUNT_WIDTHS, s.byChapter.map((c) => [c.chapter, ...cells(c)]))] : [bodyPara('本期没有应报送的任务。')]),
    blankLine(),
    headingOne('三、各单位报送情况'),
    ...(s.byUnit.length ? [table(['单位', ...HEAD], COUNT_WIDTHS, s.byUnit.map((u) => [u.unitName, ...cells(u)]))] : [bodyPara('本期没有应报送的单位。')]),
    blankLine(),
    headingOne(`四、滞后于序时进度和逾期未完成的任务（${s.behind.length}项）`),
    ...(s.behind.length
      ? [table(['编号', '任务', '状态', '牵头单位', '完成时限', '说明'], [7, 40, 7, 16, 11, 19], s.behind.map((x) => [x.number, x.text.length > 80 ? `${x.text.slice(0, 80)}…` : x.text, x.status, x.leadUnits.join('、'), x.due ?? '长期', x.reason]))]
      : [bodyPara('没有滞后于序时进度或逾期未完成的任务。')]),
  ];
  const doc = new Document({ creator: 'fazhi', title: `${s.planTitle}${s.period.label}报送情况汇总`, styles: gbStyles(), sections: [{ properties: pageProperties(), footers: pageNumberFooters('centered'), children }] });
  return packGbDocx(doc);
}
