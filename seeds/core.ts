import { eq } from 'drizzle-orm';
import type { Db } from '../api/src/db/client';
import { users } from '../api/src/db/schema/auth';
import { cohortMembers, organisations, projects } from '../api/src/db/schema/projects';
import { cohorts, programmes } from '../api/src/db/schema/programmes';
import { DEMO_PROGRAMME_STRUCTURE, seedStructures } from './structures';
import { recordAudit, SYSTEM_ACTOR } from '../api/src/lib/audit';

/**
 * The demo's shared base, drawn from the field reports: three programmes (Montréal business-model
 * transformation, an INDH-like youth income programme, a West African city's incubator call), one
 * cohort each, and the organisations and projects already incubated in them. Each programme has its
 * eligibility checklist and its committee's weighted scoring grid. Other seeds build on
 * these by code: MTL-TRANSFO, INDH-JEUNES, DKR-INCUB.
 */
export const DEMO_PROGRAMMES = [
  {
    code: 'MTL-TRANSFO',
    name: "Transformation des modèles d'affaires",
    description:
      "Accompagnement des entreprises d'économie sociale montréalaises qui transforment leur modèle d'affaires, avec services-conseils et cofinancement.",
    territory: 'Montréal',
    eligibilityCriteria: [
      { key: 'legal_form', label: 'Entreprise collective (coopérative, OBNL, mutuelle)' },
      { key: 'territory', label: 'Siège sur le territoire de Montréal' },
      { key: 'governance', label: 'Gouvernance démocratique' },
      { key: 'two_years', label: "Au moins deux ans d'activité" },
    ],
    scoringGrid: [
      { key: 'social_utility', label: 'Utilité sociale', weight: 30, max: 5 },
      { key: 'economic_viability', label: 'Viabilité économique', weight: 25, max: 5 },
      { key: 'democratic_governance', label: 'Gouvernance démocratique', weight: 20, max: 5 },
      { key: 'territorial_anchoring', label: 'Ancrage territorial', weight: 15, max: 5 },
      { key: 'environmental_impact', label: 'Impact environnemental', weight: 10, max: 5 },
    ],
    callOpensOn: '2026-09-01',
    callClosesOn: '2026-12-15',
    budgetEnvelopeMinor: 150_000_000,
    currency: 'CAD',
    languages: ['fr', 'en'],
    status: 'open',
  },
  {
    code: 'INDH-JEUNES',
    name: 'Programme INDH : amélioration du revenu et inclusion économique des jeunes',
    description:
      "Identification, sélection et financement par le comité provincial de projets générateurs de revenus portés par des jeunes, avec accompagnement et suivi après financement.",
    territory: 'Province de Chefchaouen',
    eligibilityCriteria: [
      { key: 'youth', label: 'Porteurs âgés de 18 à 35 ans' },
      { key: 'territory', label: 'Projet implanté dans la province' },
      { key: 'value_chain', label: 'Inscrit dans une chaîne de valeur identifiée' },
    ],
    scoringGrid: [
      { key: 'income_generation', label: 'Revenus générés pour les jeunes', weight: 30, max: 10 },
      { key: 'youth_inclusion', label: 'Inclusion économique des jeunes', weight: 30, max: 10 },
      { key: 'value_chain', label: 'Insertion dans la chaîne de valeur', weight: 25, max: 10 },
      { key: 'sustainability', label: 'Pérennité après financement', weight: 15, max: 10 },
    ],
    callOpensOn: '2026-06-01',
    callClosesOn: '2026-10-31',
    budgetEnvelopeMinor: 500_000_000,
    currency: 'MAD',
    languages: ['fr'],
    status: 'closed',
  },
  {
    code: 'DKR-INCUB',
    name: "Appel à projets de l'incubateur ESS de la Ville de Dakar",
    description:
      "Incubation de groupements et coopératives de l'économie sociale et solidaire : formation et conseil juridique et managérial, fonds d'équipement de base.",
    territory: 'Dakar',
    eligibilityCriteria: [
      { key: 'collective', label: 'Groupement, coopérative ou association' },
      { key: 'territory', label: 'Activité dans une commune de Dakar' },
      { key: 'women_youth', label: 'Au moins la moitié de femmes ou de jeunes parmi les membres' },
    ],
    scoringGrid: [
      { key: 'social_utility', label: 'Utilité sociale', weight: 25, max: 5 },
      { key: 'economic_viability', label: 'Viabilité économique', weight: 25, max: 5 },
      { key: 'women_youth', label: 'Place des femmes et des jeunes', weight: 20, max: 5 },
      { key: 'collective_governance', label: 'Gouvernance collective', weight: 15, max: 5 },
      { key: 'environmental_impact', label: 'Impact environnemental', weight: 15, max: 5 },
    ],
    callOpensOn: '2026-10-01',
    callClosesOn: '2027-01-31',
    budgetEnvelopeMinor: 75_000_000,
    currency: 'XOF',
    languages: ['fr'],
    status: 'open',
  },
] as const;

const DEMO_COHORTS = [
  { programme: 'MTL-TRANSFO', name: 'Cohorte automne 2026', startsOn: '2026-09-15', endsOn: '2027-06-15', capacity: 8 },
  { programme: 'INDH-JEUNES', name: 'Promotion 2026', startsOn: '2026-03-01', endsOn: '2026-12-20', capacity: 12 },
  { programme: 'DKR-INCUB', name: 'Cohorte 1', startsOn: '2026-11-02', endsOn: '2027-07-30', capacity: 10 },
];

