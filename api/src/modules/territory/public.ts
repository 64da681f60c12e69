import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { inventoryEntries } from '../../db/schema/impact';
import { organisations } from '../../db/schema/projects';

/** What the territory module offers the others: the districts a caller sees, and the inventory's counts. */
export { districtOwners, listDistricts, TERRITORY_READERS } from './districts';
export { inventorySummary } from './inventory';

/**
 * An organisation the pipeline takes in enters the inventory of the structure its application went to
 * (source 'pipeline'), in the caller's transaction; an entry already there is left as it is.
 */
export async function enterInventory(tx: Db, input: { structureId: string; organisationId: string }): Promise<void> {
  const [org] = await tx.select({ founders: organisations.foundersCount }).from(organisations).where(eq(organisations.id, input.organisationId));
  if (!org) return;
  await tx
    .insert(inventoryEntries)
    .values({ structureId: input.structureId, organisationId: input.organisationId, members: org.founders, source: 'pipeline' })
    .onConflictDoNothing();
}
