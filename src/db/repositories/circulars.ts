import type { Executor } from '../client.ts';
import type { CircularRow } from '../schema.ts';

export interface CircularFilter {
  regionId: string;
  planId?: string;
  state?: string;
  year?: number;
  limit: number;
  offset: number;
}

export const circularsRepo = {
  async insert(db: Executor, row: CircularRow): Promise<void> {
    await db.insertInto('circulars').values(row).execute();
  },
  async findById(db: Executor, id: string): Promise<CircularRow | undefined> {
    return db.selectFrom('circulars').selectAll().where('id', '=', id).executeTakeFirst();
  },
  /** The draft of a plan's period, if one is being written. */
  async draftOf(db: Executor, planId: string, periodId: string): Promise<CircularRow | undefined> {
    return db.selectFrom('circulars').selectAll().where('plan_id', '=', planId).where('period_id', '=', periodId).where('state', '=', 'draft').executeTakeFirst();
  },
  /** Drafts first, then issued ones; newest first within each. */
  async list(db: Executor, f: CircularFilter): Promise<{ rows: CircularRow[]; total: number }> {
    let q = db.selectFrom('circulars').where('region_id', '=', f.regionId);
    if (f.planId) q = q.where('plan_id', '=', f.planId);
    if (f.state) q = q.where('state', '=', f.state);
    if (f.year) q = q.where('year', '=', f.year);
    const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
    const rows = await q.selectAll().orderBy('state').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
    return { rows, total };
  },
  async nextSeq(db: Executor, regionId: string, year: number): Promise<number> {
    const r = await db.selectFrom('circulars').select((eb) => eb.fn.max<number>('seq').as('m')).where('region_id', '=', regionId).where('year', '=', year).executeTakeFirst();
    return Number(r?.m ?? 0) + 1;
  },
  /** Optimistic update of a draft; false when the version moved on or it is no longer a draft. */
  async updateDraft(db: Executor, id: string, version: number, patch: Partial<CircularRow>): Promise<boolean> {
    const r = await db.updateTable('circulars').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).where('state', '=', 'draft').executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async deleteDraft(db: Executor, id: string, version: number): Promise<boolean> {
    const r = await db.deleteFrom('circulars').where('id', '=', id).where('version', '=', version).where('state', '=', 'draft').executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  },

  /** The submit and return events of the given reports, oldest first (when each was submitted, whether it was returned). */
  async reviewEventsOf(db: Executor, reportIds: string[]): Promise<{ report_id: string; action: string; created_at: string }[]> {
    const out: { report_id: string; action: string; created_at: string }[] = [];
    for (let i = 0; i < reportIds.length; i += 500) {
      out.push(
        ...(await db
          .selectFrom('report_events')
          .select(['report_id', 'action', 'created_at'])
          .where('report_id', 'in', reportIds.slice(i, i + 500))
          .where('action', 'in', ['submit', 'return'])
          .orderBy('id')
          .execute()),
      );
    }
    return out;
  },
};
