import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableOf, ensureAvailable } from '../../api/src/modules/funds/availability';
import { recordContribution } from '../../api/src/modules/funds/contributions';
import { postMovement } from '../../api/src/modules/ledger/movements';
import { createFundsFixture, createFundWithCapital, type FundsFixture } from '../support/funds-fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

let database: TestDatabase;
let fixture: FundsFixture;
beforeAll(async () => {
  database = await createTestDatabase();
  fixture = await createFundsFixture(database.db);
});
afterAll(() => database.dispose());

async function capital(fundId: string, amountMinor: number, receivedOn: string) {
  await recordContribution(database.db, fixture.manager, fundId, { funderId: fixture.funderId, amountMinor, currency: 'CAD', receivedOn });
}

async function post(fundId: string, kind: 'loan_commit' | 'loan_pay_out' | 'loan_release', amountMinor: number, occurredOn: string) {
  await database.db.transaction((tx) =>
    postMovement(tx, kind, { fund: { id: fundId, currency: 'CAD' }, amountMinor, occurredOn, description: kind, projectId: fixture.projectId, postedBy: fixture.manager.id }),
  );
}

describe('availableOf: what a fund can still promise from a day on', () => {
  it('counts the bank less what is promised and not paid out, and never money received later', async () => {
    const fundId = await createFundWithCapital(database.db, fixture, { type: 'loan', capitalMinor: 0, openedOn: '2026-01-01' });
    expect(await availableOf(database.db, fundId, '2026-03-01')).toEqual({ availableMinor: 0, on: '2026-03-01' });
    await capital(fundId, 100_000, '2026-02-01');
    await capital(fundId, 50_000, '2026-04-01');
    // Before the first money came in, nothing is available, whatever comes after.
    expect((await availableOf(database.db, fundId, '2026-01-15')).availableMinor).toBe(0);
    // Between the two contributions only the first counts.
    expect(await availableOf(database.db, fundId, '2026-03-01')).toEqual({ availableMinor: 100_000, on: '2026-03-01' });
    expect((await availableOf(database.db, fundId, '2026-04-01')).availableMinor).toBe(150_000);

    await post(fundId, 'loan_commit', 30_000, '2026-03-10');
    // From 1 March on, the 10 March commitment already weighs: the least of the days after is what can be promised.
    expect(await availableOf(database.db, fundId, '2026-03-01')).toEqual({ availableMinor: 70_000, on: '2026-03-10' });
    // The least on that day or any later one: the commitment of 10 March weighs on every day after it.
    expect(await availableOf(database.db, fundId, '2026-03-05')).toEqual({ availableMinor: 70_000, on: '2026-03-10' });
    expect((await availableOf(database.db, fundId, '2026-05-01')).availableMinor).toBe(120_000);

    // Paying out what was promised changes nothing available; releasing gives it back.
    await post(fundId, 'loan_pay_out', 10_000, '2026-03-20');
    expect((await availableOf(database.db, fundId, '2026-05-01')).availableMinor).toBe(120_000);
    await post(fundId, 'loan_release', 20_000, '2026-05-02');
    expect((await availableOf(database.db, fundId, '2026-05-03')).availableMinor).toBe(140_000);
    expect((await availableOf(database.db, fundId, '2026-03-15')).availableMinor).toBe(70_000);
  });

  it('refuses, through ensureAvailable, an amount above what is available from its day, naming that day', async () => {
    const fundId = await createFundWithCapital(database.db, fixture, { type: 'loan', capitalMinor: 0, openedOn: '2026-01-01' });
    await capital(fundId, 40_000, '2026-02-01');
    await post(fundId, 'loan_commit', 25_000, '2026-06-01');
    await expect(database.db.transaction((tx) => ensureAvailable(tx, fundId, 15_000, '2026-03-01'))).resolves.toEqual({ availableMinor: 15_000, on: '2026-06-01' });
    const refused = await database.db.transaction((tx) => ensureAvailable(tx, fundId, 15_001, '2026-03-01')).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 409, fields: { amountMinor: ['Above the amount available on 2026-06-01'] } });
  });
});
