import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { lazyPage } from '../../lib/lazy-page';

const IndicatorsPage = lazyPage(() => import('./pages/indicators-page'), 'IndicatorsPage');
const ProjectImpactPage = lazyPage(() => import('./pages/project-impact-page'), 'ProjectImpactPage');
const MyProjectsPage = lazyPage(() => import('./pages/my-projects-page'), 'MyProjectsPage');

/** Who reads the catalogue and a project's figures; the API enforces the same on each route. */
const STAFF_READERS = ['admin', 'staff', 'coach', 'fund_manager', 'elected_official'] as const;

export const impactRoutes: RouteObject[] = [
  { path: 'impact/indicators', element: <RequireRole roles={STAFF_READERS}><IndicatorsPage /></RequireRole> },
  { path: 'impact/my-projects', element: <RequireRole roles={['project_holder']}><MyProjectsPage /></RequireRole> },
  { path: 'projects/:id/impact', element: <RequireRole roles={[...STAFF_READERS, 'project_holder']}><ProjectImpactPage /></RequireRole> },
];
