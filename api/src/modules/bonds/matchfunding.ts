import { matchOf, type CreateMatchPledgeInput, type MatchPledge } from '@essor/shared/bond-matchfunding';
import { and, asc, eq, ne } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { bondMatchPledges, bondOfferings } from '../../db/schema/bonds';
import { funds } from '../../db/schema/funds';
import { recordAudit, type Actor } from '../../lib/audit';
import type { CurrentUser } from '../../lib/context';
import { Conflict, NotFound, Unprocessable } from '../../lib/errors';
import { msg } from '../../lib/messages/render';
import { assertReach } from '../../lib/scope';
import { availableOf, commit, ensureCurrency, getFundRow, lockFund, payOut, releaseCommitment } from '../funds/public';
import { todayUtc } from '../ledger/public';
import { lockOffering, OFFERING_READERS, refuseStatus } from './offerings';
import type { OfferingRow } from './shape';

/** Who pledges a fund's money: a fund manager of the offering's structure. */
export const MATCH_MANAGERS = ['fund_manager'] as const;
/** An offering takes pledges until it closes. */
const PLEDGEABLE = ['draft', 'approved', 'open'] as const;

type PledgeRow = typeof bondMatchPledges.$inferSelect;

function toMatchPledge(p: PledgeRow, fund: { code: string; name: string }, paidMinor: number): MatchPledge {
  return {
    id: p.id,
    offeringId: p.offeringId,
    fundId: p.fundId,
    fundCode: fund.code,
    fundName: fund.name,
    ratioBps: p.ratioBps,
    capMinor: p.capMinor,
    currency: p.currency as MatchPledge['currency'],
    status: p.status,
    matchedMinor: p.matchedMinor,
    matchedSoFarMinor: p.status === 'posted' ? p.matchedMinor : p.status === 'released' ? 0 : matchOf(paidMinor, p.ratioBps, p.capMinor),
    note: p.note,
    createdAt: p.createdAt.toISOString(),
    settledAt: p.settledAt?.toISOString() ?? null,
  };
}

async function pledgeReply(db: Db, pledgeId: string): Promise<MatchPledge> {
  const [row] = await db
    .select({ p: bondMatchPledges, code: funds.code, name: funds.name, paidUnits: bondOfferings.paidUnits, unitPriceMinor: bondOfferings.unitPriceMinor })
    .from(bondMatchPledges)
    .innerJoin(funds, eq(funds.id, bondMatchPledges.fundId))
    .innerJoin(bondOfferings, eq(bondOfferings.id, bondMatchPledges.offeringId))
    .where(eq(bondMatchPledges.id, pledgeId));
  if (!row) throw new NotFound('thing.bond_match_pledge');
  return toMatchPledge(row.p, row, row.paidUnits * row.unitPriceMinor);
}

/** The offering's pledges, oldest first, with what each would give on what is paid now. */
export async function listMatchPledges(db: Db, user: CurrentUser, offeringId: string): Promise<MatchPledge[]> {
  const [offering] = await db.select().from(bondOfferings).where(eq(bondOfferings.id, offeringId));
  if (!offering) throw new NotFound('thing.bond_offering');
  assertReach(user, offering.structureId, OFFERING_READERS, 'thing.bond_offering');
  const rows = await db
    .select({ p: bondMatchPledges, code: funds.code, name: funds.name })
    .from(bondMatchPledges)
    .innerJoin(funds, eq(funds.id, bondMatchPledges.fundId))
    .where(eq(bondMatchPledges.offeringId, offeringId))
    .orderBy(asc(bondMatchPledges.createdAt), asc(bondMatchPledges.id));
  return rows.map((r) => toMatchPledge(r.p, r, offering.paidUnits * offering.unitPriceMinor));
}

/**
 * A fund of the offering's structure pledges to match the raise: its cap is committed in the fund's books
 * now (refused when the fund has not that much available). Lock order: the offering, then the fund, as at
 * the close. A withdrawn pledge's row is pledged again (one row per offering and fund).
 */
