/**
 * Quantitative targets: rates, counts per period, hours, working days, 全覆盖/全部 (100 %),
 * and dated completions ("2024年底前基本建成…": op achieve, value null).
 * Numbers inside quotes or titles (“1+1+3+N”, “三项制度”, 《…》), hotline numbers (12345),
 * slogans (7×24) and dates are not targets.
 */
import type { PlanTarget } from '../shared/plan-draft.ts';
import { cnValue } from './numbering.ts';
import { scanInlineDeadlines, type DateContext } from './deadlines.ts';

export interface TargetSegment {
  text: string;
  /** due date of the 完成时限 clause covering this text, if any */
  due: string | null;
}

const COMPARATOR =
  '力争达到|力争达|均应达到|均应达|均达到|应当达到|应达到|应达|不少于|不低于|不超过|不高于|不大于|不小于|达到|超过|大于|高于|低于|小于|至少|最多|最少|控制在|保持在|提高到|提升到|提高至|提升至|降低到|降至|下降到|只设|只有|达';
const UNIT =
  '%|％|个百分点|个工作日|工作日|学时|课时|小时|分钟|天|日|次|期|件|个|名|人|家|项|类|场|批|分|万元|元|倍|篇|份|套';
const NUMERIC = new RegExp(
  `(${COMPARATOR})?\\s*(\\d+(?:\\.\\d+)?(?:\\s*[、,，]\\s*\\d+(?:\\.\\d+)?)*)\\s*(${UNIT})(及以上|以上|以下|以内|之内|内)?`,
  'g',
);
const CN_NUM = '一二两三四五六七八九十';
const CN_COUNT = new RegExp(`(至少|不少于|不低于|最少|只设|只|达到)?\\s*([${CN_NUM}]{1,3})\\s*(次|期|名|个|场|批|项|轮)(以上)?`, 'g');
const PERIOD_WORD = /(?:每人每年|每年度|每年|每半年|每季度|每月|每两年|任期内)[^，。；]{0,12}$/;
const NOT_A_COUNT_AFTER = /^(?:办|告知|性|窗|网|门|号|件事|站|端|体|平台|中心|张|批次|口|线|码|单|库|图|表)/;
const COVERAGE_VERB = /全部(?:纳入|设立|公开|实现|完成|建立|达到|配备|上线|进驻|接入|落实|建成|覆盖|开通|录入|办结)/g;

function opOf(cmp: string | undefined, suffix: string | undefined): PlanTarget['op'] {
  const c = cmp ?? '';
  const s = suffix ?? '';
  if (/不超过|不高于|不大于|最多|控制在/.test(c) || /以下|以内|之内|^内$/.test(s)) return '<=';
  if (/超过|大于|高于/.test(c)) return '>';
  if (/低于|小于|降至|降低到|下降到/.test(c) && !/不低于|不小于/.test(c)) return '<';
  if (/不少于|不低于|不小于|达|至少|最少|提高|提升/.test(c) || /以上/.test(s)) return '>=';
  return '=';
}

/** Replaces quoted and titled spans with a mask of the same length so their numerals are ignored. */
function maskQuotes(s: string): string {
  return s.replace(/“[^”]{0,30}”|"[^"]{0,30}"|《[^》]*》|‘[^’]{0,30}’|「[^」]{0,30}」/g, (m) => '□'.repeat(m.length));
}

/** The comma-delimited clause around position i, as the target's raw text. */
function clauseAround(s: string, from: number, to: number): string {
  let a = from;
  while (a > 0 && !/[，,。；;！？]/.test(s[a - 1]!)) a--;
  let b = to;
  while (b < s.length && !/[，,。；;！？]/.test(s[b]!)) b++;
  return s.slice(a, b).trim();
}

function metricOf(clause: string): string | null {
  const m = /^(.*?)(?:应当|应|均|力争)?(?:达到|达|不少于|不低于|超过|大于|不超过|至少|实现)/.exec(clause);
  const metric = (m?.[1] ?? '').replace(/^(?:确保|推动|实现|推进|使|保证|力争)/, '').trim();
  return metric.length >= 2 && metric.length <= 40 ? metric : null;
}

function sentences(text: string): string[] {
  return text.split(/(?<=[。；;！？])/).filter((s) => s.trim() !== '');
}

