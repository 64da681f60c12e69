import { CSRF_HEADER, type Me } from '@essor/shared/auth';
import type { Role } from '@essor/shared/roles';
import { createApp, type EssorApp } from '../../api/src/app';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedPlatform } from '../../seeds/platform';
import { createTestDatabase, type TestDatabase } from './test-db';

export interface RequestOptions {
  body?: unknown;
  /** Raw body text, sent as is (malformed JSON, oversized payloads). */
  raw?: string;
  headers?: Record<string, string>;
  csrf?: boolean;
}

/** A browser-like client over app.request: keeps the session cookie and sends the CSRF token. */
export class TestClient {
  cookie: string | null = null;
  csrfToken: string | null = null;
  me: Me | null = null;

  /** `address` plays the remote address of the socket (sign-in throttling is per address). */
  constructor(
    readonly app: EssorApp,
    readonly address?: string,
  ) {}

  async request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken && options.csrf !== false) headers[CSRF_HEADER] = this.csrfToken;
    let body: string | undefined;
    if (options.raw !== undefined) {
      body = options.raw;
      headers['content-type'] ??= 'application/json';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const env = this.address ? { incoming: { socket: { remoteAddress: this.address } } } : undefined;
    const res = await this.app.request(path, { method, headers, body }, env);
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const value = setCookie.split(';')[0];
      this.cookie = value.endsWith('=') ? null : value;
    }
    return res;
  }

  get = (path: string, options?: RequestOptions) => this.request('GET', path, options);
  post = (path: string, body?: unknown, options?: RequestOptions) => this.request('POST', path, { ...options, body });
  patch = (path: string, body?: unknown, options?: RequestOptions) => this.request('PATCH', path, { ...options, body });
  put = (path: string, body?: unknown, options?: RequestOptions) => this.request('PUT', path, { ...options, body });
  delete = (path: string, options?: RequestOptions) => this.request('DELETE', path, options);

  async signIn(email: string, password = DEMO_PASSWORD): Promise<this> {
    const res = await this.post('/api/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
    this.me = (await res.json()) as Me;
    this.csrfToken = this.me.csrfToken;
    return this;
  }
}

export function demoEmailFor(role: Role): string {
  const account = DEMO_ACCOUNTS.find((a) => a.roles.includes(role));
  if (!account) throw new Error(`no demo account for ${role}`);
  return account.email;
}

export interface TestContext {
  database: TestDatabase;
  app: EssorApp;
  client(): TestClient;
  as(role: Role): Promise<TestClient>;
  close(): Promise<void>;
}

/** A migrated database with the demo accounts and an app on top: what every API test starts from. */
export async function createTestContext(): Promise<TestContext> {
  const database = await createTestDatabase();
  await seedPlatform(database.db);
  const app = createApp({ database });
  return {
    database,
    app,
    client: () => new TestClient(app),
    as: (role) => new TestClient(app).signIn(demoEmailFor(role)),
    close: () => database.dispose(),
  };
}
