import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/src/app';
import { rowsOf } from '../../api/src/lib/rows';
import { createCofinancing } from '../../api/src/modules/cofinancing/requests';
import { prepareCofinancing } from '../../api/src/modules/cofinancing/decisions';
import { fundFigures } from '../../api/src/modules/funds/figures';
import { trialBalance } from '../../api/src/modules/ledger/reports';
import { seedPlatform } from '../../seeds/platform';
import { createFundsFixture, createFundWithCapital, type FundsFixture } from '../support/funds-fixtures';
import { TestClient } from '../support/http';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { STAFF_VIEWER } from '../../api/src/lib/viewer';

const onPostgres = !!process.env.DATABASE_URL;
let database: TestDatabase;
let fixture: FundsFixture;
let manager: TestClient;

beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 20 });
  await seedPlatform(database.db);
  fixture = await createFundsFixture(database.db);
  manager = await new TestClient(createApp({ database })).signIn('fund@essor.demo');
});
afterAll(() => database.dispose());

async function preparedRequests(fundId: string, count: number, amountMinor: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const request = await createCofinancing(database.db, fixture.staff, { fundId, projectId: fixture.projectId, amountMinor, currency: 'CAD', purpose: `Demande ${i}`, otherFunders: [] });
    await prepareCofinancing(database.db, fixture.staff, request.id, { recommendation: 'Favorable', conditions: [], tranches: [{ amountMinor, milestoneId: null }] });
    ids.push(request.id);
  }
  return ids;
}

describe('approvals racing for the same money', () => {
  it.runIf(onPostgres)('50 concurrent approvals against a fund that covers 10: exactly 10 pass, the ledger balances', async () => {
    const fundId = await createFundWithCapital(database.db, fixture, { type: 'co_financing', capitalMinor: 1_000_000 });
    const ids = await preparedRequests(fundId, 50, 100_000);
    const answers = await Promise.all(
      ids.map((id, i) => manager.post(`/api/funds/cofinancing/${id}/approve`, { note: '' }, { headers: { 'Idempotency-Key': `race-${fundId}-${i}` } })),
    );
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    const figures = await fundFigures(database.db, fundId);
    expect(figures).toMatchObject({ committedMinor: 1_000_000, availableMinor: 0 });
    expect((await trialBalance(database.db, { fundId }, STAFF_VIEWER)).balanced).toBe(true);
    const [{ approved }] = rowsOf<{ approved: number }>(await database.db.execute(sql`select count(*)::int as approved from cofinancing_requests where fund_id = ${fundId} and status = 'approved'`));
    expect(approved).toBe(10);
  });

  it.runIf(onPostgres)('ten identical retries racing with one key commit the money once and all get the same answer', async () => {
    const fundId = await createFundWithCapital(database.db, fixture, { type: 'co_financing', capitalMinor: 1_000_000 });
    const [id] = await preparedRequests(fundId, 1, 300_000);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => manager.post(`/api/funds/cofinancing/${id}/approve`, { note: 'ok' }, { headers: { 'Idempotency-Key': `retry-${id}` } })),
    );
    expect(answers.map((res) => res.status)).toEqual(Array(10).fill(200));
    expect(answers.filter((res) => res.headers.get('idempotent-replayed') === 'false')).toHaveLength(1);
    expect((await fundFigures(database.db, fundId)).committedMinor).toBe(300_000);
    const [{ entries }] = rowsOf<{ entries: number }>(await database.db.execute(sql`select count(*)::int as entries from journal_entries where fund_id = ${fundId} and kind = 'commitment'`));
    expect(entries).toBe(1);
  });

  it('serialises approvals on one connection too (embedded database): the eleventh is refused', async () => {
    const fundId = await createFundWithCapital(database.db, fixture, { type: 'co_financing', capitalMinor: 1_000_000 });
    const ids = await preparedRequests(fundId, 11, 100_000);
    const answers = await Promise.all(ids.map((id, i) => manager.post(`/api/funds/cofinancing/${id}/approve`, { note: '' }, { headers: { 'Idempotency-Key': `serial-${fundId}-${i}` } })));
    expect(answers.map((res) => res.status).sort()).toEqual([...Array(10).fill(200), 409]);
    expect((await fundFigures(database.db, fundId)).availableMinor).toBe(0);
  });
});
