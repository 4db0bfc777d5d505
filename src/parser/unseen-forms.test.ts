/**
 * Owner and deadline forms that other counties and cities print and the seeds do not: deadline
 * clauses in 〔〕/【】 brackets, 「X牵头，Y配合；时间」 in one bracket, owners written as the closing
 * sentence, 时限：/完成时间：/时间节点： labels, dated steps in one clause, one-word labels (牵头：/配合：),
 * leaders with their office titles, unit lists continued on the next line, deadline columns written
 * 2026.12 / 12月 / 全年, and task tables with a 类别 column, section rows, sub-header rows and merged
 * cells. Every case asserts the owners, deadlines and targets exactly, and every draft is checked
 * against plan-draft.schema.json.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, VerticalMergeType, WidthType } from 'docx';
import { PlanDraftSchema, type PlanDraft, type PlanTask } from '../shared/plan-draft.ts';
import { planDraftSchemaErrors as valid } from '../../test/plan-schema.ts';
import { parsePlan } from './index.ts';

const dir = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'parser');
const HEAD = '青林县法治政府建设实施方案（2026—2030年）\n一、主要任务\n（一）推进依法行政\n';

async function parse(text: string, fileName = 'plan.txt'): Promise<PlanDraft> {
  return check(await parsePlan(new TextEncoder().encode(text), { fileName }), fileName);
}

function check(d: PlanDraft, name: string): PlanDraft {
  assert.equal(valid(d), null, name);
  assert.ok(PlanDraftSchema.safeParse(d).success, name);
  return d;
}

/** The plan's only task, for an item written under a 2026—2030 plan's first section. */
async function only(item: string): Promise<PlanTask> {
  const d = await parse(HEAD + item + '\n');
  assert.equal(d.tasks.length, 1, JSON.stringify(d.tasks.map((t) => t.text)));
  return d.tasks[0]!;
}

const owners = (t: PlanTask) => [t.lead_units, t.responsible_units, t.lead_leaders];
const dues = (t: PlanTask) => t.deadlines.map((x) => [x.due, x.ongoing, x.recurring]);
const targets = (t: PlanTask) => t.targets.map((x) => [x.value, x.unit, x.op]);
/** owners (lead, responsible, leaders), deadlines (due, ongoing, recurring) and targets (value, unit, op) of a task */
const all = (t: PlanTask) => ({ owners: owners(t), dues: dues(t), targets: targets(t) });

test('〔完成时限：…〕 in square brackets is a deadline, not a target', async () => {
  const t = await only('1.推进政府机构职能优化协同高效。深化机构改革。〔完成时限：2027年6月底前〕');
  assert.deepEqual(all(t), { owners: [[], [], []], dues: [['2027-06-30', false, null]], targets: [] });
});

test('〔完成时限：任期内〕 before an owner bracket is a per-term deadline', async () => {
  const t = await only('1.全面实行政府权责清单制度。动态调整权责清单。〔完成时限：任期内〕（牵头单位：县委编办；责任单位：县政府各部门）');
  assert.deepEqual(all(t), { owners: [['县委编办'], ['县政府各部门'], []], dues: [[null, false, 'per-term']], targets: [] });
});

test('【完成时限：…】 in lenticular brackets', async () => {
  const t = await only('1.完善备案审查制度。【完成时限：2027年底前】（牵头单位：县司法局）');
  assert.deepEqual(all(t), { owners: [['县司法局'], [], []], dues: [['2027-12-31', false, null]], targets: [] });
});

test('（X牵头，Y配合；2027年上半年完成）: owners and the deadline from one bracket', async () => {
  const t = await only('1.深化“放管服”改革。加快转变政府职能（县政府办牵头，县司法局配合；2027年上半年完成）');
  assert.deepEqual(all(t), { owners: [['县政府办'], ['县司法局'], []], dues: [['2027-06-30', false, null]], targets: [] });
});

test('owners in the closing sentence: 由X牵头，Y按职责分工负责，2026年底前完成', async () => {
  const t = await only('1.推进严格规范公正文明执法。由县司法局牵头，县直各部门按职责分工负责，2026年底前完成。');
  assert.deepEqual(all(t), { owners: [['县司法局'], ['县直各部门'], []], dues: [['2026-12-31', false, null]], targets: [] });
  assert.equal(t.text, '推进严格规范公正文明执法。');
});

test('owners in the closing sentence with the time in a sentence of its own', async () => {
  const t = await only('1.推进“一网通办”。县政务服务中心牵头，县直各部门配合；2027年底前完成。');
  assert.deepEqual(all(t), { owners: [['县政务服务中心'], ['县直各部门'], []], dues: [['2027-12-31', false, null]], targets: [] });
});

test('a prose sentence that only mentions a unit is not an owner annotation', async () => {
  const t = await only('1.加强法治宣传，县司法局负责统筹各类普法资源。（县委宣传部负责）');
  assert.deepEqual(all(t), { owners: [['县委宣传部'], [], []], dues: [], targets: [] });
  assert.equal(t.text, '加强法治宣传，县司法局负责统筹各类普法资源。');
});

