import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { OrganisationsPage } from './pages/organisations-page';
import { ProjectPage } from './pages/project-page';
import { ProjectsPage } from './pages/projects-page';

const READERS = ['admin', 'staff', 'coach', 'fund_manager'] as const;

export const projectsRoutes: RouteObject[] = [
  { path: 'projects', element: <RequireRole roles={READERS}><ProjectsPage /></RequireRole> },
  { path: 'projects/:id', element: <RequireRole roles={READERS}><ProjectPage /></RequireRole> },
  { path: 'organisations', element: <RequireRole roles={READERS}><OrganisationsPage /></RequireRole> },
];
