import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, InputNumber, Modal, Result, Segmented, Space, Spin, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { MetricDetail as Detail, MetricPoint } from '@shared/api/metrics.ts';
import { errorMessage } from '../../api/client.ts';
import { useCorrectValue, useEnterValue, useMetric } from '../../api/metrics.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { MetricStatusTag, targetText } from './Metrics.tsx';

// ECharts is loaded only when a metric's chart is shown (it stays out of the login and board bundles)
const Chart = lazy(() => import('./MetricsChart.tsx').then((m) => ({ default: m.Chart })));

const fmt = (iso: string) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/** A metric: its definition, the trend against the target, every value with its source; the office enters and corrects. */
export default function MetricDetail() {
  const { id } = useParams();
  const q = useMetric(id);
  const [entering, setEntering] = useState(false);
  const [correcting, setCorrecting] = useState<MetricPoint | null>(null);
  if (q.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (q.isError || !q.data) return <Result status="404" title="量化指标不存在或您无权查看" extra={<Link to="/assessment/metrics">返回量化指标</Link>} />;
  const d = q.data;
  const m = d.metric;
  return (
    <>
      <PageHeader title={<Space>{m.name}<MetricStatusTag status={m.status} /></Space>} extra={<><Link to="/assessment/metrics"><Button>返回量化指标</Button></Link>{d.canEnter && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEntering(true)}>录入数值</Button>}</>} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} items={[
          { key: 'target', label: '目标', children: <b>{targetText(m)}</b> },
          { key: 'latest', label: '最新值', children: m.latest ? `${m.latest.value}${m.unit ?? ''}（${m.latest.periodLabel}）` : '尚无数值' },
          { key: 'due', label: '期限', children: m.byDate ?? '未规定' },
          { key: 'scope', label: '范围', children: m.scope ?? '—' },
          { key: 'task', label: '所属任务', children: <Link to={`/tasks/${m.taskId}`}>{m.taskNumber} {m.taskText.slice(0, 40)}{m.taskText.length > 40 ? '…' : ''}</Link> },
          { key: 'lead', label: '牵头单位', children: m.leadUnitName ?? '—' },
          { key: 'chapter', label: '章节', children: m.chapterTitle ?? '—' },
          { key: 'plan', label: '方案', children: m.planTitle },
          { key: 'origin', label: '来源', children: m.origin === 'office' ? <Tag>依法治办添加</Tag> : `方案原文：${m.raw}` },
        ]} />
      </Card>
      <Card size="small" title="走势" style={{ marginBottom: 12 }}>
        {d.series.length ? (
          <Suspense fallback={<div style={{ height: 320 }} />}>
            <TrendChart detail={d} />
          </Suspense>
        ) : (
          <Empty description={d.canEnter ? '尚无数值：单位在进展报送中填报，或点「录入数值」' : '尚无数值'} />
        )}
      </Card>
      <Card size="small" title="各期数值">
        <Table<MetricPoint>
          rowKey={(p) => `${p.kind}:${p.id}`}
          size="small"
          bordered
          dataSource={d.history}
          pagination={false}
          locale={{ emptyText: '尚无数值' }}
          rowClassName={(p) => (p.superseded ? 'fz-superseded' : '')}
          columns={[
            { title: '统计期', dataIndex: 'periodLabel', width: 150, render: (l: string, p) => <>{l}<div style={{ fontSize: 12, color: '#8c8c8c' }}>截至 {p.date}</div></> },
            { title: '数值', dataIndex: 'value', width: 110, render: (v: number, p) => <span style={p.superseded ? { textDecoration: 'line-through', color: '#8c8c8c' } : undefined}>{v}{m.unit ?? ''}</span> },
            { title: '来源', key: 'source', render: (_v, p) => (p.kind === 'report' ? <Link to={`/tasks/${p.taskId}`}>{p.source}</Link> : <>{p.source}{p.note && <div style={{ fontSize: 12, color: '#8c8c8c' }}>备注：{p.note}</div>}{p.correctionReason && <div style={{ fontSize: 12, color: '#8c8c8c' }}>更正原因：{p.correctionReason}</div>}</>) },
            { title: '录入 / 报送', key: 'by', width: 190, render: (_v, p) => <>{p.kind === 'report' ? <Tag color="blue">进展报送</Tag> : <Tag color="purple">依法治办录入</Tag>}{p.enteredBy ?? ''}<div style={{ fontSize: 12, color: '#8c8c8c' }}>{fmt(p.recordedAt)}</div></> },
            { title: '状态', key: 'state', width: 90, render: (_v, p) => (p.superseded ? <Tag>已更正</Tag> : <Tag color="green">有效</Tag>) },
            ...(d.canEnter ? [{ title: '操作', key: 'op', width: 80, render: (_v: unknown, p: MetricPoint) => (p.kind === 'office' && !p.superseded ? <Button size="small" icon={<EditOutlined />} onClick={() => setCorrecting(p)}>更正</Button> : null) }] : []),
          ]}
        />
      </Card>
      {entering && <ValueModal targetId={m.targetId} unit={m.unit} onClose={() => setEntering(false)} />}
      {correcting && <ValueModal targetId={m.targetId} unit={m.unit} correct={correcting} onClose={() => setCorrecting(null)} />}
    </>
  );
}

