import { inTransaction, type Executor } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { plansRepo } from '../db/repositories/plans.ts';
import { periodsRepo, reportsRepo, uploadsRepo } from '../db/repositories/reports.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import type { AssignmentRow, ReportRow, ReportingPeriodRow, TaskRow } from '../db/schema.ts';
import { canEdit, canReview, canSubmit, editRefusal, submitProblems, type ReportState } from '../domain/report-workflow.ts';
import {
  COMPLETIONS,
  REPORT_STATE_LABEL,
  SaveReportRequest as SaveSchema,
  type Evidence,
  type ReportView,
  type SaveReportRequest,
} from '../shared/api/reports.ts';
import { AppError, STALE } from '../shared/errors.ts';
import { recordAudit } from './audit.ts';
import { nowIso, type Actor, type ServiceContext } from './context.ts';
import { authorize, canReadReport, canReviewIn, canWriteFor, officeOf, readsRegion } from './policies.ts';
import { parseInput } from './validate.ts';
import { taskNumber } from '../domain/task-number.ts';

type Completion = (typeof COMPLETIONS)[number];

const isUser = (a: Actor): a is Extract<Actor, { kind: 'user' }> => a.kind === 'user';

// ------------------------------------------------------------------ loading

interface TaskContext {
  task: TaskRow;
  assignments: AssignmentRow[];
  hasLead: boolean;
}

async function taskContext(db: Executor, taskId: string): Promise<TaskContext> {
  const task = await plansRepo.findTask(db, taskId);
  if (!task) throw new AppError('NOT_FOUND', '任务不存在或您无权查看');
  const assignments = (await plansRepo.assignmentsOfPlan(db, task.plan_id)).filter((a) => a.task_id === taskId && a.active === 1);
  return { task, assignments, hasLead: assignments.some((a) => a.role === 'lead') };
}

async function periodOfTask(db: Executor, periodId: string, task: TaskRow): Promise<ReportingPeriodRow> {
  const p = await periodsRepo.findById(db, periodId);
  if (!p || p.plan_id !== task.plan_id) throw new AppError('NOT_FOUND', '报送周期不存在');
  return p;
}

async function evidenceOf(db: Executor, reportIds: string[]): Promise<Map<string, Evidence[]>> {
  const rows = await reportsRepo.filesOf(db, reportIds);
  const m = new Map<string, Evidence[]>();
  for (const r of rows) m.set(r.report_id, [...(m.get(r.report_id) ?? []), { uploadId: r.id, fileName: r.file_name, kind: r.kind, mime: r.mime, size: r.size, sha256: r.sha256, uploadedAt: r.created_at }]);
  return m;
}

async function present(ctx: ServiceContext, r: ReportRow | null, base: { task: TaskContext; unitId: string; period: ReportingPeriodRow }, evidence?: Evidence[]): Promise<ReportView> {
  const unit = await unitsRepo.findById(ctx.db, base.unitId);
  const role = base.task.assignments.find((a) => a.unit_id === base.unitId)?.role === 'lead' ? 'lead' : 'co';
  const state = (r?.state ?? 'none') as ReportState;
  const closed = base.period.closed === 1;
  const writer = canWriteFor(ctx.actor, base.unitId, base.task.task.region_id);
  return {
    id: r?.id ?? null,
    taskId: base.task.task.id,
    unitId: base.unitId,
    unitName: unit?.name ?? '',
    periodId: base.period.id,
    periodLabel: base.period.label,
    role,
    state,
    stateLabel: REPORT_STATE_LABEL[state],
    completion: (r?.completion as Completion | null) ?? null,
    percent: r?.percent ?? null,
    narrative: r?.narrative ?? '',
    targetValues: r ? JSON.parse(r.target_values_json) : [],
    evidence: evidence ?? (r ? ((await evidenceOf(ctx.db, [r.id])).get(r.id) ?? []) : []),
    submittedAt: r?.submitted_at ?? null,
    reviewedAt: r?.reviewed_at ?? null,
    returnReason: r?.return_reason ?? null,
    version: r?.version ?? 0,
    can: {
      edit: writer && canEdit(state, closed),
      submit: writer && canSubmit(state, closed) && state !== 'none',
      review: canReviewIn(ctx.actor, base.task.task.region_id) && canReview(state, role, base.task.hasLead),
    },
  };
}

