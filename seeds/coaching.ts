import type { CreateActionItemInput, SupportType } from '@essor/shared/coaching';
import { count, eq, inArray } from 'drizzle-orm';
import type { Db } from '../api/src/db/client';
import { users } from '../api/src/db/schema/auth';
import { coaches } from '../api/src/db/schema/coaching';
import { cohortMembers, milestones, projects } from '../api/src/db/schema/projects';
import { cohorts, programmes } from '../api/src/db/schema/programmes';
import { ROOT_STRUCTURE_ID } from '../api/src/db/schema/structures';
import { DEMO_STRUCTURES } from './structures';
import { recordAudit, SYSTEM_ACTOR } from '../api/src/lib/audit';
import { systemUser } from '../api/src/lib/scope';
import { createCoach } from '../api/src/modules/coaching/coaches-service';
import { savePlan } from '../api/src/modules/coaching/plans-service';
import { createSession } from '../api/src/modules/coaching/session-booking';
import { createVisit } from '../api/src/modules/followup/service';

const DAY_MS = 86_400_000;

/** Monday 00:00 UTC of the current week: the season is laid out around the day the demo starts. */
function thisMonday(): Date {
  const now = new Date();
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  return monday;
}

/** A moment given as weeks from this Monday, day of the week (1 = Monday) and local hour, at a UTC offset. */
function slot(week: number, weekday: number, hour: number, utcOffsetHours: number): Date {
  return new Date(thisMonday().getTime() + (week * 7 + weekday - 1) * DAY_MS + (hour - utcOffsetHours) * 3_600_000);
}

function isoDay(daysFromToday: number): string {
  return new Date(Date.now() + daysFromToday * DAY_MS).toISOString().slice(0, 10);
}

interface SessionPlan {
  week: number;
  weekday: number;
  hour: number;
  minutes: number;
  coach: string;
  type: SupportType;
  title: string;
  /** Project title for an individual session; omitted for a cohort workshop. */
  project?: string;
  remote?: boolean;
  notes?: string;
  decisions?: string;
  items?: (Omit<CreateActionItemInput, 'projectId' | 'dueOn'> & { dueInDays: number; project?: string })[];
}

const MTL_PLACE = "Maison de l'économie sociale, 1431 rue Fullum, Montréal";
const DKR_PLACE = "Maison de l'ESS, Médina, Dakar";

