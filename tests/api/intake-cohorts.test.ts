import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../api/src/db/client';
import { applications } from '../../api/src/db/schema/applications';
import { users } from '../../api/src/db/schema/auth';
import { cohortMembers } from '../../api/src/db/schema/projects';
import { ROOT_STRUCTURE_ID } from '../../api/src/db/schema/structures';
import type { Actor } from '../../api/src/lib/audit';
import { rowsOf } from '../../api/src/lib/rows';
import { createApplication } from '../../api/src/modules/applications/service';
import { createCohort, joinCohort } from '../../api/src/modules/cohorts/service';
import { createProgramme } from '../../api/src/modules/programmes/service';
import { Conflict } from '../../api/src/lib/errors';
import { EMPTY_REACH } from '../../api/src/lib/scope';
import { seedPlatform } from '../../seeds/platform';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { createTestDatabase } from '../support/test-db';
import { applicationInput, createOpenProgramme, draftApplication, expectOk, forceStatus } from '../support/intake';

let ctx: TestContext;
let staff: TestClient;
let holder: TestClient;
let programmeId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  staff = await ctx.as('staff');
  holder = await ctx.as('project_holder');
  programmeId = (await createOpenProgramme(staff)).id;
});
afterAll(() => ctx.close());

async function acceptedApplication(title?: string): Promise<string> {
  const id = await draftApplication(holder, programmeId, title);
  await forceStatus(ctx.database.db, id, 'accepted');
  return id;
}

async function newCohort(capacity: number, name = `Cohorte ${Math.random().toString(36).slice(2, 8)}`) {
  return (await (await expectOk(staff.post('/api/cohorts', { programmeId, name, startsOn: '2027-01-10', endsOn: '2027-06-30', capacity }))).json()) as { id: string; name: string };
}

async function auditCount() {
  return Number(rowsOf<{ n: string }>(await ctx.database.db.execute(sql`select count(*) as n from audit_log`))[0].n);
}

/** A seeded database's staff and holder, and an open programme of their own, for the races below (PostgreSQL). */
async function racingProgramme(db: Db, code: string, name: string) {
  await seedPlatform(db);
  const [holderRow] = await db.select().from(users).where(eq(users.email, 'holder@essor.demo'));
  const [staffRow] = await db.select().from(users).where(eq(users.email, 'staff@essor.demo'));
  const actor: Actor = { id: staffRow.id, email: staffRow.email, requestId: null };
  const holderUser = { id: holderRow.id, email: holderRow.email, name: holderRow.name, roles: ['project_holder' as const], locale: 'fr' as const, memberships: [], reach: EMPTY_REACH, focus: null };
  const programme = await createProgramme(db, actor, ROOT_STRUCTURE_ID, {
    code,
    name,
    description: '',
    territory: 'Dakar',
    eligibilityCriteria: [],
    scoringGrid: [],
    callOpensOn: '2020-01-01',
    callClosesOn: '2099-12-31',
    budgetEnvelopeMinor: 0,
    currency: 'XOF',
    languages: ['fr'],
    status: 'open',
  });
  return { actor, holderUser, programme };
}

