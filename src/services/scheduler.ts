/**
 * The daily job. Each (job, day, region) is claimed by inserting its `job_runs` row — the unique index
 * lets one server through, so a restart or a second app instance on the same PostgreSQL never runs a
 * day twice — then the region's rules run for that day and the row records what they did.
 * On start-up and every few minutes, `catchUp` runs every day since the last completed one (at most
 * `maxDays` back), so days missed while the server was down are run in order, each with its own date.
 */
import type { Db } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { regionsRepo } from '../db/repositories/regions.ts';
import { supervisionRepo } from '../db/repositories/supervision.ts';
import type { WorkCalendar } from '../domain/calendar.ts';
import { addDays, type IsoDate } from '../domain/dates.ts';
import type { JobRun } from '../shared/api/supervision.ts';
import { todayIn, type Clock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import { systemActor, type ServiceContext } from './context.ts';
import { officeOf, visibleRegionIds } from './policies.ts';
import { runRegionRules, type RuleRunSummary } from './supervision-rules.ts';
import type { z } from 'zod';

export const RULES_JOB = 'supervision.daily';
/** a run still 'running' after this long belongs to a server that died; another may take it over */
const STALE_MS = 30 * 60_000;

export interface SchedulerDeps {
  db: Db;
  clock: Clock;
  loadCalendar: () => Promise<WorkCalendar>;
}

export interface DayOutcome {
  regionId: string;
  day: IsoDate;
  /** false when another server (or an earlier run) already had the day */
  ran: boolean;
  summary?: RuleRunSummary;
  error?: string;
}

/** Runs one region's rules for one day, once. */
export async function runDay(deps: SchedulerDeps, regionId: string, day: IsoDate): Promise<DayOutcome> {
  const now = deps.clock.now();
  const id = newId(now.getTime());
  const claimed = await supervisionRepo.claimRun(deps.db, { id, job: RULES_JOB, run_date: day, region_id: regionId, state: 'running', attempts: 1, summary_json: null, error: null, started_at: now.toISOString(), finished_at: null }, new Date(now.getTime() - STALE_MS).toISOString());
  if (!claimed) return { regionId, day, ran: false };
  const ctx: ServiceContext = { db: deps.db, clock: deps.clock, actor: systemActor('督办定时任务') };
  try {
    const summary = await runRegionRules(ctx, { regionId, day, calendar: await deps.loadCalendar() });
    await supervisionRepo.finishRun(deps.db, id, { state: 'done', finished_at: deps.clock.now().toISOString(), summary_json: JSON.stringify(summary) });
    return { regionId, day, ran: true, summary };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    await supervisionRepo.finishRun(deps.db, id, { state: 'failed', finished_at: deps.clock.now().toISOString(), error });
    return { regionId, day, ran: true, error };
  }
}

/** Runs every region's rules for each day from the day after its last completed run through today. */
export async function catchUp(deps: SchedulerDeps, opts: { maxDays?: number } = {}): Promise<DayOutcome[]> {
  const maxDays = opts.maxDays ?? 31;
  const today = todayIn(deps.clock);
  const out: DayOutcome[] = [];
  for (const region of await regionsRepo.list(deps.db)) {
    const last = await supervisionRepo.lastRunDate(deps.db, RULES_JOB, region.id);
    let day = last ? addDays(last, 1) : today;
    if (day < addDays(today, -(maxDays - 1))) day = addDays(today, -(maxDays - 1));
    for (; day <= today; day = addDays(day, 1)) out.push(await runDay(deps, region.id, day));
  }
  return out;
}

/**
 * Starts the loop: a catch-up now, then every `everyMs`. A failure is logged and the loop goes on;
 * it never takes the server down. Returns a stop function that waits for a run in progress.
 */
export function startScheduler(deps: SchedulerDeps, log: { info: (o: object, m: string) => void; error: (o: object, m: string) => void }, everyMs = 5 * 60_000): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    running = catchUp(deps)
      .then((r) => {
        const ran = r.filter((x) => x.ran);
        if (ran.length) log.info({ runs: ran.map((x) => ({ region: x.regionId, day: x.day, ...(x.summary ?? { error: x.error }) })) }, '督办规则已运行');
      })
      .catch((e: unknown) => log.error({ err: e }, '督办规则运行失败'));
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}

/** The runs the admin (all regions) or an office (its own) may see, newest first. */
export async function listRuns(ctx: ServiceContext, regionId?: string): Promise<z.infer<typeof JobRun>[]> {
  const visible = visibleRegionIds(ctx.actor);
  if (regionId && !officeOf(ctx.actor, regionId)) throw new AppError('NOT_FOUND', '地区不存在或您无权查看');
  const regionIds = regionId ? [regionId] : visible === null ? null : visible.filter((r) => officeOf(ctx.actor, r));
  if (regionIds && !regionIds.length) throw new AppError('FORBIDDEN', '您没有权限查看定时任务');
  const rows = await supervisionRepo.listRuns(ctx.db, { regionIds, limit: 200 });
  const names = new Map((await regionsRepo.list(ctx.db)).map((r) => [r.id, r.name]));
  return rows.map((r) => ({
    id: r.id,
    job: r.job,
    runDate: r.run_date,
    regionId: r.region_id,
    regionName: names.get(r.region_id) ?? '',
    state: r.state as 'running' | 'done' | 'failed',
    attempts: r.attempts,
    summary: r.summary_json ? (JSON.parse(r.summary_json) as Record<string, unknown>) : null,
    error: r.error,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  }));
}

/**
 * The office (or the admin) runs today's rules now instead of waiting for the loop — e.g. right after
 * changing the rules. The day's claim still holds: a day already run is not run again.
 */
export async function runRulesNow(ctx: ServiceContext, loadCalendar: () => Promise<WorkCalendar>, input: { regionId?: string }): Promise<{ ran: boolean; summary: Record<string, unknown> | null; error: string | null }> {
  const regionId = input.regionId ?? (ctx.actor.kind === 'user' ? ctx.actor.currentRegionId : null);
  if (!regionId || !officeOf(ctx.actor, regionId)) throw new AppError('FORBIDDEN', '您没有权限运行督办规则');
  const out = await runDay({ db: ctx.db, clock: ctx.clock, loadCalendar }, regionId, todayIn(ctx.clock));
  return { ran: out.ran, summary: out.summary ? { ...out.summary } : null, error: out.error ?? null };
}
