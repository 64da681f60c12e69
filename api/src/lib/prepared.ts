import { eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';

/**
 * A query built once per database handle and run again with new placeholder values: for reads that run on
 * every request or every detail page, where drizzle's building of the query cost more CPU than its round trip
 * (decision 0024). A transaction is its own handle, so a query run inside one is built for it.
 */
export function builtOnce<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let query = built.get(db);
    if (!query) built.set(db, (query = build(db)));
    return query;
  };
}

/** A part of a query's shape when present (a filter's name, 'cursor'), else a falsy value. */
export type ShapePart = string | boolean | null | undefined;

/**
 * `builtOnce` for a query whose shape depends on the request (which filters it has, whether a cursor is given):
 * built once per database and shape. The caller names the parts present (never a value); the builder asks
 * `has(part)` and gets `shape`, the parts joined, to name its prepared statement.
 */
export function builtPerShape<T>(build: (db: Db, has: (part: string) => boolean, shape: string) => T): (db: Db, parts: readonly ShapePart[]) => T {
  const built = new WeakMap<Db, Map<string, T>>();
  return (db, parts) => {
    const present = parts.filter((part): part is string => typeof part === 'string' && part !== '');
    const shape = present.join('_');
    let shapes = built.get(db);
    if (!shapes) built.set(db, (shapes = new Map()));
    let query = shapes.get(shape);
    if (!query) shapes.set(shape, (query = build(db, (part) => present.includes(part), shape)));
    return query;
  };
}

/** The filters among `names` the query gives (a non-empty value), as shape parts for `builtPerShape`. */
export function givenFilters<Q, K extends keyof Q & string>(query: Q, names: readonly K[]): ShapePart[] {
  return names.map((name) => Boolean(query[name]) && name);
}

/** `column = value` for each filter the shape has, the column and the placeholder named as the filter. */
export function placedEquals<K extends string>(has: (part: string) => boolean, columns: Record<K, AnyPgColumn>, names: readonly K[]): SQL[] {
  return names.filter((name) => has(name)).map((name) => eq(columns[name], sql.placeholder(name)));
}

/** Each named filter's value, null when not given: the placeholders of every shape get a value. */
export function filterValues<Q, K extends keyof Q & string>(query: Q, names: readonly K[]): Record<K, Q[K] | null> {
  return Object.fromEntries(names.map((name) => [name, query[name] ?? null])) as Record<K, Q[K] | null>;
}
