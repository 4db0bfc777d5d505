import { plansRepo } from '../db/repositories/plans.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import type { PlanHeadingRow } from '../db/schema.ts';
import { describeDeadline } from '../domain/deadline.ts';
import { TASK_STATUSES, TaskListQuery as TaskListSchema, type TaskList, type TaskListItem, type TaskListQuery } from '../shared/api/tasks.ts';
import { todayIn } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import type { ServiceContext } from './context.ts';
import { authorizeRead, canReadDirectory, canReadUnitWork, readsRegion } from './policies.ts';
import { taskStatuses, toDeadline } from './task-status.ts';
import { parseInput } from './validate.ts';
import { taskNumber } from '../domain/task-number.ts';

/**
 * 「任务」: the tasks of the region's plans, with owners, deadlines and the status computed today.
 * The office, leaders and inspectors see every task (and may narrow to a unit); a liaison sees the
 * tasks their own unit leads or shares, and asking for another unit's answers NOT_FOUND.
 * Filters (plan, chapter, unit, status, due range, words) are applied here, then one page is returned.
 */
export async function listTasks(ctx: ServiceContext, raw: TaskListQuery): Promise<TaskList> {
  const q = parseInput(TaskListSchema, raw);
  const a = ctx.actor;
  authorizeRead(canReadDirectory(a, q.regionId), '该地区');
  // whose tasks: a liaison's own unit, or the unit asked for, or (readers of the region) all
  const liaisonUnit = a.kind === 'user' && a.role === 'liaison' ? a.unitId : undefined;
  const unitId = q.unitId ?? liaisonUnit ?? undefined;
  let unit: { id: string; name: string } | null = null;
  if (unitId) {
    const row = await unitsRepo.findById(ctx.db, unitId);
    if (!row || row.region_id !== q.regionId || !canReadUnitWork(a, row.id, row.region_id)) throw new AppError('NOT_FOUND', '单位不存在或您无权查看');
    unit = { id: row.id, name: row.name };
  } else if (!readsRegion(a, q.regionId)) {
    // a liaison without a unit, or any other reader who may not see the whole region
    throw new AppError('NOT_FOUND', '单位不存在或您无权查看');
  }

  const allPlans = await plansRepo.list(ctx.db, q.regionId);
  if (q.planId && !allPlans.some((p) => p.id === q.planId)) throw new AppError('NOT_FOUND', '方案不存在或您无权查看');
  const plans = allPlans.filter((p) => !q.planId || p.id === q.planId);
  const today = todayIn(ctx.clock);
  const words = q.q?.toLowerCase();

  const scoped: TaskListItem[] = [];
  const chapters: TaskList['chapters'] = [];
  for (const plan of plans) {
    const assignments = (await plansRepo.assignmentsOfPlan(ctx.db, plan.id)).filter((x) => x.active === 1);
    const tasks = (await plansRepo.tasks(ctx.db, plan.id)).filter((t) => !unit || assignments.some((x) => x.task_id === t.id && x.unit_id === unit.id));
    if (tasks.length === 0) continue;
    const headings = await plansRepo.headings(ctx.db, plan.id);
    const byId = new Map(headings.map((h) => [h.id, h]));
    const chapterOf = (hid: string | null): PlanHeadingRow | undefined => {
      let h = hid ? byId.get(hid) : undefined;
      while (h?.parent_id) h = byId.get(h.parent_id);
      return h;
    };
    const used = new Set(tasks.map((t) => chapterOf(t.heading_id)?.id).filter(Boolean));
    for (const h of headings) if (h.parent_id === null && used.has(h.id)) chapters.push({ id: h.id, label: `${h.number}、${h.title}`, planId: plan.id });
    const ids = tasks.map((t) => t.id);
    const deadlines = await plansRepo.deadlinesOfTasks(ctx.db, ids);
    const mine = assignments.filter((x) => ids.includes(x.task_id));
    const statuses = await taskStatuses(ctx.db, plan, tasks, today, plan.lag_margin, { deadlines, assignments: mine });
    const names = new Map((await unitsRepo.findByIds(ctx.db, [...new Set(mine.map((x) => x.unit_id))])).map((u) => [u.id, u.name]));
    for (const t of tasks) {
      const chapter = chapterOf(t.heading_id);
      if (q.headingId && chapter?.id !== q.headingId) continue;
      const st = statuses.get(t.id)!;
      if ((q.dueFrom || q.dueTo) && (!st.due || (q.dueFrom && st.due < q.dueFrom) || (q.dueTo && st.due > q.dueTo))) continue;
      const number = taskNumber(t.path_json);
      if (words && !t.text.toLowerCase().includes(words) && !(t.title ?? '').toLowerCase().includes(words) && number !== q.q) continue;
      const own = mine.filter((x) => x.task_id === t.id);
      scoped.push({
        id: t.id,
        planId: plan.id,
        planTitle: plan.title,
        number,
        chapterId: chapter?.id ?? null,
        chapter: chapter ? `${chapter.number}、${chapter.title}` : null,
        title: t.title,
        text: t.text,
        leadUnits: own.filter((x) => x.role === 'lead').map((x) => names.get(x.unit_id) ?? ''),
        coUnits: own.filter((x) => x.role === 'co').map((x) => names.get(x.unit_id) ?? ''),
        role: unit ? ((own.find((x) => x.unit_id === unit.id)?.role as 'lead' | 'co' | undefined) ?? null) : null,
        deadline:
          deadlines
            .filter((d) => d.task_id === t.id)
            .map((d) => describeDeadline(toDeadline(d)))
            .join('；') || '未明确时限',
        due: st.due,
        status: st.status,
        statusReason: st.reason,
      });
    }
  }
  const counts: Record<string, number> = { total: scoped.length };
  for (const s of TASK_STATUSES) counts[s] = scoped.filter((i) => i.status === s).length;
  const matching = q.status ? scoped.filter((i) => i.status === q.status) : scoped;
  const start = (q.page - 1) * q.pageSize;
  return {
    items: matching.slice(start, start + q.pageSize),
    total: matching.length,
    page: q.page,
    pageSize: q.pageSize,
    counts,
    unit,
    plans: allPlans.map((p) => ({ id: p.id, title: p.title })),
    chapters,
  };
}
