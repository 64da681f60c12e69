import type { PayOverEntry, PayOverInput, RefundLine, Settlement } from '@essor/shared/bond-settlement';
import { CURRENCY_EXPONENTS, type CurrencyCode } from '@essor/shared/money';
import type { Page, PageQuery } from '@essor/shared/pagination';
import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { bondInvestors, bondOfferings, bondSubscriptions } from '../../db/schema/bonds';
import { journalEntries, journalLines, ledgerAccounts } from '../../db/schema/ledger';
import { recordAudit, type Actor } from '../../lib/audit';
import type { CurrentUser } from '../../lib/context';
import { allPages, decodeIdCursor, encodeCursor, pageFrom, WALK_PAGE_SIZE } from '../../lib/cursor';
import { Conflict, NotFound } from '../../lib/errors';
import { msg } from '../../lib/messages/render';
import { structureInReach } from '../../lib/scope-guard';
import { assertReach } from '../../lib/scope';
import { ACCOUNT, postMovement } from '../ledger/public';
import { lockOffering, OFFERING_READERS, OFFERING_STAFF, refuseStatus } from './offerings';
import { offeringView, type OfferingRow } from './shape';

/** Who records the transfer of the raise to the issuer: money leaves the trust account. */
export const PAY_OVER_MANAGERS = ['fund_manager'] as const;

/** The pay-over entries name the offering as their source; the close's payable entries name each subscription. */
const PAY_OVER_SOURCE = 'bond_offering';

type OfferingRef = Pick<OfferingRow, 'id' | 'trustFundId'>;

function subscriptionIdsOf(db: Db, offeringId: string) {
  return db.select({ id: sql<string>`${bondSubscriptions.id}::text` }).from(bondSubscriptions).where(eq(bondSubscriptions.offeringId, offeringId));
}

/** The offering's entries in its trust books: the close's (per subscription) and the pay-overs (the offering's). */
function entriesOf(db: Db, offering: OfferingRef): SQL {
  return and(
    eq(journalEntries.fundId, offering.trustFundId),
    or(
      and(eq(journalEntries.sourceType, 'bond_subscription'), inArray(journalEntries.sourceId, subscriptionIdsOf(db, offering.id))),
      and(eq(journalEntries.sourceType, PAY_OVER_SOURCE), eq(journalEntries.sourceId, offering.id)),
    ),
  )!;
}

/** What became payable to the issuer at the close and what was paid over: account 2310 for the offering's entries. */
async function figuresOf(db: Db, offering: OfferingRef): Promise<{ payableMinor: number; paidOverMinor: number; remainingMinor: number }> {
  const [row] = await db
    .select({
      payable: sql<string>`coalesce(sum(case when ${journalEntries.sourceType} = 'bond_subscription' then ${journalLines.creditMinor} - ${journalLines.debitMinor} else 0 end), 0)`,
      paidOver: sql<string>`coalesce(sum(case when ${journalEntries.sourceType} = ${PAY_OVER_SOURCE} then ${journalLines.debitMinor} - ${journalLines.creditMinor} else 0 end), 0)`,
    })
    .from(journalLines)
    .innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, journalLines.accountId))
    .where(and(eq(ledgerAccounts.code, ACCOUNT.issuersPayable), entriesOf(db, offering)));
  const payableMinor = Number(row?.payable ?? 0);
  const paidOverMinor = Number(row?.paidOver ?? 0);
  return { payableMinor, paidOverMinor, remainingMinor: payableMinor - paidOverMinor };
}

