import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Empty, Result, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ArrowRightOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { AuditEntry } from '@shared/api/audit.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { useAudit } from '../../api/audit.ts';
import { errorMessage } from '../../api/client.ts';
import { useUsers } from '../../api/users.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { fmtTimeSec } from '../../lib/format.ts';
import { canListUsers, canReadAudit } from '../../lib/perm.ts';
import { diffFields, type NameOf } from './diff.tsx';
import { useRegions } from '../../api/regions.ts';

const ENTITY_LABEL: Record<string, string> = { unit: '单位', unit_group: '单位分组', user: '用户账号', region: '地区', plan: '方案', task: '任务' };
const VERB: Record<string, string> = { create: '新建', update: '修改', delete: '删除', import: '导入', export: '导出', publish: '发布', archive: '归档', assign: '分配', submit: '报送', approve: '审核通过', reject: '退回' };
const FIRST: Record<string, string> = { group: '分组', plan: '方案', task: '任务', unit: '单位', user: '账号', region: '地区', report: '报送' };
/** A label for any action, including ones added after this page was written ("plan.import" → 导入方案). */
function actionLabel(a: string): string {
  if (ACTION_LABEL[a]) return ACTION_LABEL[a];
  const parts = a.split('.');
  const verb = VERB[parts[parts.length - 1] ?? ''];
  const noun = FIRST[parts[0] ?? ''];
  return verb && noun ? `${verb}${noun}` : a;
}
const ACTION_LABEL: Record<string, string> = {
  'unit.create': '新增单位',
  'unit.update': '修改单位',
  'unit.activate': '启用单位',
  'unit.deactivate': '停用单位',
  'unit.alias.add': '添加别名',
  'unit.alias.remove': '删除别名',
  'unit.merge': '合并单位',
  'unit.import': '导入单位',
  'group.create': '新建分组',
  'group.update': '修改分组',
  'group.delete': '删除分组',
  'user.create': '新建账号',
  'user.update': '修改账号',
  'user.password_reset': '重置密码',
  'user.password_change': '修改密码',
  'region.create': '新建地区',
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.logout': '退出登录',
  'auth.session_revoke': '注销登录设备',
};
const ACTION_COLOR = (a: string) => (a.endsWith('failed') || a.endsWith('delete') || a.endsWith('deactivate') || a.endsWith('remove') ? 'red' : a.endsWith('create') || a.endsWith('add') ? 'green' : a.startsWith('auth.') ? 'default' : 'blue');

function Diff({ entry, nameOf }: { entry: AuditEntry; nameOf: NameOf }) {
  const changes = diffFields(entry.before, entry.after, nameOf);
  if (!changes.length) return <Typography.Text type="secondary">无字段变化记录</Typography.Text>;
  const created = entry.before == null;
  const removed = entry.after == null;
  if (created || removed)
    return (
      <table className="fz-diff-table" aria-label="变更内容">
        <thead>
          <tr>
            <th style={{ width: 180 }}>字段</th>
            <th>{created ? '新建内容' : '删除前内容'}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.key}>
              <td>{c.label}</td>
              <td>
                <span className={created ? 'fz-diff-new' : 'fz-diff-old'}>{created ? c.after : c.before}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  return (
    <table className="fz-diff-table" aria-label="变更内容">
      <thead>
        <tr>
          <th style={{ width: 180 }}>字段</th>
          <th>修改前</th>
          <th style={{ width: 30 }} />
          <th>修改后</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.key}>
            <td>{c.label}</td>
            <td>{c.before === null ? <span className="fz-diff-empty">（空）</span> : <span className="fz-diff-old">{c.before}</span>}</td>
            <td><ArrowRightOutlined style={{ color: '#bfbfbf' }} /></td>
            <td>{c.after === null ? <span className="fz-diff-empty">（空）</span> : <span className="fz-diff-new">{c.after}</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function Audit() {
  const me = useCurrentUser();
  const regionId = me.currentRegionId;
  const [actorId, setActorId] = useState<string | undefined>();
  const [entityType, setEntityType] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const allowed = canReadAudit(me);
  const regions = useRegions(allowed);
  const nameOf: NameOf = (id) => regions.data?.find((r) => r.id === id)?.name ?? me.regions.find((r) => r.id === id)?.name;
  const users = useUsers({ regionId }, allowed && canListUsers(me));
  const audit = useAudit({
    regionId,
    actorId,
    entityType,
    from: range?.[0]?.format('YYYY-MM-DD'),
    to: range?.[1]?.format('YYYY-MM-DD'),
    page,
    pageSize,
  });

  if (!allowed) return <Card><Result status="403" title="无权访问" subTitle="操作日志仅供依法治县办和系统管理员查看。" /></Card>;

  const columns: TableColumnsType<AuditEntry> = [
    { title: '时间', dataIndex: 'createdAt', width: 170, render: fmtTimeSec },
    { title: '操作人', dataIndex: 'actorName', width: 190 },
    { title: '操作', dataIndex: 'action', width: 120, render: (a: string) => <Tag color={ACTION_COLOR(a)}>{actionLabel(a)}</Tag> },
    { title: '对象', dataIndex: 'entityType', width: 100, render: (t: string) => ENTITY_LABEL[t] ?? t },
    { title: '摘要', dataIndex: 'summary', render: (s: string | null) => <span className="fz-verbatim">{s ?? '—'}</span> },
    { title: 'IP', dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
  ];

  const resetPage = <T,>(fn: (v: T) => void) => (v: T) => {
    fn(v);
    setPage(1);
  };

  return (
    <>
      <PageHeader title="操作日志" />
      <Card>
        <div className="fz-toolbar">
          <Select
            placeholder="全部操作人"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 220 }}
            value={actorId}
            onChange={resetPage(setActorId)}
            loading={users.isLoading}
            options={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
            aria-label="操作人"
          />
          <Select
            placeholder="全部对象类型"
            allowClear
            style={{ width: 150 }}
            value={entityType}
            onChange={resetPage(setEntityType)}
            options={Object.entries(ENTITY_LABEL).map(([value, label]) => ({ value, label }))}
            aria-label="对象类型"
          />
          <DatePicker.RangePicker value={range} onChange={resetPage(setRange)} allowEmpty={[true, true]} aria-label="日期范围" />
          <Button icon={<ReloadOutlined />} onClick={() => void audit.refetch()}>刷新</Button>
          <span style={{ color: '#8c8c8c' }}>共 {audit.data?.total ?? 0} 条记录，点击行首“+”查看修改前后对比</span>
        </div>
        {audit.error && <Alert type="error" showIcon title={errorMessage(audit.error)} style={{ marginBottom: 12 }} />}
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          bordered
          loading={audit.isFetching}
          columns={columns}
          dataSource={audit.data?.items ?? []}
          locale={{ emptyText: <Empty description="没有符合条件的操作记录" /> }}
          expandable={{
            expandedRowRender: (e) => <Diff entry={e} nameOf={nameOf} />,
            rowExpandable: (e) => e.before != null || e.after != null,
          }}
          pagination={{
            current: page,
            pageSize,
            total: audit.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (t) => `共 ${t} 条`,
            onChange: (p, s) => {
              setPage(s !== pageSize ? 1 : p);
              setPageSize(s);
            },
          }}
        />
      </Card>
    </>
  );
}
