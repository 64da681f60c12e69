import { existsSync } from 'node:fs';
import { OpenAPIHono } from '@hono/zod-openapi';
import { SESSION_COOKIE, STRUCTURE_COOKIE, STRUCTURE_HEADER } from '@essor/shared/auth';
import type { ErrorBody } from '@essor/shared/errors';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { ZodError } from 'zod';
import type { Database } from './db/client';
import type { AppEnv, JobsHandle, MailConfig } from './lib/context';
import { AppError } from './lib/errors';
import { msg, render, replyLocale, type Locale, type Text } from './lib/messages/render';
import { localizedFields } from './lib/messages/validation';
import { serveWebBuild } from './lib/static-assets';
import { applicationsRoutes } from './modules/applications/routes';
import { auditRoutes } from './modules/audit/routes';
import { bondsRoutes } from './modules/bonds/routes';
import { guaranteesRoutes } from './modules/guarantees/routes';
import { impactRoutes } from './modules/impact/routes';
import { territoryRoutes } from './modules/territory/routes';
import { dashboardsRoutes } from './modules/dashboards/routes';
import { openDataRoutes } from './modules/opendata/routes';
import { authRoutes } from './modules/auth/routes';
import { cohortsRoutes } from './modules/cohorts/routes';
import { committeeRoutes } from './modules/committee/routes';
import { coachingRoutes } from './modules/coaching/routes';
import { docsRoutes } from './modules/docs/routes';
import { followupRoutes } from './modules/followup/routes';
import { approvalsRoutes } from './modules/approvals/routes';
import { cofinancingRoutes } from './modules/cofinancing/routes';
import { equipmentRoutes } from './modules/equipment/routes';
import { fundsRoutes } from './modules/funds/routes';
import { ledgerRoutes } from './modules/ledger/routes';
import { loansRoutes } from './modules/loans/routes';
import { loadSession } from './modules/auth/service';
import { healthRoutes } from './modules/health/routes';
import { jobsRoutes } from './modules/jobs/routes';
import { DEFAULT_PUBLIC_URL, wakeOutboxAfterwards } from './modules/mail/public';
import { mailRoutes } from './modules/mail/routes';
import { notificationsRoutes } from './modules/notifications/routes';
import { homeRoutes } from './modules/home/routes';
import { programmesRoutes } from './modules/programmes/routes';
import { projectsRoutes } from './modules/projects/routes';
import { structuresRoutes } from './modules/structures/routes';
import { usersRoutes } from './modules/users/routes';

export const MAX_BODY_BYTES = 1024 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AppOptions {
  database: Pick<Database, 'db' | 'kind'>;
  /** The built admin (vite build output); omitted in API tests. */
  webDist?: string;
  logErrors?: boolean;
  /** Mark the session cookie Secure (ESSOR_SECURE_COOKIES, parsed by readEnv). */
  secureCookies?: boolean;
  /** Links in e-mails (ESSOR_PUBLIC_URL) and whether SMTP_URL is set. */
  mail?: Partial<MailConfig>;
  /** The job runner started by the server (or by a test). */
  jobs?: JobsHandle | null;
}

/** The caller's language: their profile's, else the request's Accept-Language, else French. */
function localeOf(c: Context<AppEnv>): Locale {
  return replyLocale(c.get('user')?.locale, c.req.header('accept-language'));
}

/** A default message (by error code) or a catalogue message, rendered in the caller's language. */
function say(c: Context<AppEnv>, text: Text): string {
  return render(text, localeOf(c));
}

