/**
 * Annual reports. (1) Drafting the region's report for a year of county-scale data (60 units, 150 tasks,
 * 20 quarterly periods of reports, `generateCounty`): the whole read of the year's records and the
 * composition of the draft. Budget: ≤ 2 s. (2) Portal search over 10,000 published reports (texts
 * segmented by jieba into the inverted index): p95 of a mix of one-, two- and three-word queries,
 * common and rare, with and without a region filter. Budget: p95 ≤ 50 ms.
 * SQLite by default, or BENCH_DATABASE_URL's PostgreSQL.
 */
import { sql } from 'kysely';
import { atMost, median, percentile, timeMs, type Bench, type BenchResult } from './harness.ts';
import { inTransaction, openDatabase, type Db } from '../src/db/client.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { newId } from '../src/db/ids.ts';
import { annualRepo } from '../src/db/repositories/annual-reports.ts';
import { regionsRepo } from '../src/db/repositories/regions.ts';
import { unitsRepo } from '../src/db/repositories/units.ts';
import { composeDraft } from '../src/services/annual-draft.ts';
import { portalSearch } from '../src/services/annual-portal.ts';
import { termsOf } from '../src/services/annual-search.ts';
import { systemActor, type ServiceContext } from '../src/services/context.ts';
import { generateCounty } from '../src/services/demo-generate.ts';
import { FixedClock } from '../src/shared/clock.ts';
import { postgresTestDb } from '../test/db.ts';

const CHAPTERS = ['健全政府机构职能体系', '健全依法行政制度体系', '健全行政决策制度体系', '健全行政执法工作体系', '健全突发事件应对体系', '健全社会矛盾纠纷化解体系', '健全行政权力制约监督体系', '健全法治政府建设科技保障体系'];
const ACTS = ['全面推行', '深入推进', '持续完善', '严格落实', '加快建立', '扎实开展', '不断健全', '稳步推进'];
const THINGS = ['行政执法公示制度', '重大行政决策合法性审查', '规范性文件备案审查', '行政复议体制改革', '政务服务标准化建设', '行政执法案卷评查', '领导干部学法用法', '法律顾问工作机制', '公职律师制度', '证明事项告知承诺制', '包容审慎监管', '府院联动机制', '人民调解组织建设', '信访法治化', '数字政府建设'];
const FACTS = ['召开专题会议', '制定工作方案', '开展督促检查', '组织集中培训', '印发实施意见', '完成年度评估', '建立工作台账', '开展专项整治'];

