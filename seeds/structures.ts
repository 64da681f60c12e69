import { eq } from 'drizzle-orm';
import type { Db } from '../api/src/db/client';
import { users } from '../api/src/db/schema/auth';
import { memberships, ROOT_STRUCTURE_ID, structures } from '../api/src/db/schema/structures';
import { recordAudit, SYSTEM_ACTOR } from '../api/src/lib/audit';
import { seedAccounts, type SeedAccount } from './platform';

/**
 * The demo's tree, drawn from the reports: a francophone network on top; Montréal, which funds its SSE
 * support through local organisations (a central incubator and a neighbourhood agency under the city);
 * Chefchaouen's INDH provincial committee; Dakar's incubator. Ids are fixed so the other seeds can name them.
 */
export const DEMO_STRUCTURES = {
  network: ROOT_STRUCTURE_ID,
  montreal: 'e5500000-0000-4000-8000-000000000010',
  montrealIncubator: 'e5500000-0000-4000-8000-000000000011',
  montrealAgency: 'e5500000-0000-4000-8000-000000000012',
  chefchaouen: 'e5500000-0000-4000-8000-000000000020',
  dakar: 'e5500000-0000-4000-8000-000000000030',
} as const;

/** Where each demo programme is run. */
export const DEMO_PROGRAMME_STRUCTURE: Record<string, string> = {
  'MTL-TRANSFO': DEMO_STRUCTURES.montrealIncubator,
  'INDH-JEUNES': DEMO_STRUCTURES.chefchaouen,
  'DKR-INCUB': DEMO_STRUCTURES.dakar,
};

/** Where each demo fund is run: Montréal's fund is the city's, financing its incubators' projects. */
export const DEMO_FUND_STRUCTURE: Record<string, string> = {
  'FCO-MTL': DEMO_STRUCTURES.montreal,
  'FPH-CHEF': DEMO_STRUCTURES.chefchaouen,
  'FEQ-DKR': DEMO_STRUCTURES.dakar,
};

const p = (...ids: string[]) => `/${ids.join('/')}/`;
const S = DEMO_STRUCTURES;

const NODES = [
  {
    id: S.montreal,
    parentId: S.network,
    path: p(S.network, S.montreal),
    name: 'Ville de Montréal — Service du développement économique',
    kind: 'city',
    territory: 'Montréal',
    languages: ['fr', 'en'],
    currency: 'CAD',
    contactName: 'Bureau de l’économie sociale',
    contactEmail: 'economie.sociale@essor.demo',
  },
  {
    id: S.montrealIncubator,
    parentId: S.montreal,
    path: p(S.network, S.montreal, S.montrealIncubator),
    name: 'Incubateur central d’économie sociale de Montréal',
    kind: 'incubator',
    territory: 'Montréal',
    languages: ['fr', 'en'],
    currency: 'CAD',
    contactName: 'Marc Tremblay',
    contactEmail: 'incubateur.mtl@essor.demo',
  },
  {
    id: S.montrealAgency,
    parentId: S.montreal,
    path: p(S.network, S.montreal, S.montrealAgency),
    name: 'Agence de développement local Rosemont–La Petite-Patrie',
    kind: 'local_agency',
    territory: 'Rosemont–La Petite-Patrie',
    languages: ['fr'],
    currency: 'CAD',
    contactName: 'Sophie Lavoie',
    contactEmail: 'adl.rpp@essor.demo',
  },
  {
    id: S.chefchaouen,
    parentId: S.network,
    path: p(S.network, S.chefchaouen),
    name: 'Comité provincial INDH de Chefchaouen',
    kind: 'provincial_committee',
    territory: 'Province de Chefchaouen',
    languages: ['fr', 'ar'],
    currency: 'MAD',
    contactName: 'Division de l’action sociale',
    contactEmail: 'indh.chefchaouen@essor.demo',
  },
  {
    id: S.dakar,
    parentId: S.network,
    path: p(S.network, S.dakar),
    name: 'Incubateur ESS de la Ville de Dakar',
    kind: 'incubator',
    territory: 'Dakar',
    languages: ['fr', 'wo'],
    currency: 'XOF',
    contactName: 'Direction du développement économique local',
    contactEmail: 'incubateur.dakar@essor.demo',
  },
];

