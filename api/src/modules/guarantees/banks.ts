import type { CreateGuaranteeBankInput, GuaranteeBank } from '@essor/shared/guarantees';
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { guaranteeBanks } from '../../db/schema/guarantees';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict, isUniqueViolation, NotFound } from '../../lib/errors';
import { inViewerReach, type Viewer } from '../../lib/viewer';

type BankRow = typeof guaranteeBanks.$inferSelect;

export function shapeBank(row: BankRow): GuaranteeBank {
  return { id: row.id, structureId: row.structureId, name: row.name, contactName: row.contactName, contactEmail: row.contactEmail, createdAt: row.createdAt.toISOString() };
}

/** A partner bank in a structure (the route resolves the structure from the caller's reach). */
export async function createBank(db: Db, actor: Actor, input: CreateGuaranteeBankInput & { structureId: string }): Promise<GuaranteeBank> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(guaranteeBanks)
        .values({ structureId: input.structureId, name: input.name, contactName: input.contactName ?? '', contactEmail: input.contactEmail ?? '' })
        .returning();
      await recordAudit(tx, actor, { action: 'guarantee_bank.create', entity: 'guarantee_bank', entityId: row.id, structureId: row.structureId, after: shapeBank(row) });
      return shapeBank(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('guarantees.bank_exists', { name: ['guarantees.bank_exists'] });
    throw error;
  }
}

export async function listBanks(db: Db, viewer: Viewer, filter: { structureId?: string } = {}): Promise<GuaranteeBank[]> {
  const where: SQL[] = [inViewerReach(viewer, guaranteeBanks.structureId)];
  if (filter.structureId) where.push(eq(guaranteeBanks.structureId, filter.structureId));
  const rows = await db.select().from(guaranteeBanks).where(and(...where)).orderBy(asc(guaranteeBanks.name));
  return rows.map(shapeBank);
}

export async function bankRow(db: Db, id: string): Promise<BankRow> {
  const [row] = await db.select().from(guaranteeBanks).where(eq(guaranteeBanks.id, id));
  if (!row) throw new NotFound('thing.guarantee_bank');
  return row;
}
