import type { CurrencyCode } from '@essor/shared/money';
import type {
  CreateProgrammeInput,
  EligibilityCriterion,
  GridCriterion,
  Programme,
  ProgrammeCall,
  ProgrammeListQuery,
  UpdateProgrammeInput,
} from '@essor/shared/programmes';
import { and, asc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { programmes } from '../../db/schema/programmes';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict, Invalid, isUniqueViolation, NotFound } from '../../lib/errors';

type ProgrammeRow = typeof programmes.$inferSelect;

export function toProgramme(row: ProgrammeRow): Programme {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    territory: row.territory,
    eligibilityCriteria: row.eligibilityCriteria as EligibilityCriterion[],
    scoringGrid: row.scoringGrid as GridCriterion[],
    callOpensOn: row.callOpensOn,
    callClosesOn: row.callClosesOn,
    budgetEnvelopeMinor: row.budgetEnvelopeMinor,
    currency: row.currency as CurrencyCode,
    languages: row.languages as Programme['languages'],
    status: row.status as Programme['status'],
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function auditView(p: Programme) {
  const { createdAt: _c, updatedAt: _u, ...rest } = p;
  return rest;
}

export async function listProgrammes(db: Db, query: ProgrammeListQuery): Promise<Programme[]> {
  const where: SQL[] = [];
  if (query.status) where.push(eq(programmes.status, query.status));
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    where.push(or(ilike(programmes.name, pattern), ilike(programmes.code, pattern), ilike(programmes.territory, pattern))!);
  }
  const rows = await db
    .select()
    .from(programmes)
    .where(and(...where))
    .orderBy(asc(programmes.code));
  return rows.map(toProgramme);
}

/** The calls a visitor may apply to: open programmes whose call window includes today. */
export async function listOpenCalls(db: Db, today = new Date().toISOString().slice(0, 10)): Promise<ProgrammeCall[]> {
  const rows = await db.select().from(programmes).where(eq(programmes.status, 'open')).orderBy(asc(programmes.code));
  return rows
    .map(toProgramme)
    .filter((p) => isCallOpen(p, today))
    .map(({ id, code, name, description, territory, eligibilityCriteria, callOpensOn, callClosesOn, languages, currency }) => ({
      id,
      code,
      name,
      description,
      territory,
      eligibilityCriteria,
      callOpensOn,
      callClosesOn,
      languages,
      currency,
    }));
}

export function isCallOpen(p: Pick<Programme, 'status' | 'callOpensOn' | 'callClosesOn'>, today: string): boolean {
  return p.status === 'open' && (!p.callOpensOn || p.callOpensOn <= today) && (!p.callClosesOn || today <= p.callClosesOn);
}

export async function getProgramme(db: Db, id: string): Promise<Programme> {
  const [row] = await db.select().from(programmes).where(eq(programmes.id, id));
  if (!row) throw new NotFound('Programme');
  return toProgramme(row);
}

export async function createProgramme(db: Db, actor: Actor, input: CreateProgrammeInput): Promise<Programme> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(programmes).values(input).returning();
      const programme = toProgramme(row);
      await recordAudit(tx, actor, { action: 'programme.create', entity: 'programme', entityId: row.id, after: auditView(programme) });
      return programme;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('Another programme uses this code', { code: ['Already used'] });
    throw error;
  }
}

export async function updateProgramme(db: Db, actor: Actor, id: string, input: UpdateProgrammeInput): Promise<Programme> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(programmes).where(eq(programmes.id, id)).for('update');
    if (!current) throw new NotFound('Programme');
    const opens = input.callOpensOn !== undefined ? input.callOpensOn : current.callOpensOn;
    const closes = input.callClosesOn !== undefined ? input.callClosesOn : current.callClosesOn;
    if (opens && closes && opens > closes) throw new Invalid('The call closes before it opens', { callClosesOn: ['Before the opening date'] });
    const [row] = await tx
      .update(programmes)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(programmes.id, id))
      .returning();
    const before = toProgramme(current);
    const after = toProgramme(row);
    await recordAudit(tx, actor, { action: 'programme.update', entity: 'programme', entityId: id, before: auditView(before), after: auditView(after) });
    return after;
  });
}
