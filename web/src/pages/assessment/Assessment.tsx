import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Drawer, Empty, Form, Input, InputNumber, Modal, Result, Select, Space, Steps, Table, Tabs, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, CopyOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { CAMPAIGN_STATE_LABEL, METRIC_STATUS_LABEL, type MetricRow, type Campaign, type CampaignState, type IndicatorT, type ScoreLine } from '@shared/api/assessment.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { errorMessage } from '../../api/client.ts';
import { frameworkXlsxUrl, useAdvanceCampaign, useCampaigns, useCopyFramework, useCreateCampaign, useDefaultFramework, useFramework, useFrameworks, useImportFramework, useMetrics, useRanking, useScore, useScorecard } from '../../api/assessment.ts';
import { isApiError } from '../../api/client.ts';
import { usePlans } from '../../api/plans.ts';
import { useUnits } from '../../api/units.ts';
import { useUsers } from '../../api/users.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { canDecide, readsRegion } from '../../lib/perm.ts';

interface Row {
  key: string;
  level: number;
  name: string;
  points: number;
  ruleLabel: string | null;
  criteria: string | null;
  evidence: string | null;
  children?: Row[];
}
const toRows = (t: IndicatorT[]): Row[] => t.map((i) => ({ key: i.id, level: i.level, name: i.name, points: i.points, ruleLabel: i.ruleLabel, criteria: i.criteria, evidence: i.evidence, ...(i.children.length ? { children: toRows(i.children) } : {}) }));
const LEVEL = ['', '一级', '二级', '三级'];
const thisYear = new Date().getFullYear();

function FrameworkView({ id }: { id: string }) {
  const f = useFramework(id);
  const copy = useCopyFramework();
  const me = useCurrentUser();
  const { message } = App.useApp();
  if (!f.data) return <Card loading size="small" />;
  const fw = f.data;
  return (
    <Card
      size="small"
      title={`${fw.name}（${fw.year}年，满分 ${fw.totalPoints} 分）`}
      extra={
        canDecide(me) && (
          <Space>
          <Button icon={<DownloadOutlined />} href={frameworkXlsxUrl(id)}>导出 Excel</Button>
          <Button icon={<CopyOutlined />} loading={copy.isPending} onClick={() => copy.mutate({ id, year: fw.year + 1 }, { onSuccess: (n) => message.success(`已复制为「${n.name}」`), onError: (e) => message.error(errorMessage(e)) })}>
            复制为{fw.year + 1}年度
          </Button>
          </Space>
        )
      }
    >
      {fw.problems.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`指标体系有 ${fw.problems.length} 处问题`} description={fw.problems.map((p) => `${p.path}：${p.message}`).join('；')} />}
      {fw.inUse && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="已用于考核，内容已冻结；如需调整请复制为新的指标体系。" />}
      <Table<Row>
        size="small"
        pagination={false}
        dataSource={toRows(fw.indicators)}
        expandable={{ defaultExpandAllRows: true }}
        columns={[
          { title: '指标', dataIndex: 'name', render: (n: string, r) => <span style={{ fontWeight: r.level === 1 ? 600 : 400 }}><Tag>{LEVEL[r.level]}</Tag>{n}</span> },
          { title: '分值', dataIndex: 'points', width: 70, align: 'right' },
          { title: '评分方式', dataIndex: 'ruleLabel', width: 130, render: (l: string | null) => l && <Tag color={l === '人工评分' ? 'default' : 'blue'}>{l}</Tag> },
          { title: '评分标准', dataIndex: 'criteria', render: (c: string | null) => c && <Typography.Paragraph ellipsis={{ rows: 2, tooltip: c }} style={{ marginBottom: 0 }}>{c}</Typography.Paragraph> },
          { title: '佐证材料', dataIndex: 'evidence', width: 200 },
        ]}
      />
    </Card>
  );
}

function ImportModal({ regionId, onClose }: { regionId: string; onClose: (id?: string) => void }) {
  const plans = usePlans(regionId);
  const imp = useImportFramework();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ planId?: string; year: number; name: string }>();
  const [file, setFile] = useState<File | null>(null);
  const rows = imp.error && isApiError(imp.error) ? imp.error.details : [];
  return (
    <Modal open title="从 Excel 导入指标体系" okText="导入" confirmLoading={imp.isPending} onCancel={() => onClose()} onOk={() => form.submit()} width={640}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title="请在导出的考核指标表上修改后导入。每行一个指标；上级指标的分值须等于下级之和；整张表无误才会导入。" />
      <Form form={form} layout="vertical" initialValues={{ year: thisYear }} onFinish={(v) => {
        if (!file) return void message.error('请选择 Excel 文件');
        imp.mutate({ regionId, ...v, file }, { onSuccess: (f) => { message.success(`已导入「${f.name}」`); onClose(f.id); } });
      }}>
        <Form.Item label="对应方案（用于匹配关联任务）" name="planId"><Select allowClear options={(plans.data ?? []).map((p) => ({ value: p.id, label: p.title }))} /></Form.Item>
        <Form.Item label="考核年度" name="year" rules={[{ required: true, message: '请填写年度' }]}><InputNumber min={2000} max={2100} /></Form.Item>
        <Form.Item label="名称" name="name" rules={[{ required: true, message: '请填写名称' }]}><Input /></Form.Item>
        <Form.Item label="文件" required><input type="file" accept=".xlsx" aria-label="选择 Excel 文件" onChange={(e) => setFile(e.target.files?.[0] ?? null)} /></Form.Item>
      </Form>
      {imp.error && <Alert type="error" showIcon title={errorMessage(imp.error)} description={rows.length > 0 && <ul style={{ margin: 0, paddingLeft: 18, maxHeight: 200, overflowY: 'auto' }}>{rows.map((r, i) => <li key={i}>{r.field} {r.message}</li>)}</ul>} />}
    </Modal>
  );
}

