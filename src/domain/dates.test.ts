import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addDays,
  addMonths,
  addYears,
  compareDates,
  dayOfWeek,
  diffDays,
  eachDay,
  endOfHalfYear,
  endOfMonth,
  endOfQuarter,
  endOfYear,
  formatChineseDate,
  formatChineseMonthDay,
  formatIsoDate,
  fromDayNumber,
  halfOf,
  isValidIsoDate,
  isWeekend,
  isWithin,
  maxDate,
  minDate,
  monthDayInYear,
  parseIsoDate,
  quarterOf,
  startOfHalfYear,
  startOfQuarter,
  toDayNumber,
} from './dates.ts';
import { AppError } from '../shared/errors.ts';

test('isValidIsoDate accepts real dates only', () => {
  assert.equal(isValidIsoDate('2024-02-29'), true);
  assert.equal(isValidIsoDate('2025-02-29'), false);
  assert.equal(isValidIsoDate('1900-02-29'), false);
  assert.equal(isValidIsoDate('2000-02-29'), true);
  assert.equal(isValidIsoDate('2025-04-31'), false);
  assert.equal(isValidIsoDate('2025-1-05'), false);
  assert.equal(isValidIsoDate('2025-01-05T00:00:00Z'), false);
  assert.equal(isValidIsoDate(20250105), false);
  assert.equal(isValidIsoDate('2025-13-01'), false);
  assert.equal(isValidIsoDate('2025-00-10'), false);
});

test('parseIsoDate splits parts and throws a Chinese VALIDATION error', () => {
  assert.deepEqual(parseIsoDate('2026-03-01'), { year: 2026, month: 3, day: 1 });
  assert.throws(() => parseIsoDate('2026-02-30'), (e: unknown) => e instanceof AppError && e.code === 'VALIDATION' && e.message.includes('2026-02-30'));
  assert.throws(() => formatIsoDate(2025, 2, 29), AppError);
  assert.equal(formatIsoDate(2025, 3, 9), '2025-03-09');
});

test('day numbers round-trip without zone drift', () => {
  assert.equal(toDayNumber('1970-01-01'), 0);
  assert.equal(toDayNumber('1970-01-02'), 1);
  for (const d of ['2024-02-29', '2024-12-31', '2025-01-01', '2026-03-29', '2026-10-25']) {
    assert.equal(fromDayNumber(toDayNumber(d)), d);
  }
});

test('addDays crosses months, years and leap days', () => {
  assert.equal(addDays('2024-02-28', 1), '2024-02-29');
  assert.equal(addDays('2025-02-28', 1), '2025-03-01');
  assert.equal(addDays('2025-12-31', 1), '2026-01-01');
  assert.equal(addDays('2026-01-01', -1), '2025-12-31');
  assert.equal(addDays('2025-03-31', 0), '2025-03-31');
  assert.throws(() => addDays('2025-03-31', 1.5), AppError);
});

test('addMonths clamps to the end of the month', () => {
  assert.equal(addMonths('2025-01-31', 1), '2025-02-28');
  assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
  assert.equal(addMonths('2025-03-31', -1), '2025-02-28');
  assert.equal(addMonths('2025-11-15', 3), '2026-02-15');
  assert.equal(addMonths('2025-01-15', -13), '2023-12-15');
  assert.equal(addMonths('2025-05-31', 12), '2026-05-31');
  assert.equal(addYears('2024-02-29', 1), '2025-02-28');
});

test('compare and diff', () => {
  assert.equal(compareDates('2025-01-01', '2025-01-02'), -1);
  assert.equal(compareDates('2025-01-02', '2025-01-02'), 0);
  assert.equal(compareDates('2025-10-02', '2025-09-30'), 1);
  assert.equal(diffDays('2025-01-01', '2025-12-31'), 364);
  assert.equal(diffDays('2024-01-01', '2024-12-31'), 365);
  assert.equal(diffDays('2025-03-01', '2025-02-01'), -28);
  assert.equal(minDate('2025-03-01', '2024-12-31', '2025-01-01'), '2024-12-31');
  assert.equal(maxDate('2025-03-01', '2024-12-31', '2025-01-01'), '2025-03-01');
  assert.equal(isWithin('2025-03-31', '2025-01-01', '2025-03-31'), true);
  assert.equal(isWithin('2025-04-01', '2025-01-01', '2025-03-31'), false);
  assert.throws(() => compareDates('2025-02-30', '2025-01-01'), AppError);
});

test('period boundaries', () => {
  assert.equal(endOfMonth('2024-02-10'), '2024-02-29');
  assert.equal(endOfMonth('2025-02-10'), '2025-02-28');
  assert.equal(endOfMonth('2025-04-01'), '2025-04-30');
  assert.equal(startOfQuarter('2025-05-20'), '2025-04-01');
  assert.equal(endOfQuarter('2025-05-20'), '2025-06-30');
  assert.equal(endOfQuarter('2025-01-01'), '2025-03-31');
  assert.equal(endOfQuarter('2025-12-31'), '2025-12-31');
  assert.equal(endOfQuarter('2025-08-01'), '2025-09-30');
  assert.equal(startOfHalfYear('2025-09-09'), '2025-07-01');
  assert.equal(endOfHalfYear('2025-06-30'), '2025-06-30');
  assert.equal(endOfHalfYear('2025-07-01'), '2025-12-31');
  assert.equal(endOfYear('2025-07-01'), '2025-12-31');
});

test('quarter and half of a date', () => {
  assert.deepEqual(
    ['2025-01-01', '2025-03-31', '2025-04-01', '2025-06-30', '2025-07-01', '2025-09-30', '2025-10-01', '2025-12-31'].map(quarterOf),
    [1, 1, 2, 2, 3, 3, 4, 4],
  );
  assert.equal(halfOf('2025-06-30'), 1);
  assert.equal(halfOf('2025-07-01'), 2);
});

test('weekdays', () => {
  assert.equal(dayOfWeek('2025-01-01'), 3); // Wednesday
  assert.equal(dayOfWeek('2026-01-04'), 0); // Sunday
  assert.equal(dayOfWeek('2024-02-04'), 0);
  assert.equal(isWeekend('2025-02-08'), true); // Saturday
  assert.equal(isWeekend('2025-02-07'), false);
  assert.equal(dayOfWeek('1969-12-31'), 3); // before the epoch
});

test('eachDay lists inclusive ranges', () => {
  assert.deepEqual(eachDay('2024-02-28', '2024-03-01'), ['2024-02-28', '2024-02-29', '2024-03-01']);
  assert.deepEqual(eachDay('2024-03-01', '2024-02-28'), []);
});

test('Chinese dates drop leading zeros', () => {
  assert.equal(formatChineseDate('2026-03-01'), '2026年3月1日');
  assert.equal(formatChineseDate('2025-12-31'), '2025年12月31日');
  assert.equal(formatChineseMonthDay('03-01'), '3月1日');
  assert.throws(() => formatChineseDate('2026-3-1'), AppError);
});

test('monthDayInYear clamps Feb 29', () => {
  assert.equal(monthDayInYear('02-29', 2025), '2025-02-28');
  assert.equal(monthDayInYear('02-29', 2024), '2024-02-29');
  assert.equal(monthDayInYear('03-01', 2026), '2026-03-01');
  assert.throws(() => monthDayInYear('02-30', 2024), AppError);
  assert.throws(() => monthDayInYear('3-1', 2024), AppError);
});
