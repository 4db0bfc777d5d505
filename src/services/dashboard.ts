/**
 * The 工作台 of each role: what needs the person now. Every number is read from the list it links
 * to — the inbox (我的任务), the review queue, the 督办单 list, the supervision board — by calling
 * that list's own service with the same actor, so a number and its list cannot disagree and
 * permissions are the lists' own.
 */
import { plansRepo } from '../db/repositories/plans.ts';
import { periodsRepo } from '../db/repositories/reports.ts';
import { addDays } from '../domain/dates.ts';
import type { LiaisonWorkbench, OfficeWorkbench, WeekItem, Workbench } from '../shared/api/dashboard.ts';
import { todayIn } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import type { ServiceContext } from './context.ts';
import { getInbox } from './inbox.ts';
import { listNotices } from './notices.ts';
import { readsRegion } from './policies.ts';
import { reviewQueue } from './reports.ts';
import { supervisionBoard } from './supervision-board.ts';
import { regionOf } from './supervision-settings.ts';
import { planTaskStatuses } from './task-status.ts';
import { taskNumber } from '../domain/task-number.ts';

const byDate = (a: WeekItem, b: WeekItem) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind);

/** A liaison's 工作台: this period's tasks, returned reports, 督办单 to answer, co-owners' reports to consolidate, this week. */
export async function liaisonWorkbench(ctx: ServiceContext, unitId?: string): Promise<LiaisonWorkbench> {
  const today = todayIn(ctx.clock);
  const weekEnd = addDays(today, 7);
  const inbox = await getInbox(ctx, unitId ? { unitId } : {});
  const notices = await listNotices(ctx, { unitId: inbox.unit.id, state: 'open', page: 1, pageSize: 500 });
  const done = (s: string) => s === 'submitted' || s === 'accepted';
  const week: WeekItem[] = [];
  for (const i of inbox.items) {
    if (!done(i.state) && i.reportDue >= today && i.reportDue <= weekEnd)
      week.push({ kind: 'report', date: i.reportDue, label: `${i.number} ${i.text.slice(0, 30)}`, detail: `${i.periodLabel}进展报送截止`, link: `/reports/edit?taskId=${i.taskId}&periodId=${i.periodId}` });
    if (i.taskDue && i.taskDue >= today && i.taskDue <= weekEnd) week.push({ kind: 'task', date: i.taskDue, label: `${i.number} ${i.text.slice(0, 30)}`, detail: '任务完成时限', link: `/tasks/${i.taskId}` });
  }
  for (const n of notices.items) if (n.replyDue >= today && n.replyDue <= weekEnd) week.push({ kind: 'notice', date: n.replyDue, label: n.number, detail: '督办单反馈截止', link: `/supervision/notices/${n.id}` });
  return {
    unit: inbox.unit,
    period: inbox.period,
    dueThisPeriod: inbox.counts.total ?? 0,
    toDo: (inbox.counts.none ?? 0) + (inbox.counts.draft ?? 0),
    returned: inbox.counts.returned ?? 0,
    overdue: inbox.counts.overdue ?? 0,
    noticesToAnswer: notices.total,
    consolidation: inbox.items
      .filter((i) => i.role === 'lead' && i.coReportsTotal > 0 && i.coReportsSubmitted > 0 && !done(i.state))
      .map((i) => ({ taskId: i.taskId, number: i.number, text: i.text, periodId: i.periodId, periodLabel: i.periodLabel, coSubmitted: i.coReportsSubmitted, coTotal: i.coReportsTotal, state: i.stateLabel })),
    week: week.sort(byDate),
  };
}

/** The office's 工作台: reports to review, units behind, overdue items, open extension requests, this week's deadlines. */
export async function officeWorkbench(ctx: ServiceContext, regionIdIn?: string): Promise<OfficeWorkbench> {
  const regionId = regionOf(ctx.actor, regionIdIn);
  if (!readsRegion(ctx.actor, regionId)) throw new AppError('NOT_FOUND', '地区不存在或您无权查看');
  const today = todayIn(ctx.clock);
  const weekEnd = addDays(today, 7);
  const board = await supervisionBoard(ctx, { regionId });
  const review = await reviewQueue(ctx, { regionId, state: 'submitted' });
  const week: WeekItem[] = [];
  for (const plan of await plansRepo.list(ctx.db, regionId)) {
    for (const p of await periodsRepo.ofPlan(ctx.db, plan.id)) if (p.due >= today && p.due <= weekEnd) week.push({ kind: 'report', date: p.due, label: p.label, detail: `${plan.title}进展报送截止`, link: '/reports/review' });
    const statuses = await planTaskStatuses(ctx.db, plan, today);
    const soon = [...statuses].filter(([, st]) => st.due && st.due >= today && st.due <= weekEnd && st.status !== '已完成');
    const tasks = new Map((await plansRepo.tasksByIds(ctx.db, soon.map(([id]) => id))).map((t) => [t.id, t]));
    for (const [id, st] of soon) {
      const t = tasks.get(id);
      if (t) week.push({ kind: 'task', date: st.due!, label: `${taskNumber(t.path_json)} ${t.text.slice(0, 30)}`, detail: `任务完成时限（${st.status}）`, link: `/tasks/${id}` });
    }
  }
  for (const n of board.notices) if (n.replyDue >= today && n.replyDue <= weekEnd && n.state === 'open') week.push({ kind: 'notice', date: n.replyDue, label: `${n.number}（${n.unitName}）`, detail: '督办单反馈截止', link: `/supervision/notices/${n.id}` });
  return {
    toReview: review.length,
    unitsBehind: board.byUnit.filter((u) => u.behind + u.overdueTasks + u.overdueReports > 0).length,
    behindTasks: board.counts.behind,
    overdueTasks: board.counts.overdueTasks,
    overdueReports: board.counts.overdueReports,
    openNotices: board.counts.openNotices,
    overdueNotices: board.counts.overdueNotices,
    pendingExtensions: board.counts.pendingExtensions,
    openWarnings: board.counts.openWarnings,
    week: week.sort(byDate),
  };
}

/** The signed-in person's 工作台, by role. */
export async function workbench(ctx: ServiceContext, q: { regionId?: string }): Promise<Workbench> {
  const a = ctx.actor;
  if (a.kind !== 'user') throw new AppError('UNAUTHENTICATED', '请先登录');
  const today = todayIn(ctx.clock);
  const regionId = a.currentRegionId ?? a.regionIds[0] ?? null;
  const base = { today, role: a.role, regionId: q.regionId ?? regionId, liaison: null, office: null, cockpit: false };
  if (a.role === 'liaison') return { ...base, liaison: a.unitId ? await liaisonWorkbench(ctx) : null };
  if (a.role === 'office' || a.role === 'admin') {
    const rid = q.regionId ?? regionId;
    if (!rid) return base;
    return { ...base, office: await officeWorkbench(ctx, rid) };
  }
  return { ...base, cockpit: true };
}
