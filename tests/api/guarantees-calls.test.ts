import type { GuaranteeDetail } from '@essor/shared/guarantees';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../api/src/db/client';
import { users } from '../../api/src/db/schema/auth';
import { rowsOf } from '../../api/src/lib/rows';
import { STAFF_VIEWER } from '../../api/src/lib/viewer';
import { callGuarantee, closeGuarantee, decideCall, payCall, recordRecovery } from '../../api/src/modules/guarantees/calls';
import { recordBankReport } from '../../api/src/modules/guarantees/reports';
import { guaranteeRow } from '../../api/src/modules/guarantees/store';
import { accountBalances, trialBalance } from '../../api/src/modules/ledger/reports';
import { createGuaranteeFixture, createGuaranteeProject, issueGuarantee, type GuaranteeFixture } from '../support/guarantee-fixtures';
import { createTestContext, type TestContext } from '../support/http';

async function balances(db: Db, fundId: string): Promise<Record<string, number>> {
  const rows = await accountBalances(db, { fundId }, STAFF_VIEWER);
  return Object.fromEntries(rows.map((r) => [r.code, r.balanceMinor]));
}

async function books(db: Db, fundId: string, codes: string[]): Promise<number[]> {
  expect((await trialBalance(db, { fundId }, STAFF_VIEWER)).balanced).toBe(true);
  const b = await balances(db, fundId);
  return codes.map((c) => b[c]);
}

async function written(db: Db): Promise<number[]> {
  const count = async (table: string) => Number(rowsOf<{ n: string }>(await db.execute(sql.raw(`select count(*) as n from ${table}`)))[0].n);
  return [await count('journal_entries'), await count('guarantee_calls'), await count('guarantee_recoveries'), await count('pending_decisions'), await count('audit_log')];
}

let ctx: TestContext;
let db: Db;
let fx: GuaranteeFixture;
beforeAll(async () => {
  ctx = await createTestContext();
  db = ctx.database.db;
  fx = await createGuaranteeFixture(db);
});
afterAll(() => ctx.close());

const CODES = ['1000', '2400', '2410', '5200', '5300', '9000', '4200'];