function snapshot(r: ReportRow, evidence: string[]) {
  return JSON.stringify({ narrative: r.narrative, completion: r.completion, percent: r.percent, evidence });
}

async function recordEvent(trx: Executor, ctx: ServiceContext, r: ReportRow, action: 'save' | 'submit' | 'return' | 'accept', reason: string | null = null): Promise<void> {
  const files = (await reportsRepo.filesOf(trx, [r.id])).map((f) => f.file_name);
  const a = ctx.actor;
  await reportsRepo.insertEvent(trx, {
    id: newId(),
    report_id: r.id,
    region_id: r.region_id,
    action,
    version: r.version,
    actor_id: a.kind === 'user' ? a.userId : null,
    actor_name: a.kind === 'user' ? a.displayName : a.kind === 'system' ? a.name : '公众',
    reason,
    snapshot_json: snapshot(r, files),
    created_at: nowIso(ctx),
  });
}

// ------------------------------------------------------------------ use cases

/** The report of a unit on a task for a period, or an empty one to start from (nothing is created). */
export async function openReport(ctx: ServiceContext, q: { taskId: string; periodId: string; unitId?: string }): Promise<ReportView> {
  const tc = await taskContext(ctx.db, q.taskId);
  const unitId = q.unitId ?? (isUser(ctx.actor) ? ctx.actor.unitId : null);
  if (!unitId || !tc.assignments.some((a) => a.unit_id === unitId)) throw new AppError('NOT_FOUND', '该任务没有分配给此单位');
  if (!canReadReport(ctx.actor, { unit_id: unitId, region_id: tc.task.region_id }, tc.assignments)) throw new AppError('NOT_FOUND', '报送不存在或您无权查看');
  const period = await periodOfTask(ctx.db, q.periodId, tc.task);
  const r = await reportsRepo.find(ctx.db, q.taskId, unitId, period.id);
  return present(ctx, r ?? null, { task: tc, unitId, period });
}

async function visibleReport(ctx: ServiceContext, db: Executor, id: string) {
  const r = await reportsRepo.findById(db, id);
  if (!r) throw new AppError('NOT_FOUND', '报送不存在或您无权查看');
  const tc = await taskContext(db, r.task_id);
  if (!canReadReport(ctx.actor, r, tc.assignments)) throw new AppError('NOT_FOUND', '报送不存在或您无权查看');
  const period = (await periodsRepo.findById(db, r.period_id))!;
  return { r, tc, period };
}

export async function getReport(ctx: ServiceContext, id: string): Promise<ReportView> {
  const { r, tc, period } = await visibleReport(ctx, ctx.db, id);
  return present(ctx, r, { task: tc, unitId: r.unit_id, period });
}

/**
 * Saves a draft: creates the report on first save, updates it (with the version read) after.
 * Evidence is referenced by upload id: files this unit uploaded, including those attached to its
 * earlier reports, so nothing is uploaded twice.
 */
