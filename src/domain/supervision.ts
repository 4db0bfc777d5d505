/**
 * Supervision rules (提醒, 警示, 升级), as pure functions of dates and the working-day calendar.
 *
 * - Reminders go out on working days only. The reminder "N days before" a due date is sent on the
 *   last working day on or before (due − N): a 3-day reminder for a report due on Monday goes out the
 *   Friday before, and one that falls in the National Day holiday goes out on the last working day
 *   before it. When several thresholds land on the same day only the most urgent one is sent.
 * - A warning for something overdue is due from the first working day after the due date.
 * - A warning not answered within M working days (counted after the day it was issued) is escalated.
 * Missing calendar years are treated as Monday–Friday and reported back (`assumedYears`), never silently.
 */
import { addWorkingDaysAssumingWeekends, isWorkingDayAssumingWeekends, workingDaysBetweenAssumingWeekends, type WorkCalendar } from './calendar.ts';
import { addDays, diffDays, type IsoDate } from './dates.ts';

export interface SupervisionRules {
  /** calendar days before a due date on which a reminder goes out, e.g. [7, 3, 1] */
  remindDays: number[];
  warnOverdueReports: boolean;
  warnBehindTasks: boolean;
  /** working days a warning may stay unanswered before it is escalated */
  escalateAfterDays: number;
}

export const DEFAULT_SUPERVISION_RULES: SupervisionRules = { remindDays: [7, 3, 1], warnOverdueReports: true, warnBehindTasks: true, escalateAfterDays: 3 };

/** Collects the years the calendar lacked while a day's rules were evaluated. */
export class AssumedYears {
  readonly years = new Set<number>();
  take<T>(r: { value: T; assumedYears: number[] }): T {
    for (const y of r.assumedYears) this.years.add(y);
    return r.value;
  }
  list(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }
}

export function isWorkday(cal: WorkCalendar, day: IsoDate, assumed: AssumedYears): boolean {
  return assumed.take(isWorkingDayAssumingWeekends(cal, day));
}

/** The last working day on or before `date`. */
export function workdayOnOrBefore(cal: WorkCalendar, date: IsoDate, assumed: AssumedYears): IsoDate {
  let d = date;
  for (let i = 0; i < 60 && !isWorkday(cal, d, assumed); i++) d = addDays(d, -1);
  return d;
}

/** The day the N-days-before reminder for `due` goes out. */
export function reminderDay(cal: WorkCalendar, due: IsoDate, daysBefore: number, assumed: AssumedYears): IsoDate {
  return workdayOnOrBefore(cal, addDays(due, -daysBefore), assumed);
}

/**
 * The reminder threshold that fires on `day` for something due on `due`, or null. Only the most
 * urgent (smallest) threshold is returned when several fall on the same day.
 */
export function reminderDueOn(cal: WorkCalendar, day: IsoDate, due: IsoDate, remindDays: readonly number[], assumed: AssumedYears): number | null {
  if (day >= due || !isWorkday(cal, day, assumed)) return null;
  const hits = [...remindDays].filter((n) => n > 0 && reminderDay(cal, due, n, assumed) === day);
  return hits.length ? Math.min(...hits) : null;
}

/** The first day a warning for something due on `due` and not done is issued. */
export function firstWarningDay(cal: WorkCalendar, due: IsoDate, assumed: AssumedYears): IsoDate {
  return assumed.take(addWorkingDaysAssumingWeekends(cal, due, 1));
}

/** Is a warning issued on `warnedOn` and still unanswered on `day` due for escalation? */
export function escalationDue(cal: WorkCalendar, warnedOn: IsoDate, day: IsoDate, afterWorkingDays: number, assumed: AssumedYears): boolean {
  if (day <= warnedOn) return false;
  return assumed.take(workingDaysBetweenAssumingWeekends(cal, warnedOn, day)) >= afterWorkingDays;
}

/** Days left until a due date, as a reminder says it (还有 N 天 / 今天到期). */
export function daysLeftText(day: IsoDate, due: IsoDate): string {
  const n = diffDays(day, due);
  return n <= 0 ? '今天到期' : `还有 ${n} 天`;
}

/**
 * A document number in the region's style: 息法督〔2026〕3号. `abbr` is the region's short name (息),
 * `word` the document's kind (督 for 督办单, 通 for 通报).
 */
export function documentNumber(abbr: string, word: string, year: number, seq: number): string {
  return `${abbr}法${word}〔${year}〕${seq}号`;
}

/** The region's abbreviation: its configured `abbr`, else the first character of its name. */
export const regionAbbr = (r: { abbr: string | null; name: string }) => (r.abbr && r.abbr.trim()) || r.name.slice(0, 1);

/** Validates remind days as the settings form sends them. */
export function normalizeRemindDays(days: readonly number[]): number[] {
  return [...new Set(days.filter((d) => Number.isInteger(d) && d > 0 && d <= 60))].sort((a, b) => b - a);
}
