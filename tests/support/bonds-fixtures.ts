import { SESSION_COOKIE } from '@essor/shared/auth';
import type { CreateOfferingInput, Offering } from '@essor/shared/bonds';
import { eq, sql } from 'drizzle-orm';
import type { EssorApp } from '../../api/src/app';
import type { Db } from '../../api/src/db/client';
import { sessions, users } from '../../api/src/db/schema/auth';
import { bondInvestors } from '../../api/src/db/schema/bonds';
import { ROOT_STRUCTURE_ID } from '../../api/src/db/schema/structures';
import type { Actor } from '../../api/src/lib/audit';
import { randomToken, sha256 } from '../../api/src/lib/passwords';
import { systemUser } from '../../api/src/lib/scope';
import { createOffering, decideOffering, openOffering, submitOffering } from '../../api/src/modules/bonds/offerings';
import { todayUtc } from '../../api/src/modules/ledger/posting';
import { createFund } from '../../api/src/modules/funds/service';
import { seedAccounts } from '../../seeds/platform';
import { createFundsFixture, type FundsFixture } from './funds-fixtures';
import { TestClient } from './http';

export interface BondsFixture extends FundsFixture {
  trustFundId: string;
}

let counter = 0;
const tag = () => `${Date.now().toString(36).toUpperCase()}${(counter++).toString(36).toUpperCase()}`;

export function daysFrom(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The funds fixture (people, a project on the top structure) and trust books beside it. */
export async function createBondsFixture(db: Db): Promise<BondsFixture> {
  const fixture = await createFundsFixture(db);
  const trust = await createFund(db, fixture.manager, {
    code: `FID-${tag()}`,
    name: 'Fiducie de test',
    type: 'bond_trust',
    currency: 'CAD',
    description: 'Compte en fiducie de test',
    committeeThresholdMinor: 0,
    openedOn: '2026-01-01',
    structureId: ROOT_STRUCTURE_ID,
  });
  return { ...fixture, trustFundId: trust.id };
}

export function offeringTerms(fixture: BondsFixture, overrides: Partial<CreateOfferingInput> = {}): CreateOfferingInput {
  const today = todayUtc();
  return {
    issuerProjectId: fixture.projectId,
    trustFundId: fixture.trustFundId,
    code: `OBL-${tag()}`,
    title: 'Obligations de test',
    summaryFr: '',
    summaryEn: '',
    noticeFr: '',
    noticeEn: '',
    useOfFunds: '',
    impactAim: '',
    unitPriceMinor: 10_000,
    maxUnits: 100,
    minUnits: 40,
    minUnitsPerPerson: 1,
    maxUnitsPerPerson: 20,
    rateBps: 300,
    termMonths: 60,
    couponFrequency: 'annual',
    dayCount: 'act_365_fixed',
    opensOn: daysFrom(today, -1),
    closesOn: daysFrom(today, 30),
    paymentDays: 10,
    ...overrides,
  };
}

/** A draft, by the fixture's staff member. */
export async function draftOffering(db: Db, fixture: BondsFixture, overrides: Partial<CreateOfferingInput> = {}): Promise<Offering> {
  const staff = await systemUser(db, { id: fixture.staff.id!, email: fixture.staff.email!, name: 'Staff' });
  return createOffering(db, fixture.staff, staff, offeringTerms(fixture, overrides));
}

/** Drafted by staff, approved by a fund manager (four eyes), opened. */
export async function openedOffering(db: Db, fixture: BondsFixture, overrides: Partial<CreateOfferingInput> = {}): Promise<Offering> {
  const draft = await draftOffering(db, fixture, overrides);
  await submitOffering(db, fixture.staff, draft.id);
  await decideOffering(db, fixture.manager, draft.id, 'approve', '');
  return openOffering(db, fixture.manager, draft.id);
}

/** People of the public with the investor role, registered (adults) with the offering's structure, in one go. */
export async function makeInvestors(db: Db, structureId: string, count: number, prefix = `inv-${tag().toLowerCase()}`): Promise<Actor[]> {
  const emails = Array.from({ length: count }, (_, i) => `${prefix}-${i}@test.essor`);
  await seedAccounts(db, emails.map((email, i) => ({ email, name: `Investisseur ${i}`, roles: ['investor'], locale: 'fr' })));
  const rows = await db.select({ id: users.id, email: users.email }).from(users).where(sql`${users.email} like ${`${prefix}-%`}`);
  const now = new Date();
  await db
    .insert(bondInvestors)
    .values(rows.map((r) => ({ structureId, userId: r.id, fullName: `Investisseur ${r.email}`, address: '1 rue du Test, Montréal', bornOn: '1980-01-01', termsAcceptedAt: now, riskAcceptedAt: now })))
    .onConflictDoNothing();
  const byEmail = new Map(rows.map((r) => [r.email, r.id]));
  return emails.map((email) => ({ id: byEmail.get(email)!, email, requestId: null }));
}

/** A signed-in client for a person without going through the password check (many clients, fast). */
export async function sessionFor(db: Db, app: EssorApp, userId: string): Promise<TestClient> {
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  await db.insert(sessions).values({ tokenHash: sha256(token), userId, csrfToken, expiresAt: new Date(Date.now() + 3_600_000) });
  const client = new TestClient(app);
  client.cookie = `${SESSION_COOKIE}=${token}`;
  client.csrfToken = csrfToken;
  return client;
}

/** Signed-in clients for many people at once (one insert), spread over the apps given (several processes). */
export async function sessionsFor(db: Db, apps: EssorApp[], userIds: string[]): Promise<TestClient[]> {
  const expiresAt = new Date(Date.now() + 3_600_000);
  const made = userIds.map((userId) => ({ userId, token: randomToken(32), csrfToken: randomToken(24) }));
  await db.insert(sessions).values(made.map((m) => ({ tokenHash: sha256(m.token), userId: m.userId, csrfToken: m.csrfToken, expiresAt })));
  return made.map((m, i) => {
    const client = new TestClient(apps[i % apps.length]);
    client.cookie = `${SESSION_COOKIE}=${m.token}`;
    client.csrfToken = m.csrfToken;
    return client;
  });
}

export async function userIdByEmail(db: Db, email: string): Promise<string> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row.id;
}
