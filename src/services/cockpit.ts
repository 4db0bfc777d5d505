/**
 * The leaders' cockpit (领导驾驶舱): a plan's completion overall and by chapter, the on-time report
 * rate period by period, units ranked by on-time and accepted reports, units × chapters by status,
 * the tasks behind 序时进度 and the metrics against their targets — filtered by plan, period,
 * chapter and unit kind. Every figure is counted from the same rows the lists show: task status from
 * services/task-status.ts (as the plan page and the supervision board), report obligations from
 * services/obligations.ts (as the board and the circulars).
 */
import type { Db } from '../db/client.ts';
import { dashboardRepo } from '../db/repositories/dashboard.ts';
import { regionsRepo } from '../db/repositories/regions.ts';
import { writeCockpitDocx } from '../exports/cockpit-docx.ts';
import { UNIT_KIND_LABEL } from '../shared/enums.ts';
import { plansRepo } from '../db/repositories/plans.ts';
import { reportsRepo } from '../db/repositories/reports.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import type { PlanHeadingRow, PlanRow, ReportingPeriodRow, UnitRow } from '../db/schema.ts';
import { summarizeStatuses } from '../domain/schedule.ts';
import type { Cockpit, CockpitPeriodQuery, CockpitPeriodRows, CockpitQuery, CockpitTask, CockpitTasksQuery } from '../shared/api/dashboard.ts';
import { todayIn } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import type { ServiceContext } from './context.ts';
import { planSnapshot, type Obligation } from './obligations.ts';
import { readsRegion } from './policies.ts';
import { regionOf } from './supervision-settings.ts';
import { planTaskStatuses } from './task-status.ts';

const rate = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 10 : 0);
/** The calendar day (Asia/Shanghai) of an ISO timestamp. */
const chinaDay = (iso: string) => todayIn({ now: () => new Date(iso) });

/** How an obligation of a period was met: reported by the due date, after it, or not (yet). */
export function timeliness(o: Pick<Obligation, 'state' | 'submittedAt'>, period: Pick<ReportingPeriodRow, 'due'>): 'on_time' | 'late' | 'missing' {
  if ((o.state !== 'submitted' && o.state !== 'accepted') || !o.submittedAt) return 'missing';
  return chinaDay(o.submittedAt) <= period.due ? 'on_time' : 'late';
}

function chapterOf(headingId: string | null, byId: Map<string, PlanHeadingRow>): PlanHeadingRow | null {
  let h = headingId ? byId.get(headingId) : undefined;
  while (h?.parent_id) h = byId.get(h.parent_id);
  return h ?? null;
}

interface Scope {
  regionId: string;
  plan: PlanRow | null;
  plans: PlanRow[];
  today: string;
}

async function scope(ctx: ServiceContext, q: { regionId?: string; planId?: string }): Promise<Scope> {
  let plan: PlanRow | undefined;
  if (q.planId) {
    plan = await plansRepo.findById(ctx.db, q.planId);
    if (!plan || !readsRegion(ctx.actor, plan.region_id)) throw new AppError('NOT_FOUND', '方案不存在或您无权查看');
  }
  const regionId = plan?.region_id ?? regionOf(ctx.actor, q.regionId);
  if (!readsRegion(ctx.actor, regionId)) throw new AppError('NOT_FOUND', '地区不存在或您无权查看');
  const plans = await plansRepo.list(ctx.db, regionId);
  return { regionId, plans, plan: plan ?? plans[0] ?? null, today: todayIn(ctx.clock) };
}

