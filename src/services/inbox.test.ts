/** 「我的任务」: the chapter, state and deadline filters are applied by the server (both databases). */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS, type TestDb } from '../../test/db.ts';
import { ctxAs, makeCounty, systemCtx } from '../../test/factories.ts';
import { FixedClock } from '../shared/clock.ts';
import type { InboxQuery } from '../shared/api/reports.ts';
import type { ServiceContext } from './context.ts';
import { getInbox } from './inbox.ts';
import { commitImport, uploadPlan } from './plan-import.ts';
import { getPlan } from './plans.ts';
import { saveReport } from './reports.ts';

const PLAN = `筛选县法治政府建设工作要点（2026—2026年）
一、制度建设
1.完成规范性文件清理工作。（牵头单位：筛选县甲局）（完成时限：2026年3月底前）
2.制定重大行政决策事项目录。（牵头单位：筛选县甲局）（完成时限：2026年6月底前）
二、执法监督
1.持续开展行政执法案卷评查。（牵头单位：筛选县甲局）（完成时限：长期坚持）
2.建立行政执法人员资格管理台账。（牵头单位：筛选县甲局）（完成时限：2026年7月底前）
3.推进行政执法监督平台建设。（牵头单位：筛选县甲局）（完成时限：2026年12月底前）
`;

for (const dialect of DIALECTS) {
  describe(`inbox filters on the server (${dialect.name})`, () => {
    let h: TestDb;
    let clock: FixedClock;
    let liaison: ServiceContext;
    let chapters: Map<string, string>;
    let taskOf: Map<string, string>;
    const numbers = async (q: InboxQuery) => (await getInbox(liaison, q)).items.map((i) => i.number);

    before(async () => {
      h = await dialect.open();
      clock = new FixedClock('2026-07-05T02:00:00Z'); // the second quarter's reports are due on 07-10
      const sys = systemCtx(h.db, clock);
      const county = await makeCounty(sys, '筛选县');
      liaison = await ctxAs(sys, county.liaison.id);
      const imp = await uploadPlan(sys, { regionId: county.region.id, fileName: 'p.txt', bytes: new TextEncoder().encode(PLAN) });
      const plan = await getPlan(sys, (await commitImport(sys, imp.id, {})).planId);
      taskOf = new Map(plan.tasks.map((t) => [t.path.filter(Boolean).join('.'), t.id]));
      const inbox = await getInbox(liaison, {});
      chapters = new Map(inbox.chapters.map((c) => [c.label, c.id]));
    });
    after(() => h.dispose());

    test('without filters: every task due this period, with the chapters and plans to choose from', async () => {
      const inbox = await getInbox(liaison, {});
      assert.equal(inbox.period?.label, '2026年第二季度');
      assert.deepEqual(inbox.items.map((i) => i.number), ['一.1', '一.2', '二.1', '二.2', '二.3']);
      assert.deepEqual([...chapters.keys()], ['一、制度建设', '二、执法监督']);
      assert.deepEqual(inbox.plans.map((p) => p.title), ['筛选县法治政府建设工作要点']);
      assert.equal(inbox.counts.total, 5);
    });

    test('deadline: 本期到期, 已逾期, 30天内, 长期坚持', async () => {
      assert.deepEqual(await numbers({ deadline: 'period' }), ['一.2'], 'due 06-30, inside 2026Q2');
      assert.deepEqual(await numbers({ deadline: 'overdue' }), ['一.1', '一.2'], 'due 03-31 and 06-30, both passed and not done');
      assert.deepEqual(await numbers({ deadline: 'within30' }), ['二.2'], 'due 07-31, within 30 days of 07-05');
      assert.deepEqual(await numbers({ deadline: 'ongoing' }), ['二.1']);
      const overdue = await getInbox(liaison, { deadline: 'overdue' });
      assert.equal(overdue.counts.total, 2);
      assert.equal(overdue.counts.overdue, 2);
      assert.equal(overdue.chapters.length, 2, 'the choices do not shrink with the filter');
    });

    test('chapter: only that chapter; combined with deadline', async () => {
      assert.deepEqual(await numbers({ headingId: chapters.get('二、执法监督')! }), ['二.1', '二.2', '二.3']);
      assert.deepEqual(await numbers({ headingId: chapters.get('一、制度建设')! }), ['一.1', '一.2']);
      assert.deepEqual(await numbers({ headingId: chapters.get('二、执法监督')!, deadline: 'ongoing' }), ['二.1']);
      assert.deepEqual(await numbers({ headingId: chapters.get('一、制度建设')!, deadline: 'ongoing' }), []);
    });

    test("state: only that state; the counts keep every state's figure", async () => {
      await saveReport(liaison, { taskId: taskOf.get('一.2')!, periodId: (await getInbox(liaison, {})).period!.id, narrative: '目录已起草', completion: 'in_progress', percent: 60, uploadIds: [] });
      const drafts = await getInbox(liaison, { state: 'draft' });
      assert.deepEqual(drafts.items.map((i) => i.number), ['一.2']);
      assert.equal(drafts.counts.draft, 1);
      assert.equal(drafts.counts.none, 4);
      assert.deepEqual(await numbers({ state: 'none' }), ['一.1', '二.1', '二.2', '二.3']);
      assert.deepEqual(await numbers({ state: 'none', headingId: chapters.get('一、制度建设')! }), ['一.1']);
      assert.deepEqual(await numbers({ state: 'submitted' }), []);
    });

    test('after the report due date every unsent report counts as overdue', async () => {
      const q2 = (await getInbox(liaison, {})).period!.id;
      clock.set('2026-07-11T02:00:00Z');
      const late = await getInbox(liaison, { periodId: q2, deadline: 'overdue' });
      assert.deepEqual(late.items.map((i) => i.number), ['一.1', '一.2', '二.1', '二.2', '二.3']);
      assert.ok(late.items.every((i) => i.overdue));
      assert.deepEqual(await numbers({ periodId: q2, deadline: 'within30' }), ['二.2']);
      // the third quarter is now the current one: its reports are not late yet, the two tasks still are
      assert.deepEqual(await numbers({ deadline: 'overdue' }), ['一.1', '一.2']);
      clock.set('2026-07-05T02:00:00Z');
    });
  });
}
