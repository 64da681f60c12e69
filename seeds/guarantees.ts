import { eq } from 'drizzle-orm';
import type { Db } from '../api/src/db/client';
import { users } from '../api/src/db/schema/auth';
import { funders, funds } from '../api/src/db/schema/funds';
import { projects } from '../api/src/db/schema/projects';
import type { Actor } from '../api/src/lib/audit';
import { STAFF_VIEWER } from '../api/src/lib/viewer';
import { recordContribution } from '../api/src/modules/funds/contributions';
import { createFund, listFinanceableProjects } from '../api/src/modules/funds/service';
import { createAgreement } from '../api/src/modules/guarantees/agreements';
import { createBank } from '../api/src/modules/guarantees/banks';
import { callGuarantee, decideCall, payCall, recordRecovery } from '../api/src/modules/guarantees/calls';
import { approveGuarantee } from '../api/src/modules/guarantees/decisions';
import { chargeYearlyFees, moveExposureFromSchedule } from '../api/src/modules/guarantees/exposure-jobs';
import { setPolicy } from '../api/src/modules/guarantees/policy';
import { recordBankReport } from '../api/src/modules/guarantees/reports';
import { prepareGuarantee } from '../api/src/modules/guarantees/requests';
import { DEMO_STRUCTURES } from './structures';

async function actorOf(db: Db, email: string): Promise<Actor> {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return { id: row.id, email: row.email, requestId: null };
}

/**
 * Montréal's guarantee fund, as the mayors' recommendations ask ("fonds de garantie"): the city and a
 * foundation put in 500 000 $, two partner banks lend to the incubator's enterprises against it. Its
 * portfolio: two loans being repaid (one reported by its bank, one moved on by its schedule), one repaid in
 * full (released), one in arrears (doubtful, provisioned), one called, paid and partly recovered, and one
 * request waiting for a fund manager's approval. Everything goes through the services, dated in the past.
 */
