/**
 * `npm run bench [-- --json FILE] [-- --only NAME]`: runs every bench/*.bench.ts and prints
 * each figure beside its budget. Works on SQLite (default) or on PostgreSQL when
 * BENCH_DATABASE_URL=postgres://… names a server (a scratch database is created and dropped).
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench, BenchResult } from './harness.ts';

const argv = process.argv.slice(2);
const jsonIdx = argv.indexOf('--json');
const jsonFile = jsonIdx >= 0 ? argv[jsonIdx + 1] : undefined;
const onlyIdx = argv.indexOf('--only');
const only = onlyIdx >= 0 ? argv[onlyIdx + 1] : undefined;

const dir = new URL('.', import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only))).sort();
const results: BenchResult[] = [];
for (const f of files) {
  const tmpDir = mkdtempSync(join(tmpdir(), 'fazhi-bench-'));
  try {
    const mod = (await import(join(dir, f))) as { default: Bench };
    const databaseUrl = process.env.BENCH_DATABASE_URL ?? join(tmpDir, 'bench.db');
    const rs = await mod.default({ databaseUrl, tmpDir, quick: process.env.BENCH_QUICK === '1' });
    for (const r of rs) {
      results.push(r);
      console.log(`${r.ok ? '✓' : '✗'} ${r.name.padEnd(48)} ${String(r.value).padStart(10)} ${r.unit.padEnd(6)} 预算 ${r.budget}`);
    }
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
}
if (jsonFile) writeFileSync(jsonFile, JSON.stringify(results, null, 2));
const bad = results.filter((r) => !r.ok).length;
console.log(`\n${results.length} 项，${results.length - bad} 项达标，${bad} 项超出预算`);