function errorJson(c: Context<AppEnv>, status: number, body: ErrorBody['error'], headers?: Record<string, string>) {
  for (const [name, value] of Object.entries(headers ?? {})) c.header(name, value);
  return c.json({ error: { ...body, requestId: c.get('requestId') } } satisfies ErrorBody, status as 400);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text PostgreSQL can store: no NUL character, no unpaired UTF-16 surrogate. */
function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

/** The path of the first string (key or value) in a parsed JSON body that cannot be stored, or null. */
function unstorableIn(value: unknown, path: string): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableIn(value[i], path ? `${path}.${i}` : String(i));
      if (found !== null) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (!isStorableText(key)) return path || '_';
      const found = unstorableIn(item, at);
      if (found !== null) return found;
    }
  }
  return null;
}

function unstorable(c: Context<AppEnv>, field: string): ErrorBody['error'] {
  return { code: 'invalid', message: say(c, 'error.unstorable_text'), fields: { [field]: [say(c, 'field.unstorable_character')] } };
}

/**
 * What the server log says of an unexpected error: drizzle's "Failed query" errors carry the query's
 * parameters (password hashes, tokens, personal data), so only the SQL text, the driver's message and
 * the stack are written.
 */
export function describeErrorForLog(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const stack = (err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).join('\n');
  const query = (err as { query?: unknown }).query;
  if (typeof query === 'string') {
    const cause = err.cause as { message?: string; code?: string } | undefined;
    return `${err.name}: Failed query: ${query}\ncause: ${cause?.code ?? ''} ${cause?.message ?? ''}\n${stack}`;
  }
  return `${err.name}: ${err.message}\n${stack}`;
}