export async function saveReport(ctx: ServiceContext, raw: SaveReportRequest): Promise<ReportView> {
  const req = parseInput(SaveSchema, raw);
  return inTransaction(ctx.db, async (trx) => {
    const tctx = { ...ctx, db: trx as ServiceContext['db'] };
    const tc = await taskContext(trx, req.taskId);
    const unitId = req.unitId ?? (isUser(ctx.actor) ? ctx.actor.unitId : null);
    const assignment = unitId ? tc.assignments.find((a) => a.unit_id === unitId) : undefined;
    if (!unitId || !assignment || !canReadReport(ctx.actor, { unit_id: unitId, region_id: tc.task.region_id }, tc.assignments)) throw new AppError('NOT_FOUND', '该任务没有分配给此单位，或您无权查看');
    authorize(canWriteFor(ctx.actor, unitId, tc.task.region_id), '填报其他单位的进展');
    const period = await periodOfTask(trx, req.periodId, tc.task);
    const existing = await reportsRepo.find(trx, tc.task.id, unitId, period.id);
    const state = (existing?.state ?? 'none') as ReportState;
    if (existing && req.version === undefined) throw new AppError('CONFLICT', '这份报送已由他人先行保存，请刷新后在最新内容上修改', STALE);
    if (existing && existing.version !== req.version) throw new AppError('CONFLICT', '这份报送已被他人修改，您的修改未保存。请刷新后再改', STALE);
    if (!canEdit(state, period.closed === 1)) throw new AppError('CONFLICT', editRefusal(state, period.closed === 1));
    const targets = (await plansRepo.targetsOfPlan(trx, tc.task.plan_id)).filter((t) => t.task_id === tc.task.id);
    for (const v of req.targetValues) if (v.targetIndex >= targets.length) throw new AppError('VALIDATION', '指标不存在', [{ field: 'targetValues', message: `第 ${v.targetIndex + 1} 个指标不存在` }]);
    const uploads = await uploadsRepo.findMany(trx, [...new Set(req.uploadIds)]);
    const allowed = uploads.filter((u) => u.region_id === tc.task.region_id && (u.unit_id === unitId || officeOf(ctx.actor, u.region_id)));
    if (allowed.length !== new Set(req.uploadIds).size) throw new AppError('VALIDATION', '有佐证材料不存在或不属于本单位，请重新上传', [{ field: 'uploadIds', message: '佐证材料不存在' }]);
    const now = nowIso(ctx);
    const fields = {
      narrative: req.narrative,
      completion: req.completion,
      percent: req.completion === 'done' ? (req.percent ?? 100) : req.percent,
      target_values_json: JSON.stringify(req.targetValues),
      state: state === 'returned' ? 'returned' : 'draft',
      updated_at: now,
    };
    let row: ReportRow;
    if (!existing) {
      row = { id: newId(), region_id: tc.task.region_id, plan_id: tc.task.plan_id, task_id: tc.task.id, unit_id: unitId, period_id: period.id, role: assignment.role, submitted_at: null, reviewed_at: null, return_reason: null, version: 1, created_at: now, ...fields };
      await reportsRepo.insert(trx, row);
    } else {
      if (!(await reportsRepo.updateVersioned(trx, existing.id, existing.version, fields))) throw new AppError('CONFLICT', '这份报送已被他人修改，您的修改未保存。请刷新后再改', STALE);
      row = (await reportsRepo.findById(trx, existing.id))!;
    }
    await reportsRepo.setFiles(trx, row.id, row.region_id, [...new Set(req.uploadIds)]);
    await recordEvent(trx, tctx, row, 'save');
    await recordAudit(trx, ctx, { action: 'report.save', entityType: 'report', entityId: row.id, regionId: row.region_id, summary: `保存${period.label}进展（草稿）`, after: { ...fields, uploadIds: req.uploadIds } });
    return present(tctx, row, { task: tc, unitId, period });
  });
}

/** Submits a report (to the lead unit for a co-owner, to the office for the lead). Submitting twice is harmless. */
export async function submitReport(ctx: ServiceContext, id: string, version: number): Promise<ReportView> {
  return inTransaction(ctx.db, async (trx) => {
    const tctx = { ...ctx, db: trx as ServiceContext['db'] };
    const { r, tc, period } = await visibleReport(ctx, trx, id);
    authorize(canWriteFor(ctx.actor, r.unit_id, r.region_id), '提交其他单位的报送');
    const state = r.state as ReportState;
    if (state === 'submitted' || state === 'accepted') {
      const lastSubmit = (await reportsRepo.events(trx, r.id)).filter((e) => e.action === 'submit').pop();
      if (lastSubmit && lastSubmit.version - 1 === version) return present(tctx, r, { task: tc, unitId: r.unit_id, period }); // the same submit again
    }
    if (r.version !== version) throw new AppError('CONFLICT', '这份报送已被他人修改，请刷新后再提交', STALE);
    if (!canSubmit(state, period.closed === 1)) throw new AppError('CONFLICT', editRefusal(state, period.closed === 1));
    const problems = submitProblems(r);
    if (problems.length) throw new AppError('VALIDATION', `还不能提交：${problems.map((p) => p.message).join('；')}`, problems);
    const now = nowIso(ctx);
    if (!(await reportsRepo.updateVersioned(trx, r.id, r.version, { state: 'submitted', submitted_at: now, updated_at: now }))) throw new AppError('CONFLICT', '这份报送已被他人修改，请刷新后再提交', STALE);
    const row = (await reportsRepo.findById(trx, r.id))!;
    await recordEvent(trx, tctx, row, 'submit');
    const to = row.role === 'co' && tc.hasLead ? '牵头单位' : '依法治办';
    await recordAudit(trx, ctx, { action: 'report.submit', entityType: 'report', entityId: row.id, regionId: row.region_id, summary: `提交${period.label}进展（报${to}）`, before: { state }, after: { state: 'submitted' } });
    return present(tctx, row, { task: tc, unitId: row.unit_id, period });
  });
}

