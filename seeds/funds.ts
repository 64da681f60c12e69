import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../api/src/db/client';
import { applications } from '../api/src/db/schema/applications';
import { users } from '../api/src/db/schema/auth';
import { cofinancingTranches, funds } from '../api/src/db/schema/funds';
import { projects } from '../api/src/db/schema/projects';
import { programmes } from '../api/src/db/schema/programmes';
import { DEMO_FUND_STRUCTURE } from './structures';
import type { Actor } from '../api/src/lib/audit';
import { approveCofinancing, prepareCofinancing, rejectCofinancing } from '../api/src/modules/cofinancing/decisions';
import { cancelCofinancing } from '../api/src/modules/cofinancing/cancellation';
import { createCofinancing } from '../api/src/modules/cofinancing/requests';
import { disburseTranche, signAgreement } from '../api/src/modules/cofinancing/tranches';
import { listCommitteeSessionsFor, recordCommitteeDecision } from '../api/src/modules/cofinancing/committee';
import { approveQuote } from '../api/src/modules/equipment/decisions';
import { issuePurchaseOrder, payInvoice, recordSupplierInvoice } from '../api/src/modules/equipment/purchase';
import { listAssets, updateAsset } from '../api/src/modules/equipment/assets';
import { recordQuote } from '../api/src/modules/equipment/quotes';
import { admitProjectToFinancing } from '../api/src/modules/funds/eligibility';
import { createFund, createFunder } from '../api/src/modules/funds/service';
import { recordContribution } from '../api/src/modules/funds/contributions';
import { setEnvelope } from '../api/src/modules/funds/envelopes';
import { STAFF_VIEWER } from '../api/src/lib/viewer';
import { approveLoan } from '../api/src/modules/loans/decisions';
import { disburseLoan } from '../api/src/modules/loans/disbursement';
import { proposeLoan } from '../api/src/modules/loans/proposals';
import { recordRepayment } from '../api/src/modules/loans/repayments';

async function actorOf(db: Db, email: string): Promise<Actor> {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return { id: row.id, email: row.email, requestId: null };
}

/**
 * Three solidarity funds drawn from the reports: Montréal's co-financing of collective enterprises,
 * Dakar's basic-equipment fund, and an INDH-style honour-loan fund in Chefchaouen. Every figure
 * comes from journal entries posted by the same services the API uses.
 */
