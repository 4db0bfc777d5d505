import type { Kysely } from 'kysely';

/**
 * Implementation tracking: each plan's reporting periods, the progress reports (one per task × unit
 * × period) with their event history, and evidence files stored by content hash.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('plans').addColumn('report_frequency', 'text', (c) => c.notNull().defaultTo('quarterly')).execute();
  await db.schema.alterTable('plans').addColumn('report_due_offset', 'integer', (c) => c.notNull().defaultTo(10)).execute();

  await db.schema
    .createTable('reporting_periods')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('closed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('reporting_periods_plan_key').unique().on('reporting_periods').columns(['plan_id', 'key']).execute();

  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('period_id', 'text', (c) => c.notNull().references('reporting_periods.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('completion', 'text')
    .addColumn('percent', 'integer')
    .addColumn('narrative', 'text', (c) => c.notNull())
    .addColumn('target_values_json', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reports_task_unit_period').unique().on('reports').columns(['task_id', 'unit_id', 'period_id']).execute();
  await db.schema.createIndex('reports_unit_period').on('reports').columns(['unit_id', 'period_id']).execute();
  await db.schema.createIndex('reports_region_state').on('reports').columns(['region_id', 'state']).execute();

  await db.schema
    .createTable('report_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
    .addColumn('region_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('snapshot_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('report_events_report').on('report_events').column('report_id').execute();

  // one row per distinct content; the bytes live in the blob store under their sha256
  await db.schema
    .createTable('blobs')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // an uploaded file as a unit handed it in (name, who, when); reports point at uploads
  await db.schema
    .createTable('uploads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('report_files')
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
    .addColumn('upload_id', 'text', (c) => c.notNull().references('uploads.id'))
    .addColumn('region_id', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_files_pk', ['report_id', 'upload_id'])
    .execute();
  await db.schema.createIndex('report_files_upload').on('report_files').column('upload_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['report_files', 'uploads', 'blobs', 'report_events', 'reports', 'reporting_periods']) await db.schema.dropTable(t).execute();
  await db.schema.alterTable('plans').dropColumn('report_due_offset').execute();
  await db.schema.alterTable('plans').dropColumn('report_frequency').execute();
}
