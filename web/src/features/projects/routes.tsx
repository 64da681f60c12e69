import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { lazyPage } from '../../lib/lazy-page';

const OrganisationsPage = lazyPage(() => import('./pages/organisations-page'), 'OrganisationsPage');
const ProjectPage = lazyPage(() => import('./pages/project-page'), 'ProjectPage');
const ProjectsPage = lazyPage(() => import('./pages/projects-page'), 'ProjectsPage');

const READERS = ['admin', 'staff', 'coach', 'fund_manager'] as const;

export const projectsRoutes: RouteObject[] = [
  { path: 'projects', element: <RequireRole roles={READERS}><ProjectsPage /></RequireRole> },
  { path: 'projects/:id', element: <RequireRole roles={READERS}><ProjectPage /></RequireRole> },
  { path: 'organisations', element: <RequireRole roles={READERS}><OrganisationsPage /></RequireRole> },
];
