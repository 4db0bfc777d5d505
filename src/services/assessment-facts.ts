/**
 * The facts about one unit and year that the computed scoring rules count, gathered from the records:
 * the tasks it leads that fell due in the year (done by their due date or not), the reports it owed in
 * periods due in the year (sent on time, returned, accepted), its 督办单 answered late or never, its
 * inspection problems not rectified in time, and the value of each target of its tasks that counts for the
 * year (the latest on or before its end, from the unit's accepted reports or the office's entries).
 */
import type { Executor } from '../db/client.ts';
import { assessmentRepo } from '../db/repositories/assessment.ts';
import { circularsRepo } from '../db/repositories/circulars.ts';
import { plansRepo } from '../db/repositories/plans.ts';
import { periodsRepo, reportsRepo } from '../db/repositories/reports.ts';
import { metricsRepo } from '../db/repositories/metrics.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import type { PlanHeadingRow, TaskRow, TaskTargetRow } from '../db/schema.ts';
import type { TargetOp, UnitFacts } from '../domain/assessment.ts';
import { latestOnOrBefore, metricStatus, sortSeries } from '../domain/metrics.ts';
import type { MetricItem, MetricPoint } from '../shared/api/metrics.ts';
import { todayIn } from '../shared/clock.ts';
import { planSnapshot } from './obligations.ts';
import { unrectifiedProblems } from './inspections-problems.ts';
import { planTaskStatuses } from './task-status.ts';
import { taskNumber } from '../domain/task-number.ts';

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

    // targets of the tasks it answers for: the latest value on or before the year's end, from the unit's
    // accepted reports or the office's entries, with the record it came from
    const targets = (await plansRepo.targetsOfPlan(db, plan.id)).filter((t) => answerable.has(t.task_id) && t.op);
    if (targets.length) {
      const series = await targetSeries(db, plan.id, targets, () => q.unitId);
      for (const t of targets) {
        const last = latestOnOrBefore(currentPoints(series.get(t.id) ?? []), `${q.year}-12-31`);
        facts.metrics[t.id] = { name: t.metric ?? t.raw, op: t.op as TargetOp, target: t.value_num, unit: t.unit, actual: last?.value ?? null, valueId: last?.id ?? null, ...(last ? { valueKind: last.kind === 'report' ? ('report' as const) : ('metric_value' as const), source: describePoint(last) } : {}) };
      }
    }
  }
  facts.overdueNotices = (await assessmentRepo.noticesPastReplyDate(db, q.unitId, q.year, q.asOf)).filter((n) => !n.replied_at || chinaDay(n.replied_at) > n.reply_due).map((n) => ({ id: n.id }));
  facts.unrectifiedProblems = await (q.problems ?? unrectifiedProblems)(db, { unitId: q.unitId, year: q.year, asOf: q.asOf });
  return facts;
}


// ------------------------------------------------------------------ 量化指标: the merged series

/** A target's values without the office entries a correction replaced. */
export const currentPoints = (points: MetricPoint[]) => points.filter((p) => !p.superseded);

/** Where a value came from, in words, for a score's explanation. */
export function describePoint(p: MetricPoint): string {
  return p.kind === 'report' ? `取自${p.unitName ?? ''}${p.periodLabel}进展报送` : `取自依法治办录入的${p.periodLabel}数值（来源：${p.source}）`;
}

/**
 * Every value of some targets of one plan, in series order: the values reported in accepted progress
 * reports by the unit `unitOf` names for each task (a report's value stands for its period's end), and
 * the office's entries (corrected ones too, marked superseded).
 */
export async function targetSeries(db: Executor, planId: string, targets: TaskTargetRow[], unitOf: (taskId: string) => string | null): Promise<Map<string, MetricPoint[]>> {
  const out = new Map<string, MetricPoint[]>(targets.map((t) => [t.id, []]));
  if (!targets.length) return out;
  const taskIds = [...new Set(targets.map((t) => t.task_id))];
  const [allTargets, periods, reports, entries] = await Promise.all([plansRepo.targetsOfTasks(db, taskIds), periodsRepo.ofPlan(db, planId), metricsRepo.acceptedReportValues(db, taskIds), metricsRepo.valuesOfTargets(db, targets.map((t) => t.id))]);
  const period = new Map(periods.map((p) => [p.id, p]));
  const unitName = new Map((await unitsRepo.findByIds(db, [...new Set(reports.map((r) => r.unit_id))])).map((u) => [u.id, u.name]));
  for (const t of targets) {
    // a report's values are addressed by the target's place among its task's targets
    const index = allTargets.filter((x) => x.task_id === t.task_id).findIndex((x) => x.id === t.id);
    const unitId = unitOf(t.task_id);
    const points = out.get(t.id)!;
    for (const r of reports) {
      if (r.task_id !== t.task_id || r.unit_id !== unitId) continue;
      const p = period.get(r.period_id);
      const v = (JSON.parse(r.target_values_json) as { targetIndex: number; value: number | null; note?: string | null }[]).find((x) => x.targetIndex === index);
      if (!p || !v || v.value === null || v.value === undefined) continue;
      const name = unitName.get(r.unit_id) ?? null;
      points.push({ kind: 'report', id: r.id, date: p.end_date, periodLabel: p.label, value: v.value, source: `${name ?? ''} ${p.label}进展报送`.trim(), unitName: name, taskId: t.task_id, enteredBy: name, recordedAt: r.reviewed_at ?? '', note: v.note ?? null, superseded: false, supersededById: null, supersedesId: null, correctionReason: null, version: 1 });
    }
    for (const e of entries) {
      if (e.target_id !== t.id) continue;
      points.push({ kind: 'office', id: e.id, date: e.period_date, periodLabel: e.period_label, value: e.value, source: e.source, unitName: null, taskId: t.task_id, enteredBy: e.entered_by_name, recordedAt: e.entered_at, note: e.note, superseded: e.superseded_by_id !== null, supersededById: e.superseded_by_id, supersedesId: e.supersedes_id, correctionReason: e.correction_reason, version: e.version });
    }
    out.set(t.id, sortSeries(points));
  }
  return out;
}

