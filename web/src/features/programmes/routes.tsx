import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { lazyPage } from '../../lib/lazy-page';

const NewProgrammePage = lazyPage(() => import('./pages/programme-settings-page'), 'NewProgrammePage');
const ProgrammeSettingsPage = lazyPage(() => import('./pages/programme-settings-page'), 'ProgrammeSettingsPage');
const ProgrammesPage = lazyPage(() => import('./pages/programmes-page'), 'ProgrammesPage');

const READERS = ['admin', 'staff', 'coach', 'fund_manager', 'committee_member'] as const;

export const programmesRoutes: RouteObject[] = [
  { path: 'programmes', element: <RequireRole roles={READERS}><ProgrammesPage /></RequireRole> },
  { path: 'programmes/new', element: <RequireRole roles={['admin', 'staff']}><NewProgrammePage /></RequireRole> },
  { path: 'programmes/:id', element: <RequireRole roles={READERS}><ProgrammeSettingsPage /></RequireRole> },
];
