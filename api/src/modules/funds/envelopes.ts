import type { Envelope, SetEnvelopeInput } from '@essor/shared/funds';
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { fundEnvelopes } from '../../db/schema/funds';
import { programmes } from '../../db/schema/programmes';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict, Unprocessable } from '../../lib/errors';
import { msg } from '../../lib/messages/render';
import { rowsOf } from '../../lib/rows';
import { isWithin } from '../../lib/scope';
import { COMMITMENT_ACCOUNTS } from '../ledger/public';
import { ensureCurrency } from './eligibility';
import { getFundRow, lockFund } from './lock';

/** What a fund has committed (net of cancellations) to projects of one programme. */
export async function committedToProgramme(db: Db, fundId: string, programmeId: string): Promise<number> {
  const result = await db.execute(sql`
    select coalesce(sum(l.credit_minor - l.debit_minor), 0) as committed
    from journal_lines l
    join journal_entries e on e.id = l.entry_id
    join ledger_accounts a on a.id = l.account_id
    join projects p on p.id = e.project_id
    where e.fund_id = ${fundId} and p.programme_id = ${programmeId}
      and e.kind in ('commitment', 'cancellation')
      and a.code in (${sql.join(COMMITMENT_ACCOUNTS.map((code) => sql`${code}`), sql`, `)})`);
  return Number(rowsOf<{ committed: string }>(result)[0].committed);
}

export async function findEnvelope(db: Db, fundId: string, programmeId: string | null) {
  if (!programmeId) return null;
  const [row] = await db
    .select()
    .from(fundEnvelopes)
    .where(sql`${fundEnvelopes.fundId} = ${fundId} and ${fundEnvelopes.programmeId} = ${programmeId}`);
  return row ?? null;
}

export async function listEnvelopes(db: Db, fundId: string): Promise<Envelope[]> {
  await getFundRow(db, fundId);
  const rows = await db
    .select({ e: fundEnvelopes, programmeCode: programmes.code })
    .from(fundEnvelopes)
    .innerJoin(programmes, eq(programmes.id, fundEnvelopes.programmeId))
    .where(eq(fundEnvelopes.fundId, fundId))
    .orderBy(asc(programmes.code));
  return Promise.all(
    rows.map(async ({ e, programmeCode }) => {
      const committed = await committedToProgramme(db, fundId, e.programmeId);
      return {
        id: e.id,
        structureId: e.structureId,
        fundId,
        programmeId: e.programmeId,
        programmeCode,
        amountMinor: e.amountMinor,
        maxShareBps: e.maxShareBps,
        maxRequestMinor: e.maxRequestMinor,
        committedMinor: committed,
        remainingMinor: e.amountMinor - committed,
      };
    }),
  );
}

/** Sets (or changes) a programme's envelope in a fund and the rules its requests must follow. */
export async function setEnvelope(db: Db, actor: Actor, fundId: string, input: SetEnvelopeInput): Promise<Envelope> {
  await db.transaction(async (tx) => {
    const fund = await lockFund(tx, fundId);
    const [programme] = await tx.select().from(programmes).where(eq(programmes.id, input.programmeId));
    if (!programme) throw new Unprocessable('funds.unknown_programme', 'invalid', { programmeId: ['field.unknown_programme'] });
    if (!(await isWithin(tx, programme.structureId, fund.structureId))) {
      throw new Unprocessable('funds.programme_outside_structure', 'invalid', { programmeId: ['field.outside_fund_structure'] });
    }
    ensureCurrency(fund, programme.currency, 'programmeId');
    const committed = await committedToProgramme(tx, fundId, input.programmeId);
    if (input.amountMinor < committed) throw new Conflict(msg('funds.envelope_below_committed', { committed }), { amountMinor: ['field.below_committed'] });
    const before = await findEnvelope(tx, fundId, input.programmeId);
    await tx
      .insert(fundEnvelopes)
      .values({ fundId, structureId: fund.structureId, ...input })
      .onConflictDoUpdate({
        target: [fundEnvelopes.fundId, fundEnvelopes.programmeId],
        set: { amountMinor: input.amountMinor, maxShareBps: input.maxShareBps, maxRequestMinor: input.maxRequestMinor },
      });
    await recordAudit(tx, actor, { action: 'fund.envelope', entity: 'fund', entityId: fundId, before, after: input, structureId: fund.structureId });
  });
  return (await listEnvelopes(db, fundId)).find((e) => e.programmeId === input.programmeId)!;
}
