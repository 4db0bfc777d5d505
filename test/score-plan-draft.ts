/**
 * A faithful TypeScript port of /work/shared/tools/score-plan-draft.py: same metrics, same matching
 * (character-bigram Dice ≥ 0.8, one to one, best first), same folding (NFKC, brackets, white space, **).
 *   node --import tsx test/score-plan-draft.ts PRED.json GOLD.json [PRED GOLD …] [--verbose]
 */
import { readFileSync } from 'node:fs';

type Json = Record<string, any>;

const FOLD: Record<string, string> = { '（': '(', '）': ')', '，': ',', '：': ':', '；': ';', '〔': '(', '〕': ')', '［': '[', '］': ']', '\u3000': ' ' };

export function clean(s: unknown): string {
  if (s === null || s === undefined) return '';
  let t = pyStr(s).replace(/[（），：；〔〕［］\u3000]/g, (c) => FOLD[c]!);
  t = t.normalize('NFKC').replace(/\*\*/g, '');
  return t.replace(/\s+/gu, '');
}

/** Python's str() of the values the scorer meets (numbers, booleans, strings). */
function pyStr(v: unknown): string {
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  return String(v);
}

function bigrams(s: string): string[] {
  const cps = [...s];
  const out: string[] = [];
  for (let i = 0; i < cps.length - 1; i++) out.push(cps[i]! + cps[i + 1]!);
  return out.length ? out : [s];
}

export function dice(a: unknown, b: unknown): number {
  const x = clean(a);
  const y = clean(b);
  if (!x && !y) return 1;
  if (x === y) return 1;
  const ba = bigrams(x);
  const bb = bigrams(y);
  const counts = new Map<string, number>();
  for (const g of ba) counts.set(g, (counts.get(g) ?? 0) + 1);
  let inter = 0;
  for (const g of bb) {
    const c = counts.get(g) ?? 0;
    if (c > 0) {
      counts.set(g, c - 1);
      inter++;
    }
  }
  return (2 * inter) / (ba.length + bb.length);
}

const len = (s: string) => [...s].length;

export function matchTasks(pred: Json[], gold: Json[]): Array<[number, Json, Json]> {
  const cands: Array<[number, number, number]> = [];
  pred.forEach((p, i) => {
    gold.forEach((g, j) => {
      if ((p.part || 'body') !== (g.part || 'body')) return;
      const lp = len(clean(p.text));
      const lg = len(clean(g.text));
      if (Math.min(lp, lg) < 0.6 * Math.max(lp, lg)) return;
      const s = dice(p.text, g.text);
      if (s >= 0.8) cands.push([s, i, j]);
    });
  });
  // Python sorts the tuples descending: by score, then pred index, then gold index
  cands.sort((a, b) => b[0] - a[0] || b[1] - a[1] || b[2] - a[2]);
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  const pairs: Array<[number, Json, Json]> = [];
  for (const [s, i, j] of cands) {
    if (usedP.has(i) || usedG.has(j)) continue;
    usedP.add(i);
    usedG.add(j);
    pairs.push([s, pred[i]!, gold[j]!]);
  }
  return pairs;
}

