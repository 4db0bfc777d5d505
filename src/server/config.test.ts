import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { ConfigError, loadConfig, normalizeDatabaseUrl } from './config.ts';

test('defaults serve the demo: port 3000 on localhost, ./data/fazhi.db, demo on', () => {
  const c = loadConfig({});
  assert.equal(c.port, 3000);
  assert.equal(c.host, '127.0.0.1');
  assert.equal(c.databaseUrl, resolve('data/fazhi.db'));
  assert.equal(c.dataDir, resolve('data'));
  assert.equal(c.demo, true);
  assert.equal(c.uploadLimitBytes, 50 * 1024 * 1024);
});

test('DATABASE_URL accepts file: paths and postgres URLs', () => {
  assert.equal(normalizeDatabaseUrl('file:./x.db'), resolve('x.db'));
  assert.equal(normalizeDatabaseUrl('file:///tmp/x.db'), '/tmp/x.db');
  assert.equal(normalizeDatabaseUrl('postgres://u@h/db'), 'postgres://u@h/db');
  assert.equal(loadConfig({ FAZHI_DEMO: '0' }).demo, false);
});

test('bad values stop start-up with a message naming each variable and its value', () => {
  assert.throws(
    () => loadConfig({ PORT: 'abc', FAZHI_DEMO: 'maybe' }),
    (e: Error) => e instanceof ConfigError && /PORT/.test(e.message) && /"abc"/.test(e.message) && /FAZHI_DEMO/.test(e.message) && /配置有误/.test(e.message),
  );
});