export async function pledgeMatch(db: Db, actor: Actor, user: CurrentUser, offeringId: string, input: CreateMatchPledgeInput, today = todayUtc()): Promise<MatchPledge> {
  return db.transaction(async (tx) => {
    const offering = await lockOffering(tx, offeringId);
    assertReach(user, offering.structureId, MATCH_MANAGERS, 'thing.bond_offering');
    if (!(PLEDGEABLE as readonly string[]).includes(offering.status)) refuseStatus(offering);
    const preview = await getFundRow(tx, input.fundId);
    if (preview.type === 'bond_trust') throw new Unprocessable('bonds.match_trust_fund', 'invalid', { fundId: ['bonds.field_match_trust_fund'] });
    if (preview.structureId !== offering.structureId) throw new Unprocessable('bonds.match_fund_elsewhere', 'invalid', { fundId: ['bonds.field_trust_fund_elsewhere'] });
    ensureCurrency(preview, offering.currency, 'fundId');
    const fund = await lockFund(tx, input.fundId);
    const [existing] = await tx
      .select()
      .from(bondMatchPledges)
      .where(and(eq(bondMatchPledges.offeringId, offeringId), eq(bondMatchPledges.fundId, fund.id)))
      .for('update');
    if (existing && existing.status !== 'released') throw new Conflict('bonds.match_pledge_exists', { fundId: ['field.already_used'] });
    const available = await availableOf(tx, fund.id, today);
    if (input.capMinor > available.availableMinor) {
      throw new Unprocessable(msg('bonds.match_above_available', { on: available.on, available: available.availableMinor, amount: input.capMinor }), 'invalid', {
        capMinor: [msg('field.above_available', { on: available.on })],
      });
    }
    const values = { ratioBps: input.ratioBps, capMinor: input.capMinor, note: input.note, status: 'pledged' as const, matchedMinor: 0, settlementEntryId: null, settledAt: null, createdBy: actor.id!, createdAt: new Date() };
    const [pledge] = existing
      ? await tx.update(bondMatchPledges).set(values).where(eq(bondMatchPledges.id, existing.id)).returning()
      : await tx.insert(bondMatchPledges).values({ ...values, structureId: offering.structureId, offeringId, fundId: fund.id, currency: offering.currency }).returning();
    const entry = await commit(tx, fund, 'bond_match', input.capMinor, {
      occurredOn: today,
      description: `Abondement de l'offre ${offering.code} : ${ratioText(input.ratioBps)} jusqu'à ${input.capMinor} (plafond engagé)`,
      projectId: offering.issuerProjectId,
      source: { type: 'bond_match_pledge', id: pledge.id },
      postedBy: actor.id,
    });
    await tx.update(bondMatchPledges).set({ commitmentEntryId: entry.id }).where(eq(bondMatchPledges.id, pledge.id));
    await recordAudit(tx, actor, {
      action: 'bond_match_pledge.pledge',
      entity: 'bond_match_pledge',
      entityId: pledge.id,
      structureId: offering.structureId,
      after: { offeringId, fundId: fund.id, ratioBps: input.ratioBps, capMinor: input.capMinor, journalEntryId: entry.id },
    });
    return pledgeReply(tx, pledge.id);
  });
}

function ratioText(ratioBps: number): string {
  return `${ratioBps / 10_000} pour 1`;
}

/** Withdraws a pledge before the close: the whole cap goes back to the fund. */
export async function withdrawMatchPledge(db: Db, actor: Actor, user: CurrentUser, pledgeId: string, today = todayUtc()): Promise<MatchPledge> {
  return db.transaction(async (tx) => {
    const [preview] = await tx.select().from(bondMatchPledges).where(eq(bondMatchPledges.id, pledgeId));
    if (!preview) throw new NotFound('thing.bond_match_pledge');
    const offering = await lockOffering(tx, preview.offeringId);
    assertReach(user, offering.structureId, MATCH_MANAGERS, 'thing.bond_match_pledge');
    const [pledge] = await tx.select().from(bondMatchPledges).where(eq(bondMatchPledges.id, pledgeId)).for('update');
    if (pledge.status === 'released') return pledgeReply(tx, pledgeId);
    if (pledge.status !== 'pledged') throw new Conflict('bonds.match_pledge_status');
    if (!(PLEDGEABLE as readonly string[]).includes(offering.status)) refuseStatus(offering);
    await releasePledge(tx, actor, offering, pledge, today, 'promesse retirée');
    await recordAudit(tx, actor, { action: 'bond_match_pledge.withdraw', entity: 'bond_match_pledge', entityId: pledgeId, structureId: offering.structureId, before: { status: 'pledged' }, after: { status: 'released' } });
    return pledgeReply(tx, pledgeId);
  });
}

