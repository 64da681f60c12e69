import type { ApplicationStatus } from '@essor/shared/applications';
import type { GridCriterion } from '@essor/shared/programmes';
import type { LegalForm, ProjectNeed } from '@essor/shared/projects';
import { count, eq, inArray } from 'drizzle-orm';
import type { Db } from '../api/src/db/client';
import { applicationEvents, applicationMessages, applications, screeningResults } from '../api/src/db/schema/applications';
import { users } from '../api/src/db/schema/auth';
import { committeeAgenda, committeeConflicts, committeeDecisions, committeeMembers, committeeScorecards, committeeSessions } from '../api/src/db/schema/committee';
import { cohorts, programmes } from '../api/src/db/schema/programmes';
import { cohortMembers, organisations, projects } from '../api/src/db/schema/projects';
import { recordAudit, SYSTEM_ACTOR } from '../api/src/lib/audit';
import { averageScore } from '../api/src/modules/committee/scoring';
import { seedAccounts, type SeedAccount } from './platform';

/** People the intake demo needs besides the platform's accounts: more committee members (on the top node) and applicants. */
const INTAKE_ACCOUNTS: SeedAccount[] = [
  { email: 'committee2@essor.demo', name: 'Ousmane Sarr', roles: ['committee_member'], locale: 'fr' },
  { email: 'committee3@essor.demo', name: 'Hélène Bouchard', roles: ['committee_member'], locale: 'fr' },
  { email: 'porteur.mtl@essor.demo', name: 'Émilie Roy', roles: ['project_holder'], locale: 'fr' },
  { email: 'porteur.indh@essor.demo', name: 'Youssef Alaoui', roles: ['project_holder'], locale: 'fr' },
  { email: 'porteur.dkr@essor.demo', name: 'Aminata Ndiaye', roles: ['project_holder'], locale: 'fr' },
];

interface DemoApplication {
  programme: 'MTL-TRANSFO' | 'INDH-JEUNES' | 'DKR-INCUB';
  holder: string;
  org: string;
  legalForm: LegalForm;
  targetLegalForm?: LegalForm;
  sector: string;
  district: string;
  territory: string;
  founders: [number, number, number];
  title: string;
  description: string;
  needs: ProjectNeed[];
  budget: number;
  currency: string;
  /** The statuses it went through after draft, with the reason of the last when it needs one. */
  path: ApplicationStatus[];
  reason?: string;
  /** Criterion keys found not met at screening, with why. */
  failed?: Record<string, string>;
  message?: string;
  /** Scores by committee@ and committee2@ (criterion order of the programme's grid). */
  scores?: [number[], number[] | null];
  /** A conflict of interest declared by committee3@ (who sits on the Montréal committee only). */
  conflict?: string;
  session?: 'mtl' | 'indh';
}

