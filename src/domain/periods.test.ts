import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  type PeriodTask,
  type ReportingPeriod,
  completionPeriod,
  generatePeriods,
  parsePeriodKey,
  periodKeyOf,
  periodOf,
  periodTaskFromDeadlines,
  tasksDueInPeriod,
} from './periods.ts';
import { CalendarGapError, buildWorkCalendar, parseCalendarJson } from './calendar.ts';
import type { Deadline, PlanTiming } from './deadline.ts';
import { AppError } from '../shared/errors.ts';

function shippedCalendar(years: number[]) {
  return buildWorkCalendar(
    years.map((year) => {
      const r = parseCalendarJson(readFileSync(new URL(`../../data/calendars/${year}.json`, import.meta.url), 'utf8'));
      assert.ok(r.calendar);
      return r.calendar;
    }),
  );
}

const plan: PlanTiming = { startYear: 2025, endYear: 2026 };

test('quarterly periods with keys, labels, whole quarters and a calendar-day due offset', () => {
  const ps = generatePeriods({ start: '2025-02-15', end: '2025-12-31', frequency: 'quarterly', dueOffsetDays: 10 });
  assert.deepEqual(
    ps.map((p) => [p.key, p.label, p.start, p.end, p.due]),
    [
      ['2025Q1', '2025年第一季度', '2025-01-01', '2025-03-31', '2025-04-10'],
      ['2025Q2', '2025年第二季度', '2025-04-01', '2025-06-30', '2025-07-10'],
      ['2025Q3', '2025年第三季度', '2025-07-01', '2025-09-30', '2025-10-10'],
      ['2025Q4', '2025年第四季度', '2025-10-01', '2025-12-31', '2026-01-10'],
    ],
  );
  assert.ok(ps.every((p) => p.frequency === 'quarterly' && p.dueAssumedWeekendsOnly === false));
});

test('monthly, semiannual and yearly periods', () => {
  const months = generatePeriods({ start: '2024-01-20', end: '2024-03-01', frequency: 'monthly', dueOffsetDays: 5 });
  assert.deepEqual(months.map((p) => [p.key, p.label, p.end, p.due]), [
    ['2024-01', '2024年1月', '2024-01-31', '2024-02-05'],
    ['2024-02', '2024年2月', '2024-02-29', '2024-03-05'],
    ['2024-03', '2024年3月', '2024-03-31', '2024-04-05'],
  ]);
  const halves = generatePeriods({ start: '2025-01-01', end: '2026-06-30', frequency: 'semiannual', dueOffsetDays: 0 });
  assert.deepEqual(halves.map((p) => [p.key, p.label, p.start, p.end]), [
    ['2025H1', '2025年上半年', '2025-01-01', '2025-06-30'],
    ['2025H2', '2025年下半年', '2025-07-01', '2025-12-31'],
    ['2026H1', '2026年上半年', '2026-01-01', '2026-06-30'],
  ]);
  const years = generatePeriods({ start: '2021-01-01', end: '2025-12-31', frequency: 'yearly', dueOffsetDays: 60 });
  assert.deepEqual(years.map((p) => p.key), ['2021', '2022', '2023', '2024', '2025']);
  assert.equal(years[0]!.label, '2021年度');
  assert.equal(years[0]!.due, '2022-03-01'); // 60 days after 2021-12-31, the annual report date
});

test('due in working days follows the shipped calendar across 国庆 and 元旦', () => {
  const cal = shippedCalendar([2025, 2026]);
  const ps = generatePeriods({ start: '2025-07-01', end: '2025-12-31', frequency: 'quarterly', dueOffsetDays: 5, dueInWorkingDays: true, calendar: cal });
  // Q3 ends 09-30 (Tue); 10-01..08 off → 10-09, 10-10, 10-11 (Sat, 班), 10-13, 10-14
  assert.equal(ps[0]!.due, '2025-10-14');
  // Q4 ends 12-31 (Wed); 01-01..03 off, 01-04 (Sun, 班), 01-05..08 → 5th working day 01-08
  assert.equal(ps[1]!.due, '2026-01-08');
});

