/** Parser throughput over the five seed plans and the largest seed's median parse time. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { atLeast, atMost, median, timeMs, type Bench } from './harness.ts';
import { parsePlan } from '../src/parser/index.ts';

const SEEDS = join(import.meta.dirname, '..', 'data', 'plans');

const bench: Bench = async (ctx) => {
  const files = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(SEEDS, f))) }));
  const total = files.reduce((a, f) => a + f.bytes.length, 0);
  const largest = files.reduce((a, f) => (f.bytes.length > a.bytes.length ? f : a));
  const warm = ctx.quick ? 2 : 5;
  const runs = ctx.quick ? 5 : 25;
  const parseAll = async () => {
    for (const f of files) await parsePlan(f.bytes, { fileName: f.name });
  };
  for (let i = 0; i < warm; i++) await parseAll();
  const rounds: number[] = [];
  for (let i = 0; i < runs; i++) rounds.push(await timeMs(parseAll));
  const one: number[] = [];
  for (let i = 0; i < runs; i++) one.push(await timeMs(() => parsePlan(largest.bytes, { fileName: largest.name })));
  const mbPerS = total / 1048576 / (median(rounds) / 1000);
  return [atLeast('parser throughput (5 seeds)', mbPerS, 'MB/s', 5), atMost(`parse time of largest seed (${largest.name})`, median(one), 'ms', 20)];
};

export default bench;
