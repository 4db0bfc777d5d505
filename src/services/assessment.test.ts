import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS, type TestDb } from '../../test/db.ts';
import { ctxAs, makeCounty, makeUser, systemCtx } from '../../test/factories.ts';
import { periodsRepo } from '../db/repositories/reports.ts';
import { FixedClock } from '../shared/clock.ts';
import type { Framework } from '../shared/api/assessment.ts';
import ExcelJS from 'exceljs';
import { uniqueNames, splitPoints } from './assessment.ts';
import { metricsBoard } from './metrics.ts';
import { exportFramework, importFramework } from './assessment-sheet.ts';
import JSZip from 'jszip';
import { advanceCampaign, copyFramework, createCampaign, defaultFramework, frameworkOptions, getCampaign, getFramework, ranking, rankingXlsx, reviewScore, saveFramework, scorecard, scorecardDocx, selfAssess, selfEvidence, whatIf } from './assessment.ts';
import { uploadEvidence } from './evidence.ts';
import { LocalBlobStore } from '../db/blob-store.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ServiceContext } from './context.ts';
import { commitImport, uploadPlan } from './plan-import.ts';
import { getPlan } from './plans.ts';
import { acceptReport, returnReport, saveReport, submitReport } from './reports.ts';

const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const pdf = (tag: string) => Readable.from([Buffer.concat([PDF, Buffer.from(`% ${tag}\n`)])]);

const PLAN = `考核县法治政府建设工作要点（2026—2026年）
一、依法履行政府职能
1.编制政府权责清单并向社会公布。（牵头单位：考核县甲局）（完成时限：2026年3月底前）
2.推进“互联网+政务服务”，政务服务事项网上可办率达到95%以上。（牵头单位：考核县乙局）（完成时限：2026年3月底前）
二、健全依法决策机制
3.行政机关负责人出庭应诉率达到100%。（牵头单位：考核县甲局）（完成时限：2026年3月底前）
`;

const leafIds = (f: Framework) => f.indicators.flatMap((i) => i.children.map((c) => ({ id: c.id, name: `${i.name}/${c.name}`, points: c.points, rule: c.rule })));

test('sibling names are made unique by their task; points split in whole numbers that add up', () => {
  assert.deepEqual(uniqueNames([{ name: '出庭应诉率', qualifier: '任务三.12' }, { name: '覆盖率', qualifier: '任务一.1' }, { name: '出庭应诉率', qualifier: '任务五.2' }, { name: '出庭应诉率', qualifier: '任务五.2' }]), ['出庭应诉率（任务三.12）', '覆盖率', '出庭应诉率（任务五.2）', '出庭应诉率（任务五.2·2）']);
  assert.deepEqual(splitPoints(70, [2, 1]), [47, 23]);
  assert.deepEqual(splitPoints(20, [1, 1, 1]), [7, 7, 6]);
});

