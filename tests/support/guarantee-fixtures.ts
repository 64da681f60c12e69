import type { CreateAgreementInput, Policy, PolicyInput, PrepareGuaranteeInput } from '@essor/shared/guarantees';
import { eq } from 'drizzle-orm';
import type { Db } from '../../api/src/db/client';
import { users } from '../../api/src/db/schema/auth';
import { organisations, projects } from '../../api/src/db/schema/projects';
import { ROOT_STRUCTURE_ID } from '../../api/src/db/schema/structures';
import { admitProjectToFinancing } from '../../api/src/modules/funds/eligibility';
import { createAgreement } from '../../api/src/modules/guarantees/agreements';
import { createBank } from '../../api/src/modules/guarantees/banks';
import { approveGuarantee } from '../../api/src/modules/guarantees/decisions';
import { setPolicy } from '../../api/src/modules/guarantees/policy';
import { prepareGuarantee } from '../../api/src/modules/guarantees/requests';
import { createFundsFixture, createFundWithCapital, type FundsFixture } from './funds-fixtures';

export const DEFAULT_POLICY: PolicyInput = {
  leverageCapPct: 500,
  performingBps: 0,
  watchBps: 1000,
  doubtfulBps: 5000,
  lossBps: 10_000,
  watchAfterDays: 30,
  doubtfulAfterDays: 90,
  lossAfterDays: 180,
};

export const DEFAULT_AGREEMENT = {
  signedOn: '2025-01-15',
  minCoverageBps: 5000,
  maxCoverageBps: 7000,
  maxCoverageWomenBps: 8000,
  maxGuaranteedMinor: 10_000_000, // 100 000.00 CAD per enterprise
  feeRateBps: 150,
  feeBasis: 'upfront',
  claimDeadlineDays: 180,
  portfolioCapBps: null,
} satisfies Omit<CreateAgreementInput, 'fundId' | 'bankId'>;

export interface GuaranteeFixture extends FundsFixture {
  funds: FundsFixture;
  fundId: string;
  bankId: string;
  agreementId: string;
  policy: Policy;
  /** A project of the fixture's enterprise, admitted to financing, in CAD. */
  projectId: string;
}

export interface GuaranteeFixtureOptions {
  /** Reuse people and a project already made (a second fund in the same test). */
  funds?: FundsFixture;
  /** The fund's capital, in minor units (default 1 000 000.00 CAD). */
  capitalMinor?: number;
  structureId?: string;
  policy?: Partial<PolicyInput>;
  agreement?: Partial<Omit<CreateAgreementInput, 'fundId' | 'bankId'>>;
  bankName?: string;
}

let counter = 0;
const tag = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/**
 * A guarantee fund opened on 2025-01-01 with its capital, a partner bank, an agreement (coverage 50..70 %,
 * 80 % for women-led enterprises, 100 000.00 per enterprise, 1.5 % upfront, claims within 180 days) and
 * its policy (5x leverage; provisions 0 / 10 / 50 / 100 %; 30 / 90 / 180 days).
 */
export async function createGuaranteeFixture(db: Db, options: GuaranteeFixtureOptions = {}): Promise<GuaranteeFixture> {
  const funds = options.funds ?? (await createFundsFixture(db));
  const structureId = options.structureId ?? ROOT_STRUCTURE_ID;
  const fundId = await createFundWithCapital(db, funds, { type: 'guarantee', capitalMinor: options.capitalMinor ?? 100_000_000, openedOn: '2025-01-01', structureId });
  const bank = await createBank(db, funds.manager, { structureId, name: options.bankName ?? `Banque ${tag()}`, contactName: 'Chargée de clientèle', contactEmail: '' });
  const policy = await setPolicy(db, funds.manager, fundId, { ...DEFAULT_POLICY, ...options.policy });
  const agreement = await createAgreement(db, funds.manager, { ...DEFAULT_AGREEMENT, ...options.agreement, fundId, bankId: bank.id });
  return { ...funds, funds, fundId, bankId: bank.id, agreementId: agreement.id, policy, projectId: funds.projectId };
}

/** Another enterprise with a project admitted to financing (each enterprise has its own maximum under an agreement). */
export async function createGuaranteeProject(db: Db, fixture: Pick<FundsFixture, 'staff'>, options: { structureId?: string; currency?: string } = {}): Promise<string> {
  const t = tag();
  const [holder] = await db.select().from(users).where(eq(users.email, 'holder@essor.demo'));
  const [org] = await db
    .insert(organisations)
    .values({ name: `Entreprise ${t}`, legalForm: 'cooperative', sector: 'services', district: 'Rosemont', territory: 'Montréal', ownerUserId: holder?.id ?? null })
    .returning();
  const [project] = await db
    .insert(projects)
    .values({ structureId: options.structureId ?? ROOT_STRUCTURE_ID, organisationId: org.id, title: `Projet ${t}`, district: 'Rosemont', totalBudgetMinor: 10_000_000_000, currency: options.currency ?? 'CAD', stage: 'incubated' })
    .returning();
  await admitProjectToFinancing(db, fixture.staff, project.id, 'Projet de test admis au financement');
  return project.id;
}

/** The defaults of a guarantee request: 100 000.00 CAD over 60 months at 6 %, disbursed 2026-02-01, 50 % covered. */
export function guaranteeInput(fixture: Pick<GuaranteeFixture, 'agreementId' | 'projectId'>, overrides: Partial<PrepareGuaranteeInput> = {}): PrepareGuaranteeInput {
  return {
    agreementId: fixture.agreementId,
    projectId: fixture.projectId,
    bankLoanRef: `PRET-${tag()}`,
    loanAmountMinor: 10_000_000,
    currency: 'CAD',
    loanRateBps: 600,
    termMonths: 60,
    graceMonths: 0,
    method: 'annuity',
    disbursedOn: '2026-02-01',
    coverageBps: 5000,
    womenLed: false,
    purpose: 'Fonds de roulement',
    ...overrides,
  };
}

/**
 * Prepares (staff) and approves (manager) a guarantee; issued on `issuedOn` (default: the disbursement day,
 * so the exposure is the coverage times the whole loan). Returns its id.
 */
export async function issueGuarantee(db: Db, fixture: GuaranteeFixture, overrides: Partial<PrepareGuaranteeInput> & { issuedOn?: string } = {}): Promise<string> {
  const { issuedOn, ...input } = overrides;
  const prepared = await prepareGuarantee(db, fixture.staff, guaranteeInput(fixture, input));
  await approveGuarantee(db, fixture.manager, prepared.id, { accountingDate: issuedOn ?? prepared.disbursedOn });
  return prepared.id;
}
