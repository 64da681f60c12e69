import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { lazyPage } from '../../lib/lazy-page';

const JobsPage = lazyPage(() => import('./pages/jobs-page'), 'JobsPage');
const OutboxPage = lazyPage(() => import('./pages/outbox-page'), 'OutboxPage');

export const systemRoutes: RouteObject[] = [
  { path: 'admin/outbox', element: <RequireRole roles={['admin']}><OutboxPage /></RequireRole> },
  { path: 'admin/jobs', element: <RequireRole roles={['admin']}><JobsPage /></RequireRole> },
];
