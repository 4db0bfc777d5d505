/**
 * 考核: an indicator framework is a weighted tree (一级 → 二级 → 三级 indicators); each leaf has its
 * points and a scoring rule. Rules are a closed set of data (no user code ever runs): manual, or
 * computed from the records — share of tasks done on time, share of reports accepted without return,
 * on-time report rate, a metric against its target (full points, proportional, or nothing), and
 * deductions per overdue 督办单 or unrectified problem. Every computed score carries the sentence that
 * explains it and the ids of the records it came from, so a score can always be traced and recomputed.
 * Pure: the services gather the facts, these functions only count.
 */

export type TargetOp = '>=' | '>' | '=' | '<=' | '<' | 'achieve' | 'done';

export type ScoringRule =
  | { kind: 'manual' }
  /** share of the unit's tasks due in the year that were completed by their (extended) due date */
  | { kind: 'tasks_on_time'; chapterId?: string }
  /** share of the unit's accepted reports that were never returned */
  | { kind: 'reports_first_pass'; chapterId?: string }
  /** share of the reports due in the year that were submitted by their period's due date */
  | { kind: 'reports_on_time'; chapterId?: string }
  /** a metric's actual value against its target */
  | { kind: 'metric_target'; metricId: string; mode: 'all_or_nothing' | 'proportional' }
  /** points off for each overdue 督办单 / each problem not rectified in time, down to zero */
  | { kind: 'deduction'; per: 'overdue_notice' | 'unrectified_problem'; pointsEach: number };

export const RULE_LABEL: Record<ScoringRule['kind'], string> = {
  manual: '人工评分',
  tasks_on_time: '任务按期完成率',
  reports_first_pass: '报送一次通过率',
  reports_on_time: '按时报送率',
  metric_target: '指标达标',
  deduction: '扣分项',
};

export interface IndicatorNode {
  id: string;
  name: string;
  points: number;
  /** leaves only */
  rule?: ScoringRule;
  children?: IndicatorNode[];
}

