import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { lazyPage } from '../../lib/lazy-page';

const CalendarPage = lazyPage(() => import('./pages/calendar-page'), 'CalendarPage');
const CoachesPage = lazyPage(() => import('./pages/coaches-page'), 'CoachesPage');
const HolderPage = lazyPage(() => import('./pages/holder-page'), 'HolderPage');
const MySessionsPage = lazyPage(() => import('./pages/my-sessions-page'), 'MySessionsPage');
const PlansPage = lazyPage(() => import('./pages/plans-page'), 'PlansPage');
const ReportsPage = lazyPage(() => import('./pages/reports-page'), 'ReportsPage');
const SessionPage = lazyPage(() => import('./pages/session-page'), 'SessionPage');

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