/** The plan read once for one answer: its snapshot, statuses, chapters and units, filtered. */
async function planFacts(ctx: ServiceContext, plan: PlanRow, today: string, f: { headingId?: string; unitKind?: string }) {
  const snap = await planSnapshot(ctx.db, plan, today);
  const statuses = await planTaskStatuses(ctx.db, plan, today);
  const headings = await plansRepo.headings(ctx.db, plan.id);
  const byId = new Map(headings.map((h) => [h.id, h]));
  const units = new Map<string, UnitRow>((await unitsRepo.findByIds(ctx.db, [...new Set(snap.assignments.map((a) => a.unit_id))])).map((u) => [u.id, u]));
  if (f.headingId && !byId.has(f.headingId)) throw new AppError('NOT_FOUND', '章节不存在');
  const unitOk = (unitId: string) => !f.unitKind || units.get(unitId)?.kind === f.unitKind;
  const tasks: CockpitTask[] = [];
  for (const t of snap.tasks) {
    const st = statuses.get(t.id);
    if (!st) continue;
    const ch = chapterOf(t.heading_id, byId);
    if (f.headingId && ch?.id !== f.headingId) continue;
    const assigned = snap.assignments.filter((a) => a.task_id === t.id);
    if (f.unitKind && !assigned.some((a) => unitOk(a.unit_id))) continue;
    const leads = assigned.some((a) => a.role === 'lead') ? assigned.filter((a) => a.role === 'lead') : assigned;
    tasks.push({
      id: t.id,
      number: (JSON.parse(t.path_json) as string[]).filter(Boolean).join('.'),
      text: t.text,
      headingId: ch?.id ?? null,
      chapter: ch ? `${ch.number}、${ch.title}` : '（未分章节）',
      status: st.status,
      reason: st.reason,
      due: st.due,
      leadUnits: leads.map((a) => units.get(a.unit_id)?.name ?? ''),
      unitIds: assigned.map((a) => a.unit_id),
    });
  }
  const taskIds = new Set(tasks.map((t) => t.id));
  const chapters = headings.filter((h) => h.parent_id === null).map((h) => ({ id: h.id, label: `${h.number}、${h.title}` }));
  /** the period's obligations inside the filters */
  const owed = async (p: ReportingPeriodRow) => (await snap.obligations(p)).filter((o) => taskIds.has(o.taskId) && unitOk(o.unitId));
  return { snap, tasks, taskIds, chapters, units, unitOk, owed };
}

const cache = new WeakMap<Db, Map<string, Cockpit>>();

/** The cockpit for the region's readers (office, leaders, inspectors); others get NOT_FOUND. */
export async function cockpit(ctx: ServiceContext, q: CockpitQuery): Promise<Cockpit> {
  const s = await scope(ctx, q);
  const key = [s.regionId, s.plan?.id, q.periodId, q.headingId, q.unitKind, s.today, await dashboardRepo.stamp(ctx.db, s.regionId)].join('|');
  let m = cache.get(ctx.db);
  if (!m) cache.set(ctx.db, (m = new Map()));
  const hit = m.get(key);
  if (hit) return hit;
  const out = await computeCockpit(ctx, s, q);
  if (m.size > 500) m.clear();
  m.set(key, out);
  return out;
}