export interface FrameworkProblem {
  /** the indicator's path, e.g. 「依法行政制度体系 › 规范性文件管理」 */
  path: string;
  message: string;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const pathOf = (names: string[]) => names.join(' › ');

/**
 * What is wrong with a framework, in Chinese, naming each indicator: points that are not positive,
 * children whose points do not add up to their parent's, more than three levels, a leaf without a
 * rule, a rule on a parent, duplicate names among siblings, a deduction of no points.
 */
export function validateFramework(roots: IndicatorNode[], opts: { total?: number } = {}): FrameworkProblem[] {
  const problems: FrameworkProblem[] = [];
  const walk = (nodes: IndicatorNode[], trail: string[], depth: number) => {
    const seen = new Set<string>();
    for (const n of nodes) {
      const here = [...trail, n.name || '（未命名）'];
      const path = pathOf(here);
      if (!n.name.trim()) problems.push({ path, message: '指标名称不能为空' });
      if (seen.has(n.name)) problems.push({ path, message: `同一级下有重名指标「${n.name}」` });
      seen.add(n.name);
      if (!(n.points > 0)) problems.push({ path, message: `分值应大于 0（现为 ${n.points}）` });
      if (depth > 3) problems.push({ path, message: '指标最多三级' });
      const kids = n.children ?? [];
      if (kids.length) {
        if (n.rule) problems.push({ path, message: '有下级指标的指标不设评分规则，其得分由下级汇总' });
        const sum = round2(kids.reduce((s, k) => s + k.points, 0));
        if (Math.abs(sum - n.points) > 0.005) problems.push({ path, message: `下级指标分值合计 ${sum} 分，与本指标的 ${n.points} 分不符` });
        walk(kids, here, depth + 1);
      } else {
        if (!n.rule) problems.push({ path, message: '末级指标须设评分规则（人工评分或自动计算）' });
        else if (n.rule.kind === 'deduction' && !(n.rule.pointsEach > 0)) problems.push({ path, message: '每次扣分应大于 0' });
      }
    }
  };
  walk(roots, [], 1);
  if (opts.total !== undefined) {
    const sum = round2(roots.reduce((s, r) => s + r.points, 0));
    if (Math.abs(sum - opts.total) > 0.005) problems.push({ path: '（总分）', message: `一级指标分值合计 ${sum} 分，与总分 ${opts.total} 分不符` });
  }
  return problems;
}

const CAMPAIGN_STAGE: Record<string, string> = { self_assess: '单位自评', review: '考核评分', approved: '已审定', published: '已公布' };

/**
 * Whether a framework may still be edited, given the campaigns that use it: null when it may, else why
 * not, in Chinese, naming the campaigns. Any campaign blocks — not only an approved one: scores are kept
 * per indicator and a saved tree gets new indicators, so editing a framework under a running campaign
 * would silently change (or drop) the units' self-assessments and the assessors' scores.
 */
export function frameworkEditBlock(campaigns: { name: string; state: string }[]): string | null {
  if (!campaigns.length) return null;
  const names = campaigns.slice(0, 3).map((c) => `「${c.name}」（${CAMPAIGN_STAGE[c.state] ?? c.state}）`).join('、');
  return `该指标体系已用于考核${names}${campaigns.length > 3 ? `等 ${campaigns.length} 次考核` : ''}，不能再修改；如需调整请复制为新的指标体系`;
}

/** The leaves of a framework, each with the names of its ancestors. */
export function leavesOf(roots: IndicatorNode[]): { node: IndicatorNode; path: string[] }[] {
  const out: { node: IndicatorNode; path: string[] }[] = [];
  const walk = (nodes: IndicatorNode[], trail: string[]) => {
    for (const n of nodes) (n.children?.length ? walk(n.children, [...trail, n.name]) : out.push({ node: n, path: [...trail, n.name] }));
  };
  walk(roots, []);
  return out;
}

// ------------------------------------------------------------------ computed rules

/** A record a score was computed from: its kind and id, for the trace. */
export interface SourceRef {
  kind: 'task' | 'report' | 'notice' | 'problem' | 'metric_value';
  id: string;
}

/** The facts about one unit and year that the computed rules count (gathered by the service). */
export interface UnitFacts {
  /** tasks of the unit due in the year: done on time or not */
  tasksDue: { id: string; onTime: boolean; chapterId?: string | null }[];
  /** reports due in the year: submitted on time or not, returned at least once or not, accepted or not */
  reports: { id: string; onTime: boolean; returned: boolean; accepted: boolean; chapterId?: string | null }[];
  overdueNotices: { id: string }[];
  unrectifiedProblems: { id: string }[];
  /** the latest actual value of each metric in scope, with its target */
  metrics: Record<string, { name: string; op: TargetOp; target: number | null; unit: string | null; actual: number | null; valueId: string | null; valueKind?: 'report' | 'metric_value'; source?: string }>;
}

export interface LeafScore {
  /** null: not scored yet (a manual indicator nobody has scored, or no data to compute from) */
  score: number | null;
  /** how the score came about, in Chinese, with the figures */
  explanation: string;
  sources: SourceRef[];
}

const pct = (n: number) => `${round2(n * 100)}%`;

/**
 * A share rule with nothing to count (the unit has no such tasks or reports this year, or none in the
 * chapter) is 不涉及: full points, said so — a unit is not marked down for work it was not given.
 */
function share(points: number, label: string, good: number, all: number, sources: SourceRef[]): LeafScore {
  if (all === 0) return { score: points, explanation: `${label}：本年度本单位不涉及（无应计记录），按满分计`, sources: [] };
  const r = good / all;
  const score = round2(points * r);
  return { score, explanation: `${label} ${good}/${all} = ${pct(r)}，得分 ${points} × ${pct(r)} = ${score}`, sources };
}

/** Is the actual value on target? `achieve`/`done` targets count any positive actual as met. */
export function meetsTarget(op: TargetOp, target: number | null, actual: number): boolean {
  if (op === 'achieve' || op === 'done' || target === null) return actual > 0;
  switch (op) {
    case '>=': return actual >= target;
    case '>': return actual > target;
    case '=': return Math.abs(actual - target) < 1e-9;
    case '<=': return actual <= target;
    case '<': return actual < target;
  }
}

/** How close to the target, from 0 to 1: actual/target for "at least" targets, target/actual for "at most". */
export function targetShare(op: TargetOp, target: number | null, actual: number): number {
  if (meetsTarget(op, target, actual)) return 1;
  if (target === null || op === 'achieve' || op === 'done') return 0;
  if (op === '>=' || op === '>' || op === '=') return target > 0 ? Math.max(0, Math.min(1, actual / target)) : 0;
  return actual > 0 ? Math.max(0, Math.min(1, target / actual)) : 0;
}

const OP_TEXT: Record<TargetOp, string> = { '>=': '不低于', '>': '高于', '=': '达到', '<=': '不高于', '<': '低于', achieve: '实现', done: '完成' };

/** Scores one leaf by its rule from the unit's facts. A manual rule takes the assessor's score. */
export function scoreLeaf(rule: ScoringRule, points: number, facts: UnitFacts, manual: number | null = null): LeafScore {
  switch (rule.kind) {
    case 'manual':
      return manual === null ? { score: null, explanation: '人工评分，尚未评分', sources: [] } : { score: Math.min(points, Math.max(0, manual)), explanation: `人工评分 ${manual} 分`, sources: [] };
    case 'tasks_on_time': {
      const tasks = facts.tasksDue.filter((t) => !rule.chapterId || t.chapterId === rule.chapterId);
      return share(points, '任务按期完成', tasks.filter((t) => t.onTime).length, tasks.length, tasks.map((t) => ({ kind: 'task', id: t.id })));
    }
    case 'reports_first_pass': {
      const accepted = facts.reports.filter((r) => r.accepted && (!rule.chapterId || r.chapterId === rule.chapterId));
      const first = accepted.filter((r) => !r.returned);
      return share(points, '报送一次通过', first.length, accepted.length, accepted.map((r) => ({ kind: 'report', id: r.id })));
    }
    case 'reports_on_time': {
      const reports = facts.reports.filter((r) => !rule.chapterId || r.chapterId === rule.chapterId);
      return share(points, '按时报送', reports.filter((r) => r.onTime).length, reports.length, reports.map((r) => ({ kind: 'report', id: r.id })));
    }
    case 'metric_target': {
      const m = facts.metrics[rule.metricId];
      // the framework checks that the metric exists; absent here, it is not this unit's target
      if (!m) return { score: points, explanation: '该量化指标不由本单位承担（不涉及），按满分计', sources: [] };
      const goal = `目标${OP_TEXT[m.op]}${m.target ?? ''}${m.unit ?? ''}`;
      if (m.actual === null) return { score: null, explanation: `「${m.name}」${goal}，尚无实际值，需填报后计算`, sources: [] };
      const src: SourceRef[] = m.valueId ? [{ kind: m.valueKind ?? 'metric_value', id: m.valueId }] : [];
      const met = meetsTarget(m.op, m.target, m.actual);
      // which record the value came from (a report, or the office's entry with its source), when known
      const from = m.source ? `（${m.source}）` : '';
      if (rule.mode === 'all_or_nothing') return { score: met ? points : 0, explanation: `「${m.name}」实际 ${m.actual}${m.unit ?? ''}${from}，${goal}，${met ? '达标，得满分' : '未达标，不得分'}`, sources: src };
      const r = targetShare(m.op, m.target, m.actual);
      const score = round2(points * r);
      return { score, explanation: `「${m.name}」实际 ${m.actual}${m.unit ?? ''}${from}，${goal}，完成 ${pct(r)}，得分 ${score}`, sources: src };
    }
    case 'deduction': {
      const list = rule.per === 'overdue_notice' ? facts.overdueNotices : facts.unrectifiedProblems;
      const what = rule.per === 'overdue_notice' ? '逾期未办结督办单' : '逾期未整改问题';
      const off = round2(list.length * rule.pointsEach);
      const score = round2(Math.max(0, points - off));
      return { score, explanation: `${what} ${list.length} 件，每件扣 ${rule.pointsEach} 分，扣 ${Math.min(off, points)} 分，得分 ${score}`, sources: list.map((x) => ({ kind: rule.per === 'overdue_notice' ? 'notice' : 'problem', id: x.id })) };
    }
  }
}

// ------------------------------------------------------------------ roll-up, ranking, what-if

export interface RolledUp {
  /** score per indicator id (leaves and parents); null where some leaf below is not scored yet */
  byId: Map<string, number | null>;
  total: number | null;
  /** leaves not scored yet, by path */
  missing: string[];
}

/** Adds leaf scores up the tree. A leaf's score is capped at its points. */
export function rollUp(roots: IndicatorNode[], leafScores: Map<string, number | null>): RolledUp {
  const byId = new Map<string, number | null>();
  const missing: string[] = [];
  const walk = (n: IndicatorNode, trail: string[]): number | null => {
    const here = [...trail, n.name];
    let v: number | null;
    if (n.children?.length) {
      const parts = n.children.map((c) => walk(c, here));
      v = parts.some((p) => p === null) ? null : round2(parts.reduce<number>((s, p) => s + (p as number), 0));
    } else {
      const s = leafScores.get(n.id);
      v = s === undefined || s === null ? null : round2(Math.min(n.points, Math.max(0, s)));
      if (v === null) missing.push(pathOf(here));
    }
    byId.set(n.id, v);
    return v;
  };
  const tops = roots.map((r) => walk(r, []));
  return { byId, total: tops.some((t) => t === null) ? null : round2(tops.reduce<number>((s, t) => s + (t as number), 0)), missing };
}

/** Ranks totals high to low; equal totals share a rank and the next rank skips (1, 2, 2, 4). */
export function rank<T extends { total: number }>(rows: T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.total - a.total);
  let prev: number | null = null;
  let r = 0;
  return sorted.map((row, i) => {
    if (prev === null || Math.abs(row.total - prev) > 1e-9) r = i + 1;
    prev = row.total;
    return { ...row, rank: r };
  });
}

/** What the unit's total would be if one leaf scored `score` instead. */
export function whatIf(roots: IndicatorNode[], leafScores: Map<string, number | null>, leafId: string, score: number): { before: number | null; after: number | null; delta: number | null } {
  const before = rollUp(roots, leafScores).total;
  const changed = new Map(leafScores);
  changed.set(leafId, score);
  const after = rollUp(roots, changed).total;
  return { before, after, delta: before === null || after === null ? null : round2(after - before) };
}
