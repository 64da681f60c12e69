import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

const CAST: Record<string, string> = { serial: 'integer', bigserial: 'bigint', smallserial: 'smallint' };

/**
 * `column in (…values)` as one array parameter: `column = any($1::type[])`. drizzle's `inArray` sends one
 * parameter per value, and its building of them was the heaviest part of a list's CPU (a page's 50 ids read
 * back for its related rows); the statement's text also changed with the page's length, so PostgreSQL could
 * not reuse its prepared plan. An empty list matches nothing, as `inArray`'s. For columns of plain types
 * (uuid, text, integers): the values go to the driver as they are. An expression rather than a column names its
 * type.
 */
export function anyOf(column: AnyPgColumn | SQL, values: readonly (string | number)[], type?: string): SQL {
  const sqlType = type ?? (column as AnyPgColumn).getSQLType();
  return sql`${column} = any(${sql.param([...values])}::${sql.raw(CAST[sqlType] ?? sqlType)}[])`;
}

/**
 * `anyOf` for a query built once (lib/prepared.ts): the list comes when it runs, as the value named `name`.
 * The column's type names the array's (an expression names it).
 */
export function anyOfPlaced(column: AnyPgColumn | SQL, name: string, type?: string): SQL {
  const sqlType = type ?? (column as AnyPgColumn).getSQLType();
  return sql`${column} = any(${sql.placeholder(name)}::${sql.raw(CAST[sqlType] ?? sqlType)}[])`;
}
