/**
 * Time to import each seed plan into a fresh database (parse, resolve owners, write plan, tasks,
 * owners, deadlines, targets and assignments in one transaction). Budget: ≤ 200 ms a seed.
 * Runs on SQLite by default, or on BENCH_DATABASE_URL's PostgreSQL.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { atMost, median, timeMs, type Bench, type BenchResult } from './harness.ts';
import { openDatabase } from '../src/db/client.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { systemActor, type ServiceContext } from '../src/services/context.ts';
import { createRegion } from '../src/services/regions.ts';
import { ensureDefaultGroups } from '../src/services/groups.ts';
import { automaticDecisions, commitImport, uploadPlan } from '../src/services/plan-import.ts';
import { systemClock } from '../src/shared/clock.ts';
import { postgresTestDb } from '../test/db.ts';

const SEEDS = join(import.meta.dirname, '..', 'data', 'plans');

const bench: Bench = async (ctx) => {
  const pg = ctx.databaseUrl.startsWith('postgres') ? await postgresTestDb() : null;
  const handle = pg ?? openDatabase(ctx.databaseUrl);
  if (!pg) await migrateToLatest(handle.db);
  const sys: ServiceContext = { db: handle.db, clock: systemClock, actor: systemActor('bench') };
  const results: BenchResult[] = [];
  try {
    const runs = ctx.quick ? 1 : 5;
    for (const file of readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort()) {
      const bytes = new Uint8Array(readFileSync(join(SEEDS, file)));
      const times: number[] = [];
      for (let i = 0; i < runs + 1; i++) {
        // a fresh region each round: the first import of a plan creates its units
        const region = await createRegion(sys, { name: `基准${file.slice(0, 3)}-${i}县`, level: 'county', parentId: null });
        await ensureDefaultGroups(sys, region.id, region.name);
        const t = await timeMs(async () => {
          const imp = await uploadPlan(sys, { regionId: region.id, fileName: file, bytes });
          await commitImport(sys, imp.id, { decisions: await automaticDecisions(sys, imp) });
        });
        if (i > 0) times.push(t); // the first round warms up the code paths
      }
      results.push(atMost(`import ${file.slice(0, 3)} into ${pg ? 'PostgreSQL' : 'SQLite'} (median)`, median(times), 'ms', 200));
    }
  } finally {
    if (pg) await pg.dispose();
    else await handle.close();
  }
  return results;
};

export default bench;
