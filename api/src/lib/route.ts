import { createRoute, z, type RouteConfig } from '@hono/zod-openapi';
import { errorBodySchema } from '@essor/shared/errors';
import { accessLabel, authorize, type Access } from './authz';
import { idempotencyHeaderSchema, idempotent } from './idempotency';
import { scopeGuard, type RouteScope } from './scope-guard';

const errorContent = { 'application/json': { schema: errorBodySchema } };

/** A JSON body or response of this schema. */
export const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });

/** A route's required JSON request body, spread into its `request`. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { ...json(schema), required: true } });

/** A list exported as a CSV file (lib/csv.ts neutralises its cells). */
export const csvFile = { 200: { description: 'CSV file', content: { 'text/csv': { schema: z.string() } } } };

/** The `{id}` path parameter most routes take. */
export const idParams = z.object({ id: z.uuid() });

export interface RouteOptions {
  /** A money-moving POST: the Idempotency-Key header is required and a retry replays the first answer (lib/idempotency.ts). */
  idempotent?: boolean;
}

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
 * `scope` names the fields that point at a structure's row; the guard keeps callers inside the structures
 * their roles reach, and the document publishes it as `x-essor-scope` (the structure isolation test reads it).
 * `idempotent: true` runs the handler once per Idempotency-Key (its `db` is then the key's transaction).
 */
export function defineRoute<const R extends RouteConfig>(access: Access, config: R & RouteOptions, scope?: RouteScope) {
  const { idempotent: once, ...route } = config;
  const hasInput = Boolean(route.request);
  const request = once ? { ...route.request, headers: idempotencyHeaderSchema } : route.request;
  return createRoute({
    ...route,
    ...(request ? { request } : {}),
    middleware: [
      authorize(access),
      ...(scope ? [scopeGuard(access, scope)] : []),
      ...(once ? [idempotent] : []),
      ...(route.middleware ? (Array.isArray(route.middleware) ? route.middleware : [route.middleware]) : []),
    ],
    responses: { ...errorResponses(access, hasInput), ...route.responses },
    ...(access === 'public' ? {} : { security: [{ session: [] }] }),
    'x-essor-access': accessLabel(access),
    ...(scope ? { 'x-essor-scope': scope } : {}),
  } as unknown as R & { 'x-essor-access': string[] });
}
