/**
 * Test databases. `eachDialect` yields a fresh SQLite file and a fresh PostgreSQL database
 * (created on FAZHI_TEST_PG_URL's server, dropped afterwards), so repository suites run the
 * same cases on both. PostgreSQL is required: an unreachable server fails the suite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DbHandle, type DialectName } from '../src/db/client.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

export const PG_ADMIN_URL = process.env.FAZHI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDb extends DbHandle {
  dispose(): Promise<void>;
}

export async function sqliteTestDb(): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-test-'));
  const handle = openDatabase(join(dir, 'test.db'));
  await migrateToLatest(handle.db);
  return {
    ...handle,
    async dispose() {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function postgresTestDb(): Promise<TestDb> {
  const name = `fazhi_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    // CREATE DATABASE copies template1 and fails (55006) while another session is copying it too:
    // test files run in parallel (and other suites may share the server), so wait and try again
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`create database ${name}`);
        break;
      } catch (e) {
        if ((e as { code?: string }).code !== '55006' || attempt >= 30) throw e;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const handle = openDatabase(url.toString());
  await migrateToLatest(handle.db);
  return {
    ...handle,
    async dispose() {
      await handle.close();
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

export const DIALECTS: { name: DialectName; open: () => Promise<TestDb> }[] = [
  { name: 'sqlite', open: sqliteTestDb },
  { name: 'postgres', open: postgresTestDb },
];
