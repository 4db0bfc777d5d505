import type { Executor } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { auditRepo } from '../db/repositories/audit.ts';
import { nowIso, type ServiceContext } from './context.ts';
import { AppError } from '../shared/errors.ts';
import { authorizeRead, canReadAudit, visibleRegionIds } from './policies.ts';
import type { AuditEntry, AuditQuery } from '../shared/api/audit.ts';

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string | null;
  regionId: string | null;
  summary?: string;
  before?: unknown;
  after?: unknown;
}

/** Records one write, in the caller's transaction, so the change and its record commit together. */
export async function recordAudit(trx: Executor, ctx: ServiceContext, e: AuditInput): Promise<void> {
  const a = ctx.actor;
  await auditRepo.insert(trx, {
    id: newId(ctx.clock.now().getTime()),
    region_id: e.regionId,
    actor_id: a.kind === 'user' ? a.userId : null,
    actor_name: a.kind === 'user' ? `${a.displayName}（${a.username}）` : a.kind === 'system' ? a.name : '公众',
    action: e.action,
    entity_type: e.entityType,
    entity_id: e.entityId,
    summary: e.summary ?? null,
    before_json: e.before === undefined ? null : JSON.stringify(e.before),
    after_json: e.after === undefined ? null : JSON.stringify(e.after),
    ip: ctx.ip ?? null,
    request_id: ctx.requestId ?? null,
    created_at: nowIso(ctx),
  });
}

export async function searchAudit(ctx: ServiceContext, q: AuditQuery): Promise<{ items: AuditEntry[]; total: number }> {
  if (q.regionId) authorizeRead(canReadAudit(ctx.actor, q.regionId), '该地区的审计日志');
  else if (visibleRegionIds(ctx.actor) !== null) throw new AppError('VALIDATION', '请选择地区', [{ field: 'regionId', message: '必须指定地区' }]);
  if (!q.regionId && !canReadAudit(ctx.actor, null)) authorizeRead(false, '审计日志');
  const { rows, total } = await auditRepo.search(ctx.db, {
    regionIds: q.regionId ? [q.regionId] : undefined,
    actorId: q.actorId,
    entityType: q.entityType,
    entityId: q.entityId,
    from: q.from ? new Date(`${q.from}T00:00:00+08:00`).toISOString() : undefined,
    to: q.to ? nextDayStart(q.to) : undefined,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      regionId: r.region_id,
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      summary: r.summary,
      before: r.before_json ? JSON.parse(r.before_json) : null,
      after: r.after_json ? JSON.parse(r.after_json) : null,
      ip: r.ip,
      requestId: r.request_id,
      createdAt: r.created_at,
    })),
  };
}

/** The UTC instant at which the day after `date` (Asia/Shanghai) begins. */
function nextDayStart(date: string): string {
  const d = new Date(`${date}T00:00:00+08:00`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}
