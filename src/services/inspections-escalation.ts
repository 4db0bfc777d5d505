/**
 * The daily 督察 job ('inspection.daily', claimed per day and region in job_runs like the supervision
 * rules, so a restart or a second server never runs a day twice): the unit is reminded of a problem a
 * few days before its deadline (dedupe key per problem and deadline), and every problem still waiting for its
 * rectification report after its deadline is escalated once — marked, kept as an event, and told to the
 * unit's head, the task's leader, the office, the unit and the visit's inspectors (dedupe key per problem).
 */
import type { Db } from '../db/client.ts';
import { inTransaction } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { inspectionsRepo } from '../db/repositories/inspections.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import { addDays, formatChineseDate, type IsoDate } from '../domain/dates.ts';
import type { Clock } from '../shared/clock.ts';
import { nowIso, systemActor, type ServiceContext } from './context.ts';
import { problemNumber } from './inspections-problems.ts';
import { catchUpJob, runClaimedDay, type DayRun } from './daily-jobs.ts';
import { escalationRecipients, notify, recipientsOfUnit } from './notifications.ts';

export const INSPECTION_JOB = 'inspection.daily';

/** days before the deadline the unit is reminded of a problem still waiting for its rectification report */
export const PROBLEM_REMIND_DAYS = 3;

export interface InspectionDaySummary {
  reminders: number;
  escalations: number;
}

/** Escalates the region's problems overdue on `day` (deadline before it, no rectification report standing). */
export async function runInspectionRules(ctx: ServiceContext, input: { regionId: string; day: IsoDate }): Promise<InspectionDaySummary> {
  const out: InspectionDaySummary = { reminders: 0, escalations: 0 };
  await inTransaction(ctx.db, async (trx) => {
    const tctx = { ...ctx, db: trx as unknown as Db };
    // a reminder, once, a few days before the deadline
    const due = addDays(input.day, PROBLEM_REMIND_DAYS);
    for (const p of await inspectionsRepo.openProblemsDueOn(trx, input.regionId, due)) {
      const v = (await inspectionsRepo.findVisit(trx, p.visit_id))!;
      const r = await notify(tctx, {
        regionId: p.region_id,
        userIds: await recipientsOfUnit(tctx, p.unit_id),
        kind: 'inspection',
        title: `【督察】问题 ${problemNumber(v.list_number, p.seq)} 还有${PROBLEM_REMIND_DAYS}天到整改期限`,
        body: `请于${formatChineseDate(p.deadline)}前提交整改报告并附佐证材料：${p.description}`,
        link: `/inspection/problems/${p.id}`,
        dedupeKey: `problem-due:${p.id}:${p.deadline}`,
      });
      if (r.inApp) out.reminders++;
    }
    for (const p of await inspectionsRepo.overdueProblems(trx, input.regionId, input.day)) {
      const now = nowIso(ctx);
      if (!(await inspectionsRepo.updateProblem(trx, p.id, p.version, { escalated_at: now, updated_at: now }))) continue;
      out.escalations++;
      const v = (await inspectionsRepo.findVisit(trx, p.visit_id))!;
      const unit = await unitsRepo.findById(trx, p.unit_id);
      const number = problemNumber(v.list_number, p.seq);
      await inspectionsRepo.insertEvent(trx, { id: newId(ctx.clock.now().getTime()), problem_id: p.id, region_id: p.region_id, action: 'escalate', actor_name: '系统', text: `超过整改期限（${formatChineseDate(p.deadline)}）未提交整改报告，已提请领导督促`, created_at: now });
      await notify(tctx, {
        regionId: p.region_id,
        userIds: [...(await escalationRecipients(tctx, { regionId: p.region_id, unitId: p.unit_id, taskId: p.task_id })), ...(JSON.parse(v.inspector_ids_json) as string[])],
        kind: 'escalation',
        title: `【升级】督察问题 ${number} 逾期未整改`,
        body: `${unit?.name ?? ''}应于${formatChineseDate(p.deadline)}前完成整改：${p.description}\n整改要求：${p.requirement}`,
        link: `/inspection/problems/${p.id}`,
        dedupeKey: `escalate-problem:${p.id}`,
      });
    }
  });
  return out;
}

export interface InspectionJobDeps {
  db: Db;
  clock: Clock;
}

/** Runs one region's 督察 rules for one day, once (the job_runs claim). */
export const runInspectionDay = (deps: InspectionJobDeps, regionId: string, day: IsoDate): Promise<DayRun<InspectionDaySummary>> =>
  runClaimedDay(deps, INSPECTION_JOB, regionId, day, () => runInspectionRules({ db: deps.db, clock: deps.clock, actor: systemActor('督察定时任务') }, { regionId, day }));

/** Every region, each day since its last completed run (at most `maxDays` back) through today. */
export const catchUpInspections = (deps: InspectionJobDeps, opts: { maxDays?: number } = {}) => catchUpJob(deps, INSPECTION_JOB, (regionId, day) => runInspectionDay(deps, regionId, day), opts);
