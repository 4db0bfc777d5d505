import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS, type TestDb } from '../../test/db.ts';
import { ctxAs, makeCounty, makeUnit, makeUser, systemCtx } from '../../test/factories.ts';
import { periodsRepo } from '../db/repositories/reports.ts';
import { FixedClock } from '../shared/clock.ts';
import JSZip from 'jszip';
import { cockpit, cockpitDocx, cockpitPdf, cockpitPeriod, cockpitTasks, periodSummary, periodSummaryDocx, periodSummaryPdf } from './cockpit.ts';
import { Cockpit } from '../shared/api/dashboard.ts';
import type { ServiceContext } from './context.ts';
import { liaisonWorkbench, officeWorkbench, workbench } from './dashboard.ts';
import { generateCounty } from './demo-generate.ts';
import { listExtensions, requestExtension } from './extensions.ts';
import { enterMetricValue, metricsBoard } from './metrics.ts';
import { getInbox } from './inbox.ts';
import { issueNotice, listNotices } from './notices.ts';
import { commitImport, uploadPlan } from './plan-import.ts';
import { getPlan } from './plans.ts';
import { acceptReport, returnReport, reviewQueue, saveReport, submitReport } from './reports.ts';
import { supervisionBoard } from './supervision-board.ts';
import { systemActor } from './context.ts';

const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;

const PLAN = `驾驶县法治政府建设工作要点（2026—2026年）
一、重点任务
1.建立行政执法案卷评查制度。（牵头单位：驾驶县甲局；责任单位：驾驶县乙局）（完成时限：2026年12月底前）
2.持续开展领导干部学法用法活动。（牵头单位：驾驶县甲局）（完成时限：长期坚持）
二、基层法治
3.完善乡镇合法性审查机制。（牵头单位：驾驶县丙镇）（完成时限：2026年6月底前）
4.推进行政执法公示，公示覆盖率达到100%。（牵头单位：驾驶县乙局）（完成时限：2026年12月底前）
`;

