/**
 * The benchmarks run (quickly) as part of the suite so they cannot rot; their figures are printed
 * by `npm run bench`, never asserted here: timing belongs to the benchmark, not to tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from './harness.ts';

const dir = import.meta.dirname;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort()) {
  test(`${file} runs and reports figures in the harness format`, async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'fazhi-bench-test-'));
    try {
      const mod = (await import(join(dir, file))) as { default: Bench };
      const rs = await mod.default({ databaseUrl: join(tmp, 'b.db'), tmpDir: tmp, quick: true });
      assert.ok(rs.length > 0);
      for (const r of rs) {
        assert.equal(typeof r.name, 'string');
        assert.ok(Number.isFinite(r.value) && r.value > 0, `${r.name}: ${r.value}`);
        assert.match(r.budget, /^[≤≥] \d/);
        assert.equal(typeof r.ok, 'boolean');
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
}
