/**
 * 量化指标. Every target the parser found in a plan, and any the office adds to a task, is a metric: a
 * comparison, a target value, a unit, a scope and a date. Its values come from accepted progress reports
 * (what the lead unit reported for the task) and from the office, per period, each with its source.
 * An entered value is never overwritten: a correction is a new row, the old one is kept and marked
 * superseded, and both steps are audited. The board shows each metric met, at risk, missed or without
 * data (domain/metrics.ts); the 考核 rule 「指标达标」 counts the same series (assessment-facts.ts).
 */
import { inTransaction } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { metricsRepo } from '../db/repositories/metrics.ts';
import { plansRepo } from '../db/repositories/plans.ts';
import type { MetricValueRow, TaskTargetRow } from '../db/schema.ts';
import { isValidIsoDate } from '../domain/dates.ts';
import { todayIn } from '../shared/clock.ts';
import { AppError, STALE } from '../shared/errors.ts';
import { METRIC_OP_SIGN, type CorrectValueRequest, type DefineMetricRequest, type EnterValueRequest, type MetricDetail, type MetricsBoard, type MetricStatusT } from '../shared/api/metrics.ts';
import { regionMetrics } from './assessment-facts.ts';
import { recordAudit } from './audit.ts';
import { nowIso, type ServiceContext } from './context.ts';
import { authorize, authorizeRead, canManageMetrics, canReadMetrics, inRegion, requireUser } from './policies.ts';

const regionOf = (ctx: ServiceContext, regionId?: string | null): string => {
  const r = regionId ?? (ctx.actor.kind === 'user' ? ctx.actor.currentRegionId : null);
  if (!r) throw new AppError('VALIDATION', '请先选择地区');
  return r;
};

/** All of a region's metrics with their status and the counts by status; filtered by chapter and status. */
export async function metricsBoard(ctx: ServiceContext, q: { regionId?: string; chapterId?: string; status?: MetricStatusT }): Promise<MetricsBoard> {
  const regionId = regionOf(ctx, q.regionId);
  authorizeRead(canReadMetrics(ctx.actor, regionId), '该地区');
  const { items, chapters } = await regionMetrics(ctx.db, regionId, todayIn(ctx.clock));
  const inChapter = items.filter((i) => !q.chapterId || i.chapterId === q.chapterId);
  const counts = { all: inChapter.length, met: 0, at_risk: 0, missed: 0, no_data: 0 };
  for (const i of inChapter) counts[i.status]++;
  return { items: inChapter.filter((i) => !q.status || i.status === q.status), counts, chapters };
}

async function loadTarget(ctx: ServiceContext, id: string): Promise<TaskTargetRow & { plan_id: string }> {
  const t = await metricsRepo.findTarget(ctx.db, id);
  if (!t || !canReadMetrics(ctx.actor, t.region_id)) throw new AppError('NOT_FOUND', '量化指标不存在或您无权查看');
  return t;
}

/** A metric: its definition and status, the series that counts (for the chart), and every value with its source. */
export async function getMetric(ctx: ServiceContext, id: string): Promise<MetricDetail> {
  const t = await loadTarget(ctx, id);
  const { items, series } = await regionMetrics(ctx.db, t.region_id, todayIn(ctx.clock), t.plan_id);
  const metric = items.find((i) => i.targetId === id);
  if (!metric) throw new AppError('NOT_FOUND', '该量化指标所属任务已停用，或指标没有比较方式');
  const points = series.get(id) ?? [];
  return { metric, series: points.filter((p) => !p.superseded), history: [...points].reverse(), canEnter: canManageMetrics(ctx.actor, t.region_id) };
}

/** The office adds a target the parser did not find to one of a plan's tasks. */
export async function defineMetric(ctx: ServiceContext, req: DefineMetricRequest): Promise<MetricDetail> {
  const a = requireUser(ctx.actor);
  const task = await plansRepo.findTask(ctx.db, req.taskId);
  if (!task || !inRegion(a, task.region_id)) throw new AppError('NOT_FOUND', '任务不存在或您无权查看');
  authorize(canManageMetrics(a, task.region_id), '添加量化指标');
  if (task.active !== 1) throw new AppError('CONFLICT', '该任务已随方案修订停用，不能添加指标');
  if (req.byDate && !isValidIsoDate(req.byDate)) throw new AppError('VALIDATION', '完成日期不正确', [{ field: 'byDate', message: '请选择有效的日期' }]);
  const id = newId(ctx.clock.now().getTime());
  const now = nowIso(ctx);
  const numeric = req.op !== 'achieve' && req.op !== 'done';
  const raw = `${req.scope ?? ''}${req.name}${numeric ? `${METRIC_OP_SIGN[req.op]}${req.target}${req.unit ?? ''}` : METRIC_OP_SIGN[req.op]}${req.byDate ? `（${req.byDate}前）` : ''}`;
  await inTransaction(ctx.db, async (trx) => {
    const row: TaskTargetRow = { id, task_id: task.id, region_id: task.region_id, raw, metric: req.name, op: req.op, value_num: req.target, value_text: null, unit: req.unit ?? null, by_date: req.byDate ?? null, scope: req.scope ?? null, sort_order: await metricsRepo.nextSortOrder(trx, task.id) };
    await metricsRepo.insertOfficeTarget(trx, row, { target_id: id, region_id: task.region_id, created_by: a.userId, created_by_name: a.displayName, created_at: now });
    await recordAudit(trx, ctx, { action: 'metric.define', entityType: 'task_target', entityId: id, regionId: task.region_id, summary: `添加量化指标「${req.name}」：${raw}`, after: { taskId: task.id, name: req.name, op: req.op, target: req.target, unit: req.unit ?? null, scope: req.scope ?? null, byDate: req.byDate ?? null } });
  });
  return getMetric(ctx, id);
}

