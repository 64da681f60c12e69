import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { lazyPage } from '../../lib/lazy-page';

const RegisterPage = lazyPage(() => import('./pages/register-page'), 'RegisterPage');
const GuaranteePage = lazyPage(() => import('./pages/guarantee-page'), 'GuaranteePage');
const PartnersPage = lazyPage(() => import('./pages/partners-page'), 'PartnersPage');
const ReportImportPage = lazyPage(() => import('./pages/report-import-page'), 'ReportImportPage');
const DashboardPage = lazyPage(() => import('./pages/dashboard-page'), 'DashboardPage');

/** Who works the guarantee fund in the admin; the API enforces the same on each route. */
export const GUARANTEE_ADMIN = ['admin', 'staff', 'fund_manager'] as const;

export const guaranteesRoutes: RouteObject[] = [
  // register and guarantee pages
  { path: 'guarantees', element: <RequireRole roles={GUARANTEE_ADMIN}><RegisterPage /></RequireRole> },
  { path: 'guarantees/partners', element: <RequireRole roles={GUARANTEE_ADMIN}><PartnersPage /></RequireRole> },
  { path: 'guarantees/reports', element: <RequireRole roles={GUARANTEE_ADMIN}><ReportImportPage /></RequireRole> },
  { path: 'guarantees/:id', element: <RequireRole roles={GUARANTEE_ADMIN}><GuaranteePage /></RequireRole> },
  // dashboard
  { path: 'guarantees/dashboard', element: <RequireRole roles={GUARANTEE_ADMIN}><DashboardPage /></RequireRole> },
];