describe('a call from default to closing', () => {
  it('follows the hand figures at each step, the books balanced', async () => {
    // 150 000.00 at 60 %: guaranteed 90 000.00; fee 1.5 % = 1 350.00.
    const id = await issueGuarantee(db, fx, { loanAmountMinor: 15_000_000, coverageBps: 6000, disbursedOn: '2026-02-01' });
    // 140 000.00 outstanding, 100 days late: exposure 84 000.00, doubtful 50 % = 42 000.00.
    await recordBankReport(db, fx.staff, id, { asOf: '2026-05-31', outstandingMinor: 14_000_000, arrearsMinor: 500_000, daysInArrears: 100 });
    expect(await books(db, fx.fundId, CODES)).toEqual([100_135_000, 4_200_000, 0, 4_200_000, 0, 8_400_000, 0]);

    // Loss 80 000.00 at 60 %: 48 000.00 claimed and payable; the loan goes to loss: provision 100 % of 84 000.00.
    const call = await callGuarantee(db, fx.manager, id, { defaultedOn: '2026-06-01', calledOn: '2026-06-20', declaredLossMinor: 8_000_000, note: 'Liquidation' });
    expect([call.claimedMinor, call.payoutMinor, call.status]).toEqual([4_800_000, 4_800_000, 'pending']);
    let row = await guaranteeRow(db, id);
    expect([row.status, row.riskClass, row.exposureMinor, row.provisionMinor]).toEqual(['called', 'loss', 8_400_000, 8_400_000]);
    expect(await books(db, fx.fundId, CODES)).toEqual([100_135_000, 8_400_000, 0, 8_400_000, 0, 8_400_000, 0]);

    // The maker may not approve: 403, nothing written.
    const before = await written(db);
    await expect(decideCall(db, fx.manager, call.id, 'approve', '')).rejects.toMatchObject({ status: 403 });
    // Paying before the approval: 409.
    await expect(payCall(db, fx.secondManager, call.id, { paidOn: '2026-06-30' })).rejects.toMatchObject({ status: 409 });
    expect(await written(db)).toEqual(before);

    // A second manager approves: 48 000.00 to 5300/2410; exposure and provision to nil, still called.
    const approved = await decideCall(db, fx.secondManager, call.id, 'approve', 'Dossier complet', '2026-06-25');
    expect([approved.status, approved.approvedOn, approved.decidedBy]).toEqual(['approved', '2026-06-25', fx.secondManager.id]);
    row = await guaranteeRow(db, id);
    expect([row.status, row.exposureMinor, row.provisionMinor]).toEqual(['called', 0, 0]);
    expect(await books(db, fx.fundId, CODES)).toEqual([100_135_000, 0, 4_800_000, 0, 4_800_000, 0, 0]);

    // Paid: 2410/1000.
    const paid = await payCall(db, fx.manager, call.id, { paidOn: '2026-06-30' });
    expect(paid.status).toBe('paid');
    row = await guaranteeRow(db, id);
    expect([row.status, row.paidMinor]).toEqual(['paid', 4_800_000]);
    expect(await books(db, fx.fundId, CODES)).toEqual([95_335_000, 0, 0, 0, 4_800_000, 0, 0]);

    // The bank recovers 10 000.00: the fund's 60 % is 6 000.00.
    expect(await recordRecovery(db, fx.staff, id, { receivedOn: '2026-07-15', bankRecoveredMinor: 1_000_000 })).toBe(600_000);
    expect(await books(db, fx.fundId, CODES)).toEqual([95_935_000, 0, 0, 0, 4_800_000, 0, 600_000]);
    // 100 000.00 more would be 60 000.00, capped at what is left of the payout: 48 000.00 - 6 000.00 = 42 000.00.
    expect(await recordRecovery(db, fx.staff, id, { receivedOn: '2026-08-15', bankRecoveredMinor: 10_000_000 })).toBe(4_200_000);
    expect(await books(db, fx.fundId, CODES)).toEqual([100_135_000, 0, 0, 0, 4_800_000, 0, 4_800_000]);
    const recovered = await written(db);
    await expect(recordRecovery(db, fx.staff, id, { receivedOn: '2026-08-20', bankRecoveredMinor: 100 })).rejects.toMatchObject({ status: 422 });
    expect(await written(db)).toEqual(recovered);

    const closed = await closeGuarantee(db, fx.manager, id);
    expect([closed.status, closed.recoveredMinor]).toEqual(['closed', 4_800_000]);
    await expect(callGuarantee(db, fx.manager, id, { defaultedOn: '2026-06-01', calledOn: '2026-06-20', declaredLossMinor: 100, note: '' })).rejects.toMatchObject({ status: 409 });
  });

  it('a rejected call puts the guarantee back to active, its class derived again', async () => {
    const projectId = await createGuaranteeProject(db, fx);
    const id = await issueGuarantee(db, { ...fx, projectId }, { loanAmountMinor: 10_000_000, disbursedOn: '2026-03-01' });
    // 45 days late: watch, 10 % of 45 000.00 = 4 500.00.
    await recordBankReport(db, fx.staff, id, { asOf: '2026-04-30', outstandingMinor: 9_000_000, arrearsMinor: 100_000, daysInArrears: 45 });
    const call = await callGuarantee(db, fx.staff, id, { defaultedOn: '2026-05-01', calledOn: '2026-05-10', declaredLossMinor: 2_000_000, note: '' });
    expect((await guaranteeRow(db, id)).provisionMinor).toBe(4_500_000);
    const rejected = await decideCall(db, fx.manager, call.id, 'reject', 'Pas de défaillance', '2026-05-15');
    expect(rejected.status).toBe('rejected');
    const row = await guaranteeRow(db, id);
    expect([row.status, row.riskClass, row.exposureMinor, row.provisionMinor]).toEqual(['active', 'watch', 4_500_000, 450_000]);
  });
});