async function review(ctx: ServiceContext, trx: Executor, id: string, version: number, action: 'accept' | 'return', reason: string | null): Promise<ReportRow> {
  const { r, tc, period } = await visibleReport(ctx, trx, id);
  authorize(canReviewIn(ctx.actor, r.region_id), '审核报送');
  if (r.version !== version) throw new AppError('CONFLICT', '这份报送已有变化，请刷新后再审核', STALE);
  if (!canReview(r.state as ReportState, r.role as 'lead' | 'co', tc.hasLead)) {
    throw new AppError('CONFLICT', r.state === 'submitted' ? '协同单位的报送由牵头单位汇总后报送，请审核牵头单位的报送' : `报送当前为「${REPORT_STATE_LABEL[r.state as ReportState]}」，不能审核`);
  }
  if (action === 'return' && !reason?.trim()) throw new AppError('VALIDATION', '请填写退回原因', [{ field: 'reason', message: '请填写退回原因' }]);
  const now = nowIso(ctx);
  const patch = action === 'accept' ? { state: 'accepted', reviewed_at: now, updated_at: now } : { state: 'returned', reviewed_at: now, return_reason: reason, updated_at: now };
  if (!(await reportsRepo.updateVersioned(trx, r.id, r.version, patch))) throw new AppError('CONFLICT', '这份报送已有变化，请刷新后再审核', STALE);
  const row = (await reportsRepo.findById(trx, r.id))!;
  await recordEvent(trx, { ...ctx, db: trx as ServiceContext['db'] }, row, action, reason);
  await recordAudit(trx, ctx, {
    action: `report.${action}`,
    entityType: 'report',
    entityId: row.id,
    regionId: row.region_id,
    summary: action === 'accept' ? `审核通过${period.label}进展` : `退回${period.label}进展：${reason}`,
    before: { state: r.state },
    after: { state: row.state, reason },
  });
  return row;
}

export async function acceptReport(ctx: ServiceContext, id: string, version: number): Promise<ReportView> {
  return inTransaction(ctx.db, async (trx) => {
    await review(ctx, trx, id, version, 'accept', null);
    return getReport({ ...ctx, db: trx as ServiceContext['db'] }, id);
  });
}

export async function returnReport(ctx: ServiceContext, id: string, version: number, reason: string): Promise<ReportView> {
  return inTransaction(ctx.db, async (trx) => {
    await review(ctx, trx, id, version, 'return', reason);
    return getReport({ ...ctx, db: trx as ServiceContext['db'] }, id);
  });
}

