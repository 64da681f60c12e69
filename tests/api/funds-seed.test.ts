import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../api/src/lib/rows';
import { allCofinancing } from '../../api/src/modules/cofinancing/requests';
import { listAssets } from '../../api/src/modules/equipment/assets';
import { listQuotes } from '../../api/src/modules/equipment/quotes';
import { listFunds } from '../../api/src/modules/funds/service';
import { STAFF_VIEWER } from '../../api/src/lib/viewer';
import { findMisdatedEntries } from '../../api/src/modules/ledger/date-check';
import { trialBalance } from '../../api/src/modules/ledger/reports';
import { allLoans } from '../../api/src/modules/loans/proposals';
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
    const trial = await trialBalance(database.db, {}, STAFF_VIEWER);
    expect(trial.balanced).toBe(true);
    expect(trial.totals.map((t) => t.currency).sort()).toEqual(['CAD', 'MAD', 'XOF']);
    // The demo's story is told in order: nothing paid before it was approved, nothing after today.
    expect(await findMisdatedEntries(database.db)).toEqual([]);
    const funds = await listFunds(database.db, STAFF_VIEWER);
    // FID-MTL: the trust books community bond subscriptions are held in (seeds/bonds.ts), no capital of its own;
    // FAB-MTL: the incubator's matchfunding fund, pledged 1 for 1 to the Recyclerie's bonds (seeds/bonds.ts).
    // FGA-MTL: the city's guarantee fund on bank loans (seeds/guarantees.ts).
    expect(funds.map((f) => f.code)).toEqual(['FAB-MTL', 'FCO-MTL', 'FEQ-DKR', 'FGA-MTL', 'FID-MTL', 'FPH-CHEF']);
    const fco = funds.find((f) => f.code === 'FCO-MTL')!;
    expect(fco.figures).toMatchObject({ capitalMinor: 80_000_000, committedMinor: 14_500_000, disbursedMinor: 9_500_000, availableMinor: 65_500_000 });
    for (const fund of funds.filter((f) => f.type !== 'bond_trust')) expect(fund.figures.availableMinor).toBeGreaterThan(0);
  });

  it('has a guarantee portfolio: loans being repaid, one released, one in arrears, one called and partly recovered, one waiting', async () => {
    const raw = rowsOf<{ ref: string; status: string; risk: string; exposure: string; provision: string; paid: string; recovered: string }>(
      await database.db.execute(sql`
        select g.bank_loan_ref as ref, g.status, g.risk_class as risk, g.exposure_minor as exposure, g.provision_minor as provision, g.paid_minor as paid, g.recovered_minor as recovered
        from guarantees g join funds f on f.id = g.fund_id where f.code = 'FGA-MTL' order by g.number`),
    );
    const rows = raw.map((r) => ({ ...r, exposure: Number(r.exposure), provision: Number(r.provision), paid: Number(r.paid), recovered: Number(r.recovered) }));
    expect(rows.map((r) => [r.ref, r.status])).toEqual([
      ['CES-2025-0142', 'active'],
      ['BCM-88-2025-017', 'active'],
      ['CES-2025-0077', 'released'],
      ['BCM-88-2025-031', 'active'],
      ['CES-2025-0203', 'paid'],
      ['BCM-88-2026-044', 'prepared'],
    ]);
    // In arrears 95 days: doubtful, 50 % of 50 % x 40 500.00 = 10 125.00 provisioned.
    expect(rows[3]).toMatchObject({ risk: 'doubtful', exposure: 2_025_000, provision: 1_012_500 });
    // Called: 60 % of a 40 000.00 loss = 24 000.00 paid; 60 % of 10 000.00 recovered = 6 000.00 back.
    expect(rows[4]).toMatchObject({ risk: 'loss', exposure: 0, provision: 0, paid: 2_400_000, recovered: 600_000 });
    expect(rows[2]).toMatchObject({ exposure: 0, provision: 0 });
  });

  it('has co-financing requests at each state, loans on time and in arrears, and registered equipment', async () => {
    const requests = await allCofinancing(database.db, STAFF_VIEWER, {});
    expect(new Set(requests.map((r) => r.status))).toEqual(new Set(['draft', 'prepared', 'approved', 'rejected', 'completed', 'cancelled']));
    const loans = await allLoans(database.db, STAFF_VIEWER, {});
    expect(loans.filter((l) => l.daysInArrears > 0).map((l) => l.purpose)).toEqual(['Métiers à tisser et site de vente en ligne']);
    // The list's arrears filter (in SQL, so that it pages) selects the loans whose standing says they are late.
    expect((await allLoans(database.db, STAFF_VIEWER, { inArrears: 'true' })).map((l) => l.id)).toEqual(loans.filter((l) => l.daysInArrears > 0).map((l) => l.id));
    expect((await allLoans(database.db, STAFF_VIEWER, { inArrears: 'false' })).map((l) => l.id)).toEqual(loans.filter((l) => l.daysInArrears === 0).map((l) => l.id));
    expect(new Set(loans.map((l) => l.status))).toEqual(new Set(['active', 'approved', 'proposed']));
    expect((await listQuotes(database.db, STAFF_VIEWER, {})).map((q) => q.status).sort()).toEqual(['paid', 'recorded']);
    const { items: assets, nextCursor } = await listAssets(database.db, STAFF_VIEWER, { limit: 50 });
    expect(nextCursor).toBeNull();
    expect(assets.reduce((sum, a) => sum + a.valueMinor, 0)).toBe(4_650_000);
    expect(assets.every((a) => a.serialNumber?.startsWith('FTT-2026-'))).toBe(true);
  });
});

describe('demo notifications', () => {
  it('keeps the demo history under the bell and e-mails nobody about it', async () => {
    const count = async (query: SQL) => rowsOf<{ n: number }>(await database.db.execute(query))[0].n;
    expect(await count(sql`select count(*)::int as n from notifications`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*)::int as n from outbox_messages where kind in ('notification', 'notification_digest')`)).toBe(0);
  });
});