for (const dialect of DIALECTS) {
  describe(`考核: framework from the plan, a campaign from self-assessment to publication (${dialect.name})`, () => {
    let h: TestDb;
    let clock: FixedClock;
    let sys: ServiceContext;
    let office: ServiceContext;
    let liaisonA: ServiceContext;
    let liaisonB: ServiceContext;
    let assessor: ServiceContext;
    let outsider: ServiceContext;
    let county: Awaited<ReturnType<typeof makeCounty>>;
    let planId: string;
    let tasks: string[];
    let fw: Framework;
    let campaignId: string;
    let dir: string;
    let evidenceA: string;
    let evidenceB: string;

    before(async () => {
      h = await dialect.open();
      clock = new FixedClock('2026-01-05T02:00:00Z');
      dir = mkdtempSync(join(tmpdir(), 'fazhi-assess-blobs-'));
      sys = { ...systemCtx(h.db, clock), blobs: new LocalBlobStore(dir), uploadLimitBytes: 1024 * 1024 };
      county = await makeCounty(sys, '考核县');
      const lb = await makeUser(sys, { role: 'liaison', regionId: county.region.id, unitId: county.unitB.id });
      const otherInspector = await makeUser(sys, { role: 'inspector', regionId: county.region.id });
      [office, liaisonA, liaisonB, assessor, outsider] = await Promise.all([ctxAs(sys, county.office.id), ctxAs(sys, county.liaison.id), ctxAs(sys, lb.id), ctxAs(sys, county.inspector.id), ctxAs(sys, otherInspector.id)]);
      const imp = await uploadPlan(sys, { regionId: county.region.id, fileName: 'p.txt', bytes: new TextEncoder().encode(PLAN) });
      planId = (await commitImport(sys, imp.id, {})).planId;
      tasks = (await getPlan(sys, planId)).tasks.map((t) => t.id);
      const q1 = (await periodsRepo.ofPlan(h.db, planId)).find((p) => p.key === '2026Q1')!.id;
      // 甲 reports task 1 done before its due date (accepted at once) and task 3 with 出庭应诉率 96 %, late and returned once
      clock.set('2026-03-25T02:00:00Z');
      evidenceA = (await uploadEvidence(liaisonA, { unitId: county.unitA.id, fileName: '权责清单公布截图.pdf', stream: pdf('a') })).uploadId;
      evidenceB = (await uploadEvidence(liaisonB, { unitId: county.unitB.id, fileName: '乙局内部材料.pdf', stream: pdf('b') })).uploadId;
      let r = await saveReport(liaisonA, { taskId: tasks[0]!, periodId: q1, narrative: '权责清单已公布', completion: 'done', percent: 100, uploadIds: [evidenceA] });
      r = await submitReport(liaisonA, r.id!, r.version);
      await acceptReport(office, r.id!, r.version);
      clock.set('2026-04-15T02:00:00Z');
      let r3 = await saveReport(liaisonA, { taskId: tasks[2]!, periodId: q1, narrative: '出庭应诉', completion: 'done', percent: 100, targetValues: [{ targetIndex: 0, value: 96 }] });
      r3 = await submitReport(liaisonA, r3.id!, r3.version);
      r3 = await returnReport(office, r3.id!, r3.version, '请补充应诉台账');
      r3 = await submitReport(liaisonA, r3.id!, r3.version);
      await acceptReport(office, r3.id!, r3.version);
      // 乙 never reports
      clock.set('2026-05-06T02:00:00Z');
    });
    after(async () => {
      await h.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    test("the default framework follows the plan's chapters and targets and adds up to 100", async () => {
      fw = await defaultFramework(office, { planId, year: 2026 });
      assert.deepEqual(fw.problems, []);
      assert.deepEqual(fw.indicators.map((i) => [i.name, i.points]), [['一、依法履行政府职能', 47], ['二、健全依法决策机制', 23], ['量化指标完成', 20], ['督办督察落实', 10]]);
      assert.deepEqual(fw.indicators[0]!.children.map((c) => [c.name, c.points, c.ruleLabel]), [['任务按期完成', 28, '任务按期完成率'], ['进展按时报送', 19, '按时报送率']]);
      assert.deepEqual(fw.indicators[2]!.children.map((c) => c.rule?.kind), ['metric_target', 'metric_target'], 'one leaf per numeric target (95 % and 100 %)');
      await assert.rejects(defaultFramework(office, { planId, year: 2026 }), code('CONFLICT'), 'the same name twice in a year');
      await assert.rejects(defaultFramework(liaisonA, { planId, year: 2027 }), code('NOT_FOUND'));
    });

    test('the metrics board: each target against its latest accepted value', async () => {
      const b = await metricsBoard(office, { regionId: county.region.id });
      assert.deepEqual(b.items.map((m) => [m.taskNumber, m.target, m.actual, m.status]), [['一.2', 95, null, 'no_data'], ['二.3', 100, 96, 'missed']]);
      assert.deepEqual([b.items[1]!.values, b.items[1]!.latest?.kind, b.items[1]!.latest?.value, b.items[1]!.latest?.date], [1, 'report', 96, '2026-03-31']);
      assert.deepEqual(b.counts, { all: 2, met: 0, at_risk: 0, missed: 1, no_data: 1 });
      await assert.rejects(metricsBoard(liaisonA, { regionId: county.region.id }), code('NOT_FOUND'));
    });

    test('an edited framework whose points do not add up, or whose rule names a missing metric, is refused naming the indicator', async () => {
      const input = fw.indicators.map((i) => ({ name: i.name, points: i.points, children: i.children.map((c) => ({ name: c.name, points: c.points, rule: c.rule })) }));
      input[0]!.children[0]!.points = 26;
      await assert.rejects(saveFramework(office, fw.id, { name: fw.name, totalPoints: 100, indicators: input, version: fw.version }), (e: Error & { details?: { field: string; message: string }[] }) => e.details!.some((d) => d.field === '一、依法履行政府职能' && /合计 45 分，与本指标的 47 分不符/.test(d.message)));
      input[0]!.children[0]!.points = 28;
      input[2]!.children[0]!.rule = { kind: 'metric_target', metricId: '01900000-0000-7000-8000-000000000000', mode: 'proportional' };
      await assert.rejects(saveFramework(office, fw.id, { name: fw.name, totalPoints: 100, indicators: input, version: fw.version }), (e: Error) => /引用的量化指标不存在/.test(e.message));
      input[2]!.children[0]!.rule = fw.indicators[2]!.children[0]!.rule;
      input[1]!.children[0]!.rule = { kind: 'tasks_on_time', chapterId: '01900000-0000-7000-8000-000000000001' };
      (input[1] as { taskIds?: string[] }).taskIds = [tasks[2]!, '01900000-0000-7000-8000-000000000002'];
      await assert.rejects(saveFramework(office, fw.id, { name: fw.name, totalPoints: 100, indicators: input, version: fw.version }), (e: Error & { details?: { field: string; message: string }[] }) => {
        assert.deepEqual(e.details, [
          { field: '二、健全依法决策机制 › 任务按期完成', message: '评分规则限定的方案章节不存在，请重新选择' },
          { field: '二、健全依法决策机制', message: '有 1 项关联任务不存在或已从方案中删除，请重新选择' },
        ]);
        return true;
      });
      // what the editor picks from: the chapters, tasks and targets the default framework used
      const opts = await frameworkOptions(office, fw.id);
      assert.deepEqual(opts.plans.map((p) => p.id), [planId]);
      assert.deepEqual(opts.chapters.map((c) => c.label), ['一、依法履行政府职能', '二、健全依法决策机制']);
      assert.deepEqual(opts.chapters.map((c) => c.id), fw.indicators.slice(0, 2).map((i) => (i.children[0]!.rule as { chapterId: string }).chapterId));
      assert.deepEqual(opts.tasks.map((t) => t.number), ['一.1', '一.2', '二.3']);
      assert.deepEqual(opts.metrics.map((m) => [m.id, m.taskNumber]), fw.indicators[2]!.children.map((c, i) => [(c.rule as { metricId: string }).metricId, ['一.2', '二.3'][i]]));
      await assert.rejects(frameworkOptions(liaisonA, fw.id), code('NOT_FOUND'));
      const next = await copyFramework(office, fw.id, { year: 2027 });
      assert.equal(next.name, '2027年度法治政府建设考核指标');
      assert.deepEqual(next.indicators.map((i) => i.points), fw.indicators.map((i) => i.points));
    });

    test('the framework as an Excel sheet: export, edit in Excel, import back; every bad row named, nothing saved', async () => {
      const file = await exportFramework(office, fw.id);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file.data as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      assert.deepEqual((ws.getRow(1).values as string[]).slice(1), ['一级指标', '二级指标', '三级指标', '分值', '评分方式', '评分标准', '佐证材料', '关联任务', '规则代码']);
      assert.equal(ws.getColumn(9).hidden, true);
      const rowOf = (l1: string, l2: string) => { let at = 0; ws.eachRow((r, n) => { if (r.getCell(1).value === l1 && (r.getCell(2).value ?? '') === l2) at = n; }); return ws.getRow(at); };
      assert.equal(rowOf('一、依法履行政府职能', '').getCell(8).value, '一.1、一.2');
      // the office moves 2 points from 按时报送 to 按期完成 in chapter 一 and rewrites a criterion
      rowOf('一、依法履行政府职能', '任务按期完成').getCell(4).value = 30;
      rowOf('一、依法履行政府职能', '进展按时报送').getCell(4).value = 17;
      rowOf('督办督察落实', '督办单按期反馈').getCell(5).value = '扣分：逾期督办单每件2分';
      rowOf('督办督察落实', '督办单按期反馈').getCell(6).value = '逾期一件扣2分';
      const edited = new Uint8Array(await wb.xlsx.writeBuffer());
      const back = await importFramework(office, { regionId: county.region.id, year: 2026, name: '2026年度考核指标（修订）', planId, bytes: edited });
      assert.deepEqual(back.problems, []);
      assert.deepEqual(back.indicators[0]!.children.map((c) => [c.name, c.points, c.rule]), [['任务按期完成', 30, fw.indicators[0]!.children[0]!.rule], ['进展按时报送', 17, fw.indicators[0]!.children[1]!.rule]], 'the chapter scope survives the round trip');
      assert.deepEqual(back.indicators[3]!.children[0]!.rule, { kind: 'deduction', per: 'overdue_notice', pointsEach: 2 });
      assert.equal(back.indicators[3]!.children[0]!.criteria, '逾期一件扣2分');
      assert.deepEqual(back.indicators[2]!.children.map((c) => c.rule), fw.indicators[2]!.children.map((c) => c.rule), 'targets kept by the hidden code');
      // bad rows: points that do not add up, an unknown rule, a target without its code, an unknown task
      rowOf('一、依法履行政府职能', '任务按期完成').getCell(4).value = 31;
      rowOf('督办督察落实', '督察问题按期整改').getCell(5).value = '酌情扣分';
      const metricRow = ws.getRow(rowOf('量化指标完成', '').number + 1);
      metricRow.getCell(9).value = null;
      rowOf('二、健全依法决策机制', '').getCell(8).value = '九.9';
      const bad = new Uint8Array(await wb.xlsx.writeBuffer());
      await assert.rejects(importFramework(office, { regionId: county.region.id, year: 2026, name: '坏表', planId, bytes: bad }), (e: Error & { details?: { field: string; message: string }[] }) => {
        const d = e.details!.map((x) => `${x.field} ${x.message}`);
        assert.ok(d.some((x) => /^第\d+行 评分方式「酌情扣分」无法识别/.test(x)), d.join('\n'));
        assert.ok(d.some((x) => /^第\d+行 「指标达标」须对应方案中的量化指标/.test(x)), d.join('\n'));
        assert.ok(d.some((x) => /^第\d+行 关联任务「九.9」在方案中找不到/.test(x)), d.join('\n'));
        return true;
      });
      rowOf('督办督察落实', '督察问题按期整改').getCell(5).value = '扣分：逾期未整改问题每件1分';
      metricRow.getCell(9).value = JSON.stringify(fw.indicators[2]!.children[0]!.rule);
      rowOf('二、健全依法决策机制', '').getCell(8).value = '二.3';
      await assert.rejects(importFramework(office, { regionId: county.region.id, year: 2026, name: '坏表', planId, bytes: new Uint8Array(await wb.xlsx.writeBuffer()) }), (e: Error & { details?: { field: string; message: string }[] }) => e.details!.some((x) => x.field === `第${rowOf('一、依法履行政府职能', '').number}行` && /合计 48 分，与本指标的 47 分不符/.test(x.message)));
      await assert.rejects(importFramework(office, { regionId: county.region.id, year: 2026, name: '旧表', bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]) }), code('UNSUPPORTED'));
      await assert.rejects(importFramework(office, { regionId: county.region.id, year: 2026, name: '空表', bytes: new Uint8Array() }), code('VALIDATION'));
      await assert.rejects(importFramework(liaisonA, { regionId: county.region.id, year: 2026, name: '越权', bytes: edited }), code('FORBIDDEN'));
    });

    test('computed scores come from the records, each with its explanation; units see no totals before publication', async () => {
      campaignId = (await createCampaign(office, { frameworkId: fw.id, name: '2026年度考核', unitIds: [county.unitA.id, county.unitB.id], assessorIds: [county.inspector.id] })).id;
      await assert.rejects(saveFramework(office, fw.id, { name: fw.name, totalPoints: 100, indicators: [{ name: 'x', points: 100, rule: { kind: 'manual' } }], version: fw.version }), (e: Error & { code?: string }) => e.code === 'CONFLICT' && e.message === '该指标体系已用于考核「2026年度考核」（单位自评），不能再修改；如需调整请复制为新的指标体系', 'a framework a running campaign uses is frozen, naming it');
      const used = await getFramework(office, fw.id);
      assert.deepEqual([used.inUse, used.version], [true, fw.version], 'the refused save changed nothing');
      assert.match(used.editBlock!, /「2026年度考核」/);
      const a = await scorecard(office, campaignId, county.unitA.id);
      const line = (name: string) => a.lines.find((l) => l.path.join('/') === name)!;
      assert.equal(line('一、依法履行政府职能/任务按期完成').explanation, '任务按期完成 1/1 = 100%，得分 28 × 100% = 28');
      assert.deepEqual(line('一、依法履行政府职能/任务按期完成').sources, [{ kind: 'task', id: tasks[0] }]);
      assert.equal(line('二、健全依法决策机制/任务按期完成').computed, 0, 'task 3 was first sent after its due date');
      assert.equal(line('二、健全依法决策机制/进展按时报送').computed, 0, 'its Q1 report was sent after 4月10日');
      const target = a.lines.find((l) => l.path[0] === '量化指标完成' && l.explanation.includes('出庭应诉'))!;
      assert.equal(target.computed, 9.6, '96 of 100 → 96 % of 10 points');
      assert.match(a.lines.find((l) => l.path[0] === '量化指标完成' && l.computed === 10)!.explanation, /不涉及/, "乙's 95 % target is not 甲's");
      const b = await scorecard(office, campaignId, county.unitB.id);
      assert.equal(b.lines.find((l) => l.path.join('/') === '一、依法履行政府职能/进展按时报送')!.explanation, '按时报送 0/1 = 0%，得分 19 × 0% = 0');
      // 乙 owns the 95 % target but never reported a value: not scored (never a silent zero), so no total yet
      assert.equal(b.total, null);
      assert.deepEqual(b.missing, ['量化指标完成 › 政务服务事项网上可办率']);
      const r = await ranking(office, campaignId);
      assert.deepEqual(r.items.map((x) => [x.unitName, x.rank, x.missing]), [['考核县甲局', 1, 0], ['考核县乙局', null, 1]]);
      // the unit sees its own lines while it assesses itself, never the assessors' scores or a total
      const own = await scorecard(liaisonA, campaignId, county.unitA.id);
      assert.equal(own.total, null);
      await assert.rejects(scorecard(liaisonA, campaignId, county.unitB.id), code('NOT_FOUND'));
      await assert.rejects(ranking(liaisonA, campaignId), code('NOT_FOUND'));
      await assert.rejects(getCampaign(outsider, campaignId), code('NOT_FOUND'), 'an inspector not on the campaign');
    });

    test("self-assessment reuses the unit's report evidence; another unit's or a made-up file is refused", async () => {
      const leaf = leafIds(fw).find((l) => l.name === '一、依法履行政府职能/任务按期完成')!;
      const list = await selfEvidence(liaisonA, campaignId, county.unitA.id);
      assert.deepEqual(list.items.map((i) => [i.uploadId, i.fileName, i.uses.map((u) => [u.taskNumber, u.periodKey, u.reportState])]), [[evidenceA, '权责清单公布截图.pdf', [['一.1', '2026Q1', '已通过']]]]);
      assert.deepEqual((await selfEvidence(office, campaignId, county.unitA.id)).items.map((i) => i.uploadId), [evidenceA], 'the office may assess for a unit');
      assert.deepEqual((await selfEvidence(liaisonB, campaignId, county.unitB.id)).items, [], "乙's own file is on no report");
      await assert.rejects(selfEvidence(liaisonB, campaignId, county.unitA.id), code('NOT_FOUND'), "a unit never sees another's files");
      await assert.rejects(selfEvidence(assessor, campaignId, county.unitA.id), code('NOT_FOUND'));
      // a campaign of another year lists none of 2026's reports
      const later = await copyFramework(office, fw.id, { year: 2028 });
      const c2028 = await createCampaign(office, { frameworkId: later.id, name: '2028年度考核', unitIds: [county.unitA.id], assessorIds: [] });
      assert.deepEqual((await selfEvidence(liaisonA, c2028.id, county.unitA.id)).items, []);
      // forged ids: another unit's file, an id that does not exist — refused, nothing saved
      await assert.rejects(selfAssess(liaisonA, campaignId, { unitId: county.unitA.id, indicatorId: leaf.id, score: 28, uploadIds: [evidenceA, evidenceB], version: 0 }), (e: Error & { code?: string }) => e.code === 'NOT_FOUND' && e.message === '有 1 个佐证材料不存在或不是本单位的文件，请重新选择');
      await assert.rejects(selfAssess(liaisonA, campaignId, { unitId: county.unitA.id, indicatorId: leaf.id, score: 28, uploadIds: ['01900000-0000-7000-8000-0000000000ff'], version: 0 }), code('NOT_FOUND'));
      assert.equal((await scorecard(liaisonA, campaignId, county.unitA.id)).lines.find((l) => l.indicatorId === leaf.id)!.version, null, 'no score row was written');
      let card = await selfAssess(liaisonA, campaignId, { unitId: county.unitA.id, indicatorId: leaf.id, score: 28, note: '见权责清单公布截图', uploadIds: [evidenceA], version: 0 });
      assert.deepEqual(card.lines.find((l) => l.indicatorId === leaf.id)!.selfEvidence, [{ uploadId: evidenceA, fileName: '权责清单公布截图.pdf' }]);
      // a later save of the score alone keeps the files
      card = await selfAssess(liaisonA, campaignId, { unitId: county.unitA.id, indicatorId: leaf.id, score: 27, version: 1 });
      const line = card.lines.find((l) => l.indicatorId === leaf.id)!;
      assert.deepEqual([line.selfScore, line.selfEvidence.map((f) => f.fileName)], [27, ['权责清单公布截图.pdf']]);
      assert.deepEqual((await scorecard(office, campaignId, county.unitA.id)).lines.find((l) => l.indicatorId === leaf.id)!.selfEvidence.map((f) => f.uploadId), [evidenceA], 'the assessors see the files');
    });

    test('the ranking sheet is computed in one pass and equals every unit\'s card', async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await rankingXlsx(office, campaignId)).data as unknown as ArrayBuffer);
      const rows = wb.worksheets[0]!.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
      const r = await ranking(office, campaignId);
      assert.deepEqual(rows.map((x) => [x[0] === '' ? null : x[0], x[1], x[2] === '未评完' ? null : x[2]]), r.items.map((i) => [i.rank, i.unitName, i.total]));
      for (const [k, item] of r.items.entries()) {
        const card = await scorecard(office, campaignId, item.unitId);
        const subtotals = fw.indicators.map((top) => {
          const ls = card.lines.filter((l) => l.path[0] === top.name);
          return ls.some((l) => l.final === null) ? '' : Math.round(ls.reduce((s, l) => s + l.final!, 0) * 100) / 100;
        });
        assert.deepEqual(rows[k]!.slice(3), subtotals, item.unitName);
      }
      await assert.rejects(rankingXlsx(liaisonA, campaignId), code('NOT_FOUND'));
    });

    test('self-assessment, review with a cap and a dispute, what-if, approval freezes, re-opening is audited, publication', async () => {
      const leaf = leafIds(fw).find((l) => l.name === '二、健全依法决策机制/任务按期完成')!;
      await selfAssess(liaisonA, campaignId, { unitId: county.unitA.id, indicatorId: leaf.id, score: 8, note: '已完成，仅晚报五天', version: 0 });
      await assert.rejects(selfAssess(liaisonA, campaignId, { unitId: county.unitB.id, indicatorId: leaf.id, score: 8, version: 0 }), code('FORBIDDEN'));
      await assert.rejects(reviewScore(assessor, campaignId, { unitId: county.unitA.id, indicatorId: leaf.id, score: 5, version: 1 }), code('CONFLICT'), 'not in review yet');
      let c = await advanceCampaign(office, campaignId, { to: 'review', version: 1 });
      await assert.rejects(selfAssess(liaisonA, campaignId, { unitId: county.unitA.id, indicatorId: leaf.id, score: 9, version: 1 }), code('CONFLICT'));
      await assert.rejects(reviewScore(assessor, campaignId, { unitId: county.unitA.id, indicatorId: leaf.id, score: 99, version: 1 }), (e: Error) => /满分 \d+ 分/.test(e.message));
      await assert.rejects(reviewScore(outsider, campaignId, { unitId: county.unitA.id, indicatorId: leaf.id, score: 5, version: 1 }), code('NOT_FOUND'));
      const before = (await scorecard(office, campaignId, county.unitA.id)).total!;
      const card = await reviewScore(assessor, campaignId, { unitId: county.unitA.id, indicatorId: leaf.id, score: 5, note: '任务已完成，逾期较短，酌情给分', dispute: '单位认为应得 8 分', version: 1 });
      const line = card.lines.find((l) => l.indicatorId === leaf.id)!;
      assert.deepEqual([line.computed, line.selfScore, line.reviewScore, line.final, line.dispute], [0, 8, 5, 5, '单位认为应得 8 分']);
      assert.equal(card.total, Math.round((before + 5) * 100) / 100);
      await assert.rejects(advanceCampaign(office, campaignId, { to: 'approved', version: c.version }), (e: Error) => /还有 1 个单位未评完，不能审定：考核县乙局/.test(e.message));
      const missingLeaf = (await scorecard(office, campaignId, county.unitB.id)).lines.find((l) => l.final === null)!;
      await reviewScore(assessor, campaignId, { unitId: county.unitB.id, indicatorId: missingLeaf.indicatorId, score: 0, note: '全年未报送指标值', version: 0 });
      const wi = await whatIf(office, campaignId, { unitId: county.unitB.id, indicatorId: leafIds(fw).find((l) => l.name === '一、依法履行政府职能/进展按时报送')!.id, score: 19 });
      assert.equal(wi.delta, 19);
      assert.equal(wi.rankBefore, 2);
      c = await advanceCampaign(office, campaignId, { to: 'approved', version: c.version });
      const frozen = await ranking(office, campaignId);
      assert.equal(frozen.frozen, true);
      await assert.rejects(reviewScore(assessor, campaignId, { unitId: county.unitA.id, indicatorId: leaf.id, score: 6, version: 2 }), code('CONFLICT'), 'approved results are frozen');
      await assert.rejects(advanceCampaign(office, campaignId, { to: 'review', version: c.version }), code('VALIDATION'), 're-opening needs a reason');
      c = await advanceCampaign(office, campaignId, { to: 'review', version: c.version, reason: '乙局提出复核申请' });
      c = await advanceCampaign(office, campaignId, { to: 'approved', version: c.version });
      c = await advanceCampaign(office, campaignId, { to: 'published', version: c.version });
      const mine = await scorecard(liaisonA, campaignId, county.unitA.id);
      assert.deepEqual([mine.frozen, mine.rank], [true, 1]);
      assert.equal(mine.total, frozen.items[0]!.total);
      assert.deepEqual((await ranking(liaisonB, campaignId)).items.map((x) => x.rank), [1, 2]);
      await assert.rejects(scorecard(liaisonB, campaignId, county.unitA.id), code('NOT_FOUND'), "a unit never sees another's card");
      // the documents: the unit's 得分表 in Word and the ranking in Excel, read back
      const docx = await scorecardDocx(liaisonA, campaignId, county.unitA.id);
      const xml = await (await JSZip.loadAsync(docx.data)).file('word/document.xml')!.async('string');
      assert.match(xml, /w:pgSz w:w="11906" w:h="16838"/, 'A4');
      assert.ok(xml.includes('2026年度考核得分表') && xml.includes('考核县甲局') && xml.includes('第 1 名'));
      assert.ok(xml.includes('单位认为应得 8 分'), 'the dispute is on the card');
      const xlsx = await rankingXlsx(office, campaignId);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.data as unknown as ArrayBuffer);
      const rows = wb.worksheets[0]!.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1, 4));
      assert.deepEqual(rows.map((r) => [r[0], r[1]]), [[1, '考核县甲局'], [2, '考核县乙局']]);
      assert.equal(rows[0]![2], mine.total);
    });
  });
}