/** One account per structure, two city-level fund managers, and one person with different roles in two structures. */
export const STRUCTURE_ACCOUNTS: SeedAccount[] = [
  { email: 'staff.mtl@essor.demo', name: 'Isabelle Gagné', roles: ['staff'], locale: 'fr', structureId: S.montrealIncubator },
  { email: 'staff.rpp@essor.demo', name: 'Sophie Lavoie', roles: ['staff', 'coach'], locale: 'fr', structureId: S.montrealAgency },
  { email: 'ville.mtl@essor.demo', name: 'Philippe Bergeron', roles: ['staff', 'fund_manager'], locale: 'fr', structureId: S.montreal },
  // A second fund manager on the city's fund: one prepares a request, the other approves it (four eyes).
  { email: 'fonds.mtl@essor.demo', name: 'Catherine Roy', roles: ['staff', 'fund_manager'], locale: 'fr', structureId: S.montreal },
  { email: 'staff.indh@essor.demo', name: 'Karima Bennani', roles: ['staff', 'fund_manager'], locale: 'fr', structureId: S.chefchaouen },
  // A second fund manager of Chefchaouen: approves what the first asks (four eyes), such as closing the books.
  { email: 'fonds.indh@essor.demo', name: 'Youssef Alaoui', roles: ['fund_manager'], locale: 'fr', structureId: S.chefchaouen },
  { email: 'staff.dkr@essor.demo', name: 'Moussa Diallo', roles: ['staff'], locale: 'fr', structureId: S.dakar },
  // The city councillor in charge of the social economy: reads the dashboards, the inventory and the council report.
  { email: 'elu.mtl@essor.demo', name: 'Martin Lévesque', roles: ['elected_official'], locale: 'fr', structureId: S.montreal },
];

/** Amadou Sow: staff of the Dakar incubator and committee member of Chefchaouen's provincial committee. */
const TWO_HATS: SeedAccount[] = [
  { email: 'amadou@essor.demo', name: 'Amadou Sow', roles: ['staff'], locale: 'fr', structureId: S.dakar },
  { email: 'amadou@essor.demo', name: 'Amadou Sow', roles: ['committee_member'], locale: 'fr', structureId: S.chefchaouen },
];

export async function seedStructures(db: Db): Promise<void> {
  const [existing] = await db.select({ id: structures.id }).from(structures).where(eq(structures.id, S.montreal));
  if (existing) return;
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(structures).where(eq(structures.id, S.network));
    const [root] = await tx
      .update(structures)
      .set({ name: 'Réseau francophone des villes pour l’ESS', territory: 'Montréal, Chefchaouen, Dakar', languages: ['fr', 'en'], currency: 'EUR', contactEmail: 'reseau@essor.demo' })
      .where(eq(structures.id, S.network))
      .returning();
    await recordAudit(tx, SYSTEM_ACTOR, { action: 'structure.update', entity: 'structure', entityId: root.id, structureId: root.id, before, after: root });
    for (const node of NODES) {
      const [row] = await tx.insert(structures).values(node).returning();
      await recordAudit(tx, SYSTEM_ACTOR, { action: 'structure.seed', entity: 'structure', entityId: row.id, structureId: row.id, after: row });
    }
  });
  await seedAccounts(db, STRUCTURE_ACCOUNTS);
  await seedAccounts(db, TWO_HATS.slice(0, 1));
  await addRoles(db, TWO_HATS[1]);
}

async function addRoles(db: Db, account: SeedAccount): Promise<void> {
  const [person] = await db.select({ id: users.id }).from(users).where(eq(users.email, account.email));
  await db
    .insert(memberships)
    .values(account.roles.map((role) => ({ userId: person.id, structureId: account.structureId!, role })))
    .onConflictDoNothing();
}
