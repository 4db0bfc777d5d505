import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

const root = new URL('../..', import.meta.url).pathname;

describe('fazhi CLI', () => {
  let dir: string;
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['bin/fazhi.js', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: join(dir, 'cli.db'), FAZHI_DATA_DIR: dir, FAZHI_LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'fazhi-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('--help lists the commands in Chinese; version prints the version', () => {
    const h = run('--help');
    assert.equal(h.code, 0);
    for (const c of ['serve', 'migrate', 'user', 'backup', 'version']) assert.match(h.out, new RegExp(c));
    assert.match(run('version').out, /^fazhi \d+\.\d+\.\d+/);
  });

  test('migrate creates the schema, and says so the second time', () => {
    assert.match(run('migrate').out, /已执行迁移：0001_foundation/);
    assert.match(run('migrate').out, /已是最新版本/);
  });

  test('user add prints a temporary password; reset-password gives a new one; errors exit 2 in Chinese', () => {
    const a = run('user', 'add', '-u', 'cliadmin', '-n', '命令行管理员', '-r', 'admin');
    assert.equal(a.code, 0, a.err);
    assert.match(a.out, /临时密码：\S{12}/);
    const dup = run('user', 'add', '-u', 'cliadmin', '-n', '重复', '-r', 'admin');
    assert.equal(dup.code, 2);
    assert.match(dup.err, /已被使用/);
    const bad = run('user', 'add', '-u', 'x1x', '-n', '某', '-r', 'king');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /角色应为/);
    const r = run('user', 'reset-password', 'cliadmin');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /临时密码：\S{12}/);
    assert.equal(run('user', 'reset-password', 'nobody').code, 2);
  });

  test('backup writes a consistent, openable copy of the SQLite database', () => {
    const out = join(dir, 'copy.db');
    const b = run('backup', '-o', out);
    assert.equal(b.code, 0, b.err);
    assert.ok(existsSync(out));
    const copy = new BetterSqlite3(out, { readonly: true });
    const n = copy.prepare('select count(*) as n from users where username = ?').get('cliadmin') as { n: number };
    copy.close();
    assert.equal(n.n, 1);
  });

  test('a bad configuration stops with a readable message', () => {
    const r = spawnSync(process.execPath, ['bin/fazhi.js', 'migrate'], { cwd: root, env: { ...process.env, PORT: 'x' }, encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /配置有误[\s\S]*PORT/);
  });
});
