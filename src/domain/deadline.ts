/**
 * What a parsed deadline means (the `deadlines` items of plan-draft/v1).
 *
 * The parser turns printed text into {raw, due, ongoing, recurring, at}; this module decides what
 * those facts oblige a unit to do and by when:
 *  - a one-time due date (2022年底前 → 2022-12-31) — the task is done once;
 *  - an ongoing duty (长期坚持), alone or after a date (并长期坚持) — reported on every period;
 *  - a recurring date (每年3月1日前, 每季度, 每两年一次 …) — one occurrence per cycle;
 *  - 任期内 (per-term) — done once within the plan period, so it behaves like a one-time date at
 *    the end of the plan period (or at its own `due` when the parser found one);
 *  - no deadline at all — the plan-wide default ("原则上应当在2025年年底前完成") applies, and
 *    failing that the last day of the plan period.
 */
import { AppError } from '../shared/errors.ts';
import {
  type IsoDate,
  assertIsoDate,
  compareDates,
  daysInMonth,
  endOfMonth,
  formatChineseDate,
  formatChineseMonthDay,
  formatIsoDate,
  isWithin,
  maxDate,
  monthDayInYear,
  parseMonthDay,
  yearOf,
} from './dates.ts';

export const RECURRENCES = ['monthly', 'quarterly', 'semiannual', 'yearly', 'biennial', 'per-term'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

/** One deadline as the parser prints it (plan-draft/v1 `tasks[].deadlines[]`). */
export interface Deadline {
  raw: string;
  /** last day by which it is due, 'YYYY-MM-DD'; for a recurring deadline, the first occurrence */
  due: IsoDate | null;
  ongoing: boolean;
  recurring: Recurrence | null;
  /** for a recurring deadline, the 'MM-DD' it falls on when printed (每年3月1日前 → '03-01') */
  at?: string | null;
}

/** The plan's years, e.g. 2021—2025, and its plan-wide default due date if the text sets one. */
export interface PlanTiming {
  startYear: number;
  endYear: number;
  /** "各项工作任务原则上应当在2025年年底前完成" → '2025-12-31'; null/absent when the plan says nothing */
  defaultDue?: IsoDate | null;
}

/** Where a task's effective due date comes from — shown to the office so a default is never mistaken for a printed date. */
export type DueSource = 'task' | 'per-term' | 'plan-default' | 'plan-end';

export interface TaskTiming {
  /** the date by which the one-time part of the task must be done; null for purely ongoing/recurring tasks */
  due: IsoDate | null;
  dueSource: DueSource | null;
  /** every one-time date printed for the task, ascending (staged tasks have several) */
  milestones: IsoDate[];
  /** true when the task carries an ongoing duty (长期坚持), alone or after its date */
  ongoing: boolean;
  /** recurring deadlines other than per-term (those are folded into `due`) */
  recurring: Deadline[];
}

/** Last day of the plan period. */
export function planEnd(plan: PlanTiming): IsoDate {
  return formatIsoDate(plan.endYear, 12, 31);
}

/** First day of the plan period. */
export function planStart(plan: PlanTiming): IsoDate {
  return formatIsoDate(plan.startYear, 1, 1);
}

function checkPlan(plan: PlanTiming): void {
  if (!Number.isInteger(plan.startYear) || !Number.isInteger(plan.endYear) || plan.startYear > plan.endYear) {
    throw new AppError('VALIDATION', `方案期限 ${plan.startYear}—${plan.endYear} 无效`);
  }
  if (plan.defaultDue != null) assertIsoDate(plan.defaultDue, '方案统一完成时限');
}

const isOneTime = (d: Deadline): boolean => d.recurring === null && d.due !== null;
const isPerTerm = (d: Deadline): boolean => d.recurring === 'per-term';

/**
 * Resolves a task's deadlines into the facts other modules use.
 * - one-time dates present → due = the latest of them (a staged task is done when its last stage is);
 * - else a per-term deadline → due = its own date, or the end of the plan period;
 * - else ongoing or recurring → no one-time due date (null);
 * - else (nothing printed) → the plan's default due date, or the end of the plan period.
 */
export function resolveTiming(deadlines: readonly Deadline[], plan: PlanTiming): TaskTiming {
  checkPlan(plan);
  const milestones = deadlines
    .filter(isOneTime)
    .map((d) => assertIsoDate(d.due, '完成时限'))
    .sort((a, b) => compareDates(a, b));
  const ongoing = isOngoing(deadlines);
  const recurring = deadlines.filter((d) => d.recurring !== null && !isPerTerm(d));
  const perTerm = deadlines.filter(isPerTerm);
  const base = { milestones, ongoing, recurring };
  if (milestones.length) return { ...base, due: milestones[milestones.length - 1]!, dueSource: 'task' };
  if (perTerm.length) {
    const dates = perTerm.map((d) => (d.due ? assertIsoDate(d.due, '完成时限') : planEnd(plan)));
    return { ...base, due: maxDate(dates[0]!, ...dates.slice(1)), dueSource: 'per-term' };
  }
  if (ongoing || recurring.length) return { ...base, due: null, dueSource: null };
  if (plan.defaultDue) return { ...base, due: plan.defaultDue, dueSource: 'plan-default' };
  return { ...base, due: planEnd(plan), dueSource: 'plan-end' };
}

/** The date by which the task's one-time part must be done (see resolveTiming); null when it has none. */
export function effectiveDue(deadlines: readonly Deadline[], plan: PlanTiming): IsoDate | null {
  return resolveTiming(deadlines, plan).due;
}

/** True when any deadline carries an ongoing duty (长期坚持 / 并长期坚持 / 持续推进). */
export function isOngoing(deadlines: readonly Deadline[]): boolean {
  return deadlines.some((d) => d.ongoing);
}

// ---------------------------------------------------------------- occurrences

function yearRange(from: IsoDate, to: IsoDate): number[] {
  const out: number[] = [];
  for (let y = yearOf(from); y <= yearOf(to); y++) out.push(y);
  return out;
}

function monthEnds(from: IsoDate, to: IsoDate, months: number[], dayOfMonth: number | null): IsoDate[] {
  return yearRange(from, to).flatMap((y) =>
    months.map((m) => (dayOfMonth === null ? endOfMonth(formatIsoDate(y, m, 1)) : formatIsoDate(y, m, Math.min(dayOfMonth, daysInMonth(y, m))))),
  );
}

/** The year a biennial cycle is anchored on: its own first due date, else the second year of the plan. */
function biennialAnchor(d: Deadline, plan: PlanTiming): number {
  return d.due ? yearOf(d.due) : plan.startYear + 1;
}

function candidates(d: Deadline, from: IsoDate, to: IsoDate, plan: PlanTiming): IsoDate[] {
  const at = d.at ?? null;
  switch (d.recurring) {
    case null:
      return d.due ? [d.due] : [];
    case 'per-term':
      return [d.due ?? planEnd(plan)];
    case 'yearly':
      return yearRange(from, to).map((y) => monthDayInYear(at ?? '12-31', y));
    case 'biennial': {
      const anchor = biennialAnchor(d, plan);
      return yearRange(from, to)
        .filter((y) => (((y - anchor) % 2) + 2) % 2 === 0)
        .map((y) => monthDayInYear(at ?? '12-31', y));
    }
    case 'semiannual':
      return monthEnds(from, to, [6, 12], null);
    case 'quarterly':
      return monthEnds(from, to, [3, 6, 9, 12], null);
    case 'monthly':
      return monthEnds(from, to, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], at ? parseMonthDay(at).day : null);
  }
}

