import type { Agreement, CreateAgreementInput } from '@essor/shared/guarantees';
import type { CurrencyCode } from '@essor/shared/money';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { funds } from '../../db/schema/funds';
import { guaranteeAgreements, guaranteeBanks, guarantees } from '../../db/schema/guarantees';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict, isUniqueViolation, NotFound, Unprocessable } from '../../lib/errors';
import { inViewerReach, STAFF_VIEWER, type Viewer } from '../../lib/viewer';
import { getFundRow } from '../funds/public';
import { portfolioRoom } from './rules';
import { ensureGuaranteeFund, LIVE_STATUSES } from './store';
import { anyOf } from '../../lib/any-of';

export type AgreementRow = typeof guaranteeAgreements.$inferSelect;

/** Statuses of guarantees that were issued: what a portfolio cap is a share of (the portfolio originated). */
const ISSUED_STATUSES = ['active', 'called', 'paid', 'released', 'closed'] as const;

export interface AgreementFigures {
  /** Guaranteed amounts and exposure of the live guarantees. */
  guaranteedMinor: number;
  exposureMinor: number;
  /** What calls have paid under the agreement. */
  paidMinor: number;
  /** Guaranteed amounts of every guarantee ever issued under it (the base of a portfolio cap). */
  issuedGuaranteedMinor: number;
}

/** Each agreement's figures, read in one query. */
export async function agreementFigures(db: Db, agreementIds: string[]): Promise<Map<string, AgreementFigures>> {
  const result = new Map<string, AgreementFigures>(agreementIds.map((id) => [id, { guaranteedMinor: 0, exposureMinor: 0, paidMinor: 0, issuedGuaranteedMinor: 0 }]));
  if (agreementIds.length === 0) return result;
  const live = sql.join(LIVE_STATUSES.map((s) => sql`${s}`), sql`, `);
  const issued = sql.join(ISSUED_STATUSES.map((s) => sql`${s}`), sql`, `);
  const rows = await db
    .select({
      agreementId: guarantees.agreementId,
      guaranteed: sql<string>`coalesce(sum(${guarantees.guaranteedMinor}) filter (where ${guarantees.status} in (${live})), 0)`,
      exposure: sql<string>`coalesce(sum(${guarantees.exposureMinor}) filter (where ${guarantees.status} in (${live})), 0)`,
      paid: sql<string>`coalesce(sum(${guarantees.paidMinor}), 0)`,
      issued: sql<string>`coalesce(sum(${guarantees.guaranteedMinor}) filter (where ${guarantees.status} in (${issued})), 0)`,
    })
    .from(guarantees)
    .where(anyOf(guarantees.agreementId, agreementIds))
    .groupBy(guarantees.agreementId);
  for (const r of rows) result.set(r.agreementId, { guaranteedMinor: Number(r.guaranteed), exposureMinor: Number(r.exposure), paidMinor: Number(r.paid), issuedGuaranteedMinor: Number(r.issued) });
  return result;
}

/** Under a portfolio cap: what calls under the agreement may still pay (null: no cap). */
export async function portfolioRoomOf(db: Db, agreement: Pick<AgreementRow, 'id' | 'portfolioCapBps'>): Promise<number | null> {
  const figures = (await agreementFigures(db, [agreement.id])).get(agreement.id)!;
  return portfolioRoom(agreement.portfolioCapBps, figures.issuedGuaranteedMinor, figures.paidMinor);
}

export async function agreementRow(db: Db, id: string): Promise<AgreementRow> {
  const [row] = await db.select().from(guaranteeAgreements).where(eq(guaranteeAgreements.id, id));
  if (!row) throw new NotFound('thing.guarantee_agreement');
  return row;
}

