import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { lazyPage } from '../../lib/lazy-page';

const MilestonesPage = lazyPage(() => import('./pages/milestones-page'), 'MilestonesPage');
const VisitsPage = lazyPage(() => import('./pages/visits-page'), 'VisitsPage');

export const followupRoutes: RouteObject[] = [
  { path: 'follow-up/milestones', element: <RequireRole roles={['admin', 'staff', 'coach', 'fund_manager', 'project_holder']}><MilestonesPage /></RequireRole> },
  { path: 'follow-up/visits', element: <RequireRole roles={['admin', 'staff', 'coach', 'fund_manager']}><VisitsPage /></RequireRole> },
];
