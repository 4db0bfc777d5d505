/** Pieces the plan pages share: deadline wording, task numbers, the source viewer, the diff view. */
import { Fragment, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { Empty, Tag } from 'antd';
import type { PlanDiffResponse } from '@shared/api/plans.ts';
import type { PlanDeadline } from '@shared/plan-draft.ts';

/** 二.（四）.1 */
export const joinPath = (path: readonly string[]) => path.join('.');

export const periodText = (p: readonly [number, number] | null | undefined) => (p ? `${p[0]}—${p[1]}年` : '—');

const cnDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
const cnMonthDay = (md: string) => {
  const [m, d] = md.split('-').map(Number);
  return `${m}月${d}日`;
};

/** Mirrors describeDeadline in src/domain/deadline.ts for drafts (the server sends `meaning` only for saved plans). */
export function describeDeadline(d: Pick<PlanDeadline, 'due' | 'ongoing' | 'recurring' | 'at'>): string {
  if (d.recurring) {
    const at = d.at ?? null;
    const since = d.due && d.recurring !== 'per-term' ? `自${d.due.slice(0, 4)}年起` : '';
    switch (d.recurring) {
      case 'yearly':
        return `${since}每年${at ? `${cnMonthDay(at)}前` : ''}`;
      case 'biennial':
        return `${since}每两年一次${at ? `，${cnMonthDay(at)}前` : ''}`;
      case 'monthly':
        return `${since}每月${at ? `${Number(at.split('-')[1])}日前` : ''}`;
      case 'per-term':
        return d.due ? `任期内（${cnDate(d.due)}前）` : '任期内';
      case 'quarterly':
        return `${since}每季度`;
      case 'semiannual':
        return `${since}每半年`;
    }
  }
  if (d.due && d.ongoing) return `${cnDate(d.due)}前，此后长期坚持`;
  if (d.due) return `${cnDate(d.due)}前`;
  if (d.ongoing) return '长期坚持';
  return '未明确时限';
}

export const RECURRENCE_OPTIONS = [
  { value: 'yearly', label: '每年' },
  { value: 'quarterly', label: '每季度' },
  { value: 'semiannual', label: '每半年' },
  { value: 'monthly', label: '每月' },
  { value: 'biennial', label: '每两年' },
  { value: 'per-term', label: '任期内' },
];

export const OP_TEXT: Record<string, string> = { '>=': '≥', '>': '>', '=': '=', '<=': '≤', '<': '<', achieve: '达到', done: '完成' };

export function targetText(t: { raw: string; metric?: string | null; op?: string | null; value: number | string | null; unit: string | null; by?: string | null }): string {
  if (t.metric && t.value !== null && t.op) return `${t.metric} ${OP_TEXT[t.op] ?? t.op} ${t.value}${t.unit ?? ''}${t.by ? `（${cnDate(t.by)}前）` : ''}`;
  return t.raw;
}

// ------------------------------------------------------------------ source viewer

export interface SourceSpan {
  key: string;
  start: number;
  end: number;
  label: string;
}

interface Piece {
  text: string;
  span: SourceSpan | null;
}

/** Splits the text into lines, each cut into pieces by the spans it overlaps (spans must not overlap each other). */
function layout(text: string, spans: SourceSpan[]): { no: number; pieces: Piece[] }[] {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const lines: { no: number; pieces: Piece[] }[] = [];
  let offset = 0;
  let si = 0;
  const raw = text.split('\n');
  raw.forEach((line, i) => {
    const lineStart = offset;
    const lineEnd = offset + line.length;
    const pieces: Piece[] = [];
    let pos = lineStart;
    while (si < sorted.length && sorted[si]!.end <= lineStart) si++;
    for (let k = si; k < sorted.length && sorted[k]!.start < lineEnd; k++) {
      const s = sorted[k]!;
      const a = Math.max(s.start, lineStart, pos);
      const b = Math.min(s.end, lineEnd);
      if (b <= a) continue;
      if (a > pos) pieces.push({ text: text.slice(pos, a), span: null });
      pieces.push({ text: text.slice(a, b), span: s });
      pos = b;
    }
    if (pos < lineEnd) pieces.push({ text: text.slice(pos, lineEnd), span: null });
    lines.push({ no: i + 1, pieces });
    offset = lineEnd + 1;
  });
  return lines;
}

/**
 * The normalized source text with line numbers; every span highlighted and clickable. The selected
 * span is marked and scrolled into the middle of the pane (the pane only, not the page).
 */
export function SourceView({
  text,
  spans,
  selected,
  onSelect,
  height,
  scrollToLine,
  follow = true,
}: {
  text: string;
  spans: SourceSpan[];
  selected?: string | null;
  onSelect?: (key: string) => void;
  height: number | string;
  /** a line to bring into view when nothing is selected (a heading clicked) */
  scrollToLine?: number | null;
  /** scroll to the selected span (off when the selection came from a click in this pane) */
  follow?: boolean;
}) {
  const lines = useMemo(() => layout(text, spans), [text, spans]);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || !follow) return;
    let target: HTMLElement | null = null;
    if (selected) target = el.querySelector<HTMLElement>(`[data-span="${CSS.escape(selected)}"]`);
    else if (scrollToLine) target = el.querySelector<HTMLElement>(`[data-line="${scrollToLine}"]`);
    if (!target) return;
    const top = target.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop;
    el.scrollTo({ top: Math.max(0, top - el.clientHeight / 3), behavior: 'smooth' });
  }, [selected, scrollToLine, lines, follow]);
  if (!text) return <Empty description="没有原文" style={{ padding: 40 }} />;
  return (
    <div ref={box} className="fz-source" style={{ height }} aria-label="方案原文">
      {lines.map((l) => (
        <div key={l.no} className="fz-source-line" data-line={l.no}>
          <span className="fz-source-no" aria-hidden>{l.no}</span>
          <span className="fz-source-text">
            {l.pieces.length === 0 ? '\u00a0' : null}
            {l.pieces.map((p, i) =>
              p.span ? (
                <mark
                  key={i}
                  data-span={p.span.key}
                  title={p.span.label}
                  className={p.span.key === selected ? 'fz-span fz-span-on' : 'fz-span'}
                  onClick={() => onSelect?.(p.span!.key)}
                >
                  {p.text}
                </mark>
              ) : (
                <Fragment key={i}>{p.text}</Fragment>
              ),
            )}
          </span>
        </div>
      ))}
    </div>
  );
}

