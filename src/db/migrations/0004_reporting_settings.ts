import type { Kysely } from 'kysely';

/** The lag margin of 序时进度 (percentage points before a task counts as 滞后), per plan. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('plans').addColumn('lag_margin', 'integer', (c) => c.notNull().defaultTo(15)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('plans').dropColumn('lag_margin').execute();
}
