import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { lazyPage } from '../../lib/lazy-page';

const ScoringPage = lazyPage(() => import('./pages/scoring-page'), 'ScoringPage');
const SessionPage = lazyPage(() => import('./pages/session-page'), 'SessionPage');
const SessionsPage = lazyPage(() => import('./pages/sessions-page'), 'SessionsPage');

const SEATED = ['admin', 'staff', 'committee_member'] as const;

export const committeeRoutes: RouteObject[] = [
  { path: 'committee', element: <RequireRole roles={SEATED}><SessionsPage /></RequireRole> },
  { path: 'committee/:id', element: <RequireRole roles={SEATED}><SessionPage /></RequireRole> },
  { path: 'committee/:id/applications/:applicationId', element: <RequireRole roles={SEATED}><ScoringPage /></RequireRole> },
];