// ------------------------------------------------------------------ diff

/** Character-level diff (LCS) of two short texts: runs of equal / removed / added text. */
export function charDiff(a: string, b: string): { op: '=' | '-' | '+'; text: string }[] {
  const A = [...a];
  const B = [...b];
  if (A.length * B.length > 1_500_000) return [{ op: '-', text: a }, { op: '+', text: b }];
  const n = A.length;
  const m = B.length;
  const dp: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i]![j] = A[i] === B[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  const out: { op: '=' | '-' | '+'; text: string }[] = [];
  const push = (op: '=' | '-' | '+', ch: string) => {
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += ch;
    else out.push({ op, text: ch });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (A[i] === B[j]) push('=', A[i++]!), j++;
    else if (dp[i + 1]![j]! >= dp[i]![j + 1]!) push('-', A[i++]!);
    else push('+', B[j++]!);
  }
  while (i < n) push('-', A[i++]!);
  while (j < m) push('+', B[j++]!);
  return out;
}

export function InlineDiff({ before, after }: { before: string; after: string }) {
  const parts = useMemo(() => charDiff(before, after), [before, after]);
  return (
    <span className="fz-verbatim">
      {parts.map((p, i) => (p.op === '=' ? <Fragment key={i}>{p.text}</Fragment> : <span key={i} className={p.op === '-' ? 'fz-diff-old' : 'fz-diff-new'}>{p.text}</span>))}
    </span>
  );
}

function Section({ title, count, color, children }: { title: string; count: number; color: string; children: ReactNode }) {
  if (!count) return null;
  return (
    <div className="fz-diff-section">
      <div className="fz-diff-section-title">
        <Tag color={color}>{title}</Tag>
        <span style={{ color: '#8c8c8c' }}>{count} 项</span>
      </div>
      <ol className="fz-diff-list">{children}</ol>
    </div>
  );
}

