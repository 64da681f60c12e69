import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../api/src/lib/errors';
import { rowsOf } from '../../api/src/lib/rows';
import { approveCofinancing, prepareCofinancing } from '../../api/src/modules/cofinancing/decisions';
import { cancelCofinancing } from '../../api/src/modules/cofinancing/cancellation';
import { createCofinancing, getCofinancing } from '../../api/src/modules/cofinancing/requests';
import { disburseTranche, signAgreement } from '../../api/src/modules/cofinancing/tranches';
import { fundFigures } from '../../api/src/modules/funds/figures';
import { recordContribution } from '../../api/src/modules/funds/contributions';
import { today } from '../../api/src/modules/funds/service';
import { STAFF_VIEWER } from '../../api/src/lib/viewer';
import { trialBalance } from '../../api/src/modules/ledger/reports';
import { approveLoan } from '../../api/src/modules/loans/decisions';
import { cancelLoan } from '../../api/src/modules/loans/cancellation';
import { decideLoanAction, proposeLoanAction } from '../../api/src/modules/loans/actions';
import { disburseLoan } from '../../api/src/modules/loans/disbursement';
import { getLoan, proposeLoan } from '../../api/src/modules/loans/proposals';
import { recordRepayment } from '../../api/src/modules/loans/repayments';
import { createFundsFixture, createFundWithCapital, type FundsFixture } from '../support/funds-fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

let database: TestDatabase;
let fixture: FundsFixture;
beforeAll(async () => {
  database = await createTestDatabase();
  fixture = await createFundsFixture(database.db);
});
afterAll(() => database.dispose());

type Step =
  | { t: 'capital'; fund: 'grants' | 'loans'; amount: number }
  | { t: 'grant'; amount: number }
  | { t: 'disburseTranche'; pick: number }
  | { t: 'cancelGrant'; pick: number }
  | { t: 'loan'; amount: number; term: number; rateBps: number; method: 'annuity' | 'declining' }
  | { t: 'disburseLoan'; pick: number }
  | { t: 'repay'; pick: number; share: number }
  | { t: 'cancelLoan'; pick: number }
  | { t: 'writeOff'; pick: number };

const amount = fc.integer({ min: 1, max: 3_000_000 });
const pick = fc.nat(20);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ t: fc.constant('capital' as const), fund: fc.constantFrom('grants' as const, 'loans' as const), amount }),
  fc.record({ t: fc.constant('grant' as const), amount }),
  fc.record({ t: fc.constant('disburseTranche' as const), pick }),
  fc.record({ t: fc.constant('cancelGrant' as const), pick }),
  fc.record({ t: fc.constant('loan' as const), amount, term: fc.integer({ min: 1, max: 24 }), rateBps: fc.constantFrom(0, 0, 250, 600), method: fc.constantFrom('annuity' as const, 'declining' as const) }),
  fc.record({ t: fc.constant('disburseLoan' as const), pick }),
  fc.record({ t: fc.constant('repay' as const), pick, share: fc.double({ min: 0.01, max: 1, noNaN: true }) }),
  fc.record({ t: fc.constant('cancelLoan' as const), pick }),
  fc.record({ t: fc.constant('writeOff' as const), pick }),
);

async function lineCount(): Promise<number> {
  return Number(rowsOf<{ n: string }>(await database.db.execute(sql`select count(*) as n from journal_lines`))[0].n);
}

/** Runs a step the domain may refuse (a 4xx): a refusal must leave the ledger exactly as it was. */
async function refusable(action: () => Promise<unknown>): Promise<boolean> {
  const before = await lineCount();
  try {
    await action();
    return true;
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    expect(await lineCount()).toBe(before);
    return false;
  }
}

