import type { ReactNode } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Empty, Segmented, Select, Space, Spin, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { FileAddOutlined } from '@ant-design/icons';
import type { SupervisionBoard } from '@shared/api/supervision.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { errorMessage } from '../../api/client.ts';
import { usePlans } from '../../api/plans.ts';
import { useBoard } from '../../api/supervision.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { canSupervise, readsRegion } from '../../lib/perm.ts';
import { ExtensionStateTag, NoticeStateTag, TaskStatusTag } from './common.tsx';

type Tab = 'units' | 'chapters' | 'tasks' | 'reports' | 'notices' | 'extensions';
const TABS: Tab[] = ['units', 'chapters', 'tasks', 'reports', 'notices', 'extensions'];
type Filters = { tab?: Tab; unitId?: string; status?: string; chapter?: string; overdue?: string };

/** The board's own URL: every number on it opens the list it counts (?tab=&unitId=&status=&chapter=). */
export const boardHref = (f: Filters) => {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) sp.set(k, v);
  const s = sp.toString();
  return s ? `/supervision?${s}` : '/supervision';
};
const chapterKey = (c: { planId: string; chapter: string }) => `${c.planId}:${c.chapter}`;
const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** 一 → 1, 十二 → 12, 二十 → 20; a chapter without a number sorts last. */
function chapterNo(chapter: string): number {
  const m = /^([一二三四五六七八九十]+)、/.exec(chapter);
  if (!m) return 999;
  const s = m[1]!;
  const i = s.indexOf('十');
  if (i < 0) return CN_DIGIT[s] ?? 999;
  return (i === 0 ? 1 : (CN_DIGIT[s[0]!] ?? 0)) * 10 + (CN_DIGIT[s[i + 1] ?? ''] ?? 0);
}

/** A count that opens its list; a zero is just a grey 0. */
function N({ n, to, danger, label }: { n: number; to: string; danger?: boolean; label: string }) {
  if (!n) return <span style={{ color: '#bfbfbf' }}>0</span>;
  return (
    <Link to={to} aria-label={label} style={{ fontWeight: 600, color: danger ? '#cf1322' : undefined }}>
      {n}
    </Link>
  );
}

function StatCard({ title, value, to, danger }: { title: string; value: number; to: string; danger?: boolean }) {
  return (
    <Link to={to} aria-label={`${title} ${value}`}>
      <Card size="small" hoverable>
        <Statistic title={title} value={value} styles={{ content: { color: danger && value ? '#cf1322' : undefined } }} />
      </Card>
    </Link>
  );
}

