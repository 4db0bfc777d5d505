import { plansRepo } from '../db/repositories/plans.ts';
import { periodsRepo, reportsRepo } from '../db/repositories/reports.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import type { PlanHeadingRow, ReportingPeriodRow } from '../db/schema.ts';
import { COMPLETION_STATE, planTiming, toDeadline } from './task-status.ts';
import { DUE_REASON_LABEL, periodTaskFromDeadlines, tasksDueInPeriod, type ReportFact } from '../domain/periods.ts';
import { REPORT_STATE_LABEL, type Inbox, type InboxDeadline, type InboxItem, type InboxQuery, type ReportState } from '../shared/api/reports.ts';
import { addDays } from '../domain/dates.ts';
import { todayIn } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import type { ServiceContext } from './context.ts';
import { currentPeriod } from './periods.ts';
import { canReadUnitWork } from './policies.ts';
import { taskNumber } from '../domain/task-number.ts';


/** The chapter (top-level heading) a heading belongs to. */
function chapterOf(headingId: string | null, byId: Map<string, PlanHeadingRow>): PlanHeadingRow | null {
  let h = headingId ? byId.get(headingId) : undefined;
  while (h?.parent_id) h = byId.get(h.parent_id);
  return h ?? null;
}

/**
 * 「我的任务」: what a unit owes in a reporting period — every task assigned to it that the period
 * asks a report for (ongoing tasks every period; dated tasks until done, overdue ones included),
 * with this period's report state, the report's due date, and last period's report to start from.
 */
