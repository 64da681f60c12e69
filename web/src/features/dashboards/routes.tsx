import { IMPACT_DASHBOARD_READERS } from '@essor/shared/impact-dashboard';
import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { lazyPage } from '../../lib/lazy-page';

const ImpactDashboardPage = lazyPage(() => import('./pages/impact-dashboard-page'), 'ImpactDashboardPage');
const MoneyFlowPage = lazyPage(() => import('./pages/money-flow-page'), 'MoneyFlowPage');

export const dashboardsRoutes: RouteObject[] = [
  { path: 'impact/dashboard', element: <RequireRole roles={IMPACT_DASHBOARD_READERS}><ImpactDashboardPage /></RequireRole> },
  { path: 'impact/money', element: <RequireRole roles={IMPACT_DASHBOARD_READERS}><MoneyFlowPage /></RequireRole> },
];
