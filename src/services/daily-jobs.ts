/**
 * The daily jobs' common machinery. A (job, day, region) is claimed by inserting its `job_runs` row —
 * the unique index lets one server through, so a restart or a second instance never runs a day twice —
 * then the work runs and the row records its summary or its error. `catchUpJob` runs every day from the
 * day after a region's last completed run through today (at most `maxDays` back), each with its own date.
 */
import type { Db } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { regionsRepo } from '../db/repositories/regions.ts';
import { supervisionRepo } from '../db/repositories/supervision.ts';
import { addDays, type IsoDate } from '../domain/dates.ts';
import { todayIn, type Clock } from '../shared/clock.ts';

/** a run still 'running' after this long belongs to a server that died; another may take it over */
const STALE_MS = 30 * 60_000;

export interface DayRun<S> {
  /** false when another server (or an earlier run) already had the day */
  ran: boolean;
  summary?: S;
  error?: string;
}

export async function runClaimedDay<S>(deps: { db: Db; clock: Clock }, job: string, regionId: string, day: IsoDate, work: () => Promise<S>): Promise<DayRun<S>> {
  const now = deps.clock.now();
  const id = newId(now.getTime());
  const claimed = await supervisionRepo.claimRun(deps.db, { id, job, run_date: day, region_id: regionId, state: 'running', attempts: 1, summary_json: null, error: null, started_at: now.toISOString(), finished_at: null }, new Date(now.getTime() - STALE_MS).toISOString());
  if (!claimed) return { ran: false };
  try {
    const summary = await work();
    await supervisionRepo.finishRun(deps.db, id, { state: 'done', finished_at: deps.clock.now().toISOString(), summary_json: JSON.stringify(summary) });
    return { ran: true, summary };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    await supervisionRepo.finishRun(deps.db, id, { state: 'failed', finished_at: deps.clock.now().toISOString(), error });
    return { ran: true, error };
  }
}

export async function catchUpJob<S>(deps: { db: Db; clock: Clock }, job: string, runDay: (regionId: string, day: IsoDate) => Promise<DayRun<S>>, opts: { maxDays?: number } = {}): Promise<(DayRun<S> & { regionId: string; day: IsoDate })[]> {
  const maxDays = opts.maxDays ?? 31;
  const today = todayIn(deps.clock);
  const out: (DayRun<S> & { regionId: string; day: IsoDate })[] = [];
  for (const region of await regionsRepo.list(deps.db)) {
    const last = await supervisionRepo.lastRunDate(deps.db, job, region.id);
    let day = last ? addDays(last, 1) : today;
    if (day < addDays(today, -(maxDays - 1))) day = addDays(today, -(maxDays - 1));
    for (; day <= today; day = addDays(day, 1)) out.push({ regionId: region.id, day, ...(await runDay(region.id, day)) });
  }
  return out;
}