function Frameworks({ regionId }: { regionId: string }) {
  const me = useCurrentUser();
  const list = useFrameworks(regionId);
  const plans = usePlans(regionId);
  const gen = useDefaultFramework();
  const { message } = App.useApp();
  const [picked, setPicked] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [importing, setImporting] = useState(false);
  const [form] = Form.useForm<{ planId: string; year: number }>();
  const current = picked ?? list.data?.[0]?.id ?? null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select style={{ width: 360 }} placeholder="选择指标体系" value={current ?? undefined} onChange={setPicked} options={(list.data ?? []).map((f) => ({ value: f.id, label: `${f.year}年 · ${f.name}` }))} notFoundContent="尚无指标体系" />
        {canDecide(me) && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>按方案生成默认指标体系</Button>}
        {canDecide(me) && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>从 Excel 导入</Button>}
      </Space>
      {importing && <ImportModal regionId={regionId} onClose={(id) => { setImporting(false); if (id) setPicked(id); }} />}
      {current ? <FrameworkView id={current} /> : <Empty description="尚无考核指标体系。可按方案的章节和量化指标一键生成，再按本地实际调整。" />}
      <Modal
        open={open}
        title="按方案生成默认指标体系"
        okText="生成"
        confirmLoading={gen.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
      >
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="按方案各章节的任务数分配分值（任务按期完成、进展按时报送），量化指标按完成比例计分，督办单逾期反馈和督察问题逾期整改扣分，满分 100 分。" />
        <Form form={form} layout="vertical" initialValues={{ year: thisYear }} onFinish={(v) => gen.mutate(v, { onSuccess: (f) => { message.success(`已生成「${f.name}」`); setPicked(f.id); setOpen(false); }, onError: (e) => message.error(errorMessage(e)) })}>
          <Form.Item label="方案" name="planId" rules={[{ required: true, message: '请选择方案' }]}>
            <Select options={(plans.data ?? []).map((p) => ({ value: p.id, label: p.title }))} />
          </Form.Item>
          <Form.Item label="考核年度" name="year" rules={[{ required: true, message: '请填写年度' }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

function ScoreInput({ line, onSave, loading }: { line: ScoreLine; onSave: (score: number | null) => void; loading: boolean }) {
  const [v, setV] = useState<number | null>(null);
  return (
    <Space.Compact>
      <InputNumber size="small" min={0} max={line.points} step={0.5} style={{ width: 80 }} value={v} onChange={(x) => setV(x)} aria-label={`${line.path.join('/')} 得分`} />
      <Button size="small" loading={loading} disabled={v === null} onClick={() => onSave(v)}>保存</Button>
    </Space.Compact>
  );
}

function ScorecardDrawer({ campaign, unitId, onClose }: { campaign: Campaign; unitId: string | null; onClose: () => void }) {
  const me = useCurrentUser();
  const card = useScorecard(unitId ? campaign.id : null, unitId);
  const self = useScore('self');
  const review = useScore('review');
  const { message } = App.useApp();
  const canSelf = campaign.state === 'self_assess' && me.role === 'liaison';
  const canReview = campaign.state === 'review' && (canDecide(me) || me.role === 'inspector');
  const save = (kind: 'self' | 'review', l: ScoreLine, score: number | null) =>
    (kind === 'self' ? self : review).mutate({ id: campaign.id, unitId: unitId!, indicatorId: l.indicatorId, score, version: l.version ?? 0 }, { onSuccess: () => message.success('已保存'), onError: (e) => message.error(errorMessage(e)) });
  return (
    <Drawer open={!!unitId} width={1100} onClose={onClose} title={card.data ? `${card.data.unitName} · 得分卡` : '得分卡'}>
      {card.error && <Alert type="warning" showIcon title={errorMessage(card.error)} />}
      {card.data && (
        <>
          <Descriptions size="small" column={3} style={{ marginBottom: 12 }} items={[
            { label: '总分', children: card.data.total ?? '未评完' },
            { label: '排名', children: card.data.rank ?? '—' },
            { label: '状态', children: card.data.frozen ? <Tag color="green">已审定（冻结）</Tag> : <Tag>{campaign.stateLabel}</Tag> },
          ]} />
          {card.data.missing.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`尚有 ${card.data.missing.length} 项未评分`} description={card.data.missing.join('；')} />}
          <Table<ScoreLine>
            rowKey="indicatorId"
            size="small"
            pagination={false}
            dataSource={card.data.lines}
            columns={[
              { title: '指标', render: (_, l) => <><div style={{ color: '#8c8c8c', fontSize: 12 }}>{l.path.slice(0, -1).join(' › ')}</div>{l.path.at(-1)}</> },
              { title: '分值', dataIndex: 'points', width: 60, align: 'right' },
              { title: '计算过程', dataIndex: 'explanation', render: (e: string, l) => <><Tag color="blue">{l.rule}</Tag>{e}</> },
              { title: '自评', width: canSelf ? 150 : 70, render: (_, l) => (canSelf ? <><span className="fz-score">{l.selfScore ?? '—'}</span> <ScoreInput line={l} loading={self.isPending} onSave={(s) => save('self', l, s)} /></> : (l.selfScore ?? '—')) },
              { title: '评分', width: canReview ? 150 : 70, render: (_, l) => (canReview ? <><span className="fz-score">{l.reviewScore ?? '—'}</span> <ScoreInput line={l} loading={review.isPending} onSave={(s) => save('review', l, s)} /></> : (l.reviewScore ?? '—')) },
              { title: '得分', dataIndex: 'final', width: 70, align: 'right', render: (f: number | null) => (f === null ? <Tooltip title="未评分"><Typography.Text type="warning">—</Typography.Text></Tooltip> : <b>{f}</b>) },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}

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

function Campaigns({ regionId }: { regionId: string }) {
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

const METRIC_COLOR: Record<MetricRow['status'], string> = { met: 'green', at_risk: 'orange', missed: 'red', no_data: 'default' };
const OP: Record<string, string> = { '>=': '≥', '>': '>', '=': '=', '<=': '≤', '<': '<', achieve: '实现', done: '完成' };

function Metrics({ regionId }: { regionId: string }) {
  const q = useMetrics(regionId);
  const [status, setStatus] = useState<MetricRow['status'] | undefined>();
  const c = q.data?.counts;
  return (
    <Card size="small" title={
      <Space wrap>
        {(['met', 'at_risk', 'missed', 'no_data'] as const).map((s) => (
          <Tag.CheckableTag key={s} checked={status === s} onChange={(on) => setStatus(on ? s : undefined)}>
            <Tag color={METRIC_COLOR[s]} style={{ marginInlineEnd: 0 }}>{METRIC_STATUS_LABEL[s]} {c?.[s] ?? 0}</Tag>
          </Tag.CheckableTag>
        ))}
      </Space>
    }>
      <Table<MetricRow>
        rowKey="targetId"
        size="small"
        loading={q.isPending}
        dataSource={(q.data?.items ?? []).filter((m) => !status || m.status === status)}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '方案中没有识别出量化指标' }}
        columns={[
          { title: '任务', dataIndex: 'taskNumber', width: 110, render: (n: string, m) => <a href={`/tasks/${m.taskId}`}>{n}</a> },
          { title: '指标', dataIndex: 'name', render: (n: string, m) => <Tooltip title={m.raw}>{n}</Tooltip> },
          { title: '目标', width: 110, render: (_, m) => `${OP[m.op] ?? m.op} ${m.target ?? ''}${m.unit ?? ''}` },
          { title: '最新值', width: 120, render: (_, m) => (m.actual === null ? '—' : `${m.actual}${m.unit ?? ''}（${m.periodKey}）`) },
          { title: '期限', dataIndex: 'byDate', width: 110, render: (d: string | null) => d ?? '—' },
          { title: '走势', width: 200, render: (_, m) => (m.trend.length ? m.trend.map((t) => `${t.periodKey.replace(/^\d{4}/, '')}:${t.value}`).join(' → ') : '—') },
          { title: '状态', dataIndex: 'status', width: 150, render: (s: MetricRow['status']) => <Tag color={METRIC_COLOR[s]}>{METRIC_STATUS_LABEL[s]}</Tag> },
        ]}
      />
    </Card>
  );
}

export default function Assessment() {
  const me = useCurrentUser();
  const regionId = me.currentRegionId;
  if (!regionId) return <Result status="info" title="请先选择地区" />;
  const showFrameworks = readsRegion(me);
  return (
    <>
      <PageHeader title="考核" />
      <Tabs items={[{ key: 'campaigns', label: '考核', children: <Campaigns regionId={regionId} /> }, ...(showFrameworks ? [{ key: 'frameworks', label: '指标体系', children: <Frameworks regionId={regionId} /> }, { key: 'metrics', label: '量化指标', children: <Metrics regionId={regionId} /> }] : [])]} />
    </>
  );
}
