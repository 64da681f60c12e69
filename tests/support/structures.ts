import { randomUUID } from 'node:crypto';
import type { Role } from '@essor/shared/roles';
import { eq } from 'drizzle-orm';
import type { Db } from '../../api/src/db/client';
import { ROOT_STRUCTURE_ID, structures } from '../../api/src/db/schema/structures';
import { seedAccounts } from '../../seeds/platform';
import type { TestClient, TestContext } from './http';

/** A structure under `parentId` (the top node by default), inserted directly: tests own their data. */
export async function makeStructure(db: Db, name: string, parentId: string = ROOT_STRUCTURE_ID, currency = 'CAD'): Promise<string> {
  const [parent] = await db.select({ path: structures.path }).from(structures).where(eq(structures.id, parentId));
  const id = randomUUID();
  await db.insert(structures).values({ id, parentId, path: `${parent.path}${id}/`, name, kind: 'incubator', currency, languages: ['fr', 'en'] });
  return id;
}

/** A person holding `roles` in one structure, signed in. */
export async function memberOf(ctx: TestContext, structureId: string, roles: Role[], email = `${roles.join('-')}.${randomUUID().slice(0, 8)}@test.essor`): Promise<TestClient> {
  await seedAccounts(ctx.database.db, [{ email, name: email.split('@')[0], roles, locale: 'fr', structureId }]);
  return ctx.client().signIn(email);
}

export { ROOT_STRUCTURE_ID };