const DEMO_PROJECTS = [
  { programme: 'MTL-TRANSFO', org: 'Coopérative Les Jardins du Sud', legalForm: 'cooperative', sector: 'agriculture urbaine', district: 'Le Sud-Ouest', territory: 'Montréal', founders: 6, women: 4, youth: 2, title: 'Serre communautaire quatre saisons', needs: ['coaching', 'co_financing', 'equipment'], budget: 42_000_000, currency: 'CAD', holder: true },
  { programme: 'MTL-TRANSFO', org: 'Centre de la petite enfance coopératif Les Lucioles', legalForm: 'cooperative', sector: 'petite enfance', district: 'Villeray–Saint-Michel–Parc-Extension', territory: 'Montréal', founders: 9, women: 8, youth: 3, title: 'Ouverture de 30 places en garderie coopérative', needs: ['coaching', 'co_financing'], budget: 120_000_000, currency: 'CAD' },
  { programme: 'MTL-TRANSFO', org: 'Recyclerie Hochelaga', legalForm: 'non_profit', sector: 'réemploi', district: 'Mercier–Hochelaga-Maisonneuve', territory: 'Montréal', founders: 4, women: 2, youth: 2, title: 'Atelier de réparation et boutique solidaire', needs: ['coaching', 'equipment', 'community_bonds'], budget: 28_500_000, currency: 'CAD' },
  { programme: 'INDH-JEUNES', org: 'Coopérative féminine Tifaout', legalForm: 'cooperative', sector: 'agroalimentaire', district: 'Bab Taza', territory: 'Chefchaouen', founders: 11, women: 11, youth: 7, title: "Unité de valorisation de l'huile d'olive", needs: ['coaching', 'co_financing', 'equipment'], budget: 65_000_000, currency: 'MAD' },
  { programme: 'INDH-JEUNES', org: 'Association Jeunes Artisans du Rif', legalForm: 'association', sector: 'artisanat', district: 'Chefchaouen ville', territory: 'Chefchaouen', founders: 5, women: 2, youth: 5, title: 'Atelier de tissage et vente en ligne', needs: ['coaching', 'co_financing'], budget: 18_000_000, currency: 'MAD' },
  { programme: 'DKR-INCUB', org: 'GIE Femmes Transformatrices de Thiaroye', legalForm: 'economic_interest_group', sector: 'transformation halieutique', district: 'Thiaroye-sur-Mer', territory: 'Dakar', founders: 15, women: 15, youth: 6, title: 'Fours de fumage améliorés', needs: ['coaching', 'equipment', 'guarantee'], budget: 9_500_000, currency: 'XOF' },
  { programme: 'DKR-INCUB', org: 'Collectif Recup Médina', legalForm: 'informal_group', sector: 'recyclage', district: 'Médina', territory: 'Dakar', founders: 7, women: 3, youth: 6, title: 'Collecte et tri des plastiques', needs: ['coaching', 'equipment'], budget: 6_000_000, currency: 'XOF' },
];

export async function seedCore(db: Db): Promise<void> {
  // The programmes belong to the demo's structures, so those come first whoever calls this.
  await seedStructures(db);
  await db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: programmes.id }).from(programmes).where(eq(programmes.code, 'MTL-TRANSFO'));
    if (existing) return;
    const programmeIds = new Map<string, string>();
    for (const programme of DEMO_PROGRAMMES) {
      const [row] = await tx
        .insert(programmes)
        .values({
          ...programme,
          structureId: DEMO_PROGRAMME_STRUCTURE[programme.code],
          eligibilityCriteria: [...programme.eligibilityCriteria],
          scoringGrid: [...programme.scoringGrid],
          languages: [...programme.languages],
        })
        .returning({ id: programmes.id });
      programmeIds.set(programme.code, row.id);
      await recordAudit(tx, SYSTEM_ACTOR, { action: 'programme.seed', entity: 'programme', entityId: row.id, after: { code: programme.code } });
    }
    const cohortIds = new Map<string, string>();
    for (const cohort of DEMO_COHORTS) {
      const [row] = await tx
        .insert(cohorts)
        .values({ structureId: DEMO_PROGRAMME_STRUCTURE[cohort.programme], programmeId: programmeIds.get(cohort.programme)!, name: cohort.name, startsOn: cohort.startsOn, endsOn: cohort.endsOn, capacity: cohort.capacity })
        .returning({ id: cohorts.id });
      cohortIds.set(cohort.programme, row.id);
    }
    const [holder] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'holder@essor.demo'));
    for (const p of DEMO_PROJECTS) {
      const [org] = await tx
        .insert(organisations)
        .values({
          name: p.org,
          legalForm: p.legalForm,
          sector: p.sector,
          district: p.district,
          territory: p.territory,
          foundersCount: p.founders,
          womenCount: p.women,
          youthCount: p.youth,
          ownerUserId: 'holder' in p && holder ? holder.id : null,
        })
        .returning({ id: organisations.id });
      const [project] = await tx
        .insert(projects)
        .values({
          structureId: DEMO_PROGRAMME_STRUCTURE[p.programme],
          organisationId: org.id,
          programmeId: programmeIds.get(p.programme)!,
          title: p.title,
          needs: [...p.needs],
          district: p.district,
          totalBudgetMinor: p.budget,
          currency: p.currency,
          stage: 'incubated',
          holderUserId: 'holder' in p && holder ? holder.id : null,
        })
        .returning({ id: projects.id });
      await tx.insert(cohortMembers).values({ cohortId: cohortIds.get(p.programme)!, programmeId: programmeIds.get(p.programme)!, projectId: project.id });
    }
  });
}
