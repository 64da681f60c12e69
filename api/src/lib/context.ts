import type { Role } from '@essor/shared/roles';
import type { Db, DatabaseKind } from '../db/client';
import type { Actor } from './audit';

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  locale: 'fr' | 'en';
}

export interface CurrentSession {
  tokenHash: string;
  csrfToken: string;
  expiresAt: Date;
}

/** What every handler can read from the request context. */
export interface AppEnv {
  Variables: {
    db: Db;
    databaseKind: DatabaseKind;
    requestId: string;
    user: CurrentUser | null;
    session: CurrentSession | null;
    sessionExpired: boolean;
  };
}

export function actorOf(vars: { user: CurrentUser | null; requestId: string }): Actor {
  return { id: vars.user?.id ?? null, email: vars.user?.email ?? null, requestId: vars.requestId };
}