export function createApp(options: AppOptions) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const ctx = c as Context<AppEnv>;
        return errorJson(ctx, 400, {
          code: 'invalid',
          message: say(ctx, 'code.invalid'),
          fields: localizedFields(result.error as ZodError, (result as { data?: unknown }).data, localeOf(ctx)),
        });
      }
    },
  });

  const mail: MailConfig = { publicUrl: (options.mail?.publicUrl ?? DEFAULT_PUBLIC_URL).replace(/\/+$/, ''), smtpConfigured: options.mail?.smtpConfigured ?? false };

  // The id is always the server's own (a client's X-Request-Id would let two audit rows share one); it is sent back.
  app.use('*', requestId({ headerName: '' }));
  app.use('*', async (c, next) => {
    c.header('X-Request-Id', c.get('requestId'));
    await next();
  });
  app.use('*', secureHeaders({ contentSecurityPolicy: undefined, crossOriginEmbedderPolicy: false }));
  app.use('/api/*', async (c, next) => {
    c.set('db', options.database.db);
    c.set('databaseKind', options.database.kind);
    c.set('user', null);
    c.set('session', null);
    c.set('sessionExpired', false);
    c.set('secureCookies', options.secureCookies ?? false);
    c.set('mail', mail);
    c.set('jobs', options.jobs ?? null);
    c.header('Cache-Control', 'no-store');
    const token = getCookie(c, SESSION_COOKIE);
    if (token && token.length < 200) {
      // The switcher's choice travels as a header (API clients) or a cookie (the admin, so downloads follow it
      // too); an empty header asks for all of mine whatever the cookie says (the switcher's own list).
      const focus = c.req.header(STRUCTURE_HEADER) ?? getCookie(c, STRUCTURE_COOKIE);
      const loaded = await loadSession(options.database.db, token, focus && UUID.test(focus) ? focus.toLowerCase() : null);
      if (loaded === 'expired') c.set('sessionExpired', true);
      else if (loaded) {
        c.set('user', loaded.user);
        c.set('session', loaded.session);
      }
    }
    await next();
  });
  app.use('/api/*', wakeOutboxAfterwards);
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => errorJson(c as Context<AppEnv>, 413, { code: 'payload_too_large', message: say(c as Context<AppEnv>, 'code.payload_too_large') }),
  });
  // Only where a body is read: looking at a GET's body makes the node adapter build a full Request for nothing
  // (a tenth of a list's time in the profile).
  app.use('/api/*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));

  // NUL characters and unpaired surrogates cannot be stored in PostgreSQL text: refuse them here, once.
  app.use('/api/*', async (c, next) => {
    const ctx = c as Context<AppEnv>;
    const badQuery = Object.entries(c.req.queries()).find(([name, values]) => !isStorableText(name) || values.some((v) => !isStorableText(v)));
    if (badQuery) return errorJson(ctx, 400, unstorable(ctx, badQuery[0]));
    if (!isStorableText(c.req.path)) return errorJson(ctx, 400, unstorable(ctx, 'path'));
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && /json/i.test(c.req.header('content-type') ?? '')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(await c.req.text());
      } catch {
        parsed = undefined; // the route's validator answers malformed JSON
      }
      const where = unstorableIn(parsed, '');
      if (where !== null) return errorJson(ctx, 400, unstorable(ctx, where || '_'));
    }
    await next();
  });

  app.route('/api/health', healthRoutes);
  app.route('/api/auth', authRoutes);
  app.route('/api/home', homeRoutes);
  app.route('/api/structures', structuresRoutes);
  app.route('/api/users', usersRoutes);
  app.route('/api/audit', auditRoutes);
  app.route('/api/mail', mailRoutes);
  app.route('/api/jobs', jobsRoutes);
  app.route('/api/notifications', notificationsRoutes);
  app.route('/api/programmes', programmesRoutes);
  app.route('/api', projectsRoutes);
  app.route('/api/applications', applicationsRoutes);
  app.route('/api/committee', committeeRoutes);
  app.route('/api/cohorts', cohortsRoutes);
  app.route('/api/coaching', coachingRoutes);
  app.route('/api/followup', followupRoutes);
  // The money documents first, so their fixed paths win over a fund's `/{id}`.
  app.route('/api/bonds', bondsRoutes);
  app.route('/api/guarantees', guaranteesRoutes);
  app.route('/api/impact', impactRoutes);
  app.route('/api/territory', territoryRoutes);
  app.route('/api/dashboards', dashboardsRoutes);
  app.route('/api/open-data', openDataRoutes);
  app.route('/api/funds/ledger', ledgerRoutes);
  app.route('/api/funds/cofinancing', cofinancingRoutes);
  app.route('/api/funds/loans', loansRoutes);
  app.route('/api/funds/equipment', equipmentRoutes);
  app.route('/api/funds', approvalsRoutes);
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

  app.all('/api/*', (c) => errorJson(c, 404, { code: 'not_found', message: say(c, msg('error.no_route', { method: c.req.method, path: c.req.path })) }));

  if (options.webDist && existsSync(options.webDist)) serveWebBuild(app, options.webDist);

  app.notFound((c) => errorJson(c as Context<AppEnv>, 404, { code: 'not_found', message: say(c as Context<AppEnv>, 'code.not_found') }));

  app.onError((err, c) => {
    const ctx = c as Context<AppEnv>;
    if (err instanceof AppError) {
      return errorJson(ctx, err.status, { code: err.code, ...err.localized(localeOf(ctx)) }, err.headers);
    }
    if (err instanceof HTTPException) {
      if (err.status === 400 && /json/i.test(err.message)) {
        return errorJson(ctx, 400, { code: 'malformed_json', message: say(ctx, 'code.malformed_json') });
      }
      if (err.status === 415) return errorJson(ctx, 415, { code: 'unsupported_media_type', message: say(ctx, 'code.unsupported_media_type') });
      if (err.status === 413) return errorJson(ctx, 413, { code: 'payload_too_large', message: say(ctx, 'code.payload_too_large') });
      if (err.status < 500) return errorJson(ctx, err.status, { code: 'invalid', message: say(ctx, 'error.bad_request') });
    }
    if (options.logErrors !== false) console.error(`[${ctx.get('requestId')}] ${describeErrorForLog(err)}`);
    return errorJson(ctx, 500, { code: 'internal', message: say(ctx, 'code.internal') });
  });

  return app;
}

export type EssorApp = ReturnType<typeof createApp>;