const MTL_SEASON: SessionPlan[] = [
  { week: -9, weekday: 2, hour: 9, minutes: 180, coach: 'Fatou Diop', type: 'mentoring', title: 'Atelier de lancement : diagnostic du modèle d’affaires' },
  { week: -8, weekday: 3, hour: 14, minutes: 90, coach: 'Me Sophie Lavoie', type: 'legal', title: 'Statuts et règlements de la coopérative', project: 'Serre communautaire quatre saisons', notes: 'Les règlements datent de 2011 ; la catégorie de membres de soutien n’existe pas. Le conseil hésite à ouvrir le capital.', decisions: 'Réviser les règlements avant l’assemblée annuelle.', items: [{ description: 'Rédiger le projet de règlement sur les membres de soutien', owner: 'Me Sophie Lavoie', dueInDays: -30 }, { description: 'Convoquer une assemblée extraordinaire', owner: 'Présidente du conseil', dueInDays: -20 }] },
  { week: -7, weekday: 2, hour: 13, minutes: 120, coach: 'Jean-François Bélanger', type: 'managerial_accounting', title: 'Lecture des états financiers', project: 'Ouverture de 30 places en garderie coopérative', notes: 'Le fonds de roulement couvre deux mois de masse salariale ; la subvention de démarrage arrive en mars.', items: [{ description: 'Préparer un budget de caisse sur 18 mois', owner: 'Directrice générale', dueInDays: -10 }] },
  { week: -6, weekday: 4, hour: 9, minutes: 180, coach: 'Marc Tremblay', type: 'marketing', title: 'Atelier : raconter son impact aux clients et aux bailleurs' },
  { week: -5, weekday: 3, hour: 10, minutes: 60, coach: 'Fatou Diop', type: 'mentoring', title: 'Suivi mensuel', project: 'Serre communautaire quatre saisons', remote: true, notes: 'Deux fondatrices en désaccord sur la vente aux restaurants ; à revoir avec tout le conseil.', decisions: 'Tester la vente aux restaurants du quartier pendant trois mois.', items: [{ description: 'Lister cinq restaurants du Sud-Ouest à démarcher', owner: 'Coordonnatrice', dueInDays: -14 }, { description: 'Chiffrer le coût d’une livraison hebdomadaire', owner: 'Trésorier', dueInDays: 5 }] },
  { week: -4, weekday: 2, hour: 14, minutes: 90, coach: 'Me Sophie Lavoie', type: 'legal', title: 'Bail commercial de l’atelier', project: 'Atelier de réparation et boutique solidaire', notes: 'Clause de démolition-rénovation risquée ; proposer une option de renouvellement de 5 ans.', items: [{ description: 'Envoyer la contre-proposition au propriétaire', owner: 'Directeur', dueInDays: -7 }] },
  { week: -3, weekday: 3, hour: 13, minutes: 120, coach: 'Jean-François Bélanger', type: 'managerial_accounting', title: 'Prix de revient des paniers', project: 'Serre communautaire quatre saisons', notes: 'Le prix actuel ne couvre pas le chauffage de la serre en hiver.', decisions: 'Passer le panier d’hiver de 25 $ à 29 $.', items: [{ description: 'Mettre à jour la grille de prix sur le site', owner: 'Coordonnatrice', dueInDays: 3 }] },
  { week: -2, weekday: 4, hour: 9, minutes: 180, coach: 'Fatou Diop', type: 'managerial_accounting', title: 'Atelier : tableau de bord trimestriel' },
  { week: -1, weekday: 2, hour: 10, minutes: 60, coach: 'Fatou Diop', type: 'mentoring', title: 'Suivi mensuel', project: 'Ouverture de 30 places en garderie coopérative', remote: true, notes: 'Recrutement de deux éducatrices en retard ; risque sur l’ouverture de janvier.' },
  { week: 0, weekday: 4, hour: 14, minutes: 90, coach: 'Me Sophie Lavoie', type: 'legal', title: 'Contrats de travail et convention collective', project: 'Ouverture de 30 places en garderie coopérative' },
  { week: 1, weekday: 2, hour: 9, minutes: 180, coach: 'Marc Tremblay', type: 'digital', title: 'Atelier : boutique en ligne et paiement mobile' },
  { week: 1, weekday: 3, hour: 10, minutes: 60, coach: 'Fatou Diop', type: 'mentoring', title: 'Suivi mensuel', project: 'Serre communautaire quatre saisons', remote: true },
  { week: 2, weekday: 3, hour: 13, minutes: 120, coach: 'Jean-François Bélanger', type: 'managerial_accounting', title: 'Plan de financement de la deuxième serre', project: 'Serre communautaire quatre saisons' },
  { week: 3, weekday: 2, hour: 14, minutes: 90, coach: 'Me Sophie Lavoie', type: 'legal', title: 'Garanties et sûretés pour l’emprunt', project: 'Atelier de réparation et boutique solidaire' },
  { week: 5, weekday: 4, hour: 9, minutes: 180, coach: 'Fatou Diop', type: 'mentoring', title: 'Atelier : gouvernance démocratique et relève' },
  { week: 6, weekday: 3, hour: 10, minutes: 60, coach: 'Fatou Diop', type: 'mentoring', title: 'Suivi mensuel', project: 'Atelier de réparation et boutique solidaire', remote: true },
];

