/**
 * The daily supervision rules of a region, for one day: 提醒 before reports and tasks fall due, 警示
 * when reports are overdue or tasks are overdue or behind 序时进度, warnings closed by themselves when
 * the cause is gone, escalation of warnings and 督办单 nobody answered. Every alert has a dedupe key
 * (rule, subject, threshold), so running a day twice records and sends nothing twice. All of a day's
 * writes, including the notifications' outbox rows, are one transaction.
 */
import { inTransaction, type Executor } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { plansRepo } from '../db/repositories/plans.ts';
import { regionsRepo } from '../db/repositories/regions.ts';
import { supervisionRepo } from '../db/repositories/supervision.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import type { AlertRow, PlanRow, ReportingPeriodRow } from '../db/schema.ts';
import type { WorkCalendar } from '../domain/calendar.ts';
import { formatChineseDate, yearOf, type IsoDate } from '../domain/dates.ts';
import { AssumedYears, daysLeftText, documentNumber, escalationDue, firstWarningDay, isWorkday, regionAbbr, reminderDueOn, type SupervisionRules } from '../domain/supervision.ts';
import type { AlertRule } from '../shared/api/supervision.ts';
import { AppError } from '../shared/errors.ts';
import { nowIso, type ServiceContext } from './context.ts';
import { escalationRecipients, notify, recipientsOfUnit } from './notifications.ts';
import { planSnapshot, type PlanSnapshot } from './obligations.ts';
import { currentPeriod } from './periods.ts';
import { getRules } from './supervision-settings.ts';
import { planTaskStatuses } from './task-status.ts';
import { taskNumber } from '../domain/task-number.ts';

export interface RuleRunSummary {
  reminders: number;
  warnings: number;
  answered: number;
  escalations: number;
  /** calendar years that were missing and assumed Monday–Friday */
  assumedYears: number[];
}

const SUBMITTED = new Set(['submitted', 'accepted']);

interface NewAlert {
  kind: 'reminder' | 'warning';
  rule: AlertRule;
  unitId: string;
  plan: PlanRow;
  taskId?: string;
  period?: ReportingPeriodRow;
  due: IsoDate | null;
  title: string;
  detail: string;
  key: string;
}

