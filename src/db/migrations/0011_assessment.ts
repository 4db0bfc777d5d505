import type { Kysely } from 'kysely';

/**
 * 考核: indicator frameworks (a weighted tree per region and year, each leaf with its scoring rule as
 * data), assessment campaigns (a year, a framework, the units assessed), each unit's per-indicator
 * scores (self-assessment, the assessor's score, the computed trace), and the results frozen when the
 * office approves them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('assessment_frameworks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('total_points', 'real', (c) => c.notNull())
    .addColumn('source_plan_id', 'text', (c) => c.references('plans.id'))
    .addColumn('copied_from_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assessment_frameworks_name').unique().on('assessment_frameworks').columns(['region_id', 'year', 'name']).execute();

  await db.schema
    .createTable('assessment_indicators')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('framework_id', 'text', (c) => c.notNull().references('assessment_frameworks.id'))
    .addColumn('region_id', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('points', 'real', (c) => c.notNull())
    /** leaves: the scoring rule as JSON (domain/assessment.ts ScoringRule) */
    .addColumn('rule_json', 'text')
    /** 评分标准 */
    .addColumn('criteria', 'text')
    /** 佐证材料 required */
    .addColumn('evidence', 'text')
    .addColumn('task_ids_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assessment_indicators_framework').on('assessment_indicators').columns(['framework_id', 'sort_order']).execute();

  await db.schema
    .createTable('assessment_campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('framework_id', 'text', (c) => c.notNull().references('assessment_frameworks.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    /** self_assess | review | approved | published */
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('unit_ids_json', 'text', (c) => c.notNull())
    .addColumn('assessor_ids_json', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text')
    .addColumn('approved_by_name', 'text')
    .addColumn('published_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('assessment_scores')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('assessment_campaigns.id'))
    .addColumn('region_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('assessment_indicators.id'))
    .addColumn('self_score', 'real')
    .addColumn('self_note', 'text')
    .addColumn('self_upload_ids_json', 'text', (c) => c.notNull())
    .addColumn('review_score', 'real')
    .addColumn('review_note', 'text')
    .addColumn('reviewer_name', 'text')
    .addColumn('dispute', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assessment_scores_key').unique().on('assessment_scores').columns(['campaign_id', 'unit_id', 'indicator_id']).execute();

  await db.schema
    .createTable('assessment_results')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('assessment_campaigns.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('region_id', 'text', (c) => c.notNull())
    .addColumn('total', 'real', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    /** every indicator's score with its explanation and sources, as approved */
    .addColumn('detail_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_results_pk', ['campaign_id', 'unit_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['assessment_results', 'assessment_scores', 'assessment_campaigns', 'assessment_indicators', 'assessment_frameworks']) await db.schema.dropTable(t).execute();
}
