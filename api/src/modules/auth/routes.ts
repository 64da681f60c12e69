import { OpenAPIHono, z } from '@hono/zod-openapi';
import { acceptInvitationInputSchema, changePasswordInputSchema, forgotPasswordInputSchema, loginInputSchema, resetPasswordInputSchema, meSchema, registerAcceptedSchema, registerInputSchema, SESSION_COOKIE } from '@essor/shared/auth';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import { actorOf, type AppEnv } from '../../lib/context';
import { requireUser } from '../../lib/authz';
import { defineRoute, json } from '../../lib/route';
import { mailLinksOf } from '../mail/public';
import {
  acceptInvitation,
  changePassword,
  login,
  logout,
  register,
  REGISTER_ACCEPTED,
  requestPasswordReset,
  RESET_REQUESTED,
  resetPassword,
  toSessionUser,
  type OpenedSession,
} from './service';


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
  summary: 'Create a project-holder or investor account (the answer is the same for a known e-mail), then sign in',
  request: { body: { ...json(registerInputSchema), required: true } },
  responses: { 202: { description: 'Accepted; nothing says whether the e-mail was new', ...json(registerAcceptedSchema) } },
});

const changePasswordRoute = defineRoute('authenticated', {
  method: 'post',
  path: '/password',
  tags: ['auth'],
  summary: 'Change my password (the current one is asked); my other sessions end',
  request: { body: { ...json(changePasswordInputSchema), required: true } },
  responses: { 204: { description: 'Changed' } },
});

const acceptRoute = defineRoute('public', {
  method: 'post',
  path: '/accept-invitation',
  tags: ['auth'],
  summary: 'Set a password from an invitation and sign in',
  request: { body: { ...json(acceptInvitationInputSchema), required: true } },
  responses: { 200: { description: 'Signed in', ...json(meSchema) } },
});

const forgotPasswordRoute = defineRoute('public', {
  method: 'post',
  path: '/forgot-password',
  tags: ['auth'],
  summary: 'E-mail a single-use link to choose a new password (the answer is the same for an unknown e-mail)',
  request: { body: { ...json(forgotPasswordInputSchema), required: true } },
  responses: {
    202: { description: 'Accepted; nothing says whether the e-mail has an account', ...json(registerAcceptedSchema) },
    429: { description: 'Too many requests from this address' },
  },
});

const resetPasswordRoute = defineRoute('public', {
  method: 'post',
  path: '/reset-password',
  tags: ['auth'],
  summary: "Choose a new password with a reset link's token; the link stops working and every session ends",
  request: { body: { ...json(resetPasswordInputSchema), required: true } },
  responses: { 204: { description: 'Password changed; sign in with it' } },
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

// The public pages ask who is there without a 401 when nobody is (browsers log every 401 in the console).
const sessionRoute = defineRoute('public', {
  method: 'get',
  path: '/session',
  tags: ['auth'],
  summary: 'The signed-in user and CSRF token, or null when signed out (never 401)',
  responses: { 200: { description: 'Current session or null', ...json(z.object({ session: meSchema.nullable() }).meta({ id: 'SessionOrNull' })) } },
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
    secure: c.get('secureCookies'),
    path: '/',
    expires: opened.session.expiresAt,
  });
  return { user: opened.user, csrfToken: opened.session.csrfToken, expiresAt: opened.session.expiresAt.toISOString() };
}

export const authRoutes = new OpenAPIHono<AppEnv>()
  .openapi(loginRoute, async (c) => {
    const opened = await login(c.get('db'), c.req.valid('json'), clientInfo(c), mailLinksOf(c));
    return c.json(startSession(c, opened), 200);
  })
  .openapi(registerRoute, async (c) => {
    await register(c.get('db'), c.req.valid('json'), clientInfo(c));
    return c.json({ message: REGISTER_ACCEPTED }, 202);
  })
  .openapi(forgotPasswordRoute, async (c) => {
    await requestPasswordReset(c.get('db'), c.req.valid('json'), { ...clientInfo(c), acceptLanguage: c.req.header('accept-language') ?? null }, mailLinksOf(c));
    return c.json({ message: RESET_REQUESTED }, 202);
  })
  .openapi(resetPasswordRoute, async (c) => {
    await resetPassword(c.get('db'), c.req.valid('json'), clientInfo(c));
    return c.body(null, 204);
  })
  .openapi(changePasswordRoute, async (c) => {
    await changePassword(c.get('db'), requireUser(c.get('user')), c.get('session')!.tokenHash, c.req.valid('json'), clientInfo(c));
    return c.body(null, 204);
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
  .openapi(sessionRoute, async (c) => {
    const user = c.get('user');
    const session = c.get('session');
    if (!user || !session) return c.json({ session: null }, 200);
    return c.json({ session: { user: await toSessionUser(c.get('db'), user), csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() } }, 200);
  })
  .openapi(meRoute, async (c) => {
    const user = requireUser(c.get('user'));
    const session = c.get('session')!;
    return c.json({ user: await toSessionUser(c.get('db'), user), csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() }, 200);
  });
