import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { JobsPage } from './pages/jobs-page';
import { OutboxPage } from './pages/outbox-page';

export const systemRoutes: RouteObject[] = [
  { path: 'admin/outbox', element: <RequireRole roles={['admin']}><OutboxPage /></RequireRole> },
  { path: 'admin/jobs', element: <RequireRole roles={['admin']}><JobsPage /></RequireRole> },
];
