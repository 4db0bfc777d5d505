import type { Kysely } from 'kysely';
import { vacuumDefaults, vacuumEarly } from '../dialect/maintenance.ts';

/**
 * The cockpit's cache key is a fingerprint of a region's rows (repositories/dashboard.ts#stamp), read
 * on every request. At province scale (100 counties on one PostgreSQL) the tables without a region
 * index were scanned whole for it, and counting a region's reports read thousands of index entries.
 * These indexes make each part of the fingerprint read the region's own index entries only: its
 * reports and report events counted from (region_id, id) alone (an index-only scan, so on PostgreSQL
 * autovacuum is asked to keep those tables' visibility maps current), and its assignments, deadlines,
 * periods and targets by region_id.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('reports_region_id').on('reports').columns(['region_id', 'id']).execute();
  await db.schema.createIndex('report_events_region_id').on('report_events').columns(['region_id', 'id']).execute();
  await db.schema.createIndex('assignments_region').on('assignments').column('region_id').execute();
  await db.schema.createIndex('task_deadlines_region').on('task_deadlines').columns(['region_id', 'id']).execute();
  await db.schema.createIndex('reporting_periods_region').on('reporting_periods').column('region_id').execute();
  await db.schema.createIndex('task_targets_region').on('task_targets').column('region_id').execute();
  await vacuumEarly(db, 'reports');
  await vacuumEarly(db, 'report_events');
}

export async function down(db: Kysely<any>): Promise<void> {
  await vacuumDefaults(db, 'report_events');
  await vacuumDefaults(db, 'reports');
  for (const name of ['task_targets_region', 'reporting_periods_region', 'task_deadlines_region', 'assignments_region', 'report_events_region_id', 'reports_region_id']) await db.schema.dropIndex(name).execute();
}