test('a missing calendar year throws by default, or flags the due date when asked to assume', () => {
  const cal = shippedCalendar([2025]);
  const opts = { start: '2025-10-01', end: '2025-12-31', frequency: 'quarterly' as const, dueOffsetDays: 5, dueInWorkingDays: true, calendar: cal };
  assert.throws(() => generatePeriods(opts), CalendarGapError);
  const [q4] = generatePeriods({ ...opts, onCalendarGap: 'assume-weekends' });
  assert.equal(q4!.due, '2026-01-07'); // 01-01 Thu … counted as plain weekdays
  assert.equal(q4!.dueAssumedWeekendsOnly, true);
});

test('generatePeriods rejects bad options', () => {
  const ok = { start: '2025-01-01', end: '2025-12-31', frequency: 'quarterly' as const, dueOffsetDays: 10 };
  assert.throws(() => generatePeriods({ ...ok, start: '2026-01-01' }), AppError);
  assert.throws(() => generatePeriods({ ...ok, dueOffsetDays: -1 }), AppError);
  assert.throws(() => generatePeriods({ ...ok, dueInWorkingDays: true }), /工作日历/);
  assert.throws(() => generatePeriods({ ...ok, frequency: 'weekly' as never }), AppError);
});

test('periodOf and period keys', () => {
  const ps = generatePeriods({ start: '2025-01-01', end: '2025-12-31', frequency: 'quarterly', dueOffsetDays: 10 });
  assert.equal(periodOf('2025-03-31', ps)?.key, '2025Q1');
  assert.equal(periodOf('2025-04-01', ps)?.key, '2025Q2');
  assert.equal(periodOf('2026-01-01', ps), null);
  assert.equal(periodKeyOf('2026-05-20', 'quarterly'), '2026Q2');
  assert.equal(periodKeyOf('2026-05-20', 'monthly'), '2026-05');
  assert.equal(periodKeyOf('2026-07-01', 'semiannual'), '2026H2');
  assert.equal(periodKeyOf('2026-07-01', 'yearly'), '2026');
  assert.deepEqual(parsePeriodKey('2026Q3'), { frequency: 'quarterly', start: '2026-07-01', end: '2026-09-30' });
  assert.deepEqual(parsePeriodKey('2024-02'), { frequency: 'monthly', start: '2024-02-01', end: '2024-02-29' });
  assert.deepEqual(parsePeriodKey('2026H2'), { frequency: 'semiannual', start: '2026-07-01', end: '2026-12-31' });
  assert.deepEqual(parsePeriodKey('2026'), { frequency: 'yearly', start: '2026-01-01', end: '2026-12-31' });
  assert.throws(() => parsePeriodKey('2026Q5'), AppError);
  assert.throws(() => parsePeriodKey('2026-13'), AppError);
});

// ---------------------------------------------------------------- tasksDueInPeriod

const quarters = generatePeriods({ start: '2025-01-01', end: '2026-12-31', frequency: 'quarterly', dueOffsetDays: 10 });
const q = (key: string): ReportingPeriod => quarters.find((p) => p.key === key)!;
const task = (over: Partial<PeriodTask> & { id: string }): PeriodTask => ({
  start: '2025-01-01',
  due: '2025-06-30',
  ongoing: false,
  recurring: [],
  reports: [],
  ...over,
});
const due = (tasks: PeriodTask[], key: string) => tasksDueInPeriod(tasks, q(key), plan).map((d) => `${d.task.id}:${d.reason}`);

test('a dated task is due every period from its start until done, including after its due date', () => {
  const t = task({ id: 'A' });
  assert.deepEqual(due([t], '2025Q1'), ['A:in-progress']);
  assert.deepEqual(due([t], '2025Q2'), ['A:in-progress']); // due 06-30 inside Q2
  assert.deepEqual(due([t], '2025Q3'), ['A:overdue']);
  assert.deepEqual(due([t], '2026Q4'), ['A:overdue']);
});

