/**
 * The facts about one unit and year that the computed scoring rules count, gathered from the records:
 * the tasks it leads that fell due in the year (done by their due date or not), the reports it owed in
 * periods due in the year (sent on time, returned, accepted), its 督办单 answered late or never, its
 * inspection problems not rectified in time, and the latest accepted value of each target of its tasks.
 */
import type { Executor } from '../db/client.ts';
import { assessmentRepo } from '../db/repositories/assessment.ts';
import { circularsRepo } from '../db/repositories/circulars.ts';
import { plansRepo } from '../db/repositories/plans.ts';
import { periodsRepo, reportsRepo } from '../db/repositories/reports.ts';
import type { PlanHeadingRow, TaskRow } from '../db/schema.ts';
import { meetsTarget, type TargetOp, type UnitFacts } from '../domain/assessment.ts';
import { todayIn } from '../shared/clock.ts';
import { planSnapshot } from './obligations.ts';
import { unrectifiedProblems } from './inspections-problems.ts';
import { planTaskStatuses } from './task-status.ts';

const chinaDay = (iso: string) => todayIn({ now: () => new Date(iso) });
const inYear = (d: string | null, year: number) => !!d && d.startsWith(`${year}-`);

/** Where unrectified inspection problems come from: the inspection module, unless a test gives its own. */
export type ProblemSource = (db: Executor, q: { unitId: string; year: number; asOf: string }) => Promise<{ id: string }[]>;

/** Each task's top-level chapter (一、…): the heading at the root of its heading's ancestry. */
export function chapterIndex(headings: PlanHeadingRow[], tasks: TaskRow[]): Map<string, string> {
  const byId = new Map(headings.map((h) => [h.id, h]));
  const root = (id: string | null): string | null => {
    let h = id ? byId.get(id) : undefined;
    while (h?.parent_id && byId.has(h.parent_id)) h = byId.get(h.parent_id);
    return h?.id ?? null;
  };
  const out = new Map<string, string>();
  for (const t of tasks) {
    const r = root(t.heading_id);
    if (r) out.set(t.id, r);
  }
  return out;
}

export async function unitFactsForYear(db: Executor, q: { regionId: string; unitId: string; year: number; asOf: string; problems?: ProblemSource }): Promise<UnitFacts> {
  const facts: UnitFacts = { tasksDue: [], reports: [], overdueNotices: [], unrectifiedProblems: [], metrics: {} };
  for (const plan of await plansRepo.list(db, q.regionId)) {
    const snap = await planSnapshot(db, plan, q.asOf);
    const mine = snap.assignments.filter((a) => a.unit_id === q.unitId);
    if (!mine.length) continue;
    const leads = new Set(snap.assignments.filter((a) => a.role === 'lead').map((a) => a.task_id));
    // the tasks it answers for: those it leads, and those with no lead that it owns
    const answerable = new Set(mine.filter((a) => a.role === 'lead' || !leads.has(a.task_id)).map((a) => a.task_id));
    const chapterOf = chapterIndex(await plansRepo.headings(db, plan.id), snap.tasks);

    // reports owed in periods due in the year (and already due)
    for (const p of snap.periods.filter((x) => inYear(x.due, q.year) && x.due < q.asOf)) {
      const owed = (await snap.obligations(p)).filter((o) => o.unitId === q.unitId);
      const events = await circularsRepo.reviewEventsOf(db, owed.map((o) => o.reportId).filter((x): x is string => !!x));
      const first = new Map<string, string>();
      const returned = new Set<string>();
      for (const e of events) {
        if (e.action === 'submit' && !first.has(e.report_id)) first.set(e.report_id, e.created_at);
        if (e.action === 'return') returned.add(e.report_id);
      }
      for (const o of owed) {
        const sent = (o.reportId && first.get(o.reportId)) || o.submittedAt;
        facts.reports.push({ id: o.reportId ?? `${o.taskId}@${p.key}`, chapterId: chapterOf.get(o.taskId) ?? null, onTime: !!sent && chinaDay(sent) <= p.due, returned: !!o.reportId && (returned.has(o.reportId) || o.state === 'returned'), accepted: o.state === 'accepted' });
      }
    }

    // tasks due in the year: done on time when an accepted 'done' report was first sent by the due date
    const statuses = await planTaskStatuses(db, plan, q.asOf);
    const due = [...answerable].map((id) => ({ id, due: statuses.get(id)?.due ?? null })).filter((t) => inYear(t.due, q.year) && t.due! < q.asOf);
    const done = (await reportsRepo.acceptedFactsOfTasks(db, due.map((t) => t.id), 'done')).filter((r) => r.unit_id === q.unitId);
    const sentAt = new Map<string, string>();
    for (const e of await circularsRepo.reviewEventsOf(db, done.map((r) => r.id))) if (e.action === 'submit' && !sentAt.has(e.report_id)) sentAt.set(e.report_id, e.created_at);
    for (const t of due) {
      const onTime = done.some((r) => r.task_id === t.id && sentAt.has(r.id) && chinaDay(sentAt.get(r.id)!) <= t.due!);
      facts.tasksDue.push({ id: t.id, onTime, chapterId: chapterOf.get(t.id) ?? null });
    }

    // targets of the tasks it answers for, with the latest accepted value
    const targets = (await plansRepo.targetsOfPlan(db, plan.id)).filter((t) => answerable.has(t.task_id) && t.op);
    if (targets.length) {
      const order = new Map(snap.periods.map((p, i) => [p.id, i]));
      const values = (await assessmentRepo.acceptedTargetValues(db, q.unitId, [...new Set(targets.map((t) => t.task_id))])).sort((a, b) => (order.get(a.period_id) ?? 0) - (order.get(b.period_id) ?? 0));
      for (const t of targets) {
        const index = targets.filter((x) => x.task_id === t.task_id).sort((a, b) => a.sort_order - b.sort_order).indexOf(t);
        let actual: number | null = null;
        let valueId: string | null = null;
        for (const r of values.filter((v) => v.task_id === t.task_id)) {
          const v = (JSON.parse(r.target_values_json) as { targetIndex: number; value: number | null }[]).find((x) => x.targetIndex === index);
          if (v && v.value !== null) {
            actual = v.value;
            valueId = r.id;
          }
        }
        facts.metrics[t.id] = { name: t.metric ?? t.raw, op: t.op as TargetOp, target: t.value_num, unit: t.unit, actual, valueId };
      }
    }
  }
  facts.overdueNotices = (await assessmentRepo.noticesPastReplyDate(db, q.unitId, q.year, q.asOf)).filter((n) => !n.replied_at || chinaDay(n.replied_at) > n.reply_due).map((n) => ({ id: n.id }));
  facts.unrectifiedProblems = await (q.problems ?? unrectifiedProblems)(db, { unitId: q.unitId, year: q.year, asOf: q.asOf });
  return facts;
}

