import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { CohortPage } from './pages/cohort-page';
import { CohortsPage } from './pages/cohorts-page';

const READERS = ['admin', 'staff', 'coach', 'fund_manager'] as const;

export const cohortsRoutes: RouteObject[] = [
  { path: 'cohorts', element: <RequireRole roles={READERS}><CohortsPage /></RequireRole> },
  { path: 'cohorts/:id', element: <RequireRole roles={READERS}><CohortPage /></RequireRole> },
];
