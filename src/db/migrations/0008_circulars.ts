import { sql, type Kysely } from 'kysely';

/**
 * Circulars (通报): for a plan and one of its reporting periods the office generates a draft from the
 * records (who reported on time, late, not at all, who was returned, whose tasks trail 序时进度), edits
 * its paragraphs and issues it. The number (息法通〔2026〕2号) is taken at issue time, per region and
 * year; drafts have none, so the unique index only binds issued rows (NULLs never collide on either
 * database). A period has at most one draft at a time. The body is JSON text: the editable paragraphs beside the facts they were written from.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('circulars')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('period_id', 'text', (c) => c.notNull().references('reporting_periods.id'))
    .addColumn('year', 'integer')
    .addColumn('seq', 'integer')
    .addColumn('number', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body_json', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull()) // draft | issued
    .addColumn('issued_at', 'text')
    .addColumn('issuer_id', 'text', (c) => c.references('users.id'))
    .addColumn('issuer_name', 'text')
    .addColumn('issuer_org', 'text', (c) => c.notNull())
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('circulars_number').unique().on('circulars').columns(['region_id', 'year', 'seq']).execute();
  await db.schema.createIndex('circulars_region').on('circulars').columns(['region_id', 'state']).execute();
  await db.schema.createIndex('circulars_period').on('circulars').columns(['plan_id', 'period_id']).execute();
  // one draft of a period at a time (a partial index: both databases have them)
  await db.schema.createIndex('circulars_one_draft').unique().on('circulars').columns(['plan_id', 'period_id']).where(sql.ref('state'), '=', 'draft').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('circulars').execute();
}
