import type { Role } from '@essor/shared/roles';
import { users } from '../api/src/db/schema/auth';
import type { Db } from '../api/src/db/client';
import { recordAudit, SYSTEM_ACTOR } from '../api/src/lib/audit';
import { hashPassword } from '../api/src/lib/passwords';

/** Demo-only password of every demo account; documented in the README. */
export const DEMO_PASSWORD = 'essor-demo';

export const DEMO_ACCOUNTS: { email: string; name: string; roles: Role[]; locale: 'fr' | 'en' }[] = [
  { email: 'admin@essor.demo', name: 'Aïcha Benali', roles: ['admin'], locale: 'fr' },
  { email: 'staff@essor.demo', name: 'Marc Tremblay', roles: ['staff'], locale: 'fr' },
  { email: 'coach@essor.demo', name: 'Fatou Diop', roles: ['coach'], locale: 'fr' },
  { email: 'fund@essor.demo', name: 'Julien Gagnon', roles: ['fund_manager'], locale: 'fr' },
  { email: 'committee@essor.demo', name: 'Nadia El Amrani', roles: ['committee_member'], locale: 'fr' },
  { email: 'holder@essor.demo', name: 'Coopérative Les Jardins du Sud', roles: ['project_holder'], locale: 'fr' },
  { email: 'investor@essor.demo', name: 'Louise Côté', roles: ['investor'], locale: 'en' },
];

export async function seedPlatform(db: Db): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const rows = await tx
      .insert(users)
      .values(DEMO_ACCOUNTS.map((account) => ({ ...account, passwordHash, status: 'active' })))
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id, email: users.email, roles: users.roles });
    for (const row of rows) {
      await recordAudit(tx, SYSTEM_ACTOR, { action: 'user.seed', entity: 'user', entityId: row.id, after: { email: row.email, roles: row.roles } });
    }
  });
}
