import { inTransaction } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { plansRepo } from '../db/repositories/plans.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import { BulkAssignRequest as BulkSchema, type BulkAssignRequest } from '../shared/api/plans.ts';
import { AppError } from '../shared/errors.ts';
import { recordAudit } from './audit.ts';
import { nowIso, type ServiceContext } from './context.ts';
import { authorize, canManageDirectory, canReadDirectory } from './policies.ts';
import { parseInput } from './validate.ts';

/**
 * Gives the chosen units the chosen role on every chosen task. A unit already on a task changes
 * role (a task has one or more leads; co-owners report to them); removed assignments come back.
 * All tasks and units must belong to one region the actor runs; the change is audited with its reason.
 */
export async function assignTasks(ctx: ServiceContext, raw: BulkAssignRequest): Promise<{ added: number; changed: number; unchanged: number }> {
  const req = parseInput(BulkSchema, raw);
  return inTransaction(ctx.db, async (trx) => {
    const tasks = await Promise.all([...new Set(req.taskIds)].map((id) => plansRepo.findTask(trx, id)));
    if (tasks.some((t) => !t || !canReadDirectory(ctx.actor, t.region_id))) throw new AppError('NOT_FOUND', '有任务不存在或您无权查看');
    const regionId = tasks[0]!.region_id;
    if (tasks.some((t) => t!.region_id !== regionId)) throw new AppError('VALIDATION', '所选任务不属于同一地区');
    authorize(canManageDirectory(ctx.actor, regionId), '调整任务分工');
    const units = await unitsRepo.findByIds(trx, [...new Set(req.unitIds)]);
    if (units.length !== new Set(req.unitIds).size || units.some((u) => u.region_id !== regionId)) throw new AppError('VALIDATION', '有单位不存在或不在本地区', [{ field: 'unitIds', message: '单位不存在' }]);
    if (units.some((u) => u.active !== 1)) throw new AppError('VALIDATION', `「${units.find((u) => u.active !== 1)!.name}」已停用，不能分配任务`);
    const now = nowIso(ctx);
    const result = { added: 0, changed: 0, unchanged: 0 };
    const byPlan = new Map<string, Awaited<ReturnType<typeof plansRepo.assignmentsOfPlan>>>();
    for (const t of tasks) {
      const task = t!;
      if (!byPlan.has(task.plan_id)) byPlan.set(task.plan_id, await plansRepo.assignmentsOfPlan(trx, task.plan_id));
      const existing = byPlan.get(task.plan_id)!.filter((a) => a.task_id === task.id);
      for (const u of units) {
        const a = existing.find((x) => x.unit_id === u.id);
        if (!a) {
          await plansRepo.insertAssignments(trx, [{ id: newId(), task_id: task.id, region_id: regionId, unit_id: u.id, role: req.role, source: 'manual', active: 1, created_at: now, updated_at: now }]);
          result.added++;
        } else if (a.active !== 1 || a.role !== req.role) {
          await plansRepo.updateAssignment(trx, a.id, { active: 1, role: req.role, source: 'manual', updated_at: now });
          result.changed++;
        } else result.unchanged++;
      }
    }
    await recordAudit(trx, ctx, {
      action: 'assignment.bulk',
      entityType: 'assignment',
      entityId: null,
      regionId,
      summary: `为 ${tasks.length} 项任务指定${req.role === 'lead' ? '牵头' : '责任'}单位：${units.map((u) => u.name).join('、')}。原因：${req.reason}`,
      after: { taskIds: req.taskIds, unitIds: req.unitIds, role: req.role, reason: req.reason, ...result },
    });
    return result;
  });
}

export async function removeAssignment(ctx: ServiceContext, id: string, reason: string): Promise<void> {
  if (!reason.trim()) throw new AppError('VALIDATION', '请填写调整原因', [{ field: 'reason', message: '请填写调整原因' }]);
  await inTransaction(ctx.db, async (trx) => {
    const a = await plansRepo.findAssignment(trx, id);
    if (!a || !canReadDirectory(ctx.actor, a.region_id)) throw new AppError('NOT_FOUND', '分工不存在或您无权查看');
    authorize(canManageDirectory(ctx.actor, a.region_id), '调整任务分工');
    if (a.active !== 1) throw new AppError('CONFLICT', '该分工已撤销');
    await plansRepo.updateAssignment(trx, id, { active: 0, updated_at: nowIso(ctx) });
    const unit = await unitsRepo.findById(trx, a.unit_id);
    await recordAudit(trx, ctx, { action: 'assignment.remove', entityType: 'assignment', entityId: id, regionId: a.region_id, summary: `撤销「${unit?.name}」的任务分工。原因：${reason}`, before: a, after: { active: 0, reason } });
  });
}
