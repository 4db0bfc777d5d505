/**
 * Reminders of the annual report deadlines, run daily per region by the scheduler (job 'annual.daily',
 * claimed per day and region in job_runs like the supervision rules, so a restart or a second server
 * never sends a day twice). On the days set before the 报送 deadline (3月1日 by default) and the 公开
 * deadline (4月1日), every unit whose report of the past year has not reached that step is reminded
 * (its liaisons; the office for the region's own report), and on the day after a missed deadline the
 * unit and the office are told it is overdue. Each message carries a dedupe key (scope, year, step, day
 * count), so re-running a day sends nothing twice.
 */
import type { Db } from '../db/client.ts';
import { annualRepo } from '../db/repositories/annual-reports.ts';
import { regionsRepo } from '../db/repositories/regions.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import { annualDeadlines, DEFAULT_PUBLISH_DUE, DEFAULT_REMIND_DAYS, DEFAULT_SUBMIT_DUE, reminderToday } from '../domain/annual-document.ts';
import { formatChineseDate, type IsoDate } from '../domain/dates.ts';
import type { Clock } from '../shared/clock.ts';
import { inTransaction } from '../db/client.ts';
import { systemActor, type ServiceContext } from './context.ts';
import { catchUpJob, runClaimedDay, type DayRun } from './daily-jobs.ts';
import { notify, officeRecipients, recipientsOfUnit } from './notifications.ts';

export const ANNUAL_JOB = 'annual.daily';

export interface AnnualReminderSummary {
  year: number;
  reminded: number;
  overdue: number;
}

export async function runAnnualReminders(ctx: ServiceContext, input: { regionId: string; day: IsoDate }): Promise<AnnualReminderSummary> {
  const year = Number(input.day.slice(0, 4)) - 1;
  const s = await annualRepo.settings(ctx.db, input.regionId);
  const remindDays = s ? (JSON.parse(s.remind_days_json) as number[]) : DEFAULT_REMIND_DAYS;
  const due = annualDeadlines(year, s?.submit_due ?? DEFAULT_SUBMIT_DUE, s?.publish_due ?? DEFAULT_PUBLISH_DUE);
  const out: AnnualReminderSummary = { year, reminded: 0, overdue: 0 };
  const steps = [
    { step: 'submit', label: '报送', due: due.submitDue, d: reminderToday(input.day, due.submitDue, remindDays) },
    { step: 'publish', label: '公开', due: due.publishDue, d: reminderToday(input.day, due.publishDue, remindDays) },
  ].filter((x) => x.d !== null);
  if (!steps.length) return out;
  const region = (await regionsRepo.findById(ctx.db, input.regionId))!;
  const reports = new Map((await annualRepo.boardOf(ctx.db, input.regionId, year)).map((r) => [r.scope_key, r]));
  const units = (await unitsRepo.list(ctx.db, { regionId: input.regionId, active: true })).filter((u) => !u.merged_into_id);
  const scopes = [{ key: 'region', unitId: null as string | null, name: `${region.name}（本级）` }, ...units.map((u) => ({ key: u.id, unitId: u.id, name: u.name }))];
  await inTransaction(ctx.db, async (trx) => {
    const tctx = { ...ctx, db: trx as unknown as Db };
    const office = await officeRecipients(tctx, input.regionId);
    for (const st of steps) {
      for (const sc of scopes) {
        const r = reports.get(sc.key);
        const done = st.step === 'submit' ? !!r?.submitted_at : !!r?.published_at;
        if (done) continue;
        const who = sc.unitId ? await recipientsOfUnit(tctx, sc.unitId) : office;
        const link = r ? `/annual-reports/${r.id}` : '/annual-reports';
        if (st.d === 0) {
          out.overdue++;
          await notify(tctx, { regionId: input.regionId, userIds: [...who, ...office], kind: 'annual', title: `【年度报告逾期】${sc.name}${year}年度法治政府建设情况报告未按时${st.label}`, body: `${st.label}时限为${formatChineseDate(st.due)}，目前报告${r ? '尚未' + st.label : '尚未起草'}。请尽快办理。`, link, dedupeKey: `annual-overdue:${input.regionId}:${sc.key}:${year}:${st.step}` });
        } else {
          out.reminded++;
          await notify(tctx, { regionId: input.regionId, userIds: who, kind: 'annual', title: `【年度报告提醒】${year}年度法治政府建设情况报告还有${st.d}天${st.label}截止`, body: `${sc.name}的${year}年度报告应于${formatChineseDate(st.due)}前${st.label}，目前${r ? `状态为「${r.state === 'draft' ? '起草中' : r.state === 'review' ? '内部审核' : r.state === 'approved' ? '已审定' : '已报送'}」` : '尚未起草'}。`, link, dedupeKey: `annual-remind:${input.regionId}:${sc.key}:${year}:${st.step}:${st.d}` });
        }
      }
    }
  });
  return out;
}

export interface AnnualJobDeps {
  db: Db;
  clock: Clock;
}

/** Runs one region's annual reminders for one day, once (the job_runs claim). */
export const runAnnualDay = (deps: AnnualJobDeps, regionId: string, day: IsoDate): Promise<DayRun<AnnualReminderSummary>> =>
  runClaimedDay(deps, ANNUAL_JOB, regionId, day, () => runAnnualReminders({ db: deps.db, clock: deps.clock, actor: systemActor('年度报告提醒') }, { regionId, day }));

/** Every region, each day since its last completed run (at most `maxDays` back) through today. */
export const catchUpAnnual = (deps: AnnualJobDeps, opts: { maxDays?: number } = {}) => catchUpJob(deps, ANNUAL_JOB, (regionId, day) => runAnnualDay(deps, regionId, day), opts);
