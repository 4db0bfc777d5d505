import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, App, Button, Card, Form, Modal, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { CircularSummary } from '@shared/api/circulars.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { circularDocxUrl, useCirculars, useGenerateCircular } from '../../api/circulars.ts';
import { errorMessage } from '../../api/client.ts';
import { usePlans } from '../../api/plans.ts';
import { usePlanPeriods } from '../../api/reports.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { fmtTime } from '../../lib/format.ts';
import { canDecide } from '../../lib/perm.ts';

export const CircularStateTag = ({ state, label }: { state: string; label: string }) => <Tag color={state === 'issued' ? 'green' : 'orange'}>{label}</Tag>;

/** Generate a draft: pick a plan and one of its periods whose reports are past due. */
function GenerateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const me = useCurrentUser();
  const [form] = Form.useForm<{ planId: string; periodId: string }>();
  const plans = usePlans(open ? me.currentRegionId : null);
  const planId = Form.useWatch('planId', form);
  const periods = usePlanPeriods(open ? planId : undefined);
  const generate = useGenerateCircular();
  const nav = useNavigate();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const today = dayjs().format('YYYY-MM-DD');
  const past = useMemo(() => (periods.data?.periods ?? []).filter((p) => p.due < today), [periods.data, today]);
  useEffect(() => {
    if (open && !form.getFieldValue('planId') && plans.data?.[0]) form.setFieldsValue({ planId: plans.data[0].id });
  }, [open, plans.data, form]);
  useEffect(() => {
    // the latest period whose reports are due
    if (open && planId && past.length && !form.getFieldValue('periodId')) form.setFieldValue('periodId', past[past.length - 1]!.id);
  }, [open, planId, past, form]);
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    generate.mutate(v, {
      onSuccess: (c) => {
        void message.success('已生成通报草稿，请核对后修改、印发');
        onClose();
        void nav(`/supervision/circulars/${c.id}`);
      },
      onError: (e) => setError(errorMessage(e)),
    });
  };
  return (
    <Modal open={open} title="生成通报" okText="生成草稿" cancelText="取消" confirmLoading={generate.isPending} onOk={() => void submit()} onCancel={onClose} destroyOnHidden afterClose={() => (form.resetFields(), setError(null))}>
      <Typography.Paragraph type="secondary">按所选报送周期的报送记录（截止日期前后首次提交、退回、审核通过）和任务序时进度自动生成，依法治办修改文字后印发。报送截止后才能生成。</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="planId" label="方案" rules={[{ required: true, message: '请选择方案' }]}>
          <Select aria-label="方案" loading={plans.isLoading} options={(plans.data ?? []).map((p) => ({ value: p.id, label: p.title }))} onChange={() => form.setFieldValue('periodId', undefined)} />
        </Form.Item>
        <Form.Item name="periodId" label="报送周期" rules={[{ required: true, message: '请选择报送周期' }]} extra={planId && !periods.isLoading && !past.length ? '该方案还没有已过报送截止日期的周期' : undefined}>
          <Select aria-label="报送周期" loading={periods.isLoading} options={past.map((p) => ({ value: p.id, label: `${p.label}（${p.due} 截止）` }))} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

export default function Circulars() {
  const me = useCurrentUser();
  const office = canDecide(me);
  const [state, setState] = useState<string>('');
  const [page, setPage] = useState(1);
  const [generating, setGenerating] = useState(false);
  const q = useCirculars({ regionId: me.currentRegionId, state: state || undefined, page, pageSize: 20 });
  return (
    <>
      <PageHeader title="通报" extra={office && <Button type="primary" icon={<PlusOutlined />} onClick={() => setGenerating(true)}>生成通报</Button>} />
      <Card>
        {office && (
          <Segmented
            style={{ marginBottom: 12 }}
            value={state}
            onChange={(v) => (setState(v), setPage(1))}
            options={[{ value: '', label: '全部' }, { value: 'draft', label: '草稿' }, { value: 'issued', label: '已印发' }]}
          />
        )}
        {q.error && <Alert type="error" showIcon title={errorMessage(q.error)} style={{ marginBottom: 12 }} />}
        <Table<CircularSummary>
          rowKey="id"
          loading={q.isFetching}
          dataSource={q.data?.items}
          locale={{ emptyText: office ? '还没有通报。报送截止后可按周期生成。' : '还没有印发的通报' }}
          pagination={{ current: page, pageSize: 20, total: q.data?.total, onChange: setPage, hideOnSinglePage: true }}
          columns={[
            { title: '文号', key: 'n', width: 170, render: (_v, x) => x.number ?? <Typography.Text type="secondary">（印发时编号）</Typography.Text> },
            { title: '标题', dataIndex: 'title', render: (t: string, x) => <Link to={`/supervision/circulars/${x.id}`}>{t}</Link> },
            { title: '报送周期', dataIndex: 'periodLabel', width: 140 },
            {
              title: '报送情况',
              key: 'f',
              width: 260,
              render: (_v, x) => (
                <Space size={4} wrap>
                  <Tag>应报 {x.facts.reports}</Tag>
                  <Tag color="green">按时 {x.facts.onTime}</Tag>
                  {x.facts.late > 0 && <Tag color="orange">逾期 {x.facts.late}</Tag>}
                  {x.facts.missing > 0 && <Tag color="red">未报 {x.facts.missing}</Tag>}
                  {x.facts.returned > 0 && <Tag color="purple">退回 {x.facts.returned}</Tag>}
                </Space>
              ),
            },
            { title: '状态', key: 's', width: 90, render: (_v, x) => <CircularStateTag state={x.state} label={x.stateLabel} /> },
            { title: '印发 / 生成', key: 'i', width: 150, render: (_v, x) => (x.issuedAt ? <>{x.issuerName}<br /><Typography.Text type="secondary">{fmtTime(x.issuedAt)}</Typography.Text></> : <>{x.createdByName}<br /><Typography.Text type="secondary">{fmtTime(x.createdAt)}</Typography.Text></>) },
            { title: '', key: 'w', width: 60, render: (_v, x) => <Button type="link" size="small" icon={<FileWordOutlined />} href={circularDocxUrl(x.id)} download aria-label={`下载 ${x.title} Word`} /> },
          ]}
        />
      </Card>
      {office && <GenerateModal open={generating} onClose={() => setGenerating(false)} />}
    </>
  );
}