export async function seedGuarantees(db: Db): Promise<void> {
  const [existing] = await db.select({ id: funds.id }).from(funds).where(eq(funds.code, 'FGA-MTL'));
  if (existing) return;
  const maker = await actorOf(db, 'ville.mtl@essor.demo');
  const checker = await actorOf(db, 'fonds.mtl@essor.demo');
  const structureId = DEMO_STRUCTURES.montreal;

  const fund = await createFund(db, checker, {
    code: 'FGA-MTL',
    name: 'Fonds de garantie des prêts aux entreprises d’économie sociale',
    type: 'guarantee',
    currency: 'CAD',
    description: 'Garantit une part des prêts bancaires aux entreprises collectives montréalaises que les banques ne financeraient pas seules.',
    committeeThresholdMinor: 10_000_000,
    structureId,
    openedOn: '2025-01-01',
  });
  const [city] = await db.select().from(funders).where(eq(funders.name, 'Ville de Montréal'));
  const [foundation] = await db.select().from(funders).where(eq(funders.name, "Fondation pour l'économie sociale et solidaire"));
  await recordContribution(db, checker, fund.id, { funderId: city.id, amountMinor: 40_000_000, currency: 'CAD', receivedOn: '2025-01-20' });
  await recordContribution(db, checker, fund.id, { funderId: foundation.id, amountMinor: 10_000_000, currency: 'CAD', receivedOn: '2025-03-03' });
  await setPolicy(db, checker, fund.id, { leverageCapPct: 500, performingBps: 100, watchBps: 1_000, doubtfulBps: 5_000, lossBps: 10_000, watchAfterDays: 30, doubtfulAfterDays: 90, lossAfterDays: 180 });

  const desjardins = await createBank(db, checker, { structureId, name: 'Caisse d’économie solidaire', contactName: 'Service aux entreprises collectives', contactEmail: 'entreprises@caisse-solidaire.demo' });
  const coop = await createBank(db, checker, { structureId, name: 'Banque coopérative de Montréal', contactName: 'Centre d’affaires ESS', contactEmail: 'ess@banque-coop.demo' });
  const withCaisse = await createAgreement(db, checker, {
    fundId: fund.id,
    bankId: desjardins.id,
    signedOn: '2025-01-15',
    minCoverageBps: 5_000,
    maxCoverageBps: 7_000,
    maxCoverageWomenBps: 8_000,
    maxGuaranteedMinor: 15_000_000,
    feeRateBps: 150,
    feeBasis: 'upfront',
    claimDeadlineDays: 180,
    portfolioCapBps: null,
  });
  const withCoop = await createAgreement(db, checker, {
    fundId: fund.id,
    bankId: coop.id,
    signedOn: '2025-02-01',
    minCoverageBps: 4_000,
    maxCoverageBps: 6_000,
    maxCoverageWomenBps: 7_000,
    maxGuaranteedMinor: 10_000_000,
    feeRateBps: 100,
    feeBasis: 'yearly_outstanding',
    claimDeadlineDays: 120,
    portfolioCapBps: 2_000,
  });

  const byTitle = async (title: string) => (await db.select({ id: projects.id }).from(projects).where(eq(projects.title, title)))[0].id;
  const garden = await byTitle('Serre communautaire quatre saisons');
  const daycare = await byTitle('Ouverture de 30 places en garderie coopérative');
  const recyclerie = await byTitle('Atelier de réparation et boutique solidaire');
  // The called loan went to another enterprise of the incubator when one is admitted to financing.
  const others = await listFinanceableProjects(db, STAFF_VIEWER, { currency: 'CAD', limit: 50 });
  const failing = others.find((p) => ![garden, daycare, recyclerie].includes(p.id))?.id ?? garden;

  const issue = async (input: Parameters<typeof prepareGuarantee>[2], issuedOn = input.disbursedOn) => {
    const prepared = await prepareGuarantee(db, maker, input);
    await approveGuarantee(db, checker, prepared.id, { accountingDate: issuedOn, note: 'Dossier complet, risque acceptable' });
    return prepared.id;
  };
  const loan = { currency: 'CAD' as const, graceMonths: 0, womenLed: false };

  // Being repaid, reported monthly by the Caisse.
  const greenhouse = await issue({ ...loan, agreementId: withCaisse.id, projectId: garden, bankLoanRef: 'CES-2025-0142', loanAmountMinor: 12_000_000, loanRateBps: 650, termMonths: 60, method: 'annuity', disbursedOn: '2025-03-14', coverageBps: 6_000, purpose: 'Construction de la serre quatre saisons' });
  for (const [asOf, outstanding] of [['2025-09-30', 11_000_000], ['2026-03-31', 9_950_000], ['2026-09-30', 8_880_000]] as const) {
    await recordBankReport(db, maker, greenhouse, { asOf, outstandingMinor: outstanding, arrearsMinor: 0, daysInArrears: 0 });
  }
  // Being repaid, women-led, not reported: the schedule moves its exposure.
  await issue({ ...loan, womenLed: true, agreementId: withCoop.id, projectId: daycare, bankLoanRef: 'BCM-88-2025-017', loanAmountMinor: 8_000_000, loanRateBps: 590, termMonths: 48, method: 'declining', disbursedOn: '2025-05-01', coverageBps: 7_000, purpose: 'Aménagement de 30 places' });
  // Repaid in full: the bank's last report releases the guarantee.
  const shortLoan = await issue({ ...loan, agreementId: withCaisse.id, projectId: recyclerie, bankLoanRef: 'CES-2025-0077', loanAmountMinor: 3_000_000, loanRateBps: 700, termMonths: 12, method: 'annuity', disbursedOn: '2025-02-03', coverageBps: 5_000, purpose: 'Fonds de roulement de la boutique' });
  await recordBankReport(db, maker, shortLoan, { asOf: '2025-08-31', outstandingMinor: 1_540_000, arrearsMinor: 0, daysInArrears: 0 });
  await recordBankReport(db, maker, shortLoan, { asOf: '2026-02-28', outstandingMinor: 0, arrearsMinor: 0, daysInArrears: 0 });
  // In arrears: 95 days late at the end of October, doubtful.
  const workshop = await issue({ ...loan, agreementId: withCoop.id, projectId: recyclerie, bankLoanRef: 'BCM-88-2025-031', loanAmountMinor: 6_000_000, loanRateBps: 750, termMonths: 36, method: 'annuity', disbursedOn: '2025-06-16', coverageBps: 5_000, purpose: 'Outillage de l’atelier de réparation' });
  await recordBankReport(db, maker, workshop, { asOf: '2026-07-31', outstandingMinor: 4_200_000, arrearsMinor: 0, daysInArrears: 0 });
  await recordBankReport(db, maker, workshop, { asOf: '2026-10-31', outstandingMinor: 4_050_000, arrearsMinor: 610_000, daysInArrears: 95 });
  // Defaulted: called by the Caisse, the payout approved by a second person and paid, a first recovery shared.
  const called = await issue({ ...loan, agreementId: withCaisse.id, projectId: failing, bankLoanRef: 'CES-2025-0203', loanAmountMinor: 5_000_000, loanRateBps: 800, termMonths: 24, method: 'annuity', disbursedOn: '2025-04-01', coverageBps: 6_000, purpose: 'Équipement et stock de démarrage' });
  await recordBankReport(db, maker, called, { asOf: '2025-12-31', outstandingMinor: 3_800_000, arrearsMinor: 900_000, daysInArrears: 120 });
  const call = await callGuarantee(db, maker, called, { defaultedOn: '2026-01-15', calledOn: '2026-02-10', declaredLossMinor: 4_000_000, note: 'Déchéance du terme prononcée le 15 janvier' });
  await decideCall(db, checker, call.id, 'approve', 'Perte justifiée par le décompte de la Caisse', '2026-02-20');
  await payCall(db, checker, call.id, { paidOn: '2026-03-02' });
  await recordRecovery(db, maker, called, { receivedOn: '2026-06-15', bankRecoveredMinor: 1_000_000 });
  // What the daily jobs would have done by today: the unreported loan moved on by its schedule, yearly fees charged.
  await moveExposureFromSchedule(db);
  await chargeYearlyFees(db);
  // Waiting for a fund manager other than its preparer.
  await prepareGuarantee(db, maker, { ...loan, agreementId: withCoop.id, projectId: garden, bankLoanRef: 'BCM-88-2026-044', loanAmountMinor: 4_000_000, loanRateBps: 620, termMonths: 36, method: 'annuity', disbursedOn: '2026-10-15', coverageBps: 5_000, purpose: 'Chambre froide pour la vente directe' });
}