export async function getInbox(ctx: ServiceContext, q: InboxQuery): Promise<Inbox> {
  const a = ctx.actor;
  const unitId = q.unitId ?? (a.kind === 'user' ? a.unitId : null);
  if (!unitId) throw new AppError('VALIDATION', '请选择单位', [{ field: 'unitId', message: '请选择单位' }]);
  const unit = await unitsRepo.findById(ctx.db, unitId);
  if (!unit || !canReadUnitWork(a, unit.id, unit.region_id)) throw new AppError('NOT_FOUND', '单位不存在或您无权查看');
  const today = todayIn(ctx.clock);
  // read only what concerns this unit: its assignments, those tasks, their co-owners and reports
  const mineAll = (await plansRepo.assignmentsOfUnit(ctx.db, unit.id)).filter((x) => !q.planId || x.plan_id === q.planId);
  const items: InboxItem[] = [];
  // what the deadline filter looks at, per item (not part of the answer)
  const deadlineOf = new Map<InboxItem, { due: string | null; ongoing: boolean; overdueTask: boolean; inPeriod: boolean }>();
  let shownPeriod: ReportingPeriodRow | null = null;
  for (const planId of [...new Set(mineAll.map((x) => x.plan_id))]) {
    const plan = (await plansRepo.findById(ctx.db, planId))!;
    const mine = mineAll.filter((x) => x.plan_id === planId);
    const taskIds = mine.map((m) => m.task_id);
    const assignments = await plansRepo.assignmentsOfTasks(ctx.db, taskIds);
    const periods = await periodsRepo.ofPlan(ctx.db, plan.id);
    const period = q.periodId ? periods.find((p) => p.id === q.periodId) : currentPeriod(periods, today);
    if (!period) continue;
    shownPeriod ??= period;
    const previous = [...periods].filter((p) => p.end_date < period.start_date).pop() ?? null;
    const tasks = new Map((await plansRepo.tasksByIds(ctx.db, taskIds)).map((t) => [t.id, t]));
    const deadlines = await plansRepo.deadlinesOfTasks(ctx.db, taskIds);
    const headings = new Map((await plansRepo.headings(ctx.db, plan.id)).map((h) => [h.id, h]));
    // this period's and last period's reports (states, co-owners); and when a task was reported done,
    // which is all that decides whether a dated task is still due (domain/periods.ts)
    const reports = await reportsRepo.factsOfTasksInPeriods(ctx.db, taskIds, previous ? [period.id, previous.id] : [period.id]);
    const accepted = await reportsRepo.acceptedFactsOfTasks(ctx.db, taskIds, 'done');
    const previousOwn = previous ? reports.filter((r) => r.unit_id === unit.id && r.period_id === previous.id) : [];
    const narratives = await reportsRepo.narratives(ctx.db, previousOwn.map((r) => r.id));
    const periodKey = new Map(periods.map((p) => [p.id, p.key]));
    const timing = planTiming(plan, today);
    const start = `${timing.startYear}-01-01`;
    // a task is done when its accepted report (the lead's, or this unit's when there is no lead) says so
    const facts = (taskId: string): ReportFact[] => {
      const hasLead = assignments.some((x) => x.task_id === taskId && x.role === 'lead');
      return accepted
        .filter((r) => r.task_id === taskId && (hasLead ? r.role === 'lead' : r.unit_id === unit.id))
        .map((r) => ({ periodKey: periodKey.get(r.period_id) ?? '', state: COMPLETION_STATE[r.completion!]!, accepted: r.state === 'accepted' }));
    };
    const periodTasks = mine
      .filter((m) => tasks.has(m.task_id))
      .map((m) => periodTaskFromDeadlines(m.task_id, start, deadlines.filter((d) => d.task_id === m.task_id).map(toDeadline), timing, facts(m.task_id)));
    const due = tasksDueInPeriod(periodTasks, { key: period.key, label: period.label, frequency: plan.report_frequency as never, start: period.start_date, end: period.end_date, due: period.due, dueAssumedWeekendsOnly: false }, timing);
    for (const { task: pt, reason } of due) {
      const task = tasks.get(pt.id)!;
      const assignment = mine.find((m) => m.task_id === pt.id)!;
      const report = reports.find((r) => r.task_id === pt.id && r.unit_id === unit.id && r.period_id === period.id);
      const prev = previous ? reports.find((r) => r.task_id === pt.id && r.unit_id === unit.id && r.period_id === previous.id) : undefined;
      const state = (report?.state ?? 'none') as ReportState;
      const co = assignment.role === 'lead' ? assignments.filter((x) => x.task_id === pt.id && x.role === 'co') : [];
      const coSubmitted = co.filter((c) => reports.some((r) => r.task_id === pt.id && r.unit_id === c.unit_id && r.period_id === period.id && (r.state === 'submitted' || r.state === 'accepted'))).length;
      const chapter = chapterOf(task.heading_id, headings);
      const item: InboxItem = {
        taskId: task.id,
        planId: plan.id,
        planTitle: plan.title,
        number: taskNumber(task.path_json),
        chapter: chapter ? `${chapter.number}、${chapter.title}` : null,
        chapterId: chapter?.id ?? null,
        text: task.text,
        role: assignment.role as 'lead' | 'co',
        reason: DUE_REASON_LABEL[reason],
        taskDue: pt.due,
        periodId: period.id,
        periodLabel: period.label,
        reportDue: period.due,
        overdue: today > period.due && state !== 'submitted' && state !== 'accepted',
        state,
        stateLabel: REPORT_STATE_LABEL[state],
        reportId: report?.id ?? null,
        returnReason: state === 'returned' ? (report?.return_reason ?? null) : null,
        coReportsSubmitted: coSubmitted,
        coReportsTotal: co.length,
        previous: prev ? { periodLabel: previous!.label, narrative: narratives.get(prev.id) ?? '', completion: (prev.completion as NonNullable<InboxItem['previous']>['completion']) ?? null, percent: prev.percent } : null,
      };
      items.push(item);
      deadlineOf.set(item, {
        due: pt.due,
        ongoing: pt.ongoing,
        // listed, so not done: past its own deadline means overdue, whether in this period or before
        overdueTask: reason === 'overdue' || (pt.due !== null && pt.due < today),
        inPeriod: reason === 'recurring' || (pt.due !== null && pt.due >= period.start_date && pt.due <= period.end_date),
      });
    }
  }
  const in30 = addDays(today, 30);
  const matchesDeadline = (i: InboxItem, f: InboxDeadline): boolean => {
    const d = deadlineOf.get(i)!;
    switch (f) {
      case 'period':
        return d.inPeriod;
      case 'overdue': // the task is past its own deadline, or this period's report is late
        return d.overdueTask || i.overdue;
      case 'within30':
        return d.due !== null && d.due >= today && d.due <= in30;
      case 'ongoing':
        return d.ongoing;
    }
  };
  const chapters = new Map<string, { id: string; label: string; planId: string }>();
  for (const i of items) if (i.chapterId && !chapters.has(i.chapterId)) chapters.set(i.chapterId, { id: i.chapterId, label: i.chapter ?? '', planId: i.planId });
  const plans = new Map(items.map((i) => [i.planId, { id: i.planId, title: i.planTitle }]));
  // chapter and deadline narrow the counts too; the state filter does not, so each state's count stays visible
  const scoped = items.filter((i) => (!q.headingId || i.chapterId === q.headingId) && (!q.deadline || matchesDeadline(i, q.deadline)) && (!q.dueBefore || i.reportDue <= q.dueBefore));
  const filtered = scoped.filter((i) => !q.state || i.state === q.state);
  const counts: Record<string, number> = { total: scoped.length, overdue: scoped.filter((i) => matchesDeadline(i, 'overdue')).length };
  for (const s of Object.keys(REPORT_STATE_LABEL)) counts[s] = scoped.filter((i) => i.state === s).length;
  return {
    unit: { id: unit.id, name: unit.name },
    period: shownPeriod ? { id: shownPeriod.id, label: shownPeriod.label, due: shownPeriod.due } : null,
    items: filtered,
    counts,
    chapters: [...chapters.values()],
    plans: [...plans.values()],
  };
}