const DKR_SEASON: SessionPlan[] = [
  { week: -3, weekday: 2, hour: 9, minutes: 240, coach: 'Fatou Diop', type: 'mentoring', title: 'Atelier d’accueil : vie associative et répartition des rôles' },
  { week: -2, weekday: 3, hour: 10, minutes: 120, coach: 'Me Aminata Sow', type: 'legal', title: 'Immatriculation du GIE et règlement intérieur', project: 'Fours de fumage améliorés', notes: 'Le GIE fonctionne sans règlement intérieur ; la présidente tient seule la caisse.', decisions: 'Adopter un règlement intérieur et ouvrir un compte à la mutuelle d’épargne.', items: [{ description: 'Déposer le dossier d’immatriculation au greffe', owner: 'Présidente du GIE', dueInDays: -3 }, { description: 'Ouvrir un compte à la mutuelle d’épargne et de crédit', owner: 'Trésorière', dueInDays: 10 }] },
  { week: -1, weekday: 2, hour: 9, minutes: 180, coach: 'Fatou Diop', type: 'managerial_accounting', title: 'Atelier : cahier de caisse et calcul de la marge' },
  { week: -1, weekday: 4, hour: 15, minutes: 90, coach: 'Ibrahima Fall', type: 'digital', title: 'Mobile money pour les ventes et la collecte', project: 'Collecte et tri des plastiques', notes: 'Les collecteurs sont payés en espèces sans reçu ; proposer Wave ou Orange Money.', items: [{ description: 'Ouvrir un compte marchand de paiement mobile', owner: 'Coordinateur du collectif', dueInDays: 7 }] },
  { week: 0, weekday: 3, hour: 10, minutes: 120, coach: 'Me Aminata Sow', type: 'legal', title: 'Du groupement informel à la coopérative', project: 'Collecte et tri des plastiques' },
  { week: 1, weekday: 2, hour: 9, minutes: 180, coach: 'Ibrahima Fall', type: 'marketing', title: 'Atelier : vendre aux hôtels et aux supermarchés' },
  { week: 2, weekday: 3, hour: 10, minutes: 90, coach: 'Fatou Diop', type: 'managerial_accounting', title: 'Coût de revient du poisson fumé', project: 'Fours de fumage améliorés' },
  { week: 4, weekday: 2, hour: 9, minutes: 240, coach: 'Fatou Diop', type: 'mentoring', title: 'Atelier : préparer le passage en comité de financement' },
];

const COACHES = [
  { email: 'coach@essor.demo', kind: 'staff', name: 'Fatou Diop', profession: 'mentor', specialties: ['mentoring', 'managerial_accounting'], languages: ['fr', 'wo', 'en'], availability: [1, 2, 3, 4].map((weekday) => ({ weekday, from: '09:00', to: '17:00' })) },
  { email: 'staff@essor.demo', kind: 'staff', name: 'Marc Tremblay', profession: 'trainer', specialties: ['marketing', 'digital'], languages: ['fr', 'en'], availability: [{ weekday: 2, from: '09:00', to: '12:00' }, { weekday: 4, from: '09:00', to: '12:00' }] },
  { kind: 'external', name: 'Me Sophie Lavoie', profession: 'lawyer', firm: 'Lavoie Avocats, droit coopératif', email: 'slavoie@lavoie-avocats.example', specialties: ['legal'], languages: ['fr', 'en'], rate: 12_000, currency: 'CAD', availability: [{ weekday: 2, from: '13:00', to: '17:00' }, { weekday: 3, from: '13:00', to: '17:00' }, { weekday: 4, from: '13:00', to: '17:00' }] },
  { kind: 'external', name: 'Jean-François Bélanger', profession: 'accountant', firm: 'Bélanger CPA', email: 'jf@belanger-cpa.example', specialties: ['managerial_accounting'], languages: ['fr'], rate: 9_500, currency: 'CAD', availability: [{ weekday: 2, from: '13:00', to: '17:00' }, { weekday: 3, from: '13:00', to: '17:00' }] },
  { kind: 'external', name: 'Me Aminata Sow', profession: 'lawyer', firm: 'Cabinet Sow & Associés', email: 'asow@cabinet-sow.example', specialties: ['legal'], languages: ['fr', 'wo'], rate: 25_000, currency: 'XOF', availability: [{ weekday: 3, from: '09:00', to: '13:00' }] },
  { kind: 'external', name: 'Ibrahima Fall', profession: 'trainer', firm: 'Dakar Digital Solidaire', email: 'ifall@dds.example', specialties: ['digital', 'marketing'], languages: ['fr', 'wo'], rate: 15_000, currency: 'XOF', availability: [{ weekday: 2, from: '09:00', to: '18:00' }, { weekday: 4, from: '14:00', to: '18:00' }] },
] as const;

