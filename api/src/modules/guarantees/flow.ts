import { GUARANTEE_FLOW, type Guarantee, type GuaranteeAction } from '@essor/shared/guarantees';
import { actionsByRole } from '@essor/shared/money-flow';
import type { Db } from '../../db/client';
import type { CurrentUser } from '../../lib/context';
import { reaches } from '../../lib/scope';
import { touchedBy } from '../approvals/public';

type Waiting = Guarantee['waiting'][number];

/** The guarantee's open call, as much of it as the flow needs (null: none). */
export interface OpenCall {
  status: 'pending' | 'approved' | 'paid';
  madeBy: string;
}

/**
 * What the caller may do now on each guarantee, from the shared flow and the same conditions the services
 * enforce: four eyes on the approval (nobody who had a hand on it) and on a call's payout (not its maker);
 * a called guarantee waits on its call's decision, then on its payment.
 */
export async function withGuaranteeActions<G extends Omit<Guarantee, 'allowedActions' | 'waiting'>>(
  db: Db,
  user: Pick<CurrentUser, 'id' | 'reach'>,
  list: G[],
  openCalls: Promise<Map<string, OpenCall>>,
): Promise<(G & Pick<Guarantee, 'allowedActions' | 'waiting'>)[]> {
  // Side by side with the open calls' read: two round trips at once.
  const [touched, open] = await Promise.all([touchedBy(db, 'guarantee', list.filter((g) => g.status === 'prepared').map((g) => g.id), user.id), openCalls]);
  return list.map((g) => {
    const call = open.get(g.id) ?? null;
    const allowed: GuaranteeAction[] = [];
    const waiting: Waiting[] = [];
    for (const action of actionsByRole(GUARANTEE_FLOW, g.status, (roles) => reaches(user, g.structureId, roles))) {
      if (action === 'approve' || action === 'reject') {
        if (g.preparedBy === user.id || touched.has(g.id)) waiting.push({ action, reason: 'four_eyes', trancheId: null });
        else allowed.push(action);
      } else if (action === 'decide_call') {
        if (call?.status !== 'pending') continue;
        if (call.madeBy === user.id) waiting.push({ action, reason: 'four_eyes', trancheId: null });
        else allowed.push(action);
      } else if (action === 'pay_call') {
        if (call?.status === 'approved') allowed.push(action);
      } else if (action === 'call') {
        if (!call) allowed.push(action);
      } else {
        allowed.push(action);
      }
    }
    return { ...g, allowedActions: allowed, waiting };
  });
}