describe('bad calls are refused, nothing written', () => {
  it('checks the deadline, the dates, the claim against the guaranteed amount, the status', async () => {
    const projectId = await createGuaranteeProject(db, fx);
    // 100 000.00 at 50 %: guaranteed 50 000.00.
    const id = await issueGuarantee(db, { ...fx, projectId }, { loanAmountMinor: 10_000_000, disbursedOn: '2026-02-01' });
    const base = { defaultedOn: '2026-03-01', declaredLossMinor: 12_000_000, claimedMinor: 5_000_000, note: '' };
    const before = await written(db);
    const refused: [Parameters<typeof callGuarantee>[3], number, string][] = [
      [{ ...base, calledOn: '2026-08-29' }, 422, 'calledOn'], // 181 days after the default, the deadline is 180
      [{ ...base, calledOn: '2099-01-01' }, 422, 'calledOn'],
      [{ ...base, calledOn: '2026-02-28' }, 422, 'calledOn'], // before the default
      [{ ...base, calledOn: '2026-03-10', claimedMinor: 5_000_001 }, 422, 'claimedMinor'],
      // Without a claim: 50 % of 120 000.00 = 60 000.00, above the 50 000.00 guaranteed.
      [{ ...base, calledOn: '2026-03-10', claimedMinor: undefined }, 422, 'claimedMinor'],
    ];
    for (const [input, status, field] of refused) {
      const error = await callGuarantee(db, fx.staff, id, input).catch((e: unknown) => e);
      expect(error).toMatchObject({ status });
      expect(Object.keys((error as { fields?: object }).fields ?? {})).toContain(field);
    }
    expect(await written(db)).toEqual(before);
    // On the deadline's last day, claimed exactly the guaranteed amount: payout min(60 000.00 covered, 50 000.00) = 50 000.00.
    const call = await callGuarantee(db, fx.staff, id, { ...base, calledOn: '2026-08-28' });
    expect(call.payoutMinor).toBe(5_000_000);
    // A second call while one is open: 409.
    await expect(callGuarantee(db, fx.staff, id, { ...base, calledOn: '2026-08-28' })).rejects.toMatchObject({ status: 409 });
  });

  it('refuses a call on a released guarantee', async () => {
    const projectId = await createGuaranteeProject(db, fx);
    const id = await issueGuarantee(db, { ...fx, projectId }, { loanAmountMinor: 10_000_000, disbursedOn: '2026-02-01' });
    await recordBankReport(db, fx.staff, id, { asOf: '2026-03-31', outstandingMinor: 0, arrearsMinor: 0, daysInArrears: 0 });
    const before = await written(db);
    await expect(callGuarantee(db, fx.staff, id, { defaultedOn: '2026-04-01', calledOn: '2026-04-05', declaredLossMinor: 100_000, note: '' })).rejects.toMatchObject({ status: 409 });
    await expect(recordRecovery(db, fx.staff, id, { receivedOn: '2026-04-05', bankRecoveredMinor: 100 })).rejects.toMatchObject({ status: 409 });
    await expect(closeGuarantee(db, fx.manager, id)).rejects.toMatchObject({ status: 409 });
    expect(await written(db)).toEqual(before);
  });

  it('caps calls under a portfolio cap and refuses once it is used', async () => {
    // Cap 10 % of what the agreement guarantees: two guarantees of 50 000.00 -> room 10 000.00.
    const capped = await createGuaranteeFixture(db, { funds: fx.funds, agreement: { portfolioCapBps: 1000 } });
    const first = await issueGuarantee(db, capped, { loanAmountMinor: 10_000_000, disbursedOn: '2026-02-01' });
    const second = await issueGuarantee(db, { ...capped, projectId: await createGuaranteeProject(db, fx) }, { loanAmountMinor: 10_000_000, disbursedOn: '2026-02-01' });
    // Loss 30 000.00 at 50 % = 15 000.00, capped at the room: 10 000.00.
    const call = await callGuarantee(db, capped.staff, first, { defaultedOn: '2026-04-01', calledOn: '2026-04-10', declaredLossMinor: 3_000_000, note: '' });
    expect(call.payoutMinor).toBe(1_000_000);
    await decideCall(db, capped.manager, call.id, 'approve', '', '2026-04-15');
    expect(await books(db, capped.fundId, ['5300', '2410'])).toEqual([1_000_000, 1_000_000]);
    const before = await written(db);
    await expect(callGuarantee(db, capped.staff, second, { defaultedOn: '2026-04-01', calledOn: '2026-04-10', declaredLossMinor: 3_000_000, note: '' })).rejects.toMatchObject({ status: 422 });
    expect(await written(db)).toEqual(before);
  });

  it("never pays above the fund's cash", async () => {
    // Capital 10 000.00, leverage 5x: a 60 000.00 loan at 50 % (30 000.00) fits; fee 1.5 % = 450.00.
    const small = await createGuaranteeFixture(db, { funds: fx.funds, capitalMinor: 1_000_000 });
    const id = await issueGuarantee(db, small, { loanAmountMinor: 6_000_000, disbursedOn: '2026-02-01' });
    const call = await callGuarantee(db, small.staff, id, { defaultedOn: '2026-04-01', calledOn: '2026-04-10', declaredLossMinor: 6_000_000, note: '' });
    expect(call.payoutMinor).toBe(3_000_000);
    await decideCall(db, small.manager, call.id, 'approve', '', '2026-04-15');
    const before = await written(db);
    await expect(payCall(db, small.manager, call.id, { paidOn: '2026-04-20' })).rejects.toMatchObject({ status: 409 });
    expect(await written(db)).toEqual(before);
    expect(await books(db, small.fundId, ['1000', '2410'])).toEqual([1_045_000, 3_000_000]);
  });
});

