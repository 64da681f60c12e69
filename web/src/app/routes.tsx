import type { RouteObject } from 'react-router';
import { applicationsRoutes } from '../features/applications/routes';
import { auditRoutes } from '../features/audit/routes';
import { bondsRoutes } from '../features/bonds/routes';
import { cohortsRoutes } from '../features/cohorts/routes';
import { committeeRoutes } from '../features/committee/routes';
import { coachingRoutes } from '../features/coaching/routes';
import { followupRoutes } from '../features/followup/routes';
import { fundsRoutes } from '../features/funds/routes';
import { guaranteesRoutes } from '../features/guarantees/routes';
import { impactRoutes } from '../features/impact/routes';
import { territoryRoutes } from '../features/territory/routes';
import { dashboardsRoutes } from '../features/dashboards/routes';
import { homeRoutes } from '../features/home/routes';
import { notificationsRoutes } from '../features/notifications/routes';
import { programmesRoutes } from '../features/programmes/routes';
import { projectsRoutes } from '../features/projects/routes';
import { structuresRoutes } from '../features/structures/routes';
import { systemRoutes } from '../features/system/routes';
import { usersRoutes } from '../features/users/routes';

/**
 * Signed-in pages, inside the admin layout. A feature adds its routes here (one line each); its pages are
 * `lazyPage`s, fetched when opened, so these tables stay small and a public page downloads none of them.
 */
export const APP_ROUTES: RouteObject[] = [
  ...homeRoutes,
  ...usersRoutes,
  ...structuresRoutes,
  ...auditRoutes,
  ...systemRoutes,
  ...applicationsRoutes,
  ...committeeRoutes,
  ...cohortsRoutes,
  ...programmesRoutes,
  ...projectsRoutes,
  ...coachingRoutes,
  ...followupRoutes,
  ...fundsRoutes,
  ...bondsRoutes,
  ...guaranteesRoutes,
  ...impactRoutes,
  ...territoryRoutes,
  ...dashboardsRoutes,
  ...notificationsRoutes,
];
