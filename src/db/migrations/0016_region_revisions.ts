import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect/maintenance.ts';

/**
 * A revision number per region that the database itself moves on every write to the rows the cockpit
 * is computed from, so that the cockpit's cache key is one primary-key read instead of a fingerprint
 * of eleven counts and sums over the region's rows (0015), which at province scale cost more than the
 * cached answer it guarded. Triggers keep it: every writer — the services, the CLI, the bulk data
 * generator, another server process on the same PostgreSQL — moves it without knowing about it.
 *
 * SQLite has row triggers only: one upsert of a small row per row written. PostgreSQL gets statement
 * triggers over the transition tables (one upsert per region per statement), since a row trigger would
 * update the same row once per row of a bulk insert. The counter row is locked until the writing
 * transaction ends, so two transactions writing to the same region commit one after the other; writes
 * within a county are few enough for that.
 */
export const REVISED_TABLES = ['reports', 'report_events', 'tasks', 'plan_headings', 'assignments', 'task_deadlines', 'reporting_periods', 'extension_requests', 'plans', 'units', 'task_targets', 'metric_values'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('region_revisions')
    .addColumn('region_id', 'text', (c) => c.primaryKey())
    .addColumn('rev', 'integer', (c) => c.notNull())
    .execute();
  if (isPostgres(db)) {
    for (const [fn, rows] of [['fazhi_revise_new', 'n'], ['fazhi_revise_old', 'o']] as const) {
      await sql
        .raw(
          `create function ${fn}() returns trigger language plpgsql as $$ begin
             insert into region_revisions (region_id, rev) select distinct region_id, 1 from ${rows} where region_id is not null
             on conflict (region_id) do update set rev = region_revisions.rev + 1;
             return null;
           end $$`,
        )
        .execute(db);
    }
    for (const t of REVISED_TABLES) {
      await sql.raw(`create trigger ${t}_revise_ins after insert on ${t} referencing new table as n for each statement execute function fazhi_revise_new()`).execute(db);
      await sql.raw(`create trigger ${t}_revise_upd after update on ${t} referencing new table as n for each statement execute function fazhi_revise_new()`).execute(db);
      await sql.raw(`create trigger ${t}_revise_del after delete on ${t} referencing old table as o for each statement execute function fazhi_revise_old()`).execute(db);
    }
  } else {
    const bump = (ref: 'new' | 'old') => `insert into region_revisions (region_id, rev) select ${ref}.region_id, 1 where ${ref}.region_id is not null on conflict (region_id) do update set rev = rev + 1;`;
    for (const t of REVISED_TABLES) {
      await sql.raw(`create trigger ${t}_revise_ins after insert on ${t} begin ${bump('new')} end`).execute(db);
      await sql.raw(`create trigger ${t}_revise_upd after update on ${t} begin ${bump('new')} end`).execute(db);
      await sql.raw(`create trigger ${t}_revise_del after delete on ${t} begin ${bump('old')} end`).execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of REVISED_TABLES) for (const k of ['ins', 'upd', 'del']) await sql.raw(`drop trigger if exists ${t}_revise_${k}${isPostgres(db) ? ` on ${t}` : ''}`).execute(db);
  if (isPostgres(db)) for (const fn of ['fazhi_revise_new', 'fazhi_revise_old']) await sql.raw(`drop function if exists ${fn}()`).execute(db);
  await db.schema.dropTable('region_revisions').execute();
}
