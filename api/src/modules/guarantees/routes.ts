import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../lib/context';
import { callRoutes } from './call-routes';
import { configRoutes } from './config-routes';
import { dashboardRoutes } from './dashboard-routes';
import { registerRoutes } from './register-routes';
import { reportRoutes } from './report-routes';

/** The guarantee fund's API under /api/guarantees: each part declares its routes in its own file. */
export const guaranteesRoutes = new OpenAPIHono<AppEnv>()
  // The dashboard first: its static paths (/dashboard...) must win over any /{id}.
  .route('/', dashboardRoutes)
  .route('/', configRoutes)
  .route('/', reportRoutes)
  .route('/', callRoutes)
  // The register last: its GET /{id} would otherwise catch one-segment static paths mounted after it.
  .route('/', registerRoutes);
