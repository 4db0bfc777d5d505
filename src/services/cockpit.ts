/**
 * The leaders' cockpit (领导驾驶舱): a plan's completion overall and by chapter, the on-time report
 * rate period by period, units ranked by on-time and accepted reports, units × chapters by status,
 * the tasks behind 序时进度 and the metrics against their targets — filtered by plan, period,
 * chapter and unit kind. Every figure is counted from the same rows the lists show: task status from
 * services/task-status.ts (as the plan page and the supervision board), report obligations from
 * services/obligations.ts (as the board and the circulars).
 */
import type { Db } from '../db/client.ts';
import { dashboardRepo, type PlanReportFact } from '../db/repositories/dashboard.ts';
import { regionsRepo } from '../db/repositories/regions.ts';
import { writeCockpitDocx } from '../exports/cockpit-docx.ts';
import { writePeriodSummaryDocx, type PeriodSummary, type SummaryCounts } from '../exports/period-summary-docx.ts';
import { circularsRepo } from '../db/repositories/circulars.ts';
import { UNIT_KIND_LABEL } from '../shared/enums.ts';
import { plansRepo } from '../db/repositories/plans.ts';
import { supervisionRepo } from '../db/repositories/supervision.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import type { PlanHeadingRow, PlanRow, ReportingPeriodRow, UnitRow } from '../db/schema.ts';
import { summarizeStatuses } from '../domain/schedule.ts';
import type { Cockpit, CockpitPeriodQuery, CockpitPeriodRows, CockpitQuery, CockpitTask, CockpitTasksQuery } from '../shared/api/dashboard.ts';
import { todayIn } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import type { ServiceContext } from './context.ts';
import { planSnapshot, type Obligation } from './obligations.ts';
import { readsRegion } from './policies.ts';
import { docxToPdf } from './pdf.ts';
import { regionOf } from './supervision-settings.ts';
import { taskStatuses } from './task-status.ts';
import { currentPoints, targetSeries } from './assessment-facts.ts';
import { latestOnOrBefore } from '../domain/metrics.ts';
import { taskNumber } from '../domain/task-number.ts';

const rate = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 10 : 0);
/**
 * The first instant after a due date in China (Asia/Shanghai: UTC+8, no daylight saving since 1991)
 * as an ISO timestamp: a submission is on time when its ISO UTC time sorts before it.
 */
const afterDue = (due: string) => new Date(Date.parse(`${due}T00:00:00.000Z`) + 16 * 3600_000).toISOString();
const cutoffs = new Map<string, string>();