const APPLICATIONS: DemoApplication[] = [
  // Montréal: business-model transformation
  { programme: 'MTL-TRANSFO', holder: 'holder@essor.demo', org: 'Coopérative Les Jardins du Sud', legalForm: 'cooperative', sector: 'agriculture urbaine', district: 'Le Sud-Ouest', territory: 'Montréal', founders: [6, 4, 2], title: 'Paniers bio en abonnement pour les CPE', description: 'Livrer chaque semaine des paniers de légumes de la serre aux centres de la petite enfance du quartier.', needs: ['coaching', 'co_financing'], budget: 9_500_000, currency: 'CAD', path: [] },
  { programme: 'MTL-TRANSFO', holder: 'porteur.mtl@essor.demo', org: 'Café coopératif La Fabrique', legalForm: 'cooperative', sector: 'restauration', district: 'Rosemont–La Petite-Patrie', territory: 'Montréal', founders: [5, 3, 3], title: 'Passage au modèle de coopérative de solidarité', description: 'Ouvrir le sociétariat aux usagers et aux producteurs locaux pour financer la cuisine de production.', needs: ['coaching', 'co_financing', 'community_bonds'], budget: 18_000_000, currency: 'CAD', path: ['submitted'], message: 'Merci pour votre dépôt : nous vous contacterons pour la vérification d’admissibilité.' },
  { programme: 'MTL-TRANSFO', holder: 'porteur.mtl@essor.demo', org: 'Atelier vélo Cyclo-Nord', legalForm: 'non_profit', sector: 'mobilité', district: 'Ahuntsic-Cartierville', territory: 'Montréal', founders: [4, 1, 3], title: 'Atelier de réparation et location de vélos cargos', description: 'Diversifier les revenus de l’atelier par la location de vélos cargos aux commerces.', needs: ['coaching', 'equipment'], budget: 6_500_000, currency: 'CAD', path: ['submitted', 'screening'] },
  { programme: 'MTL-TRANSFO', holder: 'porteur.mtl@essor.demo', org: 'Coopérative d’habitation Les Tisserands', legalForm: 'cooperative', sector: 'habitation', district: 'Verdun', territory: 'Montréal', founders: [12, 7, 2], title: 'Local commercial coopératif au rez-de-chaussée', description: 'Transformer le rez-de-chaussée en épicerie de proximité gérée par les membres.', needs: ['co_financing', 'guarantee'], budget: 35_000_000, currency: 'CAD', path: ['submitted', 'screening', 'committee'], scores: [[4, 3, 5, 4, 3], null], session: 'mtl' },
  { programme: 'MTL-TRANSFO', holder: 'porteur.mtl@essor.demo', org: 'Friperie solidaire Le Retour', legalForm: 'non_profit', sector: 'réemploi', district: 'Plateau-Mont-Royal', territory: 'Montréal', founders: [7, 5, 4], title: 'Boutique en ligne de vêtements de seconde main', description: 'Vendre en ligne les vêtements triés par les personnes en insertion.', needs: ['coaching', 'equipment'], budget: 7_200_000, currency: 'CAD', path: ['submitted', 'screening', 'committee'], session: 'mtl' },
  { programme: 'MTL-TRANSFO', holder: 'porteur.mtl@essor.demo', org: 'Coopérative de travail Imprimerie Solidaire', legalForm: 'cooperative', sector: 'imprimerie', district: 'Mercier–Hochelaga-Maisonneuve', territory: 'Montréal', founders: [8, 3, 2], title: 'Passage à l’impression écoresponsable', description: 'Remplacer les presses offset par des presses à encres végétales et former l’équipe.', needs: ['co_financing', 'equipment'], budget: 24_000_000, currency: 'CAD', path: ['submitted', 'screening', 'committee', 'accepted'], reason: 'Transformation structurante, modèle coopératif solide et marché institutionnel identifié.', scores: [[5, 4, 5, 4, 5], [4, 4, 5, 3, 5]], session: 'mtl' },
  { programme: 'MTL-TRANSFO', holder: 'porteur.mtl@essor.demo', org: 'Mutuelle culturelle Scène Ouverte', legalForm: 'mutual', sector: 'culture', district: 'Ville-Marie', territory: 'Montréal', founders: [10, 6, 5], title: 'Billetterie mutualisée des petites salles', description: 'Mutualiser une billetterie et une base de données de publics entre douze salles.', needs: ['coaching', 'co_financing'], budget: 12_000_000, currency: 'CAD', path: ['submitted', 'screening', 'committee', 'waitlisted'], reason: 'Projet pertinent ; l’enveloppe de l’automne est engagée, à reprendre si une place se libère.', scores: [[4, 3, 4, 3, 2], [3, 3, 4, 4, 2]], conflict: 'Membre du conseil d’une salle partenaire', session: 'mtl' },
  { programme: 'MTL-TRANSFO', holder: 'porteur.mtl@essor.demo', org: 'Traiteur Saveurs du Monde inc.', legalForm: 'social_enterprise', sector: 'restauration', district: 'Laval', territory: 'Laval', founders: [2, 1, 0], title: 'Cuisine centrale pour traiteur', description: 'Ouvrir une cuisine centrale pour les commandes d’entreprises.', needs: ['co_financing'], budget: 30_000_000, currency: 'CAD', path: ['submitted', 'screening', 'rejected'], reason: 'Siège hors de Montréal et gouvernance non démocratique : critères d’admissibilité non remplis.', failed: { territory: 'Siège social à Laval', governance: 'Deux actionnaires, pas d’assemblée des membres' } },
  { programme: 'MTL-TRANSFO', holder: 'porteur.mtl@essor.demo', org: 'Collectif Agora', legalForm: 'informal_group', targetLegalForm: 'cooperative', sector: 'services numériques', district: 'Saint-Laurent', territory: 'Montréal', founders: [4, 2, 4], title: 'Plateforme coopérative de traduction', description: 'Réunir des traductrices indépendantes dans une plateforme détenue par ses membres.', needs: ['coaching'], budget: 4_000_000, currency: 'CAD', path: ['submitted', 'withdrawn'], reason: 'Nous préférons d’abord nous constituer en coopérative et déposer au prochain appel.' },
  // INDH: youth income programme, province of Chefchaouen
  { programme: 'INDH-JEUNES', holder: 'porteur.indh@essor.demo', org: 'Coopérative Jbala Miel', legalForm: 'cooperative', sector: 'apiculture', district: 'Bab Berred', territory: 'Chefchaouen', founders: [8, 3, 8], title: 'Miellerie collective et label de montagne', description: 'Équiper une miellerie commune et commercialiser sous un label de montagne.', needs: ['co_financing', 'equipment'], budget: 42_000_000, currency: 'MAD', path: ['submitted', 'screening'] },
  { programme: 'INDH-JEUNES', holder: 'porteur.indh@essor.demo', org: 'Association Rif Numérique', legalForm: 'association', sector: 'services numériques', district: 'Chefchaouen ville', territory: 'Chefchaouen', founders: [6, 3, 6], title: 'Atelier de réparation de téléphones', description: 'Former des jeunes à la réparation et ouvrir un atelier de quartier.', needs: ['coaching', 'equipment'], budget: 15_000_000, currency: 'MAD', path: ['submitted', 'screening', 'committee'], session: 'indh' },
  { programme: 'INDH-JEUNES', holder: 'porteur.indh@essor.demo', org: 'Coopérative Tissage Akchour', legalForm: 'cooperative', sector: 'artisanat', district: 'Talambote', territory: 'Chefchaouen', founders: [9, 9, 6], title: 'Tissage de laine et vente aux riads', description: 'Produire des couvertures en laine locale pour les maisons d’hôtes de la région.', needs: ['coaching', 'co_financing'], budget: 28_000_000, currency: 'MAD', path: ['submitted', 'screening', 'committee', 'accepted'], reason: 'Revenus réguliers pour neuf jeunes femmes et débouchés assurés auprès des maisons d’hôtes.', scores: [[8, 9, 7, 7], [9, 8, 8, 6]], session: 'indh' },
  { programme: 'INDH-JEUNES', holder: 'porteur.indh@essor.demo', org: 'GIE Fromagers de Tanaqob', legalForm: 'economic_interest_group', sector: 'agroalimentaire', district: 'Tanaqob', territory: 'Chefchaouen', founders: [5, 2, 4], title: 'Fromagerie de chèvre', description: 'Transformer le lait de chèvre des éleveurs du douar en fromages frais.', needs: ['co_financing', 'equipment', 'guarantee'], budget: 55_000_000, currency: 'MAD', path: ['submitted', 'screening', 'committee', 'rejected'], reason: 'Étude de marché insuffisante et besoin de financement au-delà du plafond par projet.', scores: [[4, 5, 6, 3], [3, 5, 5, 2]], session: 'indh' },
  { programme: 'INDH-JEUNES', holder: 'porteur.indh@essor.demo', org: 'Coopérative Argan Oued Laou', legalForm: 'cooperative', sector: 'agroalimentaire', district: 'Oued Laou', territory: 'Tétouan', founders: [7, 7, 2], title: 'Extraction mécanisée d’huile d’argan', description: 'Mécaniser l’extraction pour la coopérative.', needs: ['equipment'], budget: 38_000_000, currency: 'MAD', path: ['submitted', 'screening', 'rejected'], reason: 'Projet hors de la province et porteuses majoritairement au-delà de 35 ans.', failed: { territory: 'Implanté dans la province de Tétouan', youth: 'Cinq porteuses sur sept ont plus de 35 ans' } },
  // Dakar: the city's SSE incubator call
  { programme: 'DKR-INCUB', holder: 'porteur.dkr@essor.demo', org: 'Groupement des femmes de Yoff', legalForm: 'economic_interest_group', sector: 'transformation céréalière', district: 'Yoff', territory: 'Dakar', founders: [20, 20, 8], title: 'Unité de transformation de mil', description: 'Moudre et conditionner le mil pour les boutiques du quartier.', needs: ['coaching', 'equipment'], budget: 4_500_000, currency: 'XOF', path: [] },
  { programme: 'DKR-INCUB', holder: 'porteur.dkr@essor.demo', org: 'Coopérative des tailleurs de Colobane', legalForm: 'cooperative', sector: 'confection', district: 'Colobane', territory: 'Dakar', founders: [12, 5, 7], title: 'Atelier partagé de confection', description: 'Acheter en commun les machines et le tissu pour répondre aux commandes d’uniformes.', needs: ['coaching', 'equipment', 'guarantee'], budget: 8_000_000, currency: 'XOF', path: ['submitted'] },
  { programme: 'DKR-INCUB', holder: 'porteur.dkr@essor.demo', org: 'Association Jeunesse Verte de Pikine', legalForm: 'association', sector: 'gestion des déchets', district: 'Pikine', territory: 'Dakar', founders: [9, 4, 9], title: 'Compostage des déchets du marché', description: 'Collecter les déchets organiques du marché et vendre le compost aux maraîchers.', needs: ['coaching', 'equipment'], budget: 3_500_000, currency: 'XOF', path: ['submitted', 'screening'], message: 'Pouvez-vous nous transmettre la liste des membres de l’association ?' },
  { programme: 'DKR-INCUB', holder: 'porteur.dkr@essor.demo', org: 'Collectif des pêcheurs de Soumbédioune', legalForm: 'informal_group', targetLegalForm: 'economic_interest_group', sector: 'pêche artisanale', district: 'Médina', territory: 'Dakar', founders: [14, 6, 8], title: 'Caisse de glace mutualisée', description: 'Installer une fabrique de glace pour conserver les prises.', needs: ['co_financing', 'equipment'], budget: 12_000_000, currency: 'XOF', path: ['submitted', 'screening', 'committee'] },
  { programme: 'DKR-INCUB', holder: 'porteur.dkr@essor.demo', org: 'Mutuelle de santé des commerçants de Sandaga', legalForm: 'mutual', sector: 'santé', district: 'Plateau', territory: 'Dakar', founders: [11, 6, 2], title: 'Extension de la mutuelle aux vendeuses ambulantes', description: 'Adapter les cotisations aux revenus journaliers.', needs: ['coaching'], budget: 2_000_000, currency: 'XOF', path: ['submitted', 'withdrawn'], reason: 'La mutuelle a obtenu un autre financement.' },
];

