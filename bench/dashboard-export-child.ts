/**
 * The 100,000-row export, in processes of its own so their peak memory is the export's alone.
 *   build DB      writes a region whose plan has 100,000 submitted reports (1,000 tasks × 2 owners × 50 periods)
 *   export DB DIR runs the background export of every report as the office, prints {rows, bytes, ms, maxRssMb}
 */
import { migrateToLatest } from '../src/db/migrate.ts';
import { inTransaction, openDatabase, type Db } from '../src/db/client.ts';
import { newId } from '../src/db/ids.ts';
import { usersRepo } from '../src/db/repositories/users.ts';
import { actorFor } from '../src/services/auth.ts';
import { systemActor, type ServiceContext } from '../src/services/context.ts';
import { getExportJob, startExportJob, waitForExportJob } from '../src/services/export-jobs.ts';
import { createUser } from '../src/services/users.ts';
import { systemClock } from '../src/shared/clock.ts';

const [mode, url, dir] = process.argv.slice(2);
const ROWS_TASKS = Number(process.env.BENCH_EXPORT_TASKS ?? 1000);
const PERIODS = 50;

async function chunks<T>(db: Db, table: string, rows: T[], size = 100) {
  for (let i = 0; i < rows.length; i += size) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await db.insertInto(table as any).values(rows.slice(i, i + size) as any).execute();
  }
}

async function build(db: Db) {
  const now = new Date().toISOString();
  const regionId = newId();
  await inTransaction(db, async (trx) => {
    const t = trx as Db;
    await t.insertInto('regions').values({ id: regionId, parent_id: null, name: '导出基准县', level: 'county', abbr: '导', province: null, prefecture: null, sort_order: 0, created_at: now }).execute();
    const units = Array.from({ length: 50 }, (_, i) => ({ id: newId(), region_id: regionId, parent_id: null, name: `导出基准县第${i + 1}局`, short_name: null, kind: 'gov', sort_order: i, active: 1, liaison_name: null, liaison_phone: null, liaison_email: null, head_name: null, merged_into_id: null, version: 1, created_at: now, updated_at: now }));
    await chunks(t, 'units', units);
    const planId = newId();
    await t.insertInto('plans').values({ id: planId, region_id: regionId, title: '导出基准县法治政府建设实施方案', kind: '实施方案', period_start: 2021, period_end: 2033, current_version_id: null, default_due: null, report_frequency: 'quarterly', report_due_offset: 10, lag_margin: 15, version: 1, created_at: now, updated_at: now }).execute();
    const tasks = Array.from({ length: ROWS_TASKS }, (_, i) => ({ id: newId(), plan_id: planId, region_id: regionId, heading_id: null, seq: i + 1, part: 'body', path_json: JSON.stringify(['一', String(i + 1)]), title: null, text: `深入推进行政执法规范化建设，健全工作机制，明确责任分工，确保各项措施落实到位（第${i + 1}项）。`, line: null, span_start: null, span_end: null, active: 1, created_version_id: null, updated_version_id: null, version: 1, created_at: now, updated_at: now }));
    await chunks(t, 'tasks', tasks);
    const assignments = tasks.flatMap((task, i) => [0, 1].map((k) => ({ id: newId(), task_id: task.id, region_id: regionId, unit_id: units[(i + k * 7) % units.length]!.id, role: k === 0 ? 'lead' : 'co', source: 'import', active: 1, created_at: now, updated_at: now })));
    await chunks(t, 'assignments', assignments);
    const periods = Array.from({ length: PERIODS }, (_, i) => {
      const y = 2021 + Math.floor(i / 4);
      const q = (i % 4) + 1;
      return { id: newId(), plan_id: planId, region_id: regionId, key: `${y}Q${q}`, label: `${y}年第${'一二三四'[q - 1]}季度`, start_date: `${y}-${String(q * 3 - 2).padStart(2, '0')}-01`, end_date: `${y}-${String(q * 3).padStart(2, '0')}-28`, due: `${y}-${String(q * 3).padStart(2, '0')}-28`, closed: 0 };
    });
    await chunks(t, 'reporting_periods', periods);
    const narrative = '本期按照方案要求，召开专题会议研究部署，制定工作方案，明确责任分工和时间节点；开展督促检查，及时解决推进中的问题。';
    for (const p of periods) {
      const rows = assignments.map((a) => ({ id: newId(), region_id: regionId, plan_id: planId, task_id: a.task_id, unit_id: a.unit_id, period_id: p.id, role: a.role, state: 'accepted', completion: 'in_progress', percent: 50, narrative, target_values_json: '[]', submitted_at: `${p.due}T01:00:00.000Z`, reviewed_at: `${p.due}T03:00:00.000Z`, return_reason: null, version: 3, created_at: now, updated_at: now }));
      await chunks(t, 'reports', rows);
    }
  });
  const ctx: ServiceContext = { db, clock: systemClock, actor: systemActor('基准') };
  await createUser(ctx, { username: 'export.office', displayName: '导出基准依法治办', role: 'office', regionId, unitId: null, password: 'Bench1234' });
}

async function runExport(db: Db, out: string) {
  const row = (await usersRepo.findByUsername(db, 'export.office'))!;
  const ctx: ServiceContext = { db, clock: systemClock, actor: await actorFor(db, row, null) };
  const baseMb = process.memoryUsage().rss / 1048576;
  const t0 = performance.now();
  const job = await startExportJob(ctx, { kind: 'reports', filters: {} }, { dir: out });
  await waitForExportJob(job.id);
  const done = await getExportJob(ctx, job.id);
  if (done.status !== 'done') throw new Error(`export ${done.status}: ${done.error}`);
  process.stdout.write(JSON.stringify({ rows: done.doneRows, bytes: done.size, ms: performance.now() - t0, maxRssMb: process.resourceUsage().maxRSS / 1024, baseMb }));
}

const h = openDatabase(url!);
try {
  if (mode === 'build') {
    await migrateToLatest(h.db);
    await build(h.db);
  } else await runExport(h.db, dir!);
} finally {
  await h.close();
}
