import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation } from 'react-router';
import { Spin } from 'antd';
import { useMe } from './api/auth.ts';
import { NAV } from './layout/nav.tsx';
import { ErrorPage } from './pages/ErrorPage.tsx';

const AppLayout = lazy(() => import('./layout/AppLayout.tsx'));
const Login = lazy(() => import('./pages/Login.tsx'));
const ForcedPassword = lazy(() => import('./pages/account/ForcedPassword.tsx'));
const Dashboard = lazy(() => import('./pages/Dashboard.tsx'));
const Cockpit = lazy(() => import('./pages/cockpit/Cockpit.tsx'));
const Exports = lazy(() => import('./pages/dashboard/Exports.tsx'));
const UnderConstruction = lazy(() => import('./pages/UnderConstruction.tsx'));
const NotFound = lazy(() => import('./pages/NotFound.tsx'));
const Units = lazy(() => import('./pages/directory/Units.tsx'));
const Groups = lazy(() => import('./pages/directory/Groups.tsx'));
const Users = lazy(() => import('./pages/directory/Users.tsx'));
const Audit = lazy(() => import('./pages/system/Audit.tsx'));
const About = lazy(() => import('./pages/system/About.tsx'));
const WorkCalendar = lazy(() => import('./pages/system/Calendar.tsx'));
const Password = lazy(() => import('./pages/account/Password.tsx'));
const Sessions = lazy(() => import('./pages/account/Sessions.tsx'));
const PlanList = lazy(() => import('./pages/plans/PlanList.tsx'));
const PlanDetail = lazy(() => import('./pages/plans/PlanDetail.tsx'));
const ImportReview = lazy(() => import('./pages/plans/ImportReview.tsx'));
const Inbox = lazy(() => import('./pages/reports/Inbox.tsx'));
const ReportEditor = lazy(() => import('./pages/reports/ReportEditor.tsx'));
const Review = lazy(() => import('./pages/reports/Review.tsx'));
const TaskDetail = lazy(() => import('./pages/tasks/TaskDetail.tsx'));
const TaskList = lazy(() => import('./pages/tasks/TaskList.tsx'));
const Ledger = lazy(() => import('./pages/ledger/Ledger.tsx'));
const SupervisionBoard = lazy(() => import('./pages/supervision/Board.tsx'));
const Notices = lazy(() => import('./pages/supervision/Notices.tsx'));
const NoticeDetail = lazy(() => import('./pages/supervision/NoticeDetail.tsx'));
const SupervisionAlerts = lazy(() => import('./pages/supervision/Alerts.tsx'));
const Extensions = lazy(() => import('./pages/supervision/Extensions.tsx'));
const SupervisionSettings = lazy(() => import('./pages/supervision/Settings.tsx'));
const Circulars = lazy(() => import('./pages/supervision/Circulars.tsx'));
const CircularEditor = lazy(() => import('./pages/supervision/CircularEditor.tsx'));
const Notifications = lazy(() => import('./pages/account/Notifications.tsx'));
const AnnualList = lazy(() => import('./pages/annual/AnnualList.tsx'));
const AnnualBoard = lazy(() => import('./pages/annual/AnnualBoard.tsx'));
const AnnualEditor = lazy(() => import('./pages/annual/AnnualEditor.tsx'));
const PortalHome = lazy(() => import('./pages/portal/PortalHome.tsx'));
const PortalReport = lazy(() => import('./pages/portal/PortalReport.tsx'));
const Assessment = lazy(() => import('./pages/assessment/Assessment.tsx'));
const Metrics = lazy(() => import('./pages/assessment/Metrics.tsx'));
const MetricDetail = lazy(() => import('./pages/assessment/MetricDetail.tsx'));
const FrameworkEditor = lazy(() => import('./pages/assessment/FrameworkEditor.tsx'));
const InspectionPlans = lazy(() => import('./pages/inspection/Plans.tsx'));
const InspectionPlanEditor = lazy(() => import('./pages/inspection/PlanEditor.tsx'));
const InspectionPlanDetail = lazy(() => import('./pages/inspection/PlanDetail.tsx'));
const InspectionVisit = lazy(() => import('./pages/inspection/Visit.tsx'));
const InspectionProblems = lazy(() => import('./pages/inspection/Problems.tsx'));
const InspectionProblemDetail = lazy(() => import('./pages/inspection/ProblemDetail.tsx'));
const NotificationAdmin = lazy(() => import('./pages/system/Notifications.tsx'));

