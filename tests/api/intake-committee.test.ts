import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../api/src/lib/rows';
import { averageScore, gridErrors, quorumReached, weightedScore } from '../../api/src/modules/committee/scoring';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { applicationAtCommittee, applicationInput, createOpenProgramme, CRITERIA, draftApplication, expectOk, GRID, signedInAccount } from '../support/intake';

let ctx: TestContext;
let staff: TestClient;
let holder: TestClient;
let alice: TestClient;
let bruno: TestClient;
let chloe: TestClient;
let outsider: TestClient;
let programmeId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  staff = await ctx.as('staff');
  holder = await ctx.as('project_holder');
  alice = await ctx.as('committee_member');
  bruno = await signedInAccount(ctx, ['committee_member'], 'bruno');
  chloe = await signedInAccount(ctx, ['committee_member'], 'chloe');
  outsider = await signedInAccount(ctx, ['committee_member'], 'outsider');
  programmeId = (await createOpenProgramme(staff)).id;
});
afterAll(() => ctx.close());

async function writes() {
  const [row] = rowsOf<{ n: string }>(
    await ctx.database.db.execute(
      sql`select (select count(*) from audit_log) + (select count(*) from committee_scorecards) + (select count(*) from committee_conflicts) + (select count(*) from committee_decisions) + (select count(*) from application_events) as n`,
    ),
  );
  return Number(row.n);
}

async function session(applicationIds: string[], quorum = 2, members = [alice, bruno, chloe]) {
  const res = await staff.post('/api/committee/sessions', {
    programmeId,
    title: 'Comité de sélection',
    heldOn: '2026-11-30',
    quorum,
    memberIds: members.map((m) => m.me!.user.id),
    applicationIds,
  });
  if (res.status !== 201) throw new Error(`${res.status} ${await res.text()}`);
  return (await res.json()).id as string;
}

const scorecard = (a: number, b: number, c: number) => ({ scores: { social_utility: a, economic_viability: b, territorial_anchoring: c }, comment: '' });
const scorePath = (sessionId: string, appId: string) => `/api/committee/sessions/${sessionId}/applications/${appId}`;

describe('scoring math', () => {
  it('weights each criterion by its weight over its own maximum', () => {
    // (3*4/5 + 2*2/5 + 1*10/10) / 6 * 100 = (2.4 + 0.8 + 1) / 6 * 100 = 70
    expect(weightedScore(GRID, { social_utility: 4, economic_viability: 2, territorial_anchoring: 10 })).toBeCloseTo(70, 10);
    expect(weightedScore(GRID, { social_utility: 0, economic_viability: 0, territorial_anchoring: 0 })).toBe(0);
    expect(weightedScore(GRID, { social_utility: 5, economic_viability: 5, territorial_anchoring: 10 })).toBe(100);
    expect(averageScore(GRID, [{ social_utility: 4, economic_viability: 2, territorial_anchoring: 10 }, { social_utility: 5, economic_viability: 5, territorial_anchoring: 10 }])).toBeCloseTo(85, 10);
    expect(averageScore(GRID, [])).toBeNull();
  });

  it('stays within 0..100 and grows with any single score', () => {
    const card = fc.record({ social_utility: fc.integer({ min: 0, max: 5 }), economic_viability: fc.integer({ min: 0, max: 5 }), territorial_anchoring: fc.integer({ min: 0, max: 10 }) });
    fc.assert(
      fc.property(card, fc.constantFrom(...GRID), (scores, criterion) => {
        const score = weightedScore(GRID, scores);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
        if (scores[criterion.key as keyof typeof scores] < criterion.max) {
          const better = { ...scores, [criterion.key]: scores[criterion.key as keyof typeof scores] + 1 };
          expect(weightedScore(GRID, better)).toBeGreaterThan(score);
        }
        expect(gridErrors(GRID, scores)).toEqual({});
      }),
    );
  });

  it('names every score outside the grid', () => {
    expect(Object.keys(gridErrors(GRID, { social_utility: 6, economic_viability: -1, bonus: 1 })).sort()).toEqual([
      'scores.bonus',
      'scores.economic_viability',
      'scores.social_utility',
      'scores.territorial_anchoring',
    ]);
    expect(quorumReached(1, 2)).toBe(false);
    expect(quorumReached(2, 2)).toBe(true);
  });
});

