import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { ApplicationDetailPage } from './pages/application-detail-page';
import { EditApplicationPage, NewApplicationPage } from './pages/application-form-page';
import { ApplicationsPage } from './pages/applications-page';
import { BoardPage } from './pages/board-page';
import { CallsPage, PublicCallsPage } from './pages/calls-page';
import { FunnelPage } from './pages/funnel-page';

const STAFF = ['admin', 'staff'] as const;
const HOLDERS = ['project_holder'] as const;

export const applicationsRoutes: RouteObject[] = [
  { path: 'applications', element: <RequireRole roles={['admin', 'staff', 'project_holder']}><ApplicationsPage /></RequireRole> },
  { path: 'applications/board', element: <RequireRole roles={STAFF}><BoardPage /></RequireRole> },
  { path: 'applications/funnel', element: <RequireRole roles={STAFF}><FunnelPage /></RequireRole> },
  { path: 'applications/new', element: <RequireRole roles={HOLDERS}><CallsPage /></RequireRole> },
  { path: 'applications/new/:programmeId', element: <RequireRole roles={HOLDERS}><NewApplicationPage /></RequireRole> },
  { path: 'applications/:id/edit', element: <RequireRole roles={HOLDERS}><EditApplicationPage /></RequireRole> },
  { path: 'applications/:id', element: <RequireRole roles={['admin', 'staff', 'project_holder', 'committee_member']}><ApplicationDetailPage /></RequireRole> },
];

/** Anyone may see the open calls. */
export const applicationsPublicRoutes: RouteObject[] = [{ path: '/apply', element: <PublicCallsPage /> }];
