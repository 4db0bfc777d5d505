/**
 * The daily job. Each (job, day, region) is claimed by inserting its `job_runs` row — the unique index
 * lets one server through, so a restart or a second app instance on the same PostgreSQL never runs a
 * day twice — then the region's rules run for that day and the row records what they did.
 * On start-up and every few minutes, `catchUp` runs every day since the last completed one (at most
 * `maxDays` back), so days missed while the server was down are run in order, each with its own date.
 */
import type { Db } from '../db/client.ts';
import { regionsRepo } from '../db/repositories/regions.ts';
import { supervisionRepo } from '../db/repositories/supervision.ts';
import type { WorkCalendar } from '../domain/calendar.ts';
import type { IsoDate } from '../domain/dates.ts';
import type { JobRun } from '../shared/api/supervision.ts';
import { todayIn, type Clock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import { systemActor, type ServiceContext } from './context.ts';
import { officeOf, visibleRegionIds } from './policies.ts';
import { runRegionRules, type RuleRunSummary } from './supervision-rules.ts';
import { catchUpAnnual } from './annual-reminders.ts';
import { catchUpInspections } from './inspections-escalation.ts';
import { catchUpJob, runClaimedDay } from './daily-jobs.ts';
import type { z } from 'zod';

export const RULES_JOB = 'supervision.daily';

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
  const ctx: ServiceContext = { db: deps.db, clock: deps.clock, actor: systemActor('督办定时任务') };
  const r = await runClaimedDay(deps, RULES_JOB, regionId, day, async () => runRegionRules(ctx, { regionId, day, calendar: await deps.loadCalendar() }));
  return { regionId, day, ...r };
}

/** Runs every region's rules for each day from the day after its last completed run through today. */
export const catchUp = (deps: SchedulerDeps, opts: { maxDays?: number } = {}): Promise<DayOutcome[]> => catchUpJob(deps, RULES_JOB, (regionId, day) => runDay(deps, regionId, day), opts);

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
      .catch((e: unknown) => log.error({ err: e }, '督办规则运行失败'))
      // the annual report deadline reminders: a job of their own, claimed the same way
      .then(() => catchUpAnnual(deps))
      .then((r) => {
        const ran = r.filter((x) => x.ran);
        if (ran.some((x) => x.error)) log.error({ runs: ran.filter((x) => x.error) }, '年度报告提醒运行失败');
      })
      .catch((e: unknown) => log.error({ err: e }, '年度报告提醒运行失败'))
      // 督察: problems past their rectification deadline escalate (job 'inspection.daily', same claim)
      .then(() => catchUpInspections(deps))
      .then((r) => {
        const ran = r.filter((x) => x.ran);
        if (ran.some((x) => x.error)) log.error({ runs: ran.filter((x) => x.error) }, '督察逾期升级运行失败');
      })
      .catch((e: unknown) => log.error({ err: e }, '督察逾期升级运行失败'));
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
