import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Form, Segmented, Space, Switch, Table, Tabs, Tag, TimePicker, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { NOTIFICATION_KIND_LABEL, NOTIFICATION_KINDS, type Notification } from '@shared/api/notifications.ts';
import { errorMessage } from '../../api/client.ts';
import { useMarkRead, useNotifications, usePrefs, useSavePrefs } from '../../api/notifications.ts';
import { KIND_COLOR, plainTitle } from '../../layout/Bell.tsx';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { fmtTime } from '../../lib/format.ts';

function Messages() {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [only, setOnly] = useState<'all' | 'unread'>('all');
  const q = useNotifications({ page, pageSize, ...(only === 'unread' ? { unread: '1' as const } : {}) });
  const mark = useMarkRead();
  const navigate = useNavigate();
  const columns: TableColumnsType<Notification> = [
    { title: '类型', dataIndex: 'kindLabel', width: 100, render: (v: string, n) => <Tag color={KIND_COLOR[n.kind] ?? 'default'}>{v}</Tag> },
    {
      title: '消息',
      render: (_, n) => (
        <div>
          <Typography.Link strong={!n.read} onClick={() => { if (!n.read) mark.mutate({ ids: [n.id] }); if (n.link) navigate(n.link); }}>
            {plainTitle(n.title)}
          </Typography.Link>
          <div style={{ whiteSpace: 'pre-wrap', color: '#595959', fontSize: 13 }}>{n.body}</div>
        </div>
      ),
    },
    { title: '时间', dataIndex: 'createdAt', width: 150, render: fmtTime },
    { title: '状态', width: 90, render: (_, n) => (n.read ? <Tag>已读</Tag> : <Tag color="orange">未读</Tag>) },
  ];
  return (
    <Card
      size="small"
      title={<Segmented value={only} onChange={(v) => { setOnly(v as 'all' | 'unread'); setPage(1); }} options={[{ label: '全部', value: 'all' }, { label: `未读（${q.data?.unread ?? 0}）`, value: 'unread' }]} />}
      extra={<Button disabled={!q.data?.unread} loading={mark.isPending} onClick={() => mark.mutate({ all: true })}>全部标为已读</Button>}
    >
      <Table
        rowKey="id"
        size="middle"
        loading={q.isFetching}
        columns={columns}
        dataSource={q.data?.items}
        locale={{ emptyText: only === 'unread' ? '没有未读消息' : '暂无消息' }}
        pagination={{ current: page, pageSize, total: q.data?.total, showSizeChanger: true, showTotal: (t) => `共 ${t} 条`, onChange: (p, s) => { setPage(p); setPageSize(s); } }}
      />
    </Card>
  );
}

interface PrefsForm {
  emailEnabled: boolean;
  emailMuted: string[];
  quiet: boolean;
  quietStart: Dayjs | null;
  quietEnd: Dayjs | null;
}

function Preferences() {
  const q = usePrefs();
  const save = useSavePrefs();
  const { message } = App.useApp();
  const [form] = Form.useForm<PrefsForm>();
  const quiet = Form.useWatch('quiet', form);
  const emailEnabled = Form.useWatch('emailEnabled', form);
  useEffect(() => {
    if (!q.data) return;
    form.setFieldsValue({
      emailEnabled: q.data.emailEnabled,
      emailMuted: q.data.emailMuted,
      quiet: q.data.quietStart !== null,
      quietStart: q.data.quietStart ? dayjs(q.data.quietStart, 'HH:mm') : dayjs('22:00', 'HH:mm'),
      quietEnd: q.data.quietEnd ? dayjs(q.data.quietEnd, 'HH:mm') : dayjs('07:30', 'HH:mm'),
    });
  }, [q.data, form]);
  if (!q.data) return <Card size="small" loading />;
  const onFinish = (v: PrefsForm) =>
    save.mutate(
      { emailEnabled: v.emailEnabled, emailMuted: v.emailMuted as never, quietStart: v.quiet && v.quietStart ? v.quietStart.format('HH:mm') : null, quietEnd: v.quiet && v.quietEnd ? v.quietEnd.format('HH:mm') : null, version: q.data!.version },
      { onSuccess: () => message.success('通知设置已保存'), onError: (e) => message.error(errorMessage(e)) },
    );
  return (
    <Card size="small" style={{ maxWidth: 760 }}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title="站内消息（右上角铃铛）始终送达，不受以下设置影响；本地区配置的钉钉、企业微信群机器人由依法治办统一管理。" />
      <Form form={form} layout="horizontal" labelCol={{ span: 5 }} onFinish={onFinish}>
        <Form.Item label="接收邮件" name="emailEnabled" valuePropName="checked" extra={q.data.email ? `发送至 ${q.data.email}` : '您的账号未填写邮箱，暂不能接收邮件（请联系依法治办在账号中补充）'}>
          <Switch checkedChildren="开" unCheckedChildren="关" disabled={!q.data.email} />
        </Form.Item>
        <Form.Item label="不发邮件的消息" name="emailMuted" extra="勾选的类型只在站内提示，不再发邮件">
          <Checkbox.Group disabled={!emailEnabled} options={NOTIFICATION_KINDS.map((k) => ({ value: k, label: NOTIFICATION_KIND_LABEL[k] }))} />
        </Form.Item>
        <Form.Item label="免打扰时段" extra="时段内的邮件推迟到结束时发送（北京时间）">
          <Space>
            <Form.Item name="quiet" valuePropName="checked" noStyle>
              <Switch checkedChildren="开" unCheckedChildren="关" />
            </Form.Item>
            <Form.Item name="quietStart" noStyle>
              <TimePicker format="HH:mm" minuteStep={5} disabled={!quiet} allowClear={false} aria-label="开始时间" />
            </Form.Item>
            至
            <Form.Item name="quietEnd" noStyle>
              <TimePicker format="HH:mm" minuteStep={5} disabled={!quiet} allowClear={false} aria-label="结束时间" />
            </Form.Item>
          </Space>
        </Form.Item>
        <Form.Item wrapperCol={{ offset: 5 }}>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

export default function Notifications() {
  const [tab, setTab] = useState('messages');
  return (
    <>
      <PageHeader title="消息通知" />
      <Tabs activeKey={tab} onChange={setTab} items={[{ key: 'messages', label: '我的消息', children: <Messages /> }, { key: 'prefs', label: '通知设置', children: <Preferences /> }]} />
    </>
  );
}
