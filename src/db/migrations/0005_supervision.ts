import type { Kysely } from 'kysely';

/**
 * Supervision: each region's rules, the numbered 提醒/警示 lists the daily job fills, 督办单 with their
 * tasks and history, 催办 records, 延期申请, and the record of every scheduled run (one row per job,
 * day and region: the row is the claim, so a restart or a second server never runs a day twice).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('supervision_settings')
    .addColumn('region_id', 'text', (c) => c.primaryKey().references('regions.id'))
    .addColumn('remind_days_json', 'text', (c) => c.notNull())
    .addColumn('warn_overdue_reports', 'integer', (c) => c.notNull())
    .addColumn('warn_behind_tasks', 'integer', (c) => c.notNull())
    .addColumn('escalate_after_days', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // reminder | warning
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('plan_id', 'text', (c) => c.references('plans.id'))
    .addColumn('task_id', 'text', (c) => c.references('tasks.id'))
    .addColumn('period_id', 'text', (c) => c.references('reporting_periods.id'))
    .addColumn('due_date', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('rule_date', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('escalated_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alerts_dedupe').unique().on('alerts').columns(['region_id', 'dedupe_key']).execute();
  await db.schema.createIndex('alerts_number').unique().on('alerts').columns(['region_id', 'kind', 'year', 'seq']).execute();
  await db.schema.createIndex('alerts_unit').on('alerts').columns(['unit_id', 'kind']).execute();

  await db.schema
    .createTable('supervision_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('issuer_id', 'text', (c) => c.references('users.id'))
    .addColumn('issuer_name', 'text', (c) => c.notNull())
    .addColumn('issuer_org', 'text', (c) => c.notNull())
    .addColumn('problem', 'text', (c) => c.notNull())
    .addColumn('requirement', 'text', (c) => c.notNull())
    .addColumn('reply_due', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull()) // open | replied | closed
    .addColumn('reply', 'text')
    .addColumn('replied_at', 'text')
    .addColumn('replied_by', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('close_note', 'text')
    .addColumn('escalated_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('supervision_notices_number').unique().on('supervision_notices').columns(['region_id', 'year', 'seq']).execute();
  await db.schema.createIndex('supervision_notices_unit').on('supervision_notices').columns(['unit_id', 'state']).execute();

  await db.schema
    .createTable('supervision_notice_tasks')
    .addColumn('notice_id', 'text', (c) => c.notNull().references('supervision_notices.id'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('region_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('supervision_notice_tasks_pk', ['notice_id', 'task_id'])
    .execute();
  await db.schema.createIndex('supervision_notice_tasks_task').on('supervision_notice_tasks').column('task_id').execute();

  await db.schema
    .createTable('supervision_notice_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notice_id', 'text', (c) => c.notNull().references('supervision_notices.id'))
    .addColumn('region_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull()) // issue | reply | return | close | escalate
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('supervision_notice_events_notice').on('supervision_notice_events').column('notice_id').execute();

  await db.schema
    .createTable('chases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('chases_task').on('chases').column('task_id').execute();

  await db.schema
    .createTable('extension_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('current_due', 'text', (c) => c.notNull())
    .addColumn('requested_due', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull()) // pending | granted | refused | withdrawn
    .addColumn('requested_by', 'text')
    .addColumn('requested_by_name', 'text', (c) => c.notNull())
    .addColumn('decided_by_name', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('extension_requests_task').on('extension_requests').columns(['task_id', 'state']).execute();
  await db.schema.createIndex('extension_requests_region').on('extension_requests').columns(['region_id', 'state']).execute();

  await db.schema
    .createTable('job_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('run_date', 'text', (c) => c.notNull())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('state', 'text', (c) => c.notNull()) // running | done | failed
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('summary_json', 'text')
    .addColumn('error', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('job_runs_claim').unique().on('job_runs').columns(['job', 'run_date', 'region_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['job_runs', 'extension_requests', 'chases', 'supervision_notice_events', 'supervision_notice_tasks', 'supervision_notices', 'alerts', 'supervision_settings']) await db.schema.dropTable(t).execute();
}
