/**
 * The cockpit at province scale on PostgreSQL (the issue's budget: dashboard API p95 ≤ 150 ms for
 * province-scale data, 100 counties): a province with 100 county regions, each county-scale (60 units,
 * 150 tasks, every past period's reports, ≈ 7,000 reports a county), loaded by multi-row inserts;
 * then, over HTTP with the server in its own process:
 *   - the first answer of each county's cockpit, computed (the province leader opens the counties one
 *     after the other): what a leader waits for after the county's data changed;
 *   - 50 concurrent clients pausing ~0.5 s like people at their desks: a province leader going from
 *     county to county, and a county leader opening their own county's cockpit (from the cache, which
 *     the county's data fingerprint keeps current).
 * Always on PostgreSQL (a scratch database), whatever BENCH_DATABASE_URL says: that is what the budget is for.
 */
import { mkdtempSync } from 'node:fs';
import { sql } from 'kysely';
import { join } from 'node:path';
import { atMost, percentile, type Bench, type BenchResult } from './harness.ts';
import { closedLoop, login, startServerProcess } from './load.ts';
import { postgresTestDb } from '../test/db.ts';
import { generateProvince } from '../src/services/demo-generate.ts';

const bench: Bench = async (ctx) => {
  const pg = await postgresTestDb();
  const dataDir = mkdtempSync(join(ctx.tmpDir, 'province-'));
  const counties = Number(process.env.BENCH_COUNTIES ?? (ctx.quick ? 3 : 100));
  try {
    const t0 = performance.now();
    const g = await generateProvince(pg.db, { today: '2025-11-20', password: 'Bench1234', counties, units: ctx.quick ? 12 : 60, tasks: ctx.quick ? 30 : 150, concurrency: 4 });
    // what autovacuum does on a live server some time after a bulk load (statistics, visibility map)
    await sql`vacuum analyze`.execute(pg.db);
    const genS = (performance.now() - t0) / 1000;
    const reports = g.counties.reduce((s, c) => s + c.reports, 0);
    console.log(`  province: ${counties} counties, ${g.counties.reduce((s, c) => s + c.taskIds.length, 0)} tasks, ${reports} reports generated in ${genS.toFixed(0)} s`);
    const server = await startServerProcess({ DATABASE_URL: pg.url, FAZHI_DATA_DIR: dataDir, FAZHI_LOG_LEVEL: 'silent', FAZHI_DEMO: '0', FAZHI_SCHEDULER: '0' });
    try {
      const [province, county] = await Promise.all([login(server.base, g.provinceLeader, 'Bench1234'), login(server.base, g.countyLeader, 'Bench1234')]);
      const ids = g.counties.map((c) => c.regionId);
      const url = (id?: string) => `${server.base}/api/dashboard/cockpit${id ? `?regionId=${id}` : ''}`;
      // first, the province leader opens each county once, one after the other: each answer is computed
      const cold: number[] = [];
      for (const id of ids) {
        const s = performance.now();
        const res = await fetch(url(id), { headers: { cookie: province } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`cockpit: ${res.status}`);
        cold.push(performance.now() - s);
      }
      // then 50 people at their desks: the province leader going from county to county, a county leader on their own
      const total = ctx.quick ? 60 : 2000;
      const wide = await closedLoop(total, 50, (i) => fetch(url(ids[(i * 37) % ids.length]), { headers: { cookie: province } }), 500);
      const own = await closedLoop(total, 50, () => fetch(url(), { headers: { cookie: county } }), 500);
      if (wide.errors || own.errors) throw new Error(`cockpit: ${wide.errors + own.errors} errors`);
      const coldP95 = percentile(cold, 95);
      console.log(`  first answer of each county (computed, one at a time): median ${percentile(cold, 50).toFixed(0)} ms, p95 ${coldP95.toFixed(0)} ms, max ${Math.max(...cold).toFixed(0)} ms`);
      console.log(`  50 clients (~0.5 s think time): province leader over ${ids.length} counties p50 ${wide.p50.toFixed(1)} ms, p95 ${wide.p95.toFixed(1)} ms (${Math.round(wide.rps)} req/s); county leader p50 ${own.p50.toFixed(1)} ms, p95 ${own.p95.toFixed(1)} ms`);
      const scale = ctx.quick ? `${counties} counties (quick)` : `${counties} counties`;
      const out: BenchResult[] = [
        atMost(`cockpit API p95, 50 clients, province leader, ${scale}, PostgreSQL`, wide.p95, 'ms', 150),
        atMost(`cockpit API p95, 50 clients, county leader, ${scale}, PostgreSQL`, own.p95, 'ms', 150),
        atMost(`cockpit computed (not cached) p95, ${scale}, PostgreSQL`, coldP95, 'ms', 150),
      ];
      return out;
    } finally {
      await server.stop();
    }
  } finally {
    await pg.dispose();
  }
};

export default bench;