test('（X、Y按职责分工负责；长期坚持） keeps the ongoing duty', async () => {
  const t = await only('1.加强普法工作。深入开展法治宣传教育（县司法局、县人社局按职责分工负责；长期坚持）');
  assert.deepEqual(all(t), { owners: [['县司法局', '县人社局'], [], []], dues: [[null, true, null]], targets: [] });
});

test('（责任单位：A等B；时限：持续推进）: 时限 is a deadline label, not a unit', async () => {
  const t = await only('1.强化行政复议。推进复议体制改革（责任单位：县司法局等县直有关部门；时限：持续推进）');
  assert.deepEqual(all(t), { owners: [[], ['县司法局', '县直有关部门'], []], dues: [[null, true, null]], targets: [] });
});

test('完成时间： and 时间节点： labels, inside a bracket and on their own line', async () => {
  const a = await only('1.加强政务诚信建设。（责任单位：县发改局；完成时间：2026年11月）');
  assert.deepEqual(all(a), { owners: [[], ['县发改局'], []], dues: [['2026-11-30', false, null]], targets: [] });
  const b = await only('1.推进“证照分离”改革。\n责任单位：县市场监管局（牵头），县直有关部门，各乡（镇、街道）\n时间节点：2026年上半年');
  assert.deepEqual(all(b), { owners: [['县市场监管局'], ['县直有关部门', '各乡（镇、街道）'], []], dues: [['2026-06-30', false, null]], targets: [] });
});

test('a clause with several dated steps gives one deadline a step', async () => {
  const t = await only('1.全面推行行政执法三项制度。（牵头单位：县司法局；责任单位：县级各行政执法部门；完成时限：2026年6月底前完成制度建设，2026年底前全面落实）');
  assert.deepEqual(all(t), { owners: [['县司法局'], ['县级各行政执法部门'], []], dues: [['2026-06-30', false, null], ['2026-12-31', false, null]], targets: [] });
});

test('2026年年底前…并长期坚持 is ongoing, not yearly (年年 of a date is no recurrence)', async () => {
  const t = await only('1.落实备案审查。（完成时限：2026年年底前完成并长期坚持）（牵头单位：县司法局）');
  assert.deepEqual(all(t), { owners: [['县司法局'], [], []], dues: [['2026-12-31', true, null]], targets: [] });
});

test('half-width punctuation throughout the annotation', async () => {
  const t = await only('1.深化“放管服”改革。压减审批事项。(牵头单位:县政务服务中心;责任单位:县直各有关部门;完成时限:2026年9月30日前)');
  assert.deepEqual(all(t), { owners: [['县政务服务中心'], ['县直各有关部门'], []], dues: [['2026-09-30', false, null]], targets: [] });
});

test('one-word labels 牵头：/配合：', async () => {
  const t = await only('1.推进公正司法。（牵头：县司法局；配合：县法院、县检察院）');
  assert.deepEqual(all(t), { owners: [['县司法局'], ['县法院', '县检察院'], []], dues: [], targets: [] });
});

test('（X牵头负责）, （X牵头，Y、Z负责）, （由X会同Y负责）', async () => {
  assert.deepEqual(all(await only('1.优化营商环境。（县发改局牵头负责）')), { owners: [['县发改局'], [], []], dues: [], targets: [] });
  assert.deepEqual(all(await only('1.推进基层治理。（县司法局牵头，各乡镇、县直各部门负责）')), { owners: [['县司法局'], ['各乡镇', '县直各部门'], []], dues: [], targets: [] });
  assert.deepEqual(all(await only('1.清理涉企文件。（由县司法局会同县直各部门负责）')), { owners: [['县司法局'], ['县直各部门'], []], dues: [], targets: [] });
});

test('a labelled list written as a phrase: 责任单位：X牵头，Y配合', async () => {
  const t = await only('1.加强执法监督。（责任单位：县司法局牵头，县直各执法部门配合）');
  assert.deepEqual(all(t), { owners: [['县司法局'], ['县直各执法部门'], []], dues: [], targets: [] });
});

test('leaders printed with their office: 常务副县长张三, 县委常委、副县长李四, 王五副县长', async () => {
  assert.deepEqual(all(await only('1.加强执法监督。（责任领导：常务副县长张三；责任单位：县司法局）')), { owners: [[], ['县司法局'], ['张三']], dues: [], targets: [] });
  assert.deepEqual(all(await only('1.加强执法监督。（牵头县领导：县委常委、副县长李四；牵头单位：县司法局）')), { owners: [['县司法局'], [], ['李四']], dues: [], targets: [] });
  assert.deepEqual(all(await only('1.加强执法监督。（牵头县领导：王五副县长；牵头单位：县司法局）')), { owners: [['县司法局'], [], ['王五']], dues: [], targets: [] });
});

test('a unit list continued on the next line, and a bracket split across lines', async () => {
  const a = await only('1.加强执法队伍建设。\n责任单位：县司法局\n县级各行政执法部门');
  assert.deepEqual(all(a), { owners: [[], ['县司法局', '县级各行政执法部门'], []], dues: [], targets: [] });
  const b = await only('1.组织开展集体学法。县政府常务会议每年学法不少于4次。\n（牵头单位：县政府办公室\n责任单位：县司法局）\n完成时间：2026年12月底');
  assert.deepEqual(all(b), { owners: [['县政府办公室'], ['县司法局'], []], dues: [['2026-12-31', false, null]], targets: [[4, '次', '>=']] });
});

