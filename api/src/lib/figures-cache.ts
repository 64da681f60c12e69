import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rowsOf } from './rows';

/**
 * Aggregates (dashboards, inventory summary, open data) computed once per state of the data: the key carries
 * the latest audit row's id, and every change to a structure's data writes one, so a change made through any
 * Essor process is seen by the next request of every process. Concurrent first requests share one
 * computation; a failure is not kept. The time limit only bounds the rare case of two transactions
 * committing out of id order.
 */
const DEFAULT_TTL_MS = 60_000;
const KEPT_PER_DATABASE = 500;
const kept = new WeakMap<object, Map<string, { at: number; value: Promise<unknown> }>>();

export async function dataVersion(db: Db): Promise<string> {
  const [row] = rowsOf<{ v: string | number | null }>(await db.execute(sql`select max(id) as v from audit_log`));
  return String(row?.v ?? 0);
}

export async function cachedFigures<T>(db: Db, key: string, compute: () => Promise<T>, ttlMs = DEFAULT_TTL_MS): Promise<T> {
  let figures = kept.get(db);
  if (!figures) kept.set(db, (figures = new Map()));
  const fullKey = `${key}@${await dataVersion(db)}`;
  const hit = figures.get(fullKey);
  if (hit && Date.now() - hit.at < ttlMs) return hit.value as Promise<T>;
  const value = compute();
  figures.set(fullKey, { at: Date.now(), value });
  value.catch(() => figures.delete(fullKey));
  // Oldest first out: a Map keeps insertion order.
  while (figures.size > KEPT_PER_DATABASE) figures.delete(figures.keys().next().value!);
  return value;
}
