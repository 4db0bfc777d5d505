/**
 * Reporting periods (进展报送周期) and which tasks a unit must report on in each.
 *
 * Periods are whole calendar months / quarters / half-years / years: the first is the one containing
 * `start`, the last the one containing `end`; they are never clipped, so a key such as '2026Q1'
 * always means 2026-01-01..2026-03-31 whatever plan it belongs to.
 */
import { AppError } from '../shared/errors.ts';
import {
  type IsoDate,
  addDays,
  assertIsoDate,
  compareDates,
  endOfHalfYear,
  endOfMonth,
  endOfQuarter,
  endOfYear,
  halfOf,
  isWithin,
  parseIsoDate,
  quarterOf,
  startOfHalfYear,
  startOfMonth,
  startOfQuarter,
  startOfYear,
} from './dates.ts';
import { type WorkCalendar, addWorkingDays, addWorkingDaysAssumingWeekends } from './calendar.ts';
import { type Deadline, type PlanTiming, occurrences, resolveTiming } from './deadline.ts';
import type { ReportedState } from './schedule.ts';

export const FREQUENCIES = ['monthly', 'quarterly', 'semiannual', 'yearly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const FREQUENCY_LABEL: Record<Frequency, string> = {
  monthly: '按月',
  quarterly: '按季度',
  semiannual: '按半年',
  yearly: '按年度',
};

export interface ReportingPeriod {
  /** '2026-03' | '2026Q1' | '2026H1' | '2026'; sorts chronologically within one frequency */
  key: string;
  /** '2026年3月' | '2026年第一季度' | '2026年上半年' | '2026年度' */
  label: string;
  frequency: Frequency;
  start: IsoDate;
  end: IsoDate;
  /** the day reports for the period are due */
  due: IsoDate;
  /**
   * true when `due` was counted in working days through a year the calendar lacks, with weekends only
   * assumed (only with onCalendarGap: 'assume-weekends'): show the due date as provisional.
   */
  dueAssumedWeekendsOnly: boolean;
}

export interface GeneratePeriodsOptions {
  start: IsoDate;
  end: IsoDate;
  frequency: Frequency;
  /** days after the period's last day the report is due, e.g. 10 → a Q1 report is due 04-10 */
  dueOffsetDays: number;
  /** count dueOffsetDays in working days (requires `calendar`) */
  dueInWorkingDays?: boolean;
  calendar?: WorkCalendar;
  /**
   * what to do when counting working days needs a year the calendar lacks: 'throw' (default) raises
   * CalendarGapError; 'assume-weekends' goes on and marks the period `dueAssumedWeekendsOnly`.
   */
  onCalendarGap?: 'throw' | 'assume-weekends';
}

const QUARTER_NAMES = ['一', '二', '三', '四'] as const;

interface Shape {
  startOf(d: IsoDate): IsoDate;
  endOf(d: IsoDate): IsoDate;
  key(d: IsoDate): string;
  label(d: IsoDate): string;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

const SHAPES: Record<Frequency, Shape> = {
  monthly: {
    startOf: startOfMonth,
    endOf: endOfMonth,
    key: (d) => d.slice(0, 7),
    label: (d) => {
      const { year, month } = parseIsoDate(d);
      return `${year}年${month}月`;
    },
  },
  quarterly: {
    startOf: startOfQuarter,
    endOf: endOfQuarter,
    key: (d) => `${parseIsoDate(d).year}Q${quarterOf(d)}`,
    label: (d) => `${parseIsoDate(d).year}年第${QUARTER_NAMES[quarterOf(d) - 1]}季度`,
  },
  semiannual: {
    startOf: startOfHalfYear,
    endOf: endOfHalfYear,
    key: (d) => `${parseIsoDate(d).year}H${halfOf(d)}`,
    label: (d) => `${parseIsoDate(d).year}年${halfOf(d) === 1 ? '上' : '下'}半年`,
  },
  yearly: {
    startOf: startOfYear,
    endOf: endOfYear,
    key: (d) => String(parseIsoDate(d).year),
    label: (d) => `${parseIsoDate(d).year}年度`,
  },
};

/** The key of the period of a given frequency containing a date: periodKeyOf('2026-05-20', 'quarterly') = '2026Q2'. */
export function periodKeyOf(date: IsoDate, frequency: Frequency): string {
  return SHAPES[frequency].key(assertIsoDate(date));
}

/** Parses a period key back into its frequency and dates; throws on anything else. */
export function parsePeriodKey(key: string): { frequency: Frequency; start: IsoDate; end: IsoDate } {
  const from = (frequency: Frequency, start: string) => ({ frequency, start, end: SHAPES[frequency].endOf(start) });
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})$/.exec(key)) && Number(m[2]) >= 1 && Number(m[2]) <= 12) return from('monthly', `${m[1]}-${m[2]}-01`);
  if ((m = /^(\d{4})Q([1-4])$/.exec(key))) return from('quarterly', `${m[1]}-${pad2((Number(m[2]) - 1) * 3 + 1)}-01`);
  if ((m = /^(\d{4})H([12])$/.exec(key))) return from('semiannual', `${m[1]}-${m[2] === '1' ? '01' : '07'}-01`);
  if ((m = /^(\d{4})$/.exec(key))) return from('yearly', `${m[1]}-01-01`);
  throw new AppError('VALIDATION', `报送周期「${key}」无法识别，应如 2026-03、2026Q1、2026H1 或 2026`);
}

