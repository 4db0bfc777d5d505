/**
 * Who owes what, region-wide: for a plan and one of its periods, every (task, unit) that must report
 * in that period (domain/periods.ts decides which tasks a period asks for) with the state of its
 * report. The supervision rules, the board and the circulars read this; the inbox answers the same
 * question for one unit with fewer rows.
 */
import type { Executor } from '../db/client.ts';
import { plansRepo } from '../db/repositories/plans.ts';
import { periodsRepo, reportsRepo, type ReportFactRow } from '../db/repositories/reports.ts';
import type { AssignmentRow, PlanRow, ReportingPeriodRow, TaskDeadlineRow, TaskRow } from '../db/schema.ts';
import { tasksDueInPeriod, periodTaskFromDeadlines, type DueReason } from '../domain/periods.ts';
import { COMPLETION_STATE, planTiming, toDeadline } from './task-status.ts';

export interface Obligation {
  taskId: string;
  unitId: string;
  role: 'lead' | 'co';
  reason: DueReason;
  /** none | draft | submitted | returned | accepted */
  state: string;
  submittedAt: string | null;
  reportId: string | null;
}

export interface PlanSnapshot {
  plan: PlanRow;
  periods: ReportingPeriodRow[];
  tasks: TaskRow[];
  assignments: AssignmentRow[];
  /** the tasks' deadlines, as read for the snapshot */
  deadlines: TaskDeadlineRow[];
  /** the tasks a period asks a report on, with the reason */
  dueIn(period: ReportingPeriodRow): { taskId: string; reason: DueReason }[];
  /** the (task, unit) pairs that owe a report in the period, with their report's state */
  obligations(period: ReportingPeriodRow): Promise<Obligation[]>;
}

/** Reads a plan once (tasks, deadlines, assignments, done reports) for questions about its periods. */
export async function planSnapshot(db: Executor, plan: PlanRow, today: string): Promise<PlanSnapshot> {
  const [periods, tasks, assignments] = await Promise.all([periodsRepo.ofPlan(db, plan.id), plansRepo.tasks(db, plan.id), plansRepo.assignmentsOfPlan(db, plan.id)]);
  const active = assignments.filter((a) => a.active === 1);
  const ids = tasks.map((t) => t.id);
  const [deadlines, done] = await Promise.all([plansRepo.deadlinesOfTasks(db, ids), reportsRepo.acceptedFactsOfTasks(db, ids, 'done')]);
  const periodKey = new Map(periods.map((p) => [p.id, p.key]));
  const timing = planTiming(plan, today);
  const start = `${timing.startYear}-01-01`;
  const hasLead = new Set(active.filter((a) => a.role === 'lead').map((a) => a.task_id));
  const periodTasks = tasks.map((t) =>
    periodTaskFromDeadlines(
      t.id,
      start,
      deadlines.filter((d) => d.task_id === t.id).map(toDeadline),
      timing,
      done
        .filter((r) => r.task_id === t.id && (!hasLead.has(t.id) || r.role === 'lead'))
        .map((r) => ({ periodKey: periodKey.get(r.period_id) ?? '', state: COMPLETION_STATE[r.completion!]!, accepted: true })),
    ),
  );
  const dueIn = (p: ReportingPeriodRow) =>
    tasksDueInPeriod(periodTasks, { key: p.key, label: p.label, frequency: plan.report_frequency as never, start: p.start_date, end: p.end_date, due: p.due, dueAssumedWeekendsOnly: false }, timing).map((d) => ({
      taskId: d.task.id,
      reason: d.reason,
    }));
  return {
    plan,
    periods,
    tasks,
    assignments: active,
    deadlines,
    dueIn,
    async obligations(period) {
      const due = dueIn(period);
      const reports: ReportFactRow[] = await reportsRepo.factsOfTasksInPeriods(db, due.map((d) => d.taskId), [period.id]);
      const submitted = await reportsRepo.submittedAtOf(db, reports.map((r) => r.id));
      const out: Obligation[] = [];
      for (const d of due) {
        for (const a of active.filter((x) => x.task_id === d.taskId)) {
          const r = reports.find((x) => x.task_id === d.taskId && x.unit_id === a.unit_id);
          out.push({ taskId: d.taskId, unitId: a.unit_id, role: a.role as 'lead' | 'co', reason: d.reason, state: r?.state ?? 'none', submittedAt: r ? (submitted.get(r.id) ?? null) : null, reportId: r?.id ?? null });
        }
      }
      return out;
    },
  };
}