const DAY = 24 * 60 * 60 * 1000;

export async function seedIntake(db: Db): Promise<void> {
  await seedAccounts(db, INTAKE_ACCOUNTS);
  await db.transaction(async (tx) => {
    const [{ n }] = await tx.select({ n: count() }).from(applications);
    if (n > 0) return;
    const people = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(inArray(users.email, ['staff@essor.demo', 'committee@essor.demo', 'holder@essor.demo', ...INTAKE_ACCOUNTS.map((a) => a.email)]));
    const idOf = (email: string) => people.find((p) => p.email === email)!.id;
    const staffId = idOf('staff@essor.demo');
    const members = [idOf('committee@essor.demo'), idOf('committee2@essor.demo')];

    const programmeRows = await tx.select().from(programmes);
    const programme = (code: string) => programmeRows.find((p) => p.code === code)!;
    const cohortRows = await tx.select().from(cohorts);
    const cohortOf = (programmeId: string) => cohortRows.find((c) => c.programmeId === programmeId)!;

    const sessions = {
      mtl: await openSession(tx, programme('MTL-TRANSFO'), 'Comité de sélection — automne 2026', '2026-11-26', 'open', staffId, [...members, idOf('committee3@essor.demo')]),
      indh: await openSession(tx, programme('INDH-JEUNES'), 'Comité provincial — session d’octobre 2026', '2026-10-22', 'closed', staffId, members),
    };

    const start = Date.now() - 60 * DAY;
    for (const [index, spec] of APPLICATIONS.entries()) {
      const p = programme(spec.programme);
      const holderId = idOf(spec.holder);
      const [org] = await tx
        .insert(organisations)
        .values({
          name: spec.org,
          legalForm: spec.legalForm,
          targetLegalForm: spec.targetLegalForm ?? null,
          sector: spec.sector,
          district: spec.district,
          territory: spec.territory,
          foundersCount: spec.founders[0],
          womenCount: spec.founders[1],
          youthCount: spec.founders[2],
          description: spec.description,
          ownerUserId: holderId,
        })
        .returning({ id: organisations.id });
      const accepted = spec.path.at(-1) === 'accepted';
      const [project] = await tx
        .insert(projects)
        .values({ structureId: p.structureId, organisationId: org.id, programmeId: p.id, title: spec.title, description: spec.description, needs: spec.needs, district: spec.district, totalBudgetMinor: spec.budget, currency: spec.currency, stage: accepted ? 'incubated' : 'applicant', holderUserId: holderId })
        .returning({ id: projects.id });
      let at = new Date(start + index * 2 * DAY);
      const [app] = await tx
        .insert(applications)
        .values({ structureId: p.structureId, programmeId: p.id, projectId: project.id, holderUserId: holderId, createdAt: at, updatedAt: at })
        .returning({ id: applications.id });
      await tx.insert(applicationEvents).values({ applicationId: app.id, fromStatus: null, toStatus: 'draft', actorId: holderId, at });
      let from: ApplicationStatus = 'draft';
      const criteria = p.eligibilityCriteria as { key: string }[];
      for (const [step, to] of spec.path.entries()) {
        at = new Date(at.getTime() + 3 * DAY);
        const last = step === spec.path.length - 1;
        const actor = to === 'submitted' || to === 'withdrawn' ? holderId : staffId;
        if (from === 'screening') {
          await tx.insert(screeningResults).values(
            criteria.map((c) => ({ applicationId: app.id, criterionKey: c.key, passed: !spec.failed?.[c.key], reason: spec.failed?.[c.key] ?? null, checkedBy: staffId, checkedAt: at })),
          );
        }
        await tx.insert(applicationEvents).values({ applicationId: app.id, fromStatus: from, toStatus: to, actorId: actor, reason: last ? (spec.reason ?? null) : null, at });
        from = to;
      }
      if (from === 'screening' && spec.programme !== 'DKR-INCUB') {
        // Half-way through the checklist: the first criterion checked, the rest still to do.
        await tx.insert(screeningResults).values({ applicationId: app.id, criterionKey: criteria[0].key, passed: true, checkedBy: staffId, checkedAt: at });
      }
      const decided = from === 'accepted' || from === 'rejected' || from === 'waitlisted';
      await tx
        .update(applications)
        .set({ status: from, submittedAt: spec.path.length ? new Date(start + index * 2 * DAY + 3 * DAY) : null, decidedAt: decided ? at : null, updatedAt: at })
        .where(eq(applications.id, app.id));
      if (spec.message) await tx.insert(applicationMessages).values({ applicationId: app.id, authorId: staffId, audience: 'holder', body: spec.message, at });
      if (spec.session) {
        const session = sessions[spec.session];
        await tx.insert(committeeAgenda).values({ sessionId: session.id, applicationId: app.id });
        const cards: Record<string, number>[] = [];
        for (const [m, scores] of (spec.scores ?? [null, null]).entries()) {
          if (!scores) continue;
          const card = Object.fromEntries(session.grid.map((c, i) => [c.key, scores[i]]));
          cards.push(card);
          await tx.insert(committeeScorecards).values({ sessionId: session.id, applicationId: app.id, userId: members[m], scores: card, submittedAt: at });
        }
        if (spec.conflict) {
          await tx.insert(committeeConflicts).values({ sessionId: session.id, applicationId: app.id, userId: idOf('committee3@essor.demo'), reason: spec.conflict, declaredAt: at });
        }
        if (decided) {
          const cohort = accepted ? cohortOf(p.id) : null;
          await tx.insert(committeeDecisions).values({
            sessionId: session.id,
            applicationId: app.id,
            decision: from,
            reasons: spec.reason ?? '',
            averageScoreBasisPoints: Math.round((averageScore(session.grid, cards) ?? 0) * 100),
            scorecardCount: cards.length,
            cohortId: cohort?.id ?? null,
            decidedBy: staffId,
            decidedAt: at,
          });
          if (cohort) await tx.insert(cohortMembers).values({ cohortId: cohort.id, programmeId: cohort.programmeId, projectId: project.id, joinedAt: at });
        }
      }
      await recordAudit(tx, SYSTEM_ACTOR, { action: 'application.seed', entity: 'application', entityId: app.id, after: { programme: spec.programme, status: from } });
    }
  });
}

async function openSession(tx: Db, programme: typeof programmes.$inferSelect, title: string, heldOn: string, status: 'open' | 'closed', staffId: string, members: string[]) {
  const grid = programme.scoringGrid as GridCriterion[];
  const [session] = await tx.insert(committeeSessions).values({ structureId: programme.structureId, programmeId: programme.id, title, heldOn, quorum: 2, grid, status, createdBy: staffId }).returning({ id: committeeSessions.id });
  await tx.insert(committeeMembers).values(members.map((userId) => ({ sessionId: session.id, userId })));
  return { id: session.id, grid };
}
