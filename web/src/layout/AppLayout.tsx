import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { App, Breadcrumb, Dropdown, Layout, Menu, Spin, Tag, type MenuProps } from 'antd';
import { BellOutlined, DownOutlined, EnvironmentOutlined, HomeOutlined, KeyOutlined, LaptopOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useCurrentUser, useLogout, useSwitchRegion } from '../api/auth.ts';
import { errorMessage } from '../api/client.ts';
import { useRegions } from '../api/regions.ts';
import type { Region } from '@shared/api/regions.ts';

/** The regions the user may enter, in tree order (省 → 市 → 县), each with its depth. */
function orderRegions(mine: { id: string; name: string }[], all: Region[] | undefined): { id: string; name: string; depth: number }[] {
  if (!all) return mine.map((r) => ({ ...r, depth: 0 }));
  const allowed = new Set(mine.map((r) => r.id));
  const byParent = new Map<string | null, Region[]>();
  const ids = new Set(all.map((r) => r.id));
  for (const r of all) {
    const p = r.parentId && ids.has(r.parentId) ? r.parentId : null;
    byParent.set(p, [...(byParent.get(p) ?? []), r]);
  }
  const out: { id: string; name: string; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const r of (byParent.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))) {
      if (allowed.has(r.id)) out.push({ id: r.id, name: r.name, depth });
      walk(r.id, allowed.has(r.id) ? depth + 1 : depth);
    }
  };
  walk(null, 0);
  for (const r of mine) if (!out.some((o) => o.id === r.id)) out.push({ ...r, depth: 0 });
  return out;
}
import { crumbsFor, menuStateFor, NAV } from './nav.tsx';
import { Bell } from './Bell.tsx';

const { Header, Sider, Content } = Layout;

function RegionSwitcher() {
  const me = useCurrentUser();
  const sw = useSwitchRegion();
  const { message } = App.useApp();
  const current = me.regions.find((r) => r.id === me.currentRegionId);
  const all = useRegions(me.regions.length > 1);
  const ordered = orderRegions(me.regions, all.data);
  const label = (
    <span className="fz-header-item" aria-label="当前地区">
      <EnvironmentOutlined />
      {current?.name ?? '未选择地区'}
      {me.regions.length > 1 && <DownOutlined style={{ fontSize: 10 }} />}
    </span>
  );
  if (me.regions.length <= 1) return label;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: me.currentRegionId ? [me.currentRegionId] : [],
        items: ordered.map((r) => ({ key: r.id, label: <span style={{ paddingLeft: r.depth * 14 }}>{r.name}</span> })),
        style: { maxHeight: 420, overflowY: 'auto' },
        onClick: ({ key }) =>
          key !== me.currentRegionId &&
          sw.mutate(key, {
            onSuccess: (m) => message.success(`已切换到${m.regions.find((r) => r.id === key)?.name ?? '所选地区'}`),
            onError: (e) => message.error(errorMessage(e)),
          }),
      }}
    >
      {label}
    </Dropdown>
  );
}

function UserMenu() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const logout = useLogout();
  const items: MenuProps['items'] = [
    { key: 'who', label: <span style={{ color: '#8c8c8c' }}>{me.username} · {me.roleLabel}</span>, disabled: true },
    { type: 'divider' },
    { key: '/account/password', icon: <KeyOutlined />, label: '修改密码' },
    { key: '/account/sessions', icon: <LaptopOutlined />, label: '登录设备' },
    { key: '/notifications', icon: <BellOutlined />, label: '消息与通知设置' },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
  ];
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items,
        onClick: ({ key }) => {
          if (key === 'logout') logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
          else navigate(key);
        },
      }}
    >
      <span className="fz-header-item" role="button" aria-label="用户菜单">
        <UserOutlined />
        {me.displayName}
        <Tag color="gold" style={{ marginInlineEnd: 0 }} variant="filled">
          {me.roleLabel}
        </Tag>
        <DownOutlined style={{ fontSize: 10 }} />
      </span>
    </Dropdown>
  );
}

export default function AppLayout() {
  const me = useCurrentUser();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const state = menuStateFor(pathname);
  const [openKeys, setOpenKeys] = useState<string[]>(['reports', 'directory', 'system']);

  const items = useMemo<MenuProps['items']>(
    () =>
      NAV.map((n) =>
        n.children
          ? {
              key: n.key,
              icon: n.icon,
              label: n.label,
              children: n.children.filter((c) => !c.visible || c.visible(me)).map((c) => ({ key: c.path, label: c.label })),
            }
          : { key: n.path!, icon: n.icon, label: n.label },
      ),
    [me],
  );
  const crumbs = crumbsFor(pathname);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header className="fz-header">
        <Link to="/" className="fz-brand">
          <span className="fz-emblem">法</span>
          法治政府建设管理平台
        </Link>
        <div className="fz-header-right">
          <RegionSwitcher />
          <Bell />
          <UserMenu />
        </div>
      </Header>
      <Layout>
        <Sider width={208} collapsible collapsed={collapsed} onCollapse={setCollapsed} theme="light" className="fz-sider">
          <nav aria-label="主导航">
            <Menu
              mode="inline"
              items={items}
              selectedKeys={[state.selected]}
              openKeys={collapsed ? undefined : Array.from(new Set([...openKeys, ...(state.open ? [state.open] : [])]))}
              onOpenChange={(k) => setOpenKeys(k as string[])}
              onClick={({ key }) => navigate(key)}
              style={{ borderInlineEnd: 'none' }}
            />
          </nav>
        </Sider>
        <Content className="fz-content">
          <Breadcrumb
            className="fz-breadcrumb"
            items={[
              { title: <Link to="/"><HomeOutlined /> 首页</Link> },
              ...(crumbs.length ? crumbs : ['页面不存在']).map((c) => ({ title: c })),
            ]}
          />
          <Suspense fallback={<div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