test('bold labels on their own lines: **牵头单位：**X', async () => {
  const t = await only('1.深化法律顾问制度。\n**牵头单位：**县司法局\n**责任单位：**县直各部门、各乡（镇、街道）\n**完成时限：**2027年6月底前');
  assert.deepEqual(all(t), { owners: [['县司法局'], ['县直各部门', '各乡（镇、街道）'], []], dues: [['2027-06-30', false, null]], targets: [] });
});

test('deadlines a clause prints: 2026年起每年, 全年, a bare month, 2026.12, 2026—2027年, 常态化推进, “十五五”期间', async () => {
  const d = await parse(
    HEAD +
      [
        '1.强化行政复议监督。（责任单位：县司法局；完成时间：2026年起每年）',
        '2.开展执法评查。（县司法局负责；完成时限：全年）',
        '3.清理规范性文件。（县司法局负责；完成时限：12月）',
        '4.编制权责清单。（县委编办负责；完成时限：2026.12）',
        '5.推行公职律师制度。（县司法局负责；2026—2027年）',
        '6.加强应急管理。（县应急局负责；常态化推进）',
        '7.加强法治队伍建设。（牵头单位：县委组织部；完成时限：“十五五”期间）',
        '8.开展法治督察。（县委依法治县办牵头，各乡镇配合；2026年起长期坚持）',
      ].join('\n'),
  );
  assert.deepEqual(d.tasks.map(dues), [
    [[null, false, 'yearly']],
    [['2026-12-31', false, null]],
    [['2026-12-31', false, null]],
    [['2026-12-31', false, null]],
    [['2027-12-31', false, null]],
    [[null, true, null]],
    [['2030-12-31', false, null]],
    [[null, true, null]],
  ]);
  assert.deepEqual(d.tasks.map(owners), [
    [[], ['县司法局'], []],
    [['县司法局'], [], []],
    [['县司法局'], [], []],
    [['县委编办'], [], []],
    [['县司法局'], [], []],
    [['县应急局'], [], []],
    [['县委组织部'], [], []],
    [['县委依法治县办'], ['各乡镇'], []],
  ]);
  assert.deepEqual(d.tasks.map(targets), [[], [], [], [], [], [], [], []]);
});

test('month-only and quarter deadlines take the year of a one-year 工作要点', async () => {
  const d = await parse(
    '青山区2027年法治政府建设工作要点\n一、深入学习贯彻习近平法治思想\n' +
      '（一）加强理论学习。全年安排学法不少于4次。（区政府办公室牵头，区司法局配合；12月底前完成）\n' +
      '（二）开展涉企执法检查专项整治。（区司法局牵头，区级各行政执法部门配合；第二季度）\n',
  );
  assert.deepEqual(d.tasks.map(all), [
    { owners: [['区政府办公室'], ['区司法局'], []], dues: [['2027-12-31', false, null]], targets: [[4, '次', '>=']] },
    { owners: [['区司法局'], ['区级各行政执法部门'], []], dues: [['2027-06-30', false, null]], targets: [] },
  ]);
  assert.deepEqual(d.tasks.map((t) => t.title), ['加强理论学习', null]);
});

test('a run-in title needs text after it, not only a deadline clause', async () => {
  const t = await only('1.推行包容审慎监管。（县市场监管局负责；持续推进）');
  assert.equal(t.title, null);
  assert.deepEqual(all(t), { owners: [['县市场监管局'], [], []], dues: [[null, true, null]], targets: [] });
});

test('in-text dates: 起施行 is not a deadline, 力争2027年 and 2026年完成 are, 年底前 takes the plan year', async () => {
  const d = await parse(
    '南岭县2026年法治政府建设工作要点\n一、主要任务\n' +
      '1.贯彻实施条例。《条例》自2026年1月1日起施行，组织开展宣传。\n' +
      '2.推进乡镇综合执法。力争2027年实现乡镇综合执法全覆盖。\n' +
      '3.完成规范性文件清理。年底前完成清理工作。\n',
  );
  assert.deepEqual(d.tasks.map(all), [
    { owners: [[], [], []], dues: [], targets: [] },
    { owners: [[], [], []], dues: [['2027-12-31', false, null]], targets: [[100, '%', '>=']] },
    { owners: [[], [], []], dues: [['2026-12-31', false, null]], targets: [[null, null, 'achieve']] },
  ]);
});

test('a narrative body before an annex that sets the deadlines: the body dates are not deadlines', async () => {
  const d = await parse(
    HEAD +
      '1.推进行政执法规范化，2026年底前实现执法全过程记录全覆盖。\n' +
      '附件\n重点工作举措责任分工\n' +
      '一、推进依法行政\n1.推进行政执法规范化（完成时限：2026年底前并长期坚持）。\n牵头单位：县司法局\n责任单位：县级各行政执法部门\n',
  );
  assert.deepEqual(d.tasks.map((t) => t.part), ['body', 'annex']);
  assert.deepEqual(d.tasks.map(all), [
    { owners: [[], [], []], dues: [], targets: [[100, '%', '>=']] },
    { owners: [['县司法局'], ['县级各行政执法部门'], []], dues: [['2026-12-31', true, null]], targets: [] },
  ]);
  // the body's date is its target's date
  assert.equal(d.tasks[0]!.targets[0]!.by, '2026-12-31');
});

