import type { Offering, PublicOffering, Subscription } from '@essor/shared/bonds';
import { CURRENCY_EXPONENTS, type CurrencyCode } from '@essor/shared/money';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { bondOfferings, bondSubscriptions } from '../../db/schema/bonds';
import { funds } from '../../db/schema/funds';
import { organisations, projects } from '../../db/schema/projects';
import { NotFound } from '../../lib/errors';
import { builtOnce } from '../../lib/prepared';
import { displayReference } from './references';

export type OfferingRow = typeof bondOfferings.$inferSelect;
export type SubscriptionRow = typeof bondSubscriptions.$inferSelect;

/** An offering row with what its replies name: the issuer and the trust books. */
export interface OfferingView {
  o: OfferingRow;
  issuerName: string;
  fund: { code: string; name: string; description: string };
  /** Matchfunding: what the live pledges give on what is paid now (capped; posted ones as posted), and their caps. */
  match?: { soFarMinor: number | string; capMinor: number | string };
}

/**
 * The columns every offering reply reads, joined once. The matchfunding figures (two sums over the pledges per
 * offering) only for the public pages, which show them; the admin's replies do not carry them.
 */
function offeringViewColumns(withMatch: boolean) {
  return {
    o: bondOfferings,
    issuerName: sql<string>`coalesce(${organisations.name}, ${projects.title})`,
    fund: { code: funds.code, name: funds.name, description: funds.description },
    match: {
      soFarMinor: withMatch
        ? sql<string>`(select coalesce(sum(case when p.status = 'posted' then p.matched_minor else least(p.cap_minor, (${bondOfferings.paidUnits}::bigint * ${bondOfferings.unitPriceMinor} * p.ratio_bps + 5000) / 10000) end), 0) from bond_match_pledges p where p.offering_id = ${bondOfferings.id} and p.status <> 'released')`
        : sql<string>`0`,
      capMinor: withMatch ? sql<string>`(select coalesce(sum(p.cap_minor), 0) from bond_match_pledges p where p.offering_id = ${bondOfferings.id} and p.status <> 'released')` : sql<string>`0`,
    },
  };
}

export function offeringViewQuery(db: Db, { withMatch = false } = {}) {
  return db
    .select(offeringViewColumns(withMatch))
    .from(bondOfferings)
    .innerJoin(projects, eq(projects.id, bondOfferings.issuerProjectId))
    .leftJoin(organisations, eq(organisations.id, projects.organisationId))
    .innerJoin(funds, eq(funds.id, bondOfferings.trustFundId));
}

/** One offering's view, built once per database handle (every offering page and money move reads it). */
const offeringById = builtOnce((db) => offeringViewQuery(db).where(eq(bondOfferings.id, sql.placeholder('id'))).prepare('essor_offering_view'));

export async function offeringView(db: Db, id: string): Promise<OfferingView> {
  const [row] = await offeringById(db).execute({ id });
  if (!row) throw new NotFound('thing.bond_offering');
  return row;
}