/** Local experts belong to their city's structures; the network's own coaches serve every structure below it. */
const COACH_STRUCTURE: Record<string, string> = {
  'Me Sophie Lavoie': DEMO_STRUCTURES.montreal,
  'Jean-François Bélanger': DEMO_STRUCTURES.montreal,
  'Me Aminata Sow': DEMO_STRUCTURES.dakar,
  'Ibrahima Fall': DEMO_STRUCTURES.dakar,
};

const PLAN_BUDGETS: Record<string, { objectives: string; budgets: [SupportType, number][] }> = {
  'Serre communautaire quatre saisons': { objectives: 'Rentabiliser la production d’hiver et ouvrir la coopérative à des membres de soutien.', budgets: [['legal', 6], ['managerial_accounting', 12], ['mentoring', 15], ['marketing', 6], ['digital', 6]] },
  'Ouverture de 30 places en garderie coopérative': { objectives: 'Ouvrir 30 places en janvier avec un budget de caisse tenu sur 18 mois.', budgets: [['legal', 8], ['managerial_accounting', 10], ['mentoring', 12], ['marketing', 6], ['digital', 6]] },
  'Atelier de réparation et boutique solidaire': { objectives: 'Sécuriser le local et préparer l’emprunt pour l’équipement de l’atelier.', budgets: [['legal', 8], ['managerial_accounting', 6], ['mentoring', 12], ['marketing', 6], ['digital', 6]] },
  'Fours de fumage améliorés': { objectives: 'Immatriculer le GIE, tenir une caisse commune et préparer le dossier d’équipement.', budgets: [['legal', 6], ['managerial_accounting', 12], ['mentoring', 15], ['marketing', 6], ['digital', 4]] },
  'Collecte et tri des plastiques': { objectives: 'Passer du collectif informel à une coopérative et payer les collecteurs sans espèces.', budgets: [['legal', 8], ['managerial_accounting', 8], ['mentoring', 12], ['marketing', 6], ['digital', 6]] },
};

const MILESTONES: { project: string; kind: string; title: string; dueInDays: number; status?: string; evidence?: string; reachedInDays?: number }[] = [
  { project: 'Serre communautaire quatre saisons', kind: 'legal_registration', title: 'Règlements révisés adoptés en assemblée', dueInDays: -15 },
  { project: 'Serre communautaire quatre saisons', kind: 'first_sale', title: 'Premier contrat avec un restaurant du quartier', dueInDays: 45 },
  { project: 'Serre communautaire quatre saisons', kind: 'co_financing', title: 'Cofinancement de la deuxième serre obtenu', dueInDays: 120 },
  { project: 'Ouverture de 30 places en garderie coopérative', kind: 'first_hire', title: 'Deux éducatrices qualifiées embauchées', dueInDays: -5 },
  { project: 'Ouverture de 30 places en garderie coopérative', kind: 'legal_registration', title: 'Permis du ministère de la Famille', dueInDays: -40, status: 'reached', evidence: 'Permis no 4-2026-0113', reachedInDays: -45 },
  { project: 'Atelier de réparation et boutique solidaire', kind: 'equipment_installed', title: 'Atelier équipé et ouvert au public', dueInDays: 60 },
  { project: 'Fours de fumage améliorés', kind: 'legal_registration', title: 'GIE immatriculé au registre du commerce', dueInDays: -2 },
  { project: 'Fours de fumage améliorés', kind: 'equipment_installed', title: 'Quatre fours améliorés en service', dueInDays: 90 },
  { project: 'Collecte et tri des plastiques', kind: 'first_sale', title: 'Premier lot vendu à un recycleur agréé', dueInDays: -20, status: 'reached', evidence: 'Facture SOCOCIM no 2026-882, 1,2 t', reachedInDays: -25 },
  { project: 'Collecte et tri des plastiques', kind: 'legal_registration', title: 'Coopérative constituée', dueInDays: 75 },
];

