import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../api/src/db/client';
import { applicationEvents, applications } from '../../api/src/db/schema/applications';
import { users } from '../../api/src/db/schema/auth';
import { bondInvestors, bondOfferings, bondSubscriptions } from '../../api/src/db/schema/bonds';
import { coaches, coachingSessions } from '../../api/src/db/schema/coaching';
import { equipmentQuotes } from '../../api/src/db/schema/equipment';
import { capitalContributions, cofinancingRequests, cofinancingTranches, funders, fundEnvelopes, funds } from '../../api/src/db/schema/funds';
import { guaranteeAgreements, guaranteeBanks, guaranteeCalls, guarantees } from '../../api/src/db/schema/guarantees';
import { districts, impactIndicators, inventoryEntries, projectIndicatorValues } from '../../api/src/db/schema/impact';
import { loanRepayments, loans } from '../../api/src/db/schema/loans';
import { cohorts, programmes } from '../../api/src/db/schema/programmes';
import { cohortMembers, organisations, projects } from '../../api/src/db/schema/projects';
import { seedAccounts } from '../../seeds/platform';
import { makeStructure } from '../support/structures';

/**
 * One fixed dataset for the dashboard tests, inserted row by row so every figure can be worked out by hand
 * (the tests hold those tables). Structure A ("Ville") with a child A1 ("Incubateur"), and B ("Dakar").
 */
export interface DashboardWorld {
  tag: string;
  a: string;
  a1: string;
  b: string;
  programmes: { pa: string; pa1: string; pb: string };
  projects: Record<'p1' | 'p2' | 'p3' | 'p4' | 'p5' | 'p6' | 'p7' | 'p8' | 'p9' | 'pB', string>;
  funds: { fa: string; fl: string; fg: string; fxa: string; fe: string; ft: string };
  funders: { ville: string; fondation: string; bailleurB: string };
  emails: { electedA: string; electedB: string; coachA: string; staffA1: string };
}

const square = (x: number, y: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + 0.1, y],
      [x + 0.1, y + 0.1],
      [x, y + 0.1],
      [x, y],
    ],
  ],
});

async function userId(db: Db, email: string): Promise<string> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row.id;
}