test('done = an accepted 已完成 report; the period it was done in still counts, later ones not', () => {
  const accepted = task({ id: 'A', reports: [{ periodKey: '2025Q2', state: '已完成', accepted: true }] });
  assert.deepEqual(due([accepted], '2025Q2'), ['A:in-progress']);
  assert.deepEqual(due([accepted], '2025Q3'), []);
  const returned = task({ id: 'B', reports: [{ periodKey: '2025Q2', state: '已完成', accepted: false }] });
  assert.deepEqual(due([returned], '2025Q3'), ['B:overdue']);
  const progressOnly = task({ id: 'C', reports: [{ periodKey: '2025Q2', state: '推进中', accepted: true }] });
  assert.deepEqual(due([progressOnly], '2025Q3'), ['C:overdue']);
  const doneLate = task({ id: 'D', reports: [{ periodKey: '2025Q4', state: '已完成', accepted: true }] });
  assert.deepEqual(due([doneLate], '2025Q4'), ['D:overdue']);
  assert.deepEqual(due([doneLate], '2026Q1'), []);
  assert.deepEqual(completionPeriod(doneLate), { key: '2025Q4', start: '2025-10-01', end: '2025-12-31' });
});

test('nothing is due before the task starts; a task starting inside a period is due in it', () => {
  const later = task({ id: 'L', start: '2025-05-15', due: '2025-12-31' });
  assert.deepEqual(due([later], '2025Q1'), []);
  assert.deepEqual(due([later], '2025Q2'), ['L:in-progress']);
});

test('ongoing tasks are due every period; a dated-then-ongoing task switches reason once done', () => {
  const ongoing = task({ id: 'O', due: null, ongoing: true });
  assert.deepEqual(quarters.map((p) => tasksDueInPeriod([ongoing], p, plan).length), [1, 1, 1, 1, 1, 1, 1, 1]);
  assert.deepEqual(due([ongoing], '2026Q3'), ['O:ongoing']);
  const then = task({ id: 'T', due: '2025-03-31', ongoing: true, reports: [{ periodKey: '2025Q2', state: '已完成', accepted: true }] });
  assert.deepEqual(due([then], '2025Q1'), ['T:in-progress']);
  assert.deepEqual(due([then], '2025Q2'), ['T:overdue']);
  assert.deepEqual(due([then], '2025Q3'), ['T:ongoing']);
});

test('recurring tasks are due in the periods holding an occurrence', () => {
  const annual: Deadline = { raw: '每年3月1日前', due: null, ongoing: false, recurring: 'yearly', at: '03-01' };
  const t = periodTaskFromDeadlines('R', '2025-01-01', [annual], plan);
  assert.equal(t.due, null);
  assert.deepEqual(quarters.filter((p) => tasksDueInPeriod([t], p, plan).length).map((p) => p.key), ['2025Q1', '2026Q1']);
  assert.deepEqual(due([t], '2026Q1'), ['R:recurring']);
});

test('a task with no deadline takes the plan default and is due until done', () => {
  const t = periodTaskFromDeadlines('N', '2025-01-01', [], { ...plan, defaultDue: '2025-12-31' });
  assert.equal(t.due, '2025-12-31');
  assert.deepEqual(due([t], '2025Q4'), ['N:in-progress']);
  assert.deepEqual(due([t], '2026Q1'), ['N:overdue']);
});

test('several tasks at once keep their order', () => {
  const list = [task({ id: 'A' }), task({ id: 'O', due: null, ongoing: true }), task({ id: 'L', start: '2026-01-01' })];
  assert.deepEqual(due(list, '2025Q3'), ['A:overdue', 'O:ongoing']);
});

test('an unknown report period key is rejected', () => {
  const bad = task({ id: 'X', reports: [{ periodKey: '2025第二季度', state: '已完成', accepted: true }] });
  assert.throws(() => tasksDueInPeriod([bad], q('2025Q3'), plan), AppError);
});

test('a completion reported for a longer period keeps shorter periods inside it due', () => {
  // done reported on the 2025Q1 report: it may have happened any day of Q1, so February still asks
  const t = task({ id: 'M', due: '2025-03-31', reports: [{ periodKey: '2025Q1', state: '已完成', accepted: true }] });
  const months = generatePeriods({ start: '2025-01-01', end: '2025-04-30', frequency: 'monthly', dueOffsetDays: 5 });
  assert.deepEqual(months.map((p) => tasksDueInPeriod([t], p, plan).length), [1, 1, 1, 0]);
});
