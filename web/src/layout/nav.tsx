/** The sidebar, the breadcrumbs and the 建设中 pages all read this one table. */
import type { ReactNode } from 'react';
import {
  AuditOutlined,
  BookOutlined,
  CarryOutOutlined,
  ClusterOutlined,
  DashboardOutlined,
  FileProtectOutlined,
  FileTextOutlined,
  FundOutlined,
  NotificationOutlined,
  ProfileOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import type { Me } from '@shared/api/auth.ts';
import { canReadCalendar } from '../api/calendar.ts';
import { canDecide, canListUsers, canReadAudit, canReview, readsRegion } from '../lib/perm.ts';

export interface NavLeaf {
  path: string;
  label: string;
  /** not built yet: what the page will hold */
  planned?: string[];
  visible?: (me: Me) => boolean;
}
export interface NavItem {
  key: string;
  label: string;
  icon: ReactNode;
  path?: string;
  planned?: string[];
  children?: NavLeaf[];
}

export const NAV: NavItem[] = [
  {
    key: 'home',
    label: '工作台',
    icon: <DashboardOutlined />,
    children: [
      { path: '/', label: '我的工作台' },
      { path: '/cockpit', label: '领导驾驶舱', visible: readsRegion },
      { path: '/exports', label: '我的导出' },
    ],
  },
  {
    key: 'plans',
    label: '方案',
    icon: <FileTextOutlined />,
    path: '/plans',
  },
  {
    key: 'tasks',
    label: '任务',
    icon: <ProfileOutlined />,
    path: '/tasks',
  },
  {
    key: 'reports',
    label: '报送',
    icon: <CarryOutOutlined />,
    children: [
      { path: '/reports', label: '我的任务' },
      { path: '/reports/review', label: '审核', visible: canReview },
    ],
  },
  {
    key: 'supervision',
    label: '督办',
    icon: <NotificationOutlined />,
    children: [
      { path: '/supervision', label: '看板', visible: readsRegion },
      { path: '/supervision/notices', label: '督办单' },
      { path: '/supervision/reminders', label: '提醒清单' },
      { path: '/supervision/warnings', label: '警示清单' },
      { path: '/supervision/extensions', label: '延期申请' },
      { path: '/supervision/circulars', label: '通报' },
      { path: '/supervision/settings', label: '督办规则', visible: canDecide },
    ],
  },
  {
    key: 'inspection',
    label: '督察考核',
    icon: <AuditOutlined />,
    children: [
      { path: '/inspection/plans', label: '督察计划', visible: readsRegion },
      { path: '/inspection/problems', label: '问题清单', visible: readsRegion },
      { path: '/inspection/my-problems', label: '本单位问题整改', visible: (me) => me.role === 'liaison' },
      { path: '/assessment', label: '考核' },
      { path: '/assessment/metrics', label: '量化指标', visible: readsRegion },
    ],
  },
  {
    key: 'annual',
    label: '年度报告',
    icon: <FileProtectOutlined />,
    children: [
      { path: '/annual-reports', label: '报告' },
      { path: '/annual-reports/board', label: '跟踪看板', visible: readsRegion },
      { path: '/portal', label: '公开平台' },
    ],
  },
  {
    key: 'ledger',
    label: '台账',
    icon: <BookOutlined />,
    path: '/ledger',
  },
  {
    key: 'directory',
    label: '机构人员',
    icon: <ClusterOutlined />,
    children: [
      { path: '/units', label: '单位' },
      { path: '/groups', label: '单位分组' },
      { path: '/users', label: '用户账号', visible: canListUsers },
    ],
  },
  {
    key: 'system',
    label: '系统',
    icon: <SettingOutlined />,
    children: [
      { path: '/system/audit', label: '操作日志', visible: canReadAudit },
      { path: '/system/calendar', label: '工作日历', visible: canReadCalendar },
      { path: '/system/notifications', label: '通知渠道', visible: canDecide },
      { path: '/system/about', label: '关于' },
    ],
  },
];

const EXTRA_CRUMBS: Record<string, string[]> = {
  '/account/password': ['个人中心', '修改密码'],
  '/account/sessions': ['个人中心', '登录设备'],
  '/notifications': ['个人中心', '消息通知'],
};

/** Deeper pages under a top-level item: the last crumb. */
function subCrumb(pathname: string): string | null {
  if (/^\/plans\/imports\/[^/]+$/.test(pathname)) return '导入核对';
  if (/^\/plans\/[^/]+$/.test(pathname)) return '方案详情';
  if (/^\/tasks\/[^/]+$/.test(pathname)) return '任务详情';
  return null;
}

/** The child whose path matches best (the longest: /reports/review over /reports). */
function childFor(item: NavItem, pathname: string): NavLeaf | undefined {
  let best: NavLeaf | undefined;
  for (const c of item.children ?? [])
    if ((pathname === c.path || pathname.startsWith(`${c.path}/`)) && (!best || c.path.length > best.path.length)) best = c;
  return best;
}

/** Breadcrumb labels for a path (empty when unknown). */
export function crumbsFor(pathname: string): string[] {
  if (pathname === '/') return ['工作台'];
  if (EXTRA_CRUMBS[pathname]) return EXTRA_CRUMBS[pathname];
  for (const item of NAV) {
    if (item.path && item.path !== '/' && (pathname === item.path || pathname.startsWith(`${item.path}/`))) {
      const sub = pathname === item.path ? null : subCrumb(pathname);
      return sub ? [item.label, sub] : [item.label];
    }
    const c = childFor(item, pathname);
    if (c) return pathname === '/reports/edit' ? [item.label, c.label, '填报'] : [item.label, c.label];
  }
  return [];
}

/** The menu keys (paths) to mark selected and open. */
export function menuStateFor(pathname: string): { selected: string; open: string | undefined } {
  for (const item of NAV) {
    if (item.path && (item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`)))
      return { selected: item.path, open: undefined };
    const c = childFor(item, pathname);
    if (c) return { selected: c.path, open: item.key };
  }
  return { selected: pathname, open: undefined };
}
