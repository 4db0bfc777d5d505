/** `npm run bench` must fail (exit 1) when a figure misses its budget, and pass (0) when all are met. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBenches } from './run.ts';

const harness = join(import.meta.dirname, 'harness.ts');
const fakeBench = (ok: boolean) =>
  `import { atMost } from ${JSON.stringify(harness)};\n` +
  `export default async () => [atMost('fake ok', 1, 'ms', 10), atMost('fake ${ok ? 'ok too' : 'too slow'}', ${ok ? 2 : 50}, 'ms', 10)];\n`;

function withBenchDir(ok: boolean, fn: (dir: string) => Promise<void> | void) {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-bench-run-'));
    try {
      writeFileSync(join(dir, 'fake.bench.ts'), fakeBench(ok));
      await fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

test('a missed budget makes the run exit 1; the JSON still lists every figure', withBenchDir(false, async (dir) => {
  const lines: string[] = [];
  const jsonFile = join(dir, 'out.json');
  const { results, exitCode } = await runBenches({ dir, jsonFile, log: (l) => lines.push(l) });
  assert.equal(exitCode, 1);
  assert.deepEqual(results.map((r) => r.ok), [true, false]);
  assert.deepEqual(JSON.parse(readFileSync(jsonFile, 'utf8')).map((r: { name: string }) => r.name), ['fake ok', 'fake too slow']);
  assert.match(lines.join('\n'), /1 项超出预算/);
}));

test('all budgets met: exit 0; nothing matched by --only: exit 1', withBenchDir(true, async (dir) => {
  assert.equal((await runBenches({ dir, log: () => {} })).exitCode, 0);
  assert.equal((await runBenches({ dir, only: 'no-such-bench', log: () => {} })).exitCode, 1);
}));

test('`npm run bench` (bench/run.ts) exits with status 1 when a budget fails, 0 when all are met', async () => {
  const run = (dir: string) => spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'run.ts'), '--dir', dir], { encoding: 'utf8' });
  await withBenchDir(false, (dir) => {
    const r = run(dir);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /✗ fake too slow/);
  })();
  await withBenchDir(true, (dir) => {
    const r = run(dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /2 项，2 项达标，0 项超出预算/);
  })();
});
