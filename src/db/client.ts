import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Anything queries can run on: the database or a transaction. */
export type Executor = Kysely<Database>;
export type DialectName = 'sqlite' | 'postgres';

export interface DbHandle {
  db: Db;
  dialect: DialectName;
  url: string;
  /** the raw better-sqlite3 handle (SQLite only), for online backup */
  sqlite?: BetterSqlite3.Database;
  close(): Promise<void>;
}

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

// COUNT(*) and BIGINT come back as strings from pg; the platform's counts fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

export function openDatabase(url: string): DbHandle {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // an idle connection the server ends (a restart, a failover, a database being dropped) must not take
    // the process down: the pool discards it and opens a new one on the next query
    pool.on('error', (e) => process.emitWarning(`PostgreSQL 空闲连接已断开：${e.message}`, { code: 'FAZHI_PG_IDLE' }));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', url, close: () => db.destroy() };
  }
  if (url !== ':memory:') mkdirSync(dirname(url), { recursive: true });
  const sqlite = new BetterSqlite3(url);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', url, sqlite, close: () => db.destroy() };
}

/**
 * Kysely asks better-sqlite3 to prepare every query anew; preparing costs as much as running a small
 * query. The same SQL text (parameters are bound separately) reuses its prepared statement.
 */
function withStatementCache(sqlite: BetterSqlite3.Database, max = 500): BetterSqlite3.Database {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const prepare = (source: string) => {
    let st = cache.get(source);
    if (st) {
      // refresh its place: the map's order is the eviction order
      cache.delete(source);
    } else {
      st = sqlite.prepare(source);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, st);
    return st;
  };
  return new Proxy(sqlite, { get: (target, prop, receiver) => (prop === 'prepare' ? prepare : Reflect.get(target, prop, receiver)) });
}

/** Runs fn in a transaction; nested calls reuse the outer transaction. */
export async function inTransaction<T>(db: Executor, fn: (trx: Executor) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().execute((trx) => fn(trx));
}

export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