/** Targets in the given segments; with datesAsTargets, a dated sentence with no number is an achieve target. */
export function extractTargets(segments: TargetSegment[], ctx: DateContext, datesAsTargets: boolean): PlanTarget[] {
  const out: PlanTarget[] = [];
  const seen = new Set<string>();
  const push = (t: PlanTarget) => {
    const key = `${t.value}|${t.unit}|${t.raw}|${t.op}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(t);
  };
  for (const seg of segments) {
    for (const sentence of sentences(seg.text)) {
      const dated = scanInlineDeadlines(sentence, ctx).find((d) => d.due && !d.recurring);
      const by = dated?.due ?? seg.due;
      const found = targetsInSentence(sentence, by);
      found.forEach(push);
      if (datesAsTargets && dated && found.length === 0 && !/^[^，。]{0,6}(?:以来|起)/.test(sentence))
        push({ raw: sentence.replace(/[。；;]$/, ''), metric: null, op: 'achieve', value: null, unit: null, by: dated.due, scope: null });
    }
  }
  return out;
}

function targetsInSentence(sentence: string, by: string | null): PlanTarget[] {
  const masked = maskQuotes(sentence);
  const out: PlanTarget[] = [];
  for (const m of /\d/.test(masked) ? masked.matchAll(NUMERIC) : []) {
    const start = m.index! + (m[1]?.length ?? 0);
    const before = masked.slice(Math.max(0, start - 2), start);
    const after = masked.slice(m.index! + m[0].length, m.index! + m[0].length + 2);
    if (/[×*xX+＋第月]\s*$/.test(before) || /^[×*xX]/.test(after)) continue;
    if (m[3] === '日' && /^(?:前|起|以前|之前)/.test(after)) continue;
    if (m[3] === '个' && /^[月年]/.test(after)) continue;
    const raw = clauseAround(sentence, m.index!, m.index! + m[0].length);
    const unit = m[3] === '％' ? '%' : m[3]!;
    for (const v of m[2]!.split(/\s*[、,，]\s*/)) {
      const value = Number(v);
      if (!Number.isFinite(value) || (value >= 1000 && unit !== '%' && unit !== '元' && unit !== '万元')) continue;
      // 至少组织4次: the comparison may stand a verb before the number
      const cmp = m[1] ?? /(至少|不少于|不低于|最少|不超过|不高于|最多|控制在)[^，。；;\d]{0,6}$/.exec(masked.slice(Math.max(0, start - 10), start))?.[1];
      out.push({ raw, metric: metricOf(raw), op: opOf(cmp, m[4]), value, unit, by, scope: null });
    }
  }
  for (const m of /[一二两三四五六七八九十]\s*(?:次|期|名|个|场|批|项|轮)/.test(masked) ? masked.matchAll(CN_COUNT) : []) {
    const after = masked.slice(m.index! + m[0].length);
    if (NOT_A_COUNT_AFTER.test(after)) continue;
    const head = masked.slice(0, m.index!);
    const compared = Boolean(m[1]) || Boolean(m[4]);
    if (!compared && !PERIOD_WORD.test(head)) continue;
    if (!compared && !/(?:开展|召开|举办|组织|听取|接受|进行|参加|培训|调查|评估|检查|清理)[^，。；]{0,2}$/.test(head)) continue;
    const raw = clauseAround(sentence, m.index!, m.index! + m[0].length);
    const cmp = m[1] ?? /(至少|不少于|不低于|最少)[^，。；]{0,6}$/.exec(head)?.[1];
    out.push({ raw, metric: metricOf(raw), op: opOf(cmp, m[4]), value: cnValue(m[2]!), unit: m[3]!, by, scope: null });
  }
  for (const m of masked.matchAll(/全覆盖/g)) {
    const next = masked[m.index! + 3] ?? '';
    const prev = masked[m.index! - 1] ?? '';
    if (next && !/[。；;，,]/.test(next)) continue;
    if (prev === '、' || /\d[%％]$/.test(masked.slice(0, m.index!))) continue;
    const raw = clauseAround(sentence, m.index!, m.index! + 3);
    out.push({ raw, metric: null, op: '>=', value: 100, unit: '%', by, scope: null });
  }
  for (const m of masked.matchAll(COVERAGE_VERB)) {
    const raw = clauseAround(sentence, m.index!, m.index! + m[0].length);
    out.push({ raw, metric: null, op: '>=', value: 100, unit: '%', by, scope: null });
  }
  for (const m of masked.matchAll(/(?:把|将)所有[^，。；]{1,30}纳入/g)) {
    const raw = clauseAround(sentence, m.index!, m.index! + m[0].length);
    out.push({ raw, metric: null, op: '>=', value: 100, unit: '%', by, scope: null });
  }
  return out;
}
