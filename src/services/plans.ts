import { plansRepo } from '../db/repositories/plans.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import type { AssignmentRow, PlanRow, PlanVersionRow, TaskDeadlineRow, TaskOwnerRow, TaskRow, TaskTargetRow } from '../db/schema.ts';
import { describeDeadline } from '../domain/deadline.ts';
import { summarizeStatuses } from '../domain/schedule.ts';
import { todayIn } from '../shared/clock.ts';
import { planTaskStatuses } from './task-status.ts';
import type { PlanDetail, PlanSummary, PlanTaskView } from '../shared/api/plans.ts';
import { AppError } from '../shared/errors.ts';
import type { ServiceContext } from './context.ts';
import { authorizeRead, canReadDirectory } from './policies.ts';

/** Plans are read by everyone of their region: they are the region's own published documents. */
async function visiblePlan(ctx: ServiceContext, id: string): Promise<PlanRow> {
  const p = await plansRepo.findById(ctx.db, id);
  if (!p || !canReadDirectory(ctx.actor, p.region_id)) throw new AppError('NOT_FOUND', '方案不存在或您无权查看');
  return p;
}

function summary(p: PlanRow, taskCount: number, v: Pick<PlanVersionRow, 'id' | 'version_no' | 'label' | 'doc_number' | 'issued_on'> | undefined): PlanSummary {
  return {
    id: p.id,
    regionId: p.region_id,
    title: p.title,
    kind: p.kind,
    period: p.period_start && p.period_end ? [p.period_start, p.period_end] : null,
    taskCount,
    currentVersion: v ? { id: v.id, versionNo: v.version_no, label: v.label, docNumber: v.doc_number, issuedOn: v.issued_on } : null,
    createdAt: p.created_at,
  };
}

export async function listPlans(ctx: ServiceContext, regionId: string): Promise<PlanSummary[]> {
  authorizeRead(canReadDirectory(ctx.actor, regionId), '该地区');
  const plans = await plansRepo.list(ctx.db, regionId);
  const out: PlanSummary[] = [];
  for (const p of plans) {
    const versions = await plansRepo.versions(ctx.db, p.id);
    out.push(summary(p, p.task_count, versions.find((v) => v.id === p.current_version_id)));
  }
  return out;
}

export async function getPlan(ctx: ServiceContext, id: string): Promise<PlanDetail> {
  const p = await visiblePlan(ctx, id);
  const [headings, tasks, owners, deadlines, targets, mechanisms, assignments, versions] = [
    await plansRepo.headings(ctx.db, id),
    await plansRepo.tasks(ctx.db, id),
    await plansRepo.ownersOfPlan(ctx.db, id),
    await plansRepo.deadlinesOfPlan(ctx.db, id),
    await plansRepo.targetsOfPlan(ctx.db, id),
    await plansRepo.mechanisms(ctx.db, id),
    (await plansRepo.assignmentsOfPlan(ctx.db, id)).filter((a) => a.active === 1),
    await plansRepo.versions(ctx.db, id),
  ];
  const unitNames = new Map((await unitsRepo.findByIds(ctx.db, [...new Set(assignments.map((a) => a.unit_id))])).map((u) => [u.id, u.name]));
  const [o, d, t, a] = [byTask(owners), byTask(deadlines), byTask(targets), byTask(assignments)];
  const statuses = await planTaskStatuses(ctx.db, p, todayIn(ctx.clock));
  const statusOf = (id: string) => statuses.get(id)!.status;
  const byHeading = new Map(headings.map((h) => [h.id, h]));
  const chapterOf = (hid: string | null) => {
    let h = hid ? byHeading.get(hid) : undefined;
    while (h?.parent_id) h = byHeading.get(h.parent_id);
    return h;
  };
  const chapters = headings.filter((h) => h.parent_id === null);
  return {
    ...summary(p, tasks.length, versions.find((v) => v.id === p.current_version_id)),
    statusSummary: summarizeStatuses(tasks.map((x) => statusOf(x.id))),
    chapterSummary: chapters
      .map((c) => ({ headingId: c.id, title: `${c.number}、${c.title}`, counts: summarizeStatuses(tasks.filter((x) => chapterOf(x.heading_id)?.id === c.id).map((x) => statusOf(x.id))) }))
      .filter((c) => c.counts.total > 0),
    unitSummary: [...unitNames.entries()].map(([unitId, unitName]) => ({
      unitId,
      unitName,
      counts: summarizeStatuses(tasks.filter((x) => assignments.some((y) => y.task_id === x.id && y.unit_id === unitId)).map((x) => statusOf(x.id))),
    })),
    headings: headings.map((h) => ({ id: h.id, parentId: h.parent_id, number: h.number, title: h.title, depth: h.depth, line: h.line })),
    tasks: presentTasks(tasks, { owners: o, deadlines: d, targets: t, assignments: a, unitNames, statuses }),
    mechanisms: mechanisms.map((m) => ({ kind: m.kind, raw: m.raw, schedule: m.schedule, line: m.line })),
    versions: versions.map((v) => ({
      id: v.id,
      versionNo: v.version_no,
      label: v.label,
      draft: v.draft === 1,
      docNumber: v.doc_number,
      issuedOn: v.issued_on,
      sourceFile: v.source_file,
      createdAt: v.created_at,
      changes: v.changes_json ? JSON.parse(v.changes_json) : null,
    })),
  };
}

