import { eq } from 'drizzle-orm';
import type { Db } from '../../api/src/db/client';
import { users } from '../../api/src/db/schema/auth';
import { organisations, projects } from '../../api/src/db/schema/projects';
import { programmes } from '../../api/src/db/schema/programmes';
import { ROOT_STRUCTURE_ID } from '../../api/src/db/schema/structures';
import type { Actor } from '../../api/src/lib/audit';
import { admitProjectToFinancing } from '../../api/src/modules/funds/eligibility';
import { createFund, createFunder } from '../../api/src/modules/funds/service';
import { recordContribution } from '../../api/src/modules/funds/contributions';
import type { FundType } from '@essor/shared/funds';
import type { CurrencyCode } from '@essor/shared/money';
import type { Role } from '@essor/shared/roles';
import { seedAccounts } from '../../seeds/platform';

export interface FundsFixture {
  staff: Actor;
  manager: Actor;
  secondManager: Actor;
  committee: Actor;
  programmeId: string;
  projectId: string;
  funderId: string;
  /** Another project, in another currency, for the wrong-currency cases. */
  otherCurrencyProjectId: string;
}

/** The person, created with their roles on the top structure when the demo accounts do not hold them. */
async function actorFor(db: Db, email: string, name: string, roles: Role[]): Promise<Actor> {
  await seedAccounts(db, [{ email, name, roles, locale: 'fr' }]);
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return { id: row.id, email: row.email, requestId: null };
}

let counter = 0;

/** People, a programme, a project and a funder: what every funds test starts from (demo accounts included). */
export async function createFundsFixture(db: Db): Promise<FundsFixture> {
  const tag = `${Date.now().toString(36)}${counter++}`;
  const staff = await actorFor(db, 'staff@essor.demo', 'Marc Tremblay', ['staff']);
  const manager = await actorFor(db, 'fund@essor.demo', 'Julien Gagnon', ['fund_manager']);
  const secondManager = await actorFor(db, 'fund2@essor.test', 'Second gestionnaire', ['fund_manager']);
  const committee = await actorFor(db, 'committee@essor.demo', 'Nadia El Amrani', ['committee_member']);
  const [programme] = await db
    .insert(programmes)
    .values({ structureId: ROOT_STRUCTURE_ID, code: `TEST-${tag}`, name: 'Programme de test', territory: 'Montréal', currency: 'CAD', status: 'open' })
    .returning();
  const [holder] = await db.select().from(users).where(eq(users.email, 'holder@essor.demo'));
  const [org] = await db
    .insert(organisations)
    .values({ name: `Coopérative ${tag}`, legalForm: 'cooperative', sector: 'alimentation', district: 'Le Sud-Ouest', territory: 'Montréal', ownerUserId: holder?.id ?? null })
    .returning();
  const [project] = await db
    .insert(projects)
    .values({ structureId: ROOT_STRUCTURE_ID, organisationId: org.id, programmeId: programme.id, title: `Épicerie solidaire ${tag}`, district: 'Le Sud-Ouest', totalBudgetMinor: 10_000_000_000, currency: 'CAD', stage: 'incubated', holderUserId: holder?.id ?? null })
    .returning();
  const [other] = await db
    .insert(projects)
    .values({ structureId: ROOT_STRUCTURE_ID, organisationId: org.id, title: `Atelier ${tag}`, district: 'Médina', totalBudgetMinor: 50_000_000, currency: 'XOF', stage: 'incubated' })
    .returning();
  // Money goes only to selected projects: these two are admitted by staff (no application was accepted).
  await admitProjectToFinancing(db, staff, project.id, 'Projet de test admis au financement');
  await admitProjectToFinancing(db, staff, other.id, 'Projet de test admis au financement');
  const funder = await createFunder(db, manager, { name: `Ville de Montréal ${tag}`, kind: 'city' });
  return { staff, manager, secondManager, committee, programmeId: programme.id, projectId: project.id, funderId: funder.id, otherCurrencyProjectId: other.id };
}

export async function createFundWithCapital(
  db: Db,
  fixture: FundsFixture,
  options: { type: FundType; capitalMinor: number; currency?: CurrencyCode; thresholdMinor?: number; structureId?: string; openedOn?: string },
): Promise<string> {
  const currency = options.currency ?? 'CAD';
  const fund = await createFund(db, fixture.manager, {
    code: `F-${(counter++).toString(36).toUpperCase()}-${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
    name: `Fonds ${options.type}`,
    type: options.type,
    currency,
    description: '',
    committeeThresholdMinor: options.thresholdMinor ?? Number.MAX_SAFE_INTEGER,
    structureId: options.structureId ?? ROOT_STRUCTURE_ID,
    openedOn: options.openedOn ?? '2026-01-01',
  });
  if (options.capitalMinor > 0) {
    await recordContribution(db, fixture.manager, fund.id, { funderId: fixture.funderId, amountMinor: options.capitalMinor, currency, receivedOn: '2026-01-05' });
  }
  return fund.id;
}