export function toOffering({ o, issuerName, fund }: OfferingView): Offering {
  return {
    id: o.id,
    structureId: o.structureId,
    code: o.code,
    issuerProjectId: o.issuerProjectId,
    issuerName,
    trustFundId: o.trustFundId,
    trustFundCode: fund.code,
    title: o.title,
    summaryFr: o.summaryFr,
    summaryEn: o.summaryEn,
    noticeFr: o.noticeFr,
    noticeEn: o.noticeEn,
    useOfFunds: o.useOfFunds,
    impactAim: o.impactAim,
    currency: o.currency as CurrencyCode,
    unitPriceMinor: o.unitPriceMinor,
    maxUnits: o.maxUnits,
    minUnits: o.minUnits,
    minUnitsPerPerson: o.minUnitsPerPerson,
    maxUnitsPerPerson: o.maxUnitsPerPerson,
    rateBps: o.rateBps,
    termMonths: o.termMonths,
    couponFrequency: o.couponFrequency,
    dayCount: o.dayCount,
    opensOn: o.opensOn,
    closesOn: o.closesOn,
    issuedOn: o.issuedOn,
    maturesOn: o.maturesOn,
    paymentDays: o.paymentDays,
    withholdingBps: o.withholdingBps,
    earlyRedemptionFrom: o.earlyRedemptionFrom,
    redeemedOn: o.redeemedOn,
    status: o.status,
    reservedUnits: o.reservedUnits,
    paidUnits: o.paidUnits,
    createdBy: o.createdBy,
    approvedBy: o.approvedBy,
    cancelledReason: o.cancelledReason,
    cancelledAt: o.cancelledAt?.toISOString() ?? null,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

export function toPublicOffering({ o, issuerName, match }: OfferingView): PublicOffering {
  return {
    id: o.id,
    code: o.code,
    title: o.title,
    issuerName,
    summaryFr: o.summaryFr,
    summaryEn: o.summaryEn,
    noticeFr: o.noticeFr,
    noticeEn: o.noticeEn,
    useOfFunds: o.useOfFunds,
    impactAim: o.impactAim,
    currency: o.currency as CurrencyCode,
    unitPriceMinor: o.unitPriceMinor,
    maxUnits: o.maxUnits,
    minUnits: o.minUnits,
    minUnitsPerPerson: o.minUnitsPerPerson,
    maxUnitsPerPerson: o.maxUnitsPerPerson,
    rateBps: o.rateBps,
    termMonths: o.termMonths,
    couponFrequency: o.couponFrequency,
    dayCount: o.dayCount,
    opensOn: o.opensOn,
    closesOn: o.closesOn,
    withholdingBps: o.withholdingBps,
    earlyRedemptionFrom: o.earlyRedemptionFrom,
    status: o.status,
    paidUnits: o.paidUnits,
    reservedUnits: o.reservedUnits,
    remainingUnits: o.status === 'open' ? o.maxUnits - o.reservedUnits - o.paidUnits : 0,
    matchedSoFarMinor: Number(match?.soFarMinor ?? 0),
    matchPledgedCapMinor: Number(match?.capMinor ?? 0),
  };
}

/** A subscription with what its replies name: the offering, the investor, and the trust account to pay. */
export interface SubscriptionView {
  s: SubscriptionRow;
  offeringCode: string;
  offeringTitle: string;
  investorName: string;
  fund: { code: string; name: string; description: string };
}

export function toSubscription({ s, offeringCode, offeringTitle, investorName, fund }: SubscriptionView): Subscription {
  const awaitingMoney = s.status === 'reserved';
  return {
    id: s.id,
    seq: s.seq,
    structureId: s.structureId,
    offeringId: s.offeringId,
    offeringCode,
    offeringTitle,
    investorId: s.investorId,
    investorName,
    units: s.units,
    amountMinor: s.amountMinor,
    paidMinor: s.paidMinor,
    currency: s.currency as CurrencyCode,
    reference: s.reference,
    status: s.status,
    reservedAt: s.reservedAt?.toISOString() ?? null,
    expiresAt: s.expiresAt?.toISOString() ?? null,
    paidAt: s.paidAt?.toISOString() ?? null,
    closedAt: s.closedAt?.toISOString() ?? null,
    createdAt: s.createdAt.toISOString(),
    paymentInstructions: awaitingMoney
      ? {
          reference: s.reference,
          referenceDisplay: displayReference(s.reference),
          amountMinor: s.amountMinor - s.paidMinor,
          currency: s.currency as CurrencyCode,
          trustAccountName: fund.name,
          trustAccountCode: fund.code,
          trustAccountDetails: fund.description,
          dueBy: s.expiresAt?.toISOString() ?? null,
        }
      : null,
  };
}

/** An amount as plain text for messages ("1250.00 CAD"): the same in both languages. */
export function plainMoney(minor: number, currency: string): string {
  const exponent = CURRENCY_EXPONENTS[currency as CurrencyCode] ?? 2;
  return `${(minor / 10 ** exponent).toFixed(exponent)} ${currency}`;
}
