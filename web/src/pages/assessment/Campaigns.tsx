import { useMemo, useState } from 'react';
import { App, Button, Card, Empty, Form, Input, Modal, Select, Space, Steps, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { CAMPAIGN_STATE_LABEL, type Campaign, type CampaignState } from '@shared/api/assessment.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { errorMessage } from '../../api/client.ts';
import { useAdvanceCampaign, useCampaigns, useCreateCampaign, useFrameworks, useRanking } from '../../api/assessment.ts';
import { useUnits } from '../../api/units.ts';
import { useUsers } from '../../api/users.ts';
import { canDecide } from '../../lib/perm.ts';
import { ScorecardDrawer } from './Scorecard.tsx';

const FLOW: CampaignState[] = ['self_assess', 'review', 'approved', 'published'];

function CampaignView({ campaign }: { campaign: Campaign }) {
  const me = useCurrentUser();
  const ranking = useRanking(campaign.id, me.role !== 'liaison' || campaign.state === 'published');
  const advance = useAdvanceCampaign();
  const { message, modal } = App.useApp();
  const [unit, setUnit] = useState<string | null>(null);
  const step = FLOW.indexOf(campaign.state);
  const next = FLOW[step + 1];
  const go = (to: CampaignState, reason?: string) => advance.mutate({ id: campaign.id, to, version: campaign.version, reason }, { onSuccess: () => message.success(`已转为「${CAMPAIGN_STATE_LABEL[to]}」`), onError: (e) => message.error(errorMessage(e)) });
  return (
    <Card size="small" title={`${campaign.name}（${campaign.year}年 · ${campaign.frameworkName}）`} extra={canDecide(me) && (
      <Space>
        {campaign.state === 'approved' && <Button onClick={() => { let reason = ''; modal.confirm({ title: '重新打开已审定的考核', content: <Input.TextArea rows={3} placeholder="请说明原因（记入操作日志）" onChange={(e) => (reason = e.target.value)} />, onOk: () => go('review', reason) }); }}>重新打开</Button>}
        {next && <Button type="primary" loading={advance.isPending} onClick={() => go(next)}>{next === 'review' ? '结束自评，转入考核评分' : next === 'approved' ? '审定结果' : '公布结果'}</Button>}
      </Space>
    )}>
      <Steps size="small" current={step} style={{ marginBottom: 16 }} items={FLOW.map((s) => ({ title: CAMPAIGN_STATE_LABEL[s] }))} />
      {me.role === 'liaison' && me.unit ? (
        <Button onClick={() => setUnit(me.unit!.id)}>{campaign.state === 'self_assess' ? '填写本单位自评' : '查看本单位得分'}</Button>
      ) : null}
      {ranking.data && (
        <Table
          rowKey="unitId"
          size="small"
          style={{ marginTop: 12 }}
          dataSource={ranking.data.items}
          pagination={false}
          columns={[
            { title: '排名', dataIndex: 'rank', width: 70, render: (r: number | null) => r ?? '—' },
            { title: '单位', dataIndex: 'unitName', render: (n: string, r) => (me.role === 'liaison' ? n : <Typography.Link onClick={() => setUnit(r.unitId)}>{n}</Typography.Link>) },
            { title: '总分', dataIndex: 'total', width: 100, align: 'right', render: (t: number | null) => t ?? '—' },
            { title: '未评项', dataIndex: 'missing', width: 90, align: 'right', render: (m: number) => (m ? <Tag color="orange">{m}</Tag> : '') },
          ]}
        />
      )}
      <ScorecardDrawer campaign={campaign} unitId={unit} onClose={() => setUnit(null)} />
    </Card>
  );
}

export function Campaigns({ regionId }: { regionId: string }) {
  const me = useCurrentUser();
  const list = useCampaigns(regionId);
  const frameworks = useFrameworks(regionId, canDecide(me));
  const units = useUnits(canDecide(me) ? { regionId } : null);
  const inspectors = useUsers({ regionId, role: 'inspector' }, canDecide(me));
  const create = useCreateCampaign();
  const { message } = App.useApp();
  const [picked, setPicked] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ frameworkId: string; name: string; unitIds: string[]; assessorIds: string[] }>();
  const current = useMemo(() => list.data?.find((c) => c.id === picked) ?? list.data?.[0] ?? null, [list.data, picked]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select style={{ width: 360 }} placeholder="选择考核" value={current?.id} onChange={setPicked} options={(list.data ?? []).map((c) => ({ value: c.id, label: `${c.year}年 · ${c.name}（${c.stateLabel}）` }))} notFoundContent="尚无考核" />
        {canDecide(me) && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>组织考核</Button>}
      </Space>
      {current ? <CampaignView campaign={current} /> : <Empty description="尚无考核" />}
      <Modal open={open} title="组织考核" okText="创建" confirmLoading={create.isPending} onCancel={() => setOpen(false)} onOk={() => form.submit()} width={640}>
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate({ ...v, assessorIds: v.assessorIds ?? [] }, { onSuccess: (c) => { message.success('已创建，单位可开始自评'); setPicked(c.id); setOpen(false); }, onError: (e) => message.error(errorMessage(e)) })}>
          <Form.Item label="指标体系" name="frameworkId" rules={[{ required: true, message: '请选择指标体系' }]}>
            <Select options={(frameworks.data ?? []).map((f) => ({ value: f.id, label: `${f.year}年 · ${f.name}` }))} />
          </Form.Item>
          <Form.Item label="名称" name="name" rules={[{ required: true, message: '请填写名称' }]}>
            <Input placeholder="例如：2026年度法治政府建设考核" />
          </Form.Item>
          <Form.Item label="参加考核的单位" name="unitIds" rules={[{ required: true, message: '请选择单位' }]}>
            <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} maxTagCount="responsive" options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Form.Item label="考核组成员" name="assessorIds">
            <Select mode="multiple" options={(inspectors.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

