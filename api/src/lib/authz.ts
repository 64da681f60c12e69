import { CSRF_HEADER } from '@essor/shared/auth';
import { hasAnyRole, type Role } from '@essor/shared/roles';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, CurrentUser } from './context';
import { Forbidden, Unauthenticated } from './errors';

/** Who may call a route: anyone, any signed-in person, or the listed roles. Admins are not implied. */
export type Access = 'public' | 'authenticated' | readonly Role[];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function authorize(access: Access): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (access !== 'public') {
      const user = c.get('user');
      if (!user) throw new Unauthenticated(c.get('sessionExpired') ? 'error.session_expired' : undefined, c.get('sessionExpired') ? 'session_expired' : 'unauthenticated');
      if (access !== 'authenticated' && !hasAnyRole(user.roles, access)) throw new Forbidden();
    }
    const session = c.get('session');
    // A signed-in browser must prove every mutation came from the admin, not from another site.
    if (session && !SAFE_METHODS.has(c.req.method) && c.req.header(CSRF_HEADER) !== session.csrfToken) {
      throw new Forbidden('error.csrf', 'csrf');
    }
    await next();
  };
}

export function requireUser(user: CurrentUser | null): CurrentUser {
  if (!user) throw new Unauthenticated();
  return user;
}

export function accessLabel(access: Access): string[] {
  return access === 'public' || access === 'authenticated' ? [access] : [...access];
}
