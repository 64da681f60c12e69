import { Outlet, type RouteObject } from 'react-router';
import { applicantRoutes, applicationsPublicRoutes } from '../features/applications/routes';
import { investPublicRoutes } from '../features/invest/routes';
import { openDataPublicRoutes } from '../features/opendata/routes';
import { RequireAuth } from './require-auth';

/**
 * The visitor's pages with a document of their own (web/public.html), one line per feature. Their paths are the
 * server's list, `PUBLIC_SHELL_PATHS` in shared/src/public-shell.ts (a test keeps the two equal).
 */
export const PUBLIC_SHELL_ROUTES: RouteObject[] = [
  ...applicationsPublicRoutes,
  ...investPublicRoutes,
  ...openDataPublicRoutes,
  // Applying needs a project holder's account; signing in leaves this document for the admin's, and comes back.
  { element: <RequireAuth roles={['project_holder']}><Outlet /></RequireAuth>, children: applicantRoutes },
];
