import type {
  CancelInput,
  Cofinancing,
  CofinancingListQuery,
  CommitteeDecisionInput,
  CreateCofinancingInput,
  DecisionNoteInput,
  DisburseTrancheInput,
  PrepareCofinancingInput,
  TimelineEvent,
} from '@essor/shared/cofinancing';
import type { CurrencyCode } from '@essor/shared/money';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditLog } from '../../db/schema/audit';
import { cofinancingRequests, cofinancingTranches, funds } from '../../db/schema/funds';
import { milestones, projects } from '../../db/schema/projects';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict, Forbidden, NotFound, Unprocessable } from '../../lib/errors';
import { ACCOUNT } from '../ledger/chart';
import { postJournalEntry } from '../ledger/service';
import { committedToProgramme, commitFromFund, ensureCurrency, findEnvelope, getFundRow, lockFund, today } from '../funds/service';
import { STAFF_VIEWER, visibleProject, type Viewer } from '../funds/viewer';

type RequestRow = typeof cofinancingRequests.$inferSelect;
type ProjectRow = typeof projects.$inferSelect;
type FundRow = typeof funds.$inferSelect;

export async function entityTimeline(db: Db, entity: string, entityId: string): Promise<TimelineEvent[]> {
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
    .orderBy(asc(auditLog.at), asc(auditLog.id));
  return rows.map((row) => ({ at: row.at.toISOString(), action: row.action, actorEmail: row.actorEmail, details: row.after ?? null }));
}

/** Requests with their fund, project and tranches, read in three queries whatever the number of rows. */
async function toCofinancingList(db: Db, rows: RequestRow[]): Promise<Cofinancing[]> {
  if (rows.length === 0) return [];
  const fundRows = await db.select().from(funds).where(inArray(funds.id, [...new Set(rows.map((r) => r.fundId))]));
  const projectRows = await db.select().from(projects).where(inArray(projects.id, [...new Set(rows.map((r) => r.projectId))]));
  const trancheRows = await db
    .select({ t: cofinancingTranches, milestoneTitle: milestones.title, milestoneStatus: milestones.status })
    .from(cofinancingTranches)
    .leftJoin(milestones, eq(milestones.id, cofinancingTranches.milestoneId))
    .where(inArray(cofinancingTranches.requestId, rows.map((r) => r.id)))
    .orderBy(asc(cofinancingTranches.seq));
  return rows.map((row) =>
    shapeCofinancing(
      row,
      fundRows.find((f) => f.id === row.fundId)!,
      projectRows.find((p) => p.id === row.projectId)!,
      trancheRows.filter(({ t }) => t.requestId === row.id),
      [],
    ),
  );
}

async function toCofinancing(db: Db, row: RequestRow): Promise<Cofinancing> {
  const [shaped] = await toCofinancingList(db, [row]);
  return { ...shaped, timeline: await entityTimeline(db, 'cofinancing', row.id) };
}

type TrancheRow = { t: typeof cofinancingTranches.$inferSelect; milestoneTitle: string | null; milestoneStatus: string | null };

function shapeCofinancing(row: RequestRow, fund: FundRow, project: ProjectRow, tranches: TrancheRow[], timeline: TimelineEvent[]): Cofinancing {
  return {
    id: row.id,
    number: row.number,
    fundId: row.fundId,
    fundCode: fund.code,
    projectId: row.projectId,
    projectTitle: project.title,
    projectBudgetMinor: project.totalBudgetMinor,
    amountMinor: row.amountMinor,
    currency: row.currency as CurrencyCode,
    purpose: row.purpose,
    otherFunders: row.otherFunders as Cofinancing['otherFunders'],
    status: row.status as Cofinancing['status'],
    createdBy: row.createdBy,
    recommendation: row.recommendation,
    preparedBy: row.preparedBy,
    preparedAt: row.preparedAt?.toISOString() ?? null,
    committeeRequired: row.amountMinor > fund.committeeThresholdMinor,
    committeeDecision: row.committeeDecision as Cofinancing['committeeDecision'],
    committeeNote: row.committeeNote,
    committeeDecidedAt: row.committeeDecidedAt?.toISOString() ?? null,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionNote: row.decisionNote,
    conditions: row.conditions as string[],
    agreementSignedOn: row.agreementSignedOn,
    tranches: tranches.map(({ t, milestoneTitle, milestoneStatus }) => ({
      id: t.id,
      seq: t.seq,
      amountMinor: t.amountMinor,
      milestoneId: t.milestoneId,
      milestoneTitle,
      milestoneStatus,
      status: t.status as 'planned' | 'disbursed' | 'cancelled',
      disbursedOn: t.disbursedOn,
      journalEntryId: t.journalEntryId,
    })),
    disbursedMinor: tranches.filter(({ t }) => t.status === 'disbursed').reduce((sum, { t }) => sum + t.amountMinor, 0),
    createdAt: row.createdAt.toISOString(),
    timeline,
  };
}

