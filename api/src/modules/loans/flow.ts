import { LOAN_FLOW, type Loan, type LoanDocumentAction } from '@essor/shared/loans';
import { actionsByRole } from '@essor/shared/money-flow';
import type { Db } from '../../db/client';
import type { CurrentUser } from '../../lib/context';
import { touchedBy } from '../approvals/public';
import { reaches } from '../../lib/scope';
import type { Viewer } from '../../lib/viewer';
import { getLoan } from './proposals';

type Waiting = Loan['waiting'][number];

/**
 * What the caller may do now on each loan, from the shared flow and the loan's own conditions, the
 * same the service enforces: four eyes on the decision, one pending rescheduling or write-off at a time,
 * decided by someone other than its proposer.
 */
export async function withLoanActions(db: Db, user: Pick<CurrentUser, 'id' | 'reach'>, loans: Loan[], touchedRead?: Set<string>): Promise<Loan[]> {
  const touched = touchedRead ?? (await touchedBy(db, 'loan', loans.map((l) => l.id), user.id));
  return loans.map((loan) => {
    const handOn = touched.has(loan.id) || loan.proposedBy === user.id;
    const pending = loan.actions.find((a) => a.status === 'pending');
    const allowed: LoanDocumentAction[] = [];
    const waiting: Waiting[] = [];
    for (const action of actionsByRole(LOAN_FLOW, loan.status, (roles) => reaches(user, loan.structureId, roles))) {
      if (action === 'approve' || action === 'reject') {
        if (handOn) waiting.push({ action, reason: 'four_eyes', trancheId: null });
        else allowed.push(action);
      } else if (action === 'propose_action') {
        if (!pending) allowed.push(action);
      } else if (action === 'decide_action') {
        if (!pending) continue;
        if (pending.proposedBy === user.id) waiting.push({ action, reason: 'four_eyes', trancheId: null });
        else allowed.push(action);
      } else {
        allowed.push(action);
      }
    }
    return { ...loan, allowedActions: allowed, waiting };
  });
}

/** A loan as its page shows it to this person: the loan's reads and the four-eyes read side by side. */
export async function loanForCaller(db: Db, user: CurrentUser, viewer: Viewer, id: string): Promise<Loan> {
  const [loan, touched] = await Promise.all([getLoan(db, viewer, id), touchedBy(db, 'loan', [id], user.id)]);
  const [shaped] = await withLoanActions(db, user, [loan], touched);
  return shaped;
}
