import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { AuditPage } from './pages/audit-page';

export const auditRoutes: RouteObject[] = [{ path: 'admin/audit', element: <RequireRole roles={['admin']}><AuditPage /></RequireRole> }];