/**
 * Every target of a region's plans (active tasks; those the office added too) with its merged series
 * and status on a day: the latest value that counts against the target's date (its own, else its task's).
 * The reports counted are the lead unit's (or, without a lead, the first owner's): the task's figure.
 */
export async function regionMetrics(db: Executor, regionId: string, asOf: string, onlyPlanId?: string): Promise<{ items: MetricItem[]; series: Map<string, MetricPoint[]>; chapters: { id: string; title: string; planTitle: string }[] }> {
  const items: MetricItem[] = [];
  const series = new Map<string, MetricPoint[]>();
  const chapters: { id: string; title: string; planTitle: string }[] = [];
  const office = new Set((await metricsRepo.officeTargetsOfRegion(db, regionId)).map((o) => o.target_id));
  for (const plan of await plansRepo.list(db, regionId)) {
    if (onlyPlanId && plan.id !== onlyPlanId) continue;
    const targets = (await plansRepo.targetsOfPlan(db, plan.id)).filter((t) => t.op);
    if (!targets.length) continue;
    const [tasks, assignments, headings] = await Promise.all([plansRepo.tasks(db, plan.id), plansRepo.assignmentsOfPlan(db, plan.id), plansRepo.headings(db, plan.id)]);
    const taskById = new Map(tasks.map((t) => [t.id, t]));
    // in the plan's order: by task, then the target's place in it
    const live = targets.filter((t) => taskById.get(t.task_id)?.active === 1).sort((x, y) => taskById.get(x.task_id)!.seq - taskById.get(y.task_id)!.seq || x.sort_order - y.sort_order);
    if (!live.length) continue;
    const leadOf = (taskId: string) => (assignments.find((a) => a.task_id === taskId && a.role === 'lead' && a.active === 1) ?? assignments.find((a) => a.task_id === taskId && a.active === 1))?.unit_id ?? null;
    const units = new Map((await unitsRepo.findByIds(db, [...new Set(live.map((t) => leadOf(t.task_id)).filter((x): x is string => !!x))])).map((u) => [u.id, u.name]));
    const chapterOf = chapterIndex(headings, tasks);
    const headingById = new Map(headings.map((h) => [h.id, h]));
    const used = new Set<string>();
    const statuses = await planTaskStatuses(db, plan, asOf);
    const planSeries = await targetSeries(db, plan.id, live, leadOf);
    for (const t of live) {
      const task = taskById.get(t.task_id)!;
      const points = planSeries.get(t.id) ?? [];
      series.set(t.id, points);
      const current = currentPoints(points);
      const last = latestOnOrBefore(current);
      const due = t.by_date ?? statuses.get(t.task_id)?.due ?? null;
      const chapterId = chapterOf.get(t.task_id) ?? null;
      const chapter = chapterId ? headingById.get(chapterId) : undefined;
      const chapterTitle = chapter ? `${chapter.number}${chapter.title}`.replace(/^([一二三四五六七八九十]+)、?/, '$1、') : null;
      if (chapter && !used.has(chapter.id)) {
        used.add(chapter.id);
        chapters.push({ id: chapter.id, title: chapterTitle!, planTitle: plan.title });
      }
      const lead = leadOf(t.task_id);
      items.push({
        targetId: t.id, planId: plan.id, planTitle: plan.title, taskId: t.task_id, taskNumber: taskNumber(task.path_json), taskText: task.text,
        chapterId, chapterTitle, leadUnitName: lead ? (units.get(lead) ?? null) : null,
        name: t.metric ?? t.raw, raw: t.raw, op: t.op as TargetOp, target: t.value_num, unit: t.unit, scope: t.scope, byDate: due, origin: office.has(t.id) ? 'office' : 'plan',
        actual: last?.value ?? null, latest: last, status: metricStatus(t.op as TargetOp, t.value_num, last?.value ?? null, due, asOf), values: current.length,
      });
    }
  }
  return { items, series, chapters };
}

