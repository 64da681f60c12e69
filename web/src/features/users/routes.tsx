import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { lazyPage } from '../../lib/lazy-page';

const UsersPage = lazyPage(() => import('./pages/users-page'), 'UsersPage');

export const usersRoutes: RouteObject[] = [{ path: 'admin/users', element: <RequireRole roles={['admin']}><UsersPage /></RequireRole> }];
