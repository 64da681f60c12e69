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
import type { Role } from '@essor/shared/roles';
import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { programmes } from '../../db/schema/programmes';
import { structures } from '../../db/schema/structures';
import { recordAudit, type Actor } from '../../lib/audit';
import type { CurrentUser } from '../../lib/context';
import { Conflict, Invalid, isUniqueViolation, NotFound } from '../../lib/errors';
import { builtPerShape, filterValues, givenFilters, placedEquals } from '../../lib/prepared';
import { inPlaceholderReach, structuresReached } from '../../lib/scope';
import { containsPattern } from '../../lib/like';

type ProgrammeRow = typeof programmes.$inferSelect;

export function toProgramme(row: ProgrammeRow, structureName: string): Programme {
  return {
    id: row.id,
    structureId: row.structureId,
    structureName,
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

function selectProgrammes(db: Db) {
  return db.select({ programme: programmes, structureName: structures.name }).from(programmes).innerJoin(structures, eq(structures.id, programmes.structureId));
}

const PROGRAMME_FILTERS = ['status'] as const;

/** The programmes list, built once per shape (the filters given): a search matches the name, the code or the territory. */
const programmesList = builtPerShape((db, has, shape) => {
  const where: SQL[] = [inPlaceholderReach(programmes.structureId), ...placedEquals(has, programmes, PROGRAMME_FILTERS)];
  if (has('q')) where.push(or(...[programmes.name, programmes.code, programmes.territory].map((column) => ilike(column, sql.placeholder('q'))))!);
  return selectProgrammes(db)
    .where(and(...where))
    .orderBy(asc(programmes.code), asc(structures.name))
    .prepare(`essor_programmes_${shape}`);
});

/** The programmes of the structures `roles` reach for this person. */
export async function listProgrammes(db: Db, user: CurrentUser, roles: readonly Role[], query: ProgrammeListQuery): Promise<Programme[]> {
  const rows = await programmesList(db, [...givenFilters(query, PROGRAMME_FILTERS), Boolean(query.q) && 'q']).execute({
    reach: structuresReached(user, roles),
    ...filterValues(query, PROGRAMME_FILTERS),
    q: query.q ? containsPattern(query.q) : null,
  });
  return rows.map((r) => toProgramme(r.programme, r.structureName));
}

/** The calls a visitor may apply to, whichever structure runs them: open programmes whose call window includes today. */
export async function listOpenCalls(db: Db, today = new Date().toISOString().slice(0, 10)): Promise<ProgrammeCall[]> {
  const rows = await selectProgrammes(db).where(eq(programmes.status, 'open')).orderBy(asc(programmes.code), asc(structures.name));
  return rows
    .map((r) => toProgramme(r.programme, r.structureName))
    .filter((p) => isCallOpen(p, today))
    .map(({ id, structureName, code, name, description, territory, eligibilityCriteria, callOpensOn, callClosesOn, languages, currency }) => ({
      id,
      structureName,
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

export function isCallOpen(p: { status: string; callOpensOn: string | null; callClosesOn: string | null }, today: string): boolean {
  return p.status === 'open' && (!p.callOpensOn || p.callOpensOn <= today) && (!p.callClosesOn || today <= p.callClosesOn);
}

export async function getProgramme(db: Db, id: string): Promise<Programme> {
  const [row] = await selectProgrammes(db).where(eq(programmes.id, id));
  if (!row) throw new NotFound('thing.programme');
  return toProgramme(row.programme, row.structureName);
}

/** `structureId` is where the programme goes, already resolved against the caller's reach. */
export async function createProgramme(db: Db, actor: Actor, structureId: string, input: CreateProgrammeInput): Promise<Programme> {
  const { structureId: _requested, ...fields } = input;
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(programmes).values({ ...fields, structureId }).returning();
      const programme = await getProgramme(tx, row.id);
      await recordAudit(tx, actor, { action: 'programme.create', entity: 'programme', entityId: row.id, after: auditView(programme) });
      return programme;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('programmes.code_taken', { code: ['field.already_used'] });
    throw error;
  }
}

export async function updateProgramme(db: Db, actor: Actor, id: string, input: UpdateProgrammeInput): Promise<Programme> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(programmes).where(eq(programmes.id, id)).for('update');
    if (!current) throw new NotFound('thing.programme');
    const opens = input.callOpensOn !== undefined ? input.callOpensOn : current.callOpensOn;
    const closes = input.callClosesOn !== undefined ? input.callClosesOn : current.callClosesOn;
    if (opens && closes && opens > closes) throw new Invalid('programmes.call_closes_before_opening', { callClosesOn: ['field.before_opening'] });
    await tx
      .update(programmes)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(programmes.id, id));
    const after = await getProgramme(tx, id);
    const before = toProgramme(current, after.structureName);
    await recordAudit(tx, actor, { action: 'programme.update', entity: 'programme', entityId: id, before: auditView(before), after: auditView(after) });
    return after;
  });
}
