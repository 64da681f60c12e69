import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/src/app';
import { openDatabase, type Database } from '../../api/src/db/client';
import { rowsOf } from '../../api/src/lib/rows';
import { STAFF_VIEWER } from '../../api/src/lib/viewer';
import { confirmPayment } from '../../api/src/modules/bonds/payments';
import { lapseReservations } from '../../api/src/modules/bonds/subscriptions';
import { todayUtc } from '../../api/src/modules/ledger/posting';
import { trialBalance } from '../../api/src/modules/ledger/reports';
import { seedPlatform } from '../../seeds/platform';
import { createBondsFixture, makeInvestors, openedOffering, sessionsFor, type BondsFixture } from '../support/bonds-fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

const onPostgres = !!process.env.DATABASE_URL;
let database: TestDatabase;
/** A second process's connection pool on the same database. */
let second: Database | null = null;
let fixture: BondsFixture;

beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 20 });
  await seedPlatform(database.db);
  fixture = await createBondsFixture(database.db);
  if (onPostgres && 'connectionString' in database.jobsConnection) {
    second = await openDatabase({ url: database.jobsConnection.connectionString, poolSize: 20 });
  }
}, 60_000);
afterAll(async () => {
  await second?.close();
  await database.dispose();
});

describe('no offering is ever oversubscribed', () => {
  it.runIf(onPostgres)(
    '500 subscribers at once across two Essor processes on an offering of 100 units: exactly 100 reserved, the rest waitlisted',
    async () => {
      const offering = await openedOffering(database.db, fixture, { maxUnits: 100, minUnits: 50, maxUnitsPerPerson: 1, unitPriceMinor: 5_000 });
      const people = await makeInvestors(database.db, offering.structureId, 500);
      const apps = [createApp({ database }), createApp({ database: second! })];
      const clients = await sessionsFor(database.db, apps, people.map((p) => p.id!));
      const answers = await Promise.all(
        clients.map((client, i) => client.post(`/api/bonds/offerings/${offering.id}/subscriptions`, { units: 1 }, { headers: { 'Idempotency-Key': `race-${offering.id}-${i}` } })),
      );
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s) => s !== 201)).toEqual([]);
      const bodies = await Promise.all(answers.map((r) => r.json() as Promise<{ status: string; reference: string }>));
      expect(bodies.filter((b) => b.status === 'reserved')).toHaveLength(100);
      expect(bodies.filter((b) => b.status === 'waitlisted')).toHaveLength(400);
      expect(new Set(bodies.map((b) => b.reference)).size).toBe(500);
      const [row] = rowsOf<{ reserved: number; paid: number; rows_reserved: number; rows_waiting: number }>(
        await database.db.execute(sql`select o.reserved_units as reserved, o.paid_units as paid,
          (select count(*)::int from bond_subscriptions s where s.offering_id = o.id and s.status = 'reserved') as rows_reserved,
          (select count(*)::int from bond_subscriptions s where s.offering_id = o.id and s.status = 'waitlisted') as rows_waiting
          from bond_offerings o where o.id = ${offering.id}::uuid`),
      );
      expect(row).toEqual({ reserved: 100, paid: 0, rows_reserved: 100, rows_waiting: 400 });

      // Some pay, some lapse; the job runs on both processes at once: each waitlisted person is promoted once.
      const reserved = rowsOf<{ id: string; amount_minor: number }>(
        await database.db.execute(sql`select id, amount_minor from bond_subscriptions where offering_id = ${offering.id}::uuid and status = 'reserved' order by seq`),
      );
      for (const s of reserved.slice(0, 30)) await confirmPayment(database.db, fixture.staff, s.id, { amountMinor: Number(s.amount_minor), receivedOn: todayUtc() });
      await database.db.execute(sql`update bond_subscriptions set expires_at = now() - interval '1 minute'
        where id in (${sql.join(reserved.slice(30, 70).map((s) => sql`${s.id}::uuid`), sql`, `)})`);
      const runs = await Promise.all([lapseReservations(database.db), lapseReservations(second!.db), lapseReservations(database.db), lapseReservations(second!.db)]);
      expect(runs.reduce((n, r) => n + r.lapsed, 0)).toBe(40);
      expect(runs.reduce((n, r) => n + r.promoted, 0)).toBe(40);
      const [after] = rowsOf<{ reserved: number; paid: number; rows_reserved: number; rows_paid: number; promoted_once: number; told: number }>(
        await database.db.execute(sql`select o.reserved_units as reserved, o.paid_units as paid,
          (select count(*)::int from bond_subscriptions s where s.offering_id = o.id and s.status = 'reserved') as rows_reserved,
          (select count(*)::int from bond_subscriptions s where s.offering_id = o.id and s.status = 'paid') as rows_paid,
          (select count(distinct entity_id)::int from audit_log where action = 'bond_subscription.promote' and entity_id in (select id::text from bond_subscriptions where offering_id = o.id)) as promoted_once,
          (select count(*)::int from notifications where kind = 'bond.reserved_from_waitlist' and event_key in (select id::text from bond_subscriptions where offering_id = o.id)) as told
          from bond_offerings o where o.id = ${offering.id}::uuid`),
      );
      expect(after).toEqual({ reserved: 70, paid: 30, rows_reserved: 70, rows_paid: 30, promoted_once: 40, told: 40 });
      const promotions = rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from audit_log where action = 'bond_subscription.promote' and entity_id in (select id::text from bond_subscriptions where offering_id = ${offering.id}::uuid)`));
      expect(promotions[0].n).toBe(40);
      expect((await trialBalance(database.db, { fundId: offering.trustFundId }, STAFF_VIEWER)).balanced).toBe(true);
    },
    180_000,
  );

  it('serialises subscribers on one connection too (embedded database): never past the cap', async () => {
    const offering = await openedOffering(database.db, fixture, { maxUnits: 5, minUnits: 1, maxUnitsPerPerson: 1 });
    const people = await makeInvestors(database.db, offering.structureId, 12);
    const app = createApp({ database });
    const clients = await sessionsFor(database.db, [app], people.map((p) => p.id!));
    const answers = await Promise.all(clients.map((c, i) => c.post(`/api/bonds/offerings/${offering.id}/subscriptions`, { units: 1 }, { headers: { 'Idempotency-Key': `serial-${offering.id}-${i}` } })));
    const bodies = await Promise.all(answers.map((r) => r.json() as Promise<{ status: string }>));
    expect(bodies.filter((b) => b.status === 'reserved')).toHaveLength(5);
    expect(bodies.filter((b) => b.status === 'waitlisted')).toHaveLength(7);
  });
});
