import type { CreateIndicatorInput, FigureKind } from '@essor/shared/impact';
import type { Role } from '@essor/shared/roles';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../api/src/db/client';
import { users } from '../api/src/db/schema/auth';
import { impactIndicators } from '../api/src/db/schema/impact';
import { projects } from '../api/src/db/schema/projects';
import type { Actor } from '../api/src/lib/audit';
import type { CurrentUser } from '../api/src/lib/context';
import { loadReach } from '../api/src/lib/scope';
import { createIndicator } from '../api/src/modules/impact/catalogue';
import { enterFigure } from '../api/src/modules/impact/project-figures';
import { DEMO_STRUCTURES } from './structures';

/** Two structures' own indicators, so both sides of the structure isolation test hold some. */
export const DEMO_OWN_INDICATORS: { by: string; input: CreateIndicatorInput }[] = [
  {
    by: 'ville.mtl@essor.demo',
    input: {
      structureId: DEMO_STRUCTURES.montreal,
      code: 'childcare_places',
      nameFr: 'Places en garderie ouvertes',
      nameEn: 'Childcare places open',
      definitionFr: 'Places de garde à contribution réduite ouvertes à la fin de la période.',
      definitionEn: 'Reduced-contribution childcare places open at the end of the period.',
      unit: 'count',
      category: 'social',
      aggregation: 'latest',
      sdgTargets: ['4.2', '5.4'],
    },
  },
  {
    by: 'staff.dkr@essor.demo',
    input: {
      structureId: DEMO_STRUCTURES.dakar,
      code: 'fish_smoked_tonnes',
      nameFr: 'Poisson fumé transformé',
      nameEn: 'Fish smoked',
      definitionFr: 'Tonnes de poisson fumé dans les fours améliorés pendant la période.',
      definitionEn: 'Tonnes of fish smoked in the improved ovens during the period.',
      unit: 'tonnes',
      category: 'economy',
      aggregation: 'sum',
      sdgTargets: ['14.b', '8.3'],
    },
  },
];

export const SERRE = 'Serre communautaire quatre saisons';
export const LUCIOLES = 'Ouverture de 30 places en garderie coopérative';
export const RECYCLERIE = 'Atelier de réparation et boutique solidaire';
export const TIFAOUT = "Unité de valorisation de l'huile d'olive";
export const TISSAGE = 'Atelier de tissage et vente en ligne';
export const FOURS = 'Fours de fumage améliorés';
export const PLASTIQUES = 'Collecte et tri des plastiques';

const Y2024: [string, string] = ['2024-01-01', '2024-12-31'];
const Y2025: [string, string] = ['2025-01-01', '2025-12-31'];
const Y2026: [string, string] = ['2026-01-01', '2026-12-31'];
const H1_2025: [string, string] = ['2025-01-01', '2025-06-30'];
const H2_2025: [string, string] = ['2025-07-01', '2025-12-31'];
const H1_2026: [string, string] = ['2026-01-01', '2026-06-30'];

const MTL = 'staff.mtl@essor.demo';
const INDH = 'staff.indh@essor.demo';
const DKR = 'staff.dkr@essor.demo';

export interface DemoFigure {
  project: string;
  code: string;
  kind: FigureKind;
  period: [string, string];
  /** Exact decimal; money in minor units of the project's currency. */
  value: string;
  by: string;
  note?: string;
}

/** [kind, period, value] rows of one project and indicator, entered by one person. */
function rows(project: string, code: string, by: string, list: [FigureKind, [string, string], string][]): DemoFigure[] {
  return list.map(([kind, period, value]) => ({ project, code, kind, period, value, by }));
}

/**
 * Every demo figure, in the order entered. A later row of the same project, indicator, kind and period
 * end supersedes the earlier one (the last of the table is Dakar's correction). Tests recompute from here.
 */
