import { OpenAPIHono, z } from '@hono/zod-openapi';
import { acceptInvitationInputSchema, loginInputSchema, meSchema, registerInputSchema, SESSION_COOKIE } from '@essor/shared/auth';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import { actorOf, type AppEnv } from '../../lib/context';
import { requireUser } from '../../lib/authz';
import { defineRoute } from '../../lib/route';
import { acceptInvitation, login, logout, register, type OpenedSession } from './service';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });

const loginRoute = defineRoute('public', {
  method: 'post',
  path: '/login',
  tags: ['auth'],
  summary: 'Sign in with email and password',
  request: { body: { ...json(loginInputSchema), required: true } },
  responses: { 200: { description: 'Signed in; the session cookie is set', ...json(meSchema) } },
});

const registerRoute = defineRoute('public', {
  method: 'post',
  path: '/register',
  tags: ['auth'],
  summary: 'Create a project-holder or investor account',
  request: { body: { ...json(registerInputSchema), required: true } },
  responses: { 201: { description: 'Account created and signed in', ...json(meSchema) } },
});

const acceptRoute = defineRoute('public', {
  method: 'post',
  path: '/accept-invitation',
  tags: ['auth'],
  summary: 'Set a password from an invitation and sign in',
  request: { body: { ...json(acceptInvitationInputSchema), required: true } },
  responses: { 200: { description: 'Signed in', ...json(meSchema) } },
});

const logoutRoute = defineRoute('authenticated', {
  method: 'post',
  path: '/logout',
  tags: ['auth'],
  summary: 'Sign out',
  responses: { 204: { description: 'Signed out' } },
});

const meRoute = defineRoute('authenticated', {
  method: 'get',
  path: '/me',
  tags: ['auth'],
  summary: 'The signed-in user and the CSRF token for mutations',
  responses: { 200: { description: 'Current session', ...json(meSchema) } },
});

export function clientInfo(c: Context<AppEnv>) {
  let ip = 'unknown';
  try {
    ip = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket
  }
  return { ip, userAgent: c.req.header('user-agent') ?? null, requestId: c.get('requestId') };
}

function startSession(c: Context<AppEnv>, opened: OpenedSession) {
  setCookie(c, SESSION_COOKIE, opened.token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: process.env.ESSOR_SECURE_COOKIES === 'true',
    path: '/',
    expires: opened.session.expiresAt,
  });
  return { user: opened.user, csrfToken: opened.session.csrfToken, expiresAt: opened.session.expiresAt.toISOString() };
}

export const authRoutes = new OpenAPIHono<AppEnv>()
  .openapi(loginRoute, async (c) => {
    const opened = await login(c.get('db'), c.req.valid('json'), clientInfo(c));
    return c.json(startSession(c, opened), 200);
  })
  .openapi(registerRoute, async (c) => {
    const opened = await register(c.get('db'), c.req.valid('json'), clientInfo(c));
    return c.json(startSession(c, opened), 201);
  })
  .openapi(acceptRoute, async (c) => {
    const opened = await acceptInvitation(c.get('db'), c.req.valid('json'), clientInfo(c));
    return c.json(startSession(c, opened), 200);
  })
  .openapi(logoutRoute, async (c) => {
    const session = c.get('session');
    if (session) await logout(c.get('db'), session.tokenHash, actorOf(c.var));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  })
  .openapi(meRoute, async (c) => {
    const user = requireUser(c.get('user'));
    const session = c.get('session')!;
    return c.json({ user, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() }, 200);
  });