/** A plan diff, readable: what was added, removed, reworded (before → after marked), owners and deadlines changed. */
export function DiffView({ diff, labelOld, labelNew, limit = 200 }: { diff: PlanDiffResponse; labelOld: (key: string) => string | null; labelNew: (key: string) => string | null; limit?: number }) {
  const lab = (s: string | null) => (s ? <span className="fz-diff-label">{s}</span> : null);
  const total = diff.added.length + diff.removed.length + diff.reworded.length + diff.ownersChanged.length + diff.deadlinesChanged.length;
  return (
    <div>
      <div style={{ marginBottom: 10, display: 'flex', gap: 6, flexWrap: 'wrap' }}>
        <Tag color="green">新增 {diff.added.length}</Tag>
        <Tag color="red">删除 {diff.removed.length}</Tag>
        <Tag color="orange">文字修改 {diff.reworded.length}</Tag>
        <Tag color="blue">责任单位变化 {diff.ownersChanged.length}</Tag>
        <Tag color="purple">时限变化 {diff.deadlinesChanged.length}</Tag>
        <Tag>未变 {diff.unchanged.length}</Tag>
      </div>
      {total === 0 && <div style={{ color: '#8c8c8c' }}>与上一版本相比没有变化。</div>}
      <Section title="新增任务" count={diff.added.length} color="green">
        {diff.added.slice(0, limit).map((a) => (
          <li key={a.newKey}>{lab(labelNew(a.newKey))}<span className="fz-diff-new fz-verbatim">{a.text}</span></li>
        ))}
      </Section>
      <Section title="删除任务" count={diff.removed.length} color="red">
        {diff.removed.slice(0, limit).map((a) => (
          <li key={a.oldKey}>{lab(labelOld(a.oldKey))}<span className="fz-diff-old fz-verbatim">{a.text}</span></li>
        ))}
      </Section>
      <Section title="文字修改" count={diff.reworded.length} color="orange">
        {diff.reworded.slice(0, limit).map((r) => (
          <li key={`${r.oldKey}-${r.newKey}`}>
            {lab(labelNew(r.newKey) ?? labelOld(r.oldKey))}
            <span style={{ color: '#8c8c8c', fontSize: 12, marginRight: 6 }}>相似度 {Math.round(r.similarity * 100)}%</span>
            <InlineDiff before={r.before} after={r.after} />
          </li>
        ))}
      </Section>
      <Section title="责任单位变化" count={diff.ownersChanged.length} color="blue">
        {diff.ownersChanged.slice(0, limit).map((r) => (
          <li key={`${r.oldKey}-${r.newKey}`}>
            {lab(labelNew(r.newKey) ?? labelOld(r.oldKey))}
            <span className="fz-diff-old">{r.before.join('、') || '无'}</span> → <span className="fz-diff-new">{r.after.join('、') || '无'}</span>
          </li>
        ))}
      </Section>
      <Section title="完成时限变化" count={diff.deadlinesChanged.length} color="purple">
        {diff.deadlinesChanged.slice(0, limit).map((r) => (
          <li key={`${r.oldKey}-${r.newKey}`}>
            {lab(labelNew(r.newKey) ?? labelOld(r.oldKey))}
            <span className="fz-diff-old">{r.before.join('；') || '无'}</span> → <span className="fz-diff-new">{r.after.join('；') || '无'}</span>
          </li>
        ))}
      </Section>
    </div>
  );
}

/** Colours of owner tags by how the name resolves. */
export const OWNER_STATE_COLOR = { matched: 'green', group: 'orange', confirmed: 'blue', unknown: 'red', skipped: 'default', created: 'cyan' } as const;
export type OwnerState = keyof typeof OWNER_STATE_COLOR;
export const OWNER_STATE_LABEL: Record<OwnerState, string> = { matched: '已匹配', group: '待确认分组', confirmed: '已确认', unknown: '未识别', skipped: '已忽略', created: '将新建' };
