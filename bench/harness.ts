/**
 * The benchmark contract. Each bench/*.bench.ts file default-exports a function that measures
 * something and returns figures; bench/run.ts prints each beside its budget and, with --json FILE,
 * writes them as a list of {name, value, unit, budget, ok}.
 */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** human-readable budget, e.g. "≥ 5" or "≤ 30" (in the same unit) */
  budget: string;
  ok: boolean;
}

export interface BenchContext {
  /** SQLite path or postgres:// URL the data benchmarks should use (a scratch database) */
  databaseUrl: string;
  /** a scratch directory, removed afterwards */
  tmpDir: string;
  /** BENCH_QUICK=1: fewer repetitions, for smoke runs in tests */
  quick: boolean;
}

export type Bench = (ctx: BenchContext) => Promise<BenchResult[]>;

export function median(xs: number[]): number {
  return percentile(xs, 50);
}

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const idx = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[idx]!;
}

export const atMost = (name: string, value: number, unit: string, budget: number): BenchResult => ({
  name, value: round(value), unit, budget: `≤ ${budget}`, ok: value <= budget,
});
export const atLeast = (name: string, value: number, unit: string, budget: number): BenchResult => ({
  name, value: round(value), unit, budget: `≥ ${budget}`, ok: value >= budget,
});

const round = (v: number) => Math.round(v * 100) / 100;

/** Milliseconds taken by fn, measured with the high-resolution clock. */
export async function timeMs(fn: () => unknown | Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}
