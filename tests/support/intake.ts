import type { ApplicationStatus, CreateApplicationInput } from '@essor/shared/applications';
import type { Role } from '@essor/shared/roles';
import { eq } from 'drizzle-orm';
import type { Db } from '../../api/src/db/client';
import { applications } from '../../api/src/db/schema/applications';
import { seedAccounts } from '../../seeds/platform';
import { TestClient, type TestContext } from './http';

export const GRID = [
  { key: 'social_utility', label: 'Utilité sociale', weight: 3, max: 5 },
  { key: 'economic_viability', label: 'Viabilité économique', weight: 2, max: 5 },
  { key: 'territorial_anchoring', label: 'Ancrage territorial', weight: 1, max: 10 },
];

export const CRITERIA = [
  { key: 'legal_form', label: 'Entreprise collective' },
  { key: 'territory', label: 'Siège sur le territoire' },
];

let counter = 0;

/** An open programme whose call runs around today, with a checklist and a scoring grid. */
export async function createOpenProgramme(staff: TestClient, overrides: Record<string, unknown> = {}): Promise<{ id: string; code: string }> {
  counter += 1;
  const res = await staff.post('/api/programmes', {
    code: `TEST-${Date.now().toString(36).toUpperCase()}-${counter}`,
    name: 'Programme de test',
    territory: 'Montréal',
    eligibilityCriteria: CRITERIA,
    scoringGrid: GRID,
    callOpensOn: '2020-01-01',
    callClosesOn: '2099-12-31',
    currency: 'CAD',
    languages: ['fr', 'en'],
    status: 'open',
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`programme: ${res.status} ${await res.text()}`);
  return res.json();
}

export function applicationInput(programmeId: string, title = 'Épicerie solidaire du quartier'): CreateApplicationInput {
  return {
    programmeId,
    motivation: 'Rendre accessibles des produits locaux aux ménages à faible revenu.',
    locale: 'fr',
    organisation: {
      name: `Coopérative ${title}`,
      legalForm: 'cooperative',
      targetLegalForm: null,
      sector: 'alimentation',
      district: 'Rosemont',
      territory: 'Montréal',
      foundersCount: 5,
      womenCount: 3,
      youthCount: 2,
      description: '',
      contactName: null,
      contactEmail: null,
      contactPhone: null,
    },
    project: { title, description: 'Une épicerie coopérative.', needs: ['coaching', 'co_financing'], district: 'Rosemont', totalBudgetMinor: 8_500_000, currency: 'CAD' },
  };
}

/** A fresh signed-in account with the given roles; staff-side roles are held on `structureId` (the top node by default). */
export async function signedInAccount(ctx: TestContext, roles: Role[], label = 'person', structureId?: string): Promise<TestClient> {
  counter += 1;
  const email = `${label}-${counter}-${Date.now().toString(36)}@example.org`;
  await seedAccounts(ctx.database.db, [{ email, name: `${label} ${counter}`, roles, locale: 'fr', structureId }]);
  return new TestClient(ctx.app).signIn(email);
}

export async function draftApplication(holder: TestClient, programmeId: string, title?: string): Promise<string> {
  const res = await holder.post('/api/applications', applicationInput(programmeId, title));
  if (res.status !== 201) throw new Error(`application: ${res.status} ${await res.text()}`);
  return (await res.json()).id;
}

/** Test shortcut: puts an application straight into a status, skipping the moves that lead there. */
export async function forceStatus(db: Db, applicationId: string, status: ApplicationStatus): Promise<void> {
  await db.update(applications).set({ status }).where(eq(applications.id, applicationId));
}

/** Walks an application through the real API up to the committee stage. */
export async function applicationAtCommittee(holder: TestClient, staff: TestClient, programmeId: string, title?: string): Promise<string> {
  const id = await draftApplication(holder, programmeId, title);
  await expectOk(holder.post(`/api/applications/${id}/moves`, { to: 'submitted' }));
  await expectOk(staff.post(`/api/applications/${id}/moves`, { to: 'screening' }));
  await expectOk(staff.put(`/api/applications/${id}/screening`, { results: CRITERIA.map((c) => ({ key: c.key, passed: true })) }));
  await expectOk(staff.post(`/api/applications/${id}/moves`, { to: 'committee' }));
  return id;
}

export async function expectOk(pending: Promise<Response>): Promise<Response> {
  const res = await pending;
  if (res.status >= 300) throw new Error(`${res.status} ${await res.text()}`);
  return res;
}