const bench: Bench = async (ctx) => {
  const pg = ctx.databaseUrl.startsWith('postgres') ? await postgresTestDb() : null;
  const handle = pg ?? openDatabase(ctx.databaseUrl);
  if (!pg) await migrateToLatest(handle.db);
  const db = handle.db;
  const name = pg ? 'PostgreSQL' : 'SQLite';
  const results: BenchResult[] = [];
  try {
    // ---- (1) drafting
    const g = await generateCounty(db, { today: '2025-11-20', password: 'Bench1234', units: ctx.quick ? 12 : 60, tasks: ctx.quick ? 30 : 150 });
    const region = (await regionsRepo.findById(db, g.regionId))!;
    const sys: ServiceContext = { db, clock: new FixedClock('2025-11-20T02:00:00Z'), actor: systemActor('bench') };
    const times: number[] = [];
    let blocks = 0;
    for (let i = 0; i < (ctx.quick ? 2 : 6); i++) {
      const t = await timeMs(async () => (blocks = (await composeDraft(sys.db, { region, unit: null, year: 2024, today: '2025-11-20' })).blocks.length));
      if (i > 0) times.push(t);
    }
    const unit = (await unitsRepo.findById(db, g.unitIds[0]!))!;
    const unitMs = await timeMs(() => composeDraft(sys.db, { region, unit, year: 2024, today: '2025-11-20' }));
    console.log(`  (${g.reports} reports; region draft ${blocks} blocks, median ${median(times).toFixed(0)} ms; a unit's draft ${unitMs.toFixed(0)} ms)`);
    results.push(atMost(`annual report draft, region, county scale, ${name}`, Math.max(...times), 'ms', 2000));

    // ---- (2) portal search over 10,000 published reports
    const n = ctx.quick ? 500 : 10_000;
    const t0 = performance.now();
    const { regions, now } = await seedPortal(db, n);
    // What autovacuum does on a server after a bulk load (0014 asks it to come early; the test server runs with
    // autovacuum off): planner statistics, and the visibility map that lets the search read its index alone.
    // Without it every index entry costs a table page read (BENCH_NO_VACUUM=1 measures that case).
    if (pg && process.env.BENCH_NO_VACUUM !== '1') await sql`vacuum (analyze) annual_search_terms, annual_publications`.execute(db);
    const terms = Number((await db.selectFrom('annual_search_terms').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
    console.log(`  (${n} published reports indexed in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${terms} (word, report) rows)`);
    const queries = PORTAL_QUERIES;
    const anon: ServiceContext = { db, clock: new FixedClock(now), actor: { kind: 'anonymous' } };
    const lat: number[] = [];
    let hits = 0;
    for (let i = 0; i < (ctx.quick ? 30 : 300); i++) {
      const q = queries[i % queries.length]!;
      const byRegion = i % 3 === 0 ? regions[i % regions.length]!.id : undefined;
      const t = await timeMs(async () => (hits += (await portalSearch(anon, { q, regionId: byRegion, page: 1, pageSize: 20 })).total));
      if (i >= queries.length) lat.push(t); // the first round warms the caches
    }
    console.log(`  (search: p50 ${percentile(lat, 50).toFixed(1)} ms, p95 ${percentile(lat, 95).toFixed(1)} ms, max ${Math.max(...lat).toFixed(1)} ms; ${hits} matches in all)`);
    if (!hits) throw new Error('search found nothing');
    results.push(atMost(`portal search p95, ${n} published reports, ${name}`, percentile(lat, 95), 'ms', 50));
  } finally {
    if (pg) await pg.dispose();
    else await handle.close();
  }
  return results;
};

/** The bench's query mix: one-, two- and three-word queries, common and rare. */
export const PORTAL_QUERIES = ['行政复议', '法治政府', '合法性审查', '府院联动', '信访法治化 专项整治', '数字政府建设', '公职律师', '第17局', '包容审慎监管 培训', '检索3县第5局', '证明事项告知承诺制', '案卷评查 阶段性成效', '人民调解', '备案审查', '领导干部学法用法'];

/** Publishes `n` synthetic reports in 40 regions (deterministic texts), indexed as publishing does. */
export async function seedPortal(db: Db, n: number): Promise<{ regions: { id: string; name: string }[]; now: Date }> {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const regions: { id: string; name: string }[] = [];
  for (let i = 0; i < 40; i++) {
    const id = newId();
    const rn = `检索${i + 1}县`;
    await regionsRepo.insert(db, { id, parent_id: null, name: rn, level: 'county', abbr: '检', province: null, prefecture: null, sort_order: i, created_at: new Date().toISOString() });
    regions.push({ id, name: rn });
  }
  const now = new Date('2026-03-20T02:00:00Z');
  for (let start = 0; start < n; start += 250) {
    await inTransaction(db, async (trx) => {
      for (let i = start; i < Math.min(n, start + 250); i++) {
        const r = regions[i % regions.length]!;
        const year = 2021 + (i % 5);
        const unitName = `${r.name}第${(i % 60) + 1}局`;
        const title = `${unitName}${year}年法治政府建设情况报告`;
        const paras = Array.from({ length: 14 }, () => `${pick(ACTS)}${pick(THINGS)}，${pick(FACTS)}${1 + Math.floor(rand() * 20)}次，${pick(FACTS)}，${pick(THINGS)}取得${pick(['明显', '积极', '阶段性'])}成效。`);
        const text = [title, `一、${pick(CHAPTERS)}`, ...paras.slice(0, 7), '二、存在的不足和原因', ...paras.slice(7, 10), '三、主要负责人履行推进法治建设第一责任人职责情况', paras[10]!, '四、下一年度工作打算', ...paras.slice(11)].join('\n');
        const reportId = newId(now.getTime());
        const pubId = newId(now.getTime());
        await trx.insertInto('annual_reports').values({ id: reportId, region_id: r.id, unit_id: null, scope_key: `bench-${i}`, year, title, state: 'published', body_json: '[]', facts_json: '{}', recipients_json: '[]', submit_due: `${year + 1}-03-01`, publish_due: `${year + 1}-04-01`, submitted_at: now.toISOString(), submitted_by_name: 'bench', published_at: now.toISOString(), created_by_name: 'bench', version: 1, created_at: now.toISOString(), updated_at: now.toISOString() }).execute();
        await annualRepo.insertPublication(trx, { id: pubId, report_id: reportId, region_id: r.id, unit_id: null, year, no: 1, title, region_name: r.name, unit_name: unitName, body_json: JSON.stringify(text.split('\n').slice(1).map((t) => ({ type: 'paragraph', text: t }))), plain_text: text, correction_note: null, published_by_name: 'bench', published_at: new Date(now.getTime() + i * 1000).toISOString(), superseded_at: null });
        await annualRepo.insertTerms(trx, [...termsOf(text)].map(([term, tf]) => ({ term, publication_id: pubId, region_id: r.id, year, tf })));
      }
    });
  }
  return { regions, now };
}

export default bench;