async function computeCockpit(ctx: ServiceContext, s: Scope, q: CockpitQuery): Promise<Cockpit> {
  const plans = s.plans.map((p) => ({ id: p.id, title: p.title }));
  const empty = summarizeStatuses([]);
  if (!s.plan) {
    return { today: s.today, regionId: s.regionId, plans, plan: null, periods: [], period: null, chapters: [], completion: { counts: empty, doneRate: 0, onTrackRate: 0 }, byChapter: [], onTimeTrend: [], unitRanking: [], heatmap: { units: [], chapters: [], cells: [] }, behind: [], targets: [] };
  }
  const plan = s.plan;
  const f = await planFacts(ctx, plan, s.today, q);
  const { snap, tasks } = f;
  const counts = summarizeStatuses(tasks);
  const completion = { counts, doneRate: rate(counts['已完成'], counts.total), onTrackRate: rate(counts.total - counts['滞后'] - counts['逾期'], counts.total) };
  const byChapter = f.chapters
    .map((c) => {
      const cc = summarizeStatuses(tasks.filter((t) => t.headingId === c.id));
      return { headingId: c.id, chapter: c.label, counts: cc, doneRate: rate(cc['已完成'], cc.total) };
    })
    .filter((c) => c.counts.total > 0);

  // on-time reports, period by period (those past their due date)
  const passed = snap.periods.filter((p) => p.due < s.today);
  const onTimeTrend: Cockpit['onTimeTrend'] = [];
  const owedOf = new Map<string, Obligation[]>();
  for (const p of passed) {
    const list = await f.owed(p);
    owedOf.set(p.id, list);
    const t = { on_time: 0, late: 0, missing: 0 };
    for (const o of list) t[timeliness(o, p)]++;
    onTimeTrend.push({ periodId: p.id, label: p.label, due: p.due, owed: list.length, onTime: t.on_time, late: t.late, missing: t.missing, rate: rate(t.on_time, list.length) });
  }
  const period = q.periodId ? snap.periods.find((p) => p.id === q.periodId) : passed[passed.length - 1];
  if (q.periodId && !period) throw new AppError('NOT_FOUND', '报送周期不存在');

  // units ranked by on-time and accepted reports in the period
  const byUnit = new Map<string, { owed: number; onTime: number; accepted: number }>();
  if (period) {
    for (const o of owedOf.get(period.id) ?? (await f.owed(period))) {
      const u = byUnit.get(o.unitId) ?? { owed: 0, onTime: 0, accepted: 0 };
      u.owed++;
      if (timeliness(o, period) === 'on_time') u.onTime++;
      if (o.state === 'accepted') u.accepted++;
      byUnit.set(o.unitId, u);
    }
  }
  const unitRanking = [...byUnit]
    .map(([unitId, u]) => ({ unitId, unitName: f.units.get(unitId)?.name ?? '', ...u, onTimeRate: rate(u.onTime, u.owed), acceptedRate: rate(u.accepted, u.owed) }))
    .sort((a, b) => b.onTimeRate - a.onTimeRate || b.acceptedRate - a.acceptedRate || a.unitName.localeCompare(b.unitName, 'zh-Hans-CN'));

  // units × chapters: how the tasks a unit takes part in stand, chapter by chapter
  const heatUnits = [...new Set(tasks.flatMap((t) => t.unitIds))].filter(f.unitOk).map((id) => f.units.get(id)!).filter(Boolean).sort((a, b) => a.sort_order - b.sort_order || a.name.localeCompare(b.name, 'zh-Hans-CN'));
  const heatChapters = f.chapters.filter((c) => tasks.some((t) => t.headingId === c.id));
  const cells: Cockpit['heatmap']['cells'] = [];
  for (const u of heatUnits) {
    for (const c of heatChapters) {
      const mine = tasks.filter((t) => t.headingId === c.id && t.unitIds.includes(u.id));
      if (!mine.length) continue;
      const behind = mine.filter((t) => t.status === '滞后').length;
      const overdue = mine.filter((t) => t.status === '逾期').length;
      const done = mine.filter((t) => t.status === '已完成').length;
      cells.push({ unitId: u.id, headingId: c.id, total: mine.length, behind, overdue, done, score: overdue ? 2 : behind ? 1 : 0 });
    }
  }

  // metrics against targets: the latest accepted report's value of each numeric target
  const targetRows = (await plansRepo.targetsOfTasks(ctx.db, tasks.map((t) => t.id))).filter((t) => t.value_num !== null);
  const targetTasks = [...new Set(targetRows.map((t) => t.task_id))];
  const allTargets = await plansRepo.targetsOfTasks(ctx.db, targetTasks);
  const reports = (await reportsRepo.ofTasks(ctx.db, targetTasks)).filter((r) => r.state === 'accepted');
  const periodStart = new Map(snap.periods.map((p) => [p.id, p]));
  const taskById = new Map(tasks.map((t) => [t.id, t]));
  const targets: Cockpit['targets'] = targetRows.map((t) => {
    const index = allTargets.filter((x) => x.task_id === t.task_id).findIndex((x) => x.id === t.id);
    const lead = reports.filter((r) => r.task_id === t.task_id && r.role === 'lead');
    const rs = (lead.length ? lead : reports.filter((r) => r.task_id === t.task_id)).sort((a, b) => (periodStart.get(a.period_id)?.start_date ?? '').localeCompare(periodStart.get(b.period_id)?.start_date ?? ''));
    let actual: number | null = null;
    let periodLabel: string | null = null;
    for (const r of rs) {
      const v = (JSON.parse(r.target_values_json) as { targetIndex: number; value: number | null }[]).find((x) => x.targetIndex === index);
      if (v && v.value !== null) {
        actual = v.value;
        periodLabel = periodStart.get(r.period_id)?.label ?? null;
      }
    }
    const target = t.value_num!;
    return { taskId: t.task_id, number: taskById.get(t.task_id)?.number ?? '', raw: t.raw, metric: t.metric, op: t.op, target, unit: t.unit, actual, ratio: actual === null || !target ? null : Math.round((actual / target) * 1000) / 10, periodLabel };
  });

  return {
    today: s.today,
    regionId: s.regionId,
    plans,
    plan: { id: plan.id, title: plan.title },
    periods: snap.periods.map((p) => ({ id: p.id, label: p.label, due: p.due })),
    period: period ? { id: period.id, label: period.label, due: period.due } : null,
    chapters: f.chapters,
    completion,
    byChapter,
    onTimeTrend,
    unitRanking,
    heatmap: { units: heatUnits.map((u) => ({ id: u.id, name: u.name })), chapters: heatChapters, cells },
    behind: tasks.filter((t) => t.status === '滞后'),
    targets,
  };
}

