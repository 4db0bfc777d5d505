/**
 * Plan styles the seeds do not use: Markdown 工作要点 with owner sub-bullets and a 分工表 under a body
 * heading, 第一章/第一节/第一条, 1）⑴ 1.1 ① numbering, bracketless and 【】 owner labels, sentence-end
 * 「X牵头，Y配合」, deadlines by quarter/half-year/range/month, owner-less short measures, a hard-wrapped
 * PDF-to-text file with page numbers and running headers (CRLF), and a Word table with a title row.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlanDraft } from '../shared/plan-draft.ts';
import { parsePlan } from './index.ts';
import { planDraftSchemaErrors as valid } from '../../test/plan-schema.ts';

const dir = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'parser');

async function parse(name: string): Promise<PlanDraft> {
  const d = await parsePlan(new Uint8Array(readFileSync(join(dir, name))), { fileName: name });
  assert.equal(valid(d), null, name);
  return d;
}
const owners = (d: PlanDraft, seq: number) => {
  const t = d.tasks[seq - 1]!;
  return [t.lead_units, t.responsible_units, t.lead_leaders];
};
const dues = (d: PlanDraft, seq: number) => d.tasks[seq - 1]!.deadlines.map((x) => [x.due, x.ongoing, x.recurring]);

test('Markdown 工作要点: owner sub-bullets, bold bracketless labels, a 分工表 under a body heading', async () => {
  const d = await parse('style-workpoints.md');
  assert.deepEqual(d.document.period, [2026, 2026]);
  assert.deepEqual(d.tasks.map((t) => [t.part, t.path.join('/')]), [['body', '一/1'], ['body', '一/2'], ['annex', '1'], ['annex', '2']]);
  assert.deepEqual(owners(d, 1), [['区政府办公室'], ['区司法局'], []]);
  assert.deepEqual(dues(d, 1), [['2026-12-31', false, null]]);
  assert.deepEqual(owners(d, 2), [[], ['区委组织部', '区司法局'], []]);
  assert.doesNotMatch(d.tasks[1]!.text, /责任单位|完成时限/);
  assert.deepEqual(dues(d, 2), [[null, true, null]]);
  assert.deepEqual(dues(d, 3), [[null, false, 'quarterly']]);
  // 每人每年 in the task text is a target's rate: the one-off cell date does not recur
  assert.deepEqual(dues(d, 4), [['2026-09-30', false, null]]);
});

test('第一章/第一节/第一条 with 【】 labels, 主要责任单位, 责任领导 and 「X牵头，Y配合」', async () => {
  const d = await parse('style-articles.txt');
  assert.deepEqual(d.tasks.map((t) => t.path.join('/')), ['第二章/第一节/第三条', '第二章/第一节/第四条', '第二章/第二节/第五条', '第二章/第二节/第六条', '第三章/第七条']);
  assert.deepEqual(owners(d, 1), [['县政府办公室'], ['县司法局'], []]);
  assert.deepEqual(dues(d, 1), [[null, false, 'yearly']]);
  assert.equal(d.tasks[0]!.deadlines[0]!.at, '03-31');
  assert.deepEqual(owners(d, 2), [['县司法局'], ['县政府各部门'], []]);
  assert.deepEqual(owners(d, 3), [['县司法局'], ['县级各行政执法部门'], []]);
  assert.deepEqual(owners(d, 4), [['县司法局'], ['县人社局', '县级各行政执法部门'], []]);
  assert.deepEqual(owners(d, 5), [[], ['县政府办公室'], ['张三']]);
  for (const t of d.tasks) assert.doesNotMatch(t.text, /牵头|责任|【/);
  assert.deepEqual(d.outline.map((h) => h.number), ['第一章', '第二章', '第三章']);
});

test('1） ⑴ 1.1 ① numbering; quarter, half-year, range, term and month-only deadlines; mid-paragraph owners', async () => {
  const d = await parse('style-numbering.txt');
  assert.deepEqual(d.tasks.map((t) => t.path.join('/')), ['（一）/1', '（一）/2', '（二）/⑴', '（二）/⑵', '（三）/1.1', '（三）/1.2', '（三）/1.3', '（四）/①', '（四）/②']);
  assert.deepEqual(dues(d, 1), [['2026-09-30', false, null]]);
  assert.deepEqual(owners(d, 2), [[], ['市政务服务局', '市数据局'], []]);
  assert.deepEqual(dues(d, 2), [['2026-06-30', false, null]]);
  assert.deepEqual(dues(d, 3), [[null, false, 'yearly']]);
  assert.equal(d.tasks[2]!.deadlines[0]!.at, '12-31');
  assert.deepEqual(owners(d, 4), [['市司法局'], [], []]);
  assert.match(d.tasks[3]!.text, /调查，调查结果向社会公开/);
  assert.deepEqual(dues(d, 5), [['2027-12-31', false, null]]);
  assert.deepEqual(dues(d, 6), [[null, false, 'per-term']]);
  assert.deepEqual(dues(d, 7), [['2026-06-30', false, null]]);
  assert.deepEqual(dues(d, 8), [['2026-06-30', false, null]]);
});

test('owner-less 工作要点: short one-sentence measures are tasks, numbering restarts per chapter', async () => {
  const d = await parse('style-no-owners.txt');
  assert.deepEqual(d.document.period, [2026, 2026]);
  assert.deepEqual(d.tasks.map((t) => t.path.join('/')), ['一/1', '一/2', '二/1', '二/2', '三/（一）/①', '三/（一）/②']);
  assert.ok(d.tasks[3]!.targets.some((t) => t.value === 95));
});

test('hard-wrapped PDF-to-text (CRLF): wraps joined, page numbers and running headers dropped', async () => {
  const d = await parse('style-pdf-wrapped.txt');
  assert.equal(d.document.title, '临江区法治政府建设实施方案');
  assert.deepEqual(d.tasks.map((t) => t.path.join('/')), ['一/（一）/1', '一/（一）/2', '一/（二）/3', '一/（二）/4']);
  assert.match(d.tasks[0]!.text, /^健全重大行政决策程序制度.*2026年底前实现重大行政决策目录化管理全覆盖。$/);
  assert.deepEqual(owners(d, 1), [['区司法局'], ['区政府各部门'], []]);
  assert.deepEqual(owners(d, 3), [['区司法局'], ['区级各行政执法部门'], []]);
  assert.equal(d.tasks[2]!.text, '全面推行行政执法三项制度，每年开展一次执法案卷评查。');
  for (const t of d.tasks) assert.doesNotMatch(t.text, /临江区法治政府建设实施方案|- \d -|页/);
});

test('docx: a Word table with a title row over every column, lead cells with line breaks', async () => {
  const d = await parse('annex-title-row.docx');
  assert.deepEqual(d.document.period, [2026, 2026]);
  const annex = d.tasks.filter((t) => t.part === 'annex');
  assert.deepEqual(annex.map((t) => t.path.join('/')), ['1', '2', '3']);
  assert.deepEqual([annex[0]!.lead_units, annex[0]!.responsible_units], [['市政府办公室', '市司法局'], ['市政府各部门']]);
  assert.deepEqual(annex[1]!.lead_units, ['市司法局', '市市场监管局']);
  assert.deepEqual(annex.map((t) => t.deadlines.map((x) => [x.due, x.ongoing])), [[['2026-03-31', false]], [['2026-09-30', false]], [[null, true]]]);
});
