import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import { SESSION_COOKIE } from '@essor/shared/auth';
import type { ErrorBody } from '@essor/shared/errors';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { ZodError } from 'zod';
import type { Database } from './db/client';
import type { AppEnv } from './lib/context';
import { AppError } from './lib/errors';
import { applicationsRoutes } from './modules/applications/routes';
import { auditRoutes } from './modules/audit/routes';
import { authRoutes } from './modules/auth/routes';
import { cohortsRoutes } from './modules/cohorts/routes';
import { committeeRoutes } from './modules/committee/routes';
import { coachingRoutes } from './modules/coaching/routes';
import { docsRoutes } from './modules/docs/routes';
import { followupRoutes } from './modules/followup/routes';
import { fundsRoutes } from './modules/funds/routes';
import { loadSession } from './modules/auth/service';
import { healthRoutes } from './modules/health/routes';
import { programmesRoutes } from './modules/programmes/routes';
import { projectsRoutes } from './modules/projects/routes';
import { usersRoutes } from './modules/users/routes';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface AppOptions {
  database: Pick<Database, 'db' | 'kind'>;
  /** The built admin (vite build output); omitted in API tests. */
  webDist?: string;
  logErrors?: boolean;
}

function fieldsOf(error: ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

function errorJson(c: Context<AppEnv>, status: number, body: ErrorBody['error'], headers?: Record<string, string>) {
  for (const [name, value] of Object.entries(headers ?? {})) c.header(name, value);
  return c.json({ error: { ...body, requestId: c.get('requestId') } } satisfies ErrorBody, status as 400);
}

export function createApp(options: AppOptions) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        return errorJson(c as Context<AppEnv>, 400, {
          code: 'invalid',
          message: 'Some fields are missing or invalid',
          fields: fieldsOf(result.error as ZodError),
        });
      }
    },
  });

  app.use('*', requestId({ headerName: 'X-Request-Id' }));
  app.use('*', secureHeaders({ contentSecurityPolicy: undefined, crossOriginEmbedderPolicy: false }));
  app.use('/api/*', async (c, next) => {
    c.set('db', options.database.db);
    c.set('databaseKind', options.database.kind);
    c.set('user', null);
    c.set('session', null);
    c.set('sessionExpired', false);
    c.header('Cache-Control', 'no-store');
    const token = getCookie(c, SESSION_COOKIE);
    if (token && token.length < 200) {
      const loaded = await loadSession(options.database.db, token);
      if (loaded === 'expired') c.set('sessionExpired', true);
      else if (loaded) {
        c.set('user', loaded.user);
        c.set('session', loaded.session);
      }
    }
    await next();
  });
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => errorJson(c as Context<AppEnv>, 413, { code: 'payload_too_large', message: 'The request body is over 1 MB' }),
    }),
  );

  app.route('/api/health', healthRoutes);
  app.route('/api/auth', authRoutes);
  app.route('/api/users', usersRoutes);
  app.route('/api/audit', auditRoutes);
  app.route('/api/programmes', programmesRoutes);
  app.route('/api', projectsRoutes);
  app.route('/api/applications', applicationsRoutes);
  app.route('/api/committee', committeeRoutes);
  app.route('/api/cohorts', cohortsRoutes);
  app.route('/api/coaching', coachingRoutes);
  app.route('/api/followup', followupRoutes);
  app.route('/api/funds', fundsRoutes);

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Essor API',
      version: '0.1.0',
      description:
        'Support pipeline and solidarity finance for social and solidarity economy programmes. Mutations from a signed-in session carry the X-CSRF-Token header given by GET /api/auth/me. `x-essor-access` lists who may call each operation.',
    },
  });
  app.route('/api/docs', docsRoutes);

  app.all('/api/*', (c) => errorJson(c, 404, { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}` }));

  if (options.webDist && existsSync(options.webDist)) {
    const root = path.relative(process.cwd(), options.webDist) || '.';
    const indexHtml = readFileSync(path.join(options.webDist, 'index.html'), 'utf8');
    app.use('/assets/*', async (c, next) => {
      await next();
      if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
    });
    app.use('*', serveStatic({ root }));
    // Client-side routes: any other GET gets the admin's shell.
    app.get('*', (c) => c.html(indexHtml));
  }

  app.notFound((c) => errorJson(c as Context<AppEnv>, 404, { code: 'not_found', message: 'Not found' }));

  app.onError((err, c) => {
    const ctx = c as Context<AppEnv>;
    if (err instanceof AppError) {
      return errorJson(ctx, err.status, { code: err.code, message: err.message, fields: err.fields }, err.headers);
    }
    if (err instanceof HTTPException) {
      if (err.status === 400 && /json/i.test(err.message)) {
        return errorJson(ctx, 400, { code: 'malformed_json', message: 'The request body is not valid JSON' });
      }
      if (err.status === 415) return errorJson(ctx, 415, { code: 'unsupported_media_type', message: 'Send the body as application/json' });
      if (err.status === 413) return errorJson(ctx, 413, { code: 'payload_too_large', message: 'The request body is over 1 MB' });
      if (err.status < 500) return errorJson(ctx, err.status, { code: 'invalid', message: err.message || 'Bad request' });
    }
    if (options.logErrors !== false) console.error(`[${ctx.get('requestId')}]`, err);
    return errorJson(ctx, 500, { code: 'internal', message: 'Something went wrong on our side; the request id helps us find it' });
  });

  return app;
}

export type EssorApp = ReturnType<typeof createApp>;
