import { COFINANCING_FLOW, type Cofinancing, type CofinancingAction } from '@essor/shared/cofinancing';
import { actionsByRole } from '@essor/shared/money-flow';
import type { Db } from '../../db/client';
import type { CurrentUser } from '../../lib/context';
import { touchedBy } from '../approvals/public';
import { reaches } from '../../lib/scope';

type Waiting = Cofinancing['waiting'][number];

/**
 * What the caller may do now on each request, from the shared flow (who acts in which status) and the
 * request's own conditions, the same the service enforces: four eyes, the committee above the
 * threshold, the signed agreement and reached milestones before a tranche is paid.
 */
export async function withCofinancingActions<T extends Cofinancing | Omit<Cofinancing, 'timeline'>>(db: Db, user: Pick<CurrentUser, 'id' | 'reach'>, requests: T[]): Promise<T[]> {
  const touched = await touchedBy(db, 'cofinancing', requests.map((r) => r.id), user.id);
  return requests.map((r) => {
    const handOn = touched.has(r.id) || r.createdBy === user.id || r.preparedBy === user.id;
    const allowed: CofinancingAction[] = [];
    const waiting: Waiting[] = [];
    const wait = (action: CofinancingAction, reason: Waiting['reason'], trancheId: string | null = null) => waiting.push({ action, reason, trancheId });
    let tranches = r.tranches;
    for (const action of actionsByRole(COFINANCING_FLOW, r.status, (roles) => reaches(user, r.structureId, roles))) {
      if (action === 'approve' || action === 'reject') {
        if (handOn) wait(action, 'four_eyes');
        else if (action === 'approve' && r.committeeRequired && r.committeeDecision === null) wait(action, 'committee_opinion');
        else if (action === 'approve' && r.committeeRequired && r.committeeDecision === 'unfavourable') wait(action, 'committee_unfavourable');
        else allowed.push(action);
      } else if (action === 'committee_opinion') {
        if (!r.committeeRequired || r.committeeDecision !== null) continue;
        if (handOn) wait(action, 'four_eyes');
        else allowed.push(action);
      } else if (action === 'sign_agreement') {
        if (!r.agreementSignedOn) allowed.push(action);
      } else if (action === 'disburse') {
        if (!r.agreementSignedOn) {
          wait(action, 'agreement_unsigned');
          continue;
        }
        tranches = r.tranches.map((t) => {
          if (t.status !== 'planned') return t;
          if (t.milestoneId && t.milestoneStatus !== 'reached') {
            wait(action, 'milestone_not_reached', t.id);
            return t;
          }
          return { ...t, disbursable: true };
        });
        if (tranches.some((t) => t.disbursable)) allowed.push(action);
      } else {
        allowed.push(action);
      }
    }
    return { ...r, tranches, allowedActions: allowed, waiting };
  });
}
