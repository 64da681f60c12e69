import type { PrepareGuaranteeInput } from '@essor/shared/guarantees';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { guarantees } from '../../db/schema/guarantees';
import { projects } from '../../db/schema/projects';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict, isUniqueViolation, Unprocessable } from '../../lib/errors';
import { msg } from '../../lib/messages/render';
import { withdrawPending, requestDecision } from '../approvals/public';
import { ensureCurrency, ensureFinanceable, ensureFinances, lockFund } from '../funds/public';
import { todayUtc as today } from '../ledger/public';
import { agreementRow } from './agreements';
import { bankRow } from './banks';
import { guaranteedAmount } from './rules';
import { ensureGuaranteeFund, lockGuarantee, LIVE_STATUSES, type GuaranteeRow } from './store';
import { anyOf } from '../../lib/any-of';

/** Statuses that count against the per-enterprise maximum: waiting for a decision, or live. */
const COUNTED_STATUSES = ['prepared', ...LIVE_STATUSES] as const;

/**
 * Staff prepare a guarantee on a bank loan under an agreement; a fund manager who never touched it decides.
 * Under the fund's lock, so two preparations for one enterprise never both pass its maximum.
 */
export async function prepareGuarantee(db: Db, actor: Actor, input: PrepareGuaranteeInput): Promise<GuaranteeRow> {
  try {
    return await db.transaction(async (tx) => {
      const agreement = await agreementRow(tx, input.agreementId).catch(() => {
        throw new Unprocessable('guarantees.unknown_agreement', 'invalid', { agreementId: ['field.unknown_agreement'] });
      });
      if (agreement.status !== 'active') throw new Conflict('guarantees.agreement_ended', { agreementId: ['guarantees.agreement_ended'] });
      const fund = await lockFund(tx, agreement.fundId);
      ensureGuaranteeFund(fund, 'agreementId');
      const [project] = await tx.select().from(projects).where(eq(projects.id, input.projectId));
      if (!project) throw new Unprocessable('money.unknown_project', 'invalid', { projectId: ['field.unknown_project'] });
      await ensureFinances(tx, fund, project);
      await ensureFinanceable(tx, project.id);
      ensureCurrency(agreement, input.currency);
      ensureCurrency(agreement, project.currency, 'projectId');
      const ceiling = input.womenLed ? (agreement.maxCoverageWomenBps ?? agreement.maxCoverageBps) : agreement.maxCoverageBps;
      if (input.coverageBps < agreement.minCoverageBps || input.coverageBps > ceiling) {
        const range = { min: agreement.minCoverageBps, max: ceiling };
        throw new Unprocessable(msg('guarantees.coverage_range', range), 'invalid', { coverageBps: [msg('field.coverage_range', range)] });
      }
      if (input.disbursedOn > today()) throw new Unprocessable('guarantees.disbursed_future', 'invalid', { disbursedOn: ['field.not_after_today'] });
      const guaranteed = guaranteedAmount(input.loanAmountMinor, input.coverageBps);
      const [{ total }] = await tx
        .select({ total: sql<string>`coalesce(sum(${guarantees.guaranteedMinor}), 0)` })
        .from(guarantees)
        .innerJoin(projects, eq(projects.id, guarantees.projectId))
        .where(and(eq(guarantees.agreementId, agreement.id), eq(projects.organisationId, project.organisationId), anyOf(guarantees.status, [...COUNTED_STATUSES])));
      const after = Number(total) + guaranteed;
      if (after > agreement.maxGuaranteedMinor) {
        throw new Unprocessable(msg('guarantees.enterprise_max', { total: after, max: agreement.maxGuaranteedMinor }), 'invalid', { loanAmountMinor: ['field.enterprise_max'] });
      }
      const bank = await bankRow(tx, agreement.bankId);
      const [taken] = await tx.select({ id: guarantees.id }).from(guarantees).where(and(eq(guarantees.bankId, bank.id), eq(guarantees.bankLoanRef, input.bankLoanRef)));
      if (taken) throw new Conflict('guarantees.loan_ref_taken', { bankLoanRef: ['field.loan_ref_taken'] });
      const [row] = await tx
        .insert(guarantees)
        .values({
          structureId: fund.structureId,
          fundId: fund.id,
          agreementId: agreement.id,
          bankId: bank.id,
          projectId: project.id,
          bankLoanRef: input.bankLoanRef,
          loanAmountMinor: input.loanAmountMinor,
          currency: agreement.currency,
          loanRateBps: input.loanRateBps,
          termMonths: input.termMonths,
          graceMonths: input.graceMonths ?? 0,
          method: input.method,
          disbursedOn: input.disbursedOn,
          coverageBps: input.coverageBps,
          guaranteedMinor: guaranteed,
          womenLed: input.womenLed ?? false,
          purpose: input.purpose ?? '',
          status: 'prepared',
          outstandingMinor: input.loanAmountMinor,
          outstandingOn: input.disbursedOn,
          preparedBy: actor.id!,
        })
        .returning();
      await recordAudit(tx, actor, { action: 'guarantee.prepare', entity: 'guarantee', entityId: row.id, structureId: row.structureId, after: { ...input, guaranteedMinor: guaranteed } });
      await requestDecision(tx, actor, {
        structureId: row.structureId,
        kind: 'guarantee.approve',
        entityId: row.id,
        summary: { number: row.number, bank: bank.name, project: project.title, guaranteedMinor: guaranteed },
        amountMinor: guaranteed,
        currency: row.currency,
      });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('guarantees.loan_ref_taken', { bankLoanRef: ['field.loan_ref_taken'] });
    throw error;
  }
}

/** A maker drops a guarantee still waiting for its decision: nothing was posted, the pending decision is withdrawn. */
export async function cancelGuarantee(db: Db, actor: Actor, id: string, reason = ''): Promise<GuaranteeRow> {
  return db.transaction(async (tx) => {
    const { row } = await lockGuarantee(tx, id);
    if (row.status !== 'prepared') throw new Conflict(msg('guarantees.status', { status: row.status }));
    const [updated] = await tx.update(guarantees).set({ status: 'cancelled', updatedAt: new Date() }).where(eq(guarantees.id, id)).returning();
    await withdrawPending(tx, actor, { kind: 'guarantee.approve', entityId: id });
    await recordAudit(tx, actor, { action: 'guarantee.cancel', entity: 'guarantee', entityId: id, structureId: row.structureId, before: { status: row.status }, after: { status: 'cancelled', reason } });
    return updated;
  });
}
