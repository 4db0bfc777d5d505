/**
 * 延期申请 and 催办 — the two task-level supervision acts.
 * A unit assigned to a task asks, before the task's due date, for a later one with a reason; the office
 * grants or refuses. A granted date replaces the due date in status and reminders (task-status.ts reads
 * it); the task keeps its printed deadline and the request keeps both dates.
 * 催办 is a lighter nudge from the office or a leader: recorded on the task, sent to the unit.
 */
import { inTransaction } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { plansRepo } from '../db/repositories/plans.ts';
import { supervisionRepo } from '../db/repositories/supervision.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import type { ExtensionRequestRow, TaskRow } from '../db/schema.ts';
import { formatChineseDate } from '../domain/dates.ts';
import { EXTENSION_STATE_LABEL, type Extension, type ExtensionState, type RequestExtensionRequest } from '../shared/api/supervision.ts';
import { todayIn } from '../shared/clock.ts';
import { AppError, STALE } from '../shared/errors.ts';
import { recordAudit } from './audit.ts';
import { nowIso, type ServiceContext } from './context.ts';
import { notify, officeRecipients, recipientsOfUnit } from './notifications.ts';
import { authorize, canDecideIn, canReadDirectory, canReadUnitSupervision, canSupervise, canWriteFor, readsRegion, requireUser } from './policies.ts';
import { regionOf } from './supervision-settings.ts';
import { taskStatuses } from './task-status.ts';
import { taskNumber } from '../domain/task-number.ts';


async function present(ctx: ServiceContext, rows: ExtensionRequestRow[]): Promise<Extension[]> {
  const tasks = new Map((await plansRepo.tasksByIds(ctx.db, [...new Set(rows.map((r) => r.task_id))])).map((t) => [t.id, t]));
  const units = new Map((await unitsRepo.findByIds(ctx.db, [...new Set(rows.map((r) => r.unit_id))])).map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    id: r.id,
    taskId: r.task_id,
    taskNumber: tasks.get(r.task_id) ? taskNumber(tasks.get(r.task_id)!) : '',
    taskText: tasks.get(r.task_id)?.text ?? '',
    unitId: r.unit_id,
    unitName: units.get(r.unit_id) ?? '',
    currentDue: r.current_due,
    requestedDue: r.requested_due,
    reason: r.reason,
    state: r.state as ExtensionState,
    stateLabel: EXTENSION_STATE_LABEL[r.state as ExtensionState],
    requestedByName: r.requested_by_name,
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    version: r.version,
    createdAt: r.created_at,
  }));
}

async function loadTask(ctx: ServiceContext, taskId: string): Promise<TaskRow> {
  const task = await plansRepo.findTask(ctx.db, taskId);
  if (!task || !canReadDirectory(ctx.actor, task.region_id)) throw new AppError('NOT_FOUND', '任务不存在或您无权查看');
  return task;
}

