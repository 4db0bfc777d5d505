/**
 * Plans in styles the seeds do not use: other regions and periods (2026—2030), encodings, Markdown
 * pipe tables, a tab-separated annex, HTML, a Word table with merged cells and repeated headers, a PDF
 * with a text layer; and the inputs that must be refused with a clear Chinese message.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlanDraftSchema, type PlanDraft } from '../shared/plan-draft.ts';
import { extractText, parsePlan } from './index.ts';
import { planDraftSchemaErrors as valid } from '../../test/plan-schema.ts';

const dir = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'parser');

async function parse(name: string): Promise<PlanDraft> {
  const d = await parsePlan(new Uint8Array(readFileSync(join(dir, name))), { fileName: name });
  assert.equal(valid(d), null, name);
  assert.ok(PlanDraftSchema.safeParse(d).success, name);
  return d;
}

const owners = (d: PlanDraft, seq: number) => {
  const t = d.tasks[seq - 1]!;
  return [t.lead_units, t.responsible_units, t.lead_leaders];
};
const dues = (d: PlanDraft, seq: number) => d.tasks[seq - 1]!.deadlines.map((x) => [x.due, x.ongoing, x.recurring]);

test('2026—2030 plan of another region: 1、 items, （1） sub-items, other owner forms, CRLF, page numbers', async () => {
  const d = await parse('plan-2026.txt');
  assert.deepEqual(
    [d.document.title, d.document.region, d.document.province, d.document.period, d.document.draft],
    ['青禾市临川区法治政府建设实施方案', '临川区', '江西省', [2026, 2030], true],
  );
  assert.equal(d.tasks.length, 8);
  assert.deepEqual(d.tasks.map((t) => t.path.join('/')), ['二/（一）/1', '二/（一）/2', '二/（二）/3', '二/（二）/4', '二/（三）/5/（1）', '二/（三）/5/（2）', '二/（三）/6', '三/7']);
  assert.deepEqual(owners(d, 1), [['区政务服务办'], ['区发展改革委', '区市场监管局'], []]);
  assert.deepEqual(owners(d, 2), [['区市场监管局'], [], []]);
  assert.deepEqual(owners(d, 3), [['区司法局'], ['区政府办公室', '各镇（街道）'], []]);
  assert.deepEqual(owners(d, 4), [['区司法局法制审核科'], ['区政府办公室综合科', '区财政局'], ['李明']]);
  assert.deepEqual(dues(d, 1), [['2027-06-30', false, null]]);
  assert.deepEqual(dues(d, 2), [[null, false, 'quarterly']]);
  assert.deepEqual(dues(d, 5), [['2026-09-30', false, null]]);
  assert.deepEqual(dues(d, 7), [['2026-06-30', false, null], [null, false, 'per-term']]);
  assert.equal(d.tasks[2]!.deadlines[0]!.at, '03-31');
  assert.ok(d.tasks[3]!.targets.some((t) => t.value === 100 && t.unit === '%'));
  assert.ok(d.tasks[5]!.targets.some((t) => t.value === 60 && t.unit === '学时'));
  assert.ok(d.mechanisms!.some((m) => m.kind === '年度报告'));
});

test('encodings: GBK, UTF-16 LE with BOM, UTF-16 BE without BOM and UTF-8 with BOM parse identically', async () => {
  const base = JSON.stringify((await parse('plan-2026.txt')).tasks.map((t) => [t.text, t.lead_units, t.deadlines]));
  for (const f of ['plan-2026-gbk.txt', 'plan-2026-utf16le.txt', 'plan-2026-utf16be-nobom.txt', 'plan-2026-bom.txt']) {
    const d = await parse(f);
    assert.equal(JSON.stringify(d.tasks.map((t) => [t.text, t.lead_units, t.deadlines])), base, f);
  }
});

test('Markdown with a pipe table: each row a task with its owners and deadline', async () => {
  const d = await parse('plan-md-pipes.md');
  assert.equal(d.source!.format, 'md');
  assert.deepEqual([d.document.region, d.document.kind, d.document.period], ['南川县', '工作要点', [2025, 2025]]);
  assert.equal(d.tasks.length, 4);
  assert.deepEqual(owners(d, 1), [['县司法局'], ['县政府办公室', '各乡（镇、街道）'], []]);
  assert.deepEqual(dues(d, 1), [['2025-03-31', false, null]]);
  assert.deepEqual(dues(d, 2), [[null, true, null]]);
  // rows under 「二、重点任务分工」 are the plan's 分工表: part annex, numbered from the table
  assert.deepEqual(d.tasks.map((t) => [t.part, t.path.join('/')]), [['annex', '1'], ['annex', '2'], ['annex', '3'], ['annex', '4']]);
  // the 6月底前 cell is a one-off date: 每半年 in the task text does not make it recur
  assert.deepEqual(dues(d, 3), [['2025-06-30', false, null]]);
  assert.deepEqual(d.tasks[3]!.targets.map((t) => [t.value, t.unit]), [[4, '次']]);
});

test('tab-separated annex with a repeated header row and 责任单位：X（牵头），Y', async () => {
  const d = await parse('plan-tsv-annex.txt');
  const annex = d.tasks.filter((t) => t.part === 'annex');
  assert.equal(annex.length, 3);
  assert.deepEqual(annex.map((t) => t.path), [['1'], ['2'], ['3']]);
  assert.deepEqual([annex[0]!.lead_units, annex[0]!.responsible_units], [['县司法局'], ['县政府办公室']]);
  assert.deepEqual(annex[2]!.deadlines.map((x) => [x.due, x.recurring]), [['2023-11-30', 'yearly']]);
});

test('HTML: paragraphs and a table with colspan/rowspan', async () => {
  const d = await parse('plan-html.html');
  assert.equal(d.source!.format, 'html');
  assert.equal(d.tasks.length, 4);
  assert.deepEqual(dues(d, 1), [['2027-12-31', false, null]]);
  assert.deepEqual(owners(d, 2), [['区司法局'], [], []]);
  assert.deepEqual([d.tasks[3]!.part, d.tasks[3]!.path], ['annex', ['一', '2']]);
  assert.deepEqual(owners(d, 4), [['区司法局'], ['区政府各部门'], []]);
});

test('docx: Word list numbering, an annex table with merged cells and repeated header rows', async () => {
  const d = await parse('annex-table.docx');
  assert.equal(d.source!.format, 'docx');
  assert.equal(d.document.period![0], 2026);
  assert.equal(d.tasks.length, 5);
  assert.deepEqual(d.tasks[0]!.path, ['一', '1']);
  const annex = d.tasks.filter((t) => t.part === 'annex');
  assert.equal(annex.length, 3);
  assert.deepEqual(annex.map((t) => t.path[0]), ['推进严格规范公正文明执法', '推进严格规范公正文明执法', '完善行政复议应诉']);
  assert.deepEqual(annex[1]!.responsible_units, ['县人社局', '各乡（镇、街道）']);
  assert.deepEqual(annex[1]!.deadlines.map((x) => [x.due, x.recurring]), [['2026-12-31', 'yearly']]);
});

test('PDF with a text layer', async () => {
  const d = await parse('annex-table.pdf');
  assert.equal(d.source!.format, 'pdf');
  assert.equal(d.document.title, '北山县法治政府建设实施方案');
  assert.ok(d.tasks.filter((t) => t.part === 'body').length >= 2);
  const { text } = await extractText(new Uint8Array(readFileSync(join(dir, 'annex-table.pdf'))), { fileName: 'x.pdf' });
  assert.ok(text.includes('北山县'));
});

test('refused inputs carry a code and a Chinese message', async () => {
  const refuse = async (name: string, bytes: Uint8Array, code: string, re: RegExp) => {
    await assert.rejects(parsePlan(bytes, { fileName: name }), (e: { code: string; message: string }) => {
      assert.equal(e.code, code, name);
      assert.match(e.message, re, name);
      return true;
    });
  };
  const file = (n: string) => new Uint8Array(readFileSync(join(dir, n)));
  await refuse('scanned.pdf', file('scanned.pdf'), 'UNPROCESSABLE', /没有可读取的文字/);
  await refuse('corrupt.docx', file('corrupt.docx'), 'UNSUPPORTED', /损坏/);
  await refuse('encrypted.docx', file('encrypted.docx'), 'UNSUPPORTED', /加密/);
  await refuse('empty.txt', new Uint8Array(), 'UNPROCESSABLE', /为空/);
  await refuse('blank.txt', new TextEncoder().encode(' \n　\n'), 'UNPROCESSABLE', /为空/);
  await refuse('bin.txt', new Uint8Array(4096).map((_, i) => (i * 7) % 31), 'UNSUPPORTED', /二进制/);
  await refuse('note.txt', new TextEncoder().encode('关于召开会议的通知\n请各单位准时参加。'), 'UNPROCESSABLE', /未识别到任务/);
  await assert.rejects(parsePlan(new Uint8Array(2048), { fileName: 'big.txt', maxBytes: 1024 }), { code: 'TOO_LARGE' });
});