describe('a committee session', () => {
  it('refuses scores outside the grid, by non-members, or twice; writes nothing then', async () => {
    const app = await applicationAtCommittee(holder, staff, programmeId);
    const id = await session([app]);
    const before = await writes();
    for (const bad of [scorecard(6, 2, 3), scorecard(-1, 2, 3), { scores: { social_utility: 3, economic_viability: 2 } }, { scores: { ...scorecard(1, 2, 3).scores, bonus: 2 } }, { scores: { social_utility: 2.5, economic_viability: 2, territorial_anchoring: 3 } }]) {
      expect((await alice.put(`${scorePath(id, app)}/scorecard`, bad)).status).toBe(400);
    }
    expect((await outsider.put(`${scorePath(id, app)}/scorecard`, scorecard(1, 2, 3))).status).toBe(404);
    expect((await staff.put(`${scorePath(id, app)}/scorecard`, scorecard(1, 2, 3))).status).toBe(403);
    expect(await writes()).toBe(before);
    await expectOk(alice.put(`${scorePath(id, app)}/scorecard`, scorecard(1, 2, 3)));
    const again = await writes();
    expect((await alice.put(`${scorePath(id, app)}/scorecard`, scorecard(5, 5, 10))).status).toBe(409);
    expect(await writes()).toBe(again);
  });

  it("hides others' scores from a member until they submit their own", async () => {
    const app = await applicationAtCommittee(holder, staff, programmeId);
    const id = await session([app]);
    await expectOk(alice.put(`${scorePath(id, app)}/scorecard`, scorecard(4, 2, 10)));
    const hidden = await (await bruno.get(`${scorePath(id, app)}/scores`)).json();
    expect(hidden).toMatchObject({ hidden: true, mine: null, others: [], scorecardCount: 1, averageScore: null, criterionAverages: null });
    expect(JSON.stringify(hidden)).not.toContain('"social_utility":4');
    const afterOwn = await (await expectOk(bruno.put(`${scorePath(id, app)}/scorecard`, scorecard(5, 5, 10)))).json();
    expect(afterOwn.hidden).toBe(false);
    expect(afterOwn.mine.weightedScore).toBe(100);
    expect(afterOwn.others.map((c: { weightedScore: number }) => c.weightedScore)).toEqual([70]);
    expect(afterOwn.averageScore).toBe(85);
    expect(afterOwn.criterionAverages).toEqual({ social_utility: 4.5, economic_viability: 3.5, territorial_anchoring: 10 });
    const staffView = await (await staff.get(`${scorePath(id, app)}/scores`)).json();
    expect(staffView.others).toHaveLength(2);
    expect((await outsider.get(`${scorePath(id, app)}/scores`)).status).toBe(404);
  });

  it('excludes a member who declares a conflict of interest, withdrawing a scorecard they gave', async () => {
    const app = await applicationAtCommittee(holder, staff, programmeId);
    const id = await session([app]);
    await expectOk(chloe.put(`${scorePath(id, app)}/scorecard`, scorecard(5, 5, 10)));
    await expectOk(chloe.post(`${scorePath(id, app)}/conflicts`, { reason: 'Je siège au conseil de cette coopérative' }));
    const staffView = await (await staff.get(`/api/committee/sessions/${id}`)).json();
    const item = staffView.agenda.find((a: { applicationId: string }) => a.applicationId === app);
    expect(item.conflictedMemberIds).toEqual([chloe.me!.user.id]);
    expect(item.scorecardCount).toBe(0);
    const before = await writes();
    expect((await chloe.put(`${scorePath(id, app)}/scorecard`, scorecard(5, 5, 10))).status).toBe(403);
    expect((await chloe.post(`${scorePath(id, app)}/conflicts`, { reason: 'Encore' })).status).toBe(409);
    expect(await writes()).toBe(before);
    expect((await chloe.get(`${scorePath(id, app)}/scores`)).status).toBe(404);
  });

  it('shows a member with a declared conflict nothing of the application: not its file, attachments, messages, screening, nor its agenda line', async () => {
    const app = await draftApplication(holder, programmeId);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200, 0x20), Buffer.from('\n%%EOF')]);
    const attachment = await (await expectOk(holder.post(`/api/applications/${app}/attachments`, { filename: 'bilan.pdf', contentType: 'application/pdf', contentBase64: pdf.toString('base64') }))).json();
    await expectOk(holder.post(`/api/applications/${app}/moves`, { to: 'submitted' }));
    await expectOk(staff.post(`/api/applications/${app}/moves`, { to: 'screening' }));
    await expectOk(staff.put(`/api/applications/${app}/screening`, { results: CRITERIA.map((c) => ({ key: c.key, passed: true })) }));
    await expectOk(staff.post(`/api/applications/${app}/moves`, { to: 'committee' }));
    const id = await session([app], 1, [alice, bruno]);
    const reads = [`/api/applications/${app}`, `/api/applications/${app}/attachments/${attachment.id}`];
    for (const path of reads) expect((await bruno.get(path)).status, path).toBe(200);
    await expectOk(bruno.post(`${scorePath(id, app)}/conflicts`, { reason: 'Trésorier de la coopérative' }));
    for (const path of reads) expect((await bruno.get(path)).status, path).toBe(404);
    // Messages and screening are between the holder and staff: closed to members anyway.
    for (const path of [`/api/applications/${app}/messages`, `/api/applications/${app}/screening`]) expect((await bruno.get(path)).status, path).toBeGreaterThanOrEqual(403);
    expect((await bruno.get(`${scorePath(id, app)}/scores`)).status).toBe(404);
    const brunoSession = await (await bruno.get(`/api/committee/sessions/${id}`)).json();
    expect(brunoSession.agenda.map((a: { applicationId: string }) => a.applicationId)).not.toContain(app);
    // Another member still sees it all.
    for (const path of reads) expect((await alice.get(path)).status, path).toBe(200);
  });

  it('decides only once the quorum of scorecards is reached, moves the application and keeps the reasons', async () => {
    const app = await applicationAtCommittee(holder, staff, programmeId);
    const id = await session([app], 2);
    await expectOk(alice.put(`${scorePath(id, app)}/scorecard`, scorecard(4, 2, 10)));
    const before = await writes();
    const early = await staff.post(`${scorePath(id, app)}/decision`, { decision: 'accepted', reasons: 'Projet solide et ancré dans le quartier' });
    expect(early.status).toBe(409);
    expect((await early.json()).error.message).toMatch(/quorum/i);
    expect(await writes()).toBe(before);
    expect((await alice.post(`${scorePath(id, app)}/decision`, { decision: 'accepted', reasons: 'Projet solide et ancré dans le quartier' })).status).toBe(403);
    await expectOk(bruno.put(`${scorePath(id, app)}/scorecard`, scorecard(5, 5, 10)));
    const decided = await (await expectOk(staff.post(`${scorePath(id, app)}/decision`, { decision: 'waitlisted', reasons: 'Bon projet, enveloppe épuisée cette année' }))).json();
    expect(decided.agenda[0].decision).toMatchObject({ decision: 'waitlisted', averageScore: 85, reasons: 'Bon projet, enveloppe épuisée cette année' });
    const seen = await (await holder.get(`/api/applications/${app}`)).json();
    expect(seen.status).toBe('waitlisted');
    expect(seen.events.at(-1)).toMatchObject({ fromStatus: 'committee', toStatus: 'waitlisted', reason: 'Bon projet, enveloppe épuisée cette année' });
    expect((await staff.post(`${scorePath(id, app)}/decision`, { decision: 'accepted', reasons: 'Changement d’avis du comité' })).status).toBe(409);
    expect((await chloe.put(`${scorePath(id, app)}/scorecard`, scorecard(1, 1, 1))).status).toBe(409);
  });

  it('seats one more member on an open session, who may then score; refuses non-members of the committee', async () => {
    const app = await applicationAtCommittee(holder, staff, programmeId);
    const id = await session([app], 1, [alice]);
    expect((await outsider.get(`${scorePath(id, app)}/scores`)).status).toBe(404);
    const before = await writes();
    expect((await staff.post(`/api/committee/sessions/${id}/members`, { userId: holder.me!.user.id })).status).toBe(422);
    expect((await staff.post(`/api/committee/sessions/${id}/members`, { userId: alice.me!.user.id })).status).toBe(409);
    expect(await writes()).toBe(before);
    const seated = await (await expectOk(staff.post(`/api/committee/sessions/${id}/members`, { userId: outsider.me!.user.id }))).json();
    expect(seated.members.map((m: { userId: string }) => m.userId)).toContain(outsider.me!.user.id);
    await expectOk(outsider.put(`${scorePath(id, app)}/scorecard`, scorecard(2, 2, 2)));
  });

  it('counts the quorum without the members a conflict excludes', async () => {
    const app = await applicationAtCommittee(holder, staff, programmeId);
    const id = await session([app], 2, [alice, bruno]);
    await expectOk(alice.put(`${scorePath(id, app)}/scorecard`, scorecard(3, 3, 5)));
    await expectOk(bruno.post(`${scorePath(id, app)}/conflicts`, { reason: 'Parent du porteur de projet' }));
    expect((await staff.post(`${scorePath(id, app)}/decision`, { decision: 'rejected', reasons: 'Le comité ne peut pas statuer' })).status).toBe(409);
  });

  it('refuses to convene with a quorum above its members, a non-committee member, or an application not at the committee stage', async () => {
    const app = await applicationAtCommittee(holder, staff, programmeId);
    const base = { programmeId, title: 'Comité', heldOn: '2026-12-01', memberIds: [alice.me!.user.id], applicationIds: [app] };
    const before = await writes();
    expect((await staff.post('/api/committee/sessions', { ...base, quorum: 2 })).status).toBe(400);
    expect((await staff.post('/api/committee/sessions', { ...base, quorum: 1, memberIds: [holder.me!.user.id] })).status).toBe(422);
    const draft = await (await holder.post('/api/applications', applicationInput(programmeId))).json();
    const afterDraft = await writes();
    expect(afterDraft).toBeGreaterThan(before);
    expect((await staff.post('/api/committee/sessions', { ...base, quorum: 1, applicationIds: [draft.id] })).status).toBe(409);
    expect(await writes()).toBe(afterDraft);
  });

  it('accepts into a cohort in the same decision, lists sessions per member, and writes the minutes as a PDF', async () => {
    const app = await applicationAtCommittee(holder, staff, programmeId);
    const id = await session([app], 1, [alice, bruno]);
    await expectOk(alice.put(`${scorePath(id, app)}/scorecard`, { ...scorecard(4, 4, 8), comment: 'Très bon ancrage' }));
    await expectOk(bruno.post(`${scorePath(id, app)}/conflicts`, { reason: 'Ancien salarié de la coopérative' }));
    const cohort = await (await expectOk(staff.post('/api/cohorts', { programmeId, name: `Cohorte ${id.slice(0, 6)}`, startsOn: '2027-01-10', endsOn: '2027-06-30', capacity: 5 }))).json();
    await expectOk(staff.post(`${scorePath(id, app)}/decision`, { decision: 'accepted', reasons: 'Utilité sociale forte et modèle viable', cohortId: cohort.id }));
    const detail = await (await holder.get(`/api/applications/${app}`)).json();
    expect(detail.status).toBe('accepted');
    expect(detail.cohort).toEqual({ id: cohort.id, name: cohort.name });
    expect(detail.project.stage).toBe('incubated');
    const aliceSessions = await (await alice.get('/api/committee/sessions')).json();
    expect(aliceSessions.items.some((s: { id: string }) => s.id === id)).toBe(true);
    const outsiderSessions = await (await outsider.get('/api/committee/sessions')).json();
    expect(outsiderSessions.items.some((s: { id: string }) => s.id === id)).toBe(false);
    expect((await alice.get(`/api/committee/sessions/${id}/minutes.pdf`)).status).toBe(409);
    const pdf = await staff.get(`/api/committee/sessions/${id}/minutes.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(1000);
    await expectOk(staff.post(`/api/committee/sessions/${id}/close`));
    expect((await alice.get(`/api/committee/sessions/${id}/minutes.pdf`)).status).toBe(200);
    expect((await outsider.get(`/api/committee/sessions/${id}/minutes.pdf`)).status).toBe(404);
    const directory = await (await staff.get('/api/committee/directory')).json();
    expect(directory.items.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining([alice.me!.user.id, bruno.me!.user.id]));
    expect(directory.items.some((m: { id: string }) => m.id === holder.me!.user.id)).toBe(false);
    const csv = (await (await staff.get('/api/committee/sessions/export.csv')).text()).replace(/^\uFEFF/, '').split('\n');
    expect(csv[0]).toBe('programme,title,held_on,status,quorum,members,applications');
  });

  it('rolls the whole decision back when the cohort is full', async () => {
    const app = await applicationAtCommittee(holder, staff, programmeId);
    const id = await session([app], 1, [alice]);
    await expectOk(alice.put(`${scorePath(id, app)}/scorecard`, scorecard(4, 4, 8)));
    const cohort = await (await expectOk(staff.post('/api/cohorts', { programmeId, name: `Pleine ${id.slice(0, 6)}`, startsOn: '2027-01-10', endsOn: '2027-06-30', capacity: 1 }))).json();
    const filler = await applicationAtCommittee(holder, staff, programmeId);
    const fillerSession = await session([filler], 1, [alice]);
    await expectOk(alice.put(`${scorePath(fillerSession, filler)}/scorecard`, scorecard(4, 4, 8)));
    await expectOk(staff.post(`${scorePath(fillerSession, filler)}/decision`, { decision: 'accepted', reasons: 'Premier retenu de la cohorte', cohortId: cohort.id }));
    const before = await writes();
    const res = await staff.post(`${scorePath(id, app)}/decision`, { decision: 'accepted', reasons: 'Retenu mais la cohorte est pleine', cohortId: cohort.id });
    expect(res.status).toBe(409);
    expect(await writes()).toBe(before);
    expect((await (await staff.get(`/api/applications/${app}`)).json()).status).toBe('committee');
  });
});