export function FullPageSpin() {
  return (
    <div style={{ height: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

const page = (el: ReactNode) => <Suspense fallback={<div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>}>{el}</Suspense>;

/** Signed in (and password settled) or off to the login page, remembering where we were. */
function RequireAuth({ allowMustChange = false }: { allowMustChange?: boolean }) {
  const { data: me, isPending, error } = useMe();
  const loc = useLocation();
  if (isPending) return <FullPageSpin />;
  if (error) return <ErrorPage error={error} />;
  if (!me) {
    const next = `${loc.pathname}${loc.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.mustChangePassword && !allowMustChange) return <Navigate to="/change-password" replace />;
  return <Outlet />;
}

const planned = NAV.filter((n) => n.planned && n.path).map((n) => ({
  path: n.path!.slice(1),
  element: page(<UnderConstruction title={n.label} capabilities={n.planned!} />),
}));

const router = createBrowserRouter([
  { path: '/login', element: page(<Login />), errorElement: <ErrorPage /> },
  // the public portal of annual reports: outside the login
  { path: '/portal', element: page(<PortalHome />), errorElement: <ErrorPage /> },
  { path: '/portal/reports/:reportId', element: page(<PortalReport />), errorElement: <ErrorPage /> },
  { path: '/portal/reports/:reportId/v/:no', element: page(<PortalReport />), errorElement: <ErrorPage /> },
  {
    element: <RequireAuth allowMustChange />,
    errorElement: <ErrorPage />,
    children: [{ path: '/change-password', element: page(<ForcedPassword />) }],
  },
  {
    element: <RequireAuth />,
    errorElement: <ErrorPage />,
    children: [
      {
        path: '/',
        element: <Suspense fallback={<FullPageSpin />}><AppLayout /></Suspense>,
        children: [
          { index: true, element: page(<Dashboard />) },
          { path: 'cockpit', element: page(<Cockpit />) },
          { path: 'exports', element: page(<Exports />) },
          ...planned,
          { path: 'plans', element: page(<PlanList />) },
          { path: 'plans/imports/:id', element: page(<ImportReview />) },
          { path: 'plans/:id', element: page(<PlanDetail />) },
          { path: 'notifications', element: page(<Notifications />) },
          { path: 'assessment', element: page(<Assessment />) },
          { path: 'assessment/metrics', element: page(<Metrics />) },
          { path: 'assessment/metrics/:id', element: page(<MetricDetail />) },
          { path: 'assessment/frameworks/:id/edit', element: page(<FrameworkEditor />) },
          { path: 'inspection', element: <Navigate to="/inspection/plans" replace /> },
          { path: 'inspection/plans', element: page(<InspectionPlans />) },
          { path: 'inspection/plans/new', element: page(<InspectionPlanEditor />) },
          { path: 'inspection/plans/:id', element: page(<InspectionPlanDetail />) },
          { path: 'inspection/plans/:id/edit', element: page(<InspectionPlanEditor />) },
          { path: 'inspection/plans/visits/:id', element: page(<InspectionVisit />) },
          { path: 'inspection/problems', element: page(<InspectionProblems key="all" />) },
          { path: 'inspection/my-problems', element: page(<InspectionProblems key="mine" mine />) },
          { path: 'inspection/problems/:id', element: page(<InspectionProblemDetail />) },
          { path: 'system/notifications', element: page(<NotificationAdmin />) },
          { path: 'reports', element: page(<Inbox />) },
          { path: 'reports/edit', element: page(<ReportEditor />) },
          { path: 'reports/review', element: page(<Review />) },
          { path: 'tasks', element: page(<TaskList />) },
          { path: 'tasks/:id', element: page(<TaskDetail />) },
          { path: 'ledger', element: page(<Ledger />) },
          { path: 'supervision', element: page(<SupervisionBoard />) },
          { path: 'supervision/notices', element: page(<Notices />) },
          { path: 'supervision/notices/:id', element: page(<NoticeDetail />) },
          { path: 'supervision/reminders', element: page(<SupervisionAlerts key="reminder" kind="reminder" />) },
          { path: 'supervision/warnings', element: page(<SupervisionAlerts key="warning" kind="warning" />) },
          { path: 'supervision/extensions', element: page(<Extensions />) },
          { path: 'supervision/settings', element: page(<SupervisionSettings />) },
          { path: 'supervision/circulars', element: page(<Circulars />) },
          { path: 'supervision/circulars/:id', element: page(<CircularEditor />) },
          { path: 'annual-reports', element: page(<AnnualList />) },
          { path: 'annual-reports/board', element: page(<AnnualBoard />) },
          { path: 'annual-reports/:id', element: page(<AnnualEditor />) },
          { path: 'units', element: page(<Units />) },
          { path: 'groups', element: page(<Groups />) },
          { path: 'users', element: page(<Users />) },
          { path: 'system', element: <Navigate to="/system/about" replace /> },
          { path: 'system/audit', element: page(<Audit />) },
          { path: 'system/calendar', element: page(<WorkCalendar />) },
          { path: 'system/about', element: page(<About />) },
          { path: 'account/password', element: page(<Password />) },
          { path: 'account/sessions', element: page(<Sessions />) },
          { path: '*', element: page(<NotFound />) },
        ],
      },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
