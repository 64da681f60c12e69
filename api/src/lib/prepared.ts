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

/**
 * `builtOnce` for a query whose shape depends on the request (which filters it has, whether a cursor is given):
 * built once per database and shape. `shape` names the parts present (a few flags), never a value.
 */
export function builtPerShape<S extends string, T>(build: (db: Db, shape: S) => T): (db: Db, shape: S) => T {
  const built = new WeakMap<Db, Map<S, T>>();
  return (db, shape) => {
    let shapes = built.get(db);
    if (!shapes) built.set(db, (shapes = new Map()));
    let query = shapes.get(shape);
    if (!query) shapes.set(shape, (query = build(db, shape)));
    return query;
  };
}
