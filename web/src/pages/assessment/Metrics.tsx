import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { App, Button, Card, DatePicker, Empty, Form, Input, InputNumber, Modal, Result, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { METRIC_OP_LABEL, METRIC_OP_SIGN, METRIC_OPS, METRIC_STATUS_HINT, METRIC_STATUS_TEXT, METRIC_STATUSES, type MetricItem, type MetricStatusT } from '@shared/api/metrics.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { errorMessage } from '../../api/client.ts';
import { useDefineMetric, useMetricsBoard } from '../../api/metrics.ts';
import { usePlan, usePlans } from '../../api/plans.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { canManagePlans, readsRegion } from '../../lib/perm.ts';

export const METRIC_STATUS_COLOR: Record<MetricStatusT, string> = { met: 'success', at_risk: 'warning', missed: 'error', no_data: 'default' };

export function MetricStatusTag({ status }: { status: MetricStatusT }) {
  return (
    <Tooltip title={METRIC_STATUS_HINT[status]}>
      <Tag color={METRIC_STATUS_COLOR[status]} className="fz-metric-status">{METRIC_STATUS_TEXT[status]}</Tag>
    </Tooltip>
  );
}

export const targetText = (m: Pick<MetricItem, 'op' | 'target' | 'unit'>) => (m.op === 'achieve' || m.op === 'done' ? METRIC_OP_SIGN[m.op] : `${METRIC_OP_SIGN[m.op]} ${m.target ?? ''}${m.unit ?? ''}`);

/** 量化指标看板: every target of the region's plans, met / at risk / missed / no data, by chapter and status. */
export default function Metrics() {
  const me = useCurrentUser();
  const regionId = me.currentRegionId;
  const [params, setParams] = useSearchParams();
  const [adding, setAdding] = useState(false);
  const q = useMetricsBoard(regionId);
  if (!regionId) return <Result status="info" title="请先选择地区" />;
  if (!readsRegion(me)) return <Result status="403" title="量化指标看板由依法治办、领导和督察考核人员查看" />;
  const status = (params.get('status') as MetricStatusT | null) ?? undefined;
  const chapterId = params.get('chapterId') ?? undefined;
  const setFilter = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const inChapter = (q.data?.items ?? []).filter((i) => !chapterId || i.chapterId === chapterId);
  const counts = { all: inChapter.length, met: 0, at_risk: 0, missed: 0, no_data: 0 };
  for (const i of inChapter) counts[i.status]++;
  const rows = inChapter.filter((i) => !status || i.status === status);
  const plans = new Set((q.data?.chapters ?? []).map((c) => c.planTitle));
  return (
    <>
      <PageHeader title="量化指标" extra={canManagePlans(me) && <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>添加指标</Button>} />
      <div className="fz-metric-counts" role="group" aria-label="按状态统计" style={{ display: 'grid', gridTemplateColumns: 'repeat(5, minmax(120px, 1fr))', gap: 12, marginBottom: 12 }}>
        {(['all', ...METRIC_STATUSES] as const).map((s) => {
          const on = s === 'all' ? !status : status === s;
          return (
            <Card key={s} size="small" hoverable onClick={() => setFilter('status', s === 'all' || on ? undefined : s)} style={{ borderColor: on ? '#1677ff' : undefined }} data-status={s}>
              <div style={{ color: '#8c8c8c', fontSize: 13 }}>{s === 'all' ? '全部指标' : METRIC_STATUS_TEXT[s]}</div>
              <div className="fz-metric-count" style={{ fontSize: 26, fontWeight: 600, color: s === 'met' ? '#389e0d' : s === 'at_risk' ? '#d48806' : s === 'missed' ? '#cf1322' : undefined }}>{counts[s]}</div>
            </Card>
          );
        })}
      </div>
      <Card size="small">
        <div className="fz-toolbar">
          <Select
            allowClear
            aria-label="章节筛选"
            placeholder="全部章节"
            style={{ minWidth: 260 }}
            value={chapterId}
            onChange={(v: string | undefined) => setFilter('chapterId', v)}
            options={(q.data?.chapters ?? []).map((c) => ({ value: c.id, label: plans.size > 1 ? `${c.title}（${c.planTitle}）` : c.title }))}
          />
          <Select
            allowClear
            aria-label="状态筛选"
            placeholder="全部状态"
            style={{ width: 140 }}
            value={status}
            onChange={(v: MetricStatusT | undefined) => setFilter('status', v)}
            options={METRIC_STATUSES.map((s) => ({ value: s, label: METRIC_STATUS_TEXT[s] }))}
          />
          <Typography.Text type="secondary">共 {rows.length} 项指标；数值来自审核通过的进展报送和依法治办录入</Typography.Text>
        </div>
        <Table<MetricItem>
          rowKey="targetId"
          size="small"
          bordered
          loading={q.isPending}
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: <Empty description={q.data?.items.length ? '没有符合条件的指标' : '方案中没有识别出量化指标，依法治办可「添加指标」'} /> }}
          columns={[
            { title: '指标', key: 'name', render: (_v, m) => <><Link to={`/assessment/metrics/${m.targetId}`}>{m.name}</Link>{m.origin === 'office' && <Tag style={{ marginInlineStart: 6 }}>依法治办添加</Tag>}<div style={{ fontSize: 12, color: '#8c8c8c' }}>{m.scope ? `${m.scope} · ` : ''}{m.chapterTitle ?? ''}</div></> },
            { title: '任务', dataIndex: 'taskNumber', width: 110, render: (n: string, m) => <Tooltip title={m.taskText}><Link to={`/tasks/${m.taskId}`}>{n}</Link></Tooltip> },
            { title: '牵头单位', dataIndex: 'leadUnitName', width: 170, render: (n: string | null) => n ?? '—' },
            { title: '目标', key: 'target', width: 120, render: (_v, m) => targetText(m) },
            { title: '最新值', key: 'actual', width: 210, render: (_v, m) => (m.latest ? <><b>{m.latest.value}{m.unit ?? ''}</b><div style={{ fontSize: 12, color: '#8c8c8c' }}>{m.latest.periodLabel} · {m.latest.kind === 'office' ? m.latest.source : '进展报送'}</div></> : '—') },
            { title: '期限', dataIndex: 'byDate', width: 110, render: (d: string | null) => d ?? '—' },
            { title: '状态', dataIndex: 'status', width: 90, render: (s: MetricStatusT) => <MetricStatusTag status={s} /> },
          ]}
        />
      </Card>
      {adding && <DefineMetricModal regionId={regionId} onClose={() => setAdding(false)} />}
    </>
  );
}

