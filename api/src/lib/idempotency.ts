import { z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
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
export async function runIdempotent<T>(db: Db, request: IdempotentRequest, status: number, run: (tx: Db) => Promise<T>): Promise<IdempotentResult<T>> {
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
        throw new Unprocessable('This Idempotency-Key was already used for a different request', 'idempotency_mismatch');
      }
      return { status: first.status, body: first.response as T, replayed: true };
    }
    const body = await run(tx);
    await tx
      .update(idempotencyKeys)
      .set({ status, response: JSON.parse(JSON.stringify(body)) })
      .where(and(eq(idempotencyKeys.userId, request.userId), eq(idempotencyKeys.key, request.key)));
    return { status, body, replayed: false };
  });
}

interface IdempotentContext {
  get(key: 'db'): Db;
  get(key: 'user'): { id: string } | null;
  req: { path: string; header(name: string): string | undefined };
  header(name: string, value: string): void;
  json(body: unknown, status: number): Response;
}

/** For a route: runs the money movement once per key and answers with the first result, marking replays. */
export async function idempotentReply<T>(c: IdempotentContext, body: unknown, status: number, run: (tx: Db) => Promise<T>): Promise<never> {
  const user = c.get('user');
  const key = c.req.header('idempotency-key')?.trim();
  if (!user || !key) throw new Unprocessable('An Idempotency-Key header is required', 'invalid', { 'idempotency-key': ['Required'] });
  const result = await runIdempotent(c.get('db'), { userId: user.id, key, method: 'POST', path: c.req.path, body }, status, run);
  c.header('Idempotent-Replayed', String(result.replayed));
  return c.json(result.body, result.status) as never;
}