async function requestRow(db: Db, id: string, forUpdate = false): Promise<RequestRow> {
  const query = db.select().from(cofinancingRequests).where(eq(cofinancingRequests.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw new NotFound('Co-financing request');
  return row;
}

export async function listCofinancing(db: Db, viewer: Viewer, query: CofinancingListQuery): Promise<Cofinancing[]> {
  const where: SQL[] = [visibleProject(viewer, cofinancingRequests.projectId)];
  if (query.fundId) where.push(eq(cofinancingRequests.fundId, query.fundId));
  if (query.projectId) where.push(eq(cofinancingRequests.projectId, query.projectId));
  if (query.status) where.push(eq(cofinancingRequests.status, query.status));
  const rows = await db
    .select()
    .from(cofinancingRequests)
    .where(and(...where))
    .orderBy(desc(cofinancingRequests.number))
    .limit(500);
  return toCofinancingList(db, rows);
}

export async function getCofinancing(db: Db, viewer: Viewer, id: string): Promise<Cofinancing> {
  const [row] = await db
    .select()
    .from(cofinancingRequests)
    .where(and(eq(cofinancingRequests.id, id), visibleProject(viewer, cofinancingRequests.projectId)));
  if (!row) throw new NotFound('Co-financing request');
  return toCofinancing(db, row);
}

/**
 * The programme's rules and the project's budget: the request plus the other funders fit in the
 * budget, the request stays under the programme's maximum amount and share, and within its envelope.
 */
async function checkFinancingRules(db: Db, fund: FundRow, project: ProjectRow, amountMinor: number, otherFundersMinor: number, alreadyCommittedHere: boolean) {
  if (amountMinor + otherFundersMinor > project.totalBudgetMinor) {
    throw new Unprocessable(`The request and the other funders (${amountMinor + otherFundersMinor}) exceed the project's budget (${project.totalBudgetMinor})`, 'invalid', {
      amountMinor: ['Above the budget left by the other funders'],
    });
  }
  const envelope = await findEnvelope(db, fund.id, project.programmeId);
  if (!envelope) return;
  if (amountMinor > envelope.maxRequestMinor) {
    throw new Unprocessable(`The programme caps a request at ${envelope.maxRequestMinor}`, 'invalid', { amountMinor: ['Above the programme maximum'] });
  }
  if (amountMinor * 10_000 > project.totalBudgetMinor * envelope.maxShareBps) {
    throw new Unprocessable(`The programme covers at most ${envelope.maxShareBps / 100} % of a project's budget`, 'invalid', { amountMinor: ['Above the programme share of the budget'] });
  }
  if (!alreadyCommittedHere) {
    const committed = await committedToProgramme(db, fund.id, envelope.programmeId);
    if (committed + amountMinor > envelope.amountMinor) {
      throw new Conflict(`The programme's envelope has ${envelope.amountMinor - committed} left`, { amountMinor: ['Above the envelope left'] });
    }
  }
}

export async function createCofinancing(db: Db, actor: Actor, input: CreateCofinancingInput): Promise<Cofinancing> {
  const id = await db.transaction(async (tx) => {
    const fund = await getFundRow(tx, input.fundId).catch(() => {
      throw new Unprocessable('Unknown fund', 'invalid', { fundId: ['Unknown fund'] });
    });
    if (fund.type !== 'co_financing') throw new Unprocessable('This fund does not co-finance projects', 'invalid', { fundId: ['Not a co-financing fund'] });
    const [project] = await tx.select().from(projects).where(eq(projects.id, input.projectId));
    if (!project) throw new Unprocessable('Unknown project', 'invalid', { projectId: ['Unknown project'] });
    ensureCurrency(fund, input.currency);
    ensureCurrency(fund, project.currency, 'projectId');
    const others = input.otherFunders.reduce((sum, f) => sum + f.amountMinor, 0);
    await checkFinancingRules(tx, fund, project, input.amountMinor, others, false);
    const [row] = await tx
      .insert(cofinancingRequests)
      .values({ ...input, createdBy: actor.id!, status: 'draft' })
      .returning();
    await recordAudit(tx, actor, { action: 'cofinancing.create', entity: 'cofinancing', entityId: row.id, after: input });
    return row.id;
  });
  return getCofinancing(db, STAFF_VIEWER, id);
}

/** Staff write the recommendation, the agreement's conditions and the tranche plan. */
export async function prepareCofinancing(db: Db, actor: Actor, id: string, input: PrepareCofinancingInput): Promise<Cofinancing> {
  await db.transaction(async (tx) => {
    const row = await requestRow(tx, id, true);
    if (row.status !== 'draft' && row.status !== 'prepared') throw new Conflict(`A ${row.status} request is no longer prepared`);
    const planned = input.tranches.reduce((sum, t) => sum + t.amountMinor, 0);
    if (planned !== row.amountMinor) {
      throw new Unprocessable(`The tranches add up to ${planned}, not the ${row.amountMinor} requested`, 'invalid', { tranches: ['Must add up to the amount'] });
    }
    const milestoneIds = input.tranches.map((t) => t.milestoneId).filter((m): m is string => m !== null);
    if (milestoneIds.length) {
      const found = await tx.select({ id: milestones.id }).from(milestones).where(and(inArray(milestones.id, milestoneIds), eq(milestones.projectId, row.projectId)));
      if (found.length !== new Set(milestoneIds).size) throw new Unprocessable("A tranche names a milestone that is not this project's", 'invalid', { tranches: ['Unknown milestone'] });
    }
    await tx.delete(cofinancingTranches).where(eq(cofinancingTranches.requestId, id));
    await tx.insert(cofinancingTranches).values(input.tranches.map((t, i) => ({ requestId: id, seq: i + 1, amountMinor: t.amountMinor, milestoneId: t.milestoneId })));
    await tx
      .update(cofinancingRequests)
      .set({
        status: 'prepared',
        recommendation: input.recommendation,
        conditions: input.conditions,
        preparedBy: actor.id,
        preparedAt: new Date(),
        committeeDecision: null,
        committeeNote: null,
        committeeDecidedBy: null,
        committeeDecidedAt: null,
        updatedAt: new Date(),
      })
      .where(eq(cofinancingRequests.id, id));
    await recordAudit(tx, actor, { action: 'cofinancing.prepare', entity: 'cofinancing', entityId: id, before: { status: row.status }, after: input });
  });
  return getCofinancing(db, STAFF_VIEWER, id);
}

/** Above the fund's threshold a committee gives its opinion before any fund manager may approve. */
export async function recordCommitteeDecision(db: Db, actor: Actor, id: string, input: CommitteeDecisionInput): Promise<Cofinancing> {
  await db.transaction(async (tx) => {
    const row = await requestRow(tx, id, true);
    if (row.status !== 'prepared') throw new Conflict('The committee decides on prepared requests only');
    const fund = await getFundRow(tx, row.fundId);
    if (row.amountMinor <= fund.committeeThresholdMinor) throw new Conflict('This amount is under the fund threshold and needs no committee decision');
    await tx
      .update(cofinancingRequests)
      .set({ committeeDecision: input.decision, committeeNote: input.note, committeeDecidedBy: actor.id, committeeDecidedAt: new Date(), updatedAt: new Date() })
      .where(eq(cofinancingRequests.id, id));
    await recordAudit(tx, actor, { action: 'cofinancing.committee', entity: 'cofinancing', entityId: id, after: input });
  });
  return getCofinancing(db, STAFF_VIEWER, id);
}

/** Four eyes: the approver is not the preparer, and a committee said yes above the threshold. */
function ensureMayDecide(row: RequestRow, fund: FundRow, actor: Actor, approving: boolean) {
  if (row.status !== 'prepared') throw new Conflict(row.status === 'draft' ? 'Staff must prepare the request first' : `The request is already ${row.status}`);
  if (row.preparedBy === actor.id) throw new Forbidden('Whoever prepared a request cannot decide on it (four eyes)');
  if (approving && row.amountMinor > fund.committeeThresholdMinor && row.committeeDecision !== 'favourable') {
    throw new Conflict(
      row.committeeDecision === 'unfavourable' ? 'The committee gave an unfavourable opinion' : `Above ${fund.committeeThresholdMinor} the committee must decide first`,
    );
  }
}

/** Approval commits the money: under the fund's lock, never more than is available. */
/** `accountingDate` defaults to today; the demo data backdates it. */
export async function approveCofinancing(db: Db, actor: Actor, id: string, input: DecisionNoteInput, accountingDate = today()): Promise<Cofinancing> {
  await db.transaction(async (tx) => {
    const preview = await requestRow(tx, id);
    // Lock order is fund then request, the same in every money-moving path, so approvals cannot deadlock.
    const fund = await lockFund(tx, preview.fundId);
    const row = await requestRow(tx, id, true);
    ensureMayDecide(row, fund, actor, true);
    const [project] = await tx.select().from(projects).where(eq(projects.id, row.projectId));
    const others = (row.otherFunders as { amountMinor: number }[]).reduce((sum, f) => sum + f.amountMinor, 0);
    await checkFinancingRules(tx, fund, project, row.amountMinor, others, false);
    const entry = await commitFromFund(tx, fund, {
      amountMinor: row.amountMinor,
      debit: ACCOUNT.cofinancingGranted,
      credit: ACCOUNT.cofinancingPayable,
      description: `Cofinancement n° ${row.number} approuvé : ${project.title}`,
      projectId: row.projectId,
      source: { type: 'cofinancing', id: row.id },
      occurredOn: accountingDate,
      postedBy: actor.id,
    });
    await tx
      .update(cofinancingRequests)
      .set({ status: 'approved', decidedBy: actor.id, decidedAt: new Date(), decisionNote: input.note, updatedAt: new Date() })
      .where(eq(cofinancingRequests.id, id));
    await recordAudit(tx, actor, { action: 'cofinancing.approve', entity: 'cofinancing', entityId: id, before: { status: row.status }, after: { status: 'approved', journalEntryId: entry.id, note: input.note } });
  });
  return getCofinancing(db, STAFF_VIEWER, id);
}

export async function rejectCofinancing(db: Db, actor: Actor, id: string, input: DecisionNoteInput): Promise<Cofinancing> {
  await db.transaction(async (tx) => {
    const row = await requestRow(tx, id, true);
    const fund = await getFundRow(tx, row.fundId);
    ensureMayDecide(row, fund, actor, false);
    await tx
      .update(cofinancingRequests)
      .set({ status: 'rejected', decidedBy: actor.id, decidedAt: new Date(), decisionNote: input.note, updatedAt: new Date() })
      .where(eq(cofinancingRequests.id, id));
    await recordAudit(tx, actor, { action: 'cofinancing.reject', entity: 'cofinancing', entityId: id, before: { status: row.status }, after: { status: 'rejected', note: input.note } });
  });
  return getCofinancing(db, STAFF_VIEWER, id);
}

export async function signAgreement(db: Db, actor: Actor, id: string, signedOn: string): Promise<Cofinancing> {
  await db.transaction(async (tx) => {
    const row = await requestRow(tx, id, true);
    if (row.status !== 'approved') throw new Conflict('Only an approved request has an agreement to sign');
    if (row.agreementSignedOn) throw new Conflict(`The agreement was signed on ${row.agreementSignedOn}`);
    await tx.update(cofinancingRequests).set({ agreementSignedOn: signedOn, updatedAt: new Date() }).where(eq(cofinancingRequests.id, id));
    await recordAudit(tx, actor, { action: 'cofinancing.agreement', entity: 'cofinancing', entityId: id, after: { signedOn, conditions: row.conditions } });
  });
  return getCofinancing(db, STAFF_VIEWER, id);
}

/** Pays one tranche out of what was committed: the commitment turns into cash leaving the bank. */
export async function disburseTranche(db: Db, actor: Actor, id: string, trancheId: string, input: DisburseTrancheInput): Promise<Cofinancing> {
  await db.transaction(async (tx) => {
    const preview = await requestRow(tx, id);
    const fund = await lockFund(tx, preview.fundId);
    const row = await requestRow(tx, id, true);
    if (row.status !== 'approved') throw new Conflict(`A ${row.status} request disburses nothing`);
    if (!row.agreementSignedOn) throw new Conflict('The agreement must be signed before the first tranche');
    const [tranche] = await tx
      .select()
      .from(cofinancingTranches)
      .where(and(eq(cofinancingTranches.id, trancheId), eq(cofinancingTranches.requestId, id)))
      .for('update');
    if (!tranche) throw new NotFound('Tranche');
    if (tranche.status !== 'planned') throw new Conflict(`This tranche is already ${tranche.status}`);
    if (tranche.milestoneId) {
      const [milestone] = await tx.select().from(milestones).where(eq(milestones.id, tranche.milestoneId));
      if (milestone?.status !== 'reached') throw new Conflict(`The milestone "${milestone?.title}" is not reached yet`);
    }
    const disbursedOn = input.disbursedOn ?? today();
    const entry = await postJournalEntry(tx, {
      fundId: fund.id,
      currency: fund.currency,
      occurredOn: disbursedOn,
      kind: 'disbursement',
      description: `Cofinancement n° ${row.number}, tranche ${tranche.seq}`,
      projectId: row.projectId,
      sourceType: 'cofinancing_tranche',
      sourceId: tranche.id,
      postedBy: actor.id,
      lines: [
        { account: ACCOUNT.cofinancingPayable, debit: tranche.amountMinor },
        { account: ACCOUNT.bank, credit: tranche.amountMinor },
      ],
    });
    await tx.update(cofinancingTranches).set({ status: 'disbursed', disbursedOn, journalEntryId: entry.id }).where(eq(cofinancingTranches.id, trancheId));
    const [{ left }] = await tx
      .select({ left: sql<number>`count(*)::int` })
      .from(cofinancingTranches)
      .where(and(eq(cofinancingTranches.requestId, id), eq(cofinancingTranches.status, 'planned')));
    if (left === 0) await tx.update(cofinancingRequests).set({ status: 'completed', updatedAt: new Date() }).where(eq(cofinancingRequests.id, id));
    await recordAudit(tx, actor, { action: 'cofinancing.disburse', entity: 'cofinancing', entityId: id, after: { trancheId, seq: tranche.seq, amountMinor: tranche.amountMinor, disbursedOn, journalEntryId: entry.id } });
  });
  return getCofinancing(db, STAFF_VIEWER, id);
}

/** Cancelling releases what was committed and not yet paid; tranches already paid stay paid. */
export async function cancelCofinancing(db: Db, actor: Actor, id: string, input: CancelInput): Promise<Cofinancing> {
  await db.transaction(async (tx) => {
    const preview = await requestRow(tx, id);
    const fund = await lockFund(tx, preview.fundId);
    const row = await requestRow(tx, id, true);
    if (!['draft', 'prepared', 'approved'].includes(row.status)) throw new Conflict(`A ${row.status} request cannot be cancelled`);
    let releasedMinor = 0;
    let journalEntryId: number | null = null;
    if (row.status === 'approved') {
      const planned = await tx
        .select()
        .from(cofinancingTranches)
        .where(and(eq(cofinancingTranches.requestId, id), eq(cofinancingTranches.status, 'planned')));
      releasedMinor = planned.reduce((sum, t) => sum + t.amountMinor, 0);
      if (releasedMinor > 0) {
        const entry = await postJournalEntry(tx, {
          fundId: fund.id,
          currency: fund.currency,
          occurredOn: today(),
          kind: 'cancellation',
          description: `Cofinancement n° ${row.number} annulé : ${input.reason}`,
          projectId: row.projectId,
          sourceType: 'cofinancing',
          sourceId: row.id,
          postedBy: actor.id,
          lines: [
            { account: ACCOUNT.cofinancingPayable, debit: releasedMinor },
            { account: ACCOUNT.cofinancingGranted, credit: releasedMinor },
          ],
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
    await recordAudit(tx, actor, { action: 'cofinancing.cancel', entity: 'cofinancing', entityId: id, before: { status: row.status }, after: { status: 'cancelled', releasedMinor, journalEntryId, reason: input.reason } });
  });
  return getCofinancing(db, STAFF_VIEWER, id);
}