export const DEMO_FIGURES: DemoFigure[] = [
  // Montréal: the four-season greenhouse (its holder enters the last half-year of people served)
  ...rows(SERRE, 'jobs_created_fte', MTL, [['baseline', Y2024, '0'], ['target', Y2025, '2'], ['target', Y2026, '4'], ['actual', H1_2025, '1'], ['actual', H2_2025, '2.5'], ['actual', H1_2026, '3']]),
  ...rows(SERRE, 'jobs_women', MTL, [['baseline', Y2024, '1'], ['target', Y2026, '3'], ['actual', H1_2025, '1'], ['actual', H2_2025, '2'], ['actual', H1_2026, '2']]),
  ...rows(SERRE, 'jobs_youth', MTL, [['target', Y2026, '2'], ['actual', H2_2025, '1'], ['actual', H1_2026, '2']]),
  ...rows(SERRE, 'people_served', MTL, [['baseline', Y2024, '120'], ['target', Y2025, '500'], ['target', Y2026, '700'], ['actual', H1_2025, '180'], ['actual', H2_2025, '260']]),
  { project: SERRE, code: 'people_served', kind: 'actual', period: H1_2026, value: '340', by: 'holder@essor.demo', note: 'Paniers livrés à 6 CPE' },
  ...rows(SERRE, 'revenue', MTL, [['baseline', Y2024, '2900000'], ['target', Y2025, '4000000'], ['target', Y2026, '6500000'], ['actual', H1_2025, '1850000'], ['actual', H2_2025, '2420000'], ['actual', H1_2026, '2960000']]),
  // Montréal: the cooperative daycare, with the city's own indicator
  ...rows(LUCIOLES, 'jobs_created_fte', MTL, [['target', Y2026, '8'], ['actual', H2_2025, '4'], ['actual', H1_2026, '6.5']]),
  ...rows(LUCIOLES, 'jobs_women', MTL, [['target', Y2026, '7'], ['actual', H2_2025, '4'], ['actual', H1_2026, '6']]),
  ...rows(LUCIOLES, 'childcare_places', MTL, [['baseline', Y2024, '0'], ['target', Y2026, '30'], ['actual', H2_2025, '12'], ['actual', H1_2026, '24']]),
  // Montréal: the repair shop and second-hand store
  ...rows(RECYCLERIE, 'jobs_created_fte', MTL, [['target', Y2026, '5'], ['actual', H1_2025, '2'], ['actual', H2_2025, '3'], ['actual', H1_2026, '3.5']]),
  ...rows(RECYCLERIE, 'people_served', MTL, [['target', Y2025, '1500'], ['actual', H1_2025, '640'], ['actual', H2_2025, '910'], ['actual', H1_2026, '1020']]),
  ...rows(RECYCLERIE, 'waste_diverted', MTL, [['baseline', Y2024, '18.5'], ['target', Y2025, '45'], ['target', Y2026, '60'], ['actual', H1_2025, '21.25'], ['actual', H2_2025, '26.75'], ['actual', H1_2026, '31.4']]),
  ...rows(RECYCLERIE, 'revenue', MTL, [['target', Y2025, '9000000'], ['actual', H1_2025, '4120000'], ['actual', H2_2025, '4870000']]),
  // Chefchaouen: the women's olive oil cooperative (MAD)
  ...rows(TIFAOUT, 'jobs_created_fte', INDH, [['baseline', Y2024, '0'], ['target', Y2026, '11'], ['actual', H1_2025, '6'], ['actual', H2_2025, '8'], ['actual', H1_2026, '9']]),
  ...rows(TIFAOUT, 'jobs_women', INDH, [['target', Y2026, '11'], ['actual', H1_2025, '6'], ['actual', H2_2025, '8'], ['actual', H1_2026, '9']]),
  ...rows(TIFAOUT, 'jobs_youth', INDH, [['target', Y2026, '6'], ['actual', H2_2025, '4'], ['actual', H1_2026, '5']]),
  ...rows(TIFAOUT, 'revenue', INDH, [['target', Y2025, '36000000'], ['actual', H1_2025, '14500000'], ['actual', H2_2025, '19800000'], ['actual', H1_2026, '21300000']]),
  // Chefchaouen: the young weavers
  ...rows(TISSAGE, 'jobs_youth', INDH, [['target', Y2026, '5'], ['actual', H1_2025, '3'], ['actual', H1_2026, '4']]),
  ...rows(TISSAGE, 'people_served', INDH, [['target', Y2026, '400'], ['actual', H2_2025, '150'], ['actual', H1_2026, '210']]),
  // Dakar: the women's fish-smoking GIE (XOF has no minor unit), with Dakar's own indicator
  ...rows(FOURS, 'jobs_created_fte', DKR, [['target', Y2026, '15'], ['actual', H1_2025, '9'], ['actual', H2_2025, '12'], ['actual', H1_2026, '14']]),
  ...rows(FOURS, 'jobs_women', DKR, [['target', Y2026, '15'], ['actual', H2_2025, '12'], ['actual', H1_2026, '14']]),
  ...rows(FOURS, 'fish_smoked_tonnes', DKR, [['baseline', Y2024, '30'], ['target', Y2025, '40'], ['target', Y2026, '50'], ['actual', H1_2025, '17.5'], ['actual', H2_2025, '14'], ['actual', H1_2026, '24.75']]),
  ...rows(FOURS, 'revenue', DKR, [['target', Y2025, '8000000'], ['actual', H1_2025, '3100000'], ['actual', H2_2025, '3650000']]),
  // Dakar: plastics collection
  ...rows(PLASTIQUES, 'jobs_youth', DKR, [['target', Y2026, '6'], ['actual', H2_2025, '4'], ['actual', H1_2026, '5']]),
  ...rows(PLASTIQUES, 'waste_diverted', DKR, [['target', Y2026, '80'], ['actual', H1_2025, '22'], ['actual', H2_2025, '31.5'], ['actual', H1_2026, '36']]),
  // A correction: the second half of 2025 was mis-added; the first row stays in the history, superseded.
  { project: FOURS, code: 'fish_smoked_tonnes', kind: 'actual', period: H2_2025, value: '16.5', by: DKR, note: 'Correction : registre des fumoirs recompté' },
];