type ByTask<T> = Map<string, T[]>;

/** Groups rows by their task_id. */
export function byTask<T extends { task_id: string }>(rows: T[]): ByTask<T> {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(r.task_id, [...(m.get(r.task_id) ?? []), r]);
  return m;
}

/** The API view of tasks, from their rows and what hangs off them. */
export function presentTasks(
  tasks: TaskRow[],
  rel: {
    owners: ByTask<TaskOwnerRow>;
    deadlines: ByTask<TaskDeadlineRow>;
    targets: ByTask<TaskTargetRow>;
    assignments: ByTask<AssignmentRow>;
    unitNames: Map<string, string>;
    statuses: Map<string, { status: PlanTaskView['status']; reason: string; due: string | null; extended: boolean }>;
  },
): PlanTaskView[] {
  return tasks.map((task) => ({
    id: task.id,
    seq: task.seq,
    part: task.part as 'body' | 'annex',
    path: JSON.parse(task.path_json) as string[],
    headingId: task.heading_id,
    title: task.title,
    text: task.text,
    line: task.line,
    span: task.span_start !== null && task.span_end !== null ? { start: task.span_start, end: task.span_end } : null,
    owners: (rel.owners.get(task.id) ?? []).map((x) => ({ role: x.role as 'lead' | 'responsible' | 'leader', printed: x.printed, unitId: x.unit_id, groupId: x.group_id })),
    deadlines: (rel.deadlines.get(task.id) ?? []).map((x) => {
      const dl = { raw: x.raw, due: x.due, ongoing: x.ongoing === 1, recurring: x.recurring as never, at: x.at };
      return { ...dl, meaning: describeDeadline(dl) };
    }),
    targets: (rel.targets.get(task.id) ?? []).map((x) => ({ raw: x.raw, metric: x.metric, op: x.op, value: x.value_num ?? x.value_text, unit: x.unit, by: x.by_date, scope: x.scope })),
    assignments: (rel.assignments.get(task.id) ?? [])
      .map((x) => ({ id: x.id, unitId: x.unit_id, unitName: rel.unitNames.get(x.unit_id) ?? '', role: x.role as 'lead' | 'co', source: x.source as 'import' | 'manual' }))
      .sort((x, y) => (x.role === y.role ? 0 : x.role === 'lead' ? -1 : 1)),
    status: rel.statuses.get(task.id)!.status,
    statusReason: rel.statuses.get(task.id)!.reason,
    extendedDue: rel.statuses.get(task.id)!.extended ? rel.statuses.get(task.id)!.due : null,
  }));
}

export async function getPlanSource(ctx: ServiceContext, planId: string, versionId?: string) {
  const p = await visiblePlan(ctx, planId);
  const v = await plansRepo.findVersion(ctx.db, versionId ?? p.current_version_id ?? '');
  if (!v || v.plan_id !== p.id) throw new AppError('NOT_FOUND', '方案版本不存在');
  return { versionId: v.id, sourceFile: v.source_file, format: v.source_format, text: v.source_text };
}
