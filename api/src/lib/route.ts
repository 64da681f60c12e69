import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import { errorBodySchema } from '@essor/shared/errors';
import { accessLabel, authorize, type Access } from './authz';

const errorContent = { 'application/json': { schema: errorBodySchema } };

function errorResponses(access: Access, hasInput: boolean) {
  return {
    ...(hasInput ? { 400: { description: 'Invalid input', content: errorContent } } : {}),
    ...(access !== 'public'
      ? {
          401: { description: 'Not signed in, or session expired', content: errorContent },
          403: { description: 'Role not allowed, or CSRF token missing', content: errorContent },
        }
      : {}),
  };
}

/**
 * Every route is declared through here: its access rule is enforced by middleware before any
 * validation, and published in the OpenAPI document as `x-essor-access` (the role matrix test reads it).
 */
export function defineRoute<const R extends RouteConfig>(access: Access, config: R) {
  const hasInput = Boolean(config.request);
  return createRoute({
    ...config,
    middleware: [authorize(access), ...(config.middleware ? (Array.isArray(config.middleware) ? config.middleware : [config.middleware]) : [])],
    responses: { ...errorResponses(access, hasInput), ...config.responses },
    ...(access === 'public' ? {} : { security: [{ session: [] }] }),
    'x-essor-access': accessLabel(access),
  } as R & { 'x-essor-access': string[] });
}
