import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  type Deadline,
  type PlanTiming,
  describeDeadline,
  describeDeadlines,
  effectiveDue,
  isOngoing,
  nextOccurrence,
  occurrences,
  resolveTiming,
} from './deadline.ts';
import { AppError } from '../shared/errors.ts';

const plan: PlanTiming = { startYear: 2021, endYear: 2025, defaultDue: '2025-12-31' };
const planNoDefault: PlanTiming = { startYear: 2026, endYear: 2030 };

const dl = (over: Partial<Deadline>): Deadline => ({ raw: '', due: null, ongoing: false, recurring: null, at: null, ...over });

test('a printed date is the effective due date; staged dates resolve to the last', () => {
  assert.equal(effectiveDue([dl({ raw: '2022年底前', due: '2022-12-31' })], plan), '2022-12-31');
  const staged = resolveTiming([dl({ due: '2023-12-31' }), dl({ due: '2022-06-30' })], plan);
  assert.equal(staged.due, '2023-12-31');
  assert.equal(staged.dueSource, 'task');
  assert.deepEqual(staged.milestones, ['2022-06-30', '2023-12-31']);
});

test('no deadline → the plan default, else the end of the plan period', () => {
  assert.deepEqual(
    [effectiveDue([], plan), resolveTiming([], plan).dueSource],
    ['2025-12-31', 'plan-default'],
  );
  const custom = { ...plan, defaultDue: '2025-06-30' };
  assert.equal(effectiveDue([], custom), '2025-06-30');
  assert.equal(effectiveDue([dl({ raw: '抓好落实' })], custom), '2025-06-30');
  assert.deepEqual([effectiveDue([], planNoDefault), resolveTiming([], planNoDefault).dueSource], ['2030-12-31', 'plan-end']);
});

test('ongoing and recurring tasks have no one-time due date; 并长期坚持 keeps its date', () => {
  assert.equal(effectiveDue([dl({ raw: '长期坚持', ongoing: true })], plan), null);
  assert.equal(effectiveDue([dl({ raw: '每年3月1日前', recurring: 'yearly', at: '03-01' })], plan), null);
  const both = resolveTiming([dl({ raw: '2023年底前完成并长期坚持', due: '2023-12-31', ongoing: true })], plan);
  assert.equal(both.due, '2023-12-31');
  assert.equal(both.ongoing, true);
});

test('per-term is a one-time obligation due at the end of the plan period (or its own date)', () => {
  const t = resolveTiming([dl({ raw: '任期内', recurring: 'per-term' })], planNoDefault);
  assert.equal(t.due, '2030-12-31');
  assert.equal(t.dueSource, 'per-term');
  assert.deepEqual(t.recurring, []);
  assert.equal(effectiveDue([dl({ recurring: 'per-term', due: '2029-06-30' })], planNoDefault), '2029-06-30');
});

test('resolveTiming validates the plan and the dates', () => {
  assert.throws(() => effectiveDue([], { startYear: 2025, endYear: 2021 }), AppError);
  assert.throws(() => effectiveDue([dl({ due: '2023-02-30' })], plan), AppError);
});

test('isOngoing', () => {
  assert.equal(isOngoing([dl({ due: '2023-12-31' })]), false);
  assert.equal(isOngoing([dl({ due: '2023-12-31' }), dl({ ongoing: true })]), true);
  assert.equal(isOngoing([]), false);
});

test('occurrences: yearly on MM-DD, or year end without a date', () => {
  const annual = dl({ raw: '每年3月1日前', recurring: 'yearly', at: '03-01' });
  assert.deepEqual(occurrences(annual, '2021-01-01', '2026-12-31', plan), ['2021-03-01', '2022-03-01', '2023-03-01', '2024-03-01', '2025-03-01', '2026-03-01']);
  assert.deepEqual(occurrences(annual, '2022-03-02', '2023-03-01', plan), ['2023-03-01']);
  assert.deepEqual(occurrences(dl({ recurring: 'yearly' }), '2024-06-01', '2025-12-31', plan), ['2024-12-31', '2025-12-31']);
  assert.deepEqual(occurrences(dl({ recurring: 'yearly', at: '02-29' }), '2024-01-01', '2025-12-31', plan), ['2024-02-29', '2025-02-28']);
});