export async function runRegionRules(ctx: ServiceContext, input: { regionId: string; day: IsoDate; calendar: WorkCalendar }): Promise<RuleRunSummary> {
  const { regionId, day, calendar } = input;
  const region = await regionsRepo.findById(ctx.db, regionId);
  if (!region) throw new AppError('NOT_FOUND', '地区不存在');
  const rules = await getRules(ctx.db, regionId);
  const assumed = new AssumedYears();
  const workday = isWorkday(calendar, day, assumed);
  const abbr = regionAbbr(region);
  return inTransaction(ctx.db, async (trx) => {
    const tctx: ServiceContext = { ...ctx, db: trx };
    const summary: RuleRunSummary = { reminders: 0, warnings: 0, answered: 0, escalations: 0, assumedYears: [] };
    const candidates: NewAlert[] = [];
    /** the tasks still late today (a warning about a task that no longer is closes itself) */
    const stillLate = new Set<string>();
    const snapshots = new Map<string, PlanSnapshot>();
    const owingByPeriod = new Map<string, Set<string>>();
    /** does the warned unit still owe a report of the warned period? */
    const owes = async (w: AlertRow): Promise<boolean> => {
      const snap = w.plan_id ? snapshots.get(w.plan_id) : undefined;
      const p = snap?.periods.find((x) => x.id === w.period_id);
      if (!snap || !p) return false;
      if (!owingByPeriod.has(p.id)) owingByPeriod.set(p.id, new Set((await snap.obligations(p)).filter((o) => !SUBMITTED.has(o.state)).map((o) => o.unitId)));
      return owingByPeriod.get(p.id)!.has(w.unit_id);
    };

    for (const plan of await plansRepo.list(trx, regionId)) {
      const snap = await planSnapshot(trx, plan, day);
      snapshots.set(plan.id, snap);
      const statuses = await planTaskStatuses(trx, plan, day);
      const tasks = new Map(snap.tasks.map((t) => [t.id, t]));
      const owners = (taskId: string) => {
        const list = snap.assignments.filter((a) => a.task_id === taskId);
        const lead = list.filter((a) => a.role === 'lead');
        return (lead.length ? lead : list).map((a) => a.unit_id);
      };

      // reports: reminders before the due date, a warning once it has passed
      const passed = snap.periods.filter((p) => p.due < day).pop();
      const upcoming = snap.periods.filter((p) => p.due >= day && p.start_date <= day);
      for (const p of [...upcoming, ...(passed ? [passed] : [])]) {
        const n = p.due >= day ? reminderDueOn(calendar, day, p.due, rules.remindDays, assumed) : null;
        const warn = p === passed && rules.warnOverdueReports && workday && firstWarningDay(calendar, p.due, assumed) <= day;
        if (n === null && !warn) continue;
        const owing = new Map<string, number>();
        for (const o of await snap.obligations(p)) if (!SUBMITTED.has(o.state)) owing.set(o.unitId, (owing.get(o.unitId) ?? 0) + 1);
        for (const [unitId, count] of owing) {
          if (n !== null) {
            candidates.push({
              kind: 'reminder',
              rule: 'report-due',
              unitId,
              plan,
              period: p,
              due: p.due,
              key: `report-due:${p.id}:${unitId}:${n}`,
              title: `${p.label}进展报送将于${formatChineseDate(p.due)}截止（${daysLeftText(day, p.due)}）`,
              detail: `贵单位在《${plan.title}》中尚有 ${count} 项任务的${p.label}进展未报送，请于${formatChineseDate(p.due)}前报送。`,
            });
          }
          if (warn) {
            candidates.push({
              kind: 'warning',
              rule: 'report-overdue',
              unitId,
              plan,
              period: p,
              due: p.due,
              key: `report-overdue:${p.id}:${unitId}`,
              title: `${p.label}进展报送已逾期`,
              detail: `贵单位在《${plan.title}》中有 ${count} 项任务的${p.label}进展应于${formatChineseDate(p.due)}前报送，至今未报送，请立即补报并说明原因。`,
            });
          }
        }
      }

      // tasks: reminders before their due date (after any granted extension), warnings when late
      const period = currentPeriod(snap.periods, day);
      for (const [taskId, st] of statuses) {
        const task = tasks.get(taskId);
        if (!task || st.status === '已完成') continue;
        const label = `任务${taskNumber(task.path_json)}`;
        if (st.status === '逾期' || st.status === '滞后') stillLate.add(taskId);
        for (const unitId of owners(taskId)) {
          if (st.due && st.due >= day) {
            const n = reminderDueOn(calendar, day, st.due, rules.remindDays, assumed);
            if (n !== null) {
              candidates.push({
                kind: 'reminder',
                rule: 'task-due',
                unitId,
                plan,
                taskId,
                due: st.due,
                key: `task-due:${taskId}:${st.due}:${unitId}:${n}`,
                title: `${label}将于${formatChineseDate(st.due)}到期（${daysLeftText(day, st.due)}）`,
                detail: `「${task.text.slice(0, 80)}」完成时限为${formatChineseDate(st.due)}${st.extended ? '（已批准延期）' : ''}，请抓紧推进并按时报送完成情况。`,
              });
            }
          }
          if (!rules.warnBehindTasks || !workday) continue;
          if (st.status === '逾期' && st.due && firstWarningDay(calendar, st.due, assumed) <= day) {
            candidates.push({
              kind: 'warning',
              rule: 'task-overdue',
              unitId,
              plan,
              taskId,
              due: st.due,
              key: `task-overdue:${taskId}:${st.due}:${unitId}`,
              title: `${label}逾期未完成`,
              detail: `「${task.text.slice(0, 80)}」应于${formatChineseDate(st.due)}前完成，已逾期 ${st.daysOverdue} 天。${st.reason}`,
            });
          }
          if (st.status === '滞后' && period) {
            candidates.push({
              kind: 'warning',
              rule: 'task-behind',
              unitId,
              plan,
              taskId,
              period,
              due: st.due,
              key: `task-behind:${taskId}:${period.id}:${unitId}`,
              title: `${label}滞后于序时进度`,
              detail: `「${task.text.slice(0, 80)}」${st.reason}`,
            });
          }
        }
      }
    }

    // record what is new (the dedupe key decides), and tell the unit
    const known = await supervisionRepo.alertKeys(trx, regionId, candidates.map((c) => c.key));
    const seq = { reminder: 0, warning: 0 };
    const year = yearOf(day);
    for (const c of candidates) {
      if (known.has(c.key)) continue;
      known.add(c.key);
      if (!seq[c.kind]) seq[c.kind] = (await supervisionRepo.nextAlertSeq(trx, regionId, c.kind, year)) - 1;
      const row: AlertRow = {
        id: newId(ctx.clock.now().getTime()),
        region_id: regionId,
        kind: c.kind,
        year,
        seq: ++seq[c.kind],
        rule: c.rule,
        unit_id: c.unitId,
        plan_id: c.plan.id,
        task_id: c.taskId ?? null,
        period_id: c.period?.id ?? null,
        due_date: c.due,
        title: c.title,
        detail: c.detail,
        dedupe_key: c.key,
        rule_date: day,
        answered_at: null,
        answer: null,
        answered_by: null,
        escalated_at: null,
        created_at: nowIso(ctx),
      };
      await supervisionRepo.insertAlert(trx, row);
      if (c.kind === 'reminder') summary.reminders++;
      else summary.warnings++;
      const number = documentNumber(abbr, c.kind === 'reminder' ? '提' : '警', year, row.seq);
      await notify(tctx, {
        regionId,
        userIds: await recipientsOfUnit(tctx, c.unitId),
        kind: c.kind,
        title: `【${c.kind === 'reminder' ? '提醒' : '警示'}】${c.title}`,
        body: `${number}\n${c.detail}`,
        link: c.taskId ? `/tasks/${c.taskId}` : '/reports',
        dedupeKey: `alert:${row.id}`,
      });
    }

    // warnings whose cause is gone close themselves; the others escalate after M working days
    const unitNames = new Map<string, string>();
    const unitName = async (id: string) => unitNames.get(id) ?? unitNames.set(id, (await unitsRepo.findById(trx, id))?.name ?? '').get(id)!;
    for (const w of await supervisionRepo.openWarnings(trx, regionId)) {
      const gone = w.rule === 'report-overdue' ? !(await owes(w)) : w.task_id !== null && !stillLate.has(w.task_id);
      if (gone && w.rule_date < day) {
        const answer = w.rule === 'report-overdue' ? '已补报（系统确认）' : '任务已不再逾期或滞后（系统确认）';
        if (await supervisionRepo.answerAlert(trx, w.id, { answered_at: nowIso(ctx), answer, answered_by: '系统' })) summary.answered++;
        continue;
      }
      if (w.escalated_at || !workday || !escalationDue(calendar, w.rule_date, day, rules.escalateAfterDays, assumed)) continue;
      if (!(await supervisionRepo.escalateAlert(trx, w.id, nowIso(ctx)))) continue;
      summary.escalations++;
      const name = await unitName(w.unit_id);
      const number = documentNumber(abbr, '警', w.year, w.seq);
      await notify(tctx, {
        regionId,
        userIds: await escalationRecipients(tctx, { regionId, unitId: w.unit_id, taskId: w.task_id }),
        kind: 'escalation',
        title: `【升级】${name}：${w.title}`,
        body: `警示 ${number}（${formatChineseDate(w.rule_date)}发出）超过 ${rules.escalateAfterDays} 个工作日未处理，现提请单位主要负责人和牵头领导督促。\n${w.detail}`,
        link: w.task_id ? `/tasks/${w.task_id}` : '/supervision/warnings',
        dedupeKey: `escalate:${w.id}`,
      });
    }

    // 督办单 not answered by their reply date
    for (const n of await supervisionRepo.overdueNotices(trx, regionId, day)) {
      if (!workday) break;
      if (!(await supervisionRepo.updateNotice(trx, n.id, n.version, { escalated_at: nowIso(ctx), updated_at: nowIso(ctx) }))) continue;
      summary.escalations++;
      await supervisionRepo.insertNoticeEvent(trx, { id: newId(ctx.clock.now().getTime()), notice_id: n.id, region_id: regionId, action: 'escalate', actor_name: '系统', text: `超过反馈期限（${formatChineseDate(n.reply_due)}）未反馈，已提请领导督促`, created_at: nowIso(ctx) });
      await notify(tctx, {
        regionId,
        userIds: await escalationRecipients(tctx, { regionId, unitId: n.unit_id, taskId: null }),
        kind: 'escalation',
        title: `【升级】督办单 ${n.number} 逾期未反馈`,
        body: `${await unitName(n.unit_id)}应于${formatChineseDate(n.reply_due)}前反馈督办单 ${n.number}，至今未反馈。`,
        link: `/supervision/notices/${n.id}`,
        dedupeKey: `escalate-notice:${n.id}`,
      });
    }
    summary.assumedYears = assumed.list();
    return summary;
  });
}

/** For tests and the admin: the alerts a day's run recorded. */
export const alertsOfDay = (db: Executor, regionId: string, day: IsoDate) => supervisionRepo.alertsOfRun(db, regionId, day);
