import type { Role, StaffSideRole } from '@essor/shared/roles';
import type { Db, DatabaseKind } from '../db/client';
import type { Actor } from './audit';
import type { Reach } from './scope';

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  /** Public roles of the account and every role held in some structure: what a route's access list checks. */
  roles: Role[];
  locale: 'fr' | 'en';
  /** The roles held per structure, as granted. */
  memberships: { structureId: string; role: StaffSideRole }[];
  /** Where each role applies (narrowed to `focus` when the switcher picked one structure). */
  reach: Reach;
  /** The structure the admin's switcher narrowed every list to, or null for all of the person's structures. */
  focus: string | null;
  /**
   * The structure of each row this request names, as the route's scope guard read it ('kind:id' → structure id):
   * a service that checks the same row reads it here rather than from the database again (`structureOfRow`).
   */
  rowStructures?: Readonly<Record<string, string>>;
}

export interface CurrentSession {
  tokenHash: string;
  csrfToken: string;
  expiresAt: Date;
}

/** The job runner as routes see it: ask for a run soon (e.g. send the outbox after queueing a message). */
export interface JobsHandle {
  wake(name: string): void;
  trigger(name: string): Promise<string | null>;
  readonly isWorking: boolean;
  /** The jobs this runner knows, for the admin's jobs page. */
  readonly definitions: readonly { name: string; description: string; cron?: string; retryLimit?: number }[];
}

/** Where links in e-mails point, and whether messages leave the outbox (SMTP_URL), as the server was started. */
export interface MailConfig {
  publicUrl: string;
  smtpConfigured: boolean;
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
    /** From ESSOR_SECURE_COOKIES, parsed once at start (env.ts). */
    secureCookies: boolean;
    mail: MailConfig;
    /** Null when this process runs no job runner (API tests that do not start one). */
    jobs: JobsHandle | null;
  };
}

export function actorOf(vars: { user: CurrentUser | null; requestId: string }): Actor {
  return { id: vars.user?.id ?? null, email: vars.user?.email ?? null, requestId: vars.requestId };
}
