import type { Executor } from '../client.ts';
import type { UnitGroupRow, UnitRow } from '../schema.ts';

export const groupsRepo = {
  async list(db: Executor, regionId: string): Promise<UnitGroupRow[]> {
    return db.selectFrom('unit_groups').selectAll().where('region_id', '=', regionId).orderBy('name').execute();
  },
  async findById(db: Executor, id: string): Promise<UnitGroupRow | undefined> {
    return db.selectFrom('unit_groups').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async findByName(db: Executor, regionId: string, name: string): Promise<UnitGroupRow | undefined> {
    return db.selectFrom('unit_groups').selectAll().where('region_id', '=', regionId).where('name', '=', name).executeTakeFirst();
  },
  async insert(db: Executor, row: UnitGroupRow): Promise<void> {
    await db.insertInto('unit_groups').values(row).execute();
  },
  async updateVersioned(db: Executor, id: string, version: number, patch: Partial<UnitGroupRow>): Promise<boolean> {
    const r = await db.updateTable('unit_groups').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async delete(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('unit_groups').where('id', '=', id).execute();
  },
  async memberIds(db: Executor, groupId: string): Promise<string[]> {
    const rows = await db.selectFrom('unit_group_members').select('unit_id').where('group_id', '=', groupId).execute();
    return rows.map((r) => r.unit_id);
  },
  async memberCounts(db: Executor, groupIds: string[]): Promise<Map<string, number>> {
    if (!groupIds.length) return new Map();
    const rows = await db
      .selectFrom('unit_group_members')
      .select(['group_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('group_id', 'in', groupIds)
      .groupBy('group_id')
      .execute();
    return new Map(rows.map((r) => [r.group_id, Number(r.n)]));
  },
  async setMembers(db: Executor, groupId: string, unitIds: string[]): Promise<void> {
    await db.deleteFrom('unit_group_members').where('group_id', '=', groupId).execute();
    if (unitIds.length) await db.insertInto('unit_group_members').values(unitIds.map((unit_id) => ({ group_id: groupId, unit_id }))).execute();
  },
  /** Moves memberships of a merged unit to the surviving unit, without duplicating. */
  async moveMemberships(db: Executor, fromUnitId: string, toUnitId: string): Promise<void> {
    const rows = await db.selectFrom('unit_group_members').select('group_id').where('unit_id', '=', fromUnitId).execute();
    for (const { group_id } of rows) {
      const exists = await db.selectFrom('unit_group_members').select('group_id').where('group_id', '=', group_id).where('unit_id', '=', toUnitId).executeTakeFirst();
      if (!exists) await db.insertInto('unit_group_members').values({ group_id, unit_id: toUnitId }).execute();
    }
    await db.deleteFrom('unit_group_members').where('unit_id', '=', fromUnitId).execute();
  },
  async activeUnitsOfKinds(db: Executor, regionId: string, kinds: string[]): Promise<UnitRow[]> {
    if (!kinds.length) return [];
    return db.selectFrom('units').selectAll().where('region_id', '=', regionId).where('active', '=', 1).where('kind', 'in', kinds).orderBy('sort_order').orderBy('name').execute();
  },
};