for (const dialect of DIALECTS) {
  describe(`工作台 and cockpit figures equal the lists behind them (${dialect.name})`, () => {
    let h: TestDb;
    let clock: FixedClock;
    let sys: ServiceContext;
    let office: ServiceContext;
    let leader: ServiceContext;
    let liaisonA: ServiceContext;
    let liaisonB: ServiceContext;
    let liaisonC: ServiceContext;
    let otherLeader: ServiceContext;
    let county: Awaited<ReturnType<typeof makeCounty>>;
    let planId: string;
    let tasks: string[];
    let periods: string[];
    let chapters: string[];

    const report = async (who: ServiceContext, taskId: string, periodId: string, over: { completion?: 'in_progress' | 'done'; percent?: number; targetValues?: { targetIndex: number; value: number }[] } = {}) => {
      const d = await saveReport(who, { taskId, periodId, narrative: '本期按计划推进。', completion: over.completion ?? 'in_progress', percent: over.percent ?? 30, targetValues: over.targetValues ?? [] });
      return submitReport(who, d.id!, d.version);
    };

    before(async () => {
      h = await dialect.open();
      clock = new FixedClock('2026-04-05T02:00:00Z');
      sys = systemCtx(h.db, clock);
      county = await makeCounty(sys, '驾驶县');
      const unitC = await makeUnit(sys, county.region.id, { name: '驾驶县丙镇', kind: 'township' });
      const lb = await makeUser(sys, { role: 'liaison', regionId: county.region.id, unitId: county.unitB.id });
      const lc = await makeUser(sys, { role: 'liaison', regionId: county.region.id, unitId: unitC.id });
      const other = await makeCounty(sys, '旁边县');
      [office, leader, liaisonA, liaisonB, liaisonC, otherLeader] = await Promise.all([ctxAs(sys, county.office.id), ctxAs(sys, county.leader.id), ctxAs(sys, county.liaison.id), ctxAs(sys, lb.id), ctxAs(sys, lc.id), ctxAs(sys, other.leader.id)]);
      const imp = await uploadPlan(sys, { regionId: county.region.id, fileName: 'p.txt', bytes: new TextEncoder().encode(PLAN) });
      planId = (await commitImport(sys, imp.id, {})).planId;
      const plan = await getPlan(sys, planId);
      tasks = plan.tasks.map((t) => t.id);
      chapters = plan.headings.filter((x) => x.parentId === null).map((x) => x.id);
      periods = (await periodsRepo.ofPlan(h.db, planId)).map((p) => p.id);
      // Q1 (due 04-10): 甲 and 乙 report task 1 on time, the office accepts 甲's
      const a1 = await report(liaisonA, tasks[0]!, periods[0]!);
      await report(liaisonB, tasks[0]!, periods[0]!);
      await acceptReport(office, a1.id!, a1.version);
      // Q2 (due 07-10): 甲 reports task 1 late; 乙 reports task 4's metric, accepted
      clock.set('2026-07-15T02:00:00Z');
      await report(liaisonA, tasks[0]!, periods[1]!, { percent: 40 });
      const b4 = await report(liaisonB, tasks[3]!, periods[1]!, { percent: 60, targetValues: [{ targetIndex: 0, value: 80 }] });
      await acceptReport(office, b4.id!, b4.version);
      // now: Q3 passed with nothing reported; Q4 is the current period
      clock.set('2026-11-02T02:00:00Z');
    });
    after(() => h.dispose());

    test('cockpit completion and chapters equal the plan page; late tasks equal the supervision board', async () => {
      const c = await cockpit(leader, {});
      const plan = await getPlan(office, planId);
      assert.equal(c.plan?.id, planId);
      assert.deepEqual(c.completion.counts, plan.statusSummary);
      assert.equal(c.completion.counts.total, 4);
      assert.deepEqual(c.byChapter.map((x) => [x.chapter, x.counts]), plan.chapterSummary.map((x) => [x.title, x.counts]));
      const board = await supervisionBoard(leader, {});
      assert.deepEqual(c.behind.map((t) => t.id), board.tasks.filter((t) => t.planId === planId && t.status === '滞后').map((t) => t.taskId));
      assert.deepEqual((await cockpitTasks(leader, { status: '逾期' })).map((t) => t.number), ['二.3']);
      assert.deepEqual(Cockpit.parse(c), c, 'the answer keeps to its contract (the route sends it unchecked, from the cache)');
      for (const ch of c.byChapter) assert.equal((await cockpitTasks(leader, { headingId: ch.headingId })).length, ch.counts.total);
      assert.equal(c.completion.doneRate, 0);
      const ss = plan.statusSummary!;
      assert.equal(c.completion.onTrackRate, Math.round(((4 - (ss['滞后'] ?? 0) - (ss['逾期'] ?? 0)) / 4) * 1000) / 10);
    });

    test('on-time trend by period and its drill-down list agree, on fixed data', async () => {
      const c = await cockpit(leader, {});
      assert.deepEqual(c.onTimeTrend.map((p) => [p.label, p.owed, p.onTime, p.late, p.missing, p.rate]), [
        ['2026年第一季度', 5, 2, 0, 3, 40],
        ['2026年第二季度', 5, 0, 2, 3, 0],
        ['2026年第三季度', 5, 0, 0, 5, 0],
      ]);
      for (const p of c.onTimeTrend) {
        const rows = await cockpitPeriod(leader, { planId, periodId: p.periodId });
        assert.deepEqual([rows.items.length, rows.items.filter((i) => i.timeliness === 'on_time').length, rows.items.filter((i) => i.timeliness === 'late').length], [p.owed, p.onTime, p.late]);
      }
    });

    test('units ranked by on-time and accepted reports; heat map; targets; filters by chapter and unit kind', async () => {
      const c = await cockpit(leader, { periodId: periods[0] });
      assert.equal(c.period?.label, '2026年第一季度');
      assert.deepEqual(c.unitRanking.map((u) => [u.unitName, u.owed, u.onTime, u.accepted, u.onTimeRate, u.acceptedRate]), [
        ['驾驶县甲局', 2, 1, 1, 50, 50],
        ['驾驶县乙局', 2, 1, 0, 50, 0],
        ['驾驶县丙镇', 1, 0, 0, 0, 0],
      ]);
      const cell = (unit: string, ch: number) => c.heatmap.cells.find((x) => x.unitId === unit && x.headingId === chapters[ch]);
      assert.equal(cell(county.unitA.id, 0)?.total, 2);
      assert.equal(cell(county.unitA.id, 1), undefined);
      assert.equal(cell(county.unitB.id, 1)?.total, 1);
      const c3 = c.heatmap.cells.find((x) => x.headingId === chapters[1] && x.overdue === 1)!;
      assert.equal(c3.score, 2);
      assert.deepEqual(c.targets.map((t) => [t.number, t.target, t.actual, t.ratio, t.periodLabel]), [['二.4', 100, 80, 80, '2026年第二季度']]);
      // an official figure the office enters later is the one shown, at once (the cached cockpit is not served stale)
      const target = (await metricsBoard(office, {})).items.find((m) => m.taskNumber === '二.4')!;
      await enterMetricValue(office, target.targetId, { periodLabel: '2026年1—10月', periodDate: '2026-10-31', value: 90, source: '县司法局统计' });
      assert.deepEqual((await cockpit(leader, { periodId: periods[0] })).targets.map((t) => [t.number, t.actual, t.ratio, t.periodLabel]), [['二.4', 90, 90, '2026年1—10月']]);

      const ch2 = await cockpit(leader, { headingId: chapters[1] });
      assert.deepEqual((await cockpitTasks(leader, { headingId: chapters[1] })).map((t) => t.number), ['二.3', '二.4']);
      assert.equal(ch2.completion.counts.total, 2);
      assert.deepEqual(ch2.onTimeTrend.map((p) => p.owed), [2, 2, 2]);
      const town = await cockpit(leader, { unitKind: 'township' });
      assert.deepEqual((await cockpitTasks(leader, { unitKind: 'township' })).map((t) => t.number), ['二.3']);
      assert.equal(town.completion.counts.total, 1);
      assert.deepEqual(town.heatmap.units.map((u) => u.name), ['驾驶县丙镇']);
      assert.deepEqual(town.unitRanking.map((u) => u.unitName), ['驾驶县丙镇']);
    });

    test('a new report shows in the cockpit at the next request (the cache follows the data)', async () => {
      const before = await cockpit(leader, {});
      await report(liaisonC, tasks[2]!, periods[2]!);
      const after = await cockpit(leader, {});
      assert.deepEqual([after.onTimeTrend[2]!.late, after.onTimeTrend[2]!.missing], [before.onTimeTrend[2]!.late + 1, before.onTimeTrend[2]!.missing - 1]);
    });

    test('the cockpit as Word carries the same figures', async () => {
      const c = await cockpit(leader, { periodId: periods[0] });
      const f = await cockpitDocx(leader, { periodId: periods[0] });
      assert.match(f.fileName, /^驾驶县法治政府建设工作要点推进情况（2026-11-02）\.docx$/);
      const xml = await (await JSZip.loadAsync(f.data)).file('word/document.xml')!.async('string');
      assert.ok(xml.includes(`方案共有任务${c.completion.counts.total}项`));
      for (const text of ['各章节完成情况', '驾驶县甲局', '2026年第一季度', '公示覆盖率达到100%', '一、重点任务']) assert.ok(xml.includes(text), text);
      await assert.rejects(cockpitDocx(liaisonA, {}), code('NOT_FOUND'));
    });

    test('the period summary for a meeting: its counts are the cockpit’s, by unit and in total; Word carries them; PDF without LibreOffice is refused in Chinese', async () => {
      const c = await cockpit(leader, { periodId: periods[0] });
      const sum = await periodSummary(leader, { periodId: periods[0] });
      assert.equal(sum.period.label, '2026年第一季度');
      const trend = c.onTimeTrend.find((p) => p.periodId === periods[0])!;
      assert.deepEqual([sum.total.due, sum.total.onTime, sum.total.late, sum.total.missing], [trend.owed, trend.onTime, trend.late, trend.missing]);
      assert.deepEqual(
        sum.byUnit.filter((u) => u.due > 0).map((u) => [u.unitName, u.due, u.onTime, u.accepted]).sort(),
        c.unitRanking.map((u) => [u.unitName, u.owed, u.onTime, u.accepted]).sort(),
      );
      assert.equal(sum.byChapter.reduce((n, x) => n + x.due, 0), sum.total.due);
      const f = await periodSummaryDocx(leader, { periodId: periods[0] });
      assert.match(f.fileName, /2026年第一季度报送情况汇总（2026-11-02）\.docx$/);
      const xml = await (await JSZip.loadAsync(f.data)).file('word/document.xml')!.async('string');
      for (const text of ['报送情况汇总', '驾驶县甲局', '按时报送率']) assert.ok(xml.includes(text), text);
      await assert.rejects(periodSummaryPdf(leader, { periodId: periods[0] }, { soffice: '/nonexistent/soffice' }), (e: Error & { code?: string }) => e.code === 'UNPROCESSABLE' && /LibreOffice/.test(e.message));
      await assert.rejects(cockpitPdf(leader, {}, { soffice: null }), code('UNPROCESSABLE'));
      await assert.rejects(periodSummary(liaisonA, {}), code('NOT_FOUND'));
    });

    test("the cockpit is the region readers': a liaison and another region get NOT_FOUND", async () => {
      await assert.rejects(cockpit(liaisonA, {}), code('NOT_FOUND'));
      await assert.rejects(cockpit(otherLeader, { regionId: county.region.id }), code('NOT_FOUND'));
      await assert.rejects(cockpit(otherLeader, { planId }), code('NOT_FOUND'));
      await assert.rejects(cockpitPeriod(liaisonA, { planId, periodId: periods[0]! }), code('NOT_FOUND'));
      await assert.rejects(cockpitTasks(liaisonA, { planId }), code('NOT_FOUND'));
      assert.equal((await cockpit(office, {})).completion.counts.total, 4);
    });

    test("a liaison's 工作台 equals its inbox and its 督办单 list: due, returned, to answer, to consolidate, this week", async () => {
      // Q4: 乙 (co-owner) reports task 1 to 甲; 甲 reports task 2 and the office returns it; a 督办单 to 甲
      await report(liaisonB, tasks[0]!, periods[3]!);
      const a2 = await report(liaisonA, tasks[1]!, periods[3]!);
      await returnReport(office, a2.id!, a2.version, '请补充学法记录。');
      await issueNotice(office, { unitId: county.unitA.id, taskIds: [tasks[0]!], problem: '进展缓慢。', requirement: '请说明原因。', replyDue: '2026-11-06' });
      const w = await liaisonWorkbench(liaisonA);
      const inbox = await getInbox(liaisonA, {});
      assert.equal(w.period?.label, '2026年第四季度');
      assert.equal(w.dueThisPeriod, inbox.items.length);
      assert.equal(w.returned, inbox.items.filter((i) => i.state === 'returned').length);
      assert.equal(w.returned, 1);
      assert.equal(w.toDo, inbox.items.filter((i) => i.state === 'none' || i.state === 'draft').length);
      assert.equal(w.noticesToAnswer, (await listNotices(liaisonA, { state: 'open', page: 1, pageSize: 50 })).total);
      assert.equal(w.noticesToAnswer, 1);
      assert.deepEqual(w.consolidation.map((x) => [x.number, x.coSubmitted, x.coTotal]), [['一.1', 1, 1]]);
      assert.deepEqual(w.week.map((x) => [x.kind, x.date]), [['notice', '2026-11-06']]);
      assert.equal((await liaisonWorkbench(liaisonB)).consolidation.length, 0, 'a co-owner has nothing to consolidate');
      const wb = await workbench(liaisonA, {});
      assert.deepEqual([wb.role, wb.cockpit, wb.office], ['liaison', false, null]);
      await assert.rejects(liaisonWorkbench(liaisonC, county.unitA.id), code('NOT_FOUND'));
    });

    test("the office's 工作台 equals the review list, the board and the extension list", async () => {
      await requestExtension(liaisonA, { taskId: tasks[0]!, requestedDue: '2027-03-31', reason: '需等待上级标准。' });
      const w = await officeWorkbench(office);
      const board = await supervisionBoard(office, {});
      assert.equal(w.toReview, (await reviewQueue(office, { regionId: county.region.id, state: 'submitted' })).length);
      assert.equal(w.pendingExtensions, (await listExtensions(office, { state: 'pending' })).length);
      assert.equal(w.pendingExtensions, 1);
      assert.deepEqual([w.behindTasks, w.overdueTasks, w.overdueReports, w.openNotices], [board.tasks.filter((t) => t.status === '滞后').length, board.tasks.filter((t) => t.status === '逾期').length, board.reports.reduce((s, r) => s + r.missing + r.returned, 0), board.notices.length]);
      assert.equal(w.unitsBehind, board.byUnit.filter((u) => u.behind + u.overdueTasks + u.overdueReports > 0).length);
      assert.ok(w.week.some((x) => x.kind === 'notice' && x.date === '2026-11-06'));
      assert.equal((await workbench(leader, {})).cockpit, true);
      await assert.rejects(officeWorkbench(liaisonA), code('NOT_FOUND'));
      await assert.rejects(officeWorkbench(otherLeader, county.region.id), code('NOT_FOUND'));
    });
  });

  describe(`cockpit on generated data equals its lists (${dialect.name})`, () => {
    let h: TestDb;
    let ctx: ServiceContext;
    let planId: string;
    before(async () => {
      h = await dialect.open();
      const g = await generateCounty(h.db, { today: '2025-11-20', password: 'Fazhi@2026', name: '生成县', units: 14, tasks: 40 });
      planId = g.planId;
      ctx = { db: h.db, clock: new FixedClock('2025-11-20T02:00:00Z'), actor: systemActor('测试') };
    });
    after(() => h.dispose());

    test('completion, chapters, trend, ranking and heat map agree with the plan page and the period lists', async () => {
      const c = await cockpit(ctx, { planId });
      const plan = await getPlan(ctx, planId);
      assert.deepEqual(c.completion.counts, plan.statusSummary);
      assert.deepEqual(c.byChapter.map((x) => x.counts), plan.chapterSummary.map((x) => x.counts));
      assert.ok(c.onTimeTrend.length >= 18);
      for (const p of c.onTimeTrend) {
        const rows = await cockpitPeriod(ctx, { planId, periodId: p.periodId });
        assert.deepEqual([rows.items.length, rows.items.filter((i) => i.timeliness === 'on_time').length, rows.items.filter((i) => i.timeliness === 'missing').length], [p.owed, p.onTime, p.missing], p.label);
      }
      const last = c.onTimeTrend[c.onTimeTrend.length - 1]!;
      assert.equal(c.unitRanking.reduce((s, u) => s + u.owed, 0), last.owed);
      assert.equal(c.unitRanking.reduce((s, u) => s + u.onTime, 0), last.onTime);
      for (const u of c.unitRanking.slice(0, 3)) {
        const rows = await cockpitPeriod(ctx, { planId, periodId: last.periodId, unitId: u.unitId });
        assert.equal(rows.items.filter((i) => i.state === 'accepted').length, u.accepted);
      }
      const tasks = await cockpitTasks(ctx, { planId });
      assert.equal(tasks.length, c.completion.counts.total);
      for (const cell of c.heatmap.cells) assert.equal(cell.total, tasks.filter((t) => t.headingId === cell.headingId && t.unitIds.includes(cell.unitId)).length);
      for (const cell of c.heatmap.cells.slice(0, 5)) assert.equal((await cockpitTasks(ctx, { planId, headingId: cell.headingId, unitId: cell.unitId })).length, cell.total);
      const board = await supervisionBoard(ctx, { regionId: c.regionId });
      assert.deepEqual(c.behind.map((t) => t.id).sort(), board.tasks.filter((t) => t.status === '滞后').map((t) => t.taskId).sort());
    });
  });
}