type DefineValues = { planId: string; taskId: string; name: string; op: (typeof METRIC_OPS)[number]; target?: number | null; unit?: string; scope?: string; byDate?: Dayjs | null };

/** The office adds a target the parser did not find: to a task of a plan, with its comparison and date. */
function DefineMetricModal({ regionId, onClose }: { regionId: string; onClose: () => void }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<DefineValues>();
  const planId = Form.useWatch('planId', form);
  const op = Form.useWatch('op', form);
  const plans = usePlans(regionId);
  const plan = usePlan(planId);
  const define = useDefineMetric();
  const numeric = op !== 'achieve' && op !== 'done';
  const submit = (v: DefineValues) =>
    define.mutate(
      { taskId: v.taskId, name: v.name, op: v.op, target: numeric ? (v.target ?? null) : null, unit: v.unit || null, scope: v.scope || null, byDate: v.byDate ? v.byDate.format('YYYY-MM-DD') : null },
      { onSuccess: (d) => { message.success('已添加指标'); onClose(); navigate(`/assessment/metrics/${d.metric.targetId}`); }, onError: (e) => message.error(errorMessage(e)) },
    );
  return (
    <Modal open title="添加量化指标" okText="添加" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={define.isPending} destroyOnHidden width={600}>
      <Typography.Paragraph type="secondary">为方案中的任务添加解析时未识别出的指标；之后可按期录入数值并注明来源。</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ op: '>=' }}>
        <Form.Item name="planId" label="方案" rules={[{ required: true, message: '请选择方案' }]}>
          <Select options={(plans.data ?? []).map((p) => ({ value: p.id, label: p.title }))} onChange={() => form.setFieldValue('taskId', undefined)} />
        </Form.Item>
        <Form.Item name="taskId" label="任务" rules={[{ required: true, message: '请选择任务' }]}>
          <Select showSearch optionFilterProp="label" loading={plan.isFetching} disabled={!planId} options={(plan.data?.tasks ?? []).map((t) => ({ value: t.id, label: `${t.path.filter(Boolean).join('.')} ${t.text.slice(0, 60)}` }))} />
        </Form.Item>
        <Form.Item name="name" label="指标名称" rules={[{ required: true, whitespace: true, message: '请填写指标名称' }]}>
          <Input maxLength={100} placeholder="如：行政复议决定纠错率" />
        </Form.Item>
        <Space align="start" wrap>
          <Form.Item name="op" label="比较方式" rules={[{ required: true, message: '请选择比较方式' }]}>
            <Select style={{ width: 150 }} options={METRIC_OPS.map((o) => ({ value: o, label: METRIC_OP_LABEL[o] }))} />
          </Form.Item>
          {numeric && (
            <Form.Item name="target" label="目标值" rules={[{ required: true, message: '请填写目标值' }]}>
              <InputNumber style={{ width: 140 }} />
            </Form.Item>
          )}
          <Form.Item name="unit" label="单位">
            <Input style={{ width: 100 }} maxLength={20} placeholder="%、件、项" />
          </Form.Item>
        </Space>
        <Space align="start" wrap>
          <Form.Item name="scope" label="范围">
            <Input style={{ width: 260 }} maxLength={100} placeholder="如：县级行政机关" />
          </Form.Item>
          <Form.Item name="byDate" label="完成期限">
            <DatePicker />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
