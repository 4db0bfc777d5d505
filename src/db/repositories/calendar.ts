import type { Executor } from '../client.ts';
import type { CalendarYearRow } from '../schema.ts';

/** A plan's period, for the years the calendar must cover. */
export interface PlanPeriodRow {
  id: string;
  region_id: string;
  title: string;
  period_start: number | null;
  period_end: number | null;
}

export const calendarRepo = {
  /** The years in force (not deleted), ascending. */
  async years(db: Executor): Promise<CalendarYearRow[]> {
    return db.selectFrom('calendar_years').selectAll().where('deleted_at', 'is', null).orderBy('year').execute();
  },
  /** One year's row, deleted or not (the caller decides what a deleted row means). */
  async find(db: Executor, year: number): Promise<CalendarYearRow | undefined> {
    return db.selectFrom('calendar_years').selectAll().where('year', '=', year).executeTakeFirst();
  },
  /** Every year that has a row, deleted ones included: a year listed here is never seeded again. */
  async knownYears(db: Executor): Promise<number[]> {
    return (await db.selectFrom('calendar_years').select('year').execute()).map((r) => Number(r.year));
  },
  /**
   * Inserts the row unless the year already has one (in force or deleted). True when inserted.
   * Two servers seeding at once: one inserts, the other's insert does nothing.
   */
  async insertIfAbsent(db: Executor, row: CalendarYearRow): Promise<boolean> {
    const r = await db.insertInto('calendar_years').values(row).onConflict((oc) => oc.column('year').doNothing()).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  },
  /** Updates a year in force at the given version; false when it changed meanwhile (or was deleted). */
  async update(db: Executor, year: number, version: number, patch: Pick<CalendarYearRow, 'holidays_json' | 'workdays_json' | 'source' | 'updated_at' | 'updated_by_name'>): Promise<boolean> {
    const r = await db
      .updateTable('calendar_years')
      .set({ ...patch, version: version + 1 })
      .where('year', '=', year)
      .where('version', '=', version)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  /** Brings a deleted year back with new content, at the deleted row's version; false when someone else did first. */
  async revive(db: Executor, year: number, version: number, patch: Pick<CalendarYearRow, 'holidays_json' | 'workdays_json' | 'source' | 'updated_at' | 'updated_by_name'>): Promise<boolean> {
    const r = await db
      .updateTable('calendar_years')
      .set({ ...patch, deleted_at: null, version: version + 1 })
      .where('year', '=', year)
      .where('version', '=', version)
      .where('deleted_at', 'is not', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async markDeleted(db: Executor, year: number, version: number, at: string, byName: string): Promise<boolean> {
    const r = await db
      .updateTable('calendar_years')
      .set({ deleted_at: at, updated_at: at, updated_by_name: byName, version: version + 1 })
      .where('year', '=', year)
      .where('version', '=', version)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  /** The periods of the plans of some regions (null: all regions), to know which years they need. */
  async planPeriods(db: Executor, regionIds: string[] | null): Promise<PlanPeriodRow[]> {
    if (regionIds && !regionIds.length) return [];
    let q = db.selectFrom('plans').select(['id', 'region_id', 'title', 'period_start', 'period_end']);
    if (regionIds) q = q.where('region_id', 'in', regionIds);
    return q.orderBy('region_id').orderBy('id').execute();
  },
};
