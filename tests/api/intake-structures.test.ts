import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships } from '../../api/src/db/schema/structures';
import { rowsOf } from '../../api/src/lib/rows';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { applicationAtCommittee, createOpenProgramme, draftApplication, expectOk, GRID } from '../support/intake';
import { makeStructure, memberOf } from '../support/structures';

let ctx: TestContext;
let structureA: string;
let structureB: string;
let staffA: TestClient;
let staffB: TestClient;
let coachA: TestClient;
let coachB: TestClient;
let committeeA: TestClient;
let committeeB: TestClient;
let rootStaff: TestClient;
let holder: TestClient;
let programmeA: { id: string; code: string; structureId: string; structureName: string };
let applicationA: string;
let projectA: string;
let organisationA: string;
let cohortA: string;
let sessionA: string;

const csvOf = async (client: TestClient, path: string) => (await (await expectOk(client.get(path))).text()).replace(/^\uFEFF/, '');
const writes = async () =>
  Number(
    rowsOf<{ n: string }>(
      await ctx.database.db.execute(
        sql`select (select count(*) from audit_log) + (select count(*) from programmes) + (select count(*) from cohorts) + (select count(*) from committee_sessions) + (select count(*) from cohort_members) as n`,
      ),
    )[0].n,
  );
const idsOf = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);

beforeAll(async () => {
  ctx = await createTestContext();
  structureA = await makeStructure(ctx.database.db, 'Incubateur A');
  structureB = await makeStructure(ctx.database.db, 'Incubateur B');
  staffA = await memberOf(ctx, structureA, ['staff']);
  staffB = await memberOf(ctx, structureB, ['staff']);
  coachA = await memberOf(ctx, structureA, ['coach']);
  coachB = await memberOf(ctx, structureB, ['coach']);
  committeeA = await memberOf(ctx, structureA, ['committee_member']);
  committeeB = await memberOf(ctx, structureB, ['committee_member']);
  rootStaff = await ctx.as('staff');
  holder = await ctx.as('project_holder');

  programmeA = (await createOpenProgramme(staffA, { name: 'Programme de la structure A' })) as typeof programmeA;
  applicationA = await applicationAtCommittee(holder, staffA, programmeA.id, 'Projet de A');
  projectA = (await (await expectOk(staffA.get(`/api/applications/${applicationA}`))).json()).projectId;
  organisationA = (await (await expectOk(staffA.get(`/api/projects/${projectA}`))).json()).organisationId;
  cohortA = (await (await expectOk(staffA.post('/api/cohorts', { programmeId: programmeA.id, name: 'Cohorte A', startsOn: '2027-01-10', endsOn: '2027-06-30', capacity: 5 }))).json()).id;
  sessionA = (
    await (
      await expectOk(
        staffA.post('/api/committee/sessions', {
          programmeId: programmeA.id,
          title: 'Comité de A',
          heldOn: '2027-01-15',
          quorum: 1,
          memberIds: [committeeA.me!.user.id],
          applicationIds: [applicationA],
        }),
      )
    ).json()
  ).id;
});
afterAll(() => ctx.close());

