import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../api/src/lib/errors';
import { rowsOf } from '../../api/src/lib/rows';
import { admitProjectToFinancing } from '../../api/src/modules/funds/eligibility';
import { fundFigures } from '../../api/src/modules/funds/figures';
import { recordContribution } from '../../api/src/modules/funds/contributions';
import { today } from '../../api/src/modules/funds/service';
import { decideClosure, requestClosure } from '../../api/src/modules/funds/closures';
import { reverseCorrection } from '../../api/src/modules/funds/corrections';
import { approveLoan } from '../../api/src/modules/loans/decisions';
import { cancelLoan } from '../../api/src/modules/loans/cancellation';
import { disburseLoan } from '../../api/src/modules/loans/disbursement';
import { proposeLoan } from '../../api/src/modules/loans/proposals';
import { recordRepayment } from '../../api/src/modules/loans/repayments';
import { createFundsFixture, createFundWithCapital, type FundsFixture } from '../support/funds-fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

let database: TestDatabase;
let fixture: FundsFixture;
beforeAll(async () => {
  database = await createTestDatabase();
  fixture = await createFundsFixture(database.db);
  await admitProjectToFinancing(database.db, fixture.staff, fixture.projectId, 'Projet de test').catch((error) => {
    if (!(error instanceof AppError)) throw error;
  });
});
afterAll(() => database.dispose());

const OPENED = '2026-01-01';
const DAY_MS = 86_400_000;
const SPAN = Math.round((Date.parse(today()) - Date.parse(OPENED)) / DAY_MS);
const dayAt = (offset: number) => new Date(Date.parse(OPENED) + Math.min(offset, SPAN) * DAY_MS).toISOString().slice(0, 10);
const dayBefore = (day: string) => new Date(Date.parse(day) - DAY_MS).toISOString().slice(0, 10);

type Step =
  | { t: 'capital'; amount: number; day: number }
  | { t: 'loan'; amount: number; day: number }
  | { t: 'disburse'; pick: number; day: number }
  | { t: 'repay'; pick: number; share: number; day: number }
  | { t: 'cancel'; pick: number }
  | { t: 'reverse'; pick: number; day: number }
  | { t: 'close'; day: number };

// Days are drawn a little beyond today, so some movements fall in the future and must be refused.
const day = fc.nat(SPAN + 20);
const amount = fc.integer({ min: 1, max: 2_000_000 });
const pick = fc.nat(10);
const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ t: fc.constant('capital' as const), amount, day }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant('loan' as const), amount, day }), weight: 4 },
  { arbitrary: fc.record({ t: fc.constant('disburse' as const), pick, day }), weight: 4 },
  { arbitrary: fc.record({ t: fc.constant('repay' as const), pick, share: fc.double({ min: 0.05, max: 1, noNaN: true }), day }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant('cancel' as const), pick }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('reverse' as const), pick, day }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('close' as const), day: fc.nat(SPAN) }), weight: 1 },
);

/** What moves on a day, by hand: the bank, commitments not yet paid out, funders' capital, principal lent out. */
interface Movement {
  day: string;
  cash: number;
  outstanding: number;
  capital: number;
  lent: number;
}

interface LoanModel {
  id: string;
  amount: number;
  approvedOn: string;
  status: 'approved' | 'active' | 'cancelled' | 'closed';
  disbursedOn?: string;
  repaid: number;
}

async function lineCount(): Promise<number> {
  return Number(rowsOf<{ n: string }>(await database.db.execute(sql`select count(*) as n from journal_lines`))[0].n);
}