/**
 * The dates in [from, to] on which the deadline falls due, ascending.
 * - one-time: its `due`; ongoing-only: none (an ongoing duty has no dated occurrence);
 * - yearly / biennial: on `at` (MM-DD; 02-29 becomes 02-28 in common years), else on 12-31;
 *   biennial counts every second year from its own `due` year, else from the plan's second year
 *   (2021—2025 → 2022, 2024);
 * - semiannual / quarterly / monthly: on the last day of each half-year / quarter / month; a monthly
 *   deadline with `at` uses its day of month (每月5日前 → the 5th, clamped to the month's end);
 * - per-term: once, on its `due` or the end of the plan period.
 * A recurring deadline with a `due` starts there: occurrences before it are dropped.
 * The range is not clipped to the plan period on purpose: the 2025 annual report is due on 2026-03-01.
 */
export function occurrences(deadline: Deadline, from: IsoDate, to: IsoDate, plan: PlanTiming): IsoDate[] {
  assertIsoDate(from);
  assertIsoDate(to);
  checkPlan(plan);
  if (deadline.due !== null) assertIsoDate(deadline.due, '完成时限');
  if (compareDates(from, to) > 0) return [];
  const startsAt = deadline.recurring !== null && deadline.recurring !== 'per-term' ? deadline.due : null;
  return candidates(deadline, from, to, plan)
    .filter((d) => isWithin(d, from, to))
    .filter((d) => startsAt === null || compareDates(d, startsAt) >= 0)
    .sort((a, b) => compareDates(a, b));
}

