import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCofinancing } from '../../api/src/modules/cofinancing/service';
import { listAssets, listQuotes } from '../../api/src/modules/equipment/service';
import { listFunds } from '../../api/src/modules/funds/service';
import { STAFF_VIEWER } from '../../api/src/modules/funds/viewer';
import { trialBalance } from '../../api/src/modules/ledger/service';
import { listLoans } from '../../api/src/modules/loans/service';
import { seedDemo } from '../../seeds/seed';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db);
  await seedDemo(database.db);
});
afterAll(() => database.dispose());

describe('funds demo data', () => {
  it('posts everything through the ledger, balanced, once even when seeded twice', async () => {
    const trial = await trialBalance(database.db, {});
    expect(trial.balanced).toBe(true);
    expect(trial.totals.map((t) => t.currency).sort()).toEqual(['CAD', 'MAD', 'XOF']);
    const funds = await listFunds(database.db);
    expect(funds.map((f) => f.code)).toEqual(['FCO-MTL', 'FEQ-DKR', 'FPH-CHEF']);
    const fco = funds.find((f) => f.code === 'FCO-MTL')!;
    expect(fco.figures).toMatchObject({ capitalMinor: 80_000_000, committedMinor: 14_500_000, disbursedMinor: 9_500_000, availableMinor: 65_500_000 });
    for (const fund of funds) expect(fund.figures.availableMinor).toBeGreaterThan(0);
  });

  it('has co-financing requests at each state, loans on time and in arrears, and registered equipment', async () => {
    const requests = await listCofinancing(database.db, STAFF_VIEWER, {});
    expect(new Set(requests.map((r) => r.status))).toEqual(new Set(['draft', 'prepared', 'approved', 'rejected', 'completed', 'cancelled']));
    const loans = await listLoans(database.db, STAFF_VIEWER, {});
    expect(loans.filter((l) => l.daysInArrears > 0).map((l) => l.purpose)).toEqual(['Métiers à tisser et site de vente en ligne']);
    expect(new Set(loans.map((l) => l.status))).toEqual(new Set(['active', 'approved', 'proposed']));
    expect((await listQuotes(database.db, STAFF_VIEWER, {})).map((q) => q.status).sort()).toEqual(['paid', 'recorded']);
    const assets = await listAssets(database.db, STAFF_VIEWER, {});
    expect(assets.reduce((sum, a) => sum + a.valueMinor, 0)).toBe(4_650_000);
    expect(assets.every((a) => a.serialNumber?.startsWith('FTT-2026-'))).toBe(true);
  });
});