/** The rows still current once every demo figure is entered (the last of each project, indicator, kind, period end). */
export function currentDemoFigures(): DemoFigure[] {
  const last = new Map<string, DemoFigure>();
  for (const f of DEMO_FIGURES) last.set(`${f.project}|${f.code}|${f.kind}|${f.period[1]}`, f);
  return [...last.values()];
}

/** The person as the services see them after sign-in: their public roles and the roles held in structures. */
async function personAs(db: Db, email: string): Promise<{ user: CurrentUser; actor: Actor }> {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  const { reach, memberships } = await loadReach(db, row.id);
  const roles = [...new Set([...(row.roles as Role[]), ...memberships.map((m) => m.role)])];
  const user: CurrentUser = { id: row.id, email: row.email, name: row.name, roles, locale: 'fr', memberships, reach, focus: null };
  return { user, actor: { id: row.id, email: row.email, requestId: null } };
}

/** The demo projects' baselines, targets and actuals, and two structures' own indicators, entered through the services. */
export async function seedImpact(db: Db): Promise<void> {
  const [done] = await db
    .select({ id: impactIndicators.id })
    .from(impactIndicators)
    .where(and(eq(impactIndicators.code, 'childcare_places'), eq(impactIndicators.structureId, DEMO_STRUCTURES.montreal)));
  if (done) return;
  const people = new Map<string, { user: CurrentUser; actor: Actor }>();
  const as = async (email: string) => {
    if (!people.has(email)) people.set(email, await personAs(db, email));
    return people.get(email)!;
  };
  for (const own of DEMO_OWN_INDICATORS) {
    const { user, actor } = await as(own.by);
    await createIndicator(db, actor, user, own.input);
  }
  const projectRows = await db.select({ id: projects.id, title: projects.title, structureId: projects.structureId, currency: projects.currency }).from(projects);
  const indicatorRows = await db.select({ id: impactIndicators.id, code: impactIndicators.code, structureId: impactIndicators.structureId, unit: impactIndicators.unit }).from(impactIndicators);
  for (const figure of DEMO_FIGURES) {
    const project = projectRows.find((p) => p.title === figure.project);
    if (!project) continue;
    const own = DEMO_OWN_INDICATORS.find((o) => o.input.code === figure.code);
    const indicator = indicatorRows.find((i) => i.code === figure.code && i.structureId === (own ? own.input.structureId : DEMO_STRUCTURES.network));
    if (!indicator) throw new Error(`demo indicator ${figure.code} is missing`);
    const { user, actor } = await as(figure.by);
    await enterFigure(db, actor, user, project.id, {
      indicatorId: indicator.id,
      kind: figure.kind,
      periodStart: figure.period[0],
      periodEnd: figure.period[1],
      value: figure.value,
      unit: indicator.unit as CreateIndicatorInput['unit'],
      currency: indicator.unit === 'money' ? project.currency as 'CAD' : null,
      note: figure.note ?? '',
    });
  }
}