test('tab-separated annex: a 任务类别 column, a section row numbered 一 in the 序号 column, a repeated header', async () => {
  const header = '序号\t任务类别\t重点任务\t责任领导\t牵头单位\t责任单位\t完成时限';
  const d = await parse(
    [
      '临溪区法治政府建设实施方案（2026—2030年）',
      '一、主要任务',
      '1.加强组织领导。各部门要高度重视。（区委依法治区办负责）',
      '附件',
      '临溪区法治政府建设重点任务分解表',
      header,
      '一\t依法全面履行政府职能\t\t\t\t\t',
      '1\t依法全面履行政府职能\t深化行政审批制度改革，推行告知承诺制\t张三\t区政务服务局\t区直各部门\t2026年底前',
      '2\t依法全面履行政府职能\t推进“互联网+政务服务”\t张三\t区数据局\t区直各部门、各街道\t2027年6月底前完成，并长期坚持',
      header,
      '3\t健全依法决策机制\t推行法律顾问制度，公职律师覆盖率达到100%\t李四\t区司法局（牵头）、区委组织部\t区直各部门\t每年12月底前',
      '4\t\t开展执法监督检查\t\t区司法局\t区级各行政执法部门\t每季度',
      '',
    ].join('\n'),
  );
  const annex = d.tasks.filter((t) => t.part === 'annex');
  assert.deepEqual(annex.map((t) => [t.path.join('/'), t.text]), [
    ['依法全面履行政府职能/1', '深化行政审批制度改革，推行告知承诺制'],
    ['依法全面履行政府职能/2', '推进“互联网+政务服务”'],
    ['健全依法决策机制/3', '推行法律顾问制度，公职律师覆盖率达到100%'],
    ['健全依法决策机制/4', '开展执法监督检查'],
  ]);
  assert.deepEqual(annex.map(all), [
    { owners: [['区政务服务局'], ['区直各部门'], ['张三']], dues: [['2026-12-31', false, null]], targets: [] },
    { owners: [['区数据局'], ['区直各部门', '各街道'], ['张三']], dues: [['2027-06-30', true, null]], targets: [] },
    // a lead cell that marks its lead (区司法局（牵头）、区委组织部): the unmarked name co-operates
    { owners: [['区司法局'], ['区委组织部', '区直各部门'], ['李四']], dues: [['2026-12-31', false, 'yearly']], targets: [[100, '%', '>=']] },
    { owners: [['区司法局'], ['区级各行政执法部门'], []], dues: [[null, false, 'quarterly']], targets: [] },
  ]);
});

test('Markdown table with :-: alignment and <br> in a deadline cell', async () => {
  const d = await parse(
    [
      '# 江北市2026年法治政府建设重点工作任务清单',
      '',
      '| 序号 | 工作任务 | 具体措施 | 牵头单位 | 配合单位 | 完成时间 |',
      '| :-: | --- | --- | --- | --- | --- |',
      '| 1 | 推进依法行政 | 修订市政府工作规则 | 市政府办公室 | 市司法局 | 2026年6月 |',
      '| 2 | 规范执法 | **推行说理式执法** | 市司法局 | 各县（市、区）政府，市直各执法部门 | 第三季度 |',
      '| 3 | 规范执法 | 开展执法评议<br>组织案卷评查 | 市司法局 | 市直各执法部门 | 11月底前；每半年一次 |',
      '',
    ].join('\n'),
    'plan.md',
  );
  assert.deepEqual(d.tasks.map((t) => [t.part, t.path.join('/'), t.text]), [
    ['annex', '推进依法行政/1', '修订市政府工作规则'],
    ['annex', '规范执法/2', '推行说理式执法'],
    ['annex', '规范执法/3', '开展执法评议；组织案卷评查'],
  ]);
  assert.deepEqual(d.tasks.map(all), [
    { owners: [['市政府办公室'], ['市司法局'], []], dues: [['2026-06-30', false, null]], targets: [] },
    { owners: [['市司法局'], ['各县（市、区）政府', '市直各执法部门'], []], dues: [['2026-09-30', false, null]], targets: [] },
    { owners: [['市司法局'], ['市直各执法部门'], []], dues: [['2026-11-30', false, null], [null, false, 'semiannual']], targets: [] },
  ]);
});