/** How an obligation of a period was met: reported by the due date (China's calendar day), after it, or not (yet). */
export function timeliness(o: Pick<Obligation, 'state' | 'submittedAt'>, period: Pick<ReportingPeriodRow, 'due'>): 'on_time' | 'late' | 'missing' {
  if ((o.state !== 'submitted' && o.state !== 'accepted') || !o.submittedAt) return 'missing';
  let cut = cutoffs.get(period.due);
  if (cut === undefined) {
    if (cutoffs.size > 5000) cutoffs.clear();
    cutoffs.set(period.due, (cut = afterDue(period.due)));
  }
  return o.submittedAt < cut ? 'on_time' : 'late';
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

/**
 * The plan read once for one answer: its snapshot, statuses, chapters and units, filtered. The
 * plan's reports are read in one query and serve both the statuses and every period's obligations,
 * built by the same rule as `snap.obligations` (the periods' due tasks × their active owners, with
 * the owner's report of the period), so a figure here equals the board's and the circulars'.
 */
async function planFacts(ctx: ServiceContext, plan: PlanRow, today: string, f: { headingId?: string; unitKind?: string }, opts: { targets?: boolean } = {}) {
  const [snap, facts, headings] = await Promise.all([planSnapshot(ctx.db, plan, today), dashboardRepo.reportFactsOfPlan(ctx.db, plan.region_id, plan.id), plansRepo.headings(ctx.db, plan.id)]);
  const ids = snap.tasks.map((t) => t.id);
  const deadlines = snap.deadlines;
  // what else the answer needs, read at once
  const [extensions, unitRows, targetRows] = await Promise.all([
    supervisionRepo.grantedDueOfTasks(ctx.db, ids),
    unitsRepo.findByIds(ctx.db, [...new Set(snap.assignments.map((a) => a.unit_id))]),
    opts.targets ? plansRepo.targetsOfTasks(ctx.db, ids) : Promise.resolve([]),
  ]);
  // each task's status from its own rows (grouped here once, rather than searched for task by task)
  const group = <T extends { task_id: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) {
      const l = m.get(r.task_id);
      if (l) l.push(r);
      else m.set(r.task_id, [r]);
    }
    return m;
  };
  const [deadlinesOf, assignmentsOf, reportsOf] = [group(deadlines), group(snap.assignments), group(facts.filter((r) => r.state === 'accepted' && r.completion))];
  const statuses = new Map<string, Awaited<ReturnType<typeof taskStatuses>> extends Map<string, infer V> ? V : never>();
  for (const t of snap.tasks) {
    const one = await taskStatuses(ctx.db, plan, [t], today, plan.lag_margin, { deadlines: deadlinesOf.get(t.id) ?? [], assignments: assignmentsOf.get(t.id) ?? [], reports: reportsOf.get(t.id) ?? [], periods: snap.periods, extensions });
    statuses.set(t.id, one.get(t.id)!);
  }
  const byId = new Map(headings.map((h) => [h.id, h]));
  const units = new Map<string, UnitRow>(unitRows.map((u) => [u.id, u]));
  if (f.headingId && !byId.has(f.headingId)) throw new AppError('NOT_FOUND', '章节不存在');
  const unitOk = (unitId: string) => !f.unitKind || units.get(unitId)?.kind === f.unitKind;
  const assignedTo = new Map<string, typeof snap.assignments>();
  for (const a of snap.assignments) {
    const list = assignedTo.get(a.task_id);
    if (list) list.push(a);
    else assignedTo.set(a.task_id, [a]);
  }
  const tasks: CockpitTask[] = [];
  for (const t of snap.tasks) {
    const st = statuses.get(t.id);
    if (!st) continue;
    const ch = chapterOf(t.heading_id, byId);
    if (f.headingId && ch?.id !== f.headingId) continue;
    const assigned = assignedTo.get(t.id) ?? [];
    if (f.unitKind && !assigned.some((a) => unitOk(a.unit_id))) continue;
    const leads = assigned.some((a) => a.role === 'lead') ? assigned.filter((a) => a.role === 'lead') : assigned;
    tasks.push({
      id: t.id,
      number: taskNumber(t.path_json),
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
  // period → task → unit → its report (one per task, unit and period)
  const reportOf = new Map<string, Map<string, Map<string, PlanReportFact>>>();
  for (const r of facts) {
    let byTask = reportOf.get(r.period_id);
    if (!byTask) reportOf.set(r.period_id, (byTask = new Map()));
    let byUnit = byTask.get(r.task_id);
    if (!byUnit) byTask.set(r.task_id, (byUnit = new Map()));
    byUnit.set(r.unit_id, r);
  }
  /** the period's obligations inside the filters */
  const owed = async (p: ReportingPeriodRow): Promise<Obligation[]> => {
    const out: Obligation[] = [];
    const inPeriod = reportOf.get(p.id);
    for (const d of snap.dueIn(p)) {
      if (!taskIds.has(d.taskId)) continue;
      const ofTask = inPeriod?.get(d.taskId);
      for (const a of assignedTo.get(d.taskId) ?? []) {
        if (!unitOk(a.unit_id)) continue;
        const r = ofTask?.get(a.unit_id);
        out.push({ taskId: d.taskId, unitId: a.unit_id, role: a.role as 'lead' | 'co', reason: d.reason, state: r?.state ?? 'none', submittedAt: r ? r.submitted_at : null, reportId: r?.id ?? null });
      }
    }
    return out;
  };
  return { snap, tasks, taskIds, chapters, units, unitOk, owed, targetRows };
}

/** Cockpits by region, filters, day and data fingerprint; a computation under way is shared, not repeated. */
const cache = new WeakMap<Db, Map<string, Promise<Cockpit>>>();

/** The cockpit for the region's readers (office, leaders, inspectors); others get NOT_FOUND. */
export async function cockpit(ctx: ServiceContext, q: CockpitQuery): Promise<Cockpit> {
  const s = await scope(ctx, q);
  const key = [s.regionId, s.plan?.id, q.periodId, q.headingId, q.unitKind, s.today, await dashboardRepo.stamp(ctx.db, s.regionId)].join('|');
  let m = cache.get(ctx.db);
  if (!m) cache.set(ctx.db, (m = new Map()));
  const hit = m.get(key);
  if (hit) return hit;
  if (m.size > 500) m.clear();
  const p = computeCockpit(ctx, s, q);
  m.set(key, p);
  // a failed computation is not kept: the next request tries again
  p.catch(() => m.delete(key));
  return p;
}

async function computeCockpit(ctx: ServiceContext, s: Scope, q: CockpitQuery): Promise<Cockpit> {
  const plans = s.plans.map((p) => ({ id: p.id, title: p.title }));
  const empty = summarizeStatuses([]);
  if (!s.plan) {
    return { today: s.today, regionId: s.regionId, plans, plan: null, periods: [], period: null, chapters: [], completion: { counts: empty, doneRate: 0, onTrackRate: 0 }, byChapter: [], onTimeTrend: [], unitRanking: [], heatmap: { units: [], chapters: [], cells: [] }, behind: [], targets: [] };
  }
  const plan = s.plan;
  const f = await planFacts(ctx, plan, s.today, q, { targets: true });
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

  // metrics against targets: each numeric target's latest value as the metrics board has it (the lead unit's reports and the office's entries)
  const targetRows = f.targetRows.filter((t) => t.value_num !== null && f.taskIds.has(t.task_id));
  const leadOf = (taskId: string) => (snap.assignments.find((a) => a.task_id === taskId && a.role === 'lead') ?? snap.assignments.find((a) => a.task_id === taskId))?.unit_id ?? null;
  const series = await targetSeries(ctx.db, plan.id, targetRows, leadOf);
  const taskById = new Map(tasks.map((t) => [t.id, t]));
  const targets: Cockpit['targets'] = targetRows.map((t) => {
    const last = latestOnOrBefore(currentPoints(series.get(t.id) ?? []), s.today);
    const actual = last?.value ?? null;
    const target = t.value_num!;
    return { taskId: t.task_id, number: taskById.get(t.task_id)?.number ?? '', raw: t.raw, metric: t.metric, op: t.op, target, unit: t.unit, actual, ratio: actual === null || !target ? null : Math.round((actual / target) * 1000) / 10, periodLabel: last?.periodLabel ?? null };
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

/** The cockpit as PDF (the Word document through LibreOffice); UNPROCESSABLE when the server has none. */
export async function cockpitPdf(ctx: ServiceContext, q: CockpitQuery, opts: { soffice?: string | null } = {}): Promise<{ fileName: string; data: Buffer }> {
  const w = await cockpitDocx(ctx, q);
  return { fileName: w.fileName.replace(/\.docx$/, '.pdf'), data: await docxToPdf(w.data, { soffice: opts.soffice }) };
}

const zero = (): SummaryCounts => ({ due: 0, submitted: 0, onTime: 0, late: 0, missing: 0, returned: 0, accepted: 0 });

/**
 * The period summary for a 推进会: for one period (the one asked for, else the cockpit's — the last
 * past its due date), every obligation inside the cockpit's filters counted overall, by chapter and by
 * unit — due, submitted (on time or late), missing, returned at least once, accepted — and the tasks
 * behind 序时进度 or overdue. The counts are the cockpit's own (its trend point and unit ranking).
 */
export async function periodSummary(ctx: ServiceContext, q: CockpitQuery): Promise<PeriodSummary> {
  const s = await scope(ctx, q);
  if (!s.plan) throw new AppError('NOT_FOUND', '本地区尚未导入方案');
  const f = await planFacts(ctx, s.plan, s.today, q);
  const periods = f.snap.periods;
  const period = q.periodId ? periods.find((p) => p.id === q.periodId) : (periods.filter((p) => p.due < s.today).pop() ?? periods.find((p) => p.start_date <= s.today && s.today <= p.due));
  if (!period) throw new AppError('NOT_FOUND', q.periodId ? '报送周期不存在' : '方案尚无已开始的报送周期');
  const list = await f.owed(period);
  const returned = new Set((await circularsRepo.reviewEventsOf(ctx.db, list.map((o) => o.reportId).filter((id): id is string => !!id))).filter((e) => e.action === 'return').map((e) => e.report_id));
  const add = (c: SummaryCounts, o: Obligation) => {
    c.due++;
    const t = timeliness(o, period);
    if (t === 'missing') c.missing++;
    else {
      c.submitted++;
      if (t === 'on_time') c.onTime++;
      else c.late++;
    }
    if ((o.reportId && returned.has(o.reportId)) || o.state === 'returned') c.returned++;
    if (o.state === 'accepted') c.accepted++;
  };
  const total = zero();
  const byChapter = new Map<string, SummaryCounts>();
  const byUnit = new Map<string, SummaryCounts>();
  const taskById = new Map(f.tasks.map((t) => [t.id, t]));
  for (const o of list) {
    add(total, o);
    const ch = taskById.get(o.taskId)?.headingId ?? '';
    if (!byChapter.has(ch)) byChapter.set(ch, zero());
    add(byChapter.get(ch)!, o);
    if (!byUnit.has(o.unitId)) byUnit.set(o.unitId, zero());
    add(byUnit.get(o.unitId)!, o);
  }
  const region = await regionsRepo.findById(ctx.db, s.regionId);
  const chapter = q.headingId ? f.chapters.find((x) => x.id === q.headingId)?.label : undefined;
  const r = (c: SummaryCounts) => (c.due ? c.onTime / c.due : 0);
  return {
    planTitle: s.plan.title,
    regionName: region?.name ?? '',
    period: { label: period.label, start: period.start_date, end: period.end_date, due: period.due },
    today: s.today,
    filters: [chapter, q.unitKind ? `${UNIT_KIND_LABEL[q.unitKind]}单位` : undefined].filter(Boolean).join('，'),
    total: { ...total, units: byUnit.size },
    byChapter: [...f.chapters.filter((c) => byChapter.has(c.id)).map((c) => ({ chapter: c.label, ...byChapter.get(c.id)! })), ...(byChapter.has('') ? [{ chapter: '（未分章节）', ...byChapter.get('')! }] : [])],
    byUnit: [...byUnit]
      .map(([id, c]) => ({ unitName: f.units.get(id)?.name ?? '', sort: f.units.get(id)?.sort_order ?? 0, ...c }))
      .sort((a, b) => r(b) - r(a) || b.accepted / (b.due || 1) - a.accepted / (a.due || 1) || a.sort - b.sort || a.unitName.localeCompare(b.unitName, 'zh-Hans-CN'))
      .map(({ sort: _sort, ...u }) => u),
    behind: f.tasks.filter((t) => t.status === '滞后' || t.status === '逾期').map((t) => ({ number: t.number, text: t.text, status: t.status, leadUnits: t.leadUnits, due: t.due, reason: t.reason })),
  };
}

/** The period summary as Word. */
export async function periodSummaryDocx(ctx: ServiceContext, q: CockpitQuery): Promise<{ fileName: string; data: Buffer }> {
  const s = await periodSummary(ctx, q);
  return { fileName: `${s.planTitle}${s.period.label}报送情况汇总（${s.today}）.docx`, data: await writePeriodSummaryDocx(s) };
}

/** The period summary as PDF (LibreOffice); UNPROCESSABLE when the server has none. */
export async function periodSummaryPdf(ctx: ServiceContext, q: CockpitQuery, opts: { soffice?: string | null } = {}): Promise<{ fileName: string; data: Buffer }> {
  const w = await periodSummaryDocx(ctx, q);
  return { fileName: w.fileName.replace(/\.docx$/, '.pdf'), data: await docxToPdf(w.data, { soffice: opts.soffice }) };
}
