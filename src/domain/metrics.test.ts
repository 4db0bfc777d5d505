import { test } from 'node:test';
import assert from 'node:assert/strict';
import { latestOnOrBefore, metricStatus, sortSeries, type MetricPoint } from './metrics.ts';

const p = (date: string, value: number, kind: MetricPoint['kind'], recordedAt = `${date}T00:00:00Z`): MetricPoint => ({ date, value, kind, recordedAt });

test('the series runs by date; on one day the office entry comes after a report, then the later recorded', () => {
  const s = sortSeries([p('2025-12-31', 3, 'office'), p('2025-03-31', 1, 'report'), p('2025-12-31', 2, 'report', '2026-01-20T00:00:00Z'), p('2025-12-31', 4, 'office', '2026-02-01T00:00:00Z')]);
  assert.deepEqual(s.map((x) => x.value), [1, 2, 3, 4]);
});

test('the latest value on or before a day ignores later ones; nothing before it is null', () => {
  const s = [p('2024-12-31', 80, 'office'), p('2025-06-30', 90, 'report'), p('2025-12-31', 97, 'office')];
  assert.equal(latestOnOrBefore(s, '2025-12-31')?.value, 97);
  assert.equal(latestOnOrBefore(s, '2025-12-30')?.value, 90);
  assert.equal(latestOnOrBefore(s, '2024-12-31')?.value, 80);
  assert.equal(latestOnOrBefore(s, '2024-12-30'), null);
  assert.equal(latestOnOrBefore(s)?.value, 97);
  assert.equal(latestOnOrBefore([], '2025-01-01'), null);
});

test('status: met on target, at risk before the date, missed after it, no data without a value', () => {
  assert.equal(metricStatus('>=', 95, 96, '2025-12-31', '2026-02-01'), 'met');
  assert.equal(metricStatus('>=', 95, 90, '2025-12-31', '2025-06-01'), 'at_risk');
  assert.equal(metricStatus('>=', 95, 90, '2025-12-31', '2026-01-01'), 'missed');
  assert.equal(metricStatus('>=', 95, 90, '2025-12-31', '2025-12-31'), 'at_risk', 'the due day itself is still in time');
  assert.equal(metricStatus('<=', 5, 7, null, '2030-01-01'), 'at_risk', 'no date: never missed');
  assert.equal(metricStatus('<=', 5, 4, null, '2030-01-01'), 'met');
  assert.equal(metricStatus('>=', 95, null, '2020-01-01', '2026-01-01'), 'no_data');
});