test('a 责任单位 header merged over 牵头单位 | 配合单位 sub-headers', async () => {
  const d = await parse(
    [
      '北岗县法治政府建设实施方案（2026—2030年）',
      '一、主要任务',
      '1.加强组织领导。（县司法局负责）',
      '附件',
      '重点任务分工表',
      '序号\t工作任务\t责任单位\t责任单位\t完成时限',
      '\t\t牵头单位\t配合单位\t',
      '1\t推进依法决策\t县政府办\t县司法局\t2026年底前',
      '2\t规范执法\t县司法局\t县级各执法部门、各乡镇\t持续推进',
      '',
    ].join('\n'),
  );
  const annex = d.tasks.filter((t) => t.part === 'annex');
  assert.deepEqual(annex.map(all), [
    { owners: [['县政府办'], ['县司法局'], []], dues: [['2026-12-31', false, null]], targets: [] },
    { owners: [['县司法局'], ['县级各执法部门', '各乡镇'], []], dues: [[null, true, null]], targets: [] },
  ]);
});

test('docx: cells merged down the 类别 and 牵头单位 columns and across 牵头单位|配合单位, repeated headers', async () => {
  const cell = (text: string, opts: { span?: number; merge?: (typeof VerticalMergeType)[keyof typeof VerticalMergeType] } = {}) =>
    new TableCell({ children: text.split('\n').map((t) => new Paragraph(t)), ...(opts.span ? { columnSpan: opts.span } : {}), ...(opts.merge ? { verticalMerge: opts.merge } : {}) });
  const header = () => new TableRow({ tableHeader: true, children: ['序号', '任务类别', '工作任务', '牵头单位', '配合单位', '完成时限'].map((h) => cell(h)) });
  const rows = [
    header(),
    new TableRow({ children: [cell('1'), cell('依法决策', { merge: VerticalMergeType.RESTART }), cell('编制年度重大行政决策事项目录'), cell('区政府办公室', { merge: VerticalMergeType.RESTART }), cell('区司法局'), cell('2026.3')] }),
    new TableRow({ children: [cell('2'), cell('', { merge: VerticalMergeType.CONTINUE }), cell('落实合法性审查，审查率100%'), cell('', { merge: VerticalMergeType.CONTINUE }), cell('区直各部门'), cell('2026年6月底前完成，并长期坚持')] }),
    header(),
    new TableRow({ children: [cell('3'), cell('严格执法'), cell('推行行政执法三项制度'), cell('区司法局牵头，区级各执法部门配合', { span: 2 }), cell('每季度')] }),
    new TableRow({ children: [cell('4'), cell('严格执法'), cell('开展案卷评查'), cell('区司法局'), cell('区级各执法部门\n各街道'), cell('每年11月底前')] }),
  ];
  const doc = new Document({
    sections: [{ children: [new Paragraph('东山区2026年法治政府建设工作要点'), new Paragraph('一、主要任务'), new Paragraph('1.加强组织领导。（区委依法治区办负责）'), new Paragraph('附件：重点任务分工表'), new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows })] }],
  });
  const d = check(await parsePlan(new Uint8Array(await Packer.toBuffer(doc)), { fileName: 'plan.docx' }), 'plan.docx');
  const annex = d.tasks.filter((t) => t.part === 'annex');
  assert.deepEqual(annex.map((t) => t.path.join('/')), ['依法决策/1', '依法决策/2', '严格执法/3', '严格执法/4']);
  assert.deepEqual(annex.map(all), [
    { owners: [['区政府办公室'], ['区司法局'], []], dues: [['2026-03-31', false, null]], targets: [] },
    { owners: [['区政府办公室'], ['区直各部门'], []], dues: [['2026-06-30', true, null]], targets: [[100, '%', '=']] },
    // one cell merged across 牵头单位 and 配合单位 holding 「X牵头，Y配合」
    { owners: [['区司法局'], ['区级各执法部门'], []], dues: [[null, false, 'quarterly']], targets: [] },
    { owners: [['区司法局'], ['区级各执法部门', '各街道'], []], dues: [['2026-11-30', false, 'yearly']], targets: [] },
  ]);
});

test('PDF: an annex table rebuilt from its cells, wrapped lines joined, entries on their own lines split, over two pages', async () => {
  const file = join(dir, 'annex-long-table.pdf');
  const d = check(await parsePlan(new Uint8Array(readFileSync(file)), { fileName: 'annex-long-table.pdf' }), 'annex-long-table.pdf');
  assert.equal(d.tasks.filter((t) => t.part === 'body').length, 14);
  const annex = d.tasks.filter((t) => t.part === 'annex');
  assert.deepEqual(annex.map((t) => t.path.join('/')), [
    '依法决策/1', '依法决策/2', '依法决策/3', '严格执法/4', '严格执法/5', '严格执法/6', '严格执法/7', '化解纠纷/8', '化解纠纷/9', '化解纠纷/10', '化解纠纷/11', '化解纠纷/12',
  ]);
  assert.equal(annex[0]!.text, '编制并公布年度重大行政决策事项目录，严格履行公众参与、专家论证、风险评估、合法性审查、集体讨论决定程序');
  assert.deepEqual(annex.map(owners), [
    [['县政府办公室'], ['县司法局', '县政府各部门'], []],
    [['县司法局'], ['县政府各部门', '各乡（镇、街道）'], []],
    [['县司法局'], ['县市场监管局', '县发展和改革局'], []],
    [['县委编办'], ['县司法局', '各乡（镇、街道）'], []],
    [['县司法局'], ['县级各行政执法部门'], []],
    [['县司法局'], ['县人力资源和社会保障局', '县级各行政执法部门'], []],
    [['县司法局'], ['县级各行政执法部门'], []],
    [['县司法局'], ['县法院', '县政府各部门'], []],
    [['县司法局'], ['县政府各部门'], []],
    [['县委政法委'], ['县司法局', '县信访局', '各乡（镇、街道）'], []],
    [['县司法局'], ['各乡（镇、街道）'], []],
    [['县委依法治县办'], ['县委组织部', '县政府各部门'], []],
  ]);
  assert.deepEqual(annex.map(dues), [
    [['2026-03-31', false, 'yearly']],
    [[null, true, null]],
    [['2027-06-30', false, null]],
    [['2026-12-31', true, null]],
    [['2026-06-30', false, null], ['2027-12-31', false, null]],
    [['2026-12-31', false, 'yearly']],
    [[null, false, 'semiannual']],
    [[null, true, null]],
    [['2027-12-31', false, null]],
    [[null, true, null]],
    [['2026-12-31', false, null]],
    [['2028-12-31', false, null]],
  ]);
  const pct = (v: number) => [[v, '%', '>=']];
  assert.deepEqual(annex.map(targets), [[], pct(100), [], [], [], [[60, '学时', '>=']], pct(95), pct(100), [], [], pct(100), []]);
});

