/**
 * Dashboards and exports:
 *   - the cockpit API at county scale over HTTP, 50 leaders at their desks (server in its own process): p95 ≤ 30 ms on SQLite;
 *   - a 100,000-row list export (background job, streamed to the file) in a process of its own: peak memory < 300 MB;
 *   - the JavaScript the login page and the office's/liaison's 工作台 load, gzipped: ≤ 500 KB (ECharts is not part of it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { atMost, type Bench, type BenchResult } from './harness.ts';
import { closedLoop, login, runCli, startServerProcess } from './load.ts';
import { postgresTestDb } from '../test/db.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function cockpitLatency(ctx: Parameters<Bench>[0]): Promise<BenchResult[]> {
  const pg = ctx.databaseUrl.startsWith('postgres') ? await postgresTestDb() : null;
  const dataDir = mkdtempSync(join(ctx.tmpDir, 'data-'));
  const db = pg ? pg.url : ctx.databaseUrl;
  const out = runCli(['generate', '--today', '2025-11-20', '--password', 'Bench1234', '--units', ctx.quick ? '12' : '60', '--tasks', ctx.quick ? '30' : '150'], { DATABASE_URL: db, FAZHI_DATA_DIR: dataDir, FAZHI_LOG_LEVEL: 'silent' });
  const office = /依法治办账号 (\S+)，/.exec(out)![1]!;
  const server = await startServerProcess({ DATABASE_URL: db, FAZHI_DATA_DIR: dataDir, FAZHI_LOG_LEVEL: 'silent', FAZHI_DEMO: '0', FAZHI_SCHEDULER: process.env.BENCH_SCHEDULER ?? '1' });
  try {
    const cookie = await login(server.base, office, 'Bench1234');
    // the scheduler catches up on the supervision rules at start-up (a one-off, then once a day): measure after it
    const started = Date.now();
    for (;;) {
      const runs = (await (await fetch(`${server.base}/api/supervision/runs`, { headers: { cookie } })).json()) as { items?: { state: string }[] };
      const items = runs.items ?? [];
      if ((process.env.BENCH_SCHEDULER === '0' || items.some((r) => r.state !== 'running')) && !items.some((r) => r.state === 'running')) break;
      if (Date.now() - started > 120_000) throw new Error('the start-up supervision run did not finish within 2 minutes');
      await new Promise((r) => setTimeout(r, 250));
    }
    const t0 = performance.now();
    const first = await fetch(`${server.base}/api/dashboard/cockpit`, { headers: { cookie } });
    const firstMs = performance.now() - t0;
    if (first.status !== 200) throw new Error(`cockpit: ${first.status} ${await first.text()}`);
    const text = await first.text();
    const body = JSON.parse(text) as { onTimeTrend: unknown[]; completion: { counts: { total: number } }; heatmap: { cells: unknown[] } };
    const req = () => fetch(`${server.base}/api/dashboard/cockpit`, { headers: { cookie } });
    for (let i = 0; i < 20; i++) await (await req()).arrayBuffer();
    const total = ctx.quick ? 100 : 2000;
    const people = await closedLoop(total, 50, req, 500);
    const flat = await closedLoop(total, 50, req);
    if (people.errors || flat.errors) throw new Error(`cockpit: ${people.errors + flat.errors} errors`);
    console.log(`  cockpit (${body.completion.counts.total} tasks, ${Math.round(text.length / 1024)} KB, ${body.onTimeTrend.length} periods, ${body.heatmap.cells.length} heat-map cells): first answer ${firstMs.toFixed(0)} ms (computed), then from the cache; 50 clients pausing ~0.5 s: p50 ${people.p50.toFixed(1)} ms; without pause: p95 ${flat.p95.toFixed(0)} ms at ${Math.round(flat.rps)} req/s`);
    // the PostgreSQL budget (150 ms) is for province scale; this bench loads one county on either database
    return [atMost(`cockpit API p95, 50 clients (~0.5 s think time), county, ${pg ? 'PostgreSQL' : 'SQLite'}`, people.p95, 'ms', pg ? 150 : 30)];
  } finally {
    await server.stop();
    if (pg) await pg.dispose();
  }
}

function exportMemory(ctx: Parameters<Bench>[0]): BenchResult[] {
  const dbPath = join(ctx.tmpDir, 'export.db');
  const env = { ...process.env, BENCH_EXPORT_TASKS: ctx.quick ? '50' : '1000' };
  const build = spawnSync(process.execPath, ['--import', 'tsx', 'bench/dashboard-export-child.ts', 'build', dbPath], { cwd: ROOT, env, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`export fixture: ${build.stderr}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/dashboard-export-child.ts', 'export', dbPath, join(ctx.tmpDir, 'exports')], { cwd: ROOT, env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`export: ${run.stderr}`);
  const r = JSON.parse(run.stdout) as { rows: number; bytes: number; ms: number; maxRssMb: number; baseMb: number };
  console.log(`  export: ${r.rows} rows, ${(r.bytes / 1048576).toFixed(1)} MB file in ${(r.ms / 1000).toFixed(1)} s; process RSS ${r.baseMb.toFixed(0)} MB before the export, peak ${r.maxRssMb.toFixed(0)} MB`);
  return [atMost(`${r.rows.toLocaleString('en')}-row Excel export, peak memory (process)`, r.maxRssMb, 'MB', 300)];
}

/** The JS files a route needs before it can draw: its chunk and everything it imports statically. */
function jsOf(manifest: Record<string, { file: string; imports?: string[] }>, keys: string[]): Set<string> {
  const files = new Set<string>();
  const visit = (k: string) => {
    const e = manifest[k];
    if (!e || files.has(e.file)) return;
    files.add(e.file);
    for (const i of e.imports ?? []) visit(i);
  };
  keys.forEach(visit);
  return files;
}

function jsSize(): BenchResult[] {
  const manifestPath = join(ROOT, 'dist/web/.vite/manifest.json');
  if (!existsSync(manifestPath)) execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts'], { cwd: ROOT, stdio: 'ignore' });
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, { file: string; imports?: string[] }>;
  const gz = (files: Set<string>) => [...files].reduce((s, f) => s + gzipSync(readFileSync(join(ROOT, 'dist/web', f))).length, 0) / 1024;
  const home = jsOf(manifest, ['index.html', 'src/pages/Login.tsx', 'src/layout/AppLayout.tsx', 'src/pages/Dashboard.tsx']);
  const leader = jsOf(manifest, ['index.html', 'src/pages/Login.tsx', 'src/layout/AppLayout.tsx', 'src/pages/Dashboard.tsx', 'src/pages/cockpit/Cockpit.tsx']);
  if (![...home].some((f) => f.includes('Dashboard'))) throw new Error('manifest has no Dashboard chunk');
  const echarts = [...leader].filter((f) => f.includes('echarts'));
  if ([...home].some((f) => f.includes('echarts'))) throw new Error('ECharts is in the 工作台 bundle');
  console.log(`  login + 工作台: ${home.size} files, ${gz(home).toFixed(0)} KB gzipped; a leader's 工作台 (cockpit, ${echarts.join(', ')}) adds ${(gz(leader) - gz(home)).toFixed(0)} KB after it`);
  return [atMost('login + 工作台 JavaScript, gzipped', gz(home), 'KB', 500)];
}

const bench: Bench = async (ctx) => [...(await cockpitLatency(ctx)), ...exportMemory(ctx), ...jsSize()];

export default bench;