/** 督办看板: what is late across the region, by unit and by chapter, for the office and leaders. Liaisons go to their notices. */
export default function Board() {
  const me = useCurrentUser();
  const reads = readsRegion(me);
  const b = useBoard(reads ? me.currentRegionId : null);
  const plans = usePlans(reads ? me.currentRegionId : null);
  const [params, setParams] = useSearchParams();
  if (!reads) return <Navigate to="/supervision/notices" replace />;
  if (b.isPending) return <div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>;
  if (b.error) return <Alert type="error" showIcon title={errorMessage(b.error)} />;
  const d = b.data;
  const f: Filters = {
    tab: TABS.includes(params.get('tab') as Tab) ? (params.get('tab') as Tab) : 'units',
    unitId: params.get('unitId') ?? undefined,
    status: params.get('status') ?? undefined,
    chapter: params.get('chapter') ?? undefined,
    overdue: params.get('overdue') ?? undefined,
  };
  const set = (patch: Filters) => setParams(new URLSearchParams(Object.entries({ ...f, ...patch }).filter(([, v]) => !!v) as [string, string][]), { replace: false });
  const planTitle = new Map((plans.data ?? []).map((p) => [p.id, p.title]));
  const manyPlans = new Set(d.byChapter.map((c) => c.planId)).size > 1;
  const unitName = (id: string) => d.byUnit.find((u) => u.unitId === id)?.unitName ?? '';
  const chapterLabel = (key: string) => {
    const c = d.byChapter.find((x) => chapterKey(x) === key);
    return c ? c.chapter : key.split(':').slice(1).join(':');
  };

  const tasks = d.tasks.filter(
    (t) =>
      (!f.unitId || t.leadUnits.some((u) => u.id === f.unitId)) &&
      (!f.status || t.status === f.status) &&
      (!f.chapter || `${t.planId}:${t.chapter ?? '（未分章节）'}` === f.chapter),
  );
  const reports = d.reports.filter((r) => !f.unitId || r.unitId === f.unitId);
  const notices = d.notices.filter((n) => (!f.unitId || n.unitId === f.unitId) && (!f.overdue || n.overdue));
  const extensions = d.extensions.filter((e) => !f.unitId || e.unitId === f.unitId);
  const allUnits = [...new Map(d.tasks.flatMap((t) => t.leadUnits).concat(d.byUnit.map((u) => ({ id: u.unitId, name: u.unitName }))).map((u) => [u.id, u.name])).entries()];

  /** the filters in force, each removable */
  const chips: ReactNode[] = [];
  if (f.unitId) chips.push(<Tag key="u" closable onClose={() => set({ unitId: undefined })} color="blue">单位：{unitName(f.unitId) || '所选单位'}</Tag>);
  if (f.chapter && f.tab === 'tasks') chips.push(<Tag key="c" closable onClose={() => set({ chapter: undefined })} color="purple">章节：{chapterLabel(f.chapter)}</Tag>);
  if (f.overdue && f.tab === 'notices') chips.push(<Tag key="o" closable onClose={() => set({ overdue: undefined })} color="red">仅逾期未反馈</Tag>);
  const chipBar = (extra?: ReactNode) => (
    <div className="fz-toolbar">
      {extra}
      {chips}
      {chips.length > 0 && <Button size="small" type="link" onClick={() => setParams({ tab: f.tab! })}>清除筛选</Button>}
    </div>
  );
  const issueHref = (q: Record<string, string>) => `/supervision/notices?${new URLSearchParams({ issue: '1', ...q }).toString()}`;

  return (
    <>
      <PageHeader
        title="督办看板"
        extra={
          <Space>
            <Typography.Text type="secondary">截至 {d.today}</Typography.Text>
            {canSupervise(me) && <Link to={issueHref({})}><Button type="primary" icon={<FileAddOutlined />}>签发督办单</Button></Link>}
          </Space>
        }
      />
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(140px, 1fr))', gap: 12, marginBottom: 12 }}>
        <StatCard title="逾期任务" value={d.counts.overdueTasks} danger to={boardHref({ tab: 'tasks', status: '逾期' })} />
        <StatCard title="滞后任务" value={d.counts.behind} danger to={boardHref({ tab: 'tasks', status: '滞后' })} />
        <StatCard title="逾期未报送" value={d.counts.overdueReports} danger to={boardHref({ tab: 'reports' })} />
        <StatCard title="未办结督办单" value={d.counts.openNotices} to={boardHref({ tab: 'notices' })} />
        <StatCard title="督办单逾期未反馈" value={d.counts.overdueNotices} danger to={boardHref({ tab: 'notices', overdue: '1' })} />
        <StatCard title="待审批延期" value={d.counts.pendingExtensions} to="/supervision/extensions?state=pending" />
        <StatCard title="未答复警示" value={d.counts.openWarnings} danger to="/supervision/warnings?status=open" />
      </div>
      <Card size="small">
        <Tabs
          activeKey={f.tab}
          onChange={(k) => set({ tab: k as Tab, status: undefined, chapter: undefined, overdue: undefined })}
          items={[
            {
              key: 'units',
              label: `按单位（${d.byUnit.length}）`,
              children: (
                <Table<SupervisionBoard['byUnit'][number]>
                  rowKey="unitId"
                  size="small"
                  bordered
                  dataSource={d.byUnit}
                  pagination={{ pageSize: 30, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 个单位` }}
                  locale={{ emptyText: <Empty description="没有需要督办的单位" /> }}
                  columns={[
                    { title: '序号', key: 'i', width: 56, align: 'center', render: (_v, _r, i) => i + 1 },
                    { title: '单位', dataIndex: 'unitName', render: (n: string, u) => <Link to={boardHref({ tab: 'tasks', unitId: u.unitId })}>{n}</Link> },
                    { title: '逾期任务', dataIndex: 'overdueTasks', width: 92, align: 'right', render: (n: number, u) => <N n={n} danger label={`${u.unitName} 逾期任务 ${n}`} to={boardHref({ tab: 'tasks', unitId: u.unitId, status: '逾期' })} /> },
                    { title: '滞后任务', dataIndex: 'behind', width: 92, align: 'right', render: (n: number, u) => <N n={n} danger label={`${u.unitName} 滞后任务 ${n}`} to={boardHref({ tab: 'tasks', unitId: u.unitId, status: '滞后' })} /> },
                    { title: '逾期未报送', dataIndex: 'overdueReports', width: 104, align: 'right', render: (n: number, u) => <N n={n} danger label={`${u.unitName} 逾期未报送 ${n}`} to={boardHref({ tab: 'reports', unitId: u.unitId })} /> },
                    { title: '未办结督办单', dataIndex: 'openNotices', width: 116, align: 'right', render: (n: number, u) => <N n={n} label={`${u.unitName} 未办结督办单 ${n}`} to={boardHref({ tab: 'notices', unitId: u.unitId })} /> },
                    { title: '待审批延期', dataIndex: 'pendingExtensions', width: 104, align: 'right', render: (n: number, u) => <N n={n} label={`${u.unitName} 待审批延期 ${n}`} to={`/supervision/extensions?state=pending&unitId=${u.unitId}`} /> },
                    {
                      title: '操作',
                      key: 'op',
                      width: 190,
                      render: (_v, u) => (
                        <Space size={4}>
                          <Link to={`/supervision/warnings?unitId=${u.unitId}`}>警示清单</Link>
                          {canSupervise(me) && <Link to={issueHref({ unitId: u.unitId })}>签发督办单</Link>}
                        </Space>
                      ),
                    },
                  ]}
                />
              ),
            },
            {
              key: 'chapters',
              label: `按章节（${d.byChapter.length}）`,
              children: (
                <Table<SupervisionBoard['byChapter'][number]>
                  rowKey={chapterKey}
                  size="small"
                  bordered
                  dataSource={[...d.byChapter].sort((a, b) => a.planId.localeCompare(b.planId) || chapterNo(a.chapter) - chapterNo(b.chapter))}
                  pagination={false}
                  locale={{ emptyText: <Empty description="各章节均无滞后、逾期任务" /> }}
                  columns={[
                    ...(manyPlans ? [{ title: '方案', key: 'plan', width: 260, render: (_v: unknown, c: SupervisionBoard['byChapter'][number]) => <Link to={`/plans/${c.planId}`} className="fz-verbatim">{planTitle.get(c.planId) ?? '方案'}</Link> }] : []),
                    { title: '章节', dataIndex: 'chapter', render: (s: string, c) => <Link to={boardHref({ tab: 'tasks', chapter: chapterKey(c) })} className="fz-verbatim">{s}</Link> },
                    { title: '任务数', dataIndex: 'total', width: 90, align: 'right', render: (n: number, c) => <Link to={`/plans/${c.planId}`} aria-label={`${c.chapter} 任务数 ${n}`}>{n}</Link> },
                    { title: '逾期', dataIndex: 'overdue', width: 90, align: 'right', render: (n: number, c) => <N n={n} danger label={`${c.chapter} 逾期 ${n}`} to={boardHref({ tab: 'tasks', chapter: chapterKey(c), status: '逾期' })} /> },
                    { title: '滞后', dataIndex: 'behind', width: 90, align: 'right', render: (n: number, c) => <N n={n} danger label={`${c.chapter} 滞后 ${n}`} to={boardHref({ tab: 'tasks', chapter: chapterKey(c), status: '滞后' })} /> },
                    { title: '逾期滞后占比', key: 'r', width: 120, align: 'right', render: (_v, c) => `${c.total ? Math.round(((c.overdue + c.behind) / c.total) * 100) : 0}%` },
                  ]}
                />
              ),
            },
            {
              key: 'tasks',
              label: `滞后与逾期任务（${d.tasks.length}）`,
              children: (
                <>
                  {chipBar(
                    <>
                      <Segmented
                        value={f.status ?? ''}
                        onChange={(v) => set({ status: (v as string) || undefined })}
                        options={[{ value: '', label: '全部' }, { value: '逾期', label: '逾期' }, { value: '滞后', label: '滞后' }]}
                      />
                      <Select
                        allowClear
                        showSearch={{ optionFilterProp: 'label' }}
                        aria-label="牵头单位"
                        placeholder="全部牵头单位"
                        style={{ width: 220 }}
                        value={f.unitId}
                        onChange={(v: string | undefined) => set({ unitId: v })}
                        options={allUnits.map(([id, name]) => ({ value: id, label: name }))}
                      />
                      <Typography.Text type="secondary">共 {tasks.length} 项</Typography.Text>
                    </>,
                  )}
                  <Table
                    rowKey="taskId"
                    size="small"
                    bordered
                    dataSource={tasks}
                    pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
                    locale={{ emptyText: <Empty description="没有符合条件的任务" /> }}
                    columns={[
                      { title: '编号', dataIndex: 'number', width: 112, render: (n: string, t) => <Link to={`/tasks/${t.taskId}`} style={{ whiteSpace: 'nowrap' }}>{n}</Link> },
                      { title: '任务', dataIndex: 'text', render: (s: string) => <Typography.Paragraph ellipsis={{ rows: 2, tooltip: s }} style={{ marginBottom: 0 }}>{s}</Typography.Paragraph> },
                      { title: '牵头单位', key: 'u', width: 170, render: (_v, t) => (t.leadUnits.length ? t.leadUnits.map((u) => u.name).join('、') : <Tag color="error">未分配</Tag>) },
                      { title: '完成时限', dataIndex: 'due', width: 100, render: (s: string | null) => s ?? '—' },
                      { title: '状态', dataIndex: 'status', width: 70, render: (s: string) => <TaskStatusTag status={s} /> },
                      { title: '说明', dataIndex: 'reason', width: 220, render: (s: string) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{s}</Typography.Text> },
                      ...(canSupervise(me)
                        ? [
                            {
                              title: '操作',
                              key: 'op',
                              width: 84,
                              render: (_v: unknown, t: SupervisionBoard['tasks'][number]) =>
                                t.leadUnits[0] ? <Link to={issueHref({ unitId: t.leadUnits[0].id, taskId: t.taskId })} aria-label={`督办 ${t.number}`}>督办</Link> : <Link to={`/plans/${t.planId}`}>去分配</Link>,
                            },
                          ]
                        : []),
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'reports',
              label: `逾期未报送（${d.reports.length}）`,
              children: (
                <>
                  {chips.length > 0 && chipBar()}
                  <Table
                    rowKey={(r) => `${r.planId}:${r.unitId}`}
                    size="small"
                    bordered
                    dataSource={reports}
                    pagination={{ pageSize: 30, hideOnSinglePage: true }}
                    locale={{ emptyText: <Empty description="上期报送已全部提交" /> }}
                    columns={[
                      { title: '单位', dataIndex: 'unitName', render: (n: string, r) => <Link to={`/reports?unitId=${r.unitId}`}>{n}</Link> },
                      ...(manyPlans ? [{ title: '方案', key: 'plan', render: (_v: unknown, r: SupervisionBoard['reports'][number]) => planTitle.get(r.planId) ?? '' }] : []),
                      { title: '周期', dataIndex: 'periodLabel', width: 150 },
                      { title: '截止日期', dataIndex: 'due', width: 110 },
                      { title: '未报送', dataIndex: 'missing', width: 90, align: 'right', render: (n: number) => (n ? <b style={{ color: '#cf1322' }}>{n}</b> : 0) },
                      { title: '被退回未重报', dataIndex: 'returned', width: 120, align: 'right', render: (n: number) => (n ? <b style={{ color: '#d46b08' }}>{n}</b> : 0) },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'notices',
              label: `未办结督办单（${d.notices.length}）`,
              children: (
                <>
                  {chips.length > 0 && chipBar()}
                  <Table
                    rowKey="id"
                    size="small"
                    bordered
                    dataSource={notices}
                    pagination={{ pageSize: 20, hideOnSinglePage: true }}
                    locale={{ emptyText: <Empty description="没有未办结的督办单" /> }}
                    columns={[
                      { title: '编号', dataIndex: 'number', width: 170, render: (n: string, x) => <Link to={`/supervision/notices/${x.id}`}>{n}</Link> },
                      { title: '承办单位', dataIndex: 'unitName', width: 180 },
                      { title: '存在问题', dataIndex: 'problem', render: (s: string) => <Typography.Paragraph ellipsis={{ rows: 1, tooltip: s }} style={{ marginBottom: 0 }}>{s}</Typography.Paragraph> },
                      { title: '反馈期限', dataIndex: 'replyDue', width: 104 },
                      { title: '状态', key: 's', width: 190, render: (_v, x) => <NoticeStateTag state={x.state} label={x.stateLabel} overdue={x.overdue} escalated={!!x.escalatedAt} /> },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'extensions',
              label: `待审批延期（${d.extensions.length}）`,
              children: (
                <>
                  {chips.length > 0 && chipBar()}
                  <Table
                    rowKey="id"
                    size="small"
                    bordered
                    dataSource={extensions}
                    pagination={false}
                    locale={{ emptyText: <Empty description="没有待审批的延期申请" /> }}
                    columns={[
                      { title: '任务', dataIndex: 'taskNumber', width: 96, render: (n: string, x) => <Link to={`/tasks/${x.taskId}`}>{n}</Link> },
                      { title: '申请单位', dataIndex: 'unitName', width: 180 },
                      { title: '原时限', dataIndex: 'currentDue', width: 104 },
                      { title: '申请延至', dataIndex: 'requestedDue', width: 104 },
                      { title: '理由', dataIndex: 'reason', render: (s: string) => <Typography.Paragraph ellipsis={{ rows: 2, tooltip: s }} style={{ marginBottom: 0 }}>{s}</Typography.Paragraph> },
                      { title: '状态', key: 's', width: 90, render: (_v, x) => <ExtensionStateTag state={x.state} label={x.stateLabel} /> },
                      { title: '操作', key: 'op', width: 70, render: () => <Link to="/supervision/extensions?state=pending">审批</Link> },
                    ]}
                  />
                </>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