test('PDF: the single-page annex table of a text-layer PDF gives its rows as tasks', async () => {
  const d = check(await parsePlan(new Uint8Array(readFileSync(join(dir, 'annex-table.pdf'))), { fileName: 'annex-table.pdf' }), 'annex-table.pdf');
  const annex = d.tasks.filter((t) => t.part === 'annex');
  assert.deepEqual(annex.map((t) => t.path.join('/')), ['推进严格规范公正文明执法/1', '推进严格规范公正文明执法/2', '完善行政复议应诉/3']);
  assert.deepEqual(annex.map(all), [
    { owners: [['县司法局'], ['县级各行政执法部门'], []], dues: [['2026-12-31', false, null]], targets: [[100, '%', '>=']] },
    { owners: [['县司法局'], ['县人社局', '各乡（镇、街道）'], []], dues: [['2026-12-31', false, 'yearly']], targets: [[60, '学时', '>=']] },
    // 县司法局（牵头），县法院 in the 牵头单位 column: the unmarked name co-operates
    { owners: [['县司法局'], ['县法院'], []], dues: [[null, true, null]], targets: [[100, '%', '>=']] },
  ]);
});

test('hard-wrapped text (PDF-to-text, CRLF): labels, times and unit names cut by the wrap read as unwrapped', async () => {
  const items = [
    '1．严格落实重大行政决策程序。（牵头单位：县司法局；责任单位：县政府各部门；完成时限：长期坚持）',
    '2．加强合法性审查。',
    '牵头单位：县司法局    责任单位：县直各部门    完成时限：2026年底前',
    '3．健全纠纷化解机制。（县司法局牵头，县信访局、县法院参与；6月底前）',
    '4．强化行政复议。（责任单位：县司法局等县直有关部门；时限：持续推进）',
    '5．建立备案审查衔接联动机制。**责任单位：**县司法局、县人大常委会法工委',
    '6．推行公职律师制度。（县司法局负责；2026—2027年）',
    '7．推进政务公开。责任单位：县政府办公室、县直各部门。完成时限：2026年12月底前。',
  ];
  const flat = await parse(HEAD + items.join('\n') + '\n');
  const expected = flat.tasks.map(all);
  assert.deepEqual(expected, [
    { owners: [['县司法局'], ['县政府各部门'], []], dues: [[null, true, null]], targets: [] },
    { owners: [['县司法局'], ['县直各部门'], []], dues: [['2026-12-31', false, null]], targets: [] },
    { owners: [['县司法局'], ['县信访局', '县法院'], []], dues: [['2026-06-30', false, null]], targets: [] },
    { owners: [[], ['县司法局', '县直有关部门'], []], dues: [[null, true, null]], targets: [] },
    { owners: [[], ['县司法局', '县人大常委会法工委'], []], dues: [], targets: [] },
    { owners: [['县司法局'], [], []], dues: [['2027-12-31', false, null]], targets: [] },
    { owners: [[], ['县政府办公室', '县直各部门'], []], dues: [['2026-12-31', false, null]], targets: [] },
  ]);
  for (const width of [23, 28, 33]) {
    const wrapped = (HEAD + items.join('\n')).split('\n').flatMap((l) => l.match(new RegExp(`.{1,${width}}`, 'gu')) ?? ['']);
    const d = await parse(wrapped.join('\r\n') + '\r\n');
    assert.deepEqual(d.tasks.map(all), expected, `wrapped at ${width}`);
  }
});

