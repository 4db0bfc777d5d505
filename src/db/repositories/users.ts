import type { Executor } from '../client.ts';
import type { UserRow } from '../schema.ts';
import { containsText } from '../dialect/text.ts';

export interface UserFilter {
  regionIds?: string[];
  unitId?: string;
  role?: string;
  q?: string;
}

export const usersRepo = {
  async findById(db: Executor, id: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async findByUsername(db: Executor, username: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  },
  async list(db: Executor, f: UserFilter): Promise<UserRow[]> {
    let q = db.selectFrom('users').selectAll('users');
    if (f.regionIds) {
      const ids = f.regionIds;
      if (!ids.length) return [];
      q = q.where((eb) => eb.or([eb('users.region_id', 'in', ids), eb.exists(eb.selectFrom('user_regions').select('user_regions.user_id').whereRef('user_regions.user_id', '=', 'users.id').where('user_regions.region_id', 'in', ids))]));
    }
    if (f.unitId) q = q.where('users.unit_id', '=', f.unitId);
    if (f.role) q = q.where('users.role', '=', f.role);
    if (f.q) {
      const n = f.q;
      q = q.where((eb) => eb.or([containsText('users.username', n), containsText('users.display_name', n)]));
    }
    return q.orderBy('users.username').execute();
  },
  async insert(db: Executor, row: UserRow): Promise<void> {
    await db.insertInto('users').values(row).execute();
  },
  async update(db: Executor, id: string, patch: Partial<UserRow>): Promise<void> {
    await db.updateTable('users').set(patch).where('id', '=', id).execute();
  },
  async updateVersioned(db: Executor, id: string, version: number, patch: Partial<UserRow>): Promise<boolean> {
    const r = await db.updateTable('users').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async moveUnit(db: Executor, fromUnitId: string, toUnitId: string): Promise<void> {
    await db.updateTable('users').set({ unit_id: toUnitId }).where('unit_id', '=', fromUnitId).execute();
  },
  async regionIdsOf(db: Executor, userId: string): Promise<string[]> {
    const rows = await db.selectFrom('user_regions').select('region_id').where('user_id', '=', userId).execute();
    return rows.map((r) => r.region_id);
  },
  async setRegions(db: Executor, userId: string, regionIds: string[]): Promise<void> {
    await db.deleteFrom('user_regions').where('user_id', '=', userId).execute();
    const unique = [...new Set(regionIds)];
    if (unique.length) await db.insertInto('user_regions').values(unique.map((region_id) => ({ user_id: userId, region_id }))).execute();
  },
  async count(db: Executor): Promise<number> {
    const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  },
};
