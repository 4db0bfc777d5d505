/**
 * The supervision board (督办看板) for the office and leaders: tasks behind schedule or overdue, units
 * that have not reported the last period, open 督办单 with their reply dates, extension requests
 * waiting — listed, and counted by unit and by chapter.
 */
import { plansRepo } from '../db/repositories/plans.ts';
import { supervisionRepo } from '../db/repositories/supervision.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import type { PlanHeadingRow } from '../db/schema.ts';
import type { SupervisionBoard, UnitTask } from '../shared/api/supervision.ts';
import { todayIn } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import type { ServiceContext } from './context.ts';
import { listExtensions } from './extensions.ts';
import { listNotices } from './notices.ts';
import { planSnapshot } from './obligations.ts';
import { canReadUnitSupervision, readsRegion } from './policies.ts';
import { regionOf } from './supervision-settings.ts';
import { planTaskStatuses, taskStatuses } from './task-status.ts';
import { taskNumber } from '../domain/task-number.ts';

const LATE = new Set(['滞后', '逾期']);

function chapterOf(headingId: string | null, byId: Map<string, PlanHeadingRow>): PlanHeadingRow | null {
  let h = headingId ? byId.get(headingId) : undefined;
  while (h?.parent_id) h = byId.get(h.parent_id);
  return h ?? null;
}

export async function supervisionBoard(ctx: ServiceContext, q: { regionId?: string }): Promise<SupervisionBoard> {
  const regionId = regionOf(ctx.actor, q.regionId);
  if (!readsRegion(ctx.actor, regionId)) throw new AppError('NOT_FOUND', '地区不存在或您无权查看');
  const today = todayIn(ctx.clock);
  const tasks: SupervisionBoard['tasks'] = [];
  const reports: SupervisionBoard['reports'] = [];
  const chapters = new Map<string, SupervisionBoard['byChapter'][number]>();
  const unitIds = new Set<string>();
  for (const plan of await plansRepo.list(ctx.db, regionId)) {
    const snap = await planSnapshot(ctx.db, plan, today);
    const statuses = await planTaskStatuses(ctx.db, plan, today);
    const headings = new Map((await plansRepo.headings(ctx.db, plan.id)).map((h) => [h.id, h]));
    for (const t of snap.tasks) {
      const st = statuses.get(t.id);
      if (!st) continue;
      const ch = chapterOf(t.heading_id, headings);
      const chapter = ch ? `${ch.number}、${ch.title}` : null;
      const key = `${plan.id}:${chapter ?? ''}`;
      const row = chapters.get(key) ?? { planId: plan.id, chapter: chapter ?? '（未分章节）', behind: 0, overdue: 0, total: 0 };
      row.total++;
      if (st.status === '滞后') row.behind++;
      if (st.status === '逾期') row.overdue++;
      chapters.set(key, row);
      if (!LATE.has(st.status)) continue;
      const assigned = snap.assignments.filter((a) => a.task_id === t.id);
      const leads = (assigned.some((a) => a.role === 'lead') ? assigned.filter((a) => a.role === 'lead') : assigned).map((a) => a.unit_id);
      leads.forEach((u) => unitIds.add(u));
      tasks.push({ taskId: t.id, planId: plan.id, number: taskNumber(t.path_json), text: t.text, chapter, status: st.status, reason: st.reason, due: st.due, leadUnits: leads.map((id) => ({ id, name: id })) });
    }
    const passed = snap.periods.filter((p) => p.due < today).pop();
    if (passed) {
      const byUnit = new Map<string, { missing: number; returned: number }>();
      for (const o of await snap.obligations(passed)) {
        if (o.state === 'submitted' || o.state === 'accepted') continue;
        const r = byUnit.get(o.unitId) ?? { missing: 0, returned: 0 };
        if (o.state === 'returned') r.returned++;
        else r.missing++;
        byUnit.set(o.unitId, r);
      }
      for (const [unitId, r] of byUnit) {
        unitIds.add(unitId);
        reports.push({ unitId, unitName: unitId, planId: plan.id, periodLabel: passed.label, due: passed.due, ...r });
      }
    }
  }
  const notices = (await listNotices(ctx, { regionId, page: 1, pageSize: 500 })).items.filter((n) => n.state !== 'closed');
  const extensions = await listExtensions(ctx, { regionId, state: 'pending' });
  notices.forEach((n) => unitIds.add(n.unitId));
  extensions.forEach((e) => unitIds.add(e.unitId));
  const names = new Map((await unitsRepo.findByIds(ctx.db, [...unitIds])).map((u) => [u.id, u.name]));
  for (const t of tasks) t.leadUnits = t.leadUnits.map((u) => ({ id: u.id, name: names.get(u.id) ?? '' }));
  for (const r of reports) r.unitName = names.get(r.unitId) ?? '';
  const byUnit = [...unitIds]
    .map((unitId) => ({
      unitId,
      unitName: names.get(unitId) ?? '',
      behind: tasks.filter((t) => t.status === '滞后' && t.leadUnits.some((u) => u.id === unitId)).length,
      overdueTasks: tasks.filter((t) => t.status === '逾期' && t.leadUnits.some((u) => u.id === unitId)).length,
      overdueReports: reports.filter((r) => r.unitId === unitId).reduce((s, r) => s + r.missing + r.returned, 0),
      openNotices: notices.filter((n) => n.unitId === unitId).length,
      pendingExtensions: extensions.filter((e) => e.unitId === unitId).length,
    }))
    .sort((a, b) => b.overdueTasks + b.behind + b.overdueReports + b.openNotices - (a.overdueTasks + a.behind + a.overdueReports + a.openNotices));
  const openWarnings = (await supervisionRepo.listAlerts(ctx.db, { regionId, kind: 'warning', status: 'open', limit: 1, offset: 0 })).total;
  return {
    today,
    counts: {
      behind: tasks.filter((t) => t.status === '滞后').length,
      overdueTasks: tasks.filter((t) => t.status === '逾期').length,
      overdueReports: reports.reduce((s, r) => s + r.missing + r.returned, 0),
      openNotices: notices.length,
      overdueNotices: notices.filter((n) => n.overdue).length,
      pendingExtensions: extensions.length,
      openWarnings,
    },
    tasks: tasks.sort((a, b) => (a.status === b.status ? (a.due ?? '').localeCompare(b.due ?? '') : a.status === '逾期' ? -1 : 1)),
    reports,
    notices,
    extensions,
    byUnit,
    byChapter: [...chapters.values()].filter((c) => c.behind + c.overdue > 0),
  };
}

