import { STAFF_SIDE_ROLES } from '@essor/shared/roles';
import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { OverviewPage } from './pages/overview-page';
import { StructuresPage } from './pages/structures-page';

export const structuresRoutes: RouteObject[] = [
  { path: 'structures', element: <RequireRole roles={['admin']}><StructuresPage /></RequireRole> },
  { path: 'structures/overview', element: <RequireRole roles={STAFF_SIDE_ROLES}><OverviewPage /></RequireRole> },
];