test('a closing bracket of unit names only is the responsible units; (乡镇、街道) and (试行) are not', async () => {
  assert.deepEqual(all(await only('1.建立联席会议制度。（县司法局、县法院、县检察院）')), { owners: [[], ['县司法局', '县法院', '县检察院'], []], dues: [], targets: [] });
  const d = await parse(`${HEAD}1.推进综合执法改革，覆盖各乡（镇、街道）\n2.制定行政执法规范（试行）\n`);
  assert.deepEqual(d.tasks.map(all), [{ owners: [[], [], []], dues: [], targets: [] }, { owners: [[], [], []], dues: [], targets: [] }]);
  assert.deepEqual(d.tasks.map((t) => t.text), ['推进综合执法改革，覆盖各乡（镇、街道）', '制定行政执法规范（试行）']);
});

test('units separated by spaces; 主要负责单位：, 主办单位：/协办单位：, 责任人：', async () => {
  assert.deepEqual(all(await only('1.开展审计监督。（责任单位：县审计局 县财政局 县司法局）')), { owners: [[], ['县审计局', '县财政局', '县司法局'], []], dues: [], targets: [] });
  assert.deepEqual(all(await only('1.开展审计监督。（主要负责单位：县审计局）')), { owners: [['县审计局'], [], []], dues: [], targets: [] });
  assert.deepEqual(all(await only('1.开展审计监督。（主办单位：县审计局；协办单位：县财政局）')), { owners: [['县审计局'], ['县财政局'], []], dues: [], targets: [] });
  assert.deepEqual(all(await only('1.开展审计监督。（牵头单位：县审计局；责任人：张三）')), { owners: [['县审计局'], [], ['张三']], dues: [], targets: [] });
});

test('owners on a numbered item over sub-measures without owners pass down to them', async () => {
  const d = await parse(`${HEAD}1、推进机构职能优化。（牵头单位：县委编办；责任单位：县直各部门；完成时限：2027年底前）\n（1）动态调整权责清单。\n（2）推进编制资源优化配置。\n2、深化审批改革。\n（1）推行告知承诺制。（县政务服务中心负责；2026年底前）\n`);
  assert.deepEqual(d.tasks.map((t) => t.path.join('/')), ['一/（一）/1/（1）', '一/（一）/1/（2）', '一/（一）/2/（1）']);
  assert.deepEqual(d.tasks.map(all), [
    { owners: [['县委编办'], ['县直各部门'], []], dues: [['2027-12-31', false, null]], targets: [] },
    { owners: [['县委编办'], ['县直各部门'], []], dues: [['2027-12-31', false, null]], targets: [] },
    { owners: [['县政务服务中心'], [], []], dues: [['2026-12-31', false, null]], targets: [] },
  ]);
  assert.deepEqual(d.outline[0]!.children![0]!.children!.map((h) => h.number), ['1', '2']);
});

test('owner brackets inside the item, before the closing one, name owners too', async () => {
  const t = await only('1.推进法治宣传。一是建立普法责任清单（县司法局负责）；二是开展以案释法（县法院负责）。');
  assert.deepEqual(all(t), { owners: [['县司法局', '县法院'], [], []], dues: [], targets: [] });
  assert.equal(t.text, '推进法治宣传。一是建立普法责任清单；二是开展以案释法');
});

test('an owner bracket on its own line followed by a deadline bracket', async () => {
  const t = await only('1.推进决策后评估。\n（牵头单位：县司法局；责任单位：县直各部门）（完成时限：2028年底前）');
  assert.deepEqual(all(t), { owners: [['县司法局'], ['县直各部门'], []], dues: [['2028-12-31', false, null]], targets: [] });
});

test('owner sentences: 此项工作由X牵头负责, 各乡镇负责; prose owners that are not unit names are left alone', async () => {
  assert.deepEqual(all(await only('1.推进改革。此项工作由县司法局牵头负责。')), { owners: [['县司法局'], [], []], dues: [], targets: [] });
  assert.deepEqual(all(await only('1.推进改革。各乡镇负责。')), { owners: [['各乡镇'], [], []], dues: [], targets: [] });
  const t = await only('1.开展宣传。司法所负责。（县司法局负责）');
  assert.deepEqual(all(t), { owners: [['县司法局'], [], []], dues: [], targets: [] });
  assert.equal(t.text, '开展宣传。司法所负责。');
});

test('deadlines written in words: 日常工作 and 常年 are ongoing; 2026年底前建立，每年开展评估 is a date and a rhythm', async () => {
  const d = await parse(`${HEAD}1.开展执法巡查。（县司法局负责；完成时限：日常工作）\n2.开展普法。（县司法局负责；完成时限：常年）\n3.建立评估制度。（县司法局负责；完成时限：2026年底前建立，每年开展评估）\n`);
  assert.deepEqual(d.tasks.map(all), [
    { owners: [['县司法局'], [], []], dues: [[null, true, null]], targets: [] },
    { owners: [['县司法局'], [], []], dues: [[null, true, null]], targets: [] },
    { owners: [['县司法局'], [], []], dues: [['2026-12-31', false, null], [null, false, 'yearly']], targets: [] },
  ]);
});

