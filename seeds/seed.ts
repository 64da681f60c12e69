import { count, inArray } from 'drizzle-orm';
import type { Db } from '../api/src/db/client';
import { users } from '../api/src/db/schema/auth';
import { outboxMessages } from '../api/src/db/schema/mail';
import { seedBondStatements } from './bond-statements';
import { seedBonds } from './bonds';
import { seedCoaching } from './coaching';
import { seedCore } from './core';
import { seedIntake } from './intake';
import { seedFunds } from './funds';
import { seedGuarantees } from './guarantees';
import { seedImpact } from './impact';
import { seedPlatform } from './platform';
import { seedStructures } from './structures';
import { seedTerritory } from './territory';

/** Demo data drawn from the field reports, in dependency order. */
export async function seedDemo(db: Db): Promise<void> {
  await seedPlatform(db);
  await seedStructures(db);
  await seedCore(db);
  await seedIntake(db);
  await seedCoaching(db);
  await seedFunds(db);
  await seedBonds(db);
  await seedBondStatements(db);
  await seedGuarantees(db);
  await seedTerritory(db);
  await seedImpact(db);
  // The demo's history is not news: its events stay under each person's bell, but nobody is e-mailed about them.
  await db.delete(outboxMessages).where(inArray(outboxMessages.kind, ['notification', 'notification_digest']));
}

/** Whether the database holds no account yet (a first start). */
export async function isEmpty(db: Db): Promise<boolean> {
  const [{ n }] = await db.select({ n: count() }).from(users);
  return n === 0;
}

/**
 * Loads the demo data only on an empty database (first start), in one transaction: a start killed
 * half-way leaves the database empty, so the next start seeds it again. The services the seeds call
 * open their own transactions on the handle they get; drizzle nests those as savepoints.
 */
export async function seedIfEmpty(db: Db, seed: (tx: Db) => Promise<void> = seedDemo): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await isEmpty(tx))) return false;
    await seed(tx);
    return true;
  });
}
