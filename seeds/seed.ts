import { count } from 'drizzle-orm';
import type { Db } from '../api/src/db/client';
import { users } from '../api/src/db/schema/auth';
import { seedCoaching } from './coaching';
import { seedCore } from './core';
import { seedIntake } from './intake';
import { seedFunds } from './funds';
import { seedPlatform } from './platform';

/** Demo data drawn from the field reports, in dependency order. */
export async function seedDemo(db: Db): Promise<void> {
  await seedPlatform(db);
  await seedCore(db);
  await seedIntake(db);
  await seedCoaching(db);
  await seedFunds(db);
}

/** Loads the demo data only on an empty database (first start). */
export async function seedIfEmpty(db: Db): Promise<boolean> {
  const [{ n }] = await db.select({ n: count() }).from(users);
  if (n > 0) return false;
  await seedDemo(db);
  return true;
}