describe('intake across structures', () => {
  it('puts what A creates in A: the programme, and the project and application a holder makes by applying', async () => {
    expect(programmeA.structureId).toBe(structureA);
    expect(programmeA.structureName).toBe('Incubateur A');
    const app = await (await expectOk(staffA.get(`/api/applications/${applicationA}`))).json();
    expect(app.structureId).toBe(structureA);
    expect(app.project.structureId).toBe(structureA);
    const cohort = await (await expectOk(staffA.get(`/api/cohorts/${cohortA}`))).json();
    expect(cohort.structureId).toBe(structureA);
    const session = await (await expectOk(staffA.get(`/api/committee/sessions/${sessionA}`))).json();
    expect(session.structureId).toBe(structureA);
  });

  it("answers 404 to B's people on A's rows, for reads and writes", async () => {
    for (const path of [
      `/api/programmes/${programmeA.id}`,
      `/api/applications/${applicationA}`,
      `/api/applications/${applicationA}/screening`,
      `/api/applications/${applicationA}/messages`,
      `/api/projects/${projectA}`,
      `/api/organisations/${organisationA}`,
      `/api/cohorts/${cohortA}`,
      `/api/cohorts/${cohortA}/members/export.csv`,
      `/api/committee/sessions/${sessionA}`,
      `/api/committee/sessions/${sessionA}/minutes.pdf`,
      `/api/committee/sessions/${sessionA}/applications/${applicationA}/scores`,
    ]) {
      expect((await staffB.get(path)).status, path).toBe(404);
    }
    expect((await coachB.get(`/api/projects/${projectA}`)).status).toBe(404);
    expect((await coachB.get(`/api/cohorts/${cohortA}`)).status).toBe(404);
    expect((await committeeB.get(`/api/committee/sessions/${sessionA}`)).status).toBe(404);
    expect((await committeeB.put(`/api/committee/sessions/${sessionA}/applications/${applicationA}/scorecard`, { scores: { social_utility: 1, economic_viability: 1, territorial_anchoring: 1 } })).status).toBe(404);

    expect((await staffB.patch(`/api/programmes/${programmeA.id}`, { name: 'Programme détourné' })).status).toBe(404);
    expect((await staffB.patch(`/api/projects/${projectA}`, { title: 'Projet détourné' })).status).toBe(404);
    expect((await coachB.get(`/api/organisations/${organisationA}`)).status).toBe(404);
    expect((await staffB.patch(`/api/organisations/${organisationA}`, { description: 'Détournée' })).status).toBe(404);
    expect((await staffB.patch(`/api/cohorts/${cohortA}`, { capacity: 9 })).status).toBe(404);
    expect((await staffB.post(`/api/applications/${applicationA}/messages`, { body: 'Bonjour', audience: 'internal' })).status).toBe(404);
    expect((await staffB.post(`/api/committee/sessions/${sessionA}/close`)).status).toBe(404);
    const programme = await (await expectOk(staffA.get(`/api/programmes/${programmeA.id}`))).json();
    expect(programme.name).toBe('Programme de la structure A');
    const session = await (await expectOk(staffA.get(`/api/committee/sessions/${sessionA}`))).json();
    expect(session.status).toBe('open');
  });

  it("shows B's people none of A's rows in lists, boards, funnels and CSV exports", async () => {
    expect(idsOf(await (await expectOk(staffB.get('/api/programmes'))).json())).not.toContain(programmeA.id);
    expect(idsOf(await (await expectOk(staffB.get('/api/applications'))).json())).not.toContain(applicationA);
    expect(idsOf(await (await expectOk(staffB.get('/api/projects'))).json())).not.toContain(projectA);
    expect(idsOf(await (await expectOk(coachB.get('/api/projects'))).json())).not.toContain(projectA);
    // An organisation belongs to the structures that support its projects: B's people see neither it nor its contacts.
    expect(idsOf(await (await expectOk(staffB.get('/api/organisations?limit=200'))).json())).not.toContain(organisationA);
    expect(idsOf(await (await expectOk(coachB.get('/api/organisations?limit=200'))).json())).not.toContain(organisationA);
    expect(idsOf(await (await expectOk(staffB.get('/api/cohorts'))).json())).not.toContain(cohortA);
    expect(idsOf(await (await expectOk(coachB.get('/api/cohorts'))).json())).not.toContain(cohortA);
    expect(idsOf(await (await expectOk(staffB.get('/api/committee/sessions'))).json())).not.toContain(sessionA);
    expect(idsOf(await (await expectOk(committeeB.get('/api/committee/sessions'))).json())).not.toContain(sessionA);
    const board = await (await expectOk(staffB.get('/api/applications/board'))).json();
    expect(board.columns.flatMap((c: { items: { id: string }[] }) => c.items.map((i) => i.id))).not.toContain(applicationA);
    const funnel = await (await expectOk(staffB.get('/api/applications/funnel'))).json();
    expect(funnel.programmes.map((p: { programmeId: string }) => p.programmeId)).not.toContain(programmeA.id);

    expect(await csvOf(staffB, '/api/programmes/export.csv')).not.toContain(programmeA.code);
    expect(await csvOf(staffB, '/api/applications/export.csv')).not.toContain(applicationA);
    expect(await csvOf(staffB, '/api/applications/funnel/export.csv')).not.toContain(programmeA.code);
    expect(await csvOf(staffB, '/api/projects/export.csv')).not.toContain('Projet de A');
    const organisationName = (await (await expectOk(staffA.get(`/api/organisations/${organisationA}`))).json()).name as string;
    expect(await csvOf(staffA, '/api/organisations/export.csv')).toContain(organisationName);
    expect(await csvOf(staffB, '/api/organisations/export.csv')).not.toContain(organisationName);
    expect(await csvOf(staffB, '/api/cohorts/export.csv')).not.toContain('Cohorte A');
    expect(await csvOf(staffB, '/api/committee/sessions/export.csv')).not.toContain('Comité de A');
  });

  it("shows A's people and the top node's staff A's rows", async () => {
    for (const client of [staffA, rootStaff]) {
      expect(idsOf(await (await expectOk(client.get('/api/programmes'))).json())).toContain(programmeA.id);
      expect(idsOf(await (await expectOk(client.get('/api/applications'))).json())).toContain(applicationA);
      expect(idsOf(await (await expectOk(client.get('/api/projects'))).json())).toContain(projectA);
      expect(idsOf(await (await expectOk(client.get('/api/organisations?limit=200'))).json())).toContain(organisationA);
      expect(idsOf(await (await expectOk(client.get('/api/cohorts'))).json())).toContain(cohortA);
      expect(idsOf(await (await expectOk(client.get('/api/committee/sessions'))).json())).toContain(sessionA);
      expect(await csvOf(client, '/api/applications/export.csv')).toContain(applicationA);
      expect(await csvOf(client, '/api/applications/funnel/export.csv')).toContain(programmeA.code);
      await expectOk(client.get(`/api/committee/sessions/${sessionA}/minutes.pdf`));
    }
    await expectOk(rootStaff.patch(`/api/projects/${projectA}`, { description: 'Revu par le réseau.' }));
    await expectOk(coachA.get(`/api/projects/${projectA}`));
    await expectOk(coachA.get(`/api/organisations/${organisationA}`));
    await expectOk(staffA.patch(`/api/organisations/${organisationA}`, { description: 'Revue par A.' }));
    expect(idsOf(await (await expectOk(committeeA.get('/api/committee/sessions'))).json())).toEqual([sessionA]);
    expect(idsOf(await (await expectOk(staffA.get('/api/programmes'))).json())).toEqual([programmeA.id]);
  });

  it("keeps the public calls open to everyone, and a holder's own applications wherever they applied", async () => {
    const calls = await (await expectOk(ctx.client().get('/api/programmes/calls'))).json();
    const call = calls.items.find((c: { id: string }) => c.id === programmeA.id);
    expect(call.structureName).toBe('Incubateur A');
    const programmeB = await createOpenProgramme(staffB);
    const applicationB = await draftApplication(holder, programmeB.id, 'Projet de B');
    const mine = idsOf(await (await expectOk(holder.get('/api/applications'))).json());
    expect(mine).toEqual(expect.arrayContaining([applicationA, applicationB]));
    await expectOk(holder.get(`/api/applications/${applicationA}`));
    expect((await staffA.get(`/api/applications/${applicationB}`)).status).toBe(404);
  });

  it("refuses to create anything in A, or pointing at A's rows, for B's people; nothing is written", async () => {
    const before = await writes();
    expect((await staffB.post('/api/programmes', { code: 'B-IN-A', name: 'Programme intrus', territory: 'Dakar', currency: 'XOF', structureId: structureA })).status).toBe(404);
    expect((await staffB.post('/api/cohorts', { programmeId: programmeA.id, name: 'Cohorte intruse', startsOn: '2027-01-10', endsOn: '2027-06-30', capacity: 3 })).status).toBe(404);
    expect(
      (await staffB.post('/api/committee/sessions', { programmeId: programmeA.id, title: 'Comité intrus', heldOn: '2027-01-15', quorum: 1, memberIds: [committeeB.me!.user.id] })).status,
    ).toBe(404);
    expect((await staffB.post(`/api/cohorts/${cohortA}/members`, { applicationId: applicationA })).status).toBe(404);
    expect((await staffB.get(`/api/committee/directory?programmeId=${programmeA.id}`)).status).toBe(404);
    expect(await writes()).toBe(before);

    const programmeB = await createOpenProgramme(staffB);
    const cohortB = (await (await expectOk(staffB.post('/api/cohorts', { programmeId: programmeB.id, name: 'Cohorte B', startsOn: '2027-01-10', endsOn: '2027-06-30', capacity: 5 }))).json()).id;
    // A's application named in a request about B's cohort: the guard stops at the first row out of reach.
    expect((await staffB.post(`/api/cohorts/${cohortB}/members`, { applicationId: applicationA })).status).toBe(404);
    expect((await staffA.post(`/api/cohorts/${cohortB}/members`, { applicationId: applicationA })).status).toBe(404);

    expect(idsOf(await (await expectOk(staffB.get('/api/programmes'))).json())).not.toContain(programmeA.id);
    expect((await (await expectOk(staffA.get(`/api/cohorts/${cohortA}`))).json()).memberCount).toBe(0);

    await expectOk(committeeA.put(`/api/committee/sessions/${sessionA}/applications/${applicationA}/scorecard`, { scores: Object.fromEntries(GRID.map((c) => [c.key, 3])) }));
    const decision = await staffA.post(`/api/committee/sessions/${sessionA}/applications/${applicationA}/decision`, {
      decision: 'accepted',
      reasons: 'Projet solide et bien ancré dans le quartier.',
      cohortId: cohortB,
    });
    expect(decision.status).toBe(404);
    expect((await (await expectOk(staffA.get(`/api/applications/${applicationA}`))).json()).status).toBe('committee');
  });

  it("seats and lists for convening only people whose committee role reaches the programme's structure", async () => {
    const directory = await (await expectOk(staffA.get(`/api/committee/directory?programmeId=${programmeA.id}`))).json();
    const ids = idsOf(directory);
    expect(ids).toContain(committeeA.me!.user.id);
    expect(ids).not.toContain(committeeB.me!.user.id);
    const rootMember = await ctx.as('committee_member');
    expect(ids).toContain(rootMember.me!.user.id);
    expect(idsOf(await (await expectOk(staffB.get('/api/committee/directory'))).json())).not.toContain(committeeA.me!.user.id);

    expect((await staffA.post(`/api/committee/sessions/${sessionA}/members`, { userId: committeeB.me!.user.id })).status).toBe(422);
    const refused = await staffA.post('/api/committee/sessions', { programmeId: programmeA.id, title: 'Comité mixte', heldOn: '2027-02-01', quorum: 1, memberIds: [committeeB.me!.user.id] });
    expect(refused.status).toBe(422);
    await expectOk(staffA.post(`/api/committee/sessions/${sessionA}/members`, { userId: rootMember.me!.user.id }));
  });

  it('creates in the one structure a person works in, and asks which when they work in several', async () => {
    const both = await memberOf(ctx, structureA, ['staff']);
    await ctx.database.db.insert(memberships).values({ userId: both.me!.user.id, structureId: structureB, role: 'staff' });
    const again = await ctx.client().signIn(both.me!.user.email);
    const input = { code: 'DEUX-LIEUX', name: 'Programme à placer', territory: 'Dakar', currency: 'XOF' };
    expect((await again.post('/api/programmes', input)).status).toBe(400);
    const placed = await (await expectOk(again.post('/api/programmes', { ...input, structureId: structureB }))).json();
    expect(placed.structureId).toBe(structureB);
  });
});