export async function requestExtension(ctx: ServiceContext, req: RequestExtensionRequest): Promise<Extension> {
  const u = requireUser(ctx.actor);
  const task = await loadTask(ctx, req.taskId);
  const unitId = req.unitId ?? u.unitId;
  if (!unitId) throw new AppError('VALIDATION', '请选择申请单位', [{ field: 'unitId', message: '请选择单位' }]);
  authorize(canWriteFor(u, unitId, task.region_id), '为该单位申请延期');
  const assigned = (await plansRepo.assignmentsOfTasks(ctx.db, [task.id])).some((a) => a.unit_id === unitId && a.active === 1);
  if (!assigned) throw new AppError('VALIDATION', '该单位不是此任务的责任单位，不能申请延期', [{ field: 'unitId', message: '不是责任单位' }]);
  const plan = (await plansRepo.findById(ctx.db, task.plan_id))!;
  const today = todayIn(ctx.clock);
  const status = (await taskStatuses(ctx.db, plan, [task], today)).get(task.id)!;
  if (!status.due) throw new AppError('VALIDATION', '此任务没有明确的完成时限（长期坚持或未标注），无需申请延期');
  if (status.status === '已完成') throw new AppError('VALIDATION', '此任务已完成，无需申请延期');
  if (today > status.due) throw new AppError('VALIDATION', `延期须在完成时限（${formatChineseDate(status.due)}）之前申请；已逾期的任务请说明情况`, [{ field: 'requestedDue', message: '已过完成时限' }]);
  if (req.requestedDue <= status.due) throw new AppError('VALIDATION', `申请的日期应晚于现在的完成时限（${formatChineseDate(status.due)}）`, [{ field: 'requestedDue', message: '应晚于现完成时限' }]);
  const pending = (await supervisionRepo.extensionsOfTask(ctx.db, task.id)).find((e) => e.state === 'pending');
  if (pending) throw new AppError('CONFLICT', '此任务已有待审批的延期申请，请等待审批结果');
  const id = newId(ctx.clock.now().getTime());
  const unit = (await unitsRepo.findById(ctx.db, unitId))!;
  await inTransaction(ctx.db, async (trx) => {
    await supervisionRepo.insertExtension(trx, {
      id,
      region_id: task.region_id,
      task_id: task.id,
      unit_id: unitId,
      current_due: status.due!,
      requested_due: req.requestedDue,
      reason: req.reason,
      state: 'pending',
      requested_by: u.userId,
      requested_by_name: u.displayName,
      decided_by_name: null,
      decided_at: null,
      decision_note: null,
      version: 1,
      created_at: nowIso(ctx),
    });
    await recordAudit(trx, ctx, { action: 'extension.request', entityType: 'extension_request', entityId: id, regionId: task.region_id, summary: `${unit.name}申请任务${taskNumber(task)}延期至${req.requestedDue}`, after: { currentDue: status.due, requestedDue: req.requestedDue, reason: req.reason } });
    await notify({ ...ctx, db: trx }, { regionId: task.region_id, userIds: await officeRecipients({ ...ctx, db: trx }, task.region_id), kind: 'extension', title: `【延期申请】${unit.name}：任务${taskNumber(task)}申请延期至${formatChineseDate(req.requestedDue)}`, body: req.reason, link: '/supervision/extensions', dedupeKey: `extension-request:${id}` });
  });
  return (await present(ctx, [(await supervisionRepo.findExtension(ctx.db, id))!]))[0]!;
}

export async function decideExtension(ctx: ServiceContext, id: string, input: { version: number; grant: boolean; note: string }): Promise<Extension> {
  const u = requireUser(ctx.actor);
  const row = await supervisionRepo.findExtension(ctx.db, id);
  if (!row || !canReadUnitSupervision(u, row.unit_id, row.region_id)) throw new AppError('NOT_FOUND', '延期申请不存在或您无权查看');
  authorize(canDecideIn(u, row.region_id), '审批延期申请');
  if (row.state !== 'pending') throw new AppError('CONFLICT', `该申请已${EXTENSION_STATE_LABEL[row.state as ExtensionState]}，不能再次审批`);
  const task = (await plansRepo.findTask(ctx.db, row.task_id))!;
  await inTransaction(ctx.db, async (trx) => {
    const state = input.grant ? 'granted' : 'refused';
    if (!(await supervisionRepo.updateExtension(trx, id, input.version, { state, decided_by_name: u.displayName, decided_at: nowIso(ctx), decision_note: input.note || null }))) throw new AppError('CONFLICT', '该申请已被他人处理，请刷新后再试', STALE);
    await recordAudit(trx, ctx, { action: `extension.${input.grant ? 'grant' : 'refuse'}`, entityType: 'extension_request', entityId: id, regionId: row.region_id, summary: `${input.grant ? '同意' : '不同意'}任务${taskNumber(task)}延期至${row.requested_due}`, before: { state: row.state, due: row.current_due }, after: { state, due: input.grant ? row.requested_due : row.current_due, note: input.note } });
    await notify({ ...ctx, db: trx }, {
      regionId: row.region_id,
      userIds: await recipientsOfUnit({ ...ctx, db: trx }, row.unit_id),
      kind: 'extension',
      title: input.grant ? `延期申请已同意：任务${taskNumber(task)}完成时限调整为${formatChineseDate(row.requested_due)}` : `延期申请未同意：任务${taskNumber(task)}仍须于${formatChineseDate(row.current_due)}前完成`,
      body: input.note || (input.grant ? '同意延期。' : ''),
      link: `/tasks/${task.id}`,
      dedupeKey: `extension-decide:${id}`,
    });
  });
  return (await present(ctx, [(await supervisionRepo.findExtension(ctx.db, id))!]))[0]!;
}

