import type { Kysely } from 'kysely';

/**
 * 督察: inspection plans (which units, when, by whom, which tasks or chapters), one visit per unit and
 * plan with its checklist and record, the numbered 问题清单 of each visit (each problem with its 整改要求
 * and deadline, the unit's rectification report, 销号), the files attached to findings and
 * rectifications (uploads, as reports attach them), and every step of a problem as an event.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inspection_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text', (c) => c.references('plans.id'))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspection_plans_region').on('inspection_plans').columns(['region_id', 'year']).execute();

  await db.schema
    .createTable('inspection_visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspection_plans.id'))
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('scheduled_on', 'text', (c) => c.notNull())
    .addColumn('inspector_ids_json', 'text', (c) => c.notNull())
    .addColumn('task_ids_json', 'text', (c) => c.notNull())
    .addColumn('heading_ids_json', 'text', (c) => c.notNull())
    .addColumn('checklist_json', 'text', (c) => c.notNull())
    // planned | recorded
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('visited_on', 'text')
    .addColumn('summary', 'text')
    .addColumn('results_json', 'text', (c) => c.notNull())
    .addColumn('list_year', 'integer')
    .addColumn('list_seq', 'integer')
    .addColumn('list_number', 'text')
    .addColumn('recorded_by_name', 'text')
    .addColumn('recorded_at', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspection_visits_plan_unit').unique().on('inspection_visits').columns(['inspection_id', 'unit_id']).execute();
  await db.schema.createIndex('inspection_visits_unit').on('inspection_visits').columns(['unit_id', 'state']).execute();
  await db.schema.createIndex('inspection_visits_number').unique().on('inspection_visits').columns(['region_id', 'list_year', 'list_seq']).execute();

  await db.schema
    .createTable('inspection_problems')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('visit_id', 'text', (c) => c.notNull().references('inspection_visits.id'))
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspection_plans.id'))
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('checklist_key', 'text')
    .addColumn('task_id', 'text', (c) => c.references('tasks.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('evidence_note', 'text', (c) => c.notNull())
    .addColumn('requirement', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    // draft (visit not yet recorded) | open | submitted | closed
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('rectification', 'text')
    .addColumn('rectified_on', 'text')
    .addColumn('rectified_by_name', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('close_note', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('closed_by_name', 'text')
    .addColumn('escalated_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspection_problems_visit').on('inspection_problems').columns(['visit_id', 'seq']).execute();
  await db.schema.createIndex('inspection_problems_unit').on('inspection_problems').columns(['unit_id', 'year']).execute();
  await db.schema.createIndex('inspection_problems_due').on('inspection_problems').columns(['region_id', 'state', 'deadline']).execute();

  // purpose: finding (photos and evidence of the problem) | rectification (the unit's evidence)
  await db.schema
    .createTable('inspection_problem_files')
    .addColumn('problem_id', 'text', (c) => c.notNull().references('inspection_problems.id'))
    .addColumn('upload_id', 'text', (c) => c.notNull().references('uploads.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('region_id', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('inspection_problem_files_pk', ['problem_id', 'upload_id', 'purpose'])
    .execute();
  await db.schema.createIndex('inspection_problem_files_upload').on('inspection_problem_files').column('upload_id').execute();

  await db.schema
    .createTable('inspection_problem_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('problem_id', 'text', (c) => c.notNull().references('inspection_problems.id'))
    .addColumn('region_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspection_problem_events_problem').on('inspection_problem_events').column('problem_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['inspection_problem_events', 'inspection_problem_files', 'inspection_problems', 'inspection_visits', 'inspection_plans']) await db.schema.dropTable(t).execute();
}
