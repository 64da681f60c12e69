import { MIN_ORGANISATIONS, MIN_PEOPLE, OPEN_DATA_LICENCE, type OpenCatalogue, type OpenDataset, type OpenField } from '@essor/shared/open-data';

const f = (name: string, type: OpenField['type'], nullable: boolean, definitionFr: string, definitionEn: string): OpenField => ({ name, type, nullable, definitionFr, definitionEn });

const SUPPRESSED = f(
  'suppressed',
  'boolean',
  false,
  'Vrai quand les chiffres de la ligne sont masqués (secret statistique) : ils valent alors null, ou une cellule vide en CSV.',
  'True when the row’s figures are withheld (small-figure suppression): they are then null, or an empty cell in CSV.',
);
const DISTRICT = f('district', 'string', true, 'Nom du quartier, de l’arrondissement ou de la commune ; vide : hors des quartiers connus du territoire.', 'Name of the district, borough or commune; empty: outside the territory’s known districts.');

const DATASETS: OpenDataset[] = [
  {
    id: 'inventory',
    titleFr: 'Inventaire des acteurs de l’ESS',
    titleEn: 'Inventory of SSE actors',
    descriptionFr: 'Nombre d’organisations actives de l’économie sociale et solidaire et leurs emplois, par quartier, secteur et forme juridique. Agrégats seulement : aucun nom, aucune coordonnée.',
    descriptionEn: 'Number of active social and solidarity economy organisations and their employees, by district, sector and legal form. Aggregates only: no names, no contact details.',
    formats: ['csv', 'json'],
    path: '/api/open-data/{territoryId}/inventory.{format}',
    updateFrequency: 'continuous',
    fields: [
      DISTRICT,
      f('sector', 'string', false, 'Secteur d’activité (code).', 'Sector of activity (code).'),
      f('legal_form', 'string', false, 'Forme juridique (code : coopérative, association, OBNL, entreprise sociale…).', 'Legal form (code: cooperative, association, non-profit, social enterprise…).'),
      f('organisations', 'integer', true, 'Organisations actives de l’inventaire ; une organisation inscrite par deux structures du territoire compte une fois.', 'Active organisations of the inventory; one listed by two structures of the territory counts once.'),
      f('employees', 'integer', true, 'Salariés déclarés de ces organisations.', 'Employees declared by these organisations.'),
      SUPPRESSED,
    ],
  },
  {
    id: 'impact',
    titleFr: 'Impact des projets accompagnés',
    titleEn: 'Impact of supported projects',
    descriptionFr: 'Pour l’année : situation de départ, cible et réalisé de chaque indicateur du catalogue standard (emplois, emplois de femmes, de jeunes…), et montants versés aux projets par les fonds, par devise, par quartier et au total.',
    descriptionEn: 'For the year: baseline, target and actual of each indicator of the standard catalogue (jobs, jobs held by women, by young people…), and money disbursed to the projects by the funds, per currency, by district and in all.',
    formats: ['csv', 'json'],
    path: '/api/open-data/{territoryId}/impact.{format}?year={year}',
    updateFrequency: 'continuous',
    fields: [
      f('year', 'integer', false, 'Année civile des chiffres.', 'Calendar year of the figures.'),
      DISTRICT,
      f('measure', 'string', false, 'Code de l’indicateur (catalogue standard), ou money_disbursed : argent versé aux projets.', 'Indicator code (standard catalogue), or money_disbursed: money paid out to the projects.'),
      f('unit', 'string', false, 'Unité : fte (ETP), people, count, money, tonnes, kwh, hectares, percent.', 'Unit: fte, people, count, money, tonnes, kwh, hectares, percent.'),
      f('currency', 'string', true, 'Devise ISO 4217 des montants ; les montants sont en unités mineures (centimes).', 'ISO 4217 currency of amounts; amounts are in minor units (cents).'),
      f('projects', 'integer', true, 'Projets ayant un chiffre pour cette mesure.', 'Projects with a figure for this measure.'),
      f('baseline', 'number', true, 'Situation de départ (somme des projets).', 'Baseline (sum over projects).'),
      f('target', 'number', true, 'Cible de l’année (somme des projets).', 'Target for the year (sum over projects).'),
      f('actual', 'number', true, 'Réalisé de l’année : somme des périodes pour un flux, dernière période pour un stock (emplois).', 'Actual for the year: periods added for a flow, the last period for a stock (jobs).'),
      SUPPRESSED,
    ],
  },
  {
    id: 'districts',
    titleFr: 'Quartiers : contours et chiffres clés',
    titleEn: 'Districts: outlines and key figures',
    descriptionFr: 'Contours des quartiers (GeoJSON, WGS 84) avec, en propriétés, les acteurs, leurs emplois et les emplois créés par les projets de l’année.',
    descriptionEn: 'District outlines (GeoJSON, WGS 84) with, as properties, the actors, their employees and the jobs created by the projects in the year.',
    formats: ['geojson'],
    path: '/api/open-data/{territoryId}/districts.geojson?year={year}',
    updateFrequency: 'continuous',
    fields: [
      f('name', 'string', false, 'Nom du quartier.', 'District name.'),
      f('code', 'string', false, 'Code du quartier.', 'District code.'),
      f('population', 'integer', true, 'Population, quand elle est connue.', 'Population, when known.'),
      f('organisations', 'integer', true, 'Acteurs de l’ESS actifs.', 'Active SSE actors.'),
      f('employees', 'integer', true, 'Salariés de ces acteurs.', 'Their employees.'),
      f('jobs', 'number', true, 'Emplois créés (ETP) par les projets accompagnés, fin d’année.', 'Jobs created (FTE) by supported projects, at year end.'),
      f('jobsWomen', 'number', true, 'Emplois occupés par des femmes.', 'Jobs held by women.'),
      f('jobsYouth', 'number', true, 'Emplois occupés par des jeunes (moins de 35 ans).', 'Jobs held by young people (under 35).'),
      f('suppressedFields', 'string', false, 'Les propriétés masquées (secret statistique).', 'The withheld properties (small-figure suppression).'),
      f('geometry', 'geometry', false, 'Polygone ou multipolygone, longitude/latitude WGS 84.', 'Polygon or multipolygon, WGS 84 longitude/latitude.'),
    ],
  },
];

export function openCatalogue(publisher: string): OpenCatalogue {
  return {
    publisher: { name: publisher, url: '/open-data' },
    licence: OPEN_DATA_LICENCE,
    suppression: {
      minOrganisations: MIN_ORGANISATIONS,
      minPeople: MIN_PEOPLE,
      ruleFr: `Toute cellule comptant moins de ${MIN_ORGANISATIONS} organisations (ou projets) ou de 1 à ${MIN_PEOPLE - 1} personnes est masquée, ainsi que la plus petite cellule qui permettrait de la recalculer à partir d’un total publié (secret secondaire).`,
      ruleEn: `Any cell counting fewer than ${MIN_ORGANISATIONS} organisations (or projects) or 1 to ${MIN_PEOPLE - 1} people is withheld, and so is the smallest cell that would let one recompute it from a published total (secondary suppression).`,
    },
    datasets: DATASETS,
  };
}
