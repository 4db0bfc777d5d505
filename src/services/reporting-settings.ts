import { inTransaction } from '../db/client.ts';
import { plansRepo } from '../db/repositories/plans.ts';
import { periodsRepo } from '../db/repositories/reports.ts';
import type { PlanRow } from '../db/schema.ts';
import { FREQUENCY_LABEL, type Frequency } from '../domain/periods.ts';
import { ReportingSettingsRequest as Schema, type ReportingSettingsRequest, type ReportingView } from '../shared/api/plans.ts';
import { AppError, STALE } from '../shared/errors.ts';
import { recordAudit } from './audit.ts';
import { nowIso, type ServiceContext } from './context.ts';
import { ensurePeriods } from './periods.ts';
import { authorize, canManageDirectory, canReadDirectory } from './policies.ts';
import { parseInput } from './validate.ts';

async function view(ctx: ServiceContext, p: PlanRow): Promise<ReportingView> {
  const periods = await periodsRepo.ofPlan(ctx.db, p.id);
  return {
    frequency: p.report_frequency as Frequency,
    dueOffsetDays: p.report_due_offset,
    lagMargin: p.lag_margin,
    version: p.version,
    periods: periods.map((x) => ({ id: x.id, key: x.key, label: x.label, start: x.start_date, end: x.end_date, due: x.due, closed: x.closed === 1 })),
  };
}

export async function getReporting(ctx: ServiceContext, planId: string): Promise<ReportingView> {
  const p = await plansRepo.findById(ctx.db, planId);
  if (!p || !canReadDirectory(ctx.actor, p.region_id)) throw new AppError('NOT_FOUND', '方案不存在或您无权查看');
  return view(ctx, p);
}

/**
 * Changes how a plan is reported on: monthly, quarterly, half-yearly or yearly, how many days after a
 * period its reports are due, and the 序时进度 margin. The frequency can change only before any report
 * exists (reports belong to periods); the due offset and the margin can change at any time, the due
 * dates of existing periods moving with the offset.
 */
export async function setReporting(ctx: ServiceContext, planId: string, raw: ReportingSettingsRequest): Promise<ReportingView> {
  const req = parseInput(Schema, raw);
  return inTransaction(ctx.db, async (trx) => {
    const p = await plansRepo.findById(trx, planId);
    if (!p || !canReadDirectory(ctx.actor, p.region_id)) throw new AppError('NOT_FOUND', '方案不存在或您无权查看');
    authorize(canManageDirectory(ctx.actor, p.region_id), '调整报送设置');
    if (p.version !== req.version) throw new AppError('CONFLICT', '方案已被他人修改，请刷新后再改', STALE);
    const reports = await periodsRepo.countReportsOfPlan(trx, planId);
    if (req.frequency !== p.report_frequency && reports > 0) {
      throw new AppError('CONFLICT', `已有 ${reports} 份报送按「${FREQUENCY_LABEL[p.report_frequency as Frequency]}」填报，不能再改变报送周期`, [{ field: 'frequency', message: '已有报送，不能修改' }]);
    }
    const before = { frequency: p.report_frequency, dueOffsetDays: p.report_due_offset, lagMargin: p.lag_margin };
    await plansRepo.update(trx, planId, { report_frequency: req.frequency, report_due_offset: req.dueOffsetDays, lag_margin: req.lagMargin, version: p.version + 1, updated_at: nowIso(ctx) });
    const updated = (await plansRepo.findById(trx, planId))!;
    if (req.frequency !== p.report_frequency || req.dueOffsetDays !== p.report_due_offset) {
      if (reports === 0) await periodsRepo.deleteOfPlan(trx, planId);
      else await periodsRepo.shiftDue(trx, planId, req.dueOffsetDays);
      await ensurePeriods(trx, updated);
    }
    await recordAudit(trx, ctx, {
      action: 'plan.reporting',
      entityType: 'plan',
      entityId: planId,
      regionId: p.region_id,
      summary: `报送设置改为${FREQUENCY_LABEL[req.frequency]}，期满后 ${req.dueOffsetDays} 日内报送，滞后容差 ${req.lagMargin} 个百分点`,
      before,
      after: { frequency: req.frequency, dueOffsetDays: req.dueOffsetDays, lagMargin: req.lagMargin },
    });
    return view({ ...ctx, db: trx as ServiceContext['db'] }, updated);
  });
}
