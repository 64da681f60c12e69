import type { Home, HomeItemKind } from '@essor/shared/home';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../api/src/lib/audit';
import { SYSTEM_ACTOR } from '../../api/src/lib/audit';
import { createCoach } from '../../api/src/modules/coaching/coaches-service';
import { approveLoan } from '../../api/src/modules/loans/decisions';
import { disburseLoan } from '../../api/src/modules/loans/disbursement';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { applicationInput, createOpenProgramme, CRITERIA, expectOk, signedInAccount } from '../support/intake';
import { makeStructure, memberOf } from '../support/structures';

let ctx: TestContext;
let structureA: string;
let structureB: string;
let staffA: TestClient;
let staffB: TestClient;
let memberA: TestClient;
let managerA: TestClient;
let secondManagerA: TestClient;
let managerB: TestClient;
let coachA: TestClient;
let holder: TestClient;
let programmeId: string;
let applicationId: string;
let projectId: string;
let keySeq = 0;
const withKey = () => ({ headers: { 'Idempotency-Key': `home-${Date.now()}-${keySeq++}` } });
const actorOf = (client: TestClient): Actor => ({ id: client.me!.user.id, email: client.me!.user.email, requestId: null });

async function home(client: TestClient): Promise<Home> {
  const res = await client.get('/api/home');
  expect(res.status).toBe(200);
  return res.json();
}

/** The count of one kind, or undefined when the kind is not the person's at all. */
async function countOf(client: TestClient, kind: HomeItemKind): Promise<number | undefined> {
  return (await home(client)).items.find((i) => i.kind === kind)?.count;
}

