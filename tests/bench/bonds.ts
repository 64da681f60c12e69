import { sql } from 'drizzle-orm';
import { createApp } from '../../api/src/app';
import type { Database } from '../../api/src/db/client';
import { rowsOf } from '../../api/src/lib/rows';
import { STAFF_VIEWER } from '../../api/src/lib/viewer';
import { trialBalance } from '../../api/src/modules/ledger/reports';
import { seedPlatform } from '../../seeds/platform';
import { createBondsFixture, makeInvestors, openedOffering, sessionsFor } from '../support/bonds-fixtures';

/**
 * Subscriptions through the whole API (session, zod, idempotency, the offering's row lock, the reference,
 * the audit) from `clients` concurrent investors, each subscribing once, on an offering with room for
 * half of them: the rest join the waitlist. Reports subscriptions per second and checks nothing overflowed.
 */
export async function benchSubscriptions(database: Database, options: { clients?: number; rounds?: number } = {}) {
  const clients = options.clients ?? 200;
  const rounds = options.rounds ?? 5;
  await seedPlatform(database.db);
  const fixture = await createBondsFixture(database.db);
  const offering = await openedOffering(database.db, fixture, { maxUnits: (clients * rounds) / 2, minUnits: 1, maxUnitsPerPerson: 1, unitPriceMinor: 10_000 });
  const people = await makeInvestors(database.db, offering.structureId, clients * rounds);
  const app = createApp({ database });
  const callers = await sessionsFor(database.db, [app], people.map((p) => p.id!));
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < callers.length; i = next++) {
        const res = await callers[i].post(`/api/bonds/offerings/${offering.id}/subscriptions`, { units: 1 }, { headers: { 'Idempotency-Key': `bench-subscription-${offering.id}-${i}` } });
        if (res.status !== 201) {
          failed++;
          if (process.env.BENCH_VERBOSE) console.log(res.status, await res.text());
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const [row] = rowsOf<{ reserved: number; waiting: number; counter: number }>(
    await database.db.execute(sql`select
      (select count(*)::int from bond_subscriptions where offering_id = ${offering.id}::uuid and status = 'reserved') as reserved,
      (select count(*)::int from bond_subscriptions where offering_id = ${offering.id}::uuid and status = 'waitlisted') as waiting,
      (select reserved_units from bond_offerings where id = ${offering.id}::uuid) as counter`),
  );
  const balanced = (await trialBalance(database.db, { fundId: offering.trustFundId }, STAFF_VIEWER)).balanced;
  return {
    clients,
    requests: callers.length,
    failed,
    seconds: Number(seconds.toFixed(2)),
    perSecond: Number((callers.length / seconds).toFixed(0)),
    reserved: row.reserved,
    waiting: row.waiting,
    capacity: offering.maxUnits,
    exact: row.reserved === offering.maxUnits && row.counter === row.reserved && row.reserved + row.waiting === callers.length,
    balanced,
  };
}
