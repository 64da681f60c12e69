import type { CancelInput, Cofinancing } from '@essor/shared/cofinancing';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { cofinancingRequests, cofinancingTranches } from '../../db/schema/funds';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict } from '../../lib/errors';
import { msg, named } from '../../lib/messages/render';
import { STAFF_VIEWER } from '../../lib/viewer';
import { withdrawPending } from '../approvals/public';
import { approvalBound, todayUtc as today } from '../ledger/public';
import { releaseCommitment, withFundLock } from '../funds/public';
import { requestRow, getCofinancing } from './requests';

/** Cancelling releases what was committed and not yet paid; tranches already paid stay paid. */
export async function cancelCofinancing(db: Db, actor: Actor, id: string, input: CancelInput): Promise<Cofinancing> {
  await db.transaction(async (tx) => {
    const { fund, row } = await withFundLock(tx, (lock) => requestRow(tx, id, lock));
    if (!['draft', 'prepared', 'approved'].includes(row.status)) throw new Conflict(msg('cofinancing.cannot_cancel', { status: named('request_status', row.status) }));
    let releasedMinor = 0;
    let journalEntryId: number | null = null;
    if (row.status === 'approved') {
      const planned = await tx
        .select()
        .from(cofinancingTranches)
        .where(and(eq(cofinancingTranches.requestId, id), eq(cofinancingTranches.status, 'planned')));
      releasedMinor = planned.reduce((sum, t) => sum + t.amountMinor, 0);
      if (releasedMinor > 0) {
        const entry = await releaseCommitment(tx, fund, 'cofinancing', releasedMinor, {
          occurredOn: today(),
          notBefore: await approvalBound(tx, { type: 'cofinancing', id: row.id }, msg('document.cofinancing', { number: row.number })),
          description: `Cofinancement n° ${row.number} annulé : ${input.reason}`,
          projectId: row.projectId,
          source: { type: 'cofinancing', id: row.id },
          postedBy: actor.id,
        });
        journalEntryId = entry.id;
      }
    }
    await tx
      .update(cofinancingTranches)
      .set({ status: 'cancelled' })
      .where(and(eq(cofinancingTranches.requestId, id), eq(cofinancingTranches.status, 'planned')));
    await tx
      .update(cofinancingRequests)
      .set({ status: 'cancelled', cancelledAt: new Date(), cancelReason: input.reason, updatedAt: new Date() })
      .where(eq(cofinancingRequests.id, id));
    await withdrawPending(tx, actor, { kind: 'cofinancing.approve', entityId: id });
    await recordAudit(tx, actor, { action: 'cofinancing.cancel', entity: 'cofinancing', entityId: id, structureId: row.structureId, before: { status: row.status }, after: { status: 'cancelled', releasedMinor, journalEntryId, reason: input.reason } });
  });
  return getCofinancing(db, STAFF_VIEWER, id);
}
