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
  throw new Invalid('The cursor is not one this API gave out', { cursor: ['Unknown cursor'] });
}

/** Takes limit+1 rows and turns the extra one into the next cursor. */
export function pageFrom<T>(rows: T[], limit: number, cursorOf: (row: T) => string): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? cursorOf(items[items.length - 1]) : null;
  return { items, nextCursor };
}
