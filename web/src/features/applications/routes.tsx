import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { lazyPage } from '../../lib/lazy-page';

const ApplicationDetailPage = lazyPage(() => import('./pages/application-detail-page'), 'ApplicationDetailPage');
const EditApplicationPage = lazyPage(() => import('./pages/application-form-page'), 'EditApplicationPage');
const NewApplicationPage = lazyPage(() => import('./pages/application-form-page'), 'NewApplicationPage');
const ApplicationsPage = lazyPage(() => import('./pages/applications-page'), 'ApplicationsPage');
const BoardPage = lazyPage(() => import('./pages/board-page'), 'BoardPage');
const CallsPage = lazyPage(() => import('./pages/calls-page'), 'CallsPage');
const PublicCallsPage = lazyPage(() => import('./pages/calls-page'), 'PublicCallsPage');
const FunnelPage = lazyPage(() => import('./pages/funnel-page'), 'FunnelPage');

const STAFF = ['admin', 'staff'] as const;
const HOLDERS = ['project_holder'] as const;

export const applicationsRoutes: RouteObject[] = [
  { path: 'applications', element: <RequireRole roles={['admin', 'staff', 'project_holder']}><ApplicationsPage /></RequireRole> },
  { path: 'applications/board', element: <RequireRole roles={STAFF}><BoardPage /></RequireRole> },
  { path: 'applications/funnel', element: <RequireRole roles={STAFF}><FunnelPage /></RequireRole> },
  { path: 'applications/new', element: <RequireRole roles={HOLDERS}><CallsPage /></RequireRole> },
  { path: 'applications/:id/edit', element: <RequireRole roles={HOLDERS}><EditApplicationPage /></RequireRole> },
  { path: 'applications/:id', element: <RequireRole roles={['admin', 'staff', 'project_holder', 'committee_member']}><ApplicationDetailPage /></RequireRole> },
];

/** Anyone may see the open calls. */
export const applicationsPublicRoutes: RouteObject[] = [{ path: '/apply', element: <PublicCallsPage /> }];

/**
 * The application form, in the calls' light frame rather than the admin's (it is often filled on a phone, reached
 * from a call's link); the app puts it behind a project holder's session.
 */
export const applicantRoutes: RouteObject[] = [{ path: '/applications/new/:programmeId', element: <NewApplicationPage /> }];
