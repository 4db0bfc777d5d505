import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, Modal, Radio, Result, Select, Space, Switch, Table, Tabs, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { NOTIFICATION_KIND_LABEL, NOTIFICATION_KINDS, WEBHOOK_FORMAT_LABEL, WEBHOOK_FORMATS, type Delivery, type Webhook, type WebhookInput } from '@shared/api/notifications.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { errorMessage } from '../../api/client.ts';
import { useDeliveries, useResend, useSaveWebhook, useTestWebhook, useWebhooks } from '../../api/notifications.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { fmtTime } from '../../lib/format.ts';
import { canDecide } from '../../lib/perm.ts';

const STATE_COLOR: Record<Delivery['state'], string> = { pending: 'blue', sending: 'processing', sent: 'green', failed: 'red', skipped: 'default' };
const kindLabel = (k: string) => NOTIFICATION_KIND_LABEL[k as keyof typeof NOTIFICATION_KIND_LABEL] ?? k;

function WebhookModal({ regionId, editing, onClose }: { regionId: string; editing: Webhook | 'new'; onClose: () => void }) {
  const save = useSaveWebhook();
  const { message } = App.useApp();
  const [form] = Form.useForm<WebhookInput>();
  const w = editing === 'new' ? null : editing;
  const format = Form.useWatch('format', form);
  return (
    <Modal
      open
      title={w ? `修改群机器人「${w.name}」` : '新增群机器人'}
      okText="保存"
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      width={620}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={w ? { name: w.name, format: w.format, url: w.url, kinds: w.kinds, active: w.active } : { format: 'dingtalk', kinds: [], active: true }}
        onFinish={(v) =>
          save.mutate(
            { id: w?.id, version: w?.version, regionId, input: { ...v, secret: v.secret === undefined || v.secret === '' ? (w ? undefined : null) : v.secret } },
            { onSuccess: () => { message.success('已保存'); onClose(); }, onError: (e) => message.error(errorMessage(e)) },
          )
        }
      >
        <Form.Item label="名称" name="name" rules={[{ required: true, message: '请填写名称' }]}>
          <Input placeholder="例如：依法治县办工作群" maxLength={50} />
        </Form.Item>
        <Form.Item label="类型" name="format">
          <Radio.Group options={WEBHOOK_FORMATS.map((f) => ({ value: f, label: WEBHOOK_FORMAT_LABEL[f] }))} />
        </Form.Item>
        <Form.Item
          label="机器人地址（Webhook）"
          name="url"
          rules={[{ required: true, message: '请填写机器人地址' }]}
          extra={format === 'dingtalk' ? '钉钉群 → 群设置 → 机器人 → 自定义机器人，复制 Webhook 地址' : format === 'wecom' ? '企业微信群 → 添加群机器人，复制 Webhook 地址' : '接收方用请求头 X-Fazhi-Signature（HMAC-SHA256）校验来源'}
        >
          <Input placeholder="https://" />
        </Form.Item>
        {format !== 'wecom' && (
          <Form.Item label={format === 'dingtalk' ? '加签密钥（SEC 开头，可不填）' : '签名密钥（可不填）'} name="secret" extra={w?.hasSecret ? '已设置密钥；留空表示不修改' : undefined}>
            <Input.Password autoComplete="new-password" placeholder={w?.hasSecret ? '••••••（不修改）' : ''} />
          </Form.Item>
        )}
        <Form.Item label="推送的消息" name="kinds" extra="不勾选表示全部推送">
          <Checkbox.Group options={NOTIFICATION_KINDS.map((k) => ({ value: k, label: NOTIFICATION_KIND_LABEL[k] }))} />
        </Form.Item>
        <Form.Item label="启用" name="active" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Robots({ regionId }: { regionId: string }) {
  const q = useWebhooks(regionId);
  const test = useTestWebhook();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Webhook | 'new' | null>(null);
  const columns: TableColumnsType<Webhook> = [
    { title: '名称', dataIndex: 'name' },
    { title: '类型', dataIndex: 'format', width: 150, render: (f: Webhook['format']) => WEBHOOK_FORMAT_LABEL[f] },
    { title: '地址', dataIndex: 'url', ellipsis: true, render: (u: string) => <Typography.Text code>{u}</Typography.Text> },
    { title: '推送', dataIndex: 'kinds', render: (k: string[]) => (k.length ? k.map((x) => <Tag key={x}>{kindLabel(x)}</Tag>) : '全部') },
    { title: '状态', dataIndex: 'active', width: 80, render: (a: boolean) => (a ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
    {
      title: '操作',
      width: 170,
      render: (_, w) => (
        <Space>
          <Button size="small" onClick={() => setEditing(w)}>修改</Button>
          <Button size="small" icon={<SendOutlined />} disabled={!w.active} loading={test.isPending && test.variables === w.id} onClick={() => test.mutate(w.id, { onSuccess: () => message.success('测试消息已排队发送，请到群里查看，发送结果见“发送记录”'), onError: (e) => message.error(errorMessage(e)) })}>
            测试
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <Card size="small" extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>新增群机器人</Button>}>
      <Table rowKey="id" size="middle" loading={q.isPending} columns={columns} dataSource={q.data?.items} pagination={false} locale={{ emptyText: '尚未配置群机器人。配置后，提醒、警示、督办等消息会同时推送到钉钉或企业微信工作群。' }} />
      {editing && <WebhookModal regionId={regionId} editing={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function Log({ regionId }: { regionId: string }) {
  const [f, setF] = useState<{ state?: string; channel?: string; page: number; pageSize: number }>({ page: 1, pageSize: 20 });
  const q = useDeliveries({ regionId, ...f });
  const resend = useResend();
  const { message } = App.useApp();
  const c = q.data?.counts ?? {};
  const columns: TableColumnsType<Delivery> = [
    { title: '时间', dataIndex: 'createdAt', width: 140, render: fmtTime },
    { title: '渠道', dataIndex: 'channel', width: 70, render: (ch: string) => (ch === 'email' ? '邮件' : '机器人') },
    { title: '发往', dataIndex: 'targetLabel', width: 200, ellipsis: true },
    { title: '消息', dataIndex: 'title', render: (t: string, d) => (<span><Tag>{kindLabel(d.kind)}</Tag>{t}</span>) },
    { title: '状态', dataIndex: 'stateLabel', width: 90, render: (l: string, d) => <Tag color={STATE_COLOR[d.state]}>{l}</Tag> },
    { title: '次数', dataIndex: 'attempts', width: 60, align: 'right' },
    {
      title: '说明',
      width: 260,
      render: (_, d) =>
        d.state === 'sent' ? `${fmtTime(d.sentAt)} 送达` : (
          <span>
            {d.lastError && <Typography.Text type={d.state === 'failed' ? 'danger' : 'secondary'}>{d.lastError}</Typography.Text>}
            {d.nextAttemptAt && <div style={{ fontSize: 12, color: '#8c8c8c' }}>{d.attempts ? '下次重试' : '计划发送'}：{fmtTime(d.nextAttemptAt)}</div>}
          </span>
        ),
    },
    {
      title: '',
      width: 70,
      render: (_, d) =>
        (d.state === 'failed' || d.state === 'skipped') && (
          <Button size="small" loading={resend.isPending && resend.variables === d.id} onClick={() => resend.mutate(d.id, { onSuccess: () => message.success('已重新排队发送'), onError: (e) => message.error(errorMessage(e)) })}>
            重发
          </Button>
        ),
    },
  ];
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <Select allowClear placeholder="全部状态" style={{ width: 150 }} value={f.state} onChange={(state) => setF({ ...f, state, page: 1 })} options={(['pending', 'sent', 'failed', 'skipped'] as const).map((s) => ({ value: s, label: `${{ pending: '待发送', sent: '已发送', failed: '发送失败', skipped: '未发送' }[s]}（${c[s] ?? 0}）` }))} />
          <Select allowClear placeholder="全部渠道" style={{ width: 120 }} value={f.channel} onChange={(channel) => setF({ ...f, channel, page: 1 })} options={[{ value: 'email', label: '邮件' }, { value: 'webhook', label: '机器人' }]} />
        </Space>
      }
      extra={<Tooltip title="刷新"><Button icon={<ReloadOutlined />} onClick={() => void q.refetch()} /></Tooltip>}
    >
      {q.data && !q.data.emailConfigured && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="未配置邮件服务器：邮件通知只记录、不发送。请管理员设置环境变量 FAZHI_SMTP_URL 和 FAZHI_MAIL_FROM 后重启。" />}
      {(c.failed ?? 0) > 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`有 ${c.failed} 条通知多次重试后仍发送失败，请检查机器人地址或邮件服务器后点“重发”。`} />}
      <Table rowKey="id" size="small" loading={q.isFetching && !q.data} columns={columns} dataSource={q.data?.items} pagination={{ current: f.page, pageSize: f.pageSize, total: q.data?.total, showTotal: (t) => `共 ${t} 条`, onChange: (page, pageSize) => setF({ ...f, page, pageSize }) }} />
    </Card>
  );
}

export default function NotificationAdmin() {
  const me = useCurrentUser();
  const regionId = me.currentRegionId;
  if (!canDecide(me) || !regionId) return <Result status="403" title="无权访问" subTitle="通知渠道由依法治办配置。" />;
  return (
    <>
      <PageHeader title="通知渠道" />
      <Tabs items={[{ key: 'log', label: '发送记录', children: <Log regionId={regionId} /> }, { key: 'robots', label: '群机器人', children: <Robots regionId={regionId} /> }]} />
    </>
  );
}
