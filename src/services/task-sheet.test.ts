import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { DIALECTS, type TestDb } from '../../test/db.ts';
import { ctxAs, makeCounty, makeUnit, systemCtx } from '../../test/factories.ts';
import { FixedClock } from '../shared/clock.ts';
import { auditRepo } from '../db/repositories/audit.ts';
import type { ServiceContext } from './context.ts';
import { commitImport, uploadPlan } from './plan-import.ts';
import { getPlan } from './plans.ts';
import { applyTaskSheet, cancelTaskSheet, exportTaskSheet, previewTaskSheet } from './task-sheet.ts';

const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;

const PLAN = `分解县法治政府建设工作要点（2026—2027年）
一、重点任务
1.建立行政执法案卷评查制度。（牵头单位：分解县甲局；责任单位：分解县乙局）（完成时限：2026年12月底前）
2.持续开展领导干部学法用法活动。（牵头单位：分解县甲局）（完成时限：长期坚持）
二、保障措施
3.完善政府信息公开目录。（牵头单位：分解县丙局）（完成时限：2026年6月底前）
4.推进行政复议规范化建设。（牵头单位：分解县乙局）（完成时限：2027年底前）
5.开展法治政府建设示范创建。（牵头单位：分解县丙局）（完成时限：2027年6月底前）
`;

