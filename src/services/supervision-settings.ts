import type { Executor } from '../db/client.ts';
import { inTransaction } from '../db/client.ts';
import { supervisionRepo } from '../db/repositories/supervision.ts';
import type { SupervisionSettingsRow } from '../db/schema.ts';
import { DEFAULT_SUPERVISION_RULES, normalizeRemindDays, type SupervisionRules } from '../domain/supervision.ts';
import type { SupervisionSettings, UpdateSupervisionSettingsRequest } from '../shared/api/supervision.ts';
import { AppError, STALE } from '../shared/errors.ts';
import { recordAudit } from './audit.ts';
import { nowIso, type Actor, type ServiceContext } from './context.ts';
import { authorize, officeOf, readsRegion } from './policies.ts';

const toRules = (r: SupervisionSettingsRow | undefined): SupervisionRules =>
  r
    ? { remindDays: JSON.parse(r.remind_days_json) as number[], warnOverdueReports: r.warn_overdue_reports === 1, warnBehindTasks: r.warn_behind_tasks === 1, escalateAfterDays: r.escalate_after_days }
    : DEFAULT_SUPERVISION_RULES;

/** A region's rules: what it saved, else the defaults (7/3/1 days, warnings on, escalate after 3 working days). */
export async function getRules(db: Executor, regionId: string): Promise<SupervisionRules> {
  return toRules(await supervisionRepo.settings(db, regionId));
}

/** The region a request is about: the one it names, else the actor's current region. */
export function regionOf(a: Actor, regionId: string | undefined): string {
  const id = regionId ?? (a.kind === 'user' ? a.currentRegionId : null);
  if (!id) throw new AppError('VALIDATION', '请选择地区', [{ field: 'regionId', message: '请选择地区' }]);
  return id;
}

export async function getSupervisionSettings(ctx: ServiceContext, regionIdIn?: string): Promise<SupervisionSettings> {
  const regionId = regionOf(ctx.actor, regionIdIn);
  if (!readsRegion(ctx.actor, regionId)) throw new AppError('NOT_FOUND', '地区不存在或您无权查看');
  const row = await supervisionRepo.settings(ctx.db, regionId);
  return { regionId, ...toRules(row), version: row?.version ?? 0, saved: !!row };
}

export async function updateSupervisionSettings(ctx: ServiceContext, regionIdIn: string | undefined, req: UpdateSupervisionSettingsRequest): Promise<SupervisionSettings> {
  const regionId = regionOf(ctx.actor, regionIdIn);
  if (!readsRegion(ctx.actor, regionId)) throw new AppError('NOT_FOUND', '地区不存在或您无权查看');
  authorize(officeOf(ctx.actor, regionId), '修改督办规则');
  const remindDays = normalizeRemindDays(req.remindDays);
  await inTransaction(ctx.db, async (trx) => {
    const before = await supervisionRepo.settings(trx, regionId);
    const patch = {
      remind_days_json: JSON.stringify(remindDays),
      warn_overdue_reports: req.warnOverdueReports ? 1 : 0,
      warn_behind_tasks: req.warnBehindTasks ? 1 : 0,
      escalate_after_days: req.escalateAfterDays,
      updated_at: nowIso(ctx),
    };
    if (!before) {
      if (req.version) throw new AppError('CONFLICT', '督办规则已被他人修改，请刷新后再改', STALE);
      await supervisionRepo.insertSettings(trx, { region_id: regionId, version: 1, ...patch });
    } else if (req.version === undefined || !(await supervisionRepo.updateSettings(trx, regionId, req.version, patch))) {
      throw new AppError('CONFLICT', '督办规则已被他人修改，请刷新后再改', STALE);
    }
    await recordAudit(trx, ctx, { action: 'supervision.settings', entityType: 'region', entityId: regionId, regionId, summary: `修改督办规则：提前 ${remindDays.join('、')} 天提醒，${req.escalateAfterDays} 个工作日未处理升级`, before: toRules(before), after: { remindDays, warnOverdueReports: req.warnOverdueReports, warnBehindTasks: req.warnBehindTasks, escalateAfterDays: req.escalateAfterDays } });
  });
  return getSupervisionSettings(ctx, regionId);
}