const VISITS: { project: string; daysAgo: number; visitor: string; rating: 'green' | 'amber' | 'red'; findings: string; recommendations: string; nextInDays: number | null }[] = [
  { project: 'Serre communautaire quatre saisons', daysAgo: 60, visitor: 'Julien Gagnon', rating: 'green', findings: 'Production conforme au plan ; 140 paniers par semaine ; trésorerie suffisante jusqu’au printemps.', recommendations: 'Suivre le coût du chauffage mensuellement.', nextInDays: 30 },
  { project: 'Serre communautaire quatre saisons', daysAgo: 12, visitor: 'Julien Gagnon', rating: 'amber', findings: 'Facture de gaz de novembre 40 % au-dessus du budget ; hausse du prix des paniers votée mais pas encore appliquée.', recommendations: 'Appliquer le nouveau prix et demander une soumission pour l’isolation.', nextInDays: 45 },
  { project: 'Atelier de réparation et boutique solidaire', daysAgo: 35, visitor: 'Marc Tremblay', rating: 'amber', findings: 'Le bail n’est pas signé ; l’équipement acheté est stocké chez un bénévole.', recommendations: 'Conclure le bail avant tout nouveau décaissement.', nextInDays: 30 },
  { project: 'Fours de fumage améliorés', daysAgo: 50, visitor: 'Fatou Diop', rating: 'green', findings: 'Deux fours construits, 15 transformatrices formées à leur usage.', recommendations: 'Tenir le cahier de caisse chaque jour de marché.', nextInDays: 40 },
  { project: 'Collecte et tri des plastiques', daysAgo: 70, visitor: 'Fatou Diop', rating: 'amber', findings: 'Volumes collectés en baisse pendant l’hivernage.', recommendations: 'Trouver un abri pour le stock de plastique trié.', nextInDays: 30 },
  { project: 'Collecte et tri des plastiques', daysAgo: 9, visitor: 'Fatou Diop', rating: 'red', findings: 'La presse à balles financée est en panne depuis trois semaines ; deux collecteurs ont quitté le collectif ; aucune vente ce mois-ci.', recommendations: 'Réparer la presse sous huitaine, réunir les membres et revoir le plan de trésorerie avec le fonds.', nextInDays: 14 },
];