/**
 * The active tasks a unit owns (lead or co), with today's status and effective due date — what the
 * office picks from when it issues a 督办单 to that unit. Read by the unit and the region's readers.
 */
export async function unitTasks(ctx: ServiceContext, unitId: string): Promise<UnitTask[]> {
  const unit = await unitsRepo.findById(ctx.db, unitId);
  if (!unit || !canReadUnitSupervision(ctx.actor, unit.id, unit.region_id)) throw new AppError('NOT_FOUND', '单位不存在或您无权查看');
  const today = todayIn(ctx.clock);
  const assignments = await plansRepo.assignmentsOfUnit(ctx.db, unit.id);
  const out: UnitTask[] = [];
  for (const planId of [...new Set(assignments.map((a) => a.plan_id))]) {
    const plan = await plansRepo.findById(ctx.db, planId);
    if (!plan || plan.region_id !== unit.region_id) continue;
    const mine = assignments.filter((a) => a.plan_id === planId);
    const tasks = await plansRepo.tasksByIds(ctx.db, [...new Set(mine.map((a) => a.task_id))]);
    const statuses = await taskStatuses(ctx.db, plan, tasks, today);
    for (const t of tasks) {
      const st = statuses.get(t.id)!;
      const role = mine.some((a) => a.task_id === t.id && a.role === 'lead') ? 'lead' : 'co';
      out.push({ taskId: t.id, planId: plan.id, planTitle: plan.title, number: taskNumber(t.path_json), text: t.text, role, status: st.status, reason: st.reason, due: st.due });
    }
  }
  return out;
}
