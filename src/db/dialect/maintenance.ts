import { PostgresAdapter, sql, type Kysely } from 'kysely';

/** Whether the database behind `db` is PostgreSQL (migrations get a plain Kysely, not the handle). */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * PostgreSQL answers a query from an index alone (an index-only scan) only for the table pages its
 * visibility map marks all-visible, which VACUUM does. Autovacuum's defaults wait until a fifth of the
 * table is new or dead: for an index that only grows by publishing, that leaves the newest pages to be
 * read row by row. This asks autovacuum to come once 2 % has changed. SQLite has no such thing (a no-op).
 */
export async function vacuumEarly(db: Kysely<any>, table: string): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`alter table ${sql.table(table)} set (autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02)`.execute(db);
}

/** Puts a PostgreSQL table's storage options back to the server's defaults (a no-op on SQLite). */
export async function vacuumDefaults(db: Kysely<any>, table: string): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`alter table ${sql.table(table)} reset (autovacuum_vacuum_insert_scale_factor, autovacuum_vacuum_scale_factor, autovacuum_analyze_scale_factor)`.execute(db);
}