function TrendChart({ detail }: { detail: Detail }) {
  const m = detail.metric;
  const option = useMemo(() => {
    const labels = detail.series.map((p) => p.periodLabel);
    const numeric = m.target !== null && m.op !== 'achieve' && m.op !== 'done';
    const goal = numeric ? m.target! : null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 56, right: 96, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: labels, boundaryGap: labels.length < 3 },
      // the axis always shows the target too, whichever side of it the values are
      yAxis: { type: 'value', name: m.unit ?? '', min: (v: { min: number }) => niceFloor(Math.min(v.min, goal ?? v.min)), max: (v: { max: number }) => niceCeil(Math.max(v.max, goal ?? v.max)) },
      series: [
        {
          name: '实际值',
          type: 'line',
          symbolSize: 8,
          data: detail.series.map((p) => ({ value: p.value, itemStyle: { color: p.kind === 'office' ? '#722ed1' : '#1677ff' } })),
          label: { show: true, position: 'top' },
          lineStyle: { width: 2 },
          ...(goal !== null ? { markLine: { symbol: 'none', silent: true, data: [{ yAxis: goal, name: '目标' }], lineStyle: { type: 'dashed', color: '#cf1322', width: 1.5 }, label: { position: 'end', formatter: `目标 ${targetText(m)}`, color: '#cf1322' } } } : {}),
        },
      ],
    };
  }, [detail, m]);
  return <Chart option={option} height={320} label={`${m.name}走势`} />;
}

/** Axis ends a little beyond the data, on round numbers. */
const stepOf = (pad: number) => (pad >= 5 ? 5 * 10 ** Math.floor(Math.log10(pad / 5)) : 10 ** Math.floor(Math.log10(pad)));
const niceFloor = (n: number) => { const pad = Math.max(Math.abs(n) * 0.1, 1); const step = stepOf(pad); const f = Math.floor((n - pad) / step) * step; return n >= 0 ? Math.max(0, f) : f; };
const niceCeil = (n: number) => { const pad = Math.max(Math.abs(n) * 0.05, 1); const step = stepOf(pad); return Math.ceil((n + pad) / step) * step; };

type PeriodKind = 'year' | 'quarter' | 'month';
type ValueForm = { periodLabel: string; periodDate: Dayjs; value: number; source: string; note?: string; reason?: string };

const periodStart = (kind: PeriodKind, d: Dayjs) => (kind === 'year' ? d.startOf('year') : kind === 'quarter' ? d.month(Math.floor(d.month() / 3) * 3).startOf('month') : d.startOf('month'));