function periodDue(end: IsoDate, opts: GeneratePeriodsOptions): { due: IsoDate; assumed: boolean } {
  if (!opts.dueInWorkingDays) return { due: addDays(end, opts.dueOffsetDays), assumed: false };
  const calendar = opts.calendar!;
  if (opts.onCalendarGap === 'assume-weekends') {
    const r = addWorkingDaysAssumingWeekends(calendar, end, opts.dueOffsetDays);
    return { due: r.value, assumed: r.assumedWeekendsOnly };
  }
  return { due: addWorkingDays(calendar, end, opts.dueOffsetDays), assumed: false };
}

/**
 * The reporting periods covering [start, end], in order, each with its report due date:
 * `dueOffsetDays` calendar days after the period's last day, or that many working days when
 * `dueInWorkingDays` (counted from the day after the period ends, see calendar.addWorkingDays).
 */
export function generatePeriods(opts: GeneratePeriodsOptions): ReportingPeriod[] {
  assertIsoDate(opts.start, '开始日期');
  assertIsoDate(opts.end, '结束日期');
  if (compareDates(opts.start, opts.end) > 0) throw new AppError('VALIDATION', `开始日期 ${opts.start} 晚于结束日期 ${opts.end}`);
  if (!FREQUENCIES.includes(opts.frequency)) throw new AppError('VALIDATION', `报送频次「${String(opts.frequency)}」无效`);
  if (!Number.isInteger(opts.dueOffsetDays) || opts.dueOffsetDays < 0) {
    throw new AppError('VALIDATION', `报送期限天数应为非负整数：${opts.dueOffsetDays}`);
  }
  if (opts.dueInWorkingDays && !opts.calendar) throw new AppError('VALIDATION', '按工作日计算报送期限时必须提供工作日历');
  const shape = SHAPES[opts.frequency];
  const periods: ReportingPeriod[] = [];
  for (let cursor = shape.startOf(opts.start); compareDates(cursor, opts.end) <= 0; ) {
    const end = shape.endOf(cursor);
    const { due, assumed } = periodDue(end, opts);
    periods.push({
      key: shape.key(cursor),
      label: shape.label(cursor),
      frequency: opts.frequency,
      start: cursor,
      end,
      due,
      dueAssumedWeekendsOnly: assumed,
    });
    cursor = addDays(end, 1);
  }
  return periods;
}

/** The period containing the date, or null when it falls outside all of them. */
export function periodOf(date: IsoDate, periods: readonly ReportingPeriod[]): ReportingPeriod | null {
  assertIsoDate(date);
  return periods.find((p) => isWithin(date, p.start, p.end)) ?? null;
}

// ---------------------------------------------------------------- tasks due in a period

/** A report as far as periods care: which period it is for, what it says, and whether the office accepted it. */
export interface ReportFact {
  periodKey: string;
  state: ReportedState;
  accepted: boolean;
}

