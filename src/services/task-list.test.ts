/** 「任务」 list: every task the reader may see, filtered by plan, chapter, unit, status and due dates (both databases). */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS, type TestDb } from '../../test/db.ts';
import { ctxAs, makeCounty, makeUnit, makeUser, systemCtx } from '../../test/factories.ts';
import { periodsRepo } from '../db/repositories/reports.ts';
import { FixedClock } from '../shared/clock.ts';
import type { TaskListQuery } from '../shared/api/tasks.ts';
import type { ServiceContext } from './context.ts';
import { commitImport, uploadPlan } from './plan-import.ts';
import { getPlan } from './plans.ts';
import { acceptReport, saveReport, submitReport } from './reports.ts';
import { listTasks } from './task-list.ts';

const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;
const PLAN = `清单县法治政府建设工作要点（2026—2026年）
一、制度建设
1.完成规范性文件清理工作。（牵头单位：清单县甲局；责任单位：清单县乙局）（完成时限：2026年3月底前）
2.制定重大行政决策事项目录。（牵头单位：清单县乙局）（完成时限：2026年6月底前）
二、执法监督
1.持续开展行政执法案卷评查。（牵头单位：清单县甲局）（完成时限：长期坚持）
2.推进行政执法监督平台建设。（牵头单位：清单县丙局）（完成时限：2026年12月底前）
`;
const PLAN2 = `清单县行政复议工作要点（2026—2026年）
一、复议规范化
1.开展行政复议案件质量评查。（牵头单位：清单县甲局）（完成时限：2026年9月底前）
`;

