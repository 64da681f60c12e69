import type { CreateOfferingInput, Offering, OfferingListQuery, PublicOffering, UpdateOfferingInput } from '@essor/shared/bonds';
import type { Page, PageQuery } from '@essor/shared/pagination';
import { and, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { bondOfferings } from '../../db/schema/bonds';
import { funds } from '../../db/schema/funds';
import { organisations, projects } from '../../db/schema/projects';
import { recordAudit, type Actor } from '../../lib/audit';
import type { CurrentUser } from '../../lib/context';
import { allPages, decodeTimeCursor, encodeCursor, pageFrom, WALK_PAGE_SIZE } from '../../lib/cursor';
import { Conflict, Invalid, isUniqueViolation, NotFound, Unprocessable } from '../../lib/errors';
import { msg, named } from '../../lib/messages/render';
import { builtPerShape } from '../../lib/prepared';
import { assertReach, inPlaceholderReach, structuresReached } from '../../lib/scope';
import { decidePending, requestDecision, withdrawPending } from '../approvals/public';
import { todayUtc } from '../ledger/public';
import { offeringView, offeringViewQuery, toOffering, toPublicOffering, type OfferingRow } from './shape';
import { anyOf } from '../../lib/any-of';
import { containsPattern } from '../../lib/like';

/** Who prepares and runs offerings; a fund manager other than the preparer approves them. */
export const OFFERING_STAFF = ['staff', 'fund_manager'] as const;
export const OFFERING_READERS = ['admin', 'staff', 'fund_manager'] as const;
/** What the public sees of: an offering from the day it opens. */
const PUBLIC_STATUSES = ['open', 'closed', 'active', 'redeemed', 'failed'] as const;

const APPROVAL = 'bond_offering.approve' as const;

/** The offering's row lock: every change of its counters and status is made under it (the cap's guard). */
export async function lockOffering(tx: Db, id: string): Promise<OfferingRow> {
  const [row] = await tx.select().from(bondOfferings).where(eq(bondOfferings.id, id)).for('update');
  if (!row) throw new NotFound('thing.bond_offering');
  return row;
}

export function refuseStatus(row: Pick<OfferingRow, 'status'>): never {
  throw new Conflict(msg('bonds.offering_status', { status: named('offering_status', row.status) }));
}

/** The rules between terms, checked on the whole offering after an edit merges into it. */
function ensureTermsHold(t: Pick<OfferingRow, 'minUnits' | 'maxUnits' | 'minUnitsPerPerson' | 'maxUnitsPerPerson' | 'opensOn' | 'closesOn'>): void {
  const fields: Record<string, ['bonds.field_at_most_max' | 'bonds.field_at_most_person_max' | 'bonds.field_not_before_opening']> = {};
  if (t.minUnits > t.maxUnits) fields.minUnits = ['bonds.field_at_most_max'];
  if (t.maxUnitsPerPerson > t.maxUnits) fields.maxUnitsPerPerson = ['bonds.field_at_most_max'];
  if (t.minUnitsPerPerson > t.maxUnitsPerPerson) fields.minUnitsPerPerson = ['bonds.field_at_most_person_max'];
  if (t.closesOn < t.opensOn) fields.closesOn = ['bonds.field_not_before_opening'];
  if (Object.keys(fields).length) throw new Invalid('code.invalid', fields);
}

/** A draft for an issuer project; the structure is the project's, the currency the trust books'. */
export async function createOffering(db: Db, actor: Actor, user: CurrentUser, input: CreateOfferingInput): Promise<Offering> {
  const [project] = await db.select({ id: projects.id, structureId: projects.structureId }).from(projects).where(eq(projects.id, input.issuerProjectId));
  if (!project) throw new NotFound('thing.project');
  assertReach(user, project.structureId, OFFERING_STAFF, 'thing.project');
  const [fund] = await db.select().from(funds).where(eq(funds.id, input.trustFundId));
  if (!fund) throw new NotFound('thing.fund');
  if (fund.type !== 'bond_trust') throw new Unprocessable('bonds.not_trust_fund', 'invalid', { trustFundId: ['bonds.field_not_trust_fund'] });
  if (fund.structureId !== project.structureId) throw new Unprocessable('bonds.trust_fund_elsewhere', 'invalid', { trustFundId: ['bonds.field_trust_fund_elsewhere'] });
  if (fund.status !== 'active') throw new Conflict('funds.closed');
  ensureTermsHold(input);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(bondOfferings)
        .values({ ...input, structureId: project.structureId, currency: fund.currency, createdBy: actor.id!, status: 'draft' })
        .returning();
      await recordAudit(tx, actor, { action: 'bond_offering.create', entity: 'bond_offering', entityId: row.id, structureId: row.structureId, after: input });
      return toOffering(await offeringView(tx, row.id));
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('bonds.code_taken', { code: ['field.already_used'] });
    throw error;
  }
}

