import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { lazyPage } from '../../lib/lazy-page';

const InventoryPage = lazyPage(() => import('./pages/inventory-page'), 'InventoryPage');
const EntryPage = lazyPage(() => import('./pages/entry-page'), 'EntryPage');
const ImportPage = lazyPage(() => import('./pages/import-page'), 'ImportPage');
const DistrictsPage = lazyPage(() => import('./pages/districts-page'), 'DistrictsPage');

/** Who reads the inventory and the districts, and who changes them; the API enforces the same. */
export const TERRITORY_READERS = ['admin', 'staff', 'fund_manager', 'coach', 'elected_official'] as const;
export const TERRITORY_WRITERS = ['admin', 'staff'] as const;

export const territoryRoutes: RouteObject[] = [
  { path: 'territory/inventory', element: <RequireRole roles={TERRITORY_READERS}><InventoryPage /></RequireRole> },
  { path: 'territory/inventory/:id', element: <RequireRole roles={TERRITORY_READERS}><EntryPage /></RequireRole> },
  { path: 'territory/import', element: <RequireRole roles={TERRITORY_WRITERS}><ImportPage /></RequireRole> },
  { path: 'territory/districts', element: <RequireRole roles={TERRITORY_READERS}><DistrictsPage /></RequireRole> },
];