async function edit(bytes: Buffer, fn: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  fn(wb.getWorksheet('任务分解表')!, wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The sheet row of the task whose text starts with `start`. */
const rowOf = (ws: ExcelJS.Worksheet, start: string) => {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((r) => {
    if (String(r.getCell(3).value ?? '').startsWith(start)) found = r;
  });
  if (!found) throw new Error(`no row ${start}`);
  return found;
};

let bigSheet: Buffer | undefined;
async function fiftyThousandRows(): Promise<Buffer> {
  if (bigSheet) return bigSheet;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('任务分解表');
  ws.addRow(['序号', '章节', '任务', '牵头单位', '责任单位', '牵头领导', '完成时限', '状态', '最新进展', '编号（请勿修改）']);
  for (let i = 1; i <= 50_000; i++) ws.addRow([i, '一、重点任务', `第${i}项任务`, '分解县甲局', '', '', '2026年底前', '推进中', '', '']);
  bigSheet = Buffer.from(await wb.xlsx.writeBuffer());
  return bigSheet;
}

for (const dialect of DIALECTS) {
  describe(`任务分解表 Excel round trip (${dialect.name})`, () => {
    let h: TestDb;
    let sys: ServiceContext;
    let office: ServiceContext;
    let liaison: ServiceContext;
    let county: Awaited<ReturnType<typeof makeCounty>>;
    let planId: string;
    let otherPlanId: string;

    before(async () => {
      h = await dialect.open();
      sys = systemCtx(h.db, new FixedClock('2026-03-02T02:00:00Z'));
      county = await makeCounty(sys, '分解县');
      await makeUnit(sys, county.region.id, { name: '分解县丙局', aliases: ['县丙局'] });
      await makeUnit(sys, county.region.id, { name: '分解县丁局' });
      [office, liaison] = await Promise.all([ctxAs(sys, county.office.id), ctxAs(sys, county.liaison.id)]);
      const imp = await uploadPlan(sys, { regionId: county.region.id, fileName: 'p.txt', bytes: new TextEncoder().encode(PLAN) });
      planId = (await commitImport(sys, imp.id, {})).planId;
      const imp2 = await uploadPlan(sys, { regionId: county.region.id, fileName: 'q.txt', bytes: new TextEncoder().encode(PLAN.replace('工作要点', '工作计划').replace('案卷评查', '案卷抽查')) });
      otherPlanId = (await commitImport(sys, imp2.id, {})).planId;
    });
    after(() => h.dispose());

    test('the export is the office sheet: frozen header, widths, wrap, dropdowns, hidden id column', async () => {
      const { fileName, data } = await exportTaskSheet(office, planId);
      assert.equal(fileName, '分解县法治政府建设工作要点任务分解表.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(data as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('任务分解表')!;
      assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), ['序号', '章节', '任务', '牵头单位', '责任单位', '牵头领导', '完成时限', '状态', '最新进展', '编号（请勿修改）']);
      assert.equal(ws.views[0]?.state, 'frozen');
      assert.equal((ws.views[0] as { ySplit?: number }).ySplit, 1);
      assert.equal(ws.getColumn(3).width, 56);
      assert.equal(ws.getCell('C2').alignment?.wrapText, true);
      assert.equal(ws.getColumn(10).hidden, true);
      assert.equal(ws.rowCount, 6);
      const r = rowOf(ws, '建立行政执法案卷评查制度');
      assert.deepEqual([r.getCell(2).value, r.getCell(4).value, r.getCell(5).value, r.getCell(6).value, r.getCell(7).value], ['一、重点任务', '分解县甲局', '分解县乙局', '', '2026年12月底前']);
      const lead = ws.getCell('D2').dataValidation;
      assert.equal(lead.type, 'list');
      assert.match(String(lead.formulae?.[0]), /单位名录/);
      assert.equal(ws.getCell('H3').dataValidation.type, 'list');
      assert.match(String(ws.getCell('H3').dataValidation.formulae?.[0]), /滞后/);
      const units = wb.getWorksheet('单位名录')!;
      assert.equal(units.state, 'hidden');
      const names: string[] = [];
      units.eachRow((row, n) => n > 1 && names.push(String(row.getCell(1).value)));
      assert.ok(names.includes('分解县丁局'));
      assert.equal(wb.getWorksheet('fazhi')?.state, 'veryHidden');
    });

    test('export → edit in Excel → import shows the diff, applies nothing, then applies it all on confirmation', async () => {
      const { data } = await exportTaskSheet(office, planId);
      const before = await getPlan(office, planId);
      const edited = await edit(data, (ws) => {
        rowOf(ws, '建立行政执法案卷评查制度').getCell(3).value = '建立健全行政执法案卷评查制度。';
        const r2 = rowOf(ws, '持续开展领导干部学法用法活动');
        r2.getCell(4).value = '分解县乙局';
        r2.getCell(5).value = '分解县甲局、县丙局';
        r2.getCell(6).value = '李副县长';
        rowOf(ws, '完善政府信息公开目录').getCell(7).value = '2026年9月底前';
      });
      const p = await previewTaskSheet(office, planId, { fileName: 'edited.xlsx', bytes: edited });
      assert.deepEqual(p.errors, []);
      assert.equal(p.rows, 5);
      assert.equal(p.unchanged, 2);
      assert.ok(p.importId);
      assert.deepEqual(
        p.changes.map((c) => [c.row, c.fields.map((f) => [f.label, f.before, f.after])]),
        [
          [2, [['任务', before.tasks[0]!.text, '建立健全行政执法案卷评查制度。']]],
          [3, [['牵头单位', '分解县甲局', '分解县乙局'], ['责任单位', '', '分解县甲局、分解县丙局'], ['牵头领导', '', '李副县长']]],
          [4, [['完成时限', '2026年6月底前', '2026年9月底前']]],
        ],
      );
      // nothing is applied by the preview
      const still = await getPlan(office, planId);
      assert.deepEqual(still.tasks.map((t) => [t.text, t.assignments.map((a) => a.unitName), t.deadlines.map((d) => d.due)]), before.tasks.map((t) => [t.text, t.assignments.map((a) => a.unitName), t.deadlines.map((d) => d.due)]));

      const r = await applyTaskSheet(office, planId, p.importId!);
      assert.deepEqual(r, { tasks: 3, fields: 5 });
      const after = await getPlan(office, planId);
      const t = (start: string) => after.tasks.find((x) => x.text.startsWith(start))!;
      assert.equal(t('建立健全').text, '建立健全行政执法案卷评查制度。');
      assert.deepEqual(t('持续开展').assignments.map((a) => [a.unitName, a.role]), [['分解县乙局', 'lead'], ['分解县甲局', 'co'], ['分解县丙局', 'co']]);
      assert.deepEqual(t('持续开展').owners.filter((o) => o.role === 'leader').map((o) => o.printed), ['李副县长']);
      assert.deepEqual(t('完善政府').deadlines.map((d) => [d.raw, d.due]), [['2026年9月底前', '2026-09-30']]);
      assert.equal((await auditRepo.search(h.db, { entityType: 'plan', entityId: planId, limit: 50, offset: 0 })).rows.filter((r) => r.action === 'task-sheet.apply').length, 1);
      await assert.rejects(applyTaskSheet(office, planId, p.importId!), code('CONFLICT'), 'a confirmed import is not applied twice');
      // the new export reads back with no changes
      const again = await previewTaskSheet(office, planId, { fileName: 'again.xlsx', bytes: (await exportTaskSheet(office, planId)).data });
      assert.deepEqual([again.changes, again.errors, again.importId, again.unchanged], [[], [], null, 5]);
    });

    test('dates as text in several forms and an Excel serial date all read; a malformed one is listed by row', async () => {
      const { data } = await exportTaskSheet(office, planId);
      const edited = await edit(data, (ws) => {
        rowOf(ws, '建立健全').getCell(7).value = '2027年底前';
        rowOf(ws, '持续开展').getCell(7).value = '2027-12-31';
        rowOf(ws, '完善政府').getCell(7).value = '2027/12/31';
        rowOf(ws, '推进行政复议').getCell(7).value = 46387; // 2026-12-31 as an Excel serial
        rowOf(ws, '开展法治政府').getCell(7).value = new Date(Date.UTC(2027, 2, 31));
      });
      const p = await previewTaskSheet(office, planId, { fileName: 'dates.xlsx', bytes: edited });
      assert.deepEqual(p.errors, []);
      assert.deepEqual(p.changes.map((c) => c.fields.map((f) => [f.field, f.after])), [
        [['deadline', '2027年底前']],
        [['deadline', '2027-12-31']],
        [['deadline', '2027/12/31']],
        [['deadline', '2026-12-31']],
        [['deadline', '2027-03-31']],
      ]);
      await cancelTaskSheet(office, planId, p.importId!);
      await assert.rejects(applyTaskSheet(office, planId, p.importId!), code('CONFLICT'), 'a cancelled import cannot be applied');
      const bad = await previewTaskSheet(office, planId, { fileName: 'bad.xlsx', bytes: await edit(data, (ws) => void (rowOf(ws, '完善政府').getCell(7).value = '明年春天')) });
      assert.equal(bad.importId, null);
      assert.deepEqual(bad.errors.map((e) => [e.row, e.column]), [[4, '完成时限']]);
      assert.match(bad.errors[0]!.message, /「明年春天」无法识别/);
    });

    test('every bad row is listed with its number and nothing is half-applied', async () => {
      const { data } = await exportTaskSheet(office, planId);
      const before = await getPlan(office, planId);
      const edited = await edit(data, (ws) => {
        rowOf(ws, '建立健全').getCell(3).value = '这一行本身是对的，但整表有错，不应保存。';
        rowOf(ws, '持续开展').getCell(4).value = '分解县不存在局';
        rowOf(ws, '完善政府').getCell(10).value = '00000000-0000-7000-8000-000000000000';
        ws.addRow([6, '', '新增的一项任务', '分解县甲局', '', '', '2026年底前', '', '', '']);
        rowOf(ws, '推进行政复议').getCell(5).value = '分解县乙局';
      });
      const p = await previewTaskSheet(office, planId, { fileName: 'bad.xlsx', bytes: edited });
      assert.equal(p.importId, null, 'a sheet with errors cannot be confirmed');
      assert.deepEqual(p.errors.map((e) => e.row), [3, 4, 5, 7]);
      assert.match(p.errors[0]!.message, /「分解县不存在局」不在本地区单位名录中/);
      assert.match(p.errors[1]!.message, /编号.*对应不到本方案的任务/);
      assert.match(p.errors[2]!.message, /同时列为牵头单位和责任单位/);
      assert.match(p.errors[3]!.message, /对应不到本方案的任务/);
      const after = await getPlan(office, planId);
      assert.deepEqual(after.tasks.map((t) => t.text), before.tasks.map((t) => t.text));
    });

    test('a stale sheet: a task changed since the sheet was read makes the whole import a conflict', async () => {
      const { data } = await exportTaskSheet(office, planId);
      const first = await previewTaskSheet(office, planId, { fileName: 'a.xlsx', bytes: await edit(data, (ws) => {
        rowOf(ws, '推进行政复议').getCell(6).value = '赵副县长';
        rowOf(ws, '开展法治政府').getCell(6).value = '钱副县长';
      }) });
      const second = await previewTaskSheet(office, planId, { fileName: 'b.xlsx', bytes: await edit(data, (ws) => void (rowOf(ws, '开展法治政府').getCell(3).value = '开展法治政府建设示范创建活动。')) });
      await applyTaskSheet(office, planId, second.importId!);
      await assert.rejects(applyTaskSheet(office, planId, first.importId!), (e: Error & { code?: string }) => e.code === 'CONFLICT' && /第 6 行/.test(e.message));
      const plan = await getPlan(office, planId);
      assert.deepEqual(plan.tasks.find((t) => t.text.startsWith('推进行政复议'))!.owners.filter((o) => o.role === 'leader'), [], 'the other row of the stale import was not applied either');
    });

    test('a sheet of another plan, renamed, reordered and merged columns, wrong file types, 50,000 rows', async () => {
      const other = await exportTaskSheet(office, otherPlanId);
      const p1 = await previewTaskSheet(office, planId, { fileName: 'o.xlsx', bytes: other.data });
      assert.deepEqual(p1.errors.map((e) => e.row), [null]);
      assert.match(p1.errors[0]!.message, /这是「分解县法治政府建设工作计划」的任务分解表/);
      // rows of another plan copied into this plan's sheet
      const { data } = await exportTaskSheet(office, planId);
      const otherIds: string[] = [];
      await edit(other.data, (ws) => ws.eachRow((r, n) => n > 1 && otherIds.push(String(r.getCell(10).value))));
      const p1b = await previewTaskSheet(office, planId, { fileName: 'o2.xlsx', bytes: await edit(data, (ws) => ws.addRow([9, '', '别的方案的任务', '分解县甲局', '', '', '2026年底前', '', '', otherIds[0]])) });
      assert.deepEqual(p1b.errors.map((e) => e.row), [7]);
      assert.match(p1b.errors[0]!.message, /属于另一个方案/);

      const renamed = await previewTaskSheet(office, planId, { fileName: 'r.xlsx', bytes: await edit(data, (ws) => void (ws.getCell('D1').value = '负责单位')) });
      assert.deepEqual(renamed.errors.map((e) => e.row), [1]);
      assert.match(renamed.errors[0]!.message, /缺少「牵头单位」列.*「负责单位」/);

      // columns moved around (任务 and 完成时限 swapped, 状态 first): read by header, so the edit lands
      const reordered = await edit(data, (ws) => {
        const swap = (a: number, b: number) => ws.eachRow({ includeEmpty: true }, (r) => {
          const x = r.getCell(a).value;
          r.getCell(a).value = r.getCell(b).value;
          r.getCell(b).value = x;
        });
        swap(3, 7);
        swap(1, 8);
        let hit: ExcelJS.Row | undefined;
        ws.eachRow((r) => String(r.getCell(7).value).startsWith('推进行政复议') && (hit = r));
        hit!.getCell(4).value = '分解县丁局';
      });
      const p2 = await previewTaskSheet(office, planId, { fileName: 'x.xlsx', bytes: reordered });
      assert.deepEqual(p2.errors, []);
      assert.deepEqual(p2.changes.map((c) => [c.row, c.fields.map((f) => [f.field, f.after])]), [[5, [['lead', '分解县丁局']]]]);

      const merged = await previewTaskSheet(office, planId, { fileName: 'm.xlsx', bytes: await edit(data, (ws) => {
        ws.mergeCells('D3:D4');
        ws.mergeCells('B2:B3'); // the 章节 column is not read: merging it is fine
      }) });
      assert.deepEqual(merged.errors.map((e) => [e.row, e.column]), [[3, '牵头单位']]);
      assert.match(merged.errors[0]!.message, /第 3—4 行的「牵头单位」列有合并单元格（D3:D4）/);

      await assert.rejects(previewTaskSheet(office, planId, { fileName: 'a.xls', bytes: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]) }), (e: Error & { code?: string }) => e.code === 'UNSUPPORTED' && /\.xls/.test(e.message));
      await assert.rejects(previewTaskSheet(office, planId, { fileName: 'a.csv', bytes: Buffer.from('序号,任务,牵头单位\n1,某任务,某局\n') }), (e: Error & { code?: string }) => e.code === 'UNSUPPORTED' && /CSV/.test(e.message));
      await assert.rejects(previewTaskSheet(office, planId, { fileName: 'a.xlsx', bytes: Buffer.alloc(0) }), code('VALIDATION'));
      await assert.rejects(previewTaskSheet(office, planId, { fileName: 'a.xlsx', bytes: Buffer.from('PK\x03\x04garbage') }), code('UNSUPPORTED'));

      const big = await previewTaskSheet(office, planId, { fileName: 'big.xlsx', bytes: await fiftyThousandRows() });
      assert.equal(big.importId, null);
      assert.deepEqual(big.errors.map((e) => e.row), [null]);
      assert.match(big.errors[0]!.message, /表格有 50000 行数据，而本方案只有 5 项任务/);
    });

    test('a liaison exports only the rows of its unit and cannot import; another region sees nothing', async () => {
      const { data } = await exportTaskSheet(liaison, planId);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(data as unknown as ArrayBuffer);
      const rows: string[] = [];
      wb.getWorksheet('任务分解表')!.eachRow((r, n) => n > 1 && rows.push(`${r.getCell(4).value}|${r.getCell(5).value}`));
      assert.ok(rows.length > 0);
      assert.ok(rows.every((r) => r.includes('分解县甲局')), rows.join('\n'));
      assert.ok(rows.length < (await getPlan(office, planId)).tasks.length);
      await assert.rejects(previewTaskSheet(liaison, planId, { fileName: 'l.xlsx', bytes: data }), code('FORBIDDEN'));
      const stranger = await makeCounty(sys, '别处县');
      await assert.rejects(exportTaskSheet(await ctxAs(sys, stranger.office.id), planId), code('NOT_FOUND'));
    });
  });
}
