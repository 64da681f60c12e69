import { STAFF_SIDE_ROLES } from '@essor/shared/roles';
import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { lazyPage } from '../../lib/lazy-page';

const OverviewPage = lazyPage(() => import('./pages/overview-page'), 'OverviewPage');
const StructuresPage = lazyPage(() => import('./pages/structures-page'), 'StructuresPage');

export const structuresRoutes: RouteObject[] = [
  { path: 'structures', element: <RequireRole roles={['admin']}><StructuresPage /></RequireRole> },
  { path: 'structures/overview', element: <RequireRole roles={STAFF_SIDE_ROLES}><OverviewPage /></RequireRole> },
];