/** Changes a draft's terms; a decision waiting on the old terms is withdrawn (they must be approved again). */
export async function updateOffering(db: Db, actor: Actor, id: string, input: UpdateOfferingInput): Promise<Offering> {
  return db.transaction(async (tx) => {
    const row = await lockOffering(tx, id);
    if (row.status !== 'draft') refuseStatus(row);
    const merged = { ...row, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as OfferingRow;
    ensureTermsHold(merged);
    await tx
      .update(bondOfferings)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(bondOfferings.id, id));
    await withdrawPending(tx, actor, { kind: APPROVAL, entityId: id });
    await recordAudit(tx, actor, { action: 'bond_offering.update', entity: 'bond_offering', entityId: id, structureId: row.structureId, before: pick(row, Object.keys(input)), after: input });
    return toOffering(await offeringView(tx, id));
  });
}

function pick(row: OfferingRow, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, (row as unknown as Record<string, unknown>)[k]]));
}

/** The preparer asks for approval (maker); the fund managers of the structure are told. */
export async function submitOffering(db: Db, actor: Actor, id: string): Promise<Offering> {
  return db.transaction(async (tx) => {
    const row = await lockOffering(tx, id);
    if (row.status !== 'draft') refuseStatus(row);
    await requestDecision(tx, actor, {
      structureId: row.structureId,
      kind: APPROVAL,
      entityId: id,
      summary: { code: row.code, title: row.title, maxUnits: row.maxUnits, minUnits: row.minUnits, unitPriceMinor: row.unitPriceMinor, rateBps: row.rateBps, termMonths: row.termMonths },
      amountMinor: row.maxUnits * row.unitPriceMinor,
      currency: row.currency,
    });
    await recordAudit(tx, actor, { action: 'bond_offering.submit', entity: 'bond_offering', entityId: id, structureId: row.structureId });
    return toOffering(await offeringView(tx, id));
  });
}

/** Checker: a fund manager of the structure who neither prepared nor changed it (four eyes). */
export async function decideOffering(db: Db, actor: Actor, id: string, decision: 'approve' | 'reject', note: string): Promise<Offering> {
  return db.transaction(async (tx) => {
    const row = await lockOffering(tx, id);
    if (row.status !== 'draft') refuseStatus(row);
    await decidePending(tx, actor, { kind: APPROVAL, entityId: id }, decision, note || null, { people: [row.createdBy] });
    if (decision === 'approve') {
      await tx.update(bondOfferings).set({ status: 'approved', approvedBy: actor.id, updatedAt: new Date() }).where(eq(bondOfferings.id, id));
    }
    await recordAudit(tx, actor, { action: `bond_offering.${decision}`, entity: 'bond_offering', entityId: id, structureId: row.structureId, before: { status: row.status }, after: { status: decision === 'approve' ? 'approved' : row.status, note } });
    return toOffering(await offeringView(tx, id));
  });
}

/** Opens an approved offering to subscriptions, on or after its opening day and before it closes. */
export async function openOffering(db: Db, actor: Actor, id: string, today = todayUtc()): Promise<Offering> {
  return db.transaction(async (tx) => {
    const row = await lockOffering(tx, id);
    if (row.status === 'open') return toOffering(await offeringView(tx, id));
    if (row.status !== 'approved') refuseStatus(row);
    if (today < row.opensOn) throw new Conflict(msg('bonds.opens_later', { opensOn: row.opensOn }));
    if (today > row.closesOn) throw new Conflict(msg('bonds.closed_on', { closesOn: row.closesOn }));
    await tx.update(bondOfferings).set({ status: 'open', updatedAt: new Date() }).where(eq(bondOfferings.id, id));
    await recordAudit(tx, actor, { action: 'bond_offering.open', entity: 'bond_offering', entityId: id, structureId: row.structureId, before: { status: row.status }, after: { status: 'open' } });
    return toOffering(await offeringView(tx, id));
  });
}

