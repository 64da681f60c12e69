import { Invalid } from './errors';

/** Keyset cursors: the sort key and id of the last row seen, opaque to clients. */
export function encodeCursor(sortValue: string | number, id: string | number): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

export function decodeCursor(cursor: string): [string | number, string | number] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return value as [string | number, string | number];
    }
  } catch {
    // fall through to the typed error
  }
  throw new Invalid('error.cursor_unknown', { cursor: ['field.cursor_unknown'] });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

function forged(): never {
  throw new Invalid('error.cursor_unknown', { cursor: ['field.cursor_unknown'] });
}

/** A (timestamp, uuid) cursor, checked before it reaches SQL casts: a forged one is a 400, not a 500. */
export function decodeTimeCursor(cursor: string): [string, string] {
  const [at, id] = decodeCursor(cursor);
  if (typeof at !== 'string' || !ISO_INSTANT.test(at) || Number.isNaN(Date.parse(at)) || typeof id !== 'string' || !UUID.test(id)) forged();
  return [at, id];
}

/** A cursor on a serial id (audit log, journal). */
export function decodeIdCursor(cursor: string): number {
  const id = Number(decodeCursor(cursor)[1]);
  if (!Number.isSafeInteger(id) || id < 0) forged();
  return id;
}

/** A (number, uuid) cursor: a document's number and id (loans, co-financing requests), checked like the others. */
export function decodeNumberCursor(cursor: string): [number, string] {
  const [number, id] = decodeCursor(cursor);
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || typeof id !== 'string' || !UUID.test(id)) forged();
  return [number, id];
}

/** A (text, uuid) cursor, the text being the sort value (names, titles), checked like the others. */
export function decodeTextCursor(cursor: string): [string, string] {
  const [text, id] = decodeCursor(cursor);
  if (typeof text !== 'string' || typeof id !== 'string' || !UUID.test(id)) forged();
  return [text, id];
}

/** Takes limit+1 rows and turns the extra one into the next cursor. */
export function pageFrom<T>(rows: T[], limit: number, cursorOf: (row: T) => string): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? cursorOf(items[items.length - 1]) : null;
  return { items, nextCursor };
}

/** Rows per page when a whole list is walked (CSV exports): enough to keep round trips few, small enough to keep memory flat. */
export const WALK_PAGE_SIZE = 1000;

/** Every page of a keyset-paged list, in order, until its end: exports stream the whole list, never a silent first N. */
export async function* allPages<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  do {
    const { items, nextCursor } = await page(cursor);
    if (items.length > 0) yield items;
    cursor = nextCursor ?? undefined;
  } while (cursor);
}

/** Every row of a keyset-paged list, read a walk-sized page at a time (exports and figures that need them all). */
export async function everyRow<T>(page: (cursor: string | undefined, limit: number) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const all: T[] = [];
  for await (const items of allPages((cursor) => page(cursor, WALK_PAGE_SIZE))) all.push(...items);
  return all;
}