test('PDF: rows broken across pages are joined again, under the repeated header', async () => {
  const d = check(await parsePlan(new Uint8Array(readFileSync(join(dir, 'annex-split-rows.pdf'))), { fileName: 'annex-split-rows.pdf' }), 'annex-split-rows.pdf');
  const annex = d.tasks.filter((t) => t.part === 'annex');
  assert.deepEqual(annex.map((t) => t.path.join('/')), [
    '依法决策/1', '依法决策/2', '依法决策/3', '严格执法/4', '严格执法/5', '严格执法/6', '严格执法/7', '化解纠纷/8', '化解纠纷/9', '化解纠纷/10', '化解纠纷/11', '化解纠纷/12',
  ]);
  for (const t of annex) assert.match(t.text, /^[^；]+，确保工作取得实效$/, t.text);
  // every measure is printed twice over in this fixture, so each number is a target twice
  const twice = (v: number, unit = '%') => [[v, unit, '>='], [v, unit, '>=']];
  assert.deepEqual(annex.map(targets), [[], twice(100), [], [], [], twice(60, '学时'), twice(95), twice(100), [], [], twice(100), []]);
  assert.equal(annex[1]!.text, '全面推行行政规范性文件合法性审核机制，审核率达到 100%。全面推行行政规范性文件合法性审核机制，并审核率达到100%，确保工作取得实效');
  assert.equal(annex[6]!.text, '开展行政执法案卷评查，案卷合格率达到95%以上。开展行政执法案卷评查，并案卷合格率达到95%以上，确保工作取得实效');
  assert.deepEqual(annex.map(owners), [
    [['县政府办公室'], ['县司法局', '县政府各部门'], []],
    [['县司法局'], ['县政府各部门', '各乡（镇、街道）'], []],
    [['县司法局'], ['县市场监管局', '县发展和改革局'], []],
    [['县委编办'], ['县司法局', '各乡（镇、街道）'], []],
    [['县司法局'], ['县级各行政执法部门'], []],
    [['县司法局'], ['县人力资源和社会保障局', '县级各行政执法部门'], []],
    [['县司法局'], ['县级各行政执法部门'], []],
    [['县司法局'], ['县法院', '县政府各部门'], []],
    [['县司法局'], ['县政府各部门'], []],
    [['县委政法委'], ['县司法局', '县信访局', '各乡（镇、街道）'], []],
    [['县司法局'], ['各乡（镇、街道）'], []],
    [['县委依法治县办'], ['县委组织部', '县政府各部门'], []],
  ]);
  assert.deepEqual(annex.map(dues), [
    [['2026-03-31', false, 'yearly']],
    [[null, true, null]],
    [['2027-06-30', false, null]],
    [['2026-12-31', true, null]],
    [['2026-06-30', false, null], ['2027-12-31', false, null]],
    [['2026-12-31', false, 'yearly']],
    [[null, false, 'semiannual']],
    [[null, true, null]],
    [['2027-12-31', false, null]],
    [[null, true, null]],
    [['2026-12-31', false, null]],
    [['2028-12-31', false, null]],
  ]);
});

test('one item with a deadline clause among items dated in the text: the others keep their in-text deadlines', async () => {
  const d = await parse(
    HEAD +
      [
        '1.推进综合执法改革，2026年底前完成赋权事项评估。（县司法局负责）',
        '2.建设行政执法监督平台，到2027年实现全覆盖。（县司法局负责）',
        '3.开展执法案卷评查。（县司法局负责；长期坚持）',
        '4.编制权责清单，2026年6月底前公布。（县委编办负责）',
      ].join('\n'),
  );
  assert.deepEqual(d.tasks.map(all), [
    { owners: [['县司法局'], [], []], dues: [['2026-12-31', false, null]], targets: [[null, null, 'achieve']] },
    { owners: [['县司法局'], [], []], dues: [['2027-12-31', false, null]], targets: [[100, '%', '>=']] },
    { owners: [['县司法局'], [], []], dues: [[null, true, null]], targets: [] },
    { owners: [['县委编办'], [], []], dues: [['2026-06-30', false, null]], targets: [[null, null, 'achieve']] },
  ]);
});

test('numbering mixes: 1. after a （1）/① run goes back up; 1.1 under 1.; 1） under （1）', async () => {
  const a = await parse(`${HEAD}（1）深化“放管服”改革。（县政务服务中心负责）\n①推行告知承诺制。（县市场监管局负责）\n1.优化营商环境。（县发改局负责）\n2.加强诚信建设。（县发改局负责）\n`);
  assert.deepEqual(a.tasks.map((t) => t.path.join('/')), ['一/（一）/（1）', '一/（一）/（1）/①', '一/（一）/1', '一/（一）/2']);
  const b = await parse(`${HEAD}1.推进依法决策\n1.1 完善决策程序。（县司法局负责）\n1.2 落实合法性审查。（县司法局负责）\n2.推进执法\n（1）规范执法\n1）落实公示制度。（县司法局负责）\n2）落实记录制度。（县司法局负责）\n（2）加强监督。（县司法局负责）\n`);
  assert.deepEqual(b.tasks.map((t) => t.path.join('/')), ['一/（一）/1/1.1', '一/（一）/1/1.2', '一/（一）/2/（1）/1', '一/（一）/2/（1）/2', '一/（一）/2/（2）']);
  for (const t of [...a.tasks, ...b.tasks]) assert.equal(t.lead_units.length, 1);
});
