import type { ApprovalInbox } from '@essor/shared/cofinancing';
import type { CurrencyCode } from '@essor/shared/money';
import { and, asc, eq, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { pendingDecisions } from '../../db/schema/approvals';
import { bondOfferings } from '../../db/schema/bonds';
import { equipmentQuotes } from '../../db/schema/equipment';
import { guaranteeBanks, guarantees } from '../../db/schema/guarantees';
import { cofinancingRequests, funds } from '../../db/schema/funds';
import { accountingClosures } from '../../db/schema/ledger';
import { loanActions, loans } from '../../db/schema/loans';
import { projects } from '../../db/schema/projects';
import type { CurrentUser } from '../../lib/context';
import { anyOfPlaced } from '../../lib/any-of';
import { builtOnce } from '../../lib/prepared';
import { structuresReached } from '../../lib/scope';
import { DECISION_KINDS, type DecisionKind } from './decisions';
import { noHandOn } from './four-eyes';

const MANAGER = ['fund_manager'] as const;
const COMMITTEE = ['committee_member'] as const;

/**
 * The inbox's reads are built once (it runs on every visit of the home page too); who reads comes as values:
 * `userId`, `manager` (the structures their fund manager role reaches) and `committee` (their committee member's).
 */
const userId = sql`${sql.placeholder('userId')}::uuid`;

/** Pending decisions of a kind this person may check: in their reach as fund manager, never their own nor one on a document they had a hand on. */
function checkable(kind: DecisionKind): SQL {
  const { entity, wholeTrail } = DECISION_KINDS[kind];
  return and(
    eq(pendingDecisions.kind, kind),
    eq(pendingDecisions.status, 'pending'),
    ne(pendingDecisions.makerId, userId),
    anyOfPlaced(pendingDecisions.structureId, 'manager'),
    wholeTrail ? noHandOn(entity, pendingDecisions.entityId, userId) : undefined,
  )!;
}

/** Who reads the inbox, as the values of its queries. */
type Who = { userId: string; manager: string[]; committee: string[] };

const inOrder = [asc(pendingDecisions.requestedAt), asc(pendingDecisions.id)];

/**
 * Co-financing requests waiting: on a fund manager's decision once the committee, when the amount needs
 * it, gave its opinion; before that, on the opinion of a committee member reaching the fund's structure
 * (not a four-eyes decision: who records the opinion is checked by the co-financing module).
 */
const cofinancingWaitingQuery = builtOnce((db) => {
  const committeeRequired = sql<boolean>`${cofinancingRequests.amountMinor} > ${funds.committeeThresholdMinor}`;
  const opinionMissing = and(sql`${committeeRequired}`, isNull(cofinancingRequests.committeeDecision));
  const forManager = and(
    checkable('cofinancing.approve'),
    sql`not ${opinionMissing}`,
    ne(cofinancingRequests.createdBy, userId),
    or(isNull(cofinancingRequests.committeeDecidedBy), ne(cofinancingRequests.committeeDecidedBy, userId)),
  );
  const forCommittee = and(eq(pendingDecisions.kind, 'cofinancing.approve'), eq(pendingDecisions.status, 'pending'), opinionMissing, anyOfPlaced(pendingDecisions.structureId, 'committee'));
  return db
    .select({
      decisionId: pendingDecisions.id,
      requestedAt: pendingDecisions.requestedAt,
      id: cofinancingRequests.id,
      number: cofinancingRequests.number,
      structureId: cofinancingRequests.structureId,
      fundId: cofinancingRequests.fundId,
      fundCode: funds.code,
      projectId: cofinancingRequests.projectId,
      projectTitle: projects.title,
      amountMinor: cofinancingRequests.amountMinor,
      currency: cofinancingRequests.currency,
      purpose: cofinancingRequests.purpose,
      preparedBy: cofinancingRequests.preparedBy,
      committeeRequired,
      committeeDecision: cofinancingRequests.committeeDecision,
    })
    .from(pendingDecisions)
    .innerJoin(cofinancingRequests, sql`${cofinancingRequests.id}::text = ${pendingDecisions.entityId}`)
    .innerJoin(funds, eq(funds.id, cofinancingRequests.fundId))
    .innerJoin(projects, eq(projects.id, cofinancingRequests.projectId))
    .where(or(forManager, forCommittee))
    .orderBy(...inOrder)
    .prepare('essor_inbox_cofinancing');
});

async function cofinancingWaiting(db: Db, who: Who): Promise<ApprovalInbox['cofinancing']> {
  const rows = await cofinancingWaitingQuery(db).execute(who);
  return rows.map((r) => ({
    ...r,
    currency: r.currency as CurrencyCode,
    committeeDecision: r.committeeDecision as ApprovalInbox['cofinancing'][number]['committeeDecision'],
    requestedAt: r.requestedAt.toISOString(),
  }));
}

const loansWaitingQuery = builtOnce((db) =>
  db
    .select({ id: loans.id, number: loans.number, projectTitle: projects.title, principalMinor: loans.principalMinor, currency: loans.currency, fundCode: funds.code, status: loans.status })
    .from(pendingDecisions)
    .innerJoin(loans, sql`${loans.id}::text = ${pendingDecisions.entityId}`)
    .innerJoin(projects, eq(projects.id, loans.projectId))
    .innerJoin(funds, eq(funds.id, loans.fundId))
    .where(checkable('loan.approve'))
    .orderBy(...inOrder)
    .prepare('essor_inbox_loans'),
);

async function loansWaiting(db: Db, who: Who): Promise<ApprovalInbox['loans']> {
  const rows = await loansWaitingQuery(db).execute(who);
  return rows.map((l) => ({ ...l, currency: l.currency as CurrencyCode }));
}

const loanActionsWaitingQuery = builtOnce((db) =>
  db
    .select({ id: loanActions.id, loanId: loanActions.loanId, loanNumber: loans.number, kind: loanActions.kind, reason: loanActions.reason, proposedAt: loanActions.proposedAt })
    .from(pendingDecisions)
    .innerJoin(loanActions, sql`${loanActions.id}::text = ${pendingDecisions.subjectId}`)
    .innerJoin(loans, eq(loans.id, loanActions.loanId))
    .where(or(checkable('loan.reschedule'), checkable('loan.write_off')))
    .orderBy(...inOrder)
    .prepare('essor_inbox_loan_actions'),
);

async function loanActionsWaiting(db: Db, who: Who): Promise<ApprovalInbox['loanActions']> {
  const rows = await loanActionsWaitingQuery(db).execute(who);
  return rows.map((a) => ({ ...a, kind: a.kind as 'reschedule' | 'write_off', proposedAt: a.proposedAt.toISOString() }));
}

const quotesWaitingQuery = builtOnce((db) =>
  db
    .select({ id: equipmentQuotes.id, number: equipmentQuotes.number, supplier: equipmentQuotes.supplier, totalMinor: equipmentQuotes.totalMinor, currency: equipmentQuotes.currency, projectTitle: projects.title })
    .from(pendingDecisions)
    .innerJoin(equipmentQuotes, sql`${equipmentQuotes.id}::text = ${pendingDecisions.entityId}`)
    .innerJoin(projects, eq(projects.id, equipmentQuotes.projectId))
    .where(checkable('equipment.approve'))
    .orderBy(...inOrder)
    .prepare('essor_inbox_quotes'),
);

async function quotesWaiting(db: Db, who: Who): Promise<ApprovalInbox['equipmentQuotes']> {
  const rows = await quotesWaitingQuery(db).execute(who);
  return rows.map((q) => ({ ...q, currency: q.currency as CurrencyCode }));
}

const closuresWaitingQuery = builtOnce((db) =>
  db
    .select({ decisionId: pendingDecisions.id, id: accountingClosures.id, fundId: accountingClosures.fundId, fundCode: funds.code, closesOn: accountingClosures.closesOn, note: accountingClosures.note, requestedAt: pendingDecisions.requestedAt })
    .from(pendingDecisions)
    .innerJoin(accountingClosures, sql`${accountingClosures.id}::text = ${pendingDecisions.subjectId}`)
    .innerJoin(funds, eq(funds.id, accountingClosures.fundId))
    .where(checkable('closure.approve'))
    .orderBy(...inOrder)
    .prepare('essor_inbox_closures'),
);

async function closuresWaiting(db: Db, who: Who): Promise<ApprovalInbox['closures']> {
  const rows = await closuresWaitingQuery(db).execute(who);
  return rows.map((c) => ({ ...c, requestedAt: c.requestedAt.toISOString() }));
}

const bondOfferingsWaitingQuery = builtOnce((db) =>
  db
    .select({
      decisionId: pendingDecisions.id,
      id: bondOfferings.id,
      code: bondOfferings.code,
      title: bondOfferings.title,
      maxUnits: bondOfferings.maxUnits,
      unitPriceMinor: bondOfferings.unitPriceMinor,
      currency: bondOfferings.currency,
      requestedAt: pendingDecisions.requestedAt,
    })
    .from(pendingDecisions)
    .innerJoin(bondOfferings, sql`${bondOfferings.id}::text = ${pendingDecisions.entityId}`)
    .where(checkable('bond_offering.approve'))
    .orderBy(...inOrder)
    .prepare('essor_inbox_bond_offerings'),
);

async function bondOfferingsWaiting(db: Db, who: Who): Promise<ApprovalInbox['bondOfferings']> {
  const rows = await bondOfferingsWaitingQuery(db).execute(who);
  return rows.map((o) => ({ ...o, currency: o.currency as CurrencyCode, requestedAt: o.requestedAt.toISOString() }));
}

const guaranteesWaitingQuery = builtOnce((db) =>
  db
    .select({
      decisionId: pendingDecisions.id,
      id: guarantees.id,
      number: guarantees.number,
      kind: pendingDecisions.kind,
      projectTitle: projects.title,
      bankName: guaranteeBanks.name,
      amountMinor: pendingDecisions.amountMinor,
      currency: pendingDecisions.currency,
      requestedAt: pendingDecisions.requestedAt,
    })
    .from(pendingDecisions)
    .innerJoin(guarantees, sql`${guarantees.id}::text = ${pendingDecisions.entityId}`)
    .innerJoin(projects, eq(projects.id, guarantees.projectId))
    .innerJoin(guaranteeBanks, eq(guaranteeBanks.id, guarantees.bankId))
    .where(or(checkable('guarantee.approve'), checkable('guarantee.call')))
    .orderBy(...inOrder)
    .prepare('essor_inbox_guarantees'),
);

async function guaranteesWaiting(db: Db, who: Who): Promise<ApprovalInbox['guarantees']> {
  const rows = await guaranteesWaitingQuery(db).execute(who);
  return rows.map((g) => ({ ...g, kind: g.kind as 'guarantee.approve' | 'guarantee.call', currency: g.currency as CurrencyCode | null, requestedAt: g.requestedAt.toISOString() }));
}

/** How many decisions wait in an inbox (the home page's count). */
export function inboxSize(box: ApprovalInbox): number {
  return box.cofinancing.length + box.loans.length + box.loanActions.length + box.equipmentQuotes.length + box.closures.length + box.bondOfferings.length + box.guarantees.length;
}

/**
 * What waits on this person's decision, read from the pending decisions only, oldest request first; the
 * documents' tables only give each line its number and names. The home page counts this same inbox.
 */
export async function approvalInbox(db: Db, user: CurrentUser): Promise<ApprovalInbox> {
  const who: Who = { userId: user.id, manager: structuresReached(user, MANAGER), committee: structuresReached(user, COMMITTEE) };
  if (who.manager.length === 0) return { cofinancing: await cofinancingWaiting(db, who), loans: [], loanActions: [], equipmentQuotes: [], closures: [], bondOfferings: [], guarantees: [] };
  // Seven independent reads, side by side: the inbox waits for the slowest, not for their sum.
  const [cofinancing, loans, loanActions, equipmentQuotes, closures, bondOfferings, guarantees] = await Promise.all([
    cofinancingWaiting(db, who),
    loansWaiting(db, who),
    loanActionsWaiting(db, who),
    quotesWaiting(db, who),
    closuresWaiting(db, who),
    bondOfferingsWaiting(db, who),
    guaranteesWaiting(db, who),
  ]);
  return { cofinancing, loans, loanActions, equipmentQuotes, closures, bondOfferings, guarantees };
}
