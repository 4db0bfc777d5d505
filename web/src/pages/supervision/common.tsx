import { Tag } from 'antd';
import type { NoticeState } from '@shared/api/supervision.ts';

const NOTICE_COLOR: Record<NoticeState, string> = { open: 'orange', replied: 'blue', closed: 'green' };
export const NoticeStateTag = ({ state, label, overdue }: { state: NoticeState; label: string; overdue?: boolean }) => (
  <>
    <Tag color={NOTICE_COLOR[state]}>{label}</Tag>
    {overdue && <Tag color="red">逾期未反馈</Tag>}
  </>
);

const STATUS_COLOR: Record<string, string> = { 逾期: 'red', 滞后: 'orange', 推进中: 'blue', 已完成: 'green', 长期坚持: 'cyan', 未开始: 'default' };
export const TaskStatusTag = ({ status }: { status: string }) => <Tag color={STATUS_COLOR[status] ?? 'default'}>{status}</Tag>;

const EXT_COLOR: Record<string, string> = { pending: 'orange', granted: 'green', refused: 'red', withdrawn: 'default' };
export const ExtensionStateTag = ({ state, label }: { state: string; label: string }) => <Tag color={EXT_COLOR[state]}>{label}</Tag>;

/** Today plus n days, as YYYY-MM-DD in local time. */
export function daysFromToday(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
