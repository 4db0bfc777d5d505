import type { Executor } from '../db/client.ts';
import { plansRepo } from '../db/repositories/plans.ts';
import { periodsRepo, reportsRepo, type ReportFactRow } from '../db/repositories/reports.ts';
import { supervisionRepo } from '../db/repositories/supervision.ts';
import type { AssignmentRow, PlanRow, ReportRow, ReportingPeriodRow, TaskDeadlineRow, TaskRow } from '../db/schema.ts';
import { resolveTiming, type Deadline, type PlanTiming } from '../domain/deadline.ts';
import { taskStatus, type ReportedState, type TaskStatusResult } from '../domain/schedule.ts';

export const COMPLETION_STATE: Record<string, ReportedState> = { not_started: '未启动', in_progress: '推进中', done: '已完成', ongoing_done: '长期坚持-本期已落实' };
export const toDeadline = (d: TaskDeadlineRow): Deadline => ({ raw: d.raw, due: d.due, ongoing: d.ongoing === 1, recurring: d.recurring as Deadline['recurring'], at: d.at });
export const planTiming = (p: PlanRow, today: string): PlanTiming => ({
  startYear: p.period_start ?? Number(today.slice(0, 4)),
  endYear: p.period_end ?? p.period_start ?? Number(today.slice(0, 4)),
  defaultDue: p.default_due,
});

/**
 * The reports that speak for a task: the lead's when it has a lead (its report is the consolidated
 * one), otherwise every owner's. Of those, the latest accepted one decides the status.
 */
function latestAccepted<R extends Pick<ReportRow, 'state' | 'completion' | 'role' | 'period_id'>>(reports: R[], assignments: AssignmentRow[], periodStart: Map<string, string>): R | undefined {
  const hasLead = assignments.some((a) => a.role === 'lead' && a.active === 1);
  return reports
    .filter((r) => r.state === 'accepted' && r.completion && (!hasLead || r.role === 'lead'))
    .sort((a, b) => (periodStart.get(a.period_id) ?? '').localeCompare(periodStart.get(b.period_id) ?? ''))
    .pop();
}

/** Every active task of a plan with its status today, computed from deadlines and accepted reports (never typed). */
export async function planTaskStatuses(db: Executor, plan: PlanRow, today: string, marginPercent = plan.lag_margin): Promise<Map<string, TaskStatusResult & { due: string | null }>> {
  return taskStatuses(db, plan, await plansRepo.tasks(db, plan.id), today, marginPercent);
}

/** The status of the given tasks of one plan (task-scoped reads: cheap for one task). */
export async function taskStatuses(
  db: Executor,
  plan: PlanRow,
  tasks: TaskRow[],
  today: string,
  marginPercent = plan.lag_margin,
  /** rows the caller has already read for these tasks (the task page), so they are not read twice */
  known: { deadlines?: TaskDeadlineRow[]; assignments?: AssignmentRow[]; reports?: ReportFactRow[]; periods?: ReportingPeriodRow[]; extensions?: Map<string, string> } = {},
): Promise<Map<string, TaskStatusResult & { due: string | null }>> {
  const ids = tasks.map((t) => t.id);
  const deadlines = known.deadlines ?? (await plansRepo.deadlinesOfTasks(db, ids));
  const assignments = known.assignments ?? (await plansRepo.assignmentsOfTasks(db, ids));
  const reports = known.reports ? known.reports.filter((r) => r.state === 'accepted' && r.completion) : await reportsRepo.acceptedFactsOfTasks(db, ids);
  const periodStart = new Map((known.periods ?? (await periodsRepo.ofPlan(db, plan.id))).map((p) => [p.id, p.start_date]));
  // a granted 延期 moves the due date for status and reminders; the task keeps its printed date
  const extensions = known.extensions ?? (await supervisionRepo.grantedDueOfTasks(db, ids));
  const timing = planTiming(plan, today);
  const start = `${timing.startYear}-01-01`;
  const out = new Map<string, TaskStatusResult & { due: string | null }>();
  for (const t of tasks) {
    const own = deadlines.filter((d) => d.task_id === t.id).map(toDeadline);
    const tm = resolveTiming(own, timing);
    const last = latestAccepted(reports.filter((r) => r.task_id === t.id), assignments.filter((a) => a.task_id === t.id), periodStart);
    const result = taskStatus({
      start,
      due: tm.due,
      ongoing: tm.ongoing || tm.recurring.length > 0,
      reportedState: last?.completion ? COMPLETION_STATE[last.completion]! : null,
      reportedPercent: last?.percent ?? null,
      today,
      marginPercent,
      extensionDue: extensions.get(t.id) ?? null,
    });
    out.set(t.id, result);
  }
  return out;
}
