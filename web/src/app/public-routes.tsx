import type { RouteObject } from 'react-router';
import { Outlet } from 'react-router';
import { investorRoutes } from '../features/invest/routes';
import { PUBLIC_SHELL_ROUTES } from './public-shell-routes';
import { RequireAuth } from './require-auth';

/**
 * Pages anyone may open without signing in (open calls, bond offers, open data), also reachable inside the admin.
 * A first visit to one of them loads the lighter public document instead (public-shell.tsx).
 */
export const PUBLIC_ROUTES: RouteObject[] = [
  ...PUBLIC_SHELL_ROUTES,
  // The investor's space keeps the offerings' light frame, not the admin's: signed in, as an investor.
  { element: <RequireAuth roles={['investor']}><Outlet /></RequireAuth>, children: investorRoutes },
];