describe('ledger invariants under random sequences of fund operations', () => {
  it('keeps the trial balance at zero and no fund below zero available, after every step', async () => {
    const { db } = database;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 18 }), async (steps) => {
        const grantsFund = await createFundWithCapital(db, fixture, { type: 'co_financing', capitalMinor: 2_000_000 });
        const loansFund = await createFundWithCapital(db, fixture, { type: 'loan', capitalMinor: 2_000_000 });
        const grants: string[] = [];
        const loans: string[] = [];
        const capital = { [grantsFund]: 2_000_000, [loansFund]: 2_000_000 };
        const nth = <T>(list: T[], n: number) => (list.length ? list[n % list.length] : undefined);
        for (const s of steps) {
          switch (s.t) {
            case 'capital': {
              const fundId = s.fund === 'grants' ? grantsFund : loansFund;
              await recordContribution(db, fixture.manager, fundId, { funderId: fixture.funderId, amountMinor: s.amount, currency: 'CAD' });
              capital[fundId] += s.amount;
              break;
            }
            case 'grant': {
              const request = await createCofinancing(db, fixture.staff, { fundId: grantsFund, projectId: fixture.projectId, amountMinor: s.amount, currency: 'CAD', purpose: 'Fonds de roulement', otherFunders: [] });
              const first = Math.ceil(s.amount / 2);
              const tranches = s.amount > 1 ? [{ amountMinor: first, milestoneId: null }, { amountMinor: s.amount - first, milestoneId: null }] : [{ amountMinor: 1, milestoneId: null }];
              await prepareCofinancing(db, fixture.staff, request.id, { recommendation: 'Avis favorable', conditions: [], tranches });
              const available = (await fundFigures(db, grantsFund)).availableMinor;
              const approved = await refusable(() => approveCofinancing(db, fixture.manager, request.id, { note: '' }));
              // Approval succeeds exactly when the fund can cover it.
              expect(approved).toBe(s.amount <= available);
              if (approved) {
                await signAgreement(db, fixture.staff, request.id, today());
                grants.push(request.id);
              }
              break;
            }
            case 'disburseTranche': {
              const id = nth(grants, s.pick);
              if (!id) break;
              const request = await getCofinancing(db, STAFF_VIEWER, id);
              const tranche = request.tranches.find((t) => t.status === 'planned');
              await refusable(() => disburseTranche(db, fixture.manager, id, tranche?.id ?? '00000000-0000-4000-8000-000000000000', {}));
              break;
            }
            case 'cancelGrant': {
              const id = nth(grants, s.pick);
              if (id) await refusable(() => cancelCofinancing(db, fixture.manager, id, { reason: 'Projet abandonné' }));
              break;
            }
            case 'loan': {
              const loan = await proposeLoan(db, fixture.staff, { fundId: loansFund, projectId: fixture.projectId, kind: 'honour_loan', principalMinor: s.amount, currency: 'CAD', rateBps: s.rateBps, termMonths: s.term, graceMonths: 0, method: s.method, purpose: '' });
              const available = (await fundFigures(db, loansFund)).availableMinor;
              const approved = await refusable(() => approveLoan(db, fixture.manager, loan.id));
              expect(approved).toBe(s.amount <= available);
              if (approved) loans.push(loan.id);
              break;
            }
            case 'disburseLoan': {
              const id = nth(loans, s.pick);
              if (id) await refusable(() => disburseLoan(db, fixture.manager, id, today()));
              break;
            }
            case 'repay': {
              const id = nth(loans, s.pick);
              if (!id) break;
              const loan = await getLoan(db, STAFF_VIEWER, id);
              const owed = loan.schedule.reduce((sum, i) => sum + i.principalMinor + i.interestMinor - i.paidPrincipalMinor - i.paidInterestMinor, 0);
              const pay = Math.max(1, Math.round(owed * s.share));
              await refusable(() => recordRepayment(db, fixture.staff, id, { amountMinor: pay, currency: 'CAD', paidOn: today() }));
              break;
            }
            case 'cancelLoan': {
              const id = nth(loans, s.pick);
              if (id) await refusable(() => cancelLoan(db, fixture.manager, id, 'Le projet renonce'));
              break;
            }
            case 'writeOff': {
              const id = nth(loans, s.pick);
              if (!id) break;
              const proposed = await refusable(() => proposeLoanAction(db, fixture.staff, id, { kind: 'write_off', reason: 'Cessation d’activité', writtenOffOn: today() }));
              if (proposed) {
                const loan = await getLoan(db, STAFF_VIEWER, id);
                const pending = loan.actions.find((a) => a.status === 'pending')!;
                await decideLoanAction(db, fixture.secondManager, id, pending.id, 'approve');
              }
              break;
            }
          }
          const trial = await trialBalance(db, {}, STAFF_VIEWER);
          expect(trial.balanced).toBe(true);
          for (const fundId of [grantsFund, loansFund]) {
            const f = await fundFigures(db, fundId);
            expect(f.availableMinor).toBeGreaterThanOrEqual(0);
            expect(f.capitalMinor).toBe(capital[fundId]);
            expect(f.cashMinor).toBe(f.capitalMinor - f.disbursedMinor + f.repaidMinor + f.interestMinor);
            expect(f.outstandingCommitmentsMinor).toBe(f.committedMinor - f.disbursedMinor);
          }
          // The loan book and the ledger agree on what borrowers still owe.
          const book = await Promise.all(loans.map((id) => getLoan(db, STAFF_VIEWER, id)));
          const outstanding = book.filter((l) => l.status === 'active').reduce((sum, l) => sum + l.outstandingPrincipalMinor, 0);
          expect((await fundFigures(db, loansFund)).loansOutstandingMinor).toBe(outstanding);
        }
      }),
      { numRuns: 20 },
    );
  });
});