async function payOverEntriesOf(db: Db, offering: OfferingRef): Promise<PayOverEntry[]> {
  const rows = await db
    .select({ id: journalEntries.id, occurredOn: journalEntries.occurredOn, description: journalEntries.description, amount: sql<string>`sum(${journalLines.debitMinor} - ${journalLines.creditMinor})` })
    .from(journalEntries)
    .innerJoin(journalLines, eq(journalLines.entryId, journalEntries.id))
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, journalLines.accountId))
    .where(and(eq(journalEntries.fundId, offering.trustFundId), eq(journalEntries.sourceType, PAY_OVER_SOURCE), eq(journalEntries.sourceId, offering.id), eq(ledgerAccounts.code, ACCOUNT.issuersPayable)))
    .groupBy(journalEntries.id, journalEntries.occurredOn, journalEntries.description)
    .orderBy(asc(journalEntries.id));
  return rows.map((r) => ({ journalEntryId: r.id, occurredOn: r.occurredOn, description: r.description, amountMinor: Number(r.amount) }));
}

async function settlementView(db: Db, offeringId: string): Promise<Settlement> {
  const { o, issuerName } = await offeringView(db, offeringId);
  const figures = await figuresOf(db, o);
  return {
    offeringId: o.id,
    offeringCode: o.code,
    issuerName,
    currency: o.currency as CurrencyCode,
    ...figures,
    entries: await payOverEntriesOf(db, o),
    actions: o.status === 'active' && figures.remainingMinor > 0 ? ['pay_over'] : [],
  };
}

/** Where the raise stands between the trust account and the issuer: payable, paid over, remaining, and the transfers. */
export async function settlementOf(db: Db, user: CurrentUser, offeringId: string): Promise<Settlement> {
  await structureInReach(db, user, 'bond_offering', offeringId, OFFERING_READERS);
  return settlementView(db, offeringId);
}

/**
 * A fund manager records that the bank paid the raise over to the issuer: under the offering's lock,
 * exactly what remains payable for the offering leaves the trust account (posted on the day it was paid).
 * Nothing left to pay over is a conflict, so the same transfer is never posted twice.
 */
export async function payOverToIssuer(db: Db, actor: Actor, offeringId: string, input: PayOverInput): Promise<Settlement> {
  return db.transaction(async (tx) => {
    const offering = await lockOffering(tx, offeringId);
    if (offering.status !== 'active') refuseStatus(offering);
    const before = await figuresOf(tx, offering);
    if (before.remainingMinor <= 0) throw new Conflict('bonds.nothing_to_pay_over');
    const bankReference = input.bankReference.trim();
    const entry = await postMovement(tx, 'bond_issuer_paid_over', {
      fund: { id: offering.trustFundId, currency: offering.currency },
      amountMinor: before.remainingMinor,
      occurredOn: input.paidOn,
      dateField: 'paidOn',
      notBefore: offering.issuedOn ? { date: offering.issuedOn, reason: msg('bound.offering_issued', { code: offering.code }) } : null,
      description: `Offre ${offering.code} : levée versée à l'émetteur (référence bancaire ${bankReference})`,
      projectId: offering.issuerProjectId,
      source: { type: PAY_OVER_SOURCE, id: offering.id },
      postedBy: actor.id,
    });
    await recordAudit(tx, actor, {
      action: 'bond_offering.pay_over',
      entity: 'bond_offering',
      entityId: offering.id,
      structureId: offering.structureId,
      before: { ...before },
      after: { paidOverMinor: before.paidOverMinor + before.remainingMinor, remainingMinor: 0, amountMinor: before.remainingMinor, paidOn: input.paidOn, bankReference, journalEntryId: entry.id },
    });
    return settlementView(tx, offering.id);
  });
}

