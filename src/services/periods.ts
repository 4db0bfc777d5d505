import type { Executor } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { periodsRepo } from '../db/repositories/reports.ts';
import type { PlanRow, ReportingPeriodRow } from '../db/schema.ts';
import { generatePeriods, type Frequency } from '../domain/periods.ts';

/**
 * Makes sure a plan has its reporting periods for the whole plan period (quarterly by default,
 * due N days after each period ends). Existing periods are kept (reports point at them); missing
 * ones are added, e.g. when a new version extends the plan period.
 */
export async function ensurePeriods(db: Executor, plan: PlanRow): Promise<ReportingPeriodRow[]> {
  const existing = await periodsRepo.ofPlan(db, plan.id);
  if (!plan.period_start || !plan.period_end) return existing;
  const wanted = generatePeriods({
    start: `${plan.period_start}-01-01`,
    end: `${plan.period_end}-12-31`,
    frequency: plan.report_frequency as Frequency,
    dueOffsetDays: plan.report_due_offset,
  });
  const have = new Set(existing.map((p) => p.key));
  const rows: ReportingPeriodRow[] = wanted
    .filter((p) => !have.has(p.key))
    .map((p) => ({ id: newId(), plan_id: plan.id, region_id: plan.region_id, key: p.key, label: p.label, start_date: p.start, end_date: p.end, due: p.due, closed: 0 }));
  await periodsRepo.insertMany(db, rows);
  return periodsRepo.ofPlan(db, plan.id);
}

/**
 * The period being reported on a given day: the earliest one that has begun and whose reports are
 * not yet due (on 10月5日 the third quarter, due 10月10日; from 10月11日 the fourth). After the
 * last period, the last one.
 */
export function currentPeriod(periods: ReportingPeriodRow[], today: string): ReportingPeriodRow | null {
  const open = periods.filter((p) => p.start_date <= today && p.due >= today).sort((a, b) => a.start_date.localeCompare(b.start_date));
  if (open[0]) return open[0];
  const started = periods.filter((p) => p.start_date <= today);
  return started[started.length - 1] ?? periods[0] ?? null;
}
