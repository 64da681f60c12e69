import type { RouteObject } from 'react-router';
import { Outlet } from 'react-router';
import { applicationsPublicRoutes } from '../features/applications/routes';
import { investorRoutes, investPublicRoutes } from '../features/invest/routes';
import { openDataPublicRoutes } from '../features/opendata/routes';
import { RequireAuth } from './require-auth';

/** Pages anyone may open without signing in (public application form, bond offers). One line per feature. */
export const PUBLIC_ROUTES: RouteObject[] = [
  ...applicationsPublicRoutes,
  ...investPublicRoutes,
  ...openDataPublicRoutes,
  // The investor's space keeps the offerings' light frame, not the admin's: signed in, as an investor.
  { element: <RequireAuth roles={['investor']}><Outlet /></RequireAuth>, children: investorRoutes },
];
