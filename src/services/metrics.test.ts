import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS, type TestDb } from '../../test/db.ts';
import { ctxAs, importPlanText, makeCounty, makeUser, systemCtx } from '../../test/factories.ts';
import { periodsRepo } from '../db/repositories/reports.ts';
import { FixedClock } from '../shared/clock.ts';
import { EnterValueRequest } from '../shared/api/metrics.ts';
import { createCampaign, defaultFramework, scorecard } from './assessment.ts';
import type { ServiceContext } from './context.ts';
import { correctMetricValue, defineMetric, enterMetricValue, getMetric, metricsBoard } from './metrics.ts';
import { getPlan } from './plans.ts';
import { acceptReport, saveReport, submitReport } from './reports.ts';

const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;

const PLAN = `指标县法治政府建设工作要点（2026—2026年）
一、依法履行政府职能
1.编制政府权责清单并向社会公布。（牵头单位：指标县甲局）（完成时限：2026年3月底前）
2.推进“互联网+政务服务”，政务服务事项网上可办率达到95%以上。（牵头单位：指标县乙局）（完成时限：2026年12月底前）
二、健全依法决策机制
3.行政机关负责人出庭应诉率达到100%。（牵头单位：指标县甲局）（完成时限：2026年3月底前）
`;

for (const dialect of DIALECTS) {
  describe(`量化指标: office-entered values with their source, corrections, the board and the score (${dialect.name})`, () => {
    let h: TestDb;
    let clock: FixedClock;
    let office: ServiceContext;
    let leader: ServiceContext;
    let liaison: ServiceContext;
    let otherOffice: ServiceContext;
    let county: Awaited<ReturnType<typeof makeCounty>>;
    let tasks: string[];
    let onlineRate: string; // 网上可办率 ≥ 95 %（乙局, due 2026-12-31）
    let courtRate: string; // 出庭应诉率 ≥ 100 %（甲局, due 2026-03-31）

    before(async () => {
      h = await dialect.open();
      clock = new FixedClock('2026-01-05T02:00:00Z');
      const sys = systemCtx(h.db, clock);
      county = await makeCounty(sys, '指标县');
      const other = await makeCounty(sys, '别县');
      [office, leader, liaison, otherOffice] = await Promise.all([ctxAs(sys, county.office.id), ctxAs(sys, county.leader.id), ctxAs(sys, county.liaison.id), ctxAs(sys, other.office.id)]);
      const planId = await importPlanText(sys, county.region.id, PLAN);
      tasks = (await getPlan(sys, planId)).tasks.map((t) => t.id);
      const q1 = (await periodsRepo.ofPlan(h.db, planId)).find((p) => p.key === '2026Q1')!.id;
      // 甲局 reports 出庭应诉率 96 % for the first quarter, accepted
      clock.set('2026-04-08T02:00:00Z');
      let r = await saveReport(liaison, { taskId: tasks[2]!, periodId: q1, narrative: '出庭应诉', completion: 'done', percent: 100, targetValues: [{ targetIndex: 0, value: 96 }] });
      r = await submitReport(liaison, r.id!, r.version);
      await acceptReport(office, r.id!, r.version);
      clock.set('2026-05-06T02:00:00Z');
      const board = await metricsBoard(office, { regionId: county.region.id });
      onlineRate = board.items.find((i) => i.taskId === tasks[1])!.targetId;
      courtRate = board.items.find((i) => i.taskId === tasks[2])!.targetId;
      void makeUser;
    });
    after(() => h.dispose());

    test('the board: every target with its status and counts; filters by chapter and status; read by the office and leaders only', async () => {
      const b = await metricsBoard(office, { regionId: county.region.id });
      assert.deepEqual(b.items.map((i) => [i.taskNumber, i.name, i.op, i.target, i.actual, i.status, i.origin]), [['一.2', b.items[0]!.name, '>=', 95, null, 'no_data', 'plan'], ['二.3', b.items[1]!.name, '>=', 100, 96, 'missed', 'plan']]);
      assert.deepEqual(b.counts, { all: 2, met: 0, at_risk: 0, missed: 1, no_data: 1 });
      assert.equal(b.items[1]!.latest?.kind, 'report');
      assert.equal(b.items[1]!.latest?.source, '指标县甲局 2026年第一季度进展报送');
      assert.deepEqual(b.chapters.map((c) => c.title), ['一、依法履行政府职能', '二、健全依法决策机制']);
      const ch2 = await metricsBoard(leader, { regionId: county.region.id, chapterId: b.chapters[1]!.id });
      assert.deepEqual(ch2.items.map((i) => i.taskNumber), ['二.3']);
      assert.deepEqual(ch2.counts, { all: 1, met: 0, at_risk: 0, missed: 1, no_data: 0 });
      assert.deepEqual((await metricsBoard(office, { regionId: county.region.id, status: 'no_data' })).items.map((i) => i.taskNumber), ['一.2']);
      await assert.rejects(metricsBoard(liaison, { regionId: county.region.id }), code('NOT_FOUND'));
      await assert.rejects(metricsBoard(otherOffice, { regionId: county.region.id }), code('NOT_FOUND'));
      await assert.rejects(getMetric(liaison, courtRate), code('NOT_FOUND'));
    });

    test('entering a value: office only, numeric, a source, a period that has come; the board status changes', async () => {
      const ok = { periodLabel: '2026年4月', periodDate: '2026-04-30', value: 91.5, source: '县政务服务中心2026年4月统计月报' };
      await assert.rejects(enterMetricValue(liaison, onlineRate, ok), code('FORBIDDEN'));
      await assert.rejects(enterMetricValue(leader, onlineRate, ok), code('FORBIDDEN'));
      await assert.rejects(enterMetricValue(otherOffice, onlineRate, ok), code('NOT_FOUND'));
      await assert.rejects(enterMetricValue(office, onlineRate, { ...ok, periodLabel: '2026年6月', periodDate: '2026-06-30' }), (e: Error & { code?: string }) => e.code === 'VALIDATION' && /统计期不能晚于今天（2026-05-06）/.test(e.message));
      await assert.rejects(enterMetricValue(office, onlineRate, { ...ok, periodDate: '2026-02-30' }), code('VALIDATION'));
      // the contract: a number and a source are required, in Chinese
      const noSource = EnterValueRequest.safeParse({ ...ok, source: '  ' });
      assert.equal(noSource.success, false);
      assert.equal(noSource.error!.issues[0]!.message, '请填写数据来源');
      assert.equal(EnterValueRequest.safeParse({ ...ok, value: '九十' }).error!.issues[0]!.message, '数值应为数字');

      let d = await enterMetricValue(office, onlineRate, ok);
      assert.equal(d.metric.status, 'at_risk', '91.5 < 95, and the task is due at the end of the year');
      clock.set('2026-05-07T02:00:00Z');
      d = await enterMetricValue(office, onlineRate, { periodLabel: '2026年5月', periodDate: '2026-05-06', value: 96.2, source: '县政务服务中心2026年5月统计' });
      assert.equal(d.metric.status, 'met');
      assert.equal(d.metric.actual, 96.2);
      assert.deepEqual(d.series.map((p) => [p.kind, p.periodLabel, p.value, p.source]), [['office', '2026年4月', 91.5, '县政务服务中心2026年4月统计月报'], ['office', '2026年5月', 96.2, '县政务服务中心2026年5月统计']]);
      assert.equal(d.series[0]!.enteredBy, county.office.displayName);
      assert.equal(d.canEnter, true);
      assert.equal((await getMetric(leader, onlineRate)).canEnter, false);
      await assert.rejects(enterMetricValue(office, onlineRate, { ...ok, value: 92 }), (e: Error & { code?: string }) => e.code === 'CONFLICT' && /已录入数值 91.5/.test(e.message), 'a period with a value is corrected, never overwritten');
      const b = await metricsBoard(office, { regionId: county.region.id });
      assert.deepEqual(b.counts, { all: 2, met: 1, at_risk: 0, missed: 1, no_data: 0 });
      const audit = await h.db.selectFrom('audit_log').select(['action', 'summary']).where('action', '=', 'metric.value.enter').execute();
      assert.equal(audit.length, 2);
      assert.match(audit[0]!.summary!, /来源：县政务服务中心2026年4月统计月报/);
    });

    test('a correction adds a row and keeps the old one, marked superseded; stale or repeated corrections are refused', async () => {
      const before = await getMetric(office, onlineRate);
      const may = before.series.find((p) => p.periodLabel === '2026年5月')!;
      const fix = { periodLabel: '2026年5月', periodDate: '2026-05-06', value: 94.8, source: '县政务服务中心2026年5月统计（修订）', reason: '统计口径调整' };
      await assert.rejects(correctMetricValue(liaison, may.id, { ...fix, version: may.version }), code('FORBIDDEN'));
      await assert.rejects(correctMetricValue(office, may.id, { ...fix, version: may.version + 1 }), code('CONFLICT'));
      const d = await correctMetricValue(office, may.id, { ...fix, version: may.version });
      assert.equal(d.metric.actual, 94.8);
      assert.equal(d.metric.status, 'at_risk');
      assert.deepEqual(d.series.map((p) => p.value), [91.5, 94.8], 'the corrected value replaces the old one in the series');
      const old = d.history.find((p) => p.id === may.id)!;
      assert.equal(old.superseded, true);
      assert.equal(old.value, 96.2, 'the old value is kept as it was');
      const fresh = d.history.find((p) => p.supersedesId === may.id)!;
      assert.equal(old.supersededById, fresh.id);
      assert.equal(fresh.correctionReason, '统计口径调整');
      await assert.rejects(correctMetricValue(office, may.id, { ...fix, version: old.version }), (e: Error & { code?: string }) => e.code === 'CONFLICT' && /已被更正/.test(e.message));
      const audit = await h.db.selectFrom('audit_log').select(['summary', 'before_json', 'after_json']).where('action', '=', 'metric.value.correct').execute();
      assert.equal(audit.length, 1);
      assert.match(audit[0]!.summary!, /96.2 → 94.8/);
      assert.equal(JSON.parse(audit[0]!.before_json!).value, 96.2);
    });

    test('the office adds a metric the parser did not find; it is on the board, without data until a value is entered', async () => {
      const req = { taskId: tasks[0]!, name: '权责清单公布事项数', op: '>=' as const, target: 300, unit: '项', scope: '县直部门', byDate: '2026-12-31' };
      await assert.rejects(defineMetric(liaison, req), code('FORBIDDEN'));
      await assert.rejects(defineMetric(otherOffice, req), code('NOT_FOUND'));
      const d = await defineMetric(office, req);
      assert.equal(d.metric.origin, 'office');
      assert.equal(d.metric.status, 'no_data');
      assert.equal(d.metric.raw, '县直部门权责清单公布事项数≥300项（2026-12-31前）');
      assert.equal(d.metric.byDate, '2026-12-31');
      const b = await metricsBoard(office, { regionId: county.region.id });
      assert.deepEqual(b.items.map((i) => i.taskNumber), ['一.1', '一.2', '二.3']);
      assert.equal(b.counts.no_data, 1);
    });

    test('the 指标达标 score counts the office entry: the score changes and the explanation names the record and its source', async () => {
      const fw = await defaultFramework(office, { planId: (await getMetric(office, courtRate)).metric.planId, year: 2026 });
      const metricLeaf = fw.indicators.find((i) => i.name === '量化指标完成')!.children.find((c) => c.rule?.kind === 'metric_target' && c.rule.metricId === courtRate)!;
      const campaign = await createCampaign(office, { frameworkId: fw.id, name: '2026年度考核', unitIds: [county.unitA.id], assessorIds: [] });
      const lineOf = async () => (await scorecard(office, campaign.id, county.unitA.id)).lines.find((l) => l.indicatorId === metricLeaf.id)!;
      const before = await lineOf();
      assert.equal(before.computed, Math.round(metricLeaf.points * 0.96 * 100) / 100, 'from the report: 96 of 100');
      assert.match(before.explanation, /实际 96%（取自指标县甲局2026年第一季度进展报送）/);
      assert.equal(before.sources[0]!.kind, 'report');

      const d = await enterMetricValue(office, courtRate, { periodLabel: '2026年1—4月', periodDate: '2026-04-30', value: 100, source: '县法院行政审判庭出庭应诉统计' });
      assert.equal(d.metric.status, 'met');
      const afterEntry = await lineOf();
      assert.equal(afterEntry.computed, metricLeaf.points);
      assert.match(afterEntry.explanation, /实际 100%（取自依法治办录入的2026年1—4月数值（来源：县法院行政审判庭出庭应诉统计））/);
      assert.deepEqual(afterEntry.sources, [{ kind: 'metric_value', id: d.series.at(-1)!.id }]);
    });
  });
}