describe('cohorts', () => {
  it('takes accepted projects up to capacity, then refuses with 409 and writes nothing', async () => {
    const cohort = await newCohort(2);
    const [a, b, c] = [await acceptedApplication('Projet A'), await acceptedApplication('Projet B'), await acceptedApplication('Projet C')];
    await expectOk(staff.post(`/api/cohorts/${cohort.id}/members`, { applicationId: a }));
    const afterB = await (await expectOk(staff.post(`/api/cohorts/${cohort.id}/members`, { applicationId: b }))).json();
    expect(afterB.memberCount).toBe(2);
    expect(afterB.members.map((m: { projectTitle: string; stage: string }) => [m.projectTitle, m.stage])).toEqual([
      ['Projet A', 'incubated'],
      ['Projet B', 'incubated'],
    ]);
    const before = await auditCount();
    const full = await staff.post(`/api/cohorts/${cohort.id}/members`, { applicationId: c });
    expect(full.status).toBe(409);
    expect(await auditCount()).toBe(before);
    const members = await ctx.database.db.select().from(cohortMembers).where(eq(cohortMembers.cohortId, cohort.id));
    expect(members).toHaveLength(2);
  });

  it('refuses applications that are not accepted, already placed, or from another programme', async () => {
    const cohort = await newCohort(10);
    const draft = await draftApplication(holder, programmeId);
    expect((await staff.post(`/api/cohorts/${cohort.id}/members`, { applicationId: draft })).status).toBe(409);
    const accepted = await acceptedApplication();
    await expectOk(staff.post(`/api/cohorts/${cohort.id}/members`, { applicationId: accepted }));
    const other = await newCohort(10);
    expect((await staff.post(`/api/cohorts/${other.id}/members`, { applicationId: accepted })).status).toBe(409);
    const elsewhere = (await createOpenProgramme(staff)).id;
    const foreign = await draftApplication(holder, elsewhere);
    await forceStatus(ctx.database.db, foreign, 'accepted');
    expect((await staff.post(`/api/cohorts/${cohort.id}/members`, { applicationId: foreign })).status).toBe(409);
    expect((await staff.post(`/api/cohorts/00000000-0000-4000-8000-000000000000/members`, { applicationId: accepted })).status).toBe(404);
  });

  it('keeps capacity at or above its members, and dates in order', async () => {
    const cohort = await newCohort(3);
    await expectOk(staff.post(`/api/cohorts/${cohort.id}/members`, { applicationId: await acceptedApplication() }));
    await expectOk(staff.post(`/api/cohorts/${cohort.id}/members`, { applicationId: await acceptedApplication() }));
    expect((await staff.patch(`/api/cohorts/${cohort.id}`, { capacity: 1 })).status).toBe(409);
    expect((await (await expectOk(staff.patch(`/api/cohorts/${cohort.id}`, { capacity: 2 }))).json()).capacity).toBe(2);
    expect((await staff.patch(`/api/cohorts/${cohort.id}`, { endsOn: '2026-01-01' })).status).toBe(409);
    expect((await staff.post('/api/cohorts', { programmeId, name: 'À rebours', startsOn: '2027-06-30', endsOn: '2027-01-10', capacity: 3 })).status).toBe(400);
    expect((await staff.post('/api/cohorts', { programmeId, name: cohort.name, startsOn: '2027-01-10', endsOn: '2027-06-30', capacity: 3 })).status).toBe(409);
  });

  it('lets coaches and fund managers read cohorts, and exports them as CSV', async () => {
    const cohort = await newCohort(4, 'Cohorte lisible');
    await expectOk(staff.post(`/api/cohorts/${cohort.id}/members`, { applicationId: await acceptedApplication('Projet lisible') }));
    for (const role of ['coach', 'fund_manager'] as const) {
      const reader = await ctx.as(role);
      const detail = await (await expectOk(reader.get(`/api/cohorts/${cohort.id}`))).json();
      expect(detail.members.map((m: { projectTitle: string }) => m.projectTitle)).toEqual(['Projet lisible']);
      expect((await reader.post(`/api/cohorts/${cohort.id}/members`, { applicationId: await acceptedApplication() })).status).toBe(403);
    }
    const list = (await (await staff.get(`/api/cohorts/export.csv?programmeId=${programmeId}`)).text()).replace(/^\uFEFF/, '').trim().split('\n');
    expect(list[0]).toBe('programme,name,starts_on,ends_on,capacity,members');
    expect(list.some((line) => line.includes('Cohorte lisible') && line.endsWith(',4,1'))).toBe(true);
    const members = (await (await staff.get(`/api/cohorts/${cohort.id}/members/export.csv`)).text()).replace(/^\uFEFF/, '').trim().split('\n');
    expect(members).toHaveLength(2);
    expect(members[1]).toContain('Projet lisible');
  });

  it.runIf(!!process.env.DATABASE_URL)('holds capacity under concurrent joins: exactly capacity members', async () => {
    const database = await createTestDatabase({ poolSize: 20 });
    try {
      const { actor, holderUser, programme } = await racingProgramme(database.db, 'CONC-TEST', 'Programme concurrent');
      const capacity = 3;
      const cohort = await createCohort(database.db, actor, { programmeId: programme.id, name: 'Cohorte disputée', startsOn: '2027-01-01', endsOn: '2027-06-30', capacity });
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) {
        const app = await createApplication(database.db, actor, holderUser, applicationInput(programme.id, `Projet concurrent ${i}`));
        await database.db.update(applications).set({ status: 'accepted' }).where(eq(applications.id, app.id));
        ids.push(app.id);
      }
      const results = await Promise.allSettled(ids.map((id) => joinCohort(database.db, actor, cohort.id, id)));
      const joined = results.filter((r) => r.status === 'fulfilled');
      const refused = results.filter((r) => r.status === 'rejected');
      expect(joined).toHaveLength(capacity);
      expect(refused).toHaveLength(ids.length - capacity);
      for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(Conflict);
      const members = await database.db.select().from(cohortMembers).where(eq(cohortMembers.cohortId, cohort.id));
      expect(members).toHaveLength(capacity);
    } finally {
      await database.dispose();
    }
  });

  it('refuses in the database a second cohort of one programme for a project, whoever writes it', async () => {
    const [first, second] = [await newCohort(5), await newCohort(5)];
    const id = await acceptedApplication('Projet en double');
    await expectOk(staff.post(`/api/cohorts/${first.id}/members`, { applicationId: id }));
    const [member] = await ctx.database.db.select().from(cohortMembers).where(eq(cohortMembers.cohortId, first.id));
    // Behind the service's back, straight into the table: the unique rule stops it.
    await expect(ctx.database.db.insert(cohortMembers).values({ cohortId: second.id, programmeId: member.programmeId, projectId: member.projectId })).rejects.toThrow();
    // And the programme written beside the cohort must be the cohort's own.
    const elsewhere = (await createOpenProgramme(staff)).id;
    await expect(ctx.database.db.insert(cohortMembers).values({ cohortId: second.id, programmeId: elsewhere, projectId: member.projectId })).rejects.toThrow();
  });

  it.runIf(!!process.env.DATABASE_URL)('puts a project in one cohort of its programme when joins to several cohorts race', async () => {
    const database = await createTestDatabase({ poolSize: 20 });
    try {
      const { actor, holderUser, programme } = await racingProgramme(database.db, 'RACE-COH', 'Programme disputé');
      const cohortIds: string[] = [];
      for (let i = 0; i < 6; i++) {
        cohortIds.push((await createCohort(database.db, actor, { programmeId: programme.id, name: `Cohorte ${i}`, startsOn: '2027-01-01', endsOn: '2027-06-30', capacity: 10 })).id);
      }
      const app = await createApplication(database.db, actor, holderUser, applicationInput(programme.id, 'Projet pressé'));
      await database.db.update(applications).set({ status: 'accepted' }).where(eq(applications.id, app.id));
      const results = await Promise.allSettled(cohortIds.map((cohortId) => joinCohort(database.db, actor, cohortId, app.id)));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results.filter((r) => r.status === 'rejected')) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(Conflict);
      const members = await database.db.select().from(cohortMembers).where(eq(cohortMembers.programmeId, programme.id));
      expect(members).toHaveLength(1);
      const joins = rowsOf<{ n: string }>(await database.db.execute(sql`select count(*) as n from audit_log where action = 'cohort.join' and entity_id in ${cohortIds}`));
      expect(Number(joins[0].n)).toBe(1);
    } finally {
      await database.dispose();
    }
  });
});
