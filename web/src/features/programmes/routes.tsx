import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { NewProgrammePage, ProgrammeSettingsPage } from './pages/programme-settings-page';
import { ProgrammesPage } from './pages/programmes-page';

const READERS = ['admin', 'staff', 'coach', 'fund_manager', 'committee_member'] as const;

export const programmesRoutes: RouteObject[] = [
  { path: 'programmes', element: <RequireRole roles={READERS}><ProgrammesPage /></RequireRole> },
  { path: 'programmes/new', element: <RequireRole roles={['admin', 'staff']}><NewProgrammePage /></RequireRole> },
  { path: 'programmes/:id', element: <RequireRole roles={READERS}><ProgrammeSettingsPage /></RequireRole> },
];