async function releasePledge(tx: Db, actor: Actor, offering: OfferingRow, pledge: PledgeRow, today: string, why: string): Promise<void> {
  const fund = await lockFund(tx, pledge.fundId);
  const entry = await releaseCommitment(tx, fund, 'bond_match', pledge.capMinor, {
    occurredOn: today,
    description: `Abondement de l'offre ${offering.code} : plafond libéré (${why})`,
    projectId: offering.issuerProjectId,
    source: { type: 'bond_match_pledge', id: pledge.id },
    postedBy: actor.id,
  });
  await tx.update(bondMatchPledges).set({ status: 'released', matchedMinor: 0, settlementEntryId: entry.id, settledAt: new Date() }).where(eq(bondMatchPledges.id, pledge.id));
}

/**
 * Settles every live pledge of an offering inside the caller's transaction (the close or the cancellation,
 * which hold the offering's lock). Above the minimum (`paidMinor` given), each fund pays the issuer
 * min(cap, paid x ratio, rounded half up) and the rest of its cap is released; otherwise all is released.
 */
export async function settleMatchPledges(tx: Db, actor: Actor, offering: OfferingRow, outcome: { paidMinor: number } | { released: string }, today = todayUtc()): Promise<void> {
  const live = await tx
    .select()
    .from(bondMatchPledges)
    .where(and(eq(bondMatchPledges.offeringId, offering.id), ne(bondMatchPledges.status, 'released'), ne(bondMatchPledges.status, 'posted')))
    .orderBy(asc(bondMatchPledges.fundId))
    .for('update');
  for (const pledge of live) {
    if ('released' in outcome) {
      await releasePledge(tx, actor, offering, pledge, today, outcome.released);
      await recordAudit(tx, actor, { action: 'bond_match_pledge.release', entity: 'bond_match_pledge', entityId: pledge.id, structureId: offering.structureId, before: { status: 'pledged' }, after: { status: 'released', why: outcome.released } });
      continue;
    }
    const matched = matchOf(outcome.paidMinor, pledge.ratioBps, pledge.capMinor);
    if (matched === 0) {
      await releasePledge(tx, actor, offering, pledge, today, 'rien à abonder');
      continue;
    }
    const fund = await lockFund(tx, pledge.fundId);
    const { payment } = await payOut(
      tx,
      fund,
      'bond_match',
      matched,
      {
        occurredOn: today,
        description: `Abondement de l'offre ${offering.code} : versé à l'émetteur à la clôture (${ratioText(pledge.ratioBps)} sur ${outcome.paidMinor} payés)`,
        projectId: offering.issuerProjectId,
        source: { type: 'bond_match_pledge', id: pledge.id },
        postedBy: actor.id,
      },
      { committedMinor: pledge.capMinor, description: `Abondement de l'offre ${offering.code} : part du plafond non utilisée, libérée` },
    );
    await tx.update(bondMatchPledges).set({ status: 'posted', matchedMinor: matched, settlementEntryId: payment.id, settledAt: new Date() }).where(eq(bondMatchPledges.id, pledge.id));
    await recordAudit(tx, actor, { action: 'bond_match_pledge.post', entity: 'bond_match_pledge', entityId: pledge.id, structureId: offering.structureId, before: { status: 'pledged' }, after: { status: 'posted', matchedMinor: matched, journalEntryId: payment.id } });
  }
}
