import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Layout, Typography } from 'antd';

/** The public portal's frame: no login, no sidebar. */
export function PortalLayout({ children }: { children: ReactNode }) {
  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <Layout.Header style={{ background: '#b71c1c', display: 'flex', alignItems: 'center', gap: 16 }}>
        <Link to="/portal" style={{ color: '#fff', fontSize: 20, fontWeight: 600 }}>法治政府建设年度报告公开</Link>
        <span style={{ flex: 1 }} />
        <a href="/api/portal/feed.xml" style={{ color: '#fff' }}>订阅（Atom）</a>
      </Layout.Header>
      <Layout.Content style={{ maxWidth: 1000, width: '100%', margin: '0 auto', padding: '24px 16px' }}>{children}</Layout.Content>
      <Layout.Footer style={{ textAlign: 'center' }}>
        <Typography.Text type="secondary">本平台公开各地区、各单位依法发布的法治政府建设年度报告。</Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
