import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { MilestonesPage } from './pages/milestones-page';
import { VisitsPage } from './pages/visits-page';

export const followupRoutes: RouteObject[] = [
  { path: 'follow-up/milestones', element: <RequireRole roles={['admin', 'staff', 'coach', 'fund_manager', 'project_holder']}><MilestonesPage /></RequireRole> },
  { path: 'follow-up/visits', element: <RequireRole roles={['admin', 'staff', 'coach', 'fund_manager']}><VisitsPage /></RequireRole> },
];
