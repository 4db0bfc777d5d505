/**
 * The framework editor's working copy: the indicator tree with client keys, and the pure operations
 * on it (add, rename, move, delete, point sums, the path a server problem names). Saved whole.
 */
import type { IndicatorInputT, IndicatorT } from '@shared/api/assessment.ts';

export type Rule = NonNullable<IndicatorT['rule']>;

export interface EditNode {
  key: string;
  name: string;
  points: number | null;
  rule: Rule | null;
  criteria: string;
  evidence: string;
  taskIds: string[];
  children: EditNode[];
}

export const PATH_SEP = ' › ';
export const MAX_LEVEL = 3;
export const round2 = (n: number) => Math.round(n * 100) / 100;

let seq = 0;
const newKey = () => `n${++seq}`;

export const fromTree = (t: IndicatorT[]): EditNode[] =>
  t.map((i) => ({ key: newKey(), name: i.name, points: i.points, rule: i.rule, criteria: i.criteria ?? '', evidence: i.evidence ?? '', taskIds: i.taskIds, children: fromTree(i.children) }));

/** The request body's tree: a parent carries no rule (its score is its children's). */
export const toInput = (nodes: EditNode[]): IndicatorInputT[] =>
  nodes.map((n) => ({
    name: n.name.trim(),
    points: n.points ?? 0,
    ...(n.children.length ? { children: toInput(n.children) } : { rule: n.rule }),
    criteria: n.criteria.trim() || null,
    evidence: n.evidence.trim() || null,
    taskIds: n.taskIds,
  }));

export const sumOf = (nodes: EditNode[]) => round2(nodes.reduce((s, n) => s + (n.points ?? 0), 0));

/** Each node's path as the server names it (names joined by ›), and its level. */
export function pathIndex(nodes: EditNode[]): Map<string, { path: string; level: number; parentKey: string | null }> {
  const out = new Map<string, { path: string; level: number; parentKey: string | null }>();
  const walk = (ns: EditNode[], trail: string[], level: number, parentKey: string | null) => {
    for (const n of ns) {
      const here = [...trail, n.name || '（未命名）'];
      out.set(n.key, { path: here.join(PATH_SEP), level, parentKey });
      walk(n.children, here, level + 1, n.key);
    }
  };
  walk(nodes, [], 1, null);
  return out;
}

export function findNode(nodes: EditNode[], key: string): EditNode | null {
  for (const n of nodes) {
    if (n.key === key) return n;
    const hit = findNode(n.children, key);
    if (hit) return hit;
  }
  return null;
}

/** A copy of the tree with one node changed. */
export function updateNode(nodes: EditNode[], key: string, patch: Partial<EditNode>): EditNode[] {
  return nodes.map((n) => (n.key === key ? { ...n, ...patch } : n.children.length ? { ...n, children: updateNode(n.children, key, patch) } : n));
}

export function removeNode(nodes: EditNode[], key: string): EditNode[] {
  return nodes.filter((n) => n.key !== key).map((n) => (n.children.length ? { ...n, children: removeNode(n.children, key) } : n));
}

/** Moves a node up (-1) or down (+1) among its siblings. */
export function moveNode(nodes: EditNode[], key: string, by: -1 | 1): EditNode[] {
  const i = nodes.findIndex((n) => n.key === key);
  if (i >= 0) {
    const j = i + by;
    if (j < 0 || j >= nodes.length) return nodes;
    const out = [...nodes];
    [out[i], out[j]] = [out[j]!, out[i]!];
    return out;
  }
  return nodes.map((n) => (n.children.length ? { ...n, children: moveNode(n.children, key, by) } : n));
}

const uniqueName = (siblings: EditNode[], base: string) => {
  const taken = new Set(siblings.map((s) => s.name));
  if (!taken.has(base)) return base;
  for (let k = 2; ; k++) if (!taken.has(`${base}${k}`)) return `${base}${k}`;
};

const blank = (siblings: EditNode[], base: string, points: number, rule: Rule | null): EditNode => ({ key: newKey(), name: uniqueName(siblings, base), points, rule, criteria: '', evidence: '', taskIds: [], children: [] });

/**
 * Adds a child under `parentKey` (null: a new first-level indicator). A leaf that gets its first child
 * hands its rule down to it; the new indicator takes the points still unallotted, else 1.
 */
export function addChild(nodes: EditNode[], parentKey: string | null, total: number): { nodes: EditNode[]; key: string } {
  if (parentKey === null) {
    const left = round2(total - sumOf(nodes));
    const n = blank(nodes, '新一级指标', left > 0 ? left : 1, { kind: 'manual' });
    return { nodes: [...nodes, n], key: n.key };
  }
  let key = '';
  const walk = (ns: EditNode[]): EditNode[] =>
    ns.map((p) => {
      if (p.key === parentKey) {
        const left = round2((p.points ?? 0) - sumOf(p.children));
        const n = blank(p.children, '新指标', p.children.length ? (left > 0 ? left : 1) : (p.points ?? 1), p.children.length ? { kind: 'manual' } : (p.rule ?? { kind: 'manual' }));
        key = n.key;
        return { ...p, rule: null, children: [...p.children, n] };
      }
      return p.children.length ? { ...p, children: walk(p.children) } : p;
    });
  const out = walk(nodes);
  return { nodes: out, key };
}

/** Parents whose children's points do not add up to their own, by key, with the sum. */
export function sumMismatches(nodes: EditNode[]): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (ns: EditNode[]) => {
    for (const n of ns) {
      if (n.children.length) {
        const s = sumOf(n.children);
        if (Math.abs(s - (n.points ?? 0)) > 0.005) out.set(n.key, s);
        walk(n.children);
      }
    }
  };
  walk(nodes);
  return out;
}

export const allKeys = (nodes: EditNode[]): string[] => nodes.flatMap((n) => [n.key, ...allKeys(n.children)]);
export const parentKeys = (nodes: EditNode[]): string[] => nodes.flatMap((n) => (n.children.length ? [n.key, ...parentKeys(n.children)] : []));
