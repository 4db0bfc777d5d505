import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Db } from './client.ts';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_plans.ts';
import * as m0003 from './migrations/0003_tracking.ts';
import * as m0004 from './migrations/0004_reporting_settings.ts';
import * as m0005 from './migrations/0005_supervision.ts';
import * as m0006 from './migrations/0006_notifications.ts';
import * as m0007 from './migrations/0007_work_calendar.ts';
import * as m0008 from './migrations/0008_circulars.ts';
import * as m0009 from './migrations/0009_annual_reports.ts';
import * as m0010 from './migrations/0010_dashboards.ts';
import * as m0011 from './migrations/0011_assessment.ts';
import * as m0012 from './migrations/0012_inspection.ts';
import * as m0013 from './migrations/0013_metric_values.ts';
import * as m0014 from './migrations/0014_annual_search_index.ts';
import * as m0015 from './migrations/0015_cockpit_indexes.ts';
import * as m0016 from './migrations/0016_region_revisions.ts';

/** Migrations are listed here in order (no directory scanning, so bundling and tsx agree). */
const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_plans': m0002,
  '0003_tracking': m0003,
  '0004_reporting_settings': m0004,
  '0005_supervision': m0005,
  '0006_notifications': m0006,
  '0007_work_calendar': m0007,
  '0008_circulars': m0008,
  '0009_annual_reports': m0009,
  '0010_dashboards': m0010,
  '0011_assessment': m0011,
  '0012_inspection': m0012,
  '0013_metric_values': m0013,
  '0014_annual_search_index': m0014,
  '0015_cockpit_indexes': m0015,
  '0016_region_revisions': m0016,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export interface MigrateOutcome {
  applied: string[];
}

export async function migrateToLatest(db: Db): Promise<MigrateOutcome> {
  const migrator = new Migrator({ db, provider });
  const rs: MigrationResultSet = await migrator.migrateToLatest();
  if (rs.error) {
    const failed = rs.results?.find((r) => r.status === 'Error');
    const msg = rs.error instanceof Error ? rs.error.message : String(rs.error);
    throw new Error(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${msg}`);
  }
  return { applied: (rs.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
