import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { CalendarPage } from './pages/calendar-page';
import { CoachesPage } from './pages/coaches-page';
import { HolderPage } from './pages/holder-page';
import { MySessionsPage } from './pages/my-sessions-page';
import { PlansPage } from './pages/plans-page';
import { ReportsPage } from './pages/reports-page';
import { SessionPage } from './pages/session-page';

const TEAM = ['admin', 'staff', 'coach'] as const;

export const coachingRoutes: RouteObject[] = [
  { path: 'coaching/calendar', element: <RequireRole roles={TEAM}><CalendarPage /></RequireRole> },
  { path: 'coaching/my-sessions', element: <RequireRole roles={['coach']}><MySessionsPage /></RequireRole> },
  { path: 'coaching/sessions/:id', element: <RequireRole roles={TEAM}><SessionPage /></RequireRole> },
  { path: 'coaching/plans', element: <RequireRole roles={TEAM}><PlansPage /></RequireRole> },
  { path: 'coaching/coaches', element: <RequireRole roles={TEAM}><CoachesPage /></RequireRole> },
  { path: 'coaching/reports', element: <RequireRole roles={['admin', 'staff']}><ReportsPage /></RequireRole> },
  { path: 'my-coaching', element: <RequireRole roles={['project_holder']}><HolderPage /></RequireRole> },
];
