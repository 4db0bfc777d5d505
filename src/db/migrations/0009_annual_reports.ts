import { type Kysely } from 'kysely';

/**
 * Annual reports (法治政府建设年度报告). One report per region, scope (a unit's id, or 'region' for the
 * region's own report) and year; its body is JSON text (blocks with the records they came from). Every
 * saved text is kept as a numbered version; workflow steps and comments have their own rows. Publishing
 * writes a frozen public copy (annual_publications, numbered per report: a correction adds one, the old
 * stays) and its search terms: the text segmented by jieba into words, one row per (word, copy) — an
 * inverted index that is the same plain table and the same SQL on SQLite and PostgreSQL.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('annual_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('scope_key', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('body_json', 'text', (c) => c.notNull())
    .addColumn('facts_json', 'text', (c) => c.notNull())
    .addColumn('recipients_json', 'text', (c) => c.notNull())
    .addColumn('submit_due', 'text', (c) => c.notNull())
    .addColumn('publish_due', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by_name', 'text')
    .addColumn('published_at', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('annual_reports_scope').unique().on('annual_reports').columns(['region_id', 'scope_key', 'year']).execute();
  await db.schema.createIndex('annual_reports_region_year').on('annual_reports').columns(['region_id', 'year', 'state']).execute();

  await db.schema
    .createTable('annual_report_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('annual_reports.id'))
    .addColumn('region_id', 'text', (c) => c.notNull())
    .addColumn('no', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('annual_report_versions_no').unique().on('annual_report_versions').columns(['report_id', 'no']).execute();

  await db.schema
    .createTable('annual_report_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('annual_reports.id'))
    .addColumn('region_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text')
    .addColumn('note', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('annual_report_events_report').on('annual_report_events').columns(['report_id', 'id']).execute();

  await db.schema
    .createTable('annual_report_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('annual_reports.id'))
    .addColumn('region_id', 'text', (c) => c.notNull())
    .addColumn('block_id', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('users.id'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('annual_report_comments_report').on('annual_report_comments').columns(['report_id', 'id']).execute();

  await db.schema
    .createTable('annual_publications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('annual_reports.id'))
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('unit_id', 'text')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('no', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('region_name', 'text', (c) => c.notNull())
    .addColumn('unit_name', 'text')
    .addColumn('body_json', 'text', (c) => c.notNull())
    .addColumn('plain_text', 'text', (c) => c.notNull())
    .addColumn('correction_note', 'text')
    .addColumn('published_by_name', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('superseded_at', 'text')
    .execute();
  await db.schema.createIndex('annual_publications_no').unique().on('annual_publications').columns(['report_id', 'no']).execute();
  await db.schema.createIndex('annual_publications_region').on('annual_publications').columns(['region_id', 'year']).execute();
  await db.schema.createIndex('annual_publications_published').on('annual_publications').columns(['published_at']).execute();

  await db.schema
    .createTable('annual_search_terms')
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('publication_id', 'text', (c) => c.notNull().references('annual_publications.id'))
    .addColumn('region_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('tf', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('annual_search_terms_pk', ['term', 'publication_id'])
    .execute();
  await db.schema.createIndex('annual_search_terms_pub').on('annual_search_terms').columns(['publication_id']).execute();

  await db.schema
    .createTable('annual_settings')
    .addColumn('region_id', 'text', (c) => c.primaryKey().references('regions.id'))
    .addColumn('submit_due', 'text', (c) => c.notNull())
    .addColumn('publish_due', 'text', (c) => c.notNull())
    .addColumn('remind_days_json', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['annual_settings', 'annual_search_terms', 'annual_publications', 'annual_report_comments', 'annual_report_events', 'annual_report_versions', 'annual_reports']) await db.schema.dropTable(t).execute();
}
