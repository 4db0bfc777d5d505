import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Empty, Result, Select, Space, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, EditOutlined, FileZipOutlined } from '@ant-design/icons';
import { INBOX_DEADLINE_LABEL, INBOX_DEADLINES, type InboxItem } from '@shared/api/reports.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { errorMessage } from '../../api/client.ts';
import { evidenceExportUrl, ledgerExportUrl, useInbox, usePlanPeriods } from '../../api/reports.ts';
import { useUnits } from '../../api/units.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { canReview } from '../../lib/perm.ts';
import { editorHref, StateTag } from './common.tsx';

const CHIPS: { key: string; label: string; color: string }[] = [
  { key: 'none', label: '未报送', color: '#8c8c8c' },
  { key: 'draft', label: '草稿', color: '#d48806' },
  { key: 'submitted', label: '已报送', color: '#1f5fae' },
  { key: 'returned', label: '被退回', color: '#cf1322' },
  { key: 'accepted', label: '已通过', color: '#389e0d' },
];
const DEADLINE_OPTIONS = INBOX_DEADLINES.map((d) => ({ value: d, label: INBOX_DEADLINE_LABEL[d] }));


export default function Inbox() {
  const me = useCurrentUser();
  const office = canReview(me);
  const [sp, setSp] = useSearchParams();
  const navigate = useNavigate();
  const unitId = office ? (sp.get('unitId') ?? me.unit?.id ?? undefined) : undefined;
  const chip = sp.get('state') ?? '';
  const chapter = sp.get('chapter') ?? undefined;
  const deadline = sp.get('deadline') ?? undefined;
  const units = useUnits(office && me.currentRegionId ? { regionId: me.currentRegionId } : null);
  const periodParam = sp.get('period') ?? undefined;
  // chapter, state and deadline are filtered by the server
  const inbox = useInbox({ unitId, periodId: periodParam, headingId: chapter, state: chip || undefined, deadline }, !office || !!unitId);
  const [planId, setPlanId] = useState<string | undefined>();
  const set = (k: string, v: string | undefined) => {
    const n = new URLSearchParams(sp);
    if (v) n.set(k, v);
    else n.delete(k);
    setSp(n, { replace: true });
  };

  const rows = inbox.data?.items ?? [];
  const plans = useMemo(() => (inbox.data?.plans ?? []).map((p) => ({ value: p.id, label: p.title })), [inbox.data?.plans]);
  const chapters = useMemo(() => {
    const title = new Map((inbox.data?.plans ?? []).map((p) => [p.id, p.title]));
    const several = (inbox.data?.plans.length ?? 0) > 1;
    return (inbox.data?.chapters ?? []).map((c) => ({ value: c.id, label: several ? `${title.get(c.planId) ?? ''} · ${c.label}` : c.label }));
  }, [inbox.data?.chapters, inbox.data?.plans]);
  const filtering = !!(chapter || chip || deadline);
  const counts = inbox.data?.counts ?? {};
  const period = inbox.data?.period;
  const exportPlan = planId ?? plans[0]?.value;
  const exportQ = exportPlan && period ? { planId: exportPlan, periodId: period.id, unitId: inbox.data?.unit.id } : null;
  const periods = usePlanPeriods(exportPlan);
  const today = new Date().toISOString().slice(0, 10);
  const periodOptions = (periods.data?.periods ?? []).filter((x) => x.start <= today).reverse().map((x) => ({ value: x.id, label: `${x.label}（${x.due} 前报送）` }));

  const columns: TableColumnsType<InboxItem> = [
    {
      title: '编号',
      dataIndex: 'number',
      width: 86,
      render: (n: string, i) => <Link to={`/tasks/${i.taskId}`} className="fz-task-link" title="查看任务详情">{n}</Link>,
    },
    {
      title: '任务内容',
      dataIndex: 'text',
      render: (t: string, i) => (
        <>
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: { title: t, styles: { root: { maxWidth: 560 } } } }} style={{ marginBottom: 2 }}>{t}</Typography.Paragraph>
          {i.chapter && <span className="fz-sub">{i.chapter}</span>}
        </>
      ),
    },
    {
      title: '角色',
      dataIndex: 'role',
      width: 110,
      render: (r: string, i) => (
        <>
          <Tag color={r === 'lead' ? 'blue' : 'default'}>{r === 'lead' ? '牵头' : '配合'}</Tag>
          {r === 'lead' && i.coReportsTotal > 0 && (
            <span className="fz-sub" title="责任单位已报送本期情况的数量">协同单位已报 {i.coReportsSubmitted}/{i.coReportsTotal}</span>
          )}
        </>
      ),
    },
    { title: '本期要求', dataIndex: 'reason', width: 120, render: (r: string) => <span style={{ color: '#595959' }}>{r}</span> },
    {
      title: '状态',
      dataIndex: 'state',
      width: 200,
      render: (s: string, i) => (
        <>
          <StateTag state={s} label={i.stateLabel} />
          {s === 'returned' && i.returnReason && <div className="fz-return-reason">退回原因：{i.returnReason}</div>}
        </>
      ),
    },
    {
      title: '报送截止',
      dataIndex: 'reportDue',
      width: 110,
      render: (d: string, i) => (
        <span style={{ color: i.overdue ? '#cf1322' : undefined, fontWeight: i.overdue ? 500 : undefined, whiteSpace: 'nowrap' }}>
          {d}
          {i.overdue && <span className="fz-sub" style={{ color: '#cf1322' }}>已逾期</span>}
        </span>
      ),
    },
    {
      title: '操作',
      key: 'op',
      width: 96,
      fixed: 'right',
      render: (_v, i) => (
        <Button
          type={i.state === 'none' || i.state === 'draft' || i.state === 'returned' ? 'primary' : 'default'}
          size="small"
          icon={<EditOutlined />}
          onClick={() => navigate(editorHref(i, office ? unitId : undefined))}
          aria-label={`填报 ${i.number}`}
        >
          {i.state === 'submitted' || i.state === 'accepted' ? '查看' : '填报'}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="我的任务"
        extra={
          exportQ && (
            <>
              {plans.length > 1 && <Select style={{ width: 260 }} value={exportPlan} onChange={setPlanId} options={plans} aria-label="导出的方案" />}
              <Button icon={<DownloadOutlined />} href={ledgerExportUrl(exportQ)}>导出台账</Button>
              <Button icon={<FileZipOutlined />} href={evidenceExportUrl(exportQ)}>导出佐证材料</Button>
            </>
          )
        }
      />
      {office && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Space>
            <span>查看单位：</span>
            <Select
              showSearch
              style={{ width: 320 }}
              value={unitId}
              loading={units.isLoading}
              onChange={(v) => set('unitId', v)}
              options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
              optionFilterProp="label"
              aria-label="查看单位"
            />
            <span style={{ color: '#8c8c8c' }}>依法治办可查看本地区任一单位的报送任务</span>
          </Space>
        </Card>
      )}
      {inbox.error ? (
        <Card><Result status="warning" title="无法读取报送任务" subTitle={errorMessage(inbox.error)} /></Card>
      ) : !inbox.data ? (
        <div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>
      ) : (
        <>
          <Card size="small" style={{ marginBottom: 12 }}>
            <div className="fz-period-bar">
              <Descriptions size="small" column={3} style={{ flex: '0 0 660px' }}>
                <Descriptions.Item label="报送单位">{inbox.data.unit.name}</Descriptions.Item>
                <Descriptions.Item label="本期">
                  {period && periodOptions.length > 1 ? (
                    <Select size="small" aria-label="报送周期" value={period.id} options={periodOptions} onChange={(v: string) => set('period', v)} style={{ minWidth: 150 }} popupMatchSelectWidth={false} variant="borderless" labelRender={() => <b>{period.label}</b>} />
                  ) : period ? (
                    <b>{period.label}</b>
                  ) : (
                    '—'
                  )}
                </Descriptions.Item>
                <Descriptions.Item label="报送截止">{period ? <b style={{ color: '#a8151b' }}>{period.due}</b> : '—'}</Descriptions.Item>
              </Descriptions>
              <div className="fz-chips" role="group" aria-label="按状态筛选">
                <button type="button" className={`fz-chip ${chip === '' ? 'fz-chip-on' : ''}`} onClick={() => set('state', undefined)}>
                  全部 <b>{counts.total ?? rows.length}</b>
                </button>
                {CHIPS.map((c) => (
                  <button
                    type="button"
                    key={c.key}
                    className={`fz-chip ${chip === c.key ? 'fz-chip-on' : ''}`}
                    onClick={() => set('state', chip === c.key ? undefined : c.key)}
                    aria-pressed={chip === c.key}
                  >
                    {c.label} <b style={{ color: c.color }}>{counts[c.key] ?? 0}</b>
                  </button>
                ))}
                <button
                  type="button"
                  className={`fz-chip ${deadline === 'overdue' ? 'fz-chip-on' : ''}`}
                  onClick={() => set('deadline', deadline === 'overdue' ? undefined : 'overdue')}
                  aria-pressed={deadline === 'overdue'}
                >
                  逾期 <b style={{ color: '#a8151b' }}>{counts.overdue ?? 0}</b>
                </button>
              </div>
            </div>
          </Card>
          {!period && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="当前没有需要报送的周期" />}
          <Card size="small">
            <div className="fz-toolbar">
              <Select allowClear style={{ width: 320 }} placeholder="按章节筛选" value={chapter} onChange={(v) => set('chapter', v)} options={chapters} aria-label="按章节筛选" />
              <Select
                allowClear
                style={{ width: 140 }}
                placeholder="按状态筛选"
                value={chip || undefined}
                onChange={(v) => set('state', v)}
                options={CHIPS.map((c) => ({ value: c.key, label: c.label }))}
                aria-label="按状态筛选"
              />
              <Select allowClear style={{ width: 140 }} placeholder="按时限筛选" value={deadline} onChange={(v) => set('deadline', v)} options={DEADLINE_OPTIONS} aria-label="按时限筛选" />
              <span style={{ color: '#8c8c8c' }}>共 {rows.length} 项</span>
            </div>
            <Table<InboxItem>
              rowKey={(i) => `${i.taskId}:${i.periodId}`}
              size="small"
              bordered
              columns={columns}
              dataSource={rows}
              loading={inbox.isFetching && !inbox.isPending}
              locale={{ emptyText: <Empty description={filtering ? '没有符合条件的任务' : '本单位本期没有需要报送的任务'} /> }}
              pagination={{ pageSize: 20, showSizeChanger: true, showTotal: (t) => `共 ${t} 项`, hideOnSinglePage: true }}
              scroll={{ x: 980 }}
            />
          </Card>
        </>
      )}
    </>
  );
}
