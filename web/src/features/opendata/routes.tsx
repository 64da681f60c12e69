import type { RouteObject } from 'react-router';
import { lazyPage } from '../../lib/lazy-page';

const OpenDataPage = lazyPage(() => import('./pages/open-data-page'), 'OpenDataPage');
const OpenTerritoryPage = lazyPage(() => import('./pages/open-territory-page'), 'OpenTerritoryPage');

/** The open data pages: anyone may open them, without signing in; light on a phone. */
export const openDataPublicRoutes: RouteObject[] = [
  { path: '/open-data', element: <OpenDataPage /> },
  { path: '/open-data/:territoryId', element: <OpenTerritoryPage /> },
];