/** Runs a step the domain may refuse (a 4xx): a refusal leaves the ledger exactly as it was. */
async function attempt(action: () => Promise<unknown>): Promise<boolean> {
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

describe('fund figures are true at every date under random sequences of dated operations', () => {
  it('accepts exactly the movements in order, and every day reads what a hand computation says, never below zero', async () => {
    const { db } = database;
    const todayIs = today();
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 14 }), async (steps) => {
        const fundId = await createFundWithCapital(db, fixture, { type: 'loan', capitalMinor: 0, openedOn: OPENED });
        const moves: Movement[] = [];
        const contributions: { entryId: number; day: string; amount: number; reversed: boolean }[] = [];
        const loans: LoanModel[] = [];
        let closed: string | null = null;
        const move = (m: Partial<Movement> & { day: string }) => moves.push({ cash: 0, outstanding: 0, capital: 0, lent: 0, ...m });
        const at = (d: string) => moves.filter((m) => m.day <= d).reduce((s, m) => ({ day: d, cash: s.cash + m.cash, outstanding: s.outstanding + m.outstanding, capital: s.capital + m.capital, lent: s.lent + m.lent }), { day: d, cash: 0, outstanding: 0, capital: 0, lent: 0 });
        // What may still be promised from a day on: the least available on that day or any later one.
        const availableFrom = (d: string) => Math.min(...[d, ...moves.map((m) => m.day).filter((x) => x > d)].map((x) => at(x)).map((s) => s.cash - s.outstanding));
        const inOrder = (d: string, ...bounds: (string | undefined)[]) => d <= todayIs && d >= OPENED && bounds.every((b) => !b || d >= b) && (!closed || d > closed);
        const nth = <T>(list: T[], n: number) => (list.length ? list[n % list.length] : undefined);

        for (const s of steps) {
          switch (s.t) {
            case 'capital': {
              const d = dayAt(s.day);
              let entryId = 0;
              const ok = await attempt(async () => {
                entryId = (await recordContribution(db, fixture.manager, fundId, { funderId: fixture.funderId, amountMinor: s.amount, currency: 'CAD', receivedOn: d })).journalEntryId;
              });
              expect(ok, `capital on ${d}`).toBe(inOrder(d));
              if (ok) {
                move({ day: d, cash: s.amount, capital: s.amount });
                contributions.push({ entryId, day: d, amount: s.amount, reversed: false });
              }
              break;
            }
            case 'loan': {
              const d = dayAt(s.day);
              const loan = await proposeLoan(db, fixture.staff, { fundId, projectId: fixture.projectId, kind: 'honour_loan', principalMinor: s.amount, currency: 'CAD', rateBps: 0, termMonths: 6, graceMonths: 0, method: 'declining', purpose: '' });
              const expected = inOrder(d) && s.amount <= availableFrom(d);
              const ok = await attempt(() => approveLoan(db, fixture.secondManager, loan.id, d));
              expect(ok, `loan of ${s.amount} approved on ${d}`).toBe(expected);
              if (ok) {
                move({ day: d, outstanding: s.amount });
                loans.push({ id: loan.id, amount: s.amount, approvedOn: d, status: 'approved', repaid: 0 });
              }
              break;
            }
            case 'disburse': {
              const loan = nth(loans.filter((l) => l.status === 'approved'), s.pick);
              if (!loan) break;
              const d = dayAt(s.day);
              const ok = await attempt(() => disburseLoan(db, fixture.manager, loan.id, d));
              expect(ok, `disbursement on ${d} of a loan approved on ${loan.approvedOn}`).toBe(inOrder(d, loan.approvedOn));
              if (ok) {
                move({ day: d, cash: -loan.amount, outstanding: -loan.amount, lent: loan.amount });
                Object.assign(loan, { status: 'active', disbursedOn: d });
              }
              break;
            }
            case 'repay': {
              const loan = nth(loans.filter((l) => l.status === 'active'), s.pick);
              if (!loan) break;
              const d = dayAt(s.day);
              const pay = Math.max(1, Math.round((loan.amount - loan.repaid) * s.share));
              const ok = await attempt(() => recordRepayment(db, fixture.staff, loan.id, { amountMinor: pay, currency: 'CAD', paidOn: d }));
              expect(ok, `repayment on ${d} of a loan paid out on ${loan.disbursedOn}`).toBe(inOrder(d, loan.disbursedOn));
              if (ok) {
                move({ day: d, cash: pay, lent: -pay });
                loan.repaid += pay;
                if (loan.repaid === loan.amount) loan.status = 'closed';
              }
              break;
            }
            case 'cancel': {
              const loan = nth(loans.filter((l) => l.status === 'approved'), s.pick);
              if (!loan) break;
              const ok = await attempt(() => cancelLoan(db, fixture.manager, loan.id, 'Le projet renonce'));
              expect(ok, 'cancellation today').toBe(inOrder(todayIs, loan.approvedOn));
              if (ok) {
                move({ day: todayIs, outstanding: -loan.amount });
                loan.status = 'cancelled';
              }
              break;
            }
            case 'reverse': {
              const contribution = nth(contributions.filter((c) => !c.reversed), s.pick);
              if (!contribution) break;
              const d = dayAt(s.day);
              const expected = inOrder(d, contribution.day) && contribution.amount <= availableFrom(d);
              const ok = await attempt(() => reverseCorrection(db, fixture.manager, contribution.entryId, { reason: 'Saisie en double', occurredOn: d }));
              expect(ok, `reversal on ${d} of capital received on ${contribution.day}`).toBe(expected);
              if (ok) {
                move({ day: d, cash: -contribution.amount, capital: -contribution.amount });
                contribution.reversed = true;
              }
              break;
            }
            case 'close': {
              const d = dayAt(s.day);
              let closureId = '';
              const asked = await attempt(async () => {
                closureId = (await requestClosure(db, fixture.manager, fundId, { closesOn: d, note: '' })).id;
              });
              expect(asked, `closure up to ${d} after ${closed}`).toBe(d <= todayIs && (!closed || d > closed));
              if (asked) {
                await decideClosure(db, fixture.secondManager, fundId, closureId, 'approve', { note: '' });
                closed = d;
              }
              break;
            }
          }
        }

        // Figures only change on days something moved: those days and the day before each cover every date.
        const days = [...new Set(moves.flatMap((m) => [dayBefore(m.day), m.day]).concat(todayIs))].sort();
        for (const d of days) {
          const hand = at(d);
          const figures = await fundFigures(db, fundId, d);
          expect({ d, cash: figures.cashMinor, outstanding: figures.outstandingCommitmentsMinor, capital: figures.capitalMinor, lent: figures.loansOutstandingMinor }).toEqual({
            d,
            cash: hand.cash,
            outstanding: hand.outstanding,
            capital: hand.capital,
            lent: hand.lent,
          });
          expect(figures.cashMinor, d).toBeGreaterThanOrEqual(0);
          expect(figures.outstandingCommitmentsMinor, d).toBeGreaterThanOrEqual(0);
          expect(figures.capitalMinor, d).toBeGreaterThanOrEqual(0);
          expect(figures.loansOutstandingMinor, d).toBeGreaterThanOrEqual(0);
          expect(figures.availableMinor, d).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 15 },
    );
  }, 60_000);
});
