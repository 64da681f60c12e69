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
