import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { lazyPage } from '../../lib/lazy-page';

const AuditPage = lazyPage(() => import('./pages/audit-page'), 'AuditPage');

export const auditRoutes: RouteObject[] = [{ path: 'admin/audit', element: <RequireRole roles={['admin']}><AuditPage /></RequireRole> }];
