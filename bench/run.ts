/**
 * `npm run bench [-- --json FILE] [-- --only NAME] [-- --dir DIR]`: runs every bench/*.bench.ts and prints
 * each figure beside its budget. Works on SQLite (default) or on PostgreSQL when
 * BENCH_DATABASE_URL=postgres://… names a server (a scratch database is created and dropped).
 * Exits with status 1 when any figure misses its budget (or no benchmark ran), 0 otherwise.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bench, BenchResult } from './harness.ts';

export interface RunOptions {
  /** folder holding the *.bench.ts files (default: this folder) */
  dir?: string;
  only?: string;
  jsonFile?: string;
  databaseUrl?: string;
  quick?: boolean;
  log?: (line: string) => void;
}

/** Runs the benchmarks, prints them, and answers the results with the process exit status. */
export async function runBenches(opts: RunOptions = {}): Promise<{ results: BenchResult[]; exitCode: number }> {
  const dir = opts.dir ?? fileURLToPath(new URL('.', import.meta.url));
  const log = opts.log ?? ((line: string) => console.log(line));
  const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (!opts.only || f.includes(opts.only))).sort();
  const results: BenchResult[] = [];
  for (const f of files) {
    const tmpDir = mkdtempSync(join(tmpdir(), 'fazhi-bench-'));
    try {
      const mod = (await import(join(dir, f))) as { default: Bench };
      const databaseUrl = opts.databaseUrl ?? join(tmpDir, 'bench.db');
      const rs = await mod.default({ databaseUrl, tmpDir, quick: opts.quick ?? false });
      for (const r of rs) {
        results.push(r);
        log(`${r.ok ? '✓' : '✗'} ${r.name.padEnd(48)} ${String(r.value).padStart(10)} ${r.unit.padEnd(6)} 预算 ${r.budget}`);
      }
    } finally {
      rmSync(tmpDir, { recursive: true, force: true });
    }
  }
  if (opts.jsonFile) writeFileSync(opts.jsonFile, JSON.stringify(results, null, 2));
  const bad = results.filter((r) => !r.ok).length;
  log(`\n${results.length} 项，${results.length - bad} 项达标，${bad} 项超出预算`);
  if (results.length === 0) log('没有运行任何基准测试（--only 是否写错？）');
  return { results, exitCode: bad > 0 || results.length === 0 ? 1 : 0 };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const argv = process.argv.slice(2);
  const jsonIdx = argv.indexOf('--json');
  const onlyIdx = argv.indexOf('--only');
  const dirIdx = argv.indexOf('--dir');
  const { exitCode } = await runBenches({
    dir: dirIdx >= 0 ? resolve(argv[dirIdx + 1]!) : undefined,
    jsonFile: jsonIdx >= 0 ? argv[jsonIdx + 1] : undefined,
    only: onlyIdx >= 0 ? argv[onlyIdx + 1] : undefined,
    databaseUrl: process.env.BENCH_DATABASE_URL,
    quick: process.env.BENCH_QUICK === '1',
  });
  process.exitCode = exitCode;
}
