import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../api/src/db/client';
import { AppError } from '../../api/src/lib/errors';
import { STAFF_VIEWER } from '../../api/src/lib/viewer';
import { approveGuarantee } from '../../api/src/modules/guarantees/decisions';
import { prepareGuarantee } from '../../api/src/modules/guarantees/requests';
import { exposureOfFunds, guaranteeRow, netAssetsOf } from '../../api/src/modules/guarantees/store';
import { accountBalances, trialBalance } from '../../api/src/modules/ledger/reports';
import { seedPlatform } from '../../seeds/platform';
import { createGuaranteeFixture, guaranteeInput, type GuaranteeFixture } from '../support/guarantee-fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

const onPostgres = !!process.env.DATABASE_URL;
let database: TestDatabase;
/** A second process's connection pool on the same database. */
let second: Database | null = null;
let f: GuaranteeFixture;

beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 20 });
  await seedPlatform(database.db);
  // capital 20 000.00, cap 500 %: exposure up to 100 000.00; no fee, so the net assets stay put
  f = await createGuaranteeFixture(database.db, { capitalMinor: 2_000_000, agreement: { feeRateBps: 0, maxGuaranteedMinor: 100_000_000 } });
  if (onPostgres && 'connectionString' in database.jobsConnection) {
    second = await openDatabase({ url: database.jobsConnection.connectionString, poolSize: 20 });
  }
}, 60_000);
afterAll(async () => {
  await second?.close();
  await database.dispose();
});

describe('the leverage cap holds under concurrent approvals', () => {
  it.runIf(onPostgres)(
    'room for exactly 10 guarantees, 30 prepared, each approved at once by two managers through two processes: exactly 10 issued',
    async () => {
      const N = 10;
      const ids: string[] = [];
      // each: 20 000.00 x 50 % = 10 000.00 of exposure; 10 of them reach the cap of 5 x 20 000.00 = 100 000.00
      for (let i = 0; i < 3 * N; i++) ids.push((await prepareGuarantee(database.db, f.staff, guaranteeInput(f, { loanAmountMinor: 2_000_000, bankLoanRef: `RACE-${i}` }))).id);
      const attempts = ids.flatMap((id, i) => [
        approveGuarantee(i % 2 ? second!.db : database.db, f.manager, id, { accountingDate: '2026-02-01' }),
        approveGuarantee(i % 2 ? database.db : second!.db, f.secondManager, id, { accountingDate: '2026-02-01' }),
      ]);
      const settled = await Promise.allSettled(attempts);
      const failures = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected').map((s) => s.reason as unknown);
      // every refusal is a clean 409: already decided, or past the cap
      for (const e of failures) {
        expect(e).toBeInstanceOf(AppError);
        expect((e as AppError).status).toBe(409);
      }
      expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(N);
      const rows = await Promise.all(ids.map((id) => guaranteeRow(database.db, id)));
      expect(rows.filter((r) => r.status === 'active')).toHaveLength(N);
      expect(rows.filter((r) => r.status === 'prepared')).toHaveLength(2 * N);
      const exposure = (await exposureOfFunds(database.db, [f.fundId])).get(f.fundId)!;
      const netAssets = (await netAssetsOf(database.db, [f.fundId])).get(f.fundId)!;
      expect(exposure).toBe(10_000_000);
      expect(exposure * 100).toBeLessThanOrEqual(500 * netAssets);
      const books = Object.fromEntries((await accountBalances(database.db, { fundId: f.fundId }, STAFF_VIEWER)).map((a) => [a.code, a.balanceMinor]));
      expect(books['9000']).toBe(10_000_000);
      expect((await trialBalance(database.db, { fundId: f.fundId }, STAFF_VIEWER)).balanced).toBe(true);
    },
    120_000,
  );
});
