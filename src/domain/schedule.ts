/**
 * 序时进度 (progress on schedule) and a task's status.
 *
 * By today, a task should be as far along as the share of its time that has passed. A unit whose
 * reported progress trails that share by more than a tolerance is 滞后 (behind); one past its due
 * date and not done is 逾期 (overdue). These drive reminders (提醒) and warnings (警示).
 */
import { AppError } from '../shared/errors.ts';
import { type IsoDate, assertIsoDate, compareDates, diffDays, formatChineseDate, maxDate } from './dates.ts';

export const REPORTED_STATES = ['未启动', '推进中', '已完成', '长期坚持-本期已落实'] as const;
/** The state a unit reports for a task in a period. */
export type ReportedState = (typeof REPORTED_STATES)[number];

export const TASK_STATUSES = ['未开始', '推进中', '已完成', '长期坚持', '逾期', '滞后'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const DEFAULT_MARGIN_PERCENT = 15;

const round1 = (x: number): number => Math.round(x * 10) / 10;
/** 50 → '50', 33.3 → '33.3' */
const pct = (x: number): string => String(round1(x));

/**
 * Elapsed share of the task's time by the end of `today`, in percent, 0..100, one decimal.
 * Days are counted inclusively: on the start day 1/N of the time has passed, on the due day all of it,
 * because "by today" means by the end of today. Before the start it is 0, after the due date 100.
 * A due date before the start date is a data error and throws.
 */
export function expectedProgress(start: IsoDate, due: IsoDate, today: IsoDate): number {
  assertIsoDate(start, '开始日期');
  assertIsoDate(due, '完成时限');
  assertIsoDate(today, '当前日期');
  if (compareDates(due, start) < 0) {
    throw new AppError('VALIDATION', `完成时限 ${due} 早于开始日期 ${start}`);
  }
  if (compareDates(today, start) < 0) return 0;
  if (compareDates(today, due) >= 0) return 100;
  return round1(((diffDays(start, today) + 1) / (diffDays(start, due) + 1)) * 100);
}

export interface TaskStatusInput {
  start: IsoDate;
  /** the task's effective due date (deadline.effectiveDue); null for a purely ongoing task or when unknown */
  due: IsoDate | null;
  ongoing: boolean;
  /** the state of the latest ACCEPTED report (a returned report does not count); null when none */
  reportedState: ReportedState | null;
  /** completion percentage of that report, 0..100; null when not given */
  reportedPercent: number | null;
  today: IsoDate;
  /** tolerance in percentage points before a task counts as 滞后; default 15 */
  marginPercent?: number;
  /** due date of a granted extension (延期); it moves the due date later, never earlier */
  extensionDue?: IsoDate | null;
}

export interface TaskStatusResult {
  status: TaskStatus;
  /** why, in Chinese, for the dashboard and for reminder/warning texts */
  reason: string;
  /** the due date used, after any extension */
  due: IsoDate | null;
  extended: boolean;
  /** 序时进度 today, or null when the task has no due date */
  expectedPercent: number | null;
  /** the progress compared (reported percent; 0 when not started), or null when unknown */
  actualPercent: number | null;
  /** calendar days past the due date (0 unless 逾期) */
  daysOverdue: number;
}

/** The due date after an extension: the later of the two, since an extension cannot shorten the time. */
export function dueAfterExtension(due: IsoDate | null, extensionDue: IsoDate | null | undefined): IsoDate | null {
  if (!extensionDue) return due;
  assertIsoDate(extensionDue, '延期后的完成时限');
  return due ? maxDate(due, extensionDue) : extensionDue;
}

function checkPercent(p: number | null): number | null {
  if (p === null) return null;
  if (!Number.isFinite(p) || p < 0 || p > 100) throw new AppError('VALIDATION', `完成比例应在 0 到 100 之间：${p}`);
  return p;
}

const notStarted = (s: ReportedState | null): boolean => s === null || s === '未启动';

type Base = Omit<TaskStatusResult, 'status' | 'reason'>;

function done(input: TaskStatusInput, base: Base): TaskStatusResult {
  return input.ongoing
    ? { ...base, status: '长期坚持', reason: '阶段性任务已完成，转入长期坚持' }
    : { ...base, status: '已完成', reason: '已报告完成并经审核通过' };
}

function withoutDue(input: TaskStatusInput, base: Base): TaskStatusResult {
  if (input.ongoing) {
    const reason = input.reportedState === '长期坚持-本期已落实' ? '长期坚持任务，本期已落实' : '长期坚持任务，本期尚未报告落实情况';
    return { ...base, status: '长期坚持', reason };
  }
  if (compareDates(input.today, input.start) < 0 || notStarted(input.reportedState)) {
    return { ...base, status: '未开始', reason: '未明确完成时限，尚未启动' };
  }
  return { ...base, status: '推进中', reason: '未明确完成时限，无法计算序时进度' };
}

function overdue(due: IsoDate, base: Base): TaskStatusResult {
  const ext = base.extended ? '（已含延期）' : '';
  return {
    ...base,
    status: '逾期',
    reason: `已超过完成时限${formatChineseDate(due)}${ext}${base.daysOverdue}天，尚未完成`,
  };
}

function onSchedule(input: TaskStatusInput, due: IsoDate, base: Base, margin: number): TaskStatusResult {
  if (compareDates(input.today, input.start) < 0) {
    return input.reportedState === '推进中'
      ? { ...base, status: '推进中', reason: `已提前启动（计划${formatChineseDate(input.start)}开始）` }
      : { ...base, status: '未开始', reason: `计划于${formatChineseDate(input.start)}开始` };
  }
  const expected = expectedProgress(input.start, due, input.today);
  const actual = base.actualPercent;
  const withExpected = { ...base, expectedPercent: expected };
  if (actual === null) {
    return { ...withExpected, status: '推进中', reason: `未报告完成比例，无法比对序时进度（应达${pct(expected)}%）` };
  }
  const lag = round1(expected - actual);
  if (lag > margin) {
    const what = notStarted(input.reportedState) ? '尚未启动' : `实际${pct(actual)}%`;
    return {
      ...withExpected,
      status: '滞后',
      reason: `序时进度应达${pct(expected)}%，${what}，落后${pct(lag)}个百分点（容差${pct(margin)}个百分点）`,
    };
  }
  if (notStarted(input.reportedState)) {
    return { ...withExpected, status: '未开始', reason: `尚未启动，序时进度${pct(expected)}%，仍在容差内` };
  }
  return { ...withExpected, status: '推进中', reason: `实际进度${pct(actual)}%，序时进度${pct(expected)}%` };
}

/**
 * The status of one task today. Rules, in order:
 * 1. reported 已完成 → 已完成 (or 长期坚持 when the task goes on as an ongoing duty after its date);
 * 2. no due date → 长期坚持 for an ongoing task, else 未开始 / 推进中 by the reported state;
 * 3. today after the due date (after any extension) → 逾期; the due date itself is not late;
 * 4. before the start → 未开始 (推进中 if the unit already reports progress);
 * 5. expected − reported > margin → 滞后 (not started counts as 0%);
 * 6. otherwise 未开始 when not started yet, else 推进中.
 * A reported 推进中 without a percentage cannot be compared and stays 推进中, saying so.
 */
export function taskStatus(input: TaskStatusInput): TaskStatusResult {
  assertIsoDate(input.start, '开始日期');
  assertIsoDate(input.today, '当前日期');
  if (input.due !== null) assertIsoDate(input.due, '完成时限');
  const margin = input.marginPercent ?? DEFAULT_MARGIN_PERCENT;
  if (!Number.isFinite(margin) || margin < 0) throw new AppError('VALIDATION', `容差应为非负数：${margin}`);
  const reported = checkPercent(input.reportedPercent);
  const due = dueAfterExtension(input.due, input.extensionDue);
  const base: Base = {
    due,
    extended: due !== null && due !== input.due,
    expectedPercent: null,
    actualPercent: reported ?? (notStarted(input.reportedState) ? 0 : null),
    daysOverdue: 0,
  };
  if (input.reportedState === '已完成') return done(input, base);
  if (due === null) return withoutDue(input, base);
  if (compareDates(input.today, due) > 0) {
    return overdue(due, { ...base, expectedPercent: 100, daysOverdue: diffDays(due, input.today) });
  }
  return onSchedule(input, due, base, margin);
}

export type StatusSummary = Record<TaskStatus, number> & { total: number };

/** Counts per status (every status present, zero when absent) and the total. Accepts statuses or results. */
export function summarizeStatuses(list: readonly (TaskStatus | { status: TaskStatus })[]): StatusSummary {
  const summary = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;
  for (const item of list) {
    const status = typeof item === 'string' ? item : item.status;
    if (!(TASK_STATUSES as readonly string[]).includes(status)) {
      throw new AppError('VALIDATION', `未知的任务状态：${String(status)}`);
    }
    summary[status]++;
  }
  return { ...summary, total: list.length };
}
