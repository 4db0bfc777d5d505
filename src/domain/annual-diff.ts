/**
 * The difference between two versions of an annual report: blocks matched by id (added, removed,
 * changed, same), and for a changed block its text split into kept, inserted and deleted pieces.
 */
import type { Block, BlockChange } from '../shared/api/annual-reports.ts';
import { blockTexts } from './annual-document.ts';

const textOf = (b: Block) => blockTexts(b).join('\n');

type Part = BlockChange['parts'][number];

/** Character diff by longest common subsequence, after trimming the common prefix and suffix; long middles are replaced whole. */
export function diffText(a: string, b: string): Part[] {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  const x = [...a.slice(p, a.length - s)];
  const y = [...b.slice(p, b.length - s)];
  const parts: Part[] = [];
  const push = (op: Part['op'], text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += text;
    else parts.push({ op, text });
  };
  push('=', a.slice(0, p));
  if (x.length * y.length > 4_000_000) {
    push('-', x.join(''));
    push('+', y.join(''));
  } else {
    const n = x.length;
    const m = y.length;
    const L: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
    for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) L[i]![j] = x[i] === y[j] ? L[i + 1]![j + 1]! + 1 : Math.max(L[i + 1]![j]!, L[i]![j + 1]!);
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (x[i] === y[j]) {
        push('=', x[i]!);
        i++;
        j++;
      } else if (L[i + 1]![j]! >= L[i]![j + 1]!) push('-', x[i++]!);
      else push('+', y[j++]!);
    }
    while (i < n) push('-', x[i++]!);
    while (j < m) push('+', y[j++]!);
  }
  push('=', a.slice(a.length - s));
  return tidy(parts);
}

/** Short kept runs (one or two characters) between changes are folded into them, so a rewrite reads as one deletion and one insertion. */
function tidy(parts: Part[]): Part[] {
  const out: Part[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const between = p.op === '=' && i > 0 && i < parts.length - 1 && [...p.text].length <= 2;
    if (!between) {
      out.push({ ...p });
      continue;
    }
    out.push({ op: '-', text: p.text }, { op: '+', text: p.text });
  }
  // gather each run of changes into one deletion followed by one insertion
  const merged: Part[] = [];
  for (let i = 0; i < out.length; ) {
    if (out[i]!.op === '=') {
      merged.push(out[i++]!);
      continue;
    }
    let del = '';
    let ins = '';
    for (; i < out.length && out[i]!.op !== '='; i++) out[i]!.op === '-' ? (del += out[i]!.text) : (ins += out[i]!.text);
    if (del) merged.push({ op: '-', text: del });
    if (ins) merged.push({ op: '+', text: ins });
  }
  return merged;
}

export function diffBlocks(before: Block[], after: Block[]): BlockChange[] {
  const old = new Map(before.map((b) => [b.id, b]));
  const out: BlockChange[] = [];
  let removedAt = 0;
  // removed blocks are shown where they stood: before the first later block that survives
  const pendingRemoved = (upTo: number) => {
    for (; removedAt < before.length && removedAt < upTo; removedAt++) {
      const b = before[removedAt]!;
      if (!after.some((x) => x.id === b.id)) out.push({ kind: 'removed', blockId: b.id, type: b.type, before: textOf(b), after: null, parts: [{ op: '-', text: textOf(b) }] });
    }
  };
  for (const b of after) {
    const o = old.get(b.id);
    if (o) {
      pendingRemoved(before.indexOf(o));
      removedAt = Math.max(removedAt, before.indexOf(o) + 1);
    }
    if (!o) out.push({ kind: 'added', blockId: b.id, type: b.type, before: null, after: textOf(b), parts: [{ op: '+', text: textOf(b) }] });
    else {
      const t0 = textOf(o);
      const t1 = textOf(b);
      const same = t0 === t1 && o.type === b.type && o.level === b.level;
      out.push({ kind: same ? 'same' : 'changed', blockId: b.id, type: b.type, before: t0, after: t1, parts: same ? [{ op: '=', text: t1 }] : diffText(t0, t1) });
    }
  }
  pendingRemoved(before.length);
  return out;
}
