/**
 * The cockpit as a Word document for a meeting: the same figures as the screen, as text and tables
 * (三号仿宋 body, 黑体 headings, A4 with the official margins), so it prints and edits like any
 * 材料 the office hands out.
 */
import { AlignmentType, Document, LineRuleType, Paragraph, Table, TableCell, TableRow, VerticalAlign, WidthType } from 'docx';
import { formatChineseDate } from '../domain/dates.ts';
import type { Cockpit } from '../shared/api/dashboard.ts';
import { blankLine, bodyPara, FONT, gbStyles, headingOne, packGbDocx, pageNumberFooters, pageProperties, run, SIZE, TEXT_WIDTH, titlePara } from './gbt9704.ts';

const CELL_LINE = { line: 320, lineRule: LineRuleType.EXACT };

export function table(headers: string[], widths: number[], rows: (string | number)[][]): Table {
  const total = widths.reduce((s, x) => s + x, 0);
  const cols = widths.map((w) => Math.round((w / total) * TEXT_WIDTH));
  const cell = (text: string, i: number, head: boolean) =>
    new TableCell({
      width: { size: cols[i]!, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { top: 40, bottom: 40, left: 60, right: 60 },
      children: [new Paragraph({ alignment: i === 0 || head || /^[\d.%]+$/.test(text) ? AlignmentType.CENTER : AlignmentType.LEFT, spacing: CELL_LINE, children: [run(text, head ? FONT.label : FONT.body, head ? 21 : SIZE.table)] })],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: cols,
    rows: [new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((h, i) => cell(h, i, true)) }), ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(String(v), i, false)) }))],
  });
}

export async function writeCockpitDocx(c: Cockpit, o: { filters: string; regionName: string }): Promise<Buffer> {
  const k = c.completion.counts;
  const trend = c.onTimeTrend.slice(-8);
  const children: (Paragraph | Table)[] = [
    titlePara(`${c.plan?.title ?? ''}推进情况`),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(`（截至${formatChineseDate(c.today)}${o.filters ? `，${o.filters}` : ''}）`, FONT.kai, SIZE.body)] }),
    headingOne('一、总体情况'),
    bodyPara(`方案共有任务${k.total}项，其中已完成${k['已完成']}项、推进中${k['推进中']}项、长期坚持${k['长期坚持']}项、未开始${k['未开始']}项，滞后于序时进度${k['滞后']}项、逾期未完成${k['逾期']}项。完成率${c.completion.doneRate}%，按序时进度推进的任务占${c.completion.onTrackRate}%。`),
    headingOne('二、各章节完成情况'),
    table(['章节', '任务', '已完成', '推进中', '长期坚持', '未开始', '滞后', '逾期', '完成率'], [30, 6, 7, 7, 8, 7, 6, 6, 8], c.byChapter.map((x) => [x.chapter, x.counts.total, x.counts['已完成'], x.counts['推进中'], x.counts['长期坚持'], x.counts['未开始'], x.counts['滞后'], x.counts['逾期'], `${x.doneRate}%`])),
    blankLine(),
    headingOne('三、按时报送情况'),
    trend.length ? bodyPara(`最近${trend.length}个报送周期的按时报送率依次为${trend.map((p) => `${p.label}${p.rate}%`).join('、')}。`) : bodyPara('尚无已截止的报送周期。'),
    ...(trend.length ? [table(['报送周期', '应报送', '按时', '逾期', '未报送', '按时报送率'], [20, 10, 10, 10, 10, 14], trend.map((p) => [p.label, p.owed, p.onTime, p.late, p.missing, `${p.rate}%`]))] : []),
    blankLine(),
    headingOne(`四、单位报送排名${c.period ? `（${c.period.label}）` : ''}`),
    ...(c.unitRanking.length ? [table(['名次', '单位', '应报送', '按时', '审核通过', '按时报送率', '通过率'], [6, 30, 8, 8, 9, 11, 9], c.unitRanking.map((u, i) => [i + 1, u.unitName, u.owed, u.onTime, u.accepted, `${u.onTimeRate}%`, `${u.acceptedRate}%`]))] : [bodyPara('本期没有应报送的任务。')]),
    blankLine(),
    headingOne(`五、滞后于序时进度的任务（${c.behind.length}项）`),
    ...(c.behind.length ? [table(['编号', '任务', '牵头单位', '完成时限'], [8, 52, 20, 12], c.behind.map((t) => [t.number, t.text.length > 80 ? `${t.text.slice(0, 80)}…` : t.text, t.leadUnits.join('、'), t.due ?? '长期']))] : [bodyPara('没有滞后于序时进度的任务。')]),
    blankLine(),
    headingOne('六、量化指标完成情况'),
    ...(c.targets.length ? [table(['编号', '指标', '目标', '实际', '完成比例', '报送周期'], [8, 42, 10, 10, 10, 14], c.targets.map((t) => [t.number, t.raw, `${t.target}${t.unit ?? ''}`, t.actual === null ? '未报' : `${t.actual}${t.unit ?? ''}`, t.ratio === null ? '—' : `${t.ratio}%`, t.periodLabel ?? '—']))] : [bodyPara('方案中没有可量化的指标。')]),
  ];
  const doc = new Document({ creator: 'fazhi', title: `${c.plan?.title ?? ''}推进情况`, styles: gbStyles(), sections: [{ properties: pageProperties(), footers: pageNumberFooters('centered'), children }] });
  return packGbDocx(doc);
}
