import type { Kysely } from 'kysely';

/**
 * 量化指标: the actual values of a target entered by the office, per period, each with its source (e.g.
 * 「县统计局2024年统计公报」). A value is never overwritten: a correction is a new row that points at the
 * one it replaces, and the replaced row is marked superseded, so the history stays. Values from progress
 * reports stay in the reports; the series merges both. Targets the office adds beyond those the parser
 * found are ordinary task_targets rows, recorded in office_targets (who added them, when).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('metric_values')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    // no foreign key: a plan's new version replaces its task_targets rows, and the values stay as recorded
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('period_label', 'text', (c) => c.notNull())
    .addColumn('period_date', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('entered_by', 'text')
    .addColumn('entered_by_name', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('supersedes_id', 'text')
    .addColumn('superseded_by_id', 'text')
    .addColumn('superseded_at', 'text')
    .addColumn('correction_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('metric_values_target').on('metric_values').columns(['target_id', 'period_date']).execute();
  await db.schema.createIndex('metric_values_region').on('metric_values').column('region_id').execute();

  await db.schema
    .createTable('office_targets')
    .addColumn('target_id', 'text', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('created_by', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('office_targets_region').on('office_targets').column('region_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('office_targets').execute();
  await db.schema.dropTable('metric_values').execute();
}
