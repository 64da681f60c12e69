import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { lazyPage } from '../../lib/lazy-page';

const OfferingPage = lazyPage(() => import('./pages/offering-page'), 'OfferingPage');
const OfferingsPage = lazyPage(() => import('./pages/offerings-page'), 'OfferingsPage');
const StatementImportPage = lazyPage(() => import('./pages/statement-import-page'), 'StatementImportPage');

/** Who runs community bond offerings in the admin; the API enforces the same on each route. */
const BOND_ADMIN = ['admin', 'staff', 'fund_manager'] as const;

export const bondsRoutes: RouteObject[] = [
  { path: 'bonds/offerings', element: <RequireRole roles={BOND_ADMIN}><OfferingsPage /></RequireRole> },
  { path: 'bonds/offerings/:id', element: <RequireRole roles={BOND_ADMIN}><OfferingPage /></RequireRole> },
  { path: 'bonds/statements', element: <RequireRole roles={BOND_ADMIN}><StatementImportPage /></RequireRole> },
];