/** A region's requests (office, leaders), a unit's own (liaison), or one task's history. */
export async function listExtensions(ctx: ServiceContext, q: { regionId?: string; state?: ExtensionState; taskId?: string }): Promise<Extension[]> {
  if (q.taskId) {
    const task = await loadTask(ctx, q.taskId);
    const rows = (await supervisionRepo.extensionsOfTask(ctx.db, task.id)).filter((r) => canReadUnitSupervision(ctx.actor, r.unit_id, r.region_id));
    return present(ctx, q.state ? rows.filter((r) => r.state === q.state) : rows);
  }
  const regionId = regionOf(ctx.actor, q.regionId);
  const a = ctx.actor;
  const unitId = readsRegion(a, regionId) ? undefined : a.kind === 'user' && a.role === 'liaison' && a.unitId ? a.unitId : null;
  if (unitId === null) throw new AppError('NOT_FOUND', '地区不存在或您无权查看');
  return present(ctx, await supervisionRepo.listExtensions(ctx.db, { regionId, state: q.state, unitId }));
}

// ------------------------------------------------------------------ 催办

export async function chaseTask(ctx: ServiceContext, input: { taskId: string; unitId: string; message: string }) {
  const u = requireUser(ctx.actor);
  const task = await loadTask(ctx, input.taskId);
  authorize(canSupervise(u, task.region_id), '催办');
  const assigned = (await plansRepo.assignmentsOfTasks(ctx.db, [task.id])).some((a) => a.unit_id === input.unitId && a.active === 1);
  if (!assigned) throw new AppError('VALIDATION', '该单位不是此任务的责任单位', [{ field: 'unitId', message: '不是责任单位' }]);
  const recent = (await supervisionRepo.chasesOfTask(ctx.db, task.id)).find((c) => c.unit_id === input.unitId && c.message === input.message && ctx.clock.now().getTime() - Date.parse(c.created_at) < 60_000);
  if (recent) throw new AppError('CONFLICT', '刚刚已发送过相同的催办，请勿重复提交');
  const unit = (await unitsRepo.findById(ctx.db, input.unitId))!;
  const id = newId(ctx.clock.now().getTime());
  await inTransaction(ctx.db, async (trx) => {
    await supervisionRepo.insertChase(trx, { id, region_id: task.region_id, task_id: task.id, unit_id: unit.id, message: input.message, created_by: u.userId, created_by_name: u.displayName, created_at: nowIso(ctx) });
    await recordAudit(trx, ctx, { action: 'task.chase', entityType: 'task', entityId: task.id, regionId: task.region_id, summary: `催办${unit.name}：任务${taskNumber(task)}`, after: { unitId: unit.id, message: input.message } });
    await notify({ ...ctx, db: trx }, { regionId: task.region_id, userIds: await recipientsOfUnit({ ...ctx, db: trx }, unit.id), kind: 'chase', title: `【催办】任务${taskNumber(task)}`, body: input.message, link: `/tasks/${task.id}`, dedupeKey: `chase:${id}` });
  });
  return (await listChases(ctx, task.id)).find((c) => c.id === id)!;
}

export async function listChases(ctx: ServiceContext, taskId: string) {
  const task = await loadTask(ctx, taskId);
  const rows = (await supervisionRepo.chasesOfTask(ctx.db, task.id)).filter((c) => canReadUnitSupervision(ctx.actor, c.unit_id, c.region_id));
  const units = new Map((await unitsRepo.findByIds(ctx.db, [...new Set(rows.map((r) => r.unit_id))])).map((u) => [u.id, u.name]));
  return rows.map((c) => ({ id: c.id, taskId: c.task_id, unitId: c.unit_id, unitName: units.get(c.unit_id) ?? '', message: c.message, createdByName: c.created_by_name, createdAt: c.created_at }));
}