export async function createAgreement(db: Db, actor: Actor, input: CreateAgreementInput): Promise<Agreement> {
  try {
    const id = await db.transaction(async (tx) => {
      const fund = await getFundRow(tx, input.fundId).catch(() => {
        throw new Unprocessable('money.unknown_fund', 'invalid', { fundId: ['field.unknown_fund'] });
      });
      ensureGuaranteeFund(fund);
      const [bank] = await tx.select().from(guaranteeBanks).where(eq(guaranteeBanks.id, input.bankId));
      if (!bank) throw new Unprocessable('guarantees.unknown_bank', 'invalid', { bankId: ['field.unknown_bank'] });
      if (bank.structureId !== fund.structureId) throw new Unprocessable('guarantees.bank_elsewhere', 'invalid', { bankId: ['field.bank_elsewhere'] });
      const [row] = await tx
        .insert(guaranteeAgreements)
        .values({
          structureId: fund.structureId,
          fundId: fund.id,
          bankId: bank.id,
          currency: fund.currency,
          minCoverageBps: input.minCoverageBps,
          maxCoverageBps: input.maxCoverageBps,
          maxCoverageWomenBps: input.maxCoverageWomenBps ?? null,
          maxGuaranteedMinor: input.maxGuaranteedMinor,
          feeRateBps: input.feeRateBps,
          feeBasis: input.feeBasis,
          claimDeadlineDays: input.claimDeadlineDays,
          portfolioCapBps: input.portfolioCapBps ?? null,
          signedOn: input.signedOn,
          createdBy: actor.id!,
        })
        .returning();
      await recordAudit(tx, actor, { action: 'guarantee_agreement.create', entity: 'guarantee_agreement', entityId: row.id, structureId: row.structureId, after: input });
      return row.id;
    });
    const [agreement] = await listAgreements(db, STAFF_VIEWER, { id });
    return agreement;
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('guarantees.agreement_exists', { bankId: ['guarantees.agreement_exists'] });
    throw error;
  }
}

export async function listAgreements(db: Db, viewer: Viewer, filter: { fundId?: string; bankId?: string; id?: string } = {}): Promise<Agreement[]> {
  const where: SQL[] = [inViewerReach(viewer, guaranteeAgreements.structureId)];
  if (filter.fundId) where.push(eq(guaranteeAgreements.fundId, filter.fundId));
  if (filter.bankId) where.push(eq(guaranteeAgreements.bankId, filter.bankId));
  if (filter.id) where.push(eq(guaranteeAgreements.id, filter.id));
  const rows = await db
    .select({ a: guaranteeAgreements, fundCode: funds.code, bankName: guaranteeBanks.name })
    .from(guaranteeAgreements)
    .innerJoin(funds, eq(funds.id, guaranteeAgreements.fundId))
    .innerJoin(guaranteeBanks, eq(guaranteeBanks.id, guaranteeAgreements.bankId))
    .where(and(...where))
    .orderBy(asc(funds.code), asc(guaranteeBanks.name));
  const figures = await agreementFigures(db, rows.map((r) => r.a.id));
  return rows.map(({ a, fundCode, bankName }) => {
    const f = figures.get(a.id)!;
    return {
      id: a.id,
      structureId: a.structureId,
      fundId: a.fundId,
      fundCode,
      bankId: a.bankId,
      bankName,
      currency: a.currency as CurrencyCode,
      signedOn: a.signedOn,
      status: a.status as Agreement['status'],
      minCoverageBps: a.minCoverageBps,
      maxCoverageBps: a.maxCoverageBps,
      maxCoverageWomenBps: a.maxCoverageWomenBps,
      maxGuaranteedMinor: a.maxGuaranteedMinor,
      feeRateBps: a.feeRateBps,
      feeBasis: a.feeBasis,
      claimDeadlineDays: a.claimDeadlineDays,
      portfolioCapBps: a.portfolioCapBps,
      guaranteedMinor: f.guaranteedMinor,
      exposureMinor: f.exposureMinor,
      paidMinor: f.paidMinor,
      portfolioRoomMinor: portfolioRoom(a.portfolioCapBps, f.issuedGuaranteedMinor, f.paidMinor),
    };
  });
}