export async function getOffering(db: Db, user: CurrentUser, id: string): Promise<Offering> {
  const view = await offeringView(db, id);
  assertReach(user, view.o.structureId, OFFERING_READERS, 'thing.bond_offering');
  return toOffering(view);
}

/** A page of offerings, built once per shape: the filters given, first page or after a cursor. */
const offeringsPage = builtPerShape((db, has, shape) => {
  const where: SQL[] = [inPlaceholderReach(bondOfferings.structureId)];
  if (has('status')) where.push(eq(bondOfferings.status, sql.placeholder('status')));
  if (has('q')) {
    const pattern = sql.placeholder('q');
    where.push(or(ilike(bondOfferings.code, pattern), ilike(bondOfferings.title, pattern), ilike(organisations.name, pattern), ilike(projects.title, pattern))!);
  }
  if (has('cursor')) where.push(sql`(${bondOfferings.createdAt}, ${bondOfferings.id}) < (${sql.placeholder('at')}::timestamptz, ${sql.placeholder('id')}::uuid)`);
  return offeringViewQuery(db)
    .where(and(...where))
    .orderBy(desc(bondOfferings.createdAt), desc(bondOfferings.id))
    .limit(sql.placeholder('limit'))
    .prepare(`essor_offerings_${shape}`);
});

/** Newest first, keyset paged on (created_at, id), in the structures the reader reaches. */
export async function listOfferings(db: Db, user: CurrentUser, query: OfferingListQuery): Promise<Page<Offering>> {
  const [at, id] = query.cursor ? decodeTimeCursor(query.cursor) : [null, null];
  const rows = await offeringsPage(db, [Boolean(query.status) && 'status', Boolean(query.q) && 'q', Boolean(at) && 'cursor']).execute({
    reach: structuresReached(user, OFFERING_READERS),
    status: query.status ?? null,
    q: query.q ? containsPattern(query.q) : null,
    at,
    id,
    limit: query.limit + 1,
  });
  const page = pageFrom(rows, query.limit, (r) => encodeCursor(r.o.createdAt.toISOString(), r.o.id));
  return { items: page.items.map(toOffering), nextCursor: page.nextCursor };
}

export function exportOfferings(db: Db, user: CurrentUser, query: Omit<OfferingListQuery, 'cursor' | 'limit'>): AsyncGenerator<Offering[]> {
  return allPages((cursor) => listOfferings(db, user, { ...query, cursor, limit: WALK_PAGE_SIZE }));
}

/** The open offerings anyone may browse, closing soonest last-created first; nothing about people. */
export async function listPublicOfferings(db: Db, query: PageQuery): Promise<Page<PublicOffering>> {
  const where: SQL[] = [eq(bondOfferings.status, 'open')];
  if (query.cursor) {
    const [at, id] = decodeTimeCursor(query.cursor);
    where.push(sql`(${bondOfferings.createdAt}, ${bondOfferings.id}) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await offeringViewQuery(db, { withMatch: true })
    .where(and(...where))
    .orderBy(desc(bondOfferings.createdAt), desc(bondOfferings.id))
    .limit(query.limit + 1);
  const page = pageFrom(rows, query.limit, (r) => encodeCursor(r.o.createdAt.toISOString(), r.o.id));
  return { items: page.items.map(toPublicOffering), nextCursor: page.nextCursor };
}

/** One offering's public terms, once it has opened (a draft is not found). */
export async function getPublicOffering(db: Db, id: string): Promise<PublicOffering> {
  const [row] = await offeringViewQuery(db, { withMatch: true }).where(and(eq(bondOfferings.id, id), anyOf(bondOfferings.status, [...PUBLIC_STATUSES])));
  if (!row) throw new NotFound('thing.bond_offering');
  return toPublicOffering(row);
}
