import { Card, Descriptions, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useCurrentUser } from '../../api/auth.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { NAV } from '../../layout/nav.tsx';

interface Health {
  ok?: boolean;
  status?: string;
  version?: string;
  [k: string]: unknown;
}

export default function About() {
  const me = useCurrentUser();
  const health = useQuery({
    queryKey: ['healthz'],
    queryFn: async (): Promise<Health | null> => {
      const r = await fetch('/healthz', { credentials: 'same-origin' });
      try {
        return (await r.json()) as Health;
      } catch {
        return r.ok ? { ok: true } : null;
      }
    },
    retry: false,
  });
  const serverOk = health.data && (health.data.ok === true || health.data.status === 'ok' || health.data.status === 'healthy');
  return (
    <>
      <PageHeader title="关于" />
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>法治政府建设管理平台</Typography.Title>
        <Typography.Paragraph type="secondary">
          面向县级依法治县办的法治政府建设实施方案落实平台：方案解析、任务分解、进展报送、督办督察、考核评估与年度报告。
        </Typography.Paragraph>
        <Descriptions bordered column={1} size="middle" styles={{ label: { width: 160 } }}>
          <Descriptions.Item label="前端版本">v{__APP_VERSION__}</Descriptions.Item>
          <Descriptions.Item label="服务端版本">{typeof health.data?.version === 'string' ? `v${health.data.version}` : '—'}</Descriptions.Item>
          <Descriptions.Item label="服务状态">
            {health.isLoading ? '检测中…' : serverOk ? <Tag color="success">运行正常</Tag> : health.data ? <Tag color="processing">已连接</Tag> : <Tag color="error">无法连接</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="当前账号">
            {me.displayName}（{me.username}） · {me.roleLabel}
          </Descriptions.Item>
          <Descriptions.Item label="功能模块">
            {NAV.filter((n) => n.key !== 'home').map((n) => (
              <Tag key={n.key} color={n.planned ? 'orange' : 'green'} style={{ marginBottom: 4 }}>
                {n.label}
                {n.planned ? '（建设中）' : ''}
              </Tag>
            ))}
          </Descriptions.Item>
          {(me.role === 'admin' || me.role === 'office') && (
            <Descriptions.Item label="接口文档">
              <a href="/api/docs" target="_blank" rel="noreferrer">/api/docs（OpenAPI）</a>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
    </>
  );
}