describe('the routes', () => {
  it('call, maker refused (403), second manager approves, pay, recovery, close over HTTP', async () => {
    const projectId = await createGuaranteeProject(db, fx);
    const id = await issueGuarantee(db, { ...fx, projectId }, { loanAmountMinor: 10_000_000, disbursedOn: '2026-02-01' });
    const manager = await ctx.as('fund_manager');
    const [second] = await db.select().from(users).where(eq(users.email, 'fund2@essor.test'));
    expect(second).toBeDefined();
    const checker = await ctx.client().signIn('fund2@essor.test');
    const key = (k: string) => ({ headers: { 'idempotency-key': `${k}-${id}` } });

    let res = await manager.post(`/api/guarantees/${id}/calls`, { defaultedOn: '2026-04-01', calledOn: '2026-04-10', declaredLossMinor: 4_000_000 }, key('call'));
    expect(res.status).toBe(200);
    let detail = (await res.json()) as GuaranteeDetail;
    expect([detail.status, detail.riskClass, detail.calls.length]).toEqual(['called', 'loss', 1]);
    const callId = detail.calls[0].id;
    // A retry with the same key replays the answer, no second call.
    res = await manager.post(`/api/guarantees/${id}/calls`, { defaultedOn: '2026-04-01', calledOn: '2026-04-10', declaredLossMinor: 4_000_000 }, key('call'));
    expect(res.status).toBe(200);

    res = await manager.post(`/api/guarantees/calls/${callId}/approve`, { note: '' });
    expect(res.status).toBe(403);
    res = await (await ctx.as('staff')).post(`/api/guarantees/calls/${callId}/approve`, { note: '' });
    expect(res.status).toBe(403);
    res = await checker.post(`/api/guarantees/calls/${callId}/approve`, { note: 'ok', accountingDate: '2026-04-15' });
    expect(res.status).toBe(200);
    detail = (await res.json()) as GuaranteeDetail;
    // 40 000.00 x 50 % = 20 000.00.
    expect([detail.status, detail.exposureMinor, detail.calls[0].status, detail.calls[0].payoutMinor]).toEqual(['called', 0, 'approved', 2_000_000]);

    res = await manager.post(`/api/guarantees/calls/${callId}/pay`, { paidOn: '2026-04-20' }, key('pay'));
    expect(res.status).toBe(200);
    expect(((await res.json()) as GuaranteeDetail).paidMinor).toBe(2_000_000);
    res = await manager.post(`/api/guarantees/${id}/recoveries`, { receivedOn: '2026-05-01', bankRecoveredMinor: 1_000_000 }, key('recovery'));
    expect(res.status).toBe(200);
    expect(((await res.json()) as GuaranteeDetail).recoveredMinor).toBe(500_000);
    res = await manager.post(`/api/guarantees/${id}/close`, {}, key('close'));
    expect(res.status).toBe(200);
    expect(((await res.json()) as GuaranteeDetail).status).toBe('closed');
    // Bad input at the edge: a negative report is a 400 from the contract, a report on a closed guarantee a 409.
    res = await manager.post(`/api/guarantees/${id}/reports`, { asOf: '2026-05-31', outstandingMinor: -1 }, key('bad-report'));
    expect(res.status).toBe(400);
    res = await manager.post(`/api/guarantees/${id}/reports`, { asOf: '2026-05-31', outstandingMinor: 0 }, key('closed-report'));
    expect(res.status).toBe(409);
  });
});