/** The first occurrence on or after `today`, looking up to three years ahead; null if none. */
export function nextOccurrence(deadline: Deadline, today: IsoDate, plan: PlanTiming): IsoDate | null {
  const horizon = formatIsoDate(yearOf(today) + 3, 12, 31);
  return occurrences(deadline, today, horizon, plan)[0] ?? null;
}

// ---------------------------------------------------------------- description

const RECURRENCE_TEXT: Record<Exclude<Recurrence, 'yearly' | 'biennial' | 'monthly'>, string> = {
  quarterly: '每季度',
  semiannual: '每半年',
  'per-term': '任期内',
};

function describeRecurring(d: Deadline): string {
  const at = d.at ?? null;
  const since = d.due && d.recurring !== 'per-term' ? `自${yearOf(d.due)}年起` : '';
  switch (d.recurring) {
    case 'yearly':
      return `${since}每年${at ? `${formatChineseMonthDay(at)}前` : ''}`;
    case 'biennial':
      return `${since}每两年一次${at ? `，${formatChineseMonthDay(at)}前` : ''}`;
    case 'monthly':
      return `${since}每月${at ? `${parseMonthDay(at).day}日前` : ''}`;
    case 'per-term':
      return d.due ? `任期内（${formatChineseDate(d.due)}前）` : '任期内';
    case 'quarterly':
    case 'semiannual':
      return `${since}${RECURRENCE_TEXT[d.recurring]}`;
    case null:
      return '';
  }
}

/**
 * Chinese wording of one deadline, as the 任务分解表 prints it:
 * 「2023年12月31日前，此后长期坚持」, 「2023年12月31日前」, 「长期坚持」, 「每年3月1日前」, 「每季度」 …
 * 「未明确时限」 when the deadline carries nothing.
 */
export function describeDeadline(d: Deadline): string {
  if (d.recurring !== null) return describeRecurring(d);
  if (d.due && d.ongoing) return `${formatChineseDate(d.due)}前，此后长期坚持`;
  if (d.due) return `${formatChineseDate(d.due)}前`;
  if (d.ongoing) return '长期坚持';
  return '未明确时限';
}

/**
 * Wording of all a task's deadlines, joined with 「；」. With no deadline printed, says which default
 * applies, e.g. 「未明确时限，按方案要求2025年12月31日前完成」.
 */
export function describeDeadlines(deadlines: readonly Deadline[], plan: PlanTiming): string {
  if (deadlines.length === 0 || deadlines.every((d) => describeDeadline(d) === '未明确时限')) {
    const timing = resolveTiming([], plan);
    return `未明确时限，按方案要求${formatChineseDate(timing.due!)}前完成`;
  }
  return deadlines.map(describeDeadline).filter((t) => t !== '未明确时限').join('；');
}
