import { Select, Tag } from 'antd';
import type { Alert, NoticeState } from '@shared/api/supervision.ts';
import { useUnits } from '../../api/units.ts';

const NOTICE_COLOR: Record<NoticeState, string> = { open: 'orange', replied: 'blue', closed: 'green' };
export const NoticeStateTag = ({ state, label, overdue, escalated }: { state: NoticeState; label: string; overdue?: boolean; escalated?: boolean }) => (
  <>
    <Tag color={NOTICE_COLOR[state]}>{label}</Tag>
    {overdue && <Tag color="red">逾期未反馈</Tag>}
    {escalated && state !== 'closed' && <Tag color="volcano">已升级</Tag>}
  </>
);

const STATUS_COLOR: Record<string, string> = { 逾期: 'red', 滞后: 'orange', 推进中: 'blue', 已完成: 'green', 长期坚持: 'cyan', 未开始: 'default' };
export const TaskStatusTag = ({ status }: { status: string }) => <Tag color={STATUS_COLOR[status] ?? 'default'}>{status}</Tag>;

const EXT_COLOR: Record<string, string> = { pending: 'orange', granted: 'green', refused: 'red', withdrawn: 'default' };
export const ExtensionStateTag = ({ state, label }: { state: string; label: string }) => <Tag color={EXT_COLOR[state]}>{label}</Tag>;

/** A warning is 未答复 until the unit (or the system, when the cause is gone) answers it; 已升级 once escalated. */
export function AlertStateTag({ a }: { a: Pick<Alert, 'kind' | 'answeredAt' | 'escalatedAt'> }) {
  if (a.kind === 'reminder') return <Tag>已发送</Tag>;
  return (
    <>
      {a.answeredAt ? <Tag color="green">已答复</Tag> : <Tag color="red">未答复</Tag>}
      {a.escalatedAt && <Tag color="volcano">已升级</Tag>}
    </>
  );
}

const RULE_COLOR: Record<string, string> = { 'report-due': 'blue', 'task-due': 'geekblue', 'report-overdue': 'red', 'task-overdue': 'volcano', 'task-behind': 'orange' };
export const RuleTag = ({ rule, label }: { rule: string; label: string }) => <Tag color={RULE_COLOR[rule] ?? 'default'}>{label}</Tag>;

/** A searchable select of the region's active units (filters and forms). */
export function UnitSelect({ regionId, value, onChange, placeholder = '全部单位', width = 240, allowClear = true, ariaLabel = '单位' }: { regionId: string | null; value?: string; onChange: (v: string | undefined) => void; placeholder?: string; width?: number; allowClear?: boolean; ariaLabel?: string }) {
  const units = useUnits(regionId ? { regionId } : null);
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={allowClear}
      aria-label={ariaLabel}
      style={{ width }}
      placeholder={placeholder}
      loading={units.isLoading}
      value={value}
      onChange={(v: string | undefined) => onChange(v ?? undefined)}
      options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
    />
  );
}

/** This year and the four before it, for the year filters of numbered lists. */
export function yearOptions(): { value: number; label: string }[] {
  const y = new Date().getFullYear();
  return Array.from({ length: 5 }, (_v, i) => ({ value: y - i, label: `${y - i}年` }));
}

/** Today plus n days, as YYYY-MM-DD in local time. */
export function daysFromToday(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** 2026-03-01 → 2026年3月1日 */
export function cnDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}