/** The tasks behind a part of a chart: those in the cockpit's filters that match what was clicked. */
export async function cockpitTasks(ctx: ServiceContext, q: CockpitTasksQuery): Promise<CockpitTask[]> {
  const s = await scope(ctx, q);
  if (!s.plan) return [];
  const f = await planFacts(ctx, s.plan, s.today, q);
  return f.tasks.filter((t) => (!q.status || t.status === q.status) && (!q.unitId || t.unitIds.includes(q.unitId)) && (!q.taskId || t.id === q.taskId));
}

/** The records behind a point of the on-time trend or a unit's bar: the period's obligations and how each was met. */
export async function cockpitPeriod(ctx: ServiceContext, q: CockpitPeriodQuery): Promise<CockpitPeriodRows> {
  const s = await scope(ctx, { planId: q.planId });
  const plan = s.plan!;
  const f = await planFacts(ctx, plan, s.today, q);
  const period = f.snap.periods.find((p) => p.id === q.periodId);
  if (!period) throw new AppError('NOT_FOUND', '报送周期不存在');
  const list = (await f.owed(period)).filter((o) => !q.unitId || o.unitId === q.unitId);
  const byId = new Map(f.tasks.map((t) => [t.id, t]));
  return {
    period: { id: period.id, label: period.label, due: period.due },
    items: list.map((o) => ({
      taskId: o.taskId,
      number: byId.get(o.taskId)?.number ?? '',
      text: byId.get(o.taskId)?.text ?? '',
      unitId: o.unitId,
      unitName: f.units.get(o.unitId)?.name ?? '',
      role: o.role,
      state: o.state,
      submittedAt: o.submittedAt,
      timeliness: timeliness(o, period),
      reportId: o.reportId,
    })),
  };
}


/** The cockpit as Word, for a meeting: the same figures, filtered the same way. */
export async function cockpitDocx(ctx: ServiceContext, q: CockpitQuery): Promise<{ fileName: string; data: Buffer }> {
  const c = await cockpit(ctx, q);
  if (!c.plan) throw new AppError('NOT_FOUND', '本地区尚未导入方案');
  const chapter = q.headingId ? c.chapters.find((x) => x.id === q.headingId)?.label : undefined;
  const filters = [chapter, q.unitKind ? `${UNIT_KIND_LABEL[q.unitKind]}单位` : undefined].filter(Boolean).join('，');
  const region = await regionsRepo.findById(ctx.db, c.regionId);
  return { fileName: `${c.plan.title}推进情况（${c.today}）.docx`, data: await writeCockpitDocx(c, { filters, regionName: region?.name ?? '' }) };
}