export async function seedCoaching(db: Db): Promise<void> {
  const [{ n }] = await db.select({ n: count() }).from(coaches);
  if (n > 0) return;
  // Seeds act with staff rights everywhere, through the same services (and rules) as the admin.
  const seeder = await systemUser(db, { id: '00000000-0000-0000-0000-000000000000', email: 'system', name: 'Équipe Essor' });

  const accounts = await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, ['coach@essor.demo', 'staff@essor.demo']));
  const coachIds = new Map<string, string>();
  for (const c of COACHES) {
    const coach = await createCoach(db, SYSTEM_ACTOR, COACH_STRUCTURE[c.name] ?? ROOT_STRUCTURE_ID, {
      kind: c.kind,
      userId: 'email' in c && c.kind === 'staff' ? (accounts.find((a) => a.email === c.email)?.id ?? null) : null,
      name: c.name,
      email: c.kind === 'external' ? c.email : null,
      profession: c.profession,
      firm: 'firm' in c ? c.firm : null,
      specialties: [...c.specialties],
      languages: [...c.languages],
      hourlyRateMinor: 'rate' in c ? c.rate : null,
      currency: 'currency' in c ? c.currency : null,
      weeklyAvailability: c.availability.map((a) => ({ ...a })),
    });
    coachIds.set(c.name, coach.id);
  }

  const cohortRows = await db
    .select({ id: cohorts.id, code: programmes.code })
    .from(cohorts)
    .innerJoin(programmes, eq(programmes.id, cohorts.programmeId))
    .where(inArray(programmes.code, ['MTL-TRANSFO', 'DKR-INCUB']));
  const projectRows = await db
    .select({ id: projects.id, title: projects.title, structureId: projects.structureId, cohortId: cohortMembers.cohortId })
    .from(projects)
    .innerJoin(cohortMembers, eq(cohortMembers.projectId, projects.id));
  const projectOf = (title: string) => {
    const found = projectRows.find((p) => p.title === title);
    if (!found) throw new Error(`demo project missing: ${title}`);
    return found;
  };
  const projectId = (title: string) => projectOf(title).id;

  for (const cohort of cohortRows) {
    for (const p of projectRows.filter((row) => row.cohortId === cohort.id)) {
      const plan = PLAN_BUDGETS[p.title];
      if (!plan) continue;
      await savePlan(db, SYSTEM_ACTOR, {
        cohortId: cohort.id,
        projectId: p.id,
        objectives: plan.objectives,
        budgets: plan.budgets.map(([supportType, hours]) => ({ supportType, budgetMinutes: hours * 60 })),
      });
    }
    const season = cohort.code === 'MTL-TRANSFO' ? { sessions: MTL_SEASON, offset: -5, place: MTL_PLACE } : { sessions: DKR_SEASON, offset: 0, place: DKR_PLACE };
    for (const s of season.sessions) {
      const startsAt = slot(s.week, s.weekday, s.hour, season.offset);
      const held = startsAt.getTime() + s.minutes * 60_000 < Date.now();
      await createSession(db, SYSTEM_ACTOR, seeder, {
        cohortId: cohort.id,
        format: s.project ? 'individual' : 'group',
        projectId: s.project ? projectId(s.project) : null,
        supportType: s.type,
        title: s.title,
        startsAt: startsAt.toISOString(),
        durationMinutes: s.minutes,
        mode: s.remote ? 'remote' : 'on_site',
        place: s.remote ? 'Visioconférence' : season.place,
        coachId: coachIds.get(s.coach)!,
        status: held ? 'held' : 'scheduled',
        notes: s.notes ?? '',
        decisions: s.decisions ?? '',
        actionItems: (s.items ?? []).map((item) => ({
          projectId: s.project ? projectId(s.project) : projectId(item.project!),
          description: item.description,
          owner: item.owner,
          dueOn: isoDay(item.dueInDays),
        })),
      });
    }
  }

  for (const m of MILESTONES) {
    const [row] = await db
      .insert(milestones)
      .values({
        structureId: projectOf(m.project).structureId,
        projectId: projectId(m.project),
        kind: m.kind,
        title: m.title,
        dueOn: isoDay(m.dueInDays),
        status: m.status ?? 'planned',
        evidence: m.evidence ?? null,
        reachedOn: m.reachedInDays === undefined ? null : isoDay(m.reachedInDays),
      })
      .returning();
    await recordAudit(db, SYSTEM_ACTOR, { action: 'milestone.seed', entity: 'milestone', entityId: row.id, after: row });
  }

  for (const v of VISITS) {
    await createVisit(db, SYSTEM_ACTOR, { ...seeder, name: v.visitor }, {
      projectId: projectId(v.project),
      visitedOn: isoDay(-v.daysAgo),
      visitorName: v.visitor,
      findings: v.findings,
      riskRating: v.rating,
      recommendations: v.recommendations,
      nextVisitOn: v.nextInDays === null ? null : isoDay(-v.daysAgo + v.nextInDays),
    });
  }
}