for (const dialect of DIALECTS) {
  describe(`task list (${dialect.name})`, () => {
    let h: TestDb;
    let office: ServiceContext;
    let liaisonA: ServiceContext;
    let liaisonB: ServiceContext;
    let otherOffice: ServiceContext;
    let county: Awaited<ReturnType<typeof makeCounty>>;
    let plan1: string;
    let plan2: string;
    const numbers = async (ctx: ServiceContext, q: Omit<TaskListQuery, 'regionId'> = {}) =>
      (await listTasks(ctx, { regionId: county.region.id, ...q })).items.map((i) => `${i.planTitle.slice(3, 5)} ${i.number}`);

    before(async () => {
      h = await dialect.open();
      const clock = new FixedClock('2026-07-05T02:00:00Z');
      const sys = systemCtx(h.db, clock);
      county = await makeCounty(sys, '清单县');
      await makeUnit(sys, county.region.id, { name: '清单县丙局' });
      const lb = await makeUser(sys, { role: 'liaison', regionId: county.region.id, unitId: county.unitB.id });
      const other = await makeCounty(sys, '别处县');
      [office, liaisonA, liaisonB, otherOffice] = await Promise.all([ctxAs(sys, county.office.id), ctxAs(sys, county.liaison.id), ctxAs(sys, lb.id), ctxAs(sys, other.office.id)]);
      const imp1 = await uploadPlan(sys, { regionId: county.region.id, fileName: 'p1.txt', bytes: new TextEncoder().encode(PLAN) });
      plan1 = (await commitImport(sys, imp1.id, {})).planId;
      const imp2 = await uploadPlan(sys, { regionId: county.region.id, fileName: 'p2.txt', bytes: new TextEncoder().encode(PLAN2) });
      plan2 = (await commitImport(sys, imp2.id, {})).planId;
      // 一.2 is reported done by its lead (乙局) and accepted: 已完成
      const detail = await getPlan(sys, plan1);
      const q2 = (await periodsRepo.ofPlan(h.db, plan1))[1]!.id;
      const r = await saveReport(liaisonB, { taskId: detail.tasks[1]!.id, periodId: q2, narrative: '目录已公布', completion: 'done', percent: 100, uploadIds: [] });
      const s = await submitReport(liaisonB, r.id!, r.version);
      await acceptReport(office, s.id!, s.version);
    });
    after(() => h.dispose());

    test('the office sees every task of the region, with owners, deadlines and the status of today', async () => {
      const list = await listTasks(office, { regionId: county.region.id });
      assert.equal(list.total, 5);
      assert.equal(list.unit, null);
      const p1 = list.items.filter((i) => i.planId === plan1);
      assert.deepEqual(p1.map((i) => [i.number, i.status]), [['一.1', '逾期'], ['一.2', '已完成'], ['二.1', '长期坚持'], ['二.2', (await getPlan(office, plan1)).tasks[3]!.status]]);
      assert.deepEqual([p1[0]!.leadUnits, p1[0]!.coUnits], [['清单县甲局'], ['清单县乙局']]);
      assert.equal(p1[0]!.deadline, '2026年3月31日前');
      assert.equal(p1[0]!.due, '2026-03-31');
      assert.equal(p1[2]!.due, null);
      assert.equal(p1[0]!.chapter, '一、制度建设');
      // the statuses are the plan page's, computed the same way
      assert.deepEqual(p1.map((i) => i.status), (await getPlan(office, plan1)).tasks.map((t) => t.status));
      assert.deepEqual(list.plans.map((p) => p.id).sort(), [plan1, plan2].sort());
      assert.equal(list.chapters.length, 3);
      assert.equal(list.counts['逾期'], 1);
      assert.equal(list.counts['已完成'], 1);
    });

    test('filters: plan, chapter, unit, status, due range, words; status leaves the counts alone', async () => {
      assert.deepEqual(await numbers(office, { planId: plan2 }), ['行政 一.1']);
      const chapter2 = (await listTasks(office, { regionId: county.region.id })).chapters.find((c) => c.label === '二、执法监督')!;
      assert.deepEqual(await numbers(office, { headingId: chapter2.id }), ['法治 二.1', '法治 二.2']);
      const ofA = await listTasks(office, { regionId: county.region.id, unitId: county.unitA.id });
      assert.deepEqual(ofA.unit?.name, '清单县甲局');
      assert.deepEqual(ofA.items.map((i) => [i.number, i.role]).sort(), [['一.1', 'lead'], ['一.1', 'lead'], ['二.1', 'lead']].sort());
      const late = await listTasks(office, { regionId: county.region.id, status: '逾期' });
      assert.deepEqual(late.items.map((i) => i.number), ['一.1']);
      assert.equal(late.total, 1);
      assert.equal(late.counts.total, 5, 'counts ignore the status filter');
      assert.deepEqual(await numbers(office, { status: '已完成' }), ['法治 一.2']);
      assert.deepEqual((await numbers(office, { dueFrom: '2026-06-01', dueTo: '2026-09-30' })).sort(), ['法治 一.2', '行政 一.1'].sort());
      assert.deepEqual(await numbers(office, { dueTo: '2026-04-30' }), ['法治 一.1'], 'ongoing tasks have no date and drop out of a range');
      assert.deepEqual(await numbers(office, { q: '案卷评查' }), ['法治 二.1']);
      const page2 = await listTasks(office, { regionId: county.region.id, pageSize: 2, page: 2 });
      assert.equal(page2.items.length, 2);
      assert.equal(page2.total, 5);
      await assert.rejects(listTasks(office, { regionId: county.region.id, dueFrom: '2026-10-01', dueTo: '2026-01-01' }), code('VALIDATION'));
    });

    test('a liaison sees their own unit’s tasks only; another unit or region answers NOT_FOUND', async () => {
      const mine = await listTasks(liaisonB, { regionId: county.region.id });
      assert.equal(mine.unit?.id, county.unitB.id);
      assert.deepEqual(mine.items.map((i) => [i.number, i.role]), [['一.1', 'co'], ['一.2', 'lead']]);
      assert.deepEqual((await listTasks(liaisonA, { regionId: county.region.id })).items.map((i) => i.number).sort(), ['一.1', '一.1', '二.1']);
      await assert.rejects(listTasks(liaisonA, { regionId: county.region.id, unitId: county.unitB.id }), code('NOT_FOUND'));
      await assert.rejects(listTasks(otherOffice, { regionId: county.region.id }), code('NOT_FOUND'));
      await assert.rejects(listTasks(office, { regionId: county.region.id, planId: county.unitA.id }), code('NOT_FOUND'), 'not a plan of the region');
    });
  });
}
