/**
 * Plan import, the parts the review and later versions rely on (both databases): a commit with the
 * office's edits, a new version over tasks that already carry reports, target values entered in a
 * report, read back.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS, type TestDb } from '../../test/db.ts';
import { ctxAs, makeCounty, makeUser, systemCtx } from '../../test/factories.ts';
import { plansRepo } from '../db/repositories/plans.ts';
import { periodsRepo, reportsRepo } from '../db/repositories/reports.ts';
import { FixedClock } from '../shared/clock.ts';
import type { PlanDraft } from '../shared/plan-draft.ts';
import type { ServiceContext } from './context.ts';
import { commitImport, getImport, uploadPlan } from './plan-import.ts';
import { getPlan, listPlans } from './plans.ts';
import { acceptReport, getReport, openReport, saveReport, submitReport } from './reports.ts';
import { getTaskPage } from './task-page.ts';
import { listUnits } from './units.ts';

const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;
const bytes = (s: string) => new TextEncoder().encode(s);
const planText = (county: string) => `${county}法治政府建设工作要点（2026—2026年）
一、重点任务
1.建立行政执法案卷评查制度，组织开展全县行政执法案卷评查工作，评查覆盖率达到100%。（牵头单位：${county}甲局；责任单位：${county}乙局）（完成时限：2026年12月底前）
2.持续开展领导干部学法用法活动，常务会议会前学法每年不少于4次。（牵头单位：${county}甲局）（完成时限：长期坚持）
3.推进政务公开标准化规范化建设工作，完善政府信息公开目录。（牵头单位：${county}乙局）（完成时限：2026年12月底前）
`;

for (const dialect of DIALECTS) {
  describe(`plan import: review edits, versions over reports, target values (${dialect.name})`, () => {
    let h: TestDb;
    let clock: FixedClock;
    let sys: ServiceContext;
    before(async () => {
      h = await dialect.open();
      clock = new FixedClock('2026-04-05T02:00:00Z');
      sys = systemCtx(h.db, clock);
    });
    after(() => h.dispose());

    test('commit {draft}: the edits made in review are what is imported', async () => {
      const county = await makeCounty(sys, '审阅县');
      const office = await ctxAs(sys, county.office.id);
      const imp = await uploadPlan(office, { regionId: county.region.id, fileName: 'p.txt', bytes: bytes(planText('审阅县')) });
      const edited = structuredClone(imp.draft) as PlanDraft;
      const [t1, t2, t3] = edited.tasks as [PlanDraft['tasks'][0], PlanDraft['tasks'][0], PlanDraft['tasks'][0]];
      assert.equal(t1.targets[0]?.value, 100);
      t1.text = t1.text.replace('组织开展全县', '每半年组织开展一次全县');
      t1.targets[0]!.value = 95;
      t2.deadlines = [{ raw: '2026年9月底前', due: '2026-09-30', ongoing: false, recurring: null }];
      t3.lead_units = ['审阅县甲局'];
      t3.responsible_units = ['审阅县乙局'];
      edited.tasks.push({ ...structuredClone(t3), seq: 4, path: ['一', '4'], text: '开展行政复议案件质量评查。', lead_units: ['审阅县复议中心'], responsible_units: [], deadlines: [{ raw: '2026年6月底前', due: '2026-06-30', ongoing: false, recurring: null }], targets: [], span: undefined, line: undefined });

      // an edited draft that breaks the schema is refused, naming the field; nothing is committed
      const broken = structuredClone(edited) as unknown as { tasks: Record<string, unknown>[] };
      delete broken.tasks[0]!.text;
      await assert.rejects(commitImport(office, imp.id, { draft: broken as unknown as PlanDraft }), code('VALIDATION'));
      // a name added in review must be decided like a printed one
      await assert.rejects(commitImport(office, imp.id, { draft: edited }), (e: Error) => code('VALIDATION')(e) && /审阅县复议中心/.test(e.message));
      assert.equal((await getImport(office, imp.id)).status, 'pending');
      assert.equal((await listPlans(office, county.region.id)).length, 0);

      const r = await commitImport(office, imp.id, { draft: edited, decisions: { 审阅县复议中心: { action: 'create', name: '审阅县行政复议中心', kind: 'gov' } } });
      assert.equal(r.tasks, 4);
      assert.equal(r.unitsCreated, 1);
      const plan = await getPlan(office, r.planId);
      assert.deepEqual(plan.tasks.map((t) => t.text), edited.tasks.map((t) => t.text));
      assert.match(plan.tasks[0]!.text, /每半年组织开展一次全县/);
      assert.equal(plan.tasks[0]!.targets[0]?.value, 95);
      assert.deepEqual(plan.tasks[1]!.deadlines.map((d) => [d.due, d.ongoing]), [['2026-09-30', false]]);
      const roles = (i: number) => plan.tasks[i]!.assignments.map((a) => `${a.role}:${a.unitName}`).sort();
      assert.deepEqual(roles(2), ['co:审阅县乙局', 'lead:审阅县甲局']);
      assert.deepEqual(roles(3), ['lead:审阅县行政复议中心']);
      assert.ok((await listUnits(office, { regionId: county.region.id, q: '审阅县行政复议中心' })).some((u) => u.aliases.some((a) => a.alias === '审阅县复议中心')));
      // the version keeps the edited draft, not the parsed one
      const version = (await plansRepo.findVersion(h.db, r.versionId))!;
      assert.equal((JSON.parse(version.draft_json) as PlanDraft).tasks.length, 4);
    });

    test('a new version over tasks that already have reports: the reports survive, on the same tasks and periods', async () => {
      const county = await makeCounty(sys, '版本县');
      const office = await ctxAs(sys, county.office.id);
      const lead = await ctxAs(sys, county.liaison.id);
      const co = await ctxAs(sys, (await makeUser(sys, { role: 'liaison', regionId: county.region.id, unitId: county.unitB.id })).id);
      const v1 = planText('版本县');
      const r1 = await commitImport(office, (await uploadPlan(office, { regionId: county.region.id, fileName: 'v1.txt', bytes: bytes(v1) })).id, {});
      const before = await getPlan(office, r1.planId);
      const [task1, task2, task3] = before.tasks.map((t) => t.id) as [string, string, string];
      const q1 = (await periodsRepo.ofPlan(h.db, r1.planId))[0]!.id;
      const periodsBefore = (await periodsRepo.ofPlan(h.db, r1.planId)).map((p) => p.id);

      const coDraft = await saveReport(co, { taskId: task1, periodId: q1, narrative: '乙局评查案卷 12 件', completion: 'in_progress', percent: 30, uploadIds: [] });
      await submitReport(co, coDraft.id!, coDraft.version);
      const l1 = await saveReport(lead, { taskId: task1, periodId: q1, narrative: '汇总：全县评查案卷 40 件', completion: 'in_progress', percent: 40, uploadIds: [] });
      const l1s = await submitReport(lead, l1.id!, l1.version);
      const l1a = await acceptReport(office, l1s.id!, l1s.version);
      const l2 = await saveReport(lead, { taskId: task2, periodId: q1, narrative: '一季度会前学法 1 次', completion: 'ongoing_done', percent: null, uploadIds: [] });
      const b3 = await saveReport(co, { taskId: task3, periodId: q1, narrative: '目录已更新', completion: 'in_progress', percent: 50, uploadIds: [] });

      // v2: task 1 unchanged, task 2 reworded, task 3 removed, a task added
      const v2 = v1
        .replace('持续开展领导干部学法用法活动，', '持续深入开展领导干部学法用法活动，')
        .replace(/3\.推进政务公开.*\n/, '3.开展行政复议案件质量评查。（牵头单位：版本县甲局）（完成时限：2026年12月底前）\n');
      const r2 = await commitImport(office, (await uploadPlan(office, { regionId: county.region.id, fileName: 'v2.txt', bytes: bytes(v2) })).id, { planId: r1.planId, label: '修订稿' });
      assert.equal(r2.versionNo, 2);
      assert.deepEqual([r2.diff!.unchanged.length, r2.diff!.reworded.length, r2.diff!.removed.length, r2.diff!.added.length], [1, 1, 1, 1]);
      const after = await getPlan(office, r1.planId);
      assert.deepEqual(after.tasks.slice(0, 2).map((t) => t.id), [task1, task2]);
      assert.ok(!after.tasks.some((t) => t.id === task3), 'the removed task is no longer in the plan');
      assert.deepEqual((await periodsRepo.ofPlan(h.db, r1.planId)).map((p) => p.id), periodsBefore, 'the periods the reports point to stay');

      // every report is still there, unchanged, and still read through its task
      const accepted = await getReport(office, l1a.id!);
      assert.deepEqual([accepted.state, accepted.narrative, accepted.percent, accepted.taskId], ['accepted', '汇总：全县评查案卷 40 件', 40, task1]);
      assert.equal((await getReport(office, coDraft.id!)).state, 'submitted');
      const reworded = await getReport(lead, l2.id!);
      assert.deepEqual([reworded.state, reworded.narrative, reworded.taskId], ['draft', '一季度会前学法 1 次', task2]);
      const page1 = await getTaskPage(office, task1);
      assert.deepEqual(page1.periods.find((p) => p.id === q1)!.reports.map((r) => [r.role, r.stateLabel]).sort(), [['co', '已报送'], ['lead', '已通过']]);
      assert.match((await getTaskPage(office, task2)).task.text, /持续深入开展/);
      assert.equal((await getTaskPage(office, task2)).periods.find((p) => p.id === q1)!.reports.length, 1);
      // the removed task is deactivated, never deleted, and its report is kept
      assert.equal((await plansRepo.findTask(h.db, task3))?.active, 0);
      assert.equal((await reportsRepo.findById(h.db, b3.id!))?.narrative, '目录已更新');
      // the lead can go on from where it was: its draft on the reworded task opens as it was left
      const reopened = await openReport(lead, { taskId: task2, periodId: q1 });
      assert.equal(reopened.id, l2.id);
      assert.equal(reopened.version, l2.version);
    });

    test('target values entered in a report are read back as entered, through save, submit and accept', async () => {
      const county = await makeCounty(sys, '指标县');
      const office = await ctxAs(sys, county.office.id);
      const lead = await ctxAs(sys, county.liaison.id);
      const r = await commitImport(office, (await uploadPlan(office, { regionId: county.region.id, fileName: 'p.txt', bytes: bytes(planText('指标县')) })).id, {});
      const plan = await getPlan(office, r.planId);
      const [task1, task2] = plan.tasks as [typeof plan.tasks[0], typeof plan.tasks[0]];
      assert.equal(task1.targets.length, 1);
      assert.ok(task2.targets.length >= 1);
      const q1 = (await periodsRepo.ofPlan(h.db, r.planId))[0]!.id;

      const values = [{ targetIndex: 0, value: 96.5, note: '已评查 193 件，共 200 件' }];
      const saved = await saveReport(lead, { taskId: task1.id, periodId: q1, narrative: '评查工作推进中', completion: 'in_progress', percent: 60, uploadIds: [], targetValues: values });
      assert.deepEqual(saved.targetValues, values);
      assert.deepEqual((await getReport(lead, saved.id!)).targetValues, values);
      assert.deepEqual((await openReport(lead, { taskId: task1.id, periodId: q1 })).targetValues, values);

      // changed on a later save: the new values replace the old ones, a value may be left empty
      const v2 = [{ targetIndex: 0, value: null, note: '本期未统计' }];
      const saved2 = await saveReport(lead, { taskId: task1.id, periodId: q1, version: saved.version, narrative: '评查工作推进中', completion: 'in_progress', percent: 60, uploadIds: [], targetValues: v2 });
      assert.deepEqual((await getReport(office, saved2.id!)).targetValues, v2);
      // a value for a target the task does not have is refused and changes nothing
      await assert.rejects(
        saveReport(lead, { taskId: task1.id, periodId: q1, version: saved2.version, narrative: 'x', completion: 'in_progress', percent: 60, uploadIds: [], targetValues: [{ targetIndex: 1, value: 1 }] }),
        (e: Error & { details?: { field: string }[] }) => code('VALIDATION')(e) && e.details!.some((d) => d.field === 'targetValues'),
      );
      const v3 = [{ targetIndex: 0, value: 100, note: null }];
      const saved3 = await saveReport(lead, { taskId: task1.id, periodId: q1, version: saved2.version, narrative: '评查全覆盖', completion: 'done', percent: 100, uploadIds: [], targetValues: v3 });
      const sent = await submitReport(lead, saved3.id!, saved3.version);
      const ok = await acceptReport(office, sent.id!, sent.version);
      assert.deepEqual(ok.targetValues, v3);
      assert.deepEqual((await getReport(office, ok.id!)).targetValues, v3);
      // another task's targets: several values, by index
      const many = task2.targets.map((_t, i) => ({ targetIndex: i, value: 4 + i, note: `第${i + 1}项` }));
      const s2 = await saveReport(lead, { taskId: task2.id, periodId: q1, narrative: '会前学法 1 次', completion: 'ongoing_done', percent: null, uploadIds: [], targetValues: many });
      assert.deepEqual((await getReport(lead, s2.id!)).targetValues, many);
    });
  });
}
