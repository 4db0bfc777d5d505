import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextRetryAt, quietUntil } from './quiet-hours.ts';

const at = (iso: string) => new Date(iso);

test('quiet hours are Beijing time and may wrap midnight', () => {
  // 22:00–07:00 in Beijing is 14:00–23:00 UTC
  assert.equal(quietUntil(at('2026-03-01T13:59:00Z'), '22:00', '07:00'), null, '21:59: not yet');
  assert.equal(quietUntil(at('2026-03-01T14:00:00Z'), '22:00', '07:00')?.toISOString(), '2026-03-01T23:00:00.000Z', '22:00 → next morning 07:00');
  assert.equal(quietUntil(at('2026-03-01T17:30:00Z'), '22:00', '07:00')?.toISOString(), '2026-03-01T23:00:00.000Z', '01:30 → 07:00 the same morning');
  assert.equal(quietUntil(at('2026-03-01T23:00:00Z'), '22:00', '07:00'), null, '07:00 sharp: over');
  // a window inside one day: 12:00–13:30
  assert.equal(quietUntil(at('2026-03-02T04:15:00Z'), '12:00', '13:30')?.toISOString(), '2026-03-02T05:30:00.000Z');
  assert.equal(quietUntil(at('2026-03-02T05:30:00Z'), '12:00', '13:30'), null);
  assert.equal(quietUntil(at('2026-03-02T05:00:00Z'), null, null), null, 'no quiet hours');
});

test('retries back off 1, 5, 30 minutes, 2 and 12 hours, then give up', () => {
  const t0 = at('2026-03-02T00:00:00Z');
  assert.deepEqual([1, 2, 3, 4, 5].map((n) => (nextRetryAt(t0, n)!.getTime() - t0.getTime()) / 60_000), [1, 5, 30, 120, 720]);
  assert.equal(nextRetryAt(t0, 6), null);
});
