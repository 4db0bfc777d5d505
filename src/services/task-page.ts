import { plansRepo } from '../db/repositories/plans.ts';
import { periodsRepo, reportsRepo } from '../db/repositories/reports.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import { COMPLETION_LABEL, REPORT_STATE_LABEL, type ReportState } from '../shared/api/reports.ts';
import type { TaskPage } from '../shared/api/plans.ts';
import { todayIn } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import type { ServiceContext } from './context.ts';
import { byTask, presentTasks } from './plans.ts';
import { taskStatuses } from './task-status.ts';
import { canReadDirectory } from './policies.ts';
import { canReadReport } from './policies.ts';

/**
 * One page per task: its text and place in the plan, owners, deadlines, targets, status, and every
 * period's reports from every owner the reader may see (a unit sees its own; the lead sees its
 * co-owners'; the office, leaders and inspectors see all), with their evidence.
 */
export async function getTaskPage(ctx: ServiceContext, taskId: string): Promise<TaskPage> {
  const task = await plansRepo.findTask(ctx.db, taskId);
  if (!task || !canReadDirectory(ctx.actor, task.region_id)) throw new AppError('NOT_FOUND', '任务不存在或您无权查看');
  const plan = (await plansRepo.findById(ctx.db, task.plan_id))!;
  const today = todayIn(ctx.clock);
  const assignments = await plansRepo.assignmentsOfTasks(ctx.db, [taskId]);
  const units = new Map((await unitsRepo.findByIds(ctx.db, assignments.map((a) => a.unit_id))).map((u) => [u.id, u.name]));
  const deadlines = await plansRepo.deadlinesOfTasks(ctx.db, [taskId]);
  const allPeriods = await periodsRepo.ofPlan(ctx.db, task.plan_id);
  const allReports = await reportsRepo.ofTasks(ctx.db, [taskId]);
  const [view] = presentTasks([task], {
    owners: byTask(await plansRepo.ownersOfTasks(ctx.db, [taskId])),
    deadlines: byTask(deadlines),
    targets: byTask(await plansRepo.targetsOfTasks(ctx.db, [taskId])),
    assignments: byTask(assignments),
    unitNames: units,
    // the status counts every accepted report, including those this reader may not open
    statuses: await taskStatuses(ctx.db, plan, [task], today, plan.lag_margin, { deadlines, assignments, reports: allReports, periods: allPeriods }),
  });
  const headings = await plansRepo.headings(ctx.db, plan.id);
  const trail: TaskPage['trail'] = [];
  for (let h = headings.find((x) => x.id === task.heading_id); h; h = headings.find((x) => x.id === h!.parent_id)) trail.unshift({ number: h.number, title: h.title });
  const periods = allPeriods.filter((p) => p.start_date <= today);
  const reports = allReports.filter((r) => canReadReport(ctx.actor, r, assignments));
  const files = await reportsRepo.fileSummariesOf(ctx.db, reports.map((r) => r.id));
  const visibleUnits = assignments.filter((a) => canReadReport(ctx.actor, { unit_id: a.unit_id, region_id: task.region_id }, assignments));
  return {
    plan: { id: plan.id, title: plan.title },
    trail,
    task: view!,
    periods: periods.reverse().map((p) => ({
      id: p.id,
      label: p.label,
      due: p.due,
      reports: visibleUnits
        .sort((x, y) => (x.role === y.role ? 0 : x.role === 'lead' ? -1 : 1))
        .map((a) => {
          const r = reports.find((x) => x.unit_id === a.unit_id && x.period_id === p.id);
          const mine = ctx.actor.kind === 'user' && ctx.actor.unitId === a.unit_id;
          // another unit's draft is not shown to anyone but that unit
          const shown = r && (r.state !== 'draft' || mine) ? r : undefined;
          const state = (shown?.state ?? 'none') as ReportState;
          return {
            reportId: shown?.id ?? null,
            unitId: a.unit_id,
            unitName: units.get(a.unit_id) ?? '',
            role: a.role as 'lead' | 'co',
            state,
            stateLabel: REPORT_STATE_LABEL[state],
            completion: shown?.completion ? COMPLETION_LABEL[shown.completion as keyof typeof COMPLETION_LABEL] : null,
            percent: shown?.percent ?? null,
            narrative: shown?.narrative ?? null,
            returnReason: shown?.state === 'returned' ? shown.return_reason : null,
            evidence: shown ? files.filter((f) => f.report_id === shown.id).map((f) => ({ uploadId: f.id, fileName: f.file_name, kind: f.kind, size: f.size })) : [],
          };
        }),
    })),
    statusHistory: reports
      .filter((r) => r.state === 'accepted' && r.completion && (r.role === 'lead' || !assignments.some((a) => a.role === 'lead')))
      .map((r) => ({ r, p: periods.find((p) => p.id === r.period_id) }))
      .sort((x, y) => (x.p?.start_date ?? '').localeCompare(y.p?.start_date ?? ''))
      .map(({ r, p }) => ({ periodLabel: p?.label ?? '', completion: COMPLETION_LABEL[r.completion as keyof typeof COMPLETION_LABEL], percent: r.percent, acceptedAt: r.reviewed_at })),
  };
}
