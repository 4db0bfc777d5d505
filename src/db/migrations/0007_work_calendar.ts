import type { Kysely } from 'kysely';

/**
 * The working-day calendar: one row per announced year (国务院办公厅关于××年部分节假日安排的通知),
 * national rather than per region. The admin edits or imports a year; the rules that count working days
 * read it. A deleted year stays as a row with `deleted_at` set, so the shipped data is never seeded
 * back over the admin's decision and a version number is never reused.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    /** days off, JSON array of 'YYYY-MM-DD', ascending */
    .addColumn('holidays_json', 'text', (c) => c.notNull())
    /** 调休 make-up working days (Saturdays and Sundays), JSON array, ascending */
    .addColumn('workdays_json', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by_name', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calendar_years').execute();
}