test('occurrences: quarterly, semiannual, monthly', () => {
  assert.deepEqual(occurrences(dl({ recurring: 'quarterly' }), '2025-02-01', '2025-12-30', plan), ['2025-03-31', '2025-06-30', '2025-09-30']);
  assert.deepEqual(occurrences(dl({ recurring: 'semiannual' }), '2024-01-01', '2025-06-30', plan), ['2024-06-30', '2024-12-31', '2025-06-30']);
  assert.deepEqual(occurrences(dl({ recurring: 'monthly' }), '2024-01-15', '2024-04-30', plan), ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30']);
  assert.deepEqual(occurrences(dl({ recurring: 'monthly', at: '01-31' }), '2025-01-01', '2025-03-31', plan), ['2025-01-31', '2025-02-28', '2025-03-31']);
  assert.deepEqual(occurrences(dl({ recurring: 'monthly', at: '01-05' }), '2025-01-06', '2025-03-05', plan), ['2025-02-05', '2025-03-05']);
});

test('occurrences: biennial every second year from the plan’s second year or its own date', () => {
  assert.deepEqual(occurrences(dl({ recurring: 'biennial' }), '2021-01-01', '2025-12-31', plan), ['2022-12-31', '2024-12-31']);
  assert.deepEqual(
    occurrences(dl({ recurring: 'biennial', due: '2021-06-30', at: '06-30' }), '2020-01-01', '2026-12-31', plan),
    ['2021-06-30', '2023-06-30', '2025-06-30'],
  );
});

test('occurrences: per-term once, one-time on its date, ongoing never', () => {
  assert.deepEqual(occurrences(dl({ recurring: 'per-term' }), '2021-01-01', '2025-12-31', plan), ['2025-12-31']);
  assert.deepEqual(occurrences(dl({ recurring: 'per-term' }), '2021-01-01', '2025-06-30', plan), []);
  assert.deepEqual(occurrences(dl({ due: '2023-12-31' }), '2023-10-01', '2023-12-31', plan), ['2023-12-31']);
  assert.deepEqual(occurrences(dl({ due: '2023-12-31' }), '2024-01-01', '2024-03-31', plan), []);
  assert.deepEqual(occurrences(dl({ ongoing: true }), '2021-01-01', '2025-12-31', plan), []);
  assert.deepEqual(occurrences(dl({ recurring: 'yearly' }), '2025-12-31', '2025-01-01', plan), []);
});

test('a recurring deadline with a due date starts there', () => {
  const since2023 = dl({ raw: '自2023年起每年3月1日前', recurring: 'yearly', at: '03-01', due: '2023-03-01' });
  assert.deepEqual(occurrences(since2023, '2021-01-01', '2025-12-31', plan), ['2023-03-01', '2024-03-01', '2025-03-01']);
});

test('nextOccurrence', () => {
  const annual = dl({ recurring: 'yearly', at: '03-01' });
  assert.equal(nextOccurrence(annual, '2026-03-01', plan), '2026-03-01');
  assert.equal(nextOccurrence(annual, '2026-03-02', plan), '2027-03-01');
  assert.equal(nextOccurrence(dl({ due: '2023-12-31' }), '2024-01-01', plan), null);
});

test('describeDeadline in Chinese', () => {
  assert.equal(describeDeadline(dl({ due: '2023-12-31', ongoing: true })), '2023年12月31日前，此后长期坚持');
  assert.equal(describeDeadline(dl({ due: '2023-12-31' })), '2023年12月31日前');
  assert.equal(describeDeadline(dl({ ongoing: true })), '长期坚持');
  assert.equal(describeDeadline(dl({ recurring: 'yearly', at: '03-01' })), '每年3月1日前');
  assert.equal(describeDeadline(dl({ recurring: 'yearly' })), '每年');
  assert.equal(describeDeadline(dl({ recurring: 'yearly', at: '03-01', due: '2023-03-01' })), '自2023年起每年3月1日前');
  assert.equal(describeDeadline(dl({ recurring: 'quarterly' })), '每季度');
  assert.equal(describeDeadline(dl({ recurring: 'semiannual' })), '每半年');
  assert.equal(describeDeadline(dl({ recurring: 'monthly', at: '01-05' })), '每月5日前');
  assert.equal(describeDeadline(dl({ recurring: 'biennial' })), '每两年一次');
  assert.equal(describeDeadline(dl({ recurring: 'per-term' })), '任期内');
  assert.equal(describeDeadline(dl({})), '未明确时限');
});

test('describeDeadlines joins, and names the default when nothing is printed', () => {
  assert.equal(
    describeDeadlines([dl({ due: '2022-12-31' }), dl({ recurring: 'yearly', at: '04-01' })], plan),
    '2022年12月31日前；每年4月1日前',
  );
  assert.equal(describeDeadlines([], plan), '未明确时限，按方案要求2025年12月31日前完成');
  assert.equal(describeDeadlines([dl({ raw: '抓紧' })], planNoDefault), '未明确时限，按方案要求2030年12月31日前完成');
});
