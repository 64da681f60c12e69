import type { CurrencyCode } from '@essor/shared/money';
import type { Contribution, RecordContributionInput } from '@essor/shared/funds';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { capitalContributions, funders } from '../../db/schema/funds';
import { journalEntries } from '../../db/schema/ledger';
import { recordAudit, type Actor } from '../../lib/audit';
import { Unprocessable } from '../../lib/errors';
import { postMovement, todayUtc } from '../ledger/public';
import { ensureCurrency } from './eligibility';
import { getFundRow, lockFund } from './lock';

export async function listContributions(db: Db, fundId: string): Promise<Contribution[]> {
  await getFundRow(db, fundId);
  const rows = await db
    .select({ c: capitalContributions, funderName: funders.name, reversal: journalEntries.id })
    .from(capitalContributions)
    .innerJoin(funders, eq(funders.id, capitalContributions.funderId))
    .leftJoin(journalEntries, eq(journalEntries.reversesEntryId, capitalContributions.journalEntryId))
    .where(eq(capitalContributions.fundId, fundId))
    .orderBy(desc(capitalContributions.receivedOn), desc(capitalContributions.createdAt));
  return rows.map(({ c, funderName, reversal }) => ({
    id: c.id,
    fundId: c.fundId,
    funderId: c.funderId,
    funderName,
    amountMinor: c.amountMinor,
    currency: c.currency as CurrencyCode,
    receivedOn: c.receivedOn,
    journalEntryId: c.journalEntryId,
    reversed: reversal !== null,
    createdAt: c.createdAt.toISOString(),
  }));
}

/** A funder pays capital in: the bank goes up, and so does the funders' equity. */
export async function recordContribution(db: Db, actor: Actor, fundId: string, input: RecordContributionInput): Promise<Contribution> {
  return db.transaction(async (tx) => {
    const fund = await lockFund(tx, fundId);
    ensureCurrency(fund, input.currency);
    const [funder] = await tx.select().from(funders).where(eq(funders.id, input.funderId));
    if (!funder) throw new Unprocessable('funds.unknown_funder', 'invalid', { funderId: ['field.unknown_funder'] });
    const receivedOn = input.receivedOn ?? todayUtc();
    const entry = await postMovement(tx, 'capital_in', {
      fund,
      amountMinor: input.amountMinor,
      occurredOn: receivedOn,
      dateField: 'receivedOn',
      description: `Apport de ${funder.name}`,
      source: { type: 'funder', id: funder.id },
      postedBy: actor.id,
    });
    const [row] = await tx
      .insert(capitalContributions)
      .values({ fundId, funderId: funder.id, amountMinor: input.amountMinor, currency: fund.currency, receivedOn, journalEntryId: entry.id })
      .returning();
    await recordAudit(tx, actor, { action: 'fund.contribution', entity: 'fund', entityId: fundId, after: { ...input, receivedOn, journalEntryId: entry.id }, structureId: fund.structureId });
    return {
      id: row.id,
      fundId,
      funderId: funder.id,
      funderName: funder.name,
      amountMinor: row.amountMinor,
      currency: fund.currency as CurrencyCode,
      receivedOn,
      journalEntryId: entry.id,
      reversed: false,
      createdAt: row.createdAt.toISOString(),
    };
  });
}