/** The label and the day a picked period stands for: its end, or today for the period under way. */
function periodOf(kind: PeriodKind, d: Dayjs): { label: string; date: Dayjs } {
  const end = kind === 'year' ? d.endOf('year') : kind === 'quarter' ? d.month(Math.floor(d.month() / 3) * 3 + 2).endOf('month') : d.endOf('month');
  const label = kind === 'year' ? `${d.year()}年` : kind === 'quarter' ? `${d.year()}年第${'一二三四'[Math.floor(d.month() / 3)]}季度` : `${d.year()}年${d.month() + 1}月`;
  const today = dayjs().startOf('day');
  return { label, date: end.isAfter(today) ? today : end.startOf('day') };
}

function ValueModal({ targetId, unit, correct, onClose }: { targetId: string; unit: string | null; correct?: MetricPoint; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ValueForm>();
  const [kind, setKind] = useState<PeriodKind>('year');
  const enter = useEnterValue(targetId);
  const fix = useCorrectValue();
  const busy = enter.isPending || fix.isPending;
  const [error, setError] = useState<string | null>(null);
  const submit = (v: ValueForm) => {
    const body = { periodLabel: v.periodLabel, periodDate: v.periodDate.format('YYYY-MM-DD'), value: v.value, source: v.source, note: v.note || null };
    const done = { onSuccess: () => { message.success(correct ? '已更正，原数值保留在记录中' : '已录入'); onClose(); }, onError: (e: unknown) => setError(errorMessage(e)) };
    if (correct) fix.mutate({ ...body, reason: v.reason ?? '', version: correct.version, valueId: correct.id }, done);
    else enter.mutate(body, done);
  };
  return (
    <Modal open title={correct ? `更正「${correct.periodLabel}」的数值` : '录入数值'} okText={correct ? '更正' : '录入'} cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden width={560}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {correct && <Typography.Paragraph type="secondary">原数值 {correct.value}{unit ?? ''}（{correct.source}）将保留在记录中并标为「已更正」。</Typography.Paragraph>}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={correct ? { periodLabel: correct.periodLabel, periodDate: dayjs(correct.date), value: correct.value, source: correct.source, note: correct.note ?? undefined } : undefined}>
        {!correct && (
          <Form.Item label="选择统计期">
            <Space wrap>
              <Segmented<PeriodKind> value={kind} onChange={setKind} options={[{ value: 'year', label: '年度' }, { value: 'quarter', label: '季度' }, { value: 'month', label: '月份' }]} />
              <DatePicker
                aria-label="统计期"
                picker={kind}
                disabledDate={(d) => periodStart(kind, d).isAfter(dayjs())}
                onChange={(d) => {
                  if (!d) return;
                  const p = periodOf(kind, d);
                  form.setFieldsValue({ periodLabel: p.label, periodDate: p.date });
                }}
              />
            </Space>
          </Form.Item>
        )}
        <Space align="start" wrap>
          <Form.Item name="periodLabel" label="统计期名称" rules={[{ required: true, whitespace: true, message: '请填写统计期' }]}>
            <Input style={{ width: 200 }} maxLength={30} placeholder="如：2025年" />
          </Form.Item>
          <Form.Item name="periodDate" label="截至日期" rules={[{ required: true, message: '请选择截至日期' }]} tooltip="数值所反映的日期（统计期末；当期尚未结束时为今天），不能晚于今天">
            <DatePicker disabledDate={(d) => d.isAfter(dayjs().endOf('day'))} />
          </Form.Item>
        </Space>
        <Form.Item name="value" label={`数值${unit ? `（${unit}）` : ''}`} rules={[{ required: true, message: '请填写数值' }]}>
          <InputNumber style={{ width: 200 }} aria-label="数值" />
        </Form.Item>
        <Form.Item name="source" label="数据来源" rules={[{ required: true, whitespace: true, message: '请填写数据来源' }]}>
          <Input maxLength={200} placeholder="如：县统计局2024年统计公报" />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        {correct && (
          <Form.Item name="reason" label="更正原因" rules={[{ required: true, whitespace: true, message: '请填写更正原因' }]}>
            <Input maxLength={200} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
