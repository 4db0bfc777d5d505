/** The 提醒清单 and 警示清单: what the daily rules recorded, and a unit's answer (情况说明) to a warning. */
import { plansRepo } from '../db/repositories/plans.ts';
import { regionsRepo } from '../db/repositories/regions.ts';
import { supervisionRepo } from '../db/repositories/supervision.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import { inTransaction } from '../db/client.ts';
import type { AlertRow } from '../db/schema.ts';
import { documentNumber, regionAbbr } from '../domain/supervision.ts';
import { ALERT_RULE_LABEL, type Alert, type AlertQuery, type AlertRule } from '../shared/api/supervision.ts';
import { AppError } from '../shared/errors.ts';
import { recordAudit } from './audit.ts';
import { nowIso, type ServiceContext } from './context.ts';
import { authorize, canReadUnitSupervision, canWriteFor, readsRegion, requireUser } from './policies.ts';
import { regionOf } from './supervision-settings.ts';
import { taskNumber } from '../domain/task-number.ts';

async function present(ctx: ServiceContext, rows: AlertRow[]): Promise<Alert[]> {
  const regions = new Map((await regionsRepo.list(ctx.db)).map((r) => [r.id, regionAbbr(r)]));
  const units = new Map((await unitsRepo.findByIds(ctx.db, [...new Set(rows.map((r) => r.unit_id))])).map((u) => [u.id, u.name]));
  const tasks = new Map((await plansRepo.tasksByIds(ctx.db, [...new Set(rows.map((r) => r.task_id).filter((x): x is string => !!x))])).map((t) => [t.id, t]));
  return rows.map((r) => {
    const t = r.task_id ? tasks.get(r.task_id) : undefined;
    return {
      id: r.id,
      kind: r.kind as Alert['kind'],
      number: documentNumber(regions.get(r.region_id) ?? '', r.kind === 'reminder' ? '提' : '警', r.year, r.seq),
      rule: r.rule as AlertRule,
      ruleLabel: ALERT_RULE_LABEL[r.rule as AlertRule] ?? r.rule,
      unitId: r.unit_id,
      unitName: units.get(r.unit_id) ?? '',
      taskId: r.task_id,
      taskNumber: t ? taskNumber(t.path_json) : null,
      taskText: t?.text ?? null,
      planId: r.plan_id,
      periodId: r.period_id,
      dueDate: r.due_date,
      title: r.title,
      detail: r.detail,
      ruleDate: r.rule_date,
      answeredAt: r.answered_at,
      answer: r.answer,
      escalatedAt: r.escalated_at,
      createdAt: r.created_at,
    };
  });
}

export async function listAlerts(ctx: ServiceContext, q: AlertQuery): Promise<{ items: Alert[]; total: number }> {
  const regionId = regionOf(ctx.actor, q.regionId);
  const a = ctx.actor;
  const unitId = readsRegion(a, regionId) ? q.unitId : a.kind === 'user' && a.role === 'liaison' && a.unitId ? a.unitId : null;
  if (unitId === null || (unitId && !canReadUnitSupervision(a, unitId, regionId))) throw new AppError('NOT_FOUND', '地区不存在或您无权查看');
  const { rows, total } = await supervisionRepo.listAlerts(ctx.db, { regionId, kind: q.kind, year: q.year, unitId, status: q.status, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: await present(ctx, rows), total };
}

/** A unit explains a warning (情况说明); it then no longer escalates. */
export async function answerAlert(ctx: ServiceContext, id: string, answer: string): Promise<Alert> {
  const u = requireUser(ctx.actor);
  const row = await supervisionRepo.findAlert(ctx.db, id);
  if (!row || !canReadUnitSupervision(u, row.unit_id, row.region_id)) throw new AppError('NOT_FOUND', '警示不存在或您无权查看');
  authorize(canWriteFor(u, row.unit_id, row.region_id), '答复此警示');
  if (row.kind !== 'warning') throw new AppError('VALIDATION', '提醒无需答复');
  await inTransaction(ctx.db, async (trx) => {
    if (!(await supervisionRepo.answerAlert(trx, id, { answered_at: nowIso(ctx), answer, answered_by: u.displayName }))) throw new AppError('CONFLICT', '该警示已答复');
    await recordAudit(trx, ctx, { action: 'alert.answer', entityType: 'alert', entityId: id, regionId: row.region_id, summary: `答复警示：${row.title}`, after: { answer } });
  });
  const [view] = await present(ctx, [(await supervisionRepo.findAlert(ctx.db, id))!]);
  return view!;
}
