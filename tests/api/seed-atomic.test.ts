import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../api/src/db/schema/auth';
import { funds } from '../../api/src/db/schema/funds';
import { projects } from '../../api/src/db/schema/projects';
import { seedCore } from '../../seeds/core';
import { seedPlatform } from '../../seeds/platform';
import { seedIfEmpty } from '../../seeds/seed';
import { seedStructures } from '../../seeds/structures';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.dispose());

const rows = async (table: typeof users | typeof funds | typeof projects) => (await database.db.select({ n: count() }).from(table))[0].n;

describe('first-start seeding', () => {
  it('leaves an empty database when it dies half-way, and the next start seeds it fully', async () => {
    const dying = seedIfEmpty(database.db, async (tx) => {
      await seedPlatform(tx);
      await seedStructures(tx);
      await seedCore(tx);
      throw new Error('killed half-way');
    });
    await expect(dying).rejects.toThrow('killed half-way');
    expect(await rows(users)).toBe(0);
    expect(await rows(projects)).toBe(0);
    expect(await seedIfEmpty(database.db)).toBe(true);
    expect(await rows(users)).toBeGreaterThan(0);
    expect(await rows(funds)).toBeGreaterThan(0);
    expect(await seedIfEmpty(database.db)).toBe(false);
  }, 300_000);
});
