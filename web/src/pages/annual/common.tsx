import { Tag } from 'antd';
import type { AnnualState } from '@shared/api/annual-reports.ts';

const COLOR: Record<AnnualState, string> = { draft: 'default', review: 'blue', approved: 'cyan', submitted: 'orange', published: 'green' };
export const AnnualStateTag = ({ state, label }: { state: AnnualState | null; label: string }) => <Tag color={state ? COLOR[state] : 'red'}>{label}</Tag>;

const DEADLINE: Record<string, { color: string; label: string }> = {
  on_time: { color: 'green', label: '按时' },
  late: { color: 'orange', label: '逾期完成' },
  overdue: { color: 'red', label: '已逾期' },
  pending: { color: 'default', label: '未到期' },
};
export const DeadlineTag = ({ s }: { s: string }) => <Tag color={DEADLINE[s]?.color}>{DEADLINE[s]?.label ?? s}</Tag>;

/** Text with its 【待补充：…】 markers shown in red, and (optionally) words highlighted. */
export function MarkedText({ text, terms = [] }: { text: string; terms?: string[] }) {
  const parts = text.split(/(【待补充：[^】]*】)/g);
  return (
    <>
      {parts.map((p, i) =>
        p.startsWith('【待补充：') ? (
          <mark key={i} className="fz-marker" style={{ background: '#fff1f0', color: '#cf1322', padding: '0 2px' }}>{p}</mark>
        ) : (
          <Highlight key={i} text={p} terms={terms} />
        ),
      )}
    </>
  );
}

export function Highlight({ text, terms }: { text: string; terms: string[] }) {
  const ts = terms.filter(Boolean).sort((a, b) => b.length - a.length);
  if (!ts.length) return <>{text}</>;
  const re = new RegExp(`(${ts.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'gi');
  return <>{text.split(re).map((p, i) => (i % 2 === 1 ? <mark key={i}>{p}</mark> : p))}</>;
}
