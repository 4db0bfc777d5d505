import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const run = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/fazhi.js'), 'parse', ...args], { cwd: root, encoding: 'utf8' });

test('parse --format json prints a PlanDraft', () => {
  const r = run('data/plans/004_8533c05fc9345b12.txt');
  assert.equal(r.status, 0, r.stderr);
  const d = JSON.parse(r.stdout);
  assert.equal(d.schema, 'plan-draft/v1');
  assert.equal(d.tasks.length, 36);
  assert.equal(d.source.file, '004_8533c05fc9345b12.txt');
});

test('parse --format table prints a Chinese summary', () => {
  const r = run('test/fixtures/parser/plan-2026.txt', '--format', 'table');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /标题：青禾市临川区法治政府建设实施方案/);
  assert.match(r.stdout, /牵头单位：区政务服务办/);
  assert.match(r.stdout, /【任务】共 8 项/);
});

test('bad input: Chinese message on stderr, exit status 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-parse-'));
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'bin.txt'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 31)));
  const cases: Array<[string, RegExp]> = [
    [join(dir, 'missing.txt'), /无法读取文件/],
    [join(dir, 'empty.txt'), /为空/],
    [join(dir, 'bin.txt'), /二进制/],
    ['test/fixtures/parser/encrypted.docx', /加密/],
    ['test/fixtures/parser/corrupt.docx', /损坏/],
    ['test/fixtures/parser/scanned.pdf', /扫描件/],
  ];
  for (const [file, re] of cases) {
    const r = run(file);
    assert.equal(r.status, 2, file);
    assert.match(r.stderr, re, file);
    assert.equal(r.stdout, '');
  }
  assert.equal(run('data/plans/004_8533c05fc9345b12.txt', '--format', 'xml').status, 2);
});

test('a 100 MB file is refused by its size before it is read (exit status 2, Chinese message)', async () => {
  const { runParse } = await import('./parse.ts');
  const { DEFAULT_MAX_BYTES } = await import('../parser/index.ts');
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-parse-big-'));
  const big = join(dir, 'big.txt');
  writeFileSync(big, '');
  truncateSync(big, 100 * 1024 * 1024); // sparse: 100 MB without writing them
  const err: string[] = [];
  let reads = 0;
  const status = await runParse(big, 'json', {
    stdout: () => assert.fail('nothing may be printed on stdout'),
    stderr: (s) => err.push(s),
    readFile: async () => { reads++; throw new Error('the file must not be read'); },
    maxBytes: DEFAULT_MAX_BYTES,
  });
  assert.equal(status, 2);
  assert.equal(reads, 0, 'the size is checked before reading');
  assert.match(err.join(''), /文件过大（100\.0 MB），超过上限 20\.0 MB/);
  // and through the real command
  const r = run(big);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /文件过大（100\.0 MB）/);
  assert.equal(r.stdout, '');
  rmSync(dir, { recursive: true, force: true });
});
