import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, App, Button, Card, Form, InputNumber, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { AnnualSummary } from '@shared/api/annual-reports.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { useAnnualReports, useGenerateAnnual } from '../../api/annual-reports.ts';
import { errorMessage } from '../../api/client.ts';
import { useUnits } from '../../api/units.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { fmtTime } from '../../lib/format.ts';
import { canDecide } from '../../lib/perm.ts';
import { AnnualStateTag } from './common.tsx';

/** Draft a report from the year's data: the region's own (the office) or a unit's. */
function GenerateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const me = useCurrentUser();
  const office = canDecide(me);
  const [form] = Form.useForm<{ year: number; scope: 'region' | 'unit'; unitId?: string }>();
  const scope = Form.useWatch('scope', form);
  const units = useUnits(open && office ? { regionId: me.currentRegionId ?? '' } : null);
  const generate = useGenerateAnnual();
  const nav = useNavigate();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    const unitId = office ? (v.scope === 'unit' ? v.unitId : null) : me.unit?.id;
    generate.mutate(
      { regionId: me.currentRegionId!, year: v.year, unitId },
      {
        onSuccess: (r) => {
          void message.success(r.markers ? `已生成草稿，有 ${r.markers} 处待补充的内容` : '已生成草稿');
          onClose();
          void nav(`/annual-reports/${r.id}`);
        },
        onError: (e) => setError(errorMessage(e)),
      },
    );
  };
  return (
    <Modal open={open} title="起草年度报告" okText="按数据生成草稿" cancelText="取消" confirmLoading={generate.isPending} onOk={() => void submit()} onCancel={onClose} destroyOnHidden afterClose={() => (form.resetFields(), setError(null))}>
      <Typography.Paragraph type="secondary">
        按该年度的任务、审核通过的进展报送、指标、退回记录、督办和警示自动起草，每段注明依据的记录；平台中没有的内容以「【待补充：…】」标出，补充完整后才能报送和公开。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ year: dayjs().year() - 1, scope: office ? 'region' : 'unit' }}>
        <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
          <InputNumber aria-label="年度" min={2000} max={dayjs().year()} style={{ width: 160 }} addonAfter="年" />
        </Form.Item>
        {office ? (
          <>
            <Form.Item name="scope" label="报告主体">
              <Radio.Group options={[{ value: 'region', label: '本级（县政府）' }, { value: 'unit', label: '某一单位' }]} />
            </Form.Item>
            {scope === 'unit' && (
              <Form.Item name="unitId" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
                <Select aria-label="单位" showSearch optionFilterProp="label" loading={units.isLoading} options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))} />
              </Form.Item>
            )}
          </>
        ) : (
          <Form.Item label="报告主体">{me.unit?.name ?? '（账号未关联单位）'}</Form.Item>
        )}
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

export default function AnnualList() {
  const me = useCurrentUser();
  const [year, setYear] = useState<number | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [generating, setGenerating] = useState(false);
  const q = useAnnualReports({ regionId: me.currentRegionId, year, page, pageSize: 20 });
  const canDraft = canDecide(me) || (me.role === 'liaison' && !!me.unit);
  const years = Array.from({ length: 6 }, (_, i) => dayjs().year() - i);
  return (
    <>
      <PageHeader title="年度报告" extra={canDraft && <Button type="primary" icon={<PlusOutlined />} onClick={() => setGenerating(true)}>起草年度报告</Button>} />
      <Card>
        <Space style={{ marginBottom: 12 }}>
          <Select aria-label="年度筛选" allowClear placeholder="全部年度" style={{ width: 140 }} value={year} onChange={(v) => (setYear(v), setPage(1))} options={years.map((y) => ({ value: y, label: `${y}年度` }))} />
        </Space>
        {q.error && <Alert type="error" showIcon title={errorMessage(q.error)} style={{ marginBottom: 12 }} />}
        <Table<AnnualSummary>
          rowKey="id"
          loading={q.isFetching}
          dataSource={q.data?.items}
          locale={{ emptyText: '还没有年度报告。可按年度数据起草。' }}
          pagination={{ current: page, pageSize: 20, total: q.data?.total, onChange: setPage, hideOnSinglePage: true }}
          columns={[
            { title: '年度', dataIndex: 'year', width: 80 },
            { title: '标题', dataIndex: 'title', render: (t: string, x) => <Link to={`/annual-reports/${x.id}`}>{t}</Link> },
            { title: '主体', key: 'u', width: 180, render: (_v, x) => x.unitName ?? <Tag>本级</Tag> },
            { title: '状态', key: 's', width: 100, render: (_v, x) => <AnnualStateTag state={x.state} label={x.stateLabel} /> },
            { title: '待补充', dataIndex: 'markers', width: 80, render: (n: number) => (n ? <Tag color="red">{n} 处</Tag> : <Tag color="green">无</Tag>) },
            { title: '报送时限', dataIndex: 'submitDue', width: 110 },
            { title: '公开时限', dataIndex: 'publishDue', width: 110 },
            { title: '更新', dataIndex: 'updatedAt', width: 150, render: (t: string) => fmtTime(t) },
          ]}
        />
      </Card>
      {canDraft && <GenerateModal open={generating} onClose={() => setGenerating(false)} />}
    </>
  );
}
