import type { Cofinancing, DisburseTrancheInput } from '@essor/shared/cofinancing';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { cofinancingRequests, cofinancingTranches } from '../../db/schema/funds';
import { milestones } from '../../db/schema/projects';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict, NotFound } from '../../lib/errors';
import { msg, named } from '../../lib/messages/render';
import { STAFF_VIEWER } from '../../lib/viewer';
import { approvalBound, todayUtc as today } from '../ledger/public';
import { payOut, withFundLock } from '../funds/public';
import { requestRow, getCofinancing } from './requests';

export async function signAgreement(db: Db, actor: Actor, id: string, signedOn: string): Promise<Cofinancing> {
  await db.transaction(async (tx) => {
    const row = await requestRow(tx, id, true);
    if (row.status !== 'approved') throw new Conflict('cofinancing.agreement_approved_only');
    if (row.agreementSignedOn) throw new Conflict(msg('cofinancing.agreement_signed', { on: row.agreementSignedOn }));
    await tx.update(cofinancingRequests).set({ agreementSignedOn: signedOn, updatedAt: new Date() }).where(eq(cofinancingRequests.id, id));
    await recordAudit(tx, actor, { action: 'cofinancing.agreement', entity: 'cofinancing', entityId: id, structureId: row.structureId, after: { signedOn, conditions: row.conditions } });
  });
  return getCofinancing(db, STAFF_VIEWER, id);
}

/** Pays one tranche out of what was committed: the commitment turns into cash leaving the bank. */
export async function disburseTranche(db: Db, actor: Actor, id: string, trancheId: string, input: DisburseTrancheInput): Promise<Cofinancing> {
  await db.transaction(async (tx) => {
    const { fund, row } = await withFundLock(tx, (lock) => requestRow(tx, id, lock));
    if (row.status !== 'approved') throw new Conflict(msg('cofinancing.disburses_nothing', { status: named('request_status', row.status) }));
    if (!row.agreementSignedOn) throw new Conflict('cofinancing.sign_first');
    const [tranche] = await tx
      .select()
      .from(cofinancingTranches)
      .where(and(eq(cofinancingTranches.id, trancheId), eq(cofinancingTranches.requestId, id)))
      .for('update');
    if (!tranche) throw new NotFound('thing.tranche');
    if (tranche.status !== 'planned') throw new Conflict(msg('cofinancing.tranche_already', { status: named('tranche_status', tranche.status) }));
    if (tranche.milestoneId) {
      const [milestone] = await tx.select().from(milestones).where(eq(milestones.id, tranche.milestoneId));
      if (milestone?.status !== 'reached') throw new Conflict(msg('cofinancing.milestone_not_reached', { title: milestone?.title ?? '' }));
    }
    const disbursedOn = input.disbursedOn ?? today();
    const { payment: entry } = await payOut(tx, fund, 'cofinancing', tranche.amountMinor, {
      occurredOn: disbursedOn,
      dateField: 'disbursedOn',
      notBefore: [
        await approvalBound(tx, { type: 'cofinancing', id: row.id }, msg('document.cofinancing', { number: row.number })),
        { date: row.agreementSignedOn, reason: msg('bound.agreement_signed', { number: row.number }) },
      ],
      description: `Cofinancement n° ${row.number}, tranche ${tranche.seq}`,
      projectId: row.projectId,
      source: { type: 'cofinancing_tranche', id: tranche.id },
      postedBy: actor.id,
    });
    await tx.update(cofinancingTranches).set({ status: 'disbursed', disbursedOn, journalEntryId: entry.id }).where(eq(cofinancingTranches.id, trancheId));
    const [{ left }] = await tx
      .select({ left: sql<number>`count(*)::int` })
      .from(cofinancingTranches)
      .where(and(eq(cofinancingTranches.requestId, id), eq(cofinancingTranches.status, 'planned')));
    if (left === 0) await tx.update(cofinancingRequests).set({ status: 'completed', updatedAt: new Date() }).where(eq(cofinancingRequests.id, id));
    await recordAudit(tx, actor, { action: 'cofinancing.disburse', entity: 'cofinancing', entityId: id, structureId: row.structureId, after: { trancheId, seq: tranche.seq, amountMinor: tranche.amountMinor, disbursedOn, journalEntryId: entry.id } });
  });
  return getCofinancing(db, STAFF_VIEWER, id);
}
