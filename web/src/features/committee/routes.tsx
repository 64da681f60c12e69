import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { ScoringPage } from './pages/scoring-page';
import { SessionPage } from './pages/session-page';
import { SessionsPage } from './pages/sessions-page';

const SEATED = ['admin', 'staff', 'committee_member'] as const;

export const committeeRoutes: RouteObject[] = [
  { path: 'committee', element: <RequireRole roles={SEATED}><SessionsPage /></RequireRole> },
  { path: 'committee/:id', element: <RequireRole roles={SEATED}><SessionPage /></RequireRole> },
  { path: 'committee/:id/applications/:applicationId', element: <RequireRole roles={SEATED}><ScoringPage /></RequireRole> },
];
