import { App, Button, Card, Popconfirm, Table, Tag } from 'antd';
import type { SessionInfo } from '@shared/api/auth.ts';
import { useRevokeSession, useSessions } from '../../api/auth.ts';
import { errorMessage } from '../../api/client.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { describeAgent, fmtTime, fromNow } from '../../lib/format.ts';

export default function Sessions() {
  const { data, isLoading, error } = useSessions();
  const revoke = useRevokeSession();
  const { message } = App.useApp();
  return (
    <>
      <PageHeader title="登录设备" />
      <Card>
        <p style={{ marginTop: 0, color: '#595959' }}>以下是您的账号当前保持登录的设备。发现不认识的设备，请立即注销并修改密码。</p>
        {error && <Tag color="error">{errorMessage(error)}</Tag>}
        <Table<SessionInfo>
          rowKey="id"
          size="middle"
          loading={isLoading}
          dataSource={data?.items ?? []}
          pagination={false}
          columns={[
            {
              title: '设备',
              key: 'agent',
              render: (_, s) => (
                <span title={s.userAgent ?? ''}>
                  {describeAgent(s.userAgent)} {s.current && <Tag color="green">当前设备</Tag>}
                </span>
              ),
            },
            { title: 'IP 地址', dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
            { title: '登录时间', dataIndex: 'createdAt', render: fmtTime },
            { title: '最近活动', dataIndex: 'lastSeenAt', render: (v: string) => <span title={fmtTime(v)}>{fromNow(v)}</span> },
            { title: '有效期至', dataIndex: 'expiresAt', render: fmtTime },
            {
              title: '操作',
              key: 'op',
              width: 110,
              render: (_, s) =>
                s.current ? (
                  <span style={{ color: '#8c8c8c' }}>—</span>
                ) : (
                  <Popconfirm
                    title="注销该设备的登录？"
                    description="该设备需要重新登录才能继续使用。"
                    okText="注销"
                    cancelText="取消"
                    onConfirm={() =>
                      revoke.mutateAsync(s.id).then(
                        () => void message.success('已注销该设备'),
                        (e: unknown) => void message.error(errorMessage(e)),
                      )
                    }
                  >
                    <Button type="link" danger size="small">
                      注销
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
    </>
  );
}
