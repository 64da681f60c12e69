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
