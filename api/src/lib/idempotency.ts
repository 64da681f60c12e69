import { z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { AppEnv } from './context';
import { idempotencyKeys } from '../db/schema/idempotency';
import { Unprocessable } from './errors';
import { sha256 } from './passwords';

/** The header every money-moving POST carries; a retry with the same key and body gets the first answer. */
export const idempotencyHeaderSchema = z.object({
  'idempotency-key': z
    .string()
    .trim()
    .min(8, 'Use at least 8 characters (a UUID is best)')
    .max(200)
    .openapi({ description: 'A key unique to this operation; retries with the same key and body replay the first answer' }),
});

export interface IdempotentRequest {
  userId: string;
  key: string;
  method: string;
  path: string;
  body: unknown;
}

export interface IdempotentResult<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/** JSON with sorted keys, so the same body hashes the same whatever order its fields came in. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Runs a money movement at most once per (user, key). The key row is claimed first in the same
 * transaction as the movement: a concurrent twin blocks on the primary key until the first commits,
 * then replays its answer; if the first fails, nothing was stored and the twin runs for real.
 */
export async function runIdempotent<T>(db: Db, request: IdempotentRequest, run: (tx: Db) => Promise<{ status: number; body: T }>): Promise<IdempotentResult<T>> {
  const requestHash = sha256(stableJson({ method: request.method, path: request.path, body: request.body }));
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ userId: request.userId, key: request.key, method: request.method, path: request.path, requestHash, status: 0, response: {} })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) {
      const [first] = await tx
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.userId, request.userId), eq(idempotencyKeys.key, request.key)));
      if (!first || first.requestHash !== requestHash) {
        throw new Unprocessable('error.idempotency_mismatch', 'idempotency_mismatch');
      }
      return { status: first.status, body: first.response as T, replayed: true };
    }
    const { status, body } = await run(tx);
    await tx
      .update(idempotencyKeys)
      .set({ status, response: JSON.parse(JSON.stringify(body)) })
      .where(and(eq(idempotencyKeys.userId, request.userId), eq(idempotencyKeys.key, request.key)));
    return { status, body, replayed: false };
  });
}

/** Carries a refused answer out of the key's transaction, so that nothing of it is stored. */
class Refused extends Error {}

/**
 * The middleware behind `defineRoute({ ..., idempotent: true })`: the route's handler runs inside the
 * key's transaction (its `db` is that transaction) and its answer is stored; a retry with the same key
 * and body gets that answer back, marked `Idempotent-Replayed: true`. A refused request (4xx, an error)
 * stores nothing. Without a well-formed key the header's validator answers.
 */
export const idempotent: MiddlewareHandler<AppEnv> = async (c, next) => {
  const user = c.get('user');
  const header = idempotencyHeaderSchema.safeParse({ 'idempotency-key': c.req.header('idempotency-key') });
  if (!user || !header.success) return next();
  const text = await c.req.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      return next(); // the body's validator answers malformed JSON
    }
  }
  const db = c.get('db');
  try {
    const result = await runIdempotent(db, { userId: user.id, key: header.data['idempotency-key'], method: 'POST', path: c.req.path, body }, async (tx) => {
      c.set('db', tx);
      try {
        await next();
      } finally {
        c.set('db', db);
      }
      if (c.error || c.res.status >= 400) throw new Refused();
      return { status: c.res.status, body: await c.res.clone().json() };
    });
    if (result.replayed) {
      c.header('Idempotent-Replayed', 'true');
      return c.json(result.body, result.status as ContentfulStatusCode);
    }
    c.res.headers.set('Idempotent-Replayed', 'false');
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
  }
};