/** A minor amount as the bank reads it: a decimal number in the currency's major unit ("1250.00"). */
function decimalAmount(minorUnits: number, currency: string): string {
  const exponent = CURRENCY_EXPONENTS[currency as CurrencyCode] ?? 2;
  if (exponent === 0) return String(minorUnits);
  const sign = minorUnits < 0 ? '-' : '';
  const digits = String(Math.abs(minorUnits)).padStart(exponent + 1, '0');
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

export interface IssuerTransferOrder {
  issuerName: string;
  amountMinor: number;
  amount: string;
  currency: string;
  reference: string;
  trustAccountCode: string;
  trustAccountName: string;
  trustAccountDetails: string;
}

/** The transfer order the bank executes: what remains payable, from the trust account to the issuer, referenced by the offering's code. */
export async function issuerTransferOrder(db: Db, user: CurrentUser, offeringId: string): Promise<IssuerTransferOrder> {
  await structureInReach(db, user, 'bond_offering', offeringId, OFFERING_STAFF);
  const { o, issuerName, fund } = await offeringView(db, offeringId);
  const { remainingMinor } = await figuresOf(db, o);
  if (remainingMinor <= 0) throw new Conflict('bonds.nothing_to_pay_over');
  return {
    issuerName,
    amountMinor: remainingMinor,
    amount: decimalAmount(remainingMinor, o.currency),
    currency: o.currency,
    reference: o.code,
    trustAccountCode: fund.code,
    trustAccountName: fund.name,
    trustAccountDetails: fund.description,
  };
}

/** One page of the refunds posted for an offering, in the order they were posted (keyset on the entry id). */
async function listRefundLines(db: Db, offering: OfferingRef, query: PageQuery): Promise<Page<RefundLine>> {
  const where: SQL[] = [
    eq(journalEntries.fundId, offering.trustFundId),
    eq(journalEntries.kind, 'subscription_refund'),
    eq(journalEntries.sourceType, 'bond_subscription'),
    isNull(journalEntries.reversesEntryId),
    eq(bondSubscriptions.offeringId, offering.id),
  ];
  if (query.cursor) where.push(sql`${journalEntries.id} > ${decodeIdCursor(query.cursor)}`);
  const rows = await db
    .select({
      entryId: journalEntries.id,
      refundedOn: journalEntries.occurredOn,
      currency: journalEntries.currency,
      subscriptionId: bondSubscriptions.id,
      reference: bondSubscriptions.reference,
      subscriberName: bondInvestors.fullName,
      subscriberAddress: bondInvestors.address,
      amount: sql<string>`(select coalesce(sum(l.debit_minor), 0) from journal_lines l where l.entry_id = ${journalEntries.id})`,
      bankReferences: sql<string | null>`(select string_agg(p.bank_reference, chr(31) order by p.received_on, p.journal_entry_id) from bond_payments p where p.subscription_id = ${bondSubscriptions.id} and p.bank_reference is not null)`,
    })
    .from(journalEntries)
    .innerJoin(bondSubscriptions, sql`${bondSubscriptions.id}::text = ${journalEntries.sourceId}`)
    .innerJoin(bondInvestors, eq(bondInvestors.id, bondSubscriptions.investorId))
    .where(and(...where))
    .orderBy(asc(journalEntries.id))
    .limit(query.limit + 1);
  const page = pageFrom(rows, query.limit, (r) => encodeCursor(r.entryId, r.entryId));
  return {
    items: page.items.map((r) => ({
      journalEntryId: r.entryId,
      refundedOn: r.refundedOn,
      subscriptionId: r.subscriptionId,
      reference: r.reference,
      subscriberName: r.subscriberName,
      subscriberAddress: r.subscriberAddress,
      amountMinor: Number(r.amount),
      currency: r.currency,
      paymentBankReferences: r.bankReferences ? r.bankReferences.split('\u001f') : [],
    })),
    nextCursor: page.nextCursor,
  };
}

/** Every refund posted for the offering (a failed close, a cancellation, a part paid reservation dropped), walked page by page for the bank's file. */
export async function* exportRefundLines(db: Db, user: CurrentUser, offeringId: string): AsyncGenerator<RefundLine[]> {
  const [offering] = await db.select({ id: bondOfferings.id, structureId: bondOfferings.structureId, trustFundId: bondOfferings.trustFundId }).from(bondOfferings).where(eq(bondOfferings.id, offeringId));
  if (!offering) throw new NotFound('thing.bond_offering');
  assertReach(user, offering.structureId, OFFERING_STAFF, 'thing.bond_offering');
  yield* allPages((cursor) => listRefundLines(db, offering, { cursor, limit: WALK_PAGE_SIZE }));
}

