/**
 * 量化指标: a target's series merges the values units report for their tasks with the values the office
 * enters (each with its source). Pure rules: the order of the series, the latest value on or before a
 * day, and a target's status — met, at risk (not met yet, still before its date), missed, or no data.
 */
import { meetsTarget, type TargetOp } from './assessment.ts';

export type MetricStatus = 'met' | 'at_risk' | 'missed' | 'no_data';

export interface MetricPoint {
  /** the day the value stands for (a reporting period's end, or the office's statistic date) */
  date: string;
  value: number;
  kind: 'report' | 'office';
  /** when it was recorded (accepted, or entered): the later of two values for one day wins */
  recordedAt: string;
}

/**
 * Series order: by date; on the same day the office's entry comes after a report's (an official
 * statistic outranks a unit's own figure), then the later recorded.
 */
export function comparePoints(a: MetricPoint, b: MetricPoint): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.kind !== b.kind) return a.kind === 'report' ? -1 : 1;
  return a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : 0;
}

export function sortSeries<T extends MetricPoint>(points: T[]): T[] {
  return [...points].sort(comparePoints);
}

/** The value that counts on a day: the last of the series dated on or before it (any, without a day). */
export function latestOnOrBefore<T extends MetricPoint>(points: T[], day?: string): T | null {
  const upTo = day ? points.filter((p) => p.date <= day) : points;
  return sortSeries(upTo).at(-1) ?? null;
}

/**
 * A target's status on a day from its latest value: none → no data; on target → met; otherwise missed
 * once its date (the target's own, else its task's due date) has passed, at risk before.
 */
export function metricStatus(op: TargetOp, target: number | null, latest: number | null, due: string | null, asOf: string): MetricStatus {
  if (latest === null) return 'no_data';
  if (meetsTarget(op, target, latest)) return 'met';
  return due && due < asOf ? 'missed' : 'at_risk';
}
