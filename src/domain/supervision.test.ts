import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildWorkCalendar, parseCalendarJson } from './calendar.ts';
import { AssumedYears, daysLeftText, documentNumber, escalationDue, firstWarningDay, regionAbbr, reminderDay, reminderDueOn, normalizeRemindDays } from './supervision.ts';
import { eachDay } from './dates.ts';

const year = (y: number) => parseCalendarJson(readFileSync(new URL(`../../data/calendars/${y}.json`, import.meta.url), 'utf8'), { year: y }).calendar!;
const cal = buildWorkCalendar([year(2025), year(2026)]);

test('a reminder that falls in the National Day holiday goes out on the last working day before it', () => {
  const a = new AssumedYears();
  // Q3 2026 reports due Saturday 10月10日 (a 调休 working day)
  assert.equal(reminderDay(cal, '2026-10-10', 7, a), '2026-09-30'); // 10月3日 is a holiday
  assert.equal(reminderDay(cal, '2026-10-10', 3, a), '2026-09-30'); // 10月7日 too
  assert.equal(reminderDay(cal, '2026-10-10', 1, a), '2026-10-09');
  assert.deepEqual(a.list(), []);
});

test('on each day of a quarter exactly the right reminders fire, the most urgent when two coincide', () => {
  const a = new AssumedYears();
  const fired = eachDay('2026-09-01', '2026-10-12')
    .map((d) => [d, reminderDueOn(cal, d, '2026-10-10', [7, 3, 1], a)] as const)
    .filter(([, n]) => n !== null);
  assert.deepEqual(fired, [
    ['2026-09-30', 3],
    ['2026-10-09', 1],
  ]);
  // a weekday due date far from holidays: 7, 3 and 1 days before, each on a working day
  const june = eachDay('2026-07-01', '2026-07-20').filter((d) => reminderDueOn(cal, d, '2026-07-15', [7, 3, 1], a) !== null);
  assert.deepEqual(june, ['2026-07-08', '2026-07-10', '2026-07-14']); // 7月12日 is a Sunday → Friday 10日
});

test('warnings start the first working day after the due date; escalation after M working days, skipping holidays', () => {
  const a = new AssumedYears();
  assert.equal(firstWarningDay(cal, '2026-10-10', a), '2026-10-12');
  assert.equal(firstWarningDay(cal, '2026-09-30', a), '2026-10-08'); // the holiday week is skipped
  assert.equal(escalationDue(cal, '2026-09-30', '2026-10-07', 3, a), false);
  assert.equal(escalationDue(cal, '2026-09-30', '2026-10-09', 3, a), false); // 8日、9日: two working days
  assert.equal(escalationDue(cal, '2026-09-30', '2026-10-10', 3, a), true); // 10日 is a 调休 working day
  assert.equal(escalationDue(cal, '2026-10-12', '2026-10-12', 3, a), false);
});

test('a year missing from the calendar is assumed Monday–Friday and reported, never silently', () => {
  const a = new AssumedYears();
  assert.equal(reminderDay(cal, '2027-01-10', 3, a), '2027-01-07');
  assert.deepEqual(a.list(), [2027]);
});

test('document numbers, abbreviations, texts', () => {
  assert.equal(documentNumber('息', '督', 2026, 3), '息法督〔2026〕3号');
  assert.equal(regionAbbr({ abbr: null, name: '息烽县' }), '息');
  assert.equal(regionAbbr({ abbr: '民权', name: '民权县' }), '民权');
  assert.equal(daysLeftText('2026-09-30', '2026-10-10'), '还有 10 天');
  assert.equal(daysLeftText('2026-10-10', '2026-10-10'), '今天到期');
  assert.deepEqual(normalizeRemindDays([1, 7, 3, 3, 0, -2, 100]), [7, 3, 1]);
});
