import type { Executor } from '../client.ts';
import { containsText } from '../dialect/text.ts';
import type { NewUnit, UnitAliasRow, UnitRow, UnitUpdate } from '../schema.ts';

export interface UnitFilter {
  regionId: string;
  q?: string;
  kind?: string;
  active?: boolean;
}


export const unitsRepo = {
  async list(db: Executor, f: UnitFilter): Promise<UnitRow[]> {
    let q = db.selectFrom('units').selectAll('units').where('units.region_id', '=', f.regionId);
    if (f.kind) q = q.where('units.kind', '=', f.kind);
    if (f.active !== undefined) q = q.where('units.active', '=', f.active ? 1 : 0);
    if (f.q) {
      const needle = f.q;
      q = q.where((eb) =>
        eb.or([
          containsText('units.name', needle),
          containsText('units.short_name', needle),
          eb.exists(
            eb.selectFrom('unit_aliases').select('unit_aliases.id').whereRef('unit_aliases.unit_id', '=', 'units.id').where(containsText('unit_aliases.alias', needle)),
          ),
        ]),
      );
    }
    return q.orderBy('units.sort_order').orderBy('units.name').execute();
  },
  async findById(db: Executor, id: string): Promise<UnitRow | undefined> {
    return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async findByIds(db: Executor, ids: string[]): Promise<UnitRow[]> {
    if (!ids.length) return [];
    return db.selectFrom('units').selectAll().where('id', 'in', ids).execute();
  },
  async findByName(db: Executor, regionId: string, name: string): Promise<UnitRow | undefined> {
    return db.selectFrom('units').selectAll().where('region_id', '=', regionId).where('name', '=', name).executeTakeFirst();
  },
  async insert(db: Executor, row: NewUnit): Promise<void> {
    await db.insertInto('units').values(row).execute();
  },
  /** Optimistic update: returns false when the row's version moved on (someone else saved first). */
  async updateVersioned(db: Executor, id: string, version: number, patch: UnitUpdate): Promise<boolean> {
    const r = await db
      .updateTable('units')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async countByRegion(db: Executor, regionId: string): Promise<number> {
    const r = await db.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('n')).where('region_id', '=', regionId).executeTakeFirstOrThrow();
    return Number(r.n);
  },
  async reparentChildren(db: Executor, fromId: string, toId: string): Promise<void> {
    await db.updateTable('units').set({ parent_id: toId }).where('parent_id', '=', fromId).execute();
  },

  // aliases
  async aliasesOf(db: Executor, unitIds: string[]): Promise<UnitAliasRow[]> {
    if (!unitIds.length) return [];
    return db.selectFrom('unit_aliases').selectAll().where('unit_id', 'in', unitIds).orderBy('alias').execute();
  },
  async aliasesInRegion(db: Executor, regionId: string): Promise<UnitAliasRow[]> {
    return db.selectFrom('unit_aliases').selectAll().where('region_id', '=', regionId).execute();
  },
  async findAlias(db: Executor, regionId: string, alias: string): Promise<UnitAliasRow | undefined> {
    return db.selectFrom('unit_aliases').selectAll().where('region_id', '=', regionId).where('alias', '=', alias).executeTakeFirst();
  },
  async findAliasById(db: Executor, id: string): Promise<UnitAliasRow | undefined> {
    return db.selectFrom('unit_aliases').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async insertAlias(db: Executor, row: UnitAliasRow): Promise<void> {
    await db.insertInto('unit_aliases').values(row).execute();
  },
  async deleteAlias(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('unit_aliases').where('id', '=', id).execute();
  },
  async moveAliases(db: Executor, fromUnitId: string, toUnitId: string): Promise<number> {
    const r = await db.updateTable('unit_aliases').set({ unit_id: toUnitId }).where('unit_id', '=', fromUnitId).executeTakeFirst();
    return Number(r.numUpdatedRows);
  },
};