export async function buildDashboardWorld(db: Db): Promise<DashboardWorld> {
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const a = await makeStructure(db, `Ville ${tag}`);
  const a1 = await makeStructure(db, `Incubateur ${tag}`, a);
  const b = await makeStructure(db, `Dakar ${tag}`, undefined, 'XOF');
  const emails = {
    electedA: `elu.a.${tag.toLowerCase()}@test.essor`,
    electedB: `elu.b.${tag.toLowerCase()}@test.essor`,
    coachA: `coach.a.${tag.toLowerCase()}@test.essor`,
    staffA1: `staff.a1.${tag.toLowerCase()}@test.essor`,
  };
  await seedAccounts(db, [
    { email: emails.electedA, name: 'Élue A', roles: ['elected_official'], locale: 'fr', structureId: a },
    { email: emails.electedB, name: 'Elected B', roles: ['elected_official'], locale: 'en', structureId: b },
    { email: emails.coachA, name: 'Coach A', roles: ['coach', 'committee_member'], locale: 'fr', structureId: a },
    { email: emails.staffA1, name: 'Staff A1', roles: ['staff'], locale: 'fr', structureId: a1 },
  ]);
  const u = await userId(db, emails.electedA);
  const u2 = await userId(db, emails.coachA);
  const u3 = await userId(db, emails.staffA1);

  await db.insert(districts).values([
    { structureId: a, name: `Nord ${tag}`, code: 'N', territory: 'Ville', population: 1000, geometry: square(0, 0) },
    { structureId: a, name: `Sud ${tag}`, code: 'S', territory: 'Ville', population: 2000, geometry: square(0, -0.1) },
    { structureId: b, name: `Médina ${tag}`, code: 'M', territory: 'Dakar', population: 3000, geometry: square(10, 10) },
  ]);
  const nord = `Nord ${tag}`;
  const sud = `Sud ${tag}`;
  const medina = `Médina ${tag}`;

  const [pa, pa1, pb] = await db
    .insert(programmes)
    .values([
      { structureId: a, code: `PA-${tag}`, name: 'Programme A', territory: 'Ville', currency: 'CAD', status: 'open' },
      { structureId: a1, code: `PA1-${tag}`, name: 'Programme A1', territory: 'Ville', currency: 'CAD', status: 'open' },
      { structureId: b, code: `PB-${tag}`, name: 'Programme B', territory: 'Dakar', currency: 'XOF', status: 'open' },
    ])
    .returning();

  const org = async (name: string, district: string) =>
    (await db.insert(organisations).values({ name: `${name} ${tag}`, legalForm: 'cooperative', sector: 'alimentation', district, territory: 'Ville' }).returning())[0].id;
  const oN1 = await org('Coop Nord', nord);
  const oS1 = await org('Coop Sud', sud);
  const oN2 = await org('Recyclerie', nord);
  const oX = await org('Fermée', nord);
  const oB = await org('Couture', medina);
  await db.insert(inventoryEntries).values([
    { structureId: a, organisationId: oN1, source: 'manual' },
    { structureId: a, organisationId: oS1, source: 'manual' },
    { structureId: a1, organisationId: oN2, source: 'manual' },
    { structureId: a, organisationId: oX, source: 'manual', status: 'closed' },
    { structureId: b, organisationId: oB, source: 'manual' },
  ]);

  const project = async (structureId: string, programmeId: string, title: string, district: string, stage: string, organisationId: string, currency = 'CAD') =>
    (await db.insert(projects).values({ structureId, organisationId, programmeId, title: `${title} ${tag}`, district, stage, currency }).returning())[0].id;
  const p1 = await project(a, pa.id, 'Épicerie Nord', nord, 'incubated', oN1);
  const p2 = await project(a, pa.id, 'Atelier Sud', sud, 'financed', oS1);
  const p3 = await project(a1, pa1.id, 'Recyclerie', nord, 'alumni', oN2);
  const p4 = await project(a, pa.id, 'Candidat 4', sud, 'applicant', oS1);
  const p5 = await project(a, pa.id, 'Candidat 5', nord, 'stopped', oN1);
  const p6 = await project(a, pa.id, 'Candidat 6', nord, 'applicant', oN1);
  const p7 = await project(a, pa.id, 'Candidat 7', sud, 'applicant', oS1);
  const p8 = await project(a, pa.id, 'Candidat 8', nord, 'applicant', oN1);
  const p9 = await project(a, pa.id, 'Candidat 9', sud, 'applicant', oS1);
  const pB = await project(b, pb.id, 'Couture Médina', medina, 'financed', oB, 'XOF');

  // The funnel: statuses now, and for those rejected or withdrawn, the stages they went through.
  const application = async (structureId: string, programmeId: string, projectId: string, status: string, submittedAt: string | null, stages: string[]) => {
    const [row] = await db
      .insert(applications)
      .values({ structureId, programmeId, projectId, holderUserId: u, status, submittedAt: submittedAt ? new Date(submittedAt) : null })
      .returning();
    for (const stage of stages) await db.insert(applicationEvents).values({ applicationId: row.id, toStatus: stage });
  };
  await application(a, pa.id, p1, 'accepted', '2025-02-01T10:00:00Z', []);
  await application(a, pa.id, p2, 'accepted', '2025-02-03T10:00:00Z', []);
  await application(a, pa.id, p4, 'rejected', '2025-02-05T10:00:00Z', ['submitted', 'screening', 'rejected']);
  await application(a, pa.id, p5, 'rejected', '2025-02-07T10:00:00Z', ['submitted', 'screening', 'committee', 'rejected']);
  await application(a, pa.id, p6, 'withdrawn', '2025-02-08T10:00:00Z', ['submitted', 'withdrawn']);
  await application(a, pa.id, p7, 'draft', null, []);
  await application(a1, pa1.id, p3, 'accepted', '2024-11-15T10:00:00Z', []);
  await application(a, pa.id, p8, 'committee', '2025-03-01T10:00:00Z', []);
  await application(a, pa.id, p9, 'waitlisted', '2025-03-02T10:00:00Z', []);
  await application(b, pb.id, pB, 'accepted', '2025-04-01T10:00:00Z', []);

  const [ca, ca1, cb] = await db
    .insert(cohorts)
    .values([
      { structureId: a, programmeId: pa.id, name: `Cohorte A ${tag}`, startsOn: '2025-01-15', endsOn: '2025-12-15', capacity: 10 },
      { structureId: a1, programmeId: pa1.id, name: `Cohorte A1 ${tag}`, startsOn: '2024-01-10', endsOn: '2024-06-30', capacity: 10 },
      { structureId: b, programmeId: pb.id, name: `Cohorte B ${tag}`, startsOn: '2025-02-01', endsOn: '2025-11-30', capacity: 10 },
    ])
    .returning();
  await db.insert(cohortMembers).values([
    { cohortId: ca.id, programmeId: pa.id, projectId: p1 },
    { cohortId: ca.id, programmeId: pa.id, projectId: p2 },
    { cohortId: ca1.id, programmeId: pa1.id, projectId: p3 },
    { cohortId: cb.id, programmeId: pb.id, projectId: pB },
  ]);

  const [coach] = await db.insert(coaches).values({ structureId: a, kind: 'staff', name: `Coach ${tag}`, profession: 'conseil', specialties: ['legal'], languages: ['fr'] }).returning();
  const session = (structureId: string, cohortId: string, projectId: string | null, supportType: string, status: string, startsAt: string, minutes: number) => {
    const start = new Date(startsAt);
    return {
      structureId,
      cohortId,
      format: projectId ? 'individual' : 'group',
      projectId,
      supportType,
      title: `${supportType} ${tag}`,
      startsAt: start,
      endsAt: new Date(start.getTime() + minutes * 60_000),
      durationMinutes: minutes,
      mode: 'on_site',
      coachId: coach.id,
      status,
    };
  };
  await db.insert(coachingSessions).values([
    session(a, ca.id, p1, 'legal', 'held', '2025-04-10T14:00:00Z', 90),
    session(a, ca.id, null, 'finance', 'held', '2025-04-20T14:00:00Z', 60),
    session(a, ca.id, p2, 'legal', 'held', '2025-05-02T14:00:00Z', 120),
    session(a, ca.id, p1, 'legal', 'cancelled', '2025-05-03T14:00:00Z', 60),
    session(a1, ca1.id, p3, 'marketing', 'held', '2024-03-01T14:00:00Z', 45),
    session(b, cb.id, pB, 'legal', 'held', '2025-06-01T10:00:00Z', 30),
  ]);

  // Money.
  const [ville, fondation, bailleurB] = await db
    .insert(funders)
    .values([
      { name: `Ville A ${tag}`, kind: 'city' },
      { name: `Fondation Z ${tag}`, kind: 'foundation' },
      { name: `Bailleur B ${tag}`, kind: 'state' },
    ])
    .returning();
  const fund = async (structureId: string, code: string, type: string, currency: string) =>
    (await db.insert(funds).values({ structureId, code: `${code}-${tag}`, name: `Fonds ${code}`, type, currency, committeeThresholdMinor: 0, openedOn: '2024-01-01' }).returning())[0].id;
  const fa = await fund(a, 'FA', 'co_financing', 'CAD');
  const fl = await fund(a, 'FL', 'loan', 'CAD');
  const fg = await fund(a, 'FG', 'guarantee', 'CAD');
  const fxa = await fund(a, 'FXA', 'equipment', 'XOF');
  const ft = await fund(a, 'FT', 'bond_trust', 'CAD');
  const fe = await fund(b, 'FE', 'equipment', 'XOF');
  let entry = 900_000_000 + Math.floor(Math.random() * 1_000_000);
  const contribution = (fundId: string, funderId: string, amountMinor: number, currency: string) => ({ fundId, funderId, amountMinor, currency, receivedOn: '2025-01-05', journalEntryId: entry++ });
  await db.insert(capitalContributions).values([
    contribution(fa, ville.id, 1_000_000, 'CAD'),
    contribution(fa, fondation.id, 2_000_000, 'CAD'),
    contribution(fl, ville.id, 500_000, 'CAD'),
    contribution(fg, ville.id, 400_000, 'CAD'),
    contribution(fe, bailleurB.id, 5_000_000, 'XOF'),
  ]);
  await db.insert(fundEnvelopes).values({ structureId: a, fundId: fxa, programmeId: pa1.id, amountMinor: 1_000_000, maxShareBps: 5000, maxRequestMinor: 500_000 });

  const request = async (projectId: string, amountMinor: number) =>
    (
      await db
        .insert(cofinancingRequests)
        .values({ structureId: a, fundId: fa, projectId, amountMinor, currency: 'CAD', purpose: 'Test', status: 'approved', createdBy: u2, preparedBy: u2, decidedBy: u3 })
        .returning()
    )[0].id;
  const r1 = await request(p1, 150_001);
  const r2 = await request(p2, 200_000);
  await db.insert(cofinancingTranches).values([
    { requestId: r1, seq: 1, amountMinor: 100_001, status: 'disbursed', disbursedOn: '2025-03-10' },
    { requestId: r1, seq: 2, amountMinor: 50_000, status: 'planned' },
    { requestId: r1, seq: 3, amountMinor: 7_000, status: 'cancelled' },
    { requestId: r2, seq: 1, amountMinor: 200_000, status: 'disbursed', disbursedOn: '2025-06-01' },
  ]);

  const loan = (projectId: string, principalMinor: number, status: string, disbursedOn: string | null) => ({
    structureId: a,
    fundId: fl,
    projectId,
    kind: 'honour_loan',
    principalMinor,
    currency: 'CAD',
    rateBps: 0,
    termMonths: 24,
    graceMonths: 0,
    method: 'annuity',
    status,
    proposedBy: u2,
    decidedBy: u3,
    disbursedOn,
  });
  const [l1] = await db.insert(loans).values([loan(p2, 300_000, 'active', '2025-07-01'), loan(p3, 100_000, 'approved', null), loan(p1, 999_000, 'rejected', null)]).returning();
  await db.insert(loanRepayments).values({ loanId: l1.id, scheduleVersion: 1, paidOn: '2025-09-01', amountMinor: 52_000, principalMinor: 50_000, interestMinor: 2_000, journalEntryId: entry++, recordedBy: u2 });

  await db.insert(equipmentQuotes).values([
    { structureId: b, fundId: fe, projectId: pB, supplier: 'Machines', lines: [], totalMinor: 1_200_000, invoiceAmountMinor: 1_150_000, currency: 'XOF', status: 'paid', recordedBy: u2, decidedBy: u3, paidOn: '2025-05-05' },
    { structureId: b, fundId: fe, projectId: pB, supplier: 'Tables', lines: [], totalMinor: 300_000, currency: 'XOF', status: 'ordered', recordedBy: u2, decidedBy: u3 },
    { structureId: b, fundId: fe, projectId: pB, supplier: 'Refusé', lines: [], totalMinor: 800_000, currency: 'XOF', status: 'rejected', recordedBy: u2, decidedBy: u3 },
  ]);

  const [bank] = await db.insert(guaranteeBanks).values({ structureId: a, name: `Banque ${tag}` }).returning();
  const [agreement] = await db
    .insert(guaranteeAgreements)
    .values({ structureId: a, fundId: fg, bankId: bank.id, currency: 'CAD', minCoverageBps: 1000, maxCoverageBps: 8000, maxGuaranteedMinor: 10_000_000, feeRateBps: 100, feeBasis: 'upfront', claimDeadlineDays: 90, signedOn: '2025-01-01', createdBy: u2 })
    .returning();
  const guarantee = (projectId: string, status: string, guaranteedMinor: number, exposureMinor: number) => ({
    structureId: a,
    fundId: fg,
    agreementId: agreement.id,
    bankId: bank.id,
    projectId,
    bankLoanRef: `L-${randomUUID().slice(0, 8)}`,
    loanAmountMinor: guaranteedMinor * 2,
    currency: 'CAD',
    loanRateBps: 500,
    termMonths: 36,
    method: 'annuity',
    disbursedOn: '2025-02-01',
    coverageBps: 5000,
    guaranteedMinor,
    status: status as 'active',
    outstandingMinor: guaranteedMinor * 2,
    outstandingOn: '2025-02-01',
    exposureMinor,
    preparedBy: u2,
    decidedBy: u3,
  });
  const [, g2] = await db
    .insert(guarantees)
    .values([guarantee(p1, 'active', 100_000, 80_000), guarantee(p2, 'called', 60_000, 50_000), guarantee(p1, 'released', 70_000, 0)])
    .returning();
  await db
    .insert(guaranteeCalls)
    .values({ structureId: a, guaranteeId: g2.id, defaultedOn: '2025-09-01', calledOn: '2025-09-10', declaredLossMinor: 90_000, claimedMinor: 45_000, payoutMinor: 40_001, status: 'paid', madeBy: u2, decidedBy: u3, paidOn: '2025-10-01' });

  const [offering] = await db
    .insert(bondOfferings)
    .values({
      structureId: a,
      code: `OBL-${tag}`,
      issuerProjectId: p2,
      trustFundId: ft,
      title: 'Obligations Atelier',
      currency: 'CAD',
      unitPriceMinor: 10_000,
      maxUnits: 100,
      minUnits: 1,
      maxUnitsPerPerson: 50,
      rateBps: 300,
      termMonths: 36,
      couponFrequency: 'annual',
      dayCount: 'act_365_fixed',
      opensOn: '2025-03-01',
      closesOn: '2025-12-31',
      status: 'open',
      reservedUnits: 5,
      paidUnits: 3,
      createdBy: u2,
      approvedBy: u3,
    })
    .returning();
  const investor = async (userId: string) =>
    (await db.insert(bondInvestors).values({ structureId: a, userId, fullName: 'Investisseur', address: '1 rue', bornOn: '1980-01-01', termsAcceptedAt: new Date(), riskAcceptedAt: new Date() }).returning())[0].id;
  const i1 = await investor(u);
  const i2 = await investor(u2);
  const i3 = await investor(u3);
  const subscription = (investorId: string, units: number, status: string, paidMinor: number) => ({
    structureId: a,
    offeringId: offering.id,
    investorId,
    units,
    amountMinor: units * 10_000,
    currency: 'CAD',
    reference: `REF-${randomUUID().slice(0, 10)}`,
    status: status as 'paid',
    paidMinor,
  });
  await db.insert(bondSubscriptions).values([subscription(i1, 5, 'reserved', 0), subscription(i2, 3, 'paid', 30_000), subscription(i3, 2, 'cancelled', 0)]);

  // Indicator figures, on the standard catalogue.
  const indicators = new Map(
    (await db.select({ id: impactIndicators.id, code: impactIndicators.code }).from(impactIndicators).where(eq(impactIndicators.standard, true))).map((r) => [r.code, r.id]),
  );
  const value = (structureId: string, projectId: string, code: string, kind: string, periodEnd: string, v: string, currency: string | null = null) => ({
    structureId,
    projectId,
    indicatorId: indicators.get(code)!,
    kind,
    periodStart: `${periodEnd.slice(0, 4)}-01-01`,
    periodEnd,
    value: v,
    currency,
    source: 'staff',
    enteredBy: u3,
  });
  await db.insert(projectIndicatorValues).values([
    value(a, p1, 'jobs_created_fte', 'baseline', '2024-01-01', '0'),
    value(a, p1, 'jobs_created_fte', 'actual', '2024-12-31', '1'),
    value(a, p1, 'jobs_created_fte', 'actual', '2025-12-31', '2.5'),
    value(a, p1, 'jobs_created_fte', 'target', '2025-12-31', '3'),
    value(a, p2, 'jobs_created_fte', 'actual', '2025-06-30', '1.5'),
    value(a, p2, 'jobs_created_fte', 'target', '2025-12-31', '2'),
    value(a1, p3, 'jobs_created_fte', 'actual', '2024-06-30', '1'),
    value(b, pB, 'jobs_created_fte', 'actual', '2025-12-31', '4'),
    value(a, p1, 'jobs_women', 'actual', '2025-12-31', '2'),
    value(a, p2, 'jobs_women', 'actual', '2025-12-31', '1'),
    value(a, p1, 'jobs_youth', 'actual', '2025-12-31', '1'),
    value(a, p1, 'people_served', 'actual', '2025-03-31', '100'),
    value(a, p1, 'people_served', 'actual', '2025-06-30', '150'),
    value(a, p1, 'people_served', 'target', '2025-12-31', '400'),
    value(a, p2, 'people_served', 'actual', '2024-12-31', '50'),
    value(a, p2, 'revenue', 'actual', '2025-12-31', '1234567', 'CAD'),
  ]);
  // A corrected figure: the superseded row no longer counts.
  const [wrong] = await db.insert(projectIndicatorValues).values(value(a, p2, 'jobs_created_fte', 'actual', '2025-09-30', '9')).returning();
  await db.execute(sql`update project_indicator_values set superseded_at = now() where id = ${wrong.id}::uuid`);

  return {
    tag,
    a,
    a1,
    b,
    programmes: { pa: pa.id, pa1: pa1.id, pb: pb.id },
    projects: { p1, p2, p3, p4, p5, p6, p7, p8, p9, pB },
    funds: { fa, fl, fg, fxa, fe, ft },
    funders: { ville: ville.id, fondation: fondation.id, bailleurB: bailleurB.id },
    emails,
  };
}