export async function seedFunds(db: Db): Promise<void> {
  const [existing] = await db.select({ id: funds.id }).from(funds).where(eq(funds.code, 'FCO-MTL'));
  if (existing) return;
  const staff = await actorOf(db, 'staff@essor.demo');
  const manager = await actorOf(db, 'fund@essor.demo');
  const cityStaff = await actorOf(db, 'ville.mtl@essor.demo');
  const voters = [(await actorOf(db, 'committee@essor.demo')).id!, (await actorOf(db, 'committee2@essor.demo')).id!];
  const programmeRows = await db.select().from(programmes).where(inArray(programmes.code, ['MTL-TRANSFO', 'INDH-JEUNES', 'DKR-INCUB']));
  const programmeId = (code: string) => programmeRows.find((p) => p.code === code)!.id;
  const projectRows = await db.select().from(projects).where(inArray(projects.programmeId, programmeRows.map((p) => p.id)));
  const project = (title: string) => projectRows.find((p) => p.title === title)!.id;
  // These projects were incubated before the online call opened: no application was ever accepted, so
  // staff admit them to financing, saying why, as a city would for its existing cohort.
  const applied = new Set((await db.select({ projectId: applications.projectId }).from(applications)).map((a) => a.projectId));
  for (const p of projectRows.filter((row) => !applied.has(row.id))) {
    const code = programmeRows.find((pr) => pr.id === p.programmeId)!.code;
    await admitProjectToFinancing(db, staff, p.id, `Projet incubé dans la cohorte ${code} avant l’ouverture de l’appel en ligne`);
  }

  const city = await createFunder(db, manager, { name: 'Ville de Montréal', kind: 'city' });
  const foundation = await createFunder(db, manager, { name: "Fondation pour l'économie sociale et solidaire", kind: 'foundation' });
  const region = await createFunder(db, manager, { name: 'Région Tanger-Tétouan-Al Hoceïma', kind: 'region' });
  const indh = await createFunder(db, manager, { name: 'INDH, comité provincial de Chefchaouen', kind: 'state' });
  const dakar = await createFunder(db, manager, { name: 'Ville de Dakar', kind: 'city' });
  const solidarityFund = await createFunder(db, manager, { name: 'Fonds de solidarité des collectivités francophones', kind: 'foundation' });

  // Montréal: co-financing of collective enterprises transforming their business model.
  const fco = await createFund(db, manager, {
    code: 'FCO-MTL',
    name: 'Fonds de cofinancement des entreprises collectives',
    type: 'co_financing',
    currency: 'CAD',
    description: "Cofinance la transformation des modèles d'affaires des entreprises d'économie sociale montréalaises.",
    committeeThresholdMinor: 5_000_000,
    structureId: DEMO_FUND_STRUCTURE['FCO-MTL'],
    openedOn: '2026-01-01',
  });
  await recordContribution(db, manager, fco.id, { funderId: city.id, amountMinor: 60_000_000, currency: 'CAD', receivedOn: '2026-06-02' });
  await recordContribution(db, manager, fco.id, { funderId: foundation.id, amountMinor: 20_000_000, currency: 'CAD', receivedOn: '2026-07-15' });
  await setEnvelope(db, manager, fco.id, { programmeId: programmeId('MTL-TRANSFO'), amountMinor: 50_000_000, maxShareBps: 4000, maxRequestMinor: 15_000_000 });

  const serre = await createCofinancing(db, staff, {
    fundId: fco.id,
    projectId: project('Serre communautaire quatre saisons'),
    amountMinor: 12_000_000,
    currency: 'CAD',
    purpose: 'Construction de la serre quatre saisons et système de chauffage géothermique',
    otherFunders: [
      { name: "Caisse d'économie solidaire", amountMinor: 15_000_000, status: 'confirmed' },
      { name: 'Arrondissement du Sud-Ouest', amountMinor: 3_000_000, status: 'requested' },
    ],
  });
  await prepareCofinancing(db, staff, serre.id, {
    recommendation: 'Coopérative solide, marché institutionnel identifié (CPE et écoles du quartier), montage financier bouclé.',
    conditions: ['Permis de construction obtenu', 'Rapport financier semestriel', 'Mention du fonds sur la serre'],
    tranches: [
      { amountMinor: 7_000_000, milestoneId: null },
      { amountMinor: 5_000_000, milestoneId: null },
    ],
  });
  // The programme's selection committee gives its opinion in session; city staff who did not prepare the request record it.
  const session = (await listCommitteeSessionsFor(db, STAFF_VIEWER, serre.id)).find((s) => s.title.startsWith('Comité de sélection'))!;
  await recordCommitteeDecision(db, cityStaff, serre.id, { sessionId: session.id, voterIds: voters, decision: 'favourable', note: 'Avis unanime' });
  await approveCofinancing(db, manager, serre.id, { note: 'Conforme aux règles du programme' }, '2026-09-20');
  await signAgreement(db, staff, serre.id, '2026-09-28');
  await disburseTranche(db, manager, serre.id, (await firstPlannedTranche(db, serre.id))!, { disbursedOn: '2026-10-06' });

  const lucioles = await createCofinancing(db, staff, {
    fundId: fco.id,
    projectId: project('Ouverture de 30 places en garderie coopérative'),
    amountMinor: 9_000_000,
    currency: 'CAD',
    purpose: 'Aménagement des locaux pour 30 nouvelles places',
    otherFunders: [{ name: 'Ministère de la Famille', amountMinor: 60_000_000, status: 'confirmed' }],
  });
  await prepareCofinancing(db, staff, lucioles.id, {
    recommendation: 'Besoin avéré dans Villeray, gouvernance de parents usagers.',
    conditions: ['Permis du ministère pour les 30 places'],
    tranches: [{ amountMinor: 9_000_000, milestoneId: null }],
  });

  const recyclerie = await createCofinancing(db, staff, {
    fundId: fco.id,
    projectId: project('Atelier de réparation et boutique solidaire'),
    amountMinor: 4_500_000,
    currency: 'CAD',
    purpose: "Fonds de roulement pour l'ouverture de la boutique",
    otherFunders: [],
  });
  await prepareCofinancing(db, staff, recyclerie.id, {
    recommendation: "Modèle d'affaires à consolider ; la boutique assure un revenu autonome.",
    conditions: [],
    tranches: [{ amountMinor: 4_500_000, milestoneId: null }],
  });
  const refused = await createCofinancing(db, staff, {
    fundId: fco.id,
    projectId: project('Atelier de réparation et boutique solidaire'),
    amountMinor: 2_000_000,
    currency: 'CAD',
    purpose: 'Véhicule de collecte',
    otherFunders: [],
  });
  await prepareCofinancing(db, staff, refused.id, { recommendation: 'Dépense hors du périmètre du programme.', conditions: [], tranches: [{ amountMinor: 2_000_000, milestoneId: null }] });
  await rejectCofinancing(db, manager, refused.id, { note: "Le programme ne finance pas l'achat de véhicules" });
  await createCofinancing(db, staff, {
    fundId: fco.id,
    projectId: project('Serre communautaire quatre saisons'),
    amountMinor: 1_500_000,
    currency: 'CAD',
    purpose: 'Étude de marché pour la vente en ligne',
    otherFunders: [],
  });

  const study = await createCofinancing(db, staff, {
    fundId: fco.id,
    projectId: project('Ouverture de 30 places en garderie coopérative'),
    amountMinor: 2_500_000,
    currency: 'CAD',
    purpose: "Étude de faisabilité de l'agrandissement",
    otherFunders: [],
  });
  await prepareCofinancing(db, staff, study.id, { recommendation: 'Étude préalable indispensable au projet de 30 places.', conditions: ["Remise de l'étude au comité"], tranches: [{ amountMinor: 2_500_000, milestoneId: null }] });
  await approveCofinancing(db, manager, study.id, { note: '' }, '2026-08-18');
  await signAgreement(db, staff, study.id, '2026-08-25');
  await disburseTranche(db, manager, study.id, (await firstPlannedTranche(db, study.id))!, { disbursedOn: '2026-09-01' });
  const training = await createCofinancing(db, staff, {
    fundId: fco.id,
    projectId: project('Atelier de réparation et boutique solidaire'),
    amountMinor: 1_000_000,
    currency: 'CAD',
    purpose: 'Formation des bénévoles à la réparation',
    otherFunders: [],
  });
  await prepareCofinancing(db, staff, training.id, { recommendation: 'Utile, mais un autre programme peut la financer.', conditions: [], tranches: [{ amountMinor: 1_000_000, milestoneId: null }] });
  await approveCofinancing(db, manager, training.id, { note: '' }, '2026-09-22');
  await cancelCofinancing(db, manager, training.id, { reason: 'Financée par Emploi-Québec' });

  // Dakar: basic equipment lent to incubated groups.
  const feq = await createFund(db, manager, {
    code: 'FEQ-DKR',
    name: "Fonds d'appui à l'équipement de base",
    type: 'equipment',
    currency: 'XOF',
    description: "Achète l'équipement de base des groupements incubés et le leur confie tant que dure l'activité.",
    committeeThresholdMinor: 10_000_000,
    structureId: DEMO_FUND_STRUCTURE['FEQ-DKR'],
    openedOn: '2026-01-01',
  });
  await recordContribution(db, manager, feq.id, { funderId: dakar.id, amountMinor: 25_000_000, currency: 'XOF', receivedOn: '2026-10-01' });
  await recordContribution(db, manager, feq.id, { funderId: solidarityFund.id, amountMinor: 15_000_000, currency: 'XOF', receivedOn: '2026-10-20' });
  const fours = await recordQuote(db, staff, {
    fundId: feq.id,
    projectId: project('Fours de fumage améliorés'),
    supplier: 'Atelier métallique de Thiaroye',
    currency: 'XOF',
    lines: [
      { description: 'Four de fumage amélioré FTT', quantity: 3, unitPriceMinor: 1_450_000 },
      { description: 'Claies de séchage inox', quantity: 10, unitPriceMinor: 35_000 },
    ],
  });
  await approveQuote(db, manager, fours.id, '2026-11-03');
  await issuePurchaseOrder(db, manager, fours.id, { purchaseOrderNumber: 'BC-DKR-2026-001', orderedOn: '2026-11-04' });
  await recordSupplierInvoice(db, staff, fours.id, { invoiceNumber: 'AMT-0412', amountMinor: 4_650_000, currency: 'XOF', invoicedOn: '2026-11-14' });
  await payInvoice(db, manager, fours.id, '2026-11-16');
  await recordQuote(db, staff, {
    fundId: feq.id,
    projectId: project('Collecte et tri des plastiques'),
    supplier: 'Sénégal Équipements Recyclage',
    currency: 'XOF',
    lines: [
      { description: 'Broyeur à plastique 7,5 kW', quantity: 1, unitPriceMinor: 3_900_000 },
      { description: 'Balance plateforme 300 kg', quantity: 1, unitPriceMinor: 260_000 },
    ],
  });

  // Chefchaouen: interest-free honour loans to youth-led income projects.
  const fph = await createFund(db, manager, {
    code: 'FPH-CHEF',
    name: "Fonds de prêts d'honneur des jeunes porteurs",
    type: 'loan',
    currency: 'MAD',
    description: "Prêts d'honneur sans intérêt et avances remboursables pour les projets générateurs de revenus des jeunes.",
    committeeThresholdMinor: 20_000_000,
    structureId: DEMO_FUND_STRUCTURE['FPH-CHEF'],
    openedOn: '2026-01-01',
  });
  await recordContribution(db, manager, fph.id, { funderId: indh.id, amountMinor: 80_000_000, currency: 'MAD', receivedOn: '2026-01-10' });
  await recordContribution(db, manager, fph.id, { funderId: region.id, amountMinor: 40_000_000, currency: 'MAD', receivedOn: '2026-02-12' });

  const oliveLoan = await proposeLoan(db, staff, {
    fundId: fph.id,
    projectId: project("Unité de valorisation de l'huile d'olive"),
    kind: 'honour_loan',
    principalMinor: 12_000_000,
    currency: 'MAD',
    rateBps: 0,
    termMonths: 24,
    graceMonths: 3,
    method: 'declining',
    purpose: 'Achat du pressoir et des cuves inox',
  });
  await approveLoan(db, manager, oliveLoan.id, '2026-02-20');
  await disburseLoan(db, manager, oliveLoan.id, '2026-03-01');
  for (const paidOn of ['2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01']) {
    await recordRepayment(db, staff, oliveLoan.id, { amountMinor: 571_429, currency: 'MAD', paidOn });
  }

  const weavingLoan = await proposeLoan(db, staff, {
    fundId: fph.id,
    projectId: project('Atelier de tissage et vente en ligne'),
    kind: 'honour_loan',
    principalMinor: 4_800_000,
    currency: 'MAD',
    rateBps: 0,
    termMonths: 12,
    graceMonths: 0,
    method: 'annuity',
    purpose: 'Métiers à tisser et site de vente en ligne',
  });
  await approveLoan(db, manager, weavingLoan.id, '2026-03-20');
  await disburseLoan(db, manager, weavingLoan.id, '2026-04-01');
  // Two instalments paid, then nothing: this loan is in arrears.
  await recordRepayment(db, staff, weavingLoan.id, { amountMinor: 400_000, currency: 'MAD', paidOn: '2026-05-02' });
  await recordRepayment(db, staff, weavingLoan.id, { amountMinor: 400_000, currency: 'MAD', paidOn: '2026-06-03' });

  const advance = await proposeLoan(db, staff, {
    fundId: fph.id,
    projectId: project("Unité de valorisation de l'huile d'olive"),
    kind: 'repayable_advance',
    principalMinor: 3_000_000,
    currency: 'MAD',
    rateBps: 200,
    termMonths: 6,
    graceMonths: 0,
    method: 'annuity',
    purpose: 'Avance sur la récolte 2026 (achat des olives)',
  });
  await approveLoan(db, manager, advance.id, '2026-10-25');

  await proposeLoan(db, staff, {
    fundId: fph.id,
    projectId: project('Atelier de tissage et vente en ligne'),
    kind: 'repayable_advance',
    principalMinor: 1_500_000,
    currency: 'MAD',
    rateBps: 0,
    termMonths: 6,
    graceMonths: 1,
    method: 'declining',
    purpose: 'Stock de laine pour la saison touristique',
  });

  const { items: fourAssets } = await listAssets(db, STAFF_VIEWER, { fundId: feq.id, limit: 50 });
  for (const [i, asset] of fourAssets.entries()) await updateAsset(db, manager, asset.id, { serialNumber: `FTT-2026-${String(i + 1).padStart(3, '0')}` });
}

async function firstPlannedTranche(db: Db, requestId: string): Promise<string | undefined> {
  const rows = await db.select().from(cofinancingTranches).where(eq(cofinancingTranches.requestId, requestId));
  return rows.sort((a, b) => a.seq - b.seq).find((t) => t.status === 'planned')?.id;
}
