import type { RouteObject } from 'react-router';
import { applicationsRoutes } from '../features/applications/routes';
import { auditRoutes } from '../features/audit/routes';
import { cohortsRoutes } from '../features/cohorts/routes';
import { committeeRoutes } from '../features/committee/routes';
import { coachingRoutes } from '../features/coaching/routes';
import { followupRoutes } from '../features/followup/routes';
import { fundsRoutes } from '../features/funds/routes';
import { homeRoutes } from '../features/home/routes';
import { programmesRoutes } from '../features/programmes/routes';
import { projectsRoutes } from '../features/projects/routes';
import { usersRoutes } from '../features/users/routes';

/** Signed-in pages, inside the admin layout. A feature adds its routes here (one line each). */
export const APP_ROUTES: RouteObject[] = [
  ...homeRoutes,
  ...usersRoutes,
  ...auditRoutes,
  ...applicationsRoutes,
  ...committeeRoutes,
  ...cohortsRoutes,
  ...programmesRoutes,
  ...projectsRoutes,
  ...coachingRoutes,
  ...followupRoutes,
  ...fundsRoutes,
];
