import { isPublicRole, type Role } from '@essor/shared/roles';
import { eq } from 'drizzle-orm';
import { users } from '../api/src/db/schema/auth';
import { memberships, ROOT_STRUCTURE_ID } from '../api/src/db/schema/structures';
import type { Db } from '../api/src/db/client';
import { recordAudit, SYSTEM_ACTOR } from '../api/src/lib/audit';
import { hashPassword } from '../api/src/lib/passwords';

/** Demo-only password of every demo account; documented in the README. */
export const DEMO_PASSWORD = 'essor-demo';

export interface SeedAccount {
  email: string;
  name: string;
  roles: readonly Role[];
  locale: 'fr' | 'en';
  /** Where the staff-side roles are held; the top node when unset. */
  structureId?: string;
}

/** The platform's demo accounts; staff-side roles are held on the top node (`structureId` unset) so they see every city. */
export const DEMO_ACCOUNTS: SeedAccount[] = [
  { email: 'admin@essor.demo', name: 'Aïcha Benali', roles: ['admin'], locale: 'fr' },
  { email: 'staff@essor.demo', name: 'Marc Tremblay', roles: ['staff'], locale: 'fr' },
  { email: 'coach@essor.demo', name: 'Fatou Diop', roles: ['coach'], locale: 'fr' },
  { email: 'fund@essor.demo', name: 'Julien Gagnon', roles: ['fund_manager'], locale: 'fr' },
  { email: 'committee@essor.demo', name: 'Nadia El Amrani', roles: ['committee_member'], locale: 'fr' },
  { email: 'elected@essor.demo', name: 'Hélène Fortin', roles: ['elected_official'], locale: 'fr' },
  { email: 'holder@essor.demo', name: 'Coopérative Les Jardins du Sud', roles: ['project_holder'], locale: 'fr' },
  { email: 'investor@essor.demo', name: 'Louise Côté', roles: ['investor'], locale: 'en' },
];

/**
 * Creates demo accounts that do not exist yet: public roles on the account, every other role as a
 * membership of the given structure.
 */
export async function seedAccounts(db: Db, accounts: readonly SeedAccount[]): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const rows = await tx
      .insert(users)
      .values(accounts.map((a) => ({ email: a.email, name: a.name, locale: a.locale, roles: a.roles.filter(isPublicRole), passwordHash, status: 'active' })))
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id, email: users.email, roles: users.roles });
    for (const row of rows) {
      const account = accounts.find((a) => a.email === row.email)!;
      const held = account.roles.filter((r) => !isPublicRole(r)).map((role) => ({ userId: row.id, structureId: account.structureId ?? ROOT_STRUCTURE_ID, role }));
      if (held.length) await tx.insert(memberships).values(held);
      await recordAudit(tx, SYSTEM_ACTOR, { action: 'user.seed', entity: 'user', entityId: row.id, after: { email: row.email, roles: row.roles, memberships: held } });
    }
  });
}

export async function seedPlatform(db: Db): Promise<void> {
  await seedAccounts(db, DEMO_ACCOUNTS);
}

/** The id of a demo account, by e-mail. */
export async function userIdOf(db: Db, email: string): Promise<string> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row.id;
}