/** Accepts many submitted reports in one go; those that cannot be accepted are listed with why. */
export async function bulkAccept(ctx: ServiceContext, ids: string[]): Promise<{ accepted: number; skipped: { id: string; reason: string }[] }> {
  return inTransaction(ctx.db, async (trx) => {
    let accepted = 0;
    const skipped: { id: string; reason: string }[] = [];
    for (const id of [...new Set(ids)]) {
      const r = await reportsRepo.findById(trx, id);
      if (!r) {
        skipped.push({ id, reason: '报送不存在' });
        continue;
      }
      try {
        await review(ctx, trx, id, r.version, 'accept', null);
        accepted++;
      } catch (e) {
        if (!(e instanceof AppError) || e.code === 'INTERNAL') throw e;
        if (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN') throw e; // one forged id refuses the whole batch
        skipped.push({ id, reason: e.message });
      }
    }
    return { accepted, skipped };
  });
}

export async function reportHistory(ctx: ServiceContext, id: string) {
  const report = await getReport(ctx, id);
  const events = await reportsRepo.events(ctx.db, id);
  const label = { save: '保存', submit: '提交', return: '退回', accept: '通过' } as const;
  return {
    report,
    events: events.map((e) => ({
      action: e.action as keyof typeof label,
      actionLabel: label[e.action as keyof typeof label],
      version: e.version,
      actorName: e.actor_name,
      reason: e.reason,
      snapshot: JSON.parse(e.snapshot_json),
      createdAt: e.created_at,
    })),
  };
}

/** The co-owners' reports on a task for a period, for the lead unit writing the consolidated report. */
export async function coReports(ctx: ServiceContext, taskId: string, periodId: string): Promise<ReportView[]> {
  const tc = await taskContext(ctx.db, taskId);
  const mayRead = readsRegion(ctx.actor, tc.task.region_id) || (isUser(ctx.actor) && tc.assignments.some((a) => a.unit_id === (ctx.actor as { unitId: string | null }).unitId && a.role === 'lead'));
  if (!mayRead) throw new AppError('NOT_FOUND', '任务不存在或您无权查看');
  const period = await periodOfTask(ctx.db, periodId, tc.task);
  const out: ReportView[] = [];
  for (const a of tc.assignments.filter((x) => x.role === 'co')) {
    const r = await reportsRepo.find(ctx.db, taskId, a.unit_id, period.id);
    // drafts are the co-owner's own business until submitted
    out.push(await present(ctx, r && r.state !== 'draft' ? r : null, { task: tc, unitId: a.unit_id, period }));
  }
  return out;
}


/** The office's review list: reports that reached it (leads' reports, or co-owners' on tasks with no lead). */
export async function reviewQueue(ctx: ServiceContext, q: { regionId: string; periodId?: string; state: 'submitted' | 'returned' | 'accepted' }) {
  if (!readsRegion(ctx.actor, q.regionId)) throw new AppError('NOT_FOUND', '地区不存在或您无权查看');
  const rows = await reportsRepo.ofRegion(ctx.db, q.regionId, { state: q.state, periodId: q.periodId });
  const leadTasks = new Set<string>();
  const planIds = [...new Set(rows.map((r) => r.plan_id))];
  const tasks = new Map<string, TaskRow>();
  for (const planId of planIds) {
    for (const a of await plansRepo.assignmentsOfPlan(ctx.db, planId)) if (a.active === 1 && a.role === 'lead') leadTasks.add(a.task_id);
    for (const t of await plansRepo.tasks(ctx.db, planId, { includeInactive: true })) tasks.set(t.id, t);
  }
  const visible = rows.filter((r) => r.role === 'lead' || !leadTasks.has(r.task_id));
  const units = new Map((await unitsRepo.findByIds(ctx.db, [...new Set(visible.map((r) => r.unit_id))])).map((u) => [u.id, u.name]));
  const periods = new Map((await periodsRepo.ofPlans(ctx.db, planIds)).map((p) => [p.id, p.label]));
  const files = await evidenceOf(ctx.db, visible.map((r) => r.id));
  return visible.map((r) => {
    const t = tasks.get(r.task_id)!;
    return {
      reportId: r.id,
      taskId: r.task_id,
      number: taskNumber(t.path_json),
      text: t.text,
      unitName: units.get(r.unit_id) ?? '',
      periodLabel: periods.get(r.period_id) ?? '',
      completion: (r.completion as Completion | null) ?? null,
      percent: r.percent,
      submittedAt: r.submitted_at,
      evidenceCount: files.get(r.id)?.length ?? 0,
      version: r.version,
    };
  });
}
