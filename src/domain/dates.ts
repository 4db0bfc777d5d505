/**
 * Calendar dates as 'YYYY-MM-DD' strings.
 *
 * Why strings and not Date objects: the platform reasons about calendar days in Asia/Shanghai
 * (a deadline is "2025-12-31", not an instant). Converting through a local Date can shift a day
 * when the server runs in another zone, so every computation here works on the numeric parts
 * and uses UTC only as a day counter (Date.UTC never applies a zone offset).
 *
 * All functions validate their input and throw AppError('VALIDATION') with a Chinese message
 * on a malformed or impossible date (2025-02-30), so bad data is reported where it enters.
 */
import { AppError } from '../shared/errors.ts';

/** A calendar date 'YYYY-MM-DD'. A plain string alias so callers can pass DB/JSON values as they are. */
export type IsoDate = string;

export interface DateParts {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

export type Quarter = 1 | 2 | 3 | 4;
export type Half = 1 | 2;

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (1-based month). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function partsAreValid(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) &&
    year >= 1000 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
  );
}

/** True for a well-formed, existing calendar date such as '2024-02-29' (false for '2025-02-29', '2025-1-5'). */
export function isValidIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_RE.exec(value);
  if (!m) return false;
  return partsAreValid(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Splits a date into numbers; throws a VALIDATION error naming the bad value. */
export function parseIsoDate(value: string): DateParts {
  const m = ISO_RE.exec(value);
  if (!m || !partsAreValid(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new AppError('VALIDATION', `日期「${value}」无效，应为 YYYY-MM-DD 格式的真实日期`);
  }
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** Builds 'YYYY-MM-DD' from parts; throws if the parts name no real day. */
export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  if (!partsAreValid(year, month, day)) {
    throw new AppError('VALIDATION', `日期 ${year}年${month}月${day}日 不存在`);
  }
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** Throws unless the value is a valid date; returns it typed. Use at boundaries. */
export function assertIsoDate(value: unknown, field = '日期'): IsoDate {
  if (!isValidIsoDate(value)) {
    throw new AppError('VALIDATION', `${field}「${String(value)}」无效，应为 YYYY-MM-DD 格式的真实日期`);
  }
  return value;
}

/** Days since 1970-01-01 — a zone-free day counter. */
export function toDayNumber(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** Inverse of toDayNumber. */
export function fromDayNumber(dayNumber: number): IsoDate {
  const d = new Date(dayNumber * MS_PER_DAY);
  return formatIsoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new AppError('VALIDATION', `天数必须为整数：${days}`);
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * Adds calendar months, clamping to the end of the target month so that
 * 2025-01-31 + 1 month = 2025-02-28 (not March 3rd as Date would give).
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new AppError('VALIDATION', `月数必须为整数：${months}`);
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return formatIsoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

export function addYears(date: IsoDate, years: number): IsoDate {
  return addMonths(date, years * 12);
}

/** -1, 0 or 1. Validates both sides (lexical comparison alone would accept garbage). */
export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  const d = toDayNumber(a) - toDayNumber(b);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

export const isBefore = (a: IsoDate, b: IsoDate): boolean => compareDates(a, b) < 0;
export const isAfter = (a: IsoDate, b: IsoDate): boolean => compareDates(a, b) > 0;
export const isSameOrBefore = (a: IsoDate, b: IsoDate): boolean => compareDates(a, b) <= 0;
export const isSameOrAfter = (a: IsoDate, b: IsoDate): boolean => compareDates(a, b) >= 0;

/** True when start <= date <= end. */
export function isWithin(date: IsoDate, start: IsoDate, end: IsoDate): boolean {
  return isSameOrAfter(date, start) && isSameOrBefore(date, end);
}

export function minDate(first: IsoDate, ...rest: IsoDate[]): IsoDate {
  return rest.reduce((acc, d) => (isBefore(d, acc) ? d : acc), assertIsoDate(first));
}

export function maxDate(first: IsoDate, ...rest: IsoDate[]): IsoDate {
  return rest.reduce((acc, d) => (isAfter(d, acc) ? d : acc), assertIsoDate(first));
}

/** b − a in days: diffDays('2025-01-01', '2025-01-31') = 30; negative when b is earlier. */
export function diffDays(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** 0 = Sunday … 6 = Saturday, as in Date#getUTCDay. */
export function dayOfWeek(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: IsoDate): boolean {
  const w = dayOfWeek(date);
  return w === 0 || w === 6;
}

export function yearOf(date: IsoDate): number {
  return parseIsoDate(date).year;
}

export function quarterOf(date: IsoDate): Quarter {
  return (Math.floor((parseIsoDate(date).month - 1) / 3) + 1) as Quarter;
}

export function halfOf(date: IsoDate): Half {
  return parseIsoDate(date).month <= 6 ? 1 : 2;
}

export function startOfMonth(date: IsoDate): IsoDate {
  const { year, month } = parseIsoDate(date);
  return formatIsoDate(year, month, 1);
}

export function endOfMonth(date: IsoDate): IsoDate {
  const { year, month } = parseIsoDate(date);
  return formatIsoDate(year, month, daysInMonth(year, month));
}

export function startOfQuarter(date: IsoDate): IsoDate {
  const { year } = parseIsoDate(date);
  return formatIsoDate(year, (quarterOf(date) - 1) * 3 + 1, 1);
}

export function endOfQuarter(date: IsoDate): IsoDate {
  const { year } = parseIsoDate(date);
  const lastMonth = quarterOf(date) * 3;
  return formatIsoDate(year, lastMonth, daysInMonth(year, lastMonth));
}

export function startOfHalfYear(date: IsoDate): IsoDate {
  const { year } = parseIsoDate(date);
  return formatIsoDate(year, halfOf(date) === 1 ? 1 : 7, 1);
}

export function endOfHalfYear(date: IsoDate): IsoDate {
  const { year } = parseIsoDate(date);
  return halfOf(date) === 1 ? formatIsoDate(year, 6, 30) : formatIsoDate(year, 12, 31);
}

export function startOfYear(date: IsoDate): IsoDate {
  return formatIsoDate(parseIsoDate(date).year, 1, 1);
}

export function endOfYear(date: IsoDate): IsoDate {
  return formatIsoDate(parseIsoDate(date).year, 12, 31);
}

/** Every date from start to end inclusive (empty when end < start). */
export function eachDay(start: IsoDate, end: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  const last = toDayNumber(end);
  for (let n = toDayNumber(start); n <= last; n++) out.push(fromDayNumber(n));
  return out;
}

/** '2026-03-01' → '2026年3月1日', the form official documents use (no leading zeros). */
export function formatChineseDate(date: IsoDate): string {
  const { year, month, day } = parseIsoDate(date);
  return `${year}年${month}月${day}日`;
}

/** '03-01' → '3月1日'; for recurring dates printed without a year. */
export function formatChineseMonthDay(monthDay: string): string {
  const { month, day } = parseMonthDay(monthDay);
  return `${month}月${day}日`;
}

/**
 * Parses 'MM-DD' (the `at` of a recurring deadline). 02-29 is accepted: it is a real date in
 * leap years, and monthDayInYear clamps it to 02-28 otherwise.
 */
export function parseMonthDay(value: string): { month: number; day: number } {
  const m = /^(\d{2})-(\d{2})$/.exec(value);
  const month = m ? Number(m[1]) : NaN;
  const day = m ? Number(m[2]) : NaN;
  if (!m || month < 1 || month > 12 || day < 1 || day > daysInMonth(2024, month)) {
    throw new AppError('VALIDATION', `月日「${value}」无效，应为 MM-DD 格式`);
  }
  return { month, day };
}

/** The date of 'MM-DD' in a given year, clamped to the month's end (02-29 → 02-28 in common years). */
export function monthDayInYear(monthDay: string, year: number): IsoDate {
  const { month, day } = parseMonthDay(monthDay);
  return formatIsoDate(year, month, Math.min(day, daysInMonth(year, month)));
}
