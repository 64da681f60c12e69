import type { RouteObject } from 'react-router';
import { auditRoutes } from '../features/audit/routes';
import { fundsRoutes } from '../features/funds/routes';
import { homeRoutes } from '../features/home/routes';
import { usersRoutes } from '../features/users/routes';

/** Signed-in pages, inside the admin layout. A feature adds its routes here (one line each). */
export const APP_ROUTES: RouteObject[] = [...homeRoutes, ...usersRoutes, ...auditRoutes, ...fundsRoutes];
