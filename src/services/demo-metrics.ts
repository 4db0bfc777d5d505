/**
 * 量化指标 (demo): a few values of the demo county's targets entered by its office, each with a source,
 * so the metrics board and a metric's chart show something on first start: one target met, one behind
 * (at risk or missed by its date), one with a single early figure; the rest stay without data.
 */
import { usersRepo } from '../db/repositories/users.ts';
import { todayIn } from '../shared/clock.ts';
import { regionMetrics } from './assessment-facts.ts';
import { actorFor } from './auth.ts';
import type { ServiceContext } from './context.ts';
import { enterMetricValue } from './metrics.ts';

const round1 = (n: number) => Math.round(n * 10) / 10;

export async function seedDemoMetricValues(ctx: ServiceContext, regionId: string, slug: string): Promise<void> {
  const row = await usersRepo.findByUsername(ctx.db, `${slug}.office`);
  if (!row) return;
  const office: ServiceContext = { ...ctx, actor: await actorFor(ctx.db, row, regionId) };
  const today = todayIn(ctx.clock);
  const year = Number(today.slice(0, 4));
  const { items } = await regionMetrics(ctx.db, regionId, today);
  const numeric = items.filter((i) => i.target !== null && i.target > 0 && (i.op === '>=' || i.op === '>' || i.op === '='));
  // [share of the target last year, share this year so far]: met, behind, one figure only
  const shapes: [number, number | null][] = [[0.9, 1], [0.82, 0.9], [0.75, null]];
  // where each figure comes from: [last year's, this year's so far]
  const sources: [string, string][] = [
    [`县统计局${year - 1}年国民经济和社会发展统计公报`, `县统计局${year}年上半年统计快报`],
    [`县政务服务中心${year - 1}年度统计报表`, `县政务服务中心${year}年上半年统计报表`],
    [`县司法局${year - 1}年行政执法统计年报`, ''],
  ];
  for (const [i, m] of numeric.slice(0, shapes.length).entries()) {
    const [last, now] = shapes[i]!;
    await enterMetricValue(office, m.targetId, { periodLabel: `${year - 1}年`, periodDate: `${year - 1}-12-31`, value: round1(m.target! * last), source: sources[i]![0], note: '演示数据' });
    const mid = `${year}-06-30`;
    if (now !== null && mid <= today) await enterMetricValue(office, m.targetId, { periodLabel: `${year}年上半年`, periodDate: mid, value: round1(m.target! * now), source: sources[i]![1], note: '演示数据' });
  }
}