/** What an entered value must satisfy: a real date not after today (the period has come), a number, a source. */
function checkValue(ctx: ServiceContext, req: EnterValueRequest) {
  if (!isValidIsoDate(req.periodDate)) throw new AppError('VALIDATION', '统计截止日期不正确', [{ field: 'periodDate', message: '请选择有效的日期' }]);
  const today = todayIn(ctx.clock);
  if (req.periodDate > today) throw new AppError('VALIDATION', `统计期不能晚于今天（${today}）：尚未到来的期间不能录入数值`, [{ field: 'periodDate', message: '统计截止日期不能晚于今天' }]);
}

const valueRow = (ctx: ServiceContext, t: { id: string; region_id: string }, req: EnterValueRequest, extra: Partial<MetricValueRow> = {}): MetricValueRow => {
  const a = requireUser(ctx.actor);
  return { id: newId(ctx.clock.now().getTime()), region_id: t.region_id, target_id: t.id, period_label: req.periodLabel, period_date: req.periodDate, value: req.value, source: req.source, note: req.note ?? null, entered_by: a.userId, entered_by_name: a.displayName, entered_at: nowIso(ctx), supersedes_id: null, superseded_by_id: null, superseded_at: null, correction_reason: null, version: 1, ...extra };
};

const audited = (v: MetricValueRow) => ({ periodLabel: v.period_label, periodDate: v.period_date, value: v.value, source: v.source, note: v.note });

/** The office enters a value for a period with its source; a period that already has one is corrected instead. */
export async function enterMetricValue(ctx: ServiceContext, targetId: string, req: EnterValueRequest): Promise<MetricDetail> {
  const a = requireUser(ctx.actor);
  const t = await metricsRepo.findTarget(ctx.db, targetId);
  if (!t || !inRegion(a, t.region_id)) throw new AppError('NOT_FOUND', '量化指标不存在或您无权查看');
  authorize(canManageMetrics(a, t.region_id), '录入指标数值');
  if (!t.op) throw new AppError('UNPROCESSABLE', '该指标没有比较方式（如 ≥、≤），不是可计量的量化指标，不能录入数值');
  checkValue(ctx, req);
  const row = valueRow(ctx, t, req);
  await inTransaction(ctx.db, async (trx) => {
    const existing = await metricsRepo.currentForPeriod(trx, t.id, req.periodLabel);
    if (existing) throw new AppError('CONFLICT', `「${req.periodLabel}」已录入数值 ${existing.value}（${existing.source}），如需修改请在该行点「更正」`, [{ field: 'periodLabel', message: '该统计期已有数值' }]);
    await metricsRepo.insertValue(trx, row);
    await recordAudit(trx, ctx, { action: 'metric.value.enter', entityType: 'metric_value', entityId: row.id, regionId: t.region_id, summary: `录入「${t.metric ?? t.raw}」${req.periodLabel}数值 ${req.value}${t.unit ?? ''}（来源：${req.source}）`, after: { targetId: t.id, ...audited(row) } });
  });
  return getMetric(ctx, t.id);
}

/** A correction: a new entry replacing one, which stays in the history marked superseded, with the reason. */
export async function correctMetricValue(ctx: ServiceContext, valueId: string, req: CorrectValueRequest): Promise<MetricDetail> {
  const a = requireUser(ctx.actor);
  const old = await metricsRepo.findValue(ctx.db, valueId);
  if (!old || !inRegion(a, old.region_id)) throw new AppError('NOT_FOUND', '指标数值不存在或您无权查看');
  authorize(canManageMetrics(a, old.region_id), '更正指标数值');
  if (old.superseded_by_id) throw new AppError('CONFLICT', '该数值已被更正，请在最新的记录上更正', STALE);
  if (old.version !== req.version) throw new AppError('CONFLICT', '该数值已被他人修改，请刷新后再试', STALE);
  checkValue(ctx, req);
  const t = (await metricsRepo.findTarget(ctx.db, old.target_id)) ?? { id: old.target_id, region_id: old.region_id, metric: null, raw: '', unit: null };
  const row = valueRow(ctx, { id: old.target_id, region_id: old.region_id }, req, { supersedes_id: old.id, correction_reason: req.reason });
  await inTransaction(ctx.db, async (trx) => {
    if (req.periodLabel !== old.period_label) {
      const clash = await metricsRepo.currentForPeriod(trx, old.target_id, req.periodLabel);
      if (clash) throw new AppError('CONFLICT', `「${req.periodLabel}」已有数值 ${clash.value}，请更正那一行`, [{ field: 'periodLabel', message: '该统计期已有数值' }]);
    }
    await metricsRepo.insertValue(trx, row);
    if (!(await metricsRepo.supersede(trx, old.id, old.version, { id: row.id, at: row.entered_at }))) throw new AppError('CONFLICT', '该数值已被他人更正，请刷新后再试', STALE);
    await recordAudit(trx, ctx, { action: 'metric.value.correct', entityType: 'metric_value', entityId: row.id, regionId: old.region_id, summary: `更正「${t.metric ?? t.raw}」${old.period_label}数值 ${old.value} → ${req.value}${t.unit ?? ''}（${req.reason}）`, before: { id: old.id, ...audited(old) }, after: { id: row.id, reason: req.reason, ...audited(row) } });
  });
  return getMetric(ctx, old.target_id);
}