export function f1(tp: number, np: number, ng: number): number {
  const p = np ? tp / np : ng === 0 ? 1 : 0;
  const r = ng ? tp / ng : np === 0 ? 1 : 0;
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

function unitSet(t: Json): Set<string> {
  const out = new Set<string>();
  for (const [role, key] of [['lead', 'lead_units'], ['responsible', 'responsible_units'], ['leader', 'lead_leaders']] as const)
    for (const u of t[key] ?? []) out.add(`${role}\u0000${clean(u)}`);
  return out;
}

function dlSet(t: Json): Set<string> {
  const out = new Set<string>();
  for (const d of t.deadlines ?? []) out.add(JSON.stringify([d.due ?? null, Boolean(d.ongoing), d.recurring ?? null]));
  return out;
}

function num(v: unknown): string {
  if (typeof v === 'boolean') return `n:${v ? 1 : 0}`;
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : NaN;
  if (v !== null && v !== undefined && Number.isFinite(n)) return `n:${Math.round(n * 1000) / 1000}`;
  return `s:${clean(v)}`;
}

function tgSet(t: Json): Set<string> {
  const out = new Set<string>();
  for (const g of t.targets ?? []) out.add(`${num(g.value)}\u0000${clean(g.unit)}`);
  return out;
}

function counts(pairs: Array<[number, Json, Json]>, fn: (t: Json) => Set<string>, pred: Json[], gold: Json[]): [number, number, number] {
  let tp = 0;
  for (const [, p, g] of pairs) {
    const gs = fn(g);
    for (const x of fn(p)) if (gs.has(x)) tp++;
  }
  return [tp, pred.reduce((a, t) => a + fn(t).size, 0), gold.reduce((a, t) => a + fn(t).size, 0)];
}

const META = ['title', 'region', 'period', 'draft', 'doc_number', 'issued_on'] as const;

export interface Score {
  n_pred: number;
  n_gold: number;
  matched: number;
  tasks: number;
  text: number;
  units: number;
  dl: number;
  tg: number;
  meta: number;
  units_c: [number, number, number];
  dl_c: [number, number, number];
  tg_c: [number, number, number];
  pairs: Array<[number, Json, Json]>;
}

export function score(predDoc: Json, goldDoc: Json): Score {
  const pred: Json[] = predDoc.tasks ?? [];
  const gold: Json[] = goldDoc.tasks ?? [];
  const pairs = matchTasks(pred, gold);
  const units_c = counts(pairs, unitSet, pred, gold);
  const dl_c = counts(pairs, dlSet, pred, gold);
  const tg_c = counts(pairs, tgSet, pred, gold);
  const pm = predDoc.document ?? {};
  const gm = goldDoc.document ?? {};
  let right = 0;
  for (const k of META) {
    const a = pm[k];
    const b = gm[k];
    if (k === 'draft') right += Number(Boolean(a) === Boolean(b));
    else if (k === 'period') right += Number(JSON.stringify(a ?? []) === JSON.stringify(b ?? []));
    else right += Number(clean(a) === clean(b));
  }
  return {
    n_pred: pred.length, n_gold: gold.length, matched: pairs.length,
    tasks: f1(pairs.length, pred.length, gold.length),
    text: pairs.length ? pairs.reduce((a, [s]) => a + s, 0) / pairs.length : 0,
    units: f1(...units_c), dl: f1(...dl_c), tg: f1(...tg_c), units_c, dl_c, tg_c,
    meta: right / META.length, pairs,
  };
}

function main(argv: string[]): number {
  const verbose = argv.includes('--verbose');
  const args = argv.filter((a) => a !== '--verbose');
  if (args.length < 2 || args.length % 2) {
    console.log('usage: score-plan-draft.ts PRED.json GOLD.json [PRED2.json GOLD2.json ...] [--verbose]');
    return 2;
  }
  const tot = { matched: 0, n_pred: 0, n_gold: 0, text: 0, meta: 0 };
  const agg = { units: [0, 0, 0], dl: [0, 0, 0], tg: [0, 0, 0] };
  let docs = 0;
  for (let k = 0; k < args.length; k += 2) {
    let pred: Json = {};
    try {
      pred = JSON.parse(readFileSync(args[k]!, 'utf8'));
    } catch (e) {
      console.log(`${args[k]}: unreadable: ${(e as Error).message}`);
    }
    const gold = JSON.parse(readFileSync(args[k + 1]!, 'utf8'));
    const r = score(pred, gold);
    docs++;
    const name = args[k + 1]!.split('/').pop()!.replace('.gold.json', '').replace('.json', '');
    console.log(`${name}: tasks ${r.matched}/${r.n_gold} (pred ${r.n_pred}) F1 ${r.tasks.toFixed(3)}  text ${r.text.toFixed(3)}  units ${r.units.toFixed(3)}  dl ${r.dl.toFixed(3)}  tg ${r.tg.toFixed(3)}  meta ${r.meta.toFixed(2)}`);
    if (verbose) {
      const matched = new Set(r.pairs.map(([, , g]) => g));
      for (const g of gold.tasks ?? []) if (!matched.has(g)) console.log(`   missed gold seq ${g.seq} line ${g.line}: ${clean(g.text).slice(0, 50)}`);
    }
    tot.matched += r.matched;
    tot.n_pred += r.n_pred;
    tot.n_gold += r.n_gold;
    tot.text += r.text * r.matched;
    tot.meta += r.meta;
    for (const n of ['units', 'dl', 'tg'] as const) for (let i = 0; i < 3; i++) agg[n][i]! += r[`${n}_c`][i]!;
  }
  const taskF1 = f1(tot.matched, tot.n_pred, tot.n_gold);
  const text = tot.matched ? tot.text / tot.matched : 0;
  const f = (n: 'units' | 'dl' | 'tg') => f1(agg[n][0]!, agg[n][1]!, agg[n][2]!).toFixed(3);
  console.log(`TOTAL ${docs} docs: tasks F1 ${taskF1.toFixed(3)}  text ${text.toFixed(3)}  units ${f('units')}  dl ${f('dl')}  tg ${f('tg')}  meta ${(tot.meta / docs).toFixed(2)}`);
  return 0;
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
