import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DIALECTS, type TestDb } from '../../test/db.ts';
import { ctxAs, makeCounty, makeUnit, makeUser, systemCtx } from '../../test/factories.ts';
import { periodsRepo } from '../db/repositories/reports.ts';
import { supervisionRepo } from '../db/repositories/supervision.ts';
import { buildWorkCalendar, parseCalendarJson } from '../domain/calendar.ts';
import { eachDay } from '../domain/dates.ts';
import { FixedClock } from '../shared/clock.ts';
import type { ServiceContext } from './context.ts';
import { commitImport, uploadPlan } from './plan-import.ts';
import { getPlan } from './plans.ts';
import { saveReport, submitReport } from './reports.ts';
import { catchUp, runDay, type SchedulerDeps } from './scheduler.ts';
import { runRegionRules } from './supervision-rules.ts';
import { updateSupervisionSettings } from './supervision-settings.ts';
import { listMyNotifications } from './notifications.ts';

const year = (y: number) => parseCalendarJson(readFileSync(new URL(`../../data/calendars/${y}.json`, import.meta.url), 'utf8'), { year: y }).calendar!;
const calendar = buildWorkCalendar([year(2025), year(2026)]);
/** 09:00 in Shanghai on the day */
const morning = (day: string) => `${day}T01:00:00Z`;

const PLAN = `督办县法治政府建设工作要点（2026—2026年）
一、重点任务
1.建立行政执法案卷评查制度，组织开展全县行政执法案卷评查工作。（牵头单位：督办县甲局；责任单位：督办县乙局）（完成时限：2026年12月底前）
2.持续开展领导干部学法用法活动。（牵头单位：督办县甲局）（完成时限：长期坚持）
3.完善政府信息公开目录。（牵头单位：督办县丙局）（完成时限：2026年12月底前）
4.完成行政复议案件办理规范化建设。（牵头单位：督办县甲局）（完成时限：2026年10月9日前）
`;