export interface MetricStatusRow {
  targetId: string;
  planId: string;
  taskId: string;
  taskNumber: string;
  name: string;
  raw: string;
  op: TargetOp;
  target: number | null;
  unit: string | null;
  byDate: string | null;
  /** the latest accepted value, with the period it was reported for */
  actual: number | null;
  periodKey: string | null;
  reportId: string | null;
  /** met | at_risk | missed | no_data */
  status: 'met' | 'at_risk' | 'missed' | 'no_data';
  /** every accepted value in period order, for the trend */
  trend: { periodKey: string; value: number }[];
}

/**
 * Every numeric target of a region's plans against its latest accepted value: met, missed (its date has
 * passed without meeting it), at risk (not met yet, still time), or no data.
 */
export async function regionMetricStatuses(db: Executor, regionId: string, asOf: string): Promise<MetricStatusRow[]> {
  const out: MetricStatusRow[] = [];
  for (const plan of await plansRepo.list(db, regionId)) {
    const targets = (await plansRepo.targetsOfPlan(db, plan.id)).filter((t) => t.op);
    if (!targets.length) continue;
    const [tasks, periods, assignments] = await Promise.all([plansRepo.tasks(db, plan.id), periodsRepo.ofPlan(db, plan.id), plansRepo.assignmentsOfPlan(db, plan.id)]);
    const taskById = new Map(tasks.map((t) => [t.id, t]));
    const periodKey = new Map(periods.map((p, i) => [p.id, { key: p.key, i }]));
    const statuses = await planTaskStatuses(db, plan, asOf);
    for (const t of targets) {
      const task = taskById.get(t.task_id);
      if (!task || task.active !== 1) continue;
      const lead = assignments.find((a) => a.task_id === t.task_id && a.role === 'lead' && a.active === 1) ?? assignments.find((a) => a.task_id === t.task_id && a.active === 1);
      const index = targets.filter((x) => x.task_id === t.task_id).sort((a, b) => a.sort_order - b.sort_order).indexOf(t);
      const values = lead ? (await assessmentRepo.acceptedTargetValues(db, lead.unit_id, [t.task_id])).sort((a, b) => (periodKey.get(a.period_id)?.i ?? 0) - (periodKey.get(b.period_id)?.i ?? 0)) : [];
      const trend: { periodKey: string; value: number; reportId: string }[] = [];
      for (const r of values) {
        const v = (JSON.parse(r.target_values_json) as { targetIndex: number; value: number | null }[]).find((x) => x.targetIndex === index);
        if (v && v.value !== null) trend.push({ periodKey: periodKey.get(r.period_id)?.key ?? '', value: v.value, reportId: r.id });
      }
      const last = trend.at(-1) ?? null;
      const due = t.by_date ?? statuses.get(t.task_id)?.due ?? null;
      const status: MetricStatusRow['status'] = !last ? 'no_data' : meetsTarget(t.op as TargetOp, t.value_num, last.value) ? 'met' : due && due < asOf ? 'missed' : 'at_risk';
      out.push({ targetId: t.id, planId: plan.id, taskId: t.task_id, taskNumber: (JSON.parse(task.path_json) as string[]).filter(Boolean).join('.'), name: t.metric ?? t.raw, raw: t.raw, op: t.op as TargetOp, target: t.value_num, unit: t.unit, byDate: due, actual: last?.value ?? null, periodKey: last?.periodKey ?? null, reportId: last?.reportId ?? null, status, trend: trend.map(({ periodKey: k, value }) => ({ periodKey: k, value })) });
    }
  }
  return out;
}

