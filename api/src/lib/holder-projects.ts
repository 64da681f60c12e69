import { eq, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import { organisations, projects } from '../db/schema/projects';

/** The projects a project holder carries, directly or through the organisation they own. */
export async function holderProjectIds(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: projects.id })
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .where(or(eq(projects.holderUserId, userId), eq(organisations.ownerUserId, userId)));
  return rows.map((r) => r.id);
}