export interface PeriodTask {
  id: string;
  /** when the unit's work on the task starts (usually the plan's issue date) */
  start: IsoDate;
  /** the task's effective due date (deadline.effectiveDue), null when it has none */
  due: IsoDate | null;
  ongoing: boolean;
  /** recurring deadlines except per-term (per-term is a one-time date: put it in `due`) */
  recurring: Deadline[];
  reports: ReportFact[];
}

/** Why a task is on a period's list; the UI shows DUE_REASON_LABEL. */
export type DueReason = 'overdue' | 'in-progress' | 'recurring' | 'ongoing';

export const DUE_REASON_LABEL: Record<DueReason, string> = {
  overdue: '逾期未完成，继续报送',
  'in-progress': '按期推进',
  recurring: '本期有周期性节点',
  ongoing: '长期坚持',
};

export interface TaskDue<T extends PeriodTask = PeriodTask> {
  task: T;
  reason: DueReason;
}

/** Builds a PeriodTask from parsed deadlines, so callers do not re-derive due/ongoing/recurring by hand. */
export function periodTaskFromDeadlines(
  id: string,
  start: IsoDate,
  deadlines: readonly Deadline[],
  plan: PlanTiming,
  reports: ReportFact[] = [],
): PeriodTask {
  const timing = resolveTiming(deadlines, plan);
  return { id, start, due: timing.due, ongoing: timing.ongoing, recurring: timing.recurring, reports };
}

/**
 * The period in which the task was done: the earliest period with an accepted report in state 已完成.
 * A returned (not accepted) 已完成 report does not count. Null while not done.
 */
export function completionPeriod(task: PeriodTask): { key: string; start: IsoDate; end: IsoDate } | null {
  const done = task.reports
    .filter((r) => r.accepted && r.state === '已完成')
    .map((r) => ({ key: r.periodKey, ...parsePeriodKey(r.periodKey) }))
    .sort((a, b) => compareDates(a.start, b.start));
  const first = done[0];
  return first ? { key: first.key, start: first.start, end: first.end } : null;
}

/**
 * Does the dated part of the task need a report in this period? Yes from its start through the period
 * it was done in; 'overdue' when its due date passed before the period began.
 */
function datedReason(task: PeriodTask, period: ReportingPeriod): DueReason | null {
  const hasDatedPart = task.due !== null || (!task.ongoing && task.recurring.length === 0);
  if (!hasDatedPart) return null;
  const doneIn = completionPeriod(task);
  if (doneIn !== null && compareDates(doneIn.end, period.start) < 0) return null;
  return task.due !== null && compareDates(task.due, period.start) < 0 ? 'overdue' : 'in-progress';
}

function recurringReason(task: PeriodTask, period: ReportingPeriod, plan: PlanTiming): DueReason | null {
  const hit = task.recurring.some((d) => occurrences(d, period.start, period.end, plan).length > 0);
  return hit ? 'recurring' : null;
}

/**
 * The tasks a unit must report on in a period, each with the reason:
 * - nothing before the task's start (a task starting inside the period is included);
 * - ongoing tasks every period;
 * - dated tasks (and tasks with no date at all) every period until the one in which they were done
 *   (done = an accepted report with state 已完成), including periods after their due date ('overdue');
 * - recurring tasks (每年3月1日前 …) in each period that contains one of their occurrences.
 * When several rules apply, the most pressing reason is reported: overdue > in-progress > recurring > ongoing.
 */
export function tasksDueInPeriod<T extends PeriodTask>(tasks: readonly T[], period: ReportingPeriod, plan: PlanTiming): TaskDue<T>[] {
  const out: TaskDue<T>[] = [];
  for (const task of tasks) {
    assertIsoDate(task.start, '任务开始日期');
    if (compareDates(task.start, period.end) > 0) continue;
    const reasons = [datedReason(task, period), recurringReason(task, period, plan), task.ongoing ? ('ongoing' as const) : null];
    const reason = reasons.find((r): r is DueReason => r !== null);
    if (reason) out.push({ task, reason });
  }
  return out;
}
