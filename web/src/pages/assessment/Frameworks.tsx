import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { CopyOutlined, DownloadOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { IndicatorT } from '@shared/api/assessment.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { errorMessage, isApiError } from '../../api/client.ts';
import { frameworkXlsxUrl, useCopyFramework, useDefaultFramework, useFramework, useFrameworks, useImportFramework } from '../../api/assessment.ts';
import { usePlans } from '../../api/plans.ts';
import { canDecide } from '../../lib/perm.ts';
import { LEVEL, thisYear } from './common.ts';

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
          {fw.editBlock ? (
            <Tooltip title={fw.editBlock}><Button icon={<EditOutlined />} disabled>编辑</Button></Tooltip>
          ) : (
            <Link to={`/assessment/frameworks/${id}/edit`}><Button type="primary" icon={<EditOutlined />}>编辑</Button></Link>
          )}
          <Button icon={<DownloadOutlined />} href={frameworkXlsxUrl(id)}>导出 Excel</Button>
          <Button icon={<CopyOutlined />} loading={copy.isPending} onClick={() => copy.mutate({ id, year: fw.year + 1 }, { onSuccess: (n) => message.success(`已复制为「${n.name}」`), onError: (e) => message.error(errorMessage(e)) })}>
            复制为{fw.year + 1}年度
          </Button>
          </Space>
        )
      }
    >
      {fw.problems.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`指标体系有 ${fw.problems.length} 处问题`} description={fw.problems.map((p) => `${p.path}：${p.message}`).join('；')} />}
      {fw.editBlock && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`${fw.editBlock}。`} />}
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

export function Frameworks({ regionId }: { regionId: string }) {
  const me = useCurrentUser();
  const list = useFrameworks(regionId);
  const plans = usePlans(regionId);
  const gen = useDefaultFramework();
  const { message } = App.useApp();
  const [sp, setSp] = useSearchParams();
  const picked = sp.get('fw');
  const setPicked = (id: string) => setSp((p) => { const n = new URLSearchParams(p); n.set('fw', id); return n; }, { replace: true });
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