for (const dialect of DIALECTS) {
  describe(`supervision scheduler (${dialect.name})`, () => {
    let h: TestDb;
    let clock: FixedClock;
    let sys: ServiceContext;
    let deps: SchedulerDeps;
    let county: Awaited<ReturnType<typeof makeCounty>>;
    let names: Map<string, string>;
    let taskNo: Map<string, string>;
    let q2: string;
    let liaisonA: ServiceContext;
    let tasks: string[];
    let headA: ServiceContext;
    let countyLeader: ServiceContext;

    before(async () => {
      h = await dialect.open();
      clock = new FixedClock('2026-08-31T01:00:00Z');
      sys = systemCtx(h.db, clock);
      county = await makeCounty(sys, '督办县');
      const unitC = await makeUnit(sys, county.region.id, { name: '督办县丙局' });
      await makeUser(sys, { role: 'liaison', regionId: county.region.id, unitId: county.unitB.id });
      await makeUser(sys, { role: 'liaison', regionId: county.region.id, unitId: unitC.id });
      names = new Map([
        [county.unitA.id, '甲'],
        [county.unitB.id, '乙'],
        [unitC.id, '丙'],
      ]);
      const imp = await uploadPlan(sys, { regionId: county.region.id, fileName: 'p.txt', bytes: new TextEncoder().encode(PLAN) });
      const plan = await getPlan(sys, (await commitImport(sys, imp.id, {})).planId);
      tasks = plan.tasks.map((t) => t.id);
      taskNo = new Map(plan.tasks.map((t) => [t.id, t.path.filter(Boolean).join('.')]));
      q2 = (await periodsRepo.ofPlan(h.db, plan.id)).find((p) => p.key === '2026Q2')!.id;
      liaisonA = await ctxAs(sys, county.liaison.id);
      deps = { db: h.db, clock, loadCalendar: async () => calendar };
      // the head of 甲 has a leader account of that unit; the county leader belongs to no unit
      headA = await ctxAs(sys, (await makeUser(sys, { role: 'leader', regionId: county.region.id, unitId: county.unitA.id })).id);
      countyLeader = await ctxAs(sys, county.leader.id);
    });
    after(() => h.dispose());

    /** the alerts one day's run recorded, as short strings: kind/rule/unit/task */
    const alertsOn = async (day: string) =>
      (await supervisionRepo.alertsOfRun(h.db, county.region.id, day)).map((a) => `${a.kind === 'reminder' ? '提醒' : '警示'} ${a.rule} ${names.get(a.unit_id)}${a.task_id ? ` ${taskNo.get(a.task_id)}` : ''}`).sort();

    test('a fake clock across September and October: which reminders, warnings and escalations happen on which days', async () => {
      const log = new Map<string, { alerts: string[]; escalations: number; answered: number }>();
      for (const day of eachDay('2026-09-01', '2026-10-16')) {
        clock.set(morning(day));
        if (day === '2026-09-02') {
          // 甲 hands in its second-quarter reports a day after being warned
          for (const taskId of [tasks[0]!, tasks[1]!, tasks[3]!]) {
            const r = await saveReport(liaisonA, { taskId, periodId: q2, narrative: '第二季度已按计划推进。', completion: 'in_progress', percent: 60 });
            await submitReport(liaisonA, r.id!, r.version!);
          }
        }
        const out = await runDay(deps, county.region.id, day);
        assert.equal(out.ran, true);
        assert.equal(out.error, undefined);
        const s = out.summary!;
        if (s.reminders + s.warnings + s.escalations + s.answered) log.set(day, { alerts: await alertsOn(day), escalations: s.escalations, answered: s.answered });
      }
      // 9月1日: the second quarter was due 7月10日 — everyone who owes it is warned; tasks 1, 3, 4 trail 序时进度
      assert.deepEqual(log.get('2026-09-01'), {
        alerts: ['警示 report-overdue 丙', '警示 report-overdue 乙', '警示 report-overdue 甲', '警示 task-behind 丙 一.3', '警示 task-behind 甲 一.1', '警示 task-behind 甲 一.4'],
        escalations: 0,
        answered: 0,
      });
      // 9月2日: 甲 reported in the morning, so its warning closes itself at the day's run
      assert.deepEqual(log.get('2026-09-02'), { alerts: [], escalations: 0, answered: 1 });
      assert.equal(log.get('2026-09-03'), undefined);
      // 9月4日: three working days later the five unanswered warnings are escalated
      assert.deepEqual(log.get('2026-09-04'), { alerts: [], escalations: 5, answered: 0 });
      // 9月30日: the last working day before National Day carries both the 7- and the 3-day reminder
      // for reports due 10月10日 (only the 3-day one is sent) and for task 4, due 10月9日
      assert.deepEqual(log.get('2026-09-30'), { alerts: ['提醒 report-due 丙', '提醒 report-due 乙', '提醒 report-due 甲', '提醒 task-due 甲 一.4'], escalations: 0, answered: 0 });
      // nothing during the holiday
      for (const day of eachDay('2026-10-01', '2026-10-07')) assert.equal(log.get(day), undefined, day);
      assert.deepEqual(log.get('2026-10-08')?.alerts, ['提醒 task-due 甲 一.4']);
      assert.deepEqual(log.get('2026-10-09')?.alerts, ['提醒 report-due 丙', '提醒 report-due 乙', '提醒 report-due 甲']);
      // 10月10日 is a Saturday worked in exchange (调休): task 4, due the 9th, is now overdue
      assert.deepEqual(log.get('2026-10-10')?.alerts, ['警示 task-overdue 甲 一.4']);
      assert.equal(log.get('2026-10-11'), undefined); // Sunday
      // 10月12日: third-quarter reports are overdue; a new period, so tasks still behind are warned again
      assert.deepEqual(log.get('2026-10-12')?.alerts, ['警示 report-overdue 丙', '警示 report-overdue 乙', '警示 report-overdue 甲', '警示 task-behind 丙 一.3', '警示 task-behind 甲 一.1']);
      // three working days after each warning (the 调休 Saturday counts, Sunday does not)
      assert.deepEqual(log.get('2026-10-14'), { alerts: [], escalations: 1, answered: 0 });
      assert.deepEqual(log.get('2026-10-15'), { alerts: [], escalations: 5, answered: 0 });
      assert.deepEqual([...log.keys()], ['2026-09-01', '2026-09-02', '2026-09-04', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12', '2026-10-14', '2026-10-15']);
      const all = (await supervisionRepo.listAlerts(h.db, { regionId: county.region.id, kind: 'warning', limit: 100, offset: 0 })).rows;
      assert.deepEqual(all.map((a) => a.seq).sort((x, y) => x - y), Array.from({ length: all.length }, (_, i) => i + 1), 'warnings are numbered 1…n in the year');
    });

    test('an escalation reaches the unit\'s head and the leadership; another unit\'s head hears nothing of it', async () => {
      const titles = async (c: ServiceContext) => (await listMyNotifications(c, { page: 1, pageSize: 200 })).items.filter((n) => n.kind === 'escalation').map((n) => n.title);
      const head = await titles(headA);
      const leader = await titles(countyLeader);
      assert.ok(head.length > 0, 'the head of 甲 was told');
      assert.ok(head.every((t) => t.startsWith('【升级】督办县甲局')), `only about 甲: ${head.join(' | ')}`);
      assert.ok(leader.some((t) => t.startsWith('【升级】督办县乙局')) && leader.some((t) => t.startsWith('【升级】督办县甲局')), 'the county leader hears of every unit');
      assert.equal(leader.length, 11, 'five on 9月4日, one on 10月14日, five on 10月15日');
      assert.deepEqual(await titles(liaisonA), head, "甲's liaison hears what 甲's head hears");
    });

    test('running a day again sends nothing twice, whether through the claim or the rules themselves', async () => {
      clock.set(morning('2026-10-16'));
      assert.deepEqual(await runDay(deps, county.region.id, '2026-10-16'), { regionId: county.region.id, day: '2026-10-16', ran: false });
      const before = (await supervisionRepo.listAlerts(h.db, { regionId: county.region.id, kind: 'reminder', limit: 500, offset: 0 })).total;
      const again = await runRegionRules(sys, { regionId: county.region.id, day: '2026-09-30', calendar });
      assert.deepEqual([again.reminders, again.warnings], [0, 0]);
      assert.equal((await supervisionRepo.listAlerts(h.db, { regionId: county.region.id, kind: 'reminder', limit: 500, offset: 0 })).total, before);
    });

    test('after days offline the scheduler catches up, each missed day in order; two servers at once run a day once', async () => {
      clock.set(morning('2026-10-21'));
      const runs = await catchUp(deps);
      const mine = runs.filter((r) => r.regionId === county.region.id);
      assert.deepEqual(mine.map((r) => [r.day, r.ran]), eachDay('2026-10-17', '2026-10-21').map((d) => [d, true]));
      clock.set(morning('2026-10-22'));
      const [a, b] = await Promise.all([runDay(deps, county.region.id, '2026-10-22'), runDay(deps, county.region.id, '2026-10-22')]);
      assert.deepEqual([a.ran, b.ran].sort(), [false, true]);
    });

    test('a region that changes its rules gets them: a single 5-day reminder, no behind-schedule warnings', async () => {
      const office = await ctxAs(sys, county.office.id);
      await updateSupervisionSettings(office, county.region.id, { remindDays: [5], warnOverdueReports: true, warnBehindTasks: false, escalateAfterDays: 2 });
      // fourth-quarter reports are due 2027-01-10 (a Sunday): 5 days before is 1月5日, a Tuesday
      const cal = buildWorkCalendar([year(2026)]);
      const r = await runRegionRules(sys, { regionId: county.region.id, day: '2027-01-05', calendar: cal });
      assert.equal(r.reminders, 3);
      assert.equal(r.warnings, 0, 'behind-schedule and overdue-task warnings are off');
      assert.deepEqual(r.assumedYears, [2027], 'a year missing from the calendar is assumed and said');
    });
  });
}
