import type { Role } from '@essor/shared/roles';
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { CurrentUser } from './context';
import { structuresReached } from './scope';
import { anyOf, anyOfPlaced } from './any-of';

/**
 * Who is reading financing: the structures their staff-side roles reach (null: the system, which reads
 * everything), and their own projects, which a holder sees wherever they are.
 */
export interface Viewer {
  userId: string;
  structureIds: string[] | null;
}

export const STAFF_VIEWER: Viewer = { userId: '00000000-0000-0000-0000-000000000000', structureIds: null };

/** The viewer as the route's roles see: only those roles' reach counts. */
export function viewerOf(user: CurrentUser, roles: readonly Role[]): Viewer {
  return { userId: user.id, structureIds: structuresReached(user, roles) };
}

/** A condition on a structure id column: true for rows of the structures the viewer reaches. */
export function inViewerReach(viewer: Viewer, structureColumn: AnyPgColumn | SQL): SQL {
  if (viewer.structureIds === null) return sql`true`;
  if (viewer.structureIds.length === 0) return sql`false`;
  return anyOf(structureColumn, viewer.structureIds, 'uuid');
}

/** A condition on a financing row: in a structure the viewer reaches, or about one of their own projects. */
export function visibleRow(viewer: Viewer, structureColumn: AnyPgColumn, projectIdColumn: AnyPgColumn): SQL {
  if (viewer.structureIds === null) return sql`true`;
  return sql`(${inViewerReach(viewer, structureColumn)} or ${projectIdColumn} in (
    select p.id from projects p join organisations o on o.id = p.organisation_id
    where p.holder_user_id = ${viewer.userId} or o.owner_user_id = ${viewer.userId}))`;
}

/**
 * `visibleRow` for a query built once per shape (lib/prepared.ts): the shape part `viewerShape` names (the
 * system viewer reads everything) and the values `viewerValues` gives, the reach and the viewer's id.
 */
export function visibleRowPlaced(has: (part: string) => boolean, structureColumn: AnyPgColumn, projectIdColumn: AnyPgColumn): SQL {
  if (has('everything')) return sql`true`;
  return sql`(${anyOfPlaced(structureColumn, 'reach', 'uuid')} or ${projectIdColumn} in (
    select p.id from projects p join organisations o on o.id = p.organisation_id
    where p.holder_user_id = ${sql.placeholder('viewer')}::uuid or o.owner_user_id = ${sql.placeholder('viewer')}::uuid))`;
}

/** The shape part of a viewer for `visibleRowPlaced`: 'everything' for the system viewer. */
export function viewerShape(viewer: Viewer): string | false {
  return viewer.structureIds === null && 'everything';
}

/** The values `visibleRowPlaced` reads. */
export function viewerValues(viewer: Viewer): { reach: string[]; viewer: string } {
  return { reach: viewer.structureIds ?? [], viewer: viewer.userId };
}