const dayOffset = (days: number, hour = 10) => {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00.000Z`;
};

beforeAll(async () => {
  ctx = await createTestContext();
  const db = ctx.database.db;
  structureA = await makeStructure(db, 'Incubateur A');
  structureB = await makeStructure(db, 'Incubateur B');
  [staffA, staffB, memberA, managerA, secondManagerA, managerB, coachA] = await Promise.all([
    memberOf(ctx, structureA, ['staff']),
    memberOf(ctx, structureB, ['staff']),
    memberOf(ctx, structureA, ['committee_member']),
    memberOf(ctx, structureA, ['fund_manager']),
    memberOf(ctx, structureA, ['fund_manager']),
    memberOf(ctx, structureB, ['fund_manager']),
    memberOf(ctx, structureA, ['coach']),
  ]);
  holder = await signedInAccount(ctx, ['project_holder'], 'holder');
  programmeId = (await createOpenProgramme(staffA)).id;
  const created = await expectOk(holder.post('/api/applications', applicationInput(programmeId, 'Épicerie du home')));
  const app = await created.json();
  applicationId = app.id;
  projectId = app.projectId;
});
afterAll(() => ctx.close());

describe('home page: what waits for me', () => {
  it('counts applications to screen as they move, for the structure that holds them only', async () => {
    expect(await countOf(staffA, 'applications_to_screen')).toBe(0);
    await expectOk(holder.post(`/api/applications/${applicationId}/moves`, { to: 'submitted' }));
    expect(await countOf(staffA, 'applications_to_screen')).toBe(1);
    await expectOk(staffA.post(`/api/applications/${applicationId}/moves`, { to: 'screening' }));
    expect(await countOf(staffA, 'applications_to_screen')).toBe(1);
    expect(await countOf(staffB, 'applications_to_screen')).toBe(0);
    // Not a staff role: the kind is not theirs at all.
    expect(await countOf(managerA, 'applications_to_screen')).toBeUndefined();
    const item = (await home(staffA)).items.find((i) => i.kind === 'applications_to_screen')!;
    expect(item.link).toBe('/applications');
    await expectOk(staffA.put(`/api/applications/${applicationId}/screening`, { results: CRITERIA.map((c) => ({ key: c.key, passed: true })) }));
    await expectOk(staffA.post(`/api/applications/${applicationId}/moves`, { to: 'committee' }));
    expect(await countOf(staffA, 'applications_to_screen')).toBe(0);
  });

  it("shows this month's pipeline and the year's applications per month to staff of the structure", async () => {
    const figures = (await home(staffA)).figures;
    const month = new Date().toISOString().slice(0, 7);
    expect(figures.applicationsPerMonth?.find((m) => m.month === month)?.count).toBe(1);
    expect(figures.pipelineThisMonth).toEqual([{ status: 'committee', count: 1 }]);
    const other = (await home(staffB)).figures;
    expect(other.applicationsPerMonth?.every((m) => m.count === 0)).toBe(true);
    expect(other.pipelineThisMonth).toEqual([]);
    expect((await home(holder)).figures.applicationsPerMonth).toBeNull();
  });

  it('asks the committee member for their scorecard, then staff for the decision', async () => {
    const cohort = await expectOk(staffA.post('/api/cohorts', { programmeId, name: 'Cohorte A', startsOn: '2026-01-01', endsOn: '2027-12-31', capacity: 10 }));
    const cohortId = (await cohort.json()).id;
    const session = await expectOk(
      staffA.post('/api/committee/sessions', {
        programmeId,
        title: 'Comité de sélection A',
        heldOn: new Date().toISOString().slice(0, 10),
        quorum: 1,
        memberIds: [memberA.me!.user.id],
        applicationIds: [applicationId],
      }),
    );
    const sessionId = (await session.json()).id;
    expect(await countOf(memberA, 'scorecards_to_fill')).toBe(1);
    expect(await countOf(staffA, 'decisions_to_record')).toBe(0);
    expect(await countOf(staffB, 'decisions_to_record')).toBe(0);
    await expectOk(
      memberA.put(`/api/committee/sessions/${sessionId}/applications/${applicationId}/scorecard`, {
        scores: { social_utility: 4, economic_viability: 4, territorial_anchoring: 8 },
        comment: '',
      }),
    );
    expect(await countOf(memberA, 'scorecards_to_fill')).toBe(0);
    expect(await countOf(staffA, 'decisions_to_record')).toBe(1);
    await expectOk(
      staffA.post(`/api/committee/sessions/${sessionId}/applications/${applicationId}/decision`, {
        decision: 'accepted',
        reasons: 'Projet solide et ancré dans le quartier.',
        cohortId,
      }),
    );
    expect(await countOf(staffA, 'decisions_to_record')).toBe(0);
  });

  it('gives the holder their application status', async () => {
    const mine = await home(holder);
    expect(mine.holder?.applications).toEqual([expect.objectContaining({ id: applicationId, status: 'accepted', link: `/applications/${applicationId}` })]);
    expect(mine.items).toEqual([]);
    expect(mine.welcome).toBeNull();
  });

  it('shows a prepared co-financing to the second fund manager, never to the one who prepared it, nor to another structure', async () => {
    const funder = await expectOk(managerA.post('/api/funds/funders', { name: 'Ville de test home', kind: 'city' }));
    const funderId = (await funder.json()).id;
    const fund = await expectOk(
      managerA.post('/api/funds', { code: 'HOME-FCO', name: 'Fonds home', type: 'co_financing', currency: 'CAD', committeeThresholdMinor: 100_000_000, openedOn: '2026-01-01' }),
    );
    const fundId = (await fund.json()).id;
    await expectOk(managerA.post(`/api/funds/${fundId}/contributions`, { funderId, amountMinor: 10_000_000, currency: 'CAD', receivedOn: '2026-01-05' }, withKey()));
    const before = { second: await countOf(secondManagerA, 'approvals_waiting'), preparer: await countOf(managerA, 'approvals_waiting') };
    const created = await expectOk(managerA.post('/api/funds/cofinancing', { fundId, projectId, amountMinor: 400_000, currency: 'CAD', purpose: 'Chambre froide', otherFunders: [] }));
    const requestId = (await created.json()).id;
    await expectOk(managerA.post(`/api/funds/cofinancing/${requestId}/prepare`, { recommendation: 'Favorable', tranches: [{ amountMinor: 400_000 }] }));
    expect(await countOf(secondManagerA, 'approvals_waiting')).toBe(before.second! + 1);
    expect(await countOf(managerA, 'approvals_waiting')).toBe(before.preparer);
    expect(await countOf(managerB, 'approvals_waiting')).toBe(0);
    expect((await home(secondManagerA)).items.find((i) => i.kind === 'approvals_waiting')?.link).toBe('/funds/inbox');

    await expectOk(secondManagerA.post(`/api/funds/cofinancing/${requestId}/approve`, { note: '' }, withKey()));
    expect(await countOf(secondManagerA, 'approvals_waiting')).toBe(before.second);
    expect(await countOf(managerA, 'tranches_to_disburse')).toBe(0);
    await expectOk(managerA.post(`/api/funds/cofinancing/${requestId}/agreement`, { signedOn: new Date().toISOString().slice(0, 10) }));
    expect(await countOf(managerA, 'tranches_to_disburse')).toBe(1);
    expect(await countOf(managerB, 'tranches_to_disburse')).toBe(0);

    const month = new Date().toISOString().slice(0, 7);
    const money = (await home(managerA)).figures.money!;
    expect(money.find((m) => m.currency === 'CAD')?.months.find((m) => m.month === month)?.committedMinor).toBe(400_000);
    expect((await home(managerB)).figures.money).toEqual([]);

    const tranche = (await (await managerA.get(`/api/funds/cofinancing/${requestId}`)).json()).tranches[0];
    await expectOk(managerA.post(`/api/funds/cofinancing/${requestId}/tranches/${tranche.id}/disburse`, {}, withKey()));
    expect(await countOf(managerA, 'tranches_to_disburse')).toBe(0);
    const after = (await home(managerA)).figures.money!.find((m) => m.currency === 'CAD')!.months.find((m) => m.month === month)!;
    expect(after.disbursedMinor).toBe(400_000);
  });

  it('counts late instalments for the structure and shows them to the holder', async () => {
    const fund = await expectOk(managerA.post('/api/funds', { code: 'HOME-FPH', name: 'Prêts home', type: 'loan', currency: 'CAD', committeeThresholdMinor: 100_000_000, openedOn: '2026-01-01' }));
    const fundId = (await fund.json()).id;
    const funderId = (await (await managerA.get('/api/funds/funders')).json()).find((f: { name: string }) => f.name === 'Ville de test home').id;
    await expectOk(managerA.post(`/api/funds/${fundId}/contributions`, { funderId, amountMinor: 10_000_000, currency: 'CAD', receivedOn: '2026-01-05' }, withKey()));
    expect(await countOf(managerA, 'instalments_late')).toBe(0);
    const proposed = await expectOk(staffA.post('/api/funds/loans', { fundId, projectId, kind: 'honour_loan', principalMinor: 600_000, currency: 'CAD', termMonths: 6, graceMonths: 0, rateBps: 0, method: 'declining' }));
    const loanId = (await proposed.json()).id;
    // Dated in the past, so every instalment has fallen due by now.
    await approveLoan(ctx.database.db, actorOf(managerA), loanId, '2026-01-10');
    await disburseLoan(ctx.database.db, actorOf(managerA), loanId, '2026-01-15');
    const loan = await (await managerA.get(`/api/funds/loans/${loanId}`)).json();
    const overdue = loan.schedule.filter((i: { status: string }) => i.status === 'overdue').length;
    expect(overdue).toBeGreaterThan(0);
    expect(await countOf(managerA, 'instalments_late')).toBe(overdue);
    expect(await countOf(staffA, 'instalments_late')).toBe(overdue);
    expect(await countOf(managerB, 'instalments_late')).toBe(0);
    const mine = (await home(holder)).holder!;
    expect(mine.nextInstalments.filter((i) => i.overdue)).toHaveLength(overdue);
    expect(mine.nextInstalments.every((i) => i.loanId === loanId && i.link === `/funds/loans/${loanId}`)).toBe(true);

    // A payment covering the first instalment and one cent of the second: one fewer is late, as the loan's own standing says.
    const first = loan.schedule[0].principalMinor + loan.schedule[0].interestMinor;
    await expectOk(managerA.post(`/api/funds/loans/${loanId}/repayments`, { amountMinor: first + 1, currency: 'CAD', paidOn: '2026-02-20' }, withKey()));
    const standing = await (await managerA.get(`/api/funds/loans/${loanId}`)).json();
    const stillOverdue = standing.schedule.filter((i: { status: string }) => i.status === 'overdue').length;
    expect(stillOverdue).toBe(overdue - 1);
    expect(await countOf(managerA, 'instalments_late')).toBe(stillOverdue);
  });

  it("counts a coach's own sessions, attendance and action items, and the holder's next session", async () => {
    const db = ctx.database.db;
    const coach = await createCoach(db, SYSTEM_ACTOR, structureA, { kind: 'staff', userId: coachA.me!.user.id, name: 'Coach A', profession: 'mentor', specialties: ['mentoring'], languages: ['fr'] });
    const cohortId = (await (await staffA.get(`/api/cohorts?programmeId=${programmeId}`)).json()).items[0].id;
    const before = await home(coachA);
    const count = (h: Home, kind: HomeItemKind) => h.items.find((i) => i.kind === kind)?.count ?? -1;
    expect(before.items.find((i) => i.kind === 'sessions_this_week')?.link).toBe('/coaching/my-sessions');
    const session = (startsAt: string, title: string) =>
      expectOk(staffA.post('/api/coaching/sessions', { cohortId, format: 'individual', projectId, supportType: 'mentoring', title, startsAt, durationMinutes: 60, mode: 'remote', coachId: coach.id }));
    await session(dayOffset(3), 'Séance à venir');
    const past = await (await session(dayOffset(-2), 'Séance passée')).json();
    await expectOk(staffA.post(`/api/coaching/sessions/${past.id}/action-items`, { projectId, description: 'Déposer les statuts', owner: 'Porteur', dueOn: dayOffset(-1).slice(0, 10) }));
    const after = await home(coachA);
    expect(count(after, 'sessions_this_week')).toBe(count(before, 'sessions_this_week') + 1);
    expect(count(after, 'attendance_to_record')).toBe(count(before, 'attendance_to_record') + 1);
    expect(count(after, 'action_items_due')).toBe(count(before, 'action_items_due') + 1);
    expect(count(await home(staffA), 'attendance_to_record')).toBe(count(after, 'attendance_to_record'));
    expect(count(await home(staffB), 'attendance_to_record')).toBe(0);
    expect(count(await home(staffB), 'sessions_this_week')).toBe(0);

    await expectOk(staffA.put(`/api/coaching/sessions/${past.id}/attendance`, { attendees: [{ projectId, attendance: 'present' }] }));
    expect(count(await home(coachA), 'attendance_to_record')).toBe(count(before, 'attendance_to_record'));

    const mine = (await home(holder)).holder!;
    expect(mine.nextSession).toEqual(expect.objectContaining({ title: 'Séance à venir', link: '/my-coaching' }));
    expect(mine.openActionItems).toEqual({ count: 1, overdue: 1, link: '/my-coaching' });
  });

  it('counts overdue milestones and projects whose latest visit is red, in their structure only', async () => {
    const before = { milestones: await countOf(staffA, 'milestones_overdue'), risk: await countOf(managerA, 'visits_at_risk') };
    const yesterday = dayOffset(-1).slice(0, 10);
    const created = await expectOk(staffA.post('/api/followup/milestones', { projectId, kind: 'first_sale', title: 'Première vente', dueOn: yesterday }));
    const milestone = await created.json();
    expect(await countOf(staffA, 'milestones_overdue')).toBe(before.milestones! + 1);
    expect(await countOf(staffB, 'milestones_overdue')).toBe(0);
    await expectOk(staffA.patch(`/api/followup/milestones/${milestone.id}`, { title: 'Première vente', dueOn: yesterday, status: 'reached', evidence: 'Facture n° 1', reachedOn: yesterday }));
    expect(await countOf(staffA, 'milestones_overdue')).toBe(before.milestones);

    await expectOk(staffA.post('/api/followup/visits', { projectId, visitedOn: yesterday, findings: 'Trésorerie tendue', riskRating: 'red' }));
    expect(await countOf(managerA, 'visits_at_risk')).toBe(before.risk! + 1);
    expect(await countOf(managerB, 'visits_at_risk')).toBe(0);
    await expectOk(staffA.post('/api/followup/visits', { projectId, visitedOn: new Date().toISOString().slice(0, 10), findings: 'Redressement', riskRating: 'green' }));
    expect(await countOf(managerA, 'visits_at_risk')).toBe(before.risk);
  });

  it('follows the structure switcher: narrowed to one structure, the others count nothing', async () => {
    const network = await ctx.as('staff');
    const focused = async (structureId: string) => {
      const res = await network.get('/api/home', { headers: { 'X-Essor-Structure': structureId } });
      expect(res.status).toBe(200);
      return ((await res.json()) as Home).items.find((i) => i.kind === 'instalments_late')?.count;
    };
    const inA = await countOf(managerA, 'instalments_late');
    expect(inA).toBeGreaterThan(0);
    expect(await focused(structureA)).toBe(inA);
    expect(await focused(structureB)).toBe(0);
  });

  it('welcomes an investor without a link to offerings that do not exist yet', async () => {
    const investor = await signedInAccount(ctx, ['investor'], 'investor');
    const theirs = await home(investor);
    expect(theirs.welcome).toEqual({ kind: 'investor', bondOfferingsOpen: false });
    expect(theirs.items).toEqual([]);
    expect(theirs.holder).toBeNull();
  });

  it('welcomes a new holder who has not applied yet, and points them to the form', async () => {
    const newcomer = await signedInAccount(ctx, ['project_holder'], 'newcomer');
    const theirs = await home(newcomer);
    expect(theirs.welcome).toEqual({ kind: 'newcomer', bondOfferingsOpen: false });
    expect(theirs.holder).toEqual({ applications: [], nextSession: null, openActionItems: { count: 0, overdue: 0, link: '/my-coaching' }, nextInstalments: [], applyLink: '/applications/new' });
  });

  it('answers 401 to someone not signed in', async () => {
    expect((await ctx.client().get('/api/home')).status).toBe(401);
  });
});
