import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { UsersPage } from './pages/users-page';

export const usersRoutes: RouteObject[] = [{ path: 'admin/users', element: <RequireRole roles={['admin']}><UsersPage /></RequireRole> }];
