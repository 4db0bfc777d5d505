/**
 * County scale (60 units, 150 tasks, 20 quarterly periods of reports with evidence metadata), over
 * HTTP on loopback with 50 concurrent clients: the unit inbox (「我的任务」) and the task page.
 * Budget: p95 ≤ 30 ms on SQLite.
 */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { atMost, type Bench, type BenchResult } from './harness.ts';
import { closedLoop, login, runCli, startServerProcess } from './load.ts';
import { postgresTestDb } from '../test/db.ts';

const bench: Bench = async (ctx) => {
  const pg = ctx.databaseUrl.startsWith('postgres') ? await postgresTestDb() : null;
  const dataDir = mkdtempSync(join(ctx.tmpDir, 'data-'));
  // generate in a child process too: this process only measures, so its heap stays small
  const t0 = performance.now();
  const out = runCli(['generate', '--today', '2025-11-20', '--password', 'Bench1234', '--units', ctx.quick ? '12' : '60', '--tasks', ctx.quick ? '30' : '150'], { DATABASE_URL: pg ? pg.url : ctx.databaseUrl, FAZHI_DATA_DIR: dataDir, FAZHI_LOG_LEVEL: 'silent' });
  const genMs = performance.now() - t0;
  const office = /依法治办账号 (\S+)，/.exec(out)![1]!;
  const firstLiaison = /联络员账号 (\S+) …/.exec(out)![1]!;
  const liaisons = Array.from({ length: 10 }, (_, i) => firstLiaison.replace(/\.u1$/, `.u${i + 1}`));
  const reports = Number(/(\d+) 份报送/.exec(out)![1]);
  // the server runs in its own process, as in production, so the load generator does not share its event loop
  const server = await startServerProcess({ DATABASE_URL: pg ? pg.url : ctx.databaseUrl, FAZHI_DATA_DIR: dataDir, FAZHI_LOG_LEVEL: 'silent', FAZHI_DEMO: '0' });
  const base = server.base;
  const results: BenchResult[] = [];
  try {
    const cookies = await Promise.all(liaisons.map((u) => login(base, u, 'Bench1234')));
    const officeCookie = await login(base, office, 'Bench1234');
    const me = (await (await fetch(`${base}/api/auth/me`, { headers: { cookie: officeCookie } })).json()) as { currentRegionId: string };
    const plans = (await (await fetch(`${base}/api/plans?regionId=${me.currentRegionId}`, { headers: { cookie: officeCookie } })).json()) as { items: { id: string }[] };
    const plan = (await (await fetch(`${base}/api/plans/${plans.items[0]!.id}`, { headers: { cookie: officeCookie } })).json()) as { tasks: { id: string }[] };
    const taskIds = plan.tasks.map((t) => t.id);
    const total = ctx.quick ? 100 : 2000;
    const inboxReq = (i: number) => fetch(`${base}/api/reports/inbox`, { headers: { cookie: cookies[i % cookies.length]! } });
    const pageReq = (i: number) => fetch(`${base}/api/plans/tasks/${taskIds[i % taskIds.length]}`, { headers: { cookie: officeCookie } });
    for (let i = 0; i < 20; i++) await (await inboxReq(i)).arrayBuffer(); // warm up
    const db = pg ? 'PostgreSQL' : 'SQLite';
    console.log(`  (${reports} reports generated in ${Math.round(genMs)} ms)`);
    for (const [name, req] of [['unit inbox', inboxReq], ['task page', pageReq]] as const) {
      const people = await closedLoop(total, 50, req, 500);
      const flat = await closedLoop(total, 50, req);
      if (people.errors || flat.errors) throw new Error(`${name}: ${people.errors + flat.errors} errors`);
      console.log(`  ${name}: 50 clients pausing ~0.5 s: p50 ${people.p50.toFixed(1)} ms, ${Math.round(people.rps)} req/s; 50 clients without pause: p95 ${flat.p95.toFixed(0)} ms at ${Math.round(flat.rps)} req/s (the server's ceiling)`);
      results.push(atMost(`${name} p95, 50 clients (~0.5 s think time), ${db}`, people.p95, 'ms', 30));
    }
  } finally {
    await server.stop();
    if (pg) await pg.dispose();
  }
  return results;
};

export default bench;
