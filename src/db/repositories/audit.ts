import type { Executor } from '../client.ts';
import type { AuditRow } from '../schema.ts';

export interface AuditFilter {
  regionIds?: string[];
  actorId?: string;
  entityType?: string;
  entityId?: string;
  /** ISO timestamps, inclusive from, exclusive to */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export const auditRepo = {
  async insert(db: Executor, row: AuditRow): Promise<void> {
    await db.insertInto('audit_log').values(row).execute();
  },
  async search(db: Executor, f: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
    let q = db.selectFrom('audit_log');
    if (f.regionIds) {
      if (!f.regionIds.length) return { rows: [], total: 0 };
      q = q.where('region_id', 'in', f.regionIds);
    }
    if (f.actorId) q = q.where('actor_id', '=', f.actorId);
    if (f.entityType) q = q.where('entity_type', '=', f.entityType);
    if (f.entityId) q = q.where('entity_id', '=', f.entityId);
    if (f.from) q = q.where('created_at', '>=', f.from);
    if (f.to) q = q.where('created_at', '<', f.to);
    const [rows, total] = await Promise.all([
      q.selectAll().orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(total.n) };
  },
};
