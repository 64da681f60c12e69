import type { ApprovalInbox } from '@essor/shared/cofinancing';
import type { CurrencyCode } from '@essor/shared/money';
import type { Role } from '@essor/shared/roles';
import { and, asc, eq, ne } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { equipmentQuotes } from '../../db/schema/equipment';
import { funds } from '../../db/schema/funds';
import { loanActions, loans } from '../../db/schema/loans';
import { projects } from '../../db/schema/projects';
import { listCofinancing } from '../cofinancing/service';
import { STAFF_VIEWER } from './viewer';

/**
 * What waits on this person's decision: never what they prepared themselves (four eyes), and a
 * committee member sees the requests above the threshold that still need the committee's opinion.
 */
export async function approvalInbox(db: Db, user: { id: string; roles: Role[] }): Promise<ApprovalInbox> {
  const isManager = user.roles.includes('fund_manager');
  const isCommittee = user.roles.includes('committee_member');
  const prepared = await listCofinancing(db, STAFF_VIEWER, { status: 'prepared' });
  const cofinancing = prepared
    .filter((r) => {
      const needsCommittee = r.committeeRequired && r.committeeDecision === null;
      if (isCommittee && needsCommittee) return true;
      return isManager && r.preparedBy !== user.id && !needsCommittee;
    })
    .map(({ timeline: _t, ...r }) => r)
    .reverse();
  if (!isManager) return { cofinancing, loans: [], loanActions: [], equipmentQuotes: [] };
  const proposedLoans = await db
    .select({ id: loans.id, number: loans.number, projectTitle: projects.title, principalMinor: loans.principalMinor, currency: loans.currency, fundCode: funds.code, status: loans.status })
    .from(loans)
    .innerJoin(projects, eq(projects.id, loans.projectId))
    .innerJoin(funds, eq(funds.id, loans.fundId))
    .where(and(eq(loans.status, 'proposed'), ne(loans.proposedBy, user.id)))
    .orderBy(asc(loans.number));
  const actions = await db
    .select({ id: loanActions.id, loanId: loanActions.loanId, loanNumber: loans.number, kind: loanActions.kind, reason: loanActions.reason, proposedAt: loanActions.proposedAt })
    .from(loanActions)
    .innerJoin(loans, eq(loans.id, loanActions.loanId))
    .where(and(eq(loanActions.status, 'pending'), ne(loanActions.proposedBy, user.id)))
    .orderBy(asc(loanActions.proposedAt));
  const quotes = await db
    .select({ id: equipmentQuotes.id, number: equipmentQuotes.number, supplier: equipmentQuotes.supplier, totalMinor: equipmentQuotes.totalMinor, currency: equipmentQuotes.currency, projectTitle: projects.title })
    .from(equipmentQuotes)
    .innerJoin(projects, eq(projects.id, equipmentQuotes.projectId))
    .where(and(eq(equipmentQuotes.status, 'recorded'), ne(equipmentQuotes.recordedBy, user.id)))
    .orderBy(asc(equipmentQuotes.number));
  return {
    cofinancing,
    loans: proposedLoans.map((l) => ({ ...l, currency: l.currency as CurrencyCode })),
    loanActions: actions.map((a) => ({ ...a, kind: a.kind as 'reschedule' | 'write_off', proposedAt: a.proposedAt.toISOString() })),
    equipmentQuotes: quotes.map((q) => ({ ...q, currency: q.currency as CurrencyCode })),
  };
}
