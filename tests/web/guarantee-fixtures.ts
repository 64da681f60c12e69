import type { Agreement, Guarantee, GuaranteeDetail } from '@essor/shared/guarantees';

export const STRUCTURE = '00000000-0000-4000-8000-000000000001';
export const FUND = '00000000-0000-4000-8000-000000000301';
export const BANK = '00000000-0000-4000-8000-000000000401';
export const AGREEMENT = '00000000-0000-4000-8000-000000000501';
export const PROJECT = '00000000-0000-4000-8000-000000000201';
export const GUARANTEE = '00000000-0000-4000-8000-0000000006a1';
export const PREPARER = '00000000-0000-4000-8000-000000000011';
export const CHECKER = '00000000-0000-4000-8000-000000000012';
/** Pages wait for the session and their data: slow on a busy machine. */
export const WAIT = { timeout: 5000 };

export const session = (id: string, roles: string[]) => ({
  session: { user: { id, email: 'p@essor.test', name: 'Personne', roles, locale: 'fr', memberships: [] }, csrfToken: 'csrf', expiresAt: '2099-01-01T00:00:00.000Z' },
});

/** A 50 000,00 $ loan covered at 60 %: 30 000,00 $ guaranteed. */
export const guarantee = (over: Partial<Guarantee> = {}): Guarantee => ({
  id: GUARANTEE,
  number: 12,
  structureId: STRUCTURE,
  fundId: FUND,
  fundCode: 'GAR-MTL',
  agreementId: AGREEMENT,
  bankId: BANK,
  bankName: 'Caisse solidaire',
  projectId: PROJECT,
  projectTitle: 'Atelier vélo',
  organisationName: 'Roue libre coop',
  sector: null,
  district: null,
  bankLoanRef: 'PR-2025-0042',
  loanAmountMinor: 5_000_000,
  currency: 'CAD',
  loanRateBps: 650,
  termMonths: 60,
  graceMonths: 6,
  method: 'annuity',
  disbursedOn: '2025-03-01',
  coverageBps: 6000,
  guaranteedMinor: 3_000_000,
  womenLed: false,
  purpose: 'Équipement',
  status: 'active',
  riskClass: 'watch',
  outstandingMinor: 4_000_000,
  outstandingOn: '2025-10-31',
  daysInArrears: 45,
  arrearsMinor: 120_000,
  exposureMinor: 2_400_000,
  provisionMinor: 240_000,
  feesMinor: 30_000,
  paidMinor: 0,
  recoveredMinor: 0,
  preparedBy: PREPARER,
  decidedBy: CHECKER,
  issuedOn: '2025-03-05',
  releasedOn: null,
  closedOn: null,
  createdAt: '2025-03-02T10:00:00.000Z',
  allowedActions: [],
  waiting: [],
  ...over,
});

export const detail = (over: Partial<GuaranteeDetail> = {}): GuaranteeDetail => ({
  ...guarantee(),
  outstandings: [],
  riskChanges: [],
  fees: [],
  calls: [],
  recoveries: [],
  timeline: [],
  ...over,
});

export const agreement = (over: Partial<Agreement> = {}): Agreement => ({
  id: AGREEMENT,
  structureId: STRUCTURE,
  fundId: FUND,
  fundCode: 'GAR-MTL',
  bankId: BANK,
  bankName: 'Caisse solidaire',
  currency: 'CAD',
  signedOn: '2025-01-15',
  status: 'active',
  minCoverageBps: 4000,
  maxCoverageBps: 7000,
  maxCoverageWomenBps: 8000,
  maxGuaranteedMinor: 10_000_000,
  feeRateBps: 100,
  feeBasis: 'upfront',
  claimDeadlineDays: 180,
  portfolioCapBps: null,
  guaranteedMinor: 3_000_000,
  exposureMinor: 2_400_000,
  paidMinor: 0,
  portfolioRoomMinor: null,
  ...over,
});
