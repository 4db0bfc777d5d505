/**
 * What changed between two versions of a plan. Tasks are matched by the similarity of their text
 * (character-bigram Dice), best pairs first, one to one; a matched pair whose text differs is
 * "reworded" and keeps its identity (and so the progress already reported on it). Owners and
 * deadlines are compared per matched pair.
 */

export interface DiffTask {
  key: string;
  path: string[];
  text: string;
  owners: { role: string; name: string }[];
  deadlines: { due: string | null; ongoing: boolean; recurring: string | null }[];
}

export interface PlanDiff {
  added: { newKey: string; text: string }[];
  removed: { oldKey: string; text: string }[];
  reworded: { oldKey: string; newKey: string; similarity: number; before: string; after: string }[];
  unchanged: { oldKey: string; newKey: string }[];
  ownersChanged: { oldKey: string; newKey: string; before: string[]; after: string[] }[];
  deadlinesChanged: { oldKey: string; newKey: string; before: string[]; after: string[] }[];
}

/** Below this similarity two texts are different tasks, not one reworded. */
export const MATCH_THRESHOLD = 0.6;

const clean = (s: string) => s.normalize('NFKC').replace(/[\s*]/g, '');

function bigramCounts(s: string): Map<string, number> {
  const m = new Map<string, number>();
  if (s.length < 2) m.set(s, 1);
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.slice(i, i + 2);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

export function textSimilarity(a: string, b: string): number {
  const x = clean(a);
  const y = clean(b);
  if (x === y) return 1;
  const bx = bigramCounts(x);
  const by = bigramCounts(y);
  let inter = 0;
  let nx = 0;
  let ny = 0;
  for (const v of bx.values()) nx += v;
  for (const [g, v] of by) {
    ny += v;
    inter += Math.min(v, bx.get(g) ?? 0);
  }
  return nx + ny === 0 ? 1 : (2 * inter) / (nx + ny);
}

const ownerList = (t: DiffTask) => t.owners.map((o) => `${o.role}:${o.name}`).sort();
const deadlineList = (t: DiffTask) => t.deadlines.map((d) => `${d.due ?? '-'}|${d.ongoing ? '长期' : ''}|${d.recurring ?? ''}`).sort();
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function diffPlans(oldTasks: DiffTask[], newTasks: DiffTask[]): PlanDiff {
  const pairs: { i: number; j: number; s: number }[] = [];
  for (let i = 0; i < oldTasks.length; i++) {
    const a = oldTasks[i]!;
    for (let j = 0; j < newTasks.length; j++) {
      const b = newTasks[j]!;
      const la = clean(a.text).length;
      const lb = clean(b.text).length;
      // Dice can't reach the threshold when lengths differ this much; skip the bigram work
      if (Math.min(la, lb) / Math.max(la, lb, 1) < MATCH_THRESHOLD / (2 - MATCH_THRESHOLD)) continue;
      let s = textSimilarity(a.text, b.text);
      if (s >= MATCH_THRESHOLD && a.path.join('/') === b.path.join('/')) s += 0.001; // tie-break by position
      if (s >= MATCH_THRESHOLD) pairs.push({ i, j, s });
    }
  }
  pairs.sort((p, q) => q.s - p.s || p.i - q.i || p.j - q.j);
  const usedOld = new Set<number>();
  const usedNew = new Set<number>();
  const diff: PlanDiff = { added: [], removed: [], reworded: [], unchanged: [], ownersChanged: [], deadlinesChanged: [] };
  const matched: { i: number; j: number; s: number }[] = [];
  for (const p of pairs) {
    if (usedOld.has(p.i) || usedNew.has(p.j)) continue;
    usedOld.add(p.i);
    usedNew.add(p.j);
    matched.push(p);
  }
  matched.sort((p, q) => p.j - q.j);
  for (const { i, j, s } of matched) {
    const a = oldTasks[i]!;
    const b = newTasks[j]!;
    if (clean(a.text) === clean(b.text)) diff.unchanged.push({ oldKey: a.key, newKey: b.key });
    else diff.reworded.push({ oldKey: a.key, newKey: b.key, similarity: Math.round(Math.min(1, s) * 1000) / 1000, before: a.text, after: b.text });
    if (!sameList(ownerList(a), ownerList(b))) diff.ownersChanged.push({ oldKey: a.key, newKey: b.key, before: ownerList(a), after: ownerList(b) });
    if (!sameList(deadlineList(a), deadlineList(b))) diff.deadlinesChanged.push({ oldKey: a.key, newKey: b.key, before: deadlineList(a), after: deadlineList(b) });
  }
  newTasks.forEach((b, j) => usedNew.has(j) || diff.added.push({ newKey: b.key, text: b.text }));
  oldTasks.forEach((a, i) => usedOld.has(i) || diff.removed.push({ oldKey: a.key, text: a.text }));
  return diff;
}
