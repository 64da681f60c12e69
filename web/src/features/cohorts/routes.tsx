import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { lazyPage } from '../../lib/lazy-page';

const CohortPage = lazyPage(() => import('./pages/cohort-page'), 'CohortPage');
const CohortsPage = lazyPage(() => import('./pages/cohorts-page'), 'CohortsPage');

const READERS = ['admin', 'staff', 'coach', 'fund_manager'] as const;

export const cohortsRoutes: RouteObject[] = [
  { path: 'cohorts', element: <RequireRole roles={READERS}><CohortsPage /></RequireRole> },
  { path: 'cohorts/:id', element: <RequireRole roles={READERS}><CohortPage /></RequireRole> },
];
