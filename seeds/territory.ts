import { readFileSync } from 'node:fs';
import type { LegalForm } from '@essor/shared/projects';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../api/src/db/client';
import { districts, inventoryEntries } from '../api/src/db/schema/impact';
import { organisations } from '../api/src/db/schema/projects';
import { projectPath } from '../api/src/lib/project-root';
import { DEMO_STRUCTURES } from './structures';

/** A city's districts as shipped beside this file (simplified outlines: see geo/README.md). */
interface DistrictFile {
  features: { properties: { name: string; code: string; population: number | null }; geometry: object }[];
}

export function readDistrictFile(city: 'montreal' | 'chefchaouen' | 'dakar'): DistrictFile {
  return JSON.parse(readFileSync(projectPath('seeds', 'geo', `${city}.geojson`), 'utf8')) as DistrictFile;
}

/** Which structure holds each city's districts, and the territory they make up. */
export const DEMO_DISTRICT_OWNERS = [
  { city: 'montreal', structureId: DEMO_STRUCTURES.montreal, territory: 'Montréal' },
  { city: 'chefchaouen', structureId: DEMO_STRUCTURES.chefchaouen, territory: 'Province de Chefchaouen' },
  { city: 'dakar', structureId: DEMO_STRUCTURES.dakar, territory: 'Dakar' },
] as const;

/** What the inventory knows of the pipeline's organisations: register number, jobs, where they are. */
const PIPELINE_DETAILS: Record<string, { reg: string; employees: number; lat: number; lon: number; address: string; website?: string }> = {
  'Coopérative Les Jardins du Sud': { reg: '1171234501', employees: 7, lat: 45.4735, lon: -73.5862, address: '2450, rue Centre, Montréal', website: 'https://jardinsdusud.example' },
  'Centre de la petite enfance coopératif Les Lucioles': { reg: '1171234502', employees: 21, lat: 45.5565, lon: -73.6198, address: '7300, rue Saint-Denis, Montréal' },
  'Recyclerie Hochelaga': { reg: '1171234503', employees: 12, lat: 45.5468, lon: -73.5441, address: '3800, rue Ontario Est, Montréal', website: 'https://recyclerie-hochelaga.example' },
  'Café coopératif La Fabrique': { reg: '1171234504', employees: 9, lat: 45.5432, lon: -73.5905, address: '6500, boulevard Saint-Laurent, Montréal' },
  'Atelier vélo Cyclo-Nord': { reg: '1171234505', employees: 4, lat: 45.5489, lon: -73.6701, address: '10 400, rue Lajeunesse, Montréal' },
  'Coopérative d’habitation Les Tisserands': { reg: '1171234506', employees: 1, lat: 45.4581, lon: -73.5689, address: '4200, rue Wellington, Montréal' },
  'Friperie solidaire Le Retour': { reg: '1171234507', employees: 6, lat: 45.5245, lon: -73.5818, address: '4400, avenue du Parc, Montréal' },
  'Coopérative de travail Imprimerie Solidaire': { reg: '1171234508', employees: 14, lat: 45.5601, lon: -73.5352, address: '5600, rue Hochelaga, Montréal' },
  'Mutuelle culturelle Scène Ouverte': { reg: '1171234509', employees: 3, lat: 45.5079, lon: -73.5612, address: '1200, rue Sainte-Catherine Est, Montréal' },
  'Collectif Agora': { reg: '', employees: 0, lat: 45.5062, lon: -73.7088, address: 'Saint-Laurent, Montréal' },
  'Traiteur Saveurs du Monde inc.': { reg: '1171234511', employees: 5, lat: 45.5631, lon: -73.7122, address: 'Laval' },
  'Coopérative féminine Tifaout': { reg: '002345678000041', employees: 11, lat: 35.0612, lon: -5.2015, address: 'Centre de Bab Taza' },
  'Association Jeunes Artisans du Rif': { reg: '002345678000042', employees: 3, lat: 35.1702, lon: -5.2641, address: 'Médina, Chefchaouen' },
  'Coopérative Jbala Miel': { reg: '002345678000043', employees: 2, lat: 35.0214, lon: -4.9762, address: 'Douar Bab Berred' },
  'Association Rif Numérique': { reg: '002345678000044', employees: 4, lat: 35.1688, lon: -5.2593, address: 'Avenue Hassan II, Chefchaouen' },
  'Coopérative Tissage Akchour': { reg: '002345678000045', employees: 9, lat: 35.2688, lon: -5.1512, address: 'Akchour, Talambote' },
  'GIE Fromagers de Tanaqob': { reg: '002345678000046', employees: 5, lat: 35.0608, lon: -5.3311, address: 'Tanaqob' },
  'Coopérative Argan Oued Laou': { reg: '002345678000047', employees: 7, lat: 35.4471, lon: -5.0921, address: 'Oued Laou (province de Tétouan)' },
  'GIE Femmes Transformatrices de Thiaroye': { reg: '0054321 2V1', employees: 15, lat: 14.7519, lon: -17.3627, address: 'Quai de pêche, Thiaroye-sur-Mer' },
  'Collectif Recup Médina': { reg: '', employees: 2, lat: 14.6841, lon: -17.4521, address: 'Rue 11, Médina, Dakar' },
  'Collectif des pêcheurs de Soumbédioune': { reg: '', employees: 14, lat: 14.6852, lon: -17.4559, address: 'Plage de Soumbédioune, Dakar' },
  'Groupement des femmes de Yoff': { reg: '0054321 2V2', employees: 20, lat: 14.7583, lon: -17.4748, address: 'Yoff Layène, Dakar' },
  'Coopérative des tailleurs de Colobane': { reg: '0054321 2V3', employees: 12, lat: 14.6962, lon: -17.4431, address: 'Marché de Colobane, Dakar' },
  'Association Jeunesse Verte de Pikine': { reg: '0054321 2V4', employees: 3, lat: 14.7581, lon: -17.3951, address: 'Marché Zinc, Pikine' },
  'Mutuelle de santé des commerçants de Sandaga': { reg: '0054321 2V5', employees: 4, lat: 14.6712, lon: -17.4368, address: 'Avenue Lamine Guèye, Dakar' },
};

interface Actor {
  name: string;
  legalForm: LegalForm;
  sector: string;
  district: string;
  reg: string;
  employees: number;
  members: number;
  lat: number;
  lon: number;
  address: string;
  source: 'import' | 'manual';
  status?: 'active' | 'closed';
  contact?: string;
  email?: string;
  website?: string;
}

/** SSE actors of each territory that the pipeline has not met (yet): the inventory's own knowledge. */
const OTHER_ACTORS: Record<'montreal' | 'chefchaouen' | 'dakar', Actor[]> = {
  montreal: [
    { name: 'Coopérative de solidarité Le Chantier Vert', legalForm: 'cooperative', sector: 'agriculture urbaine', district: 'Rosemont–La Petite-Patrie', reg: '1179876501', employees: 14, members: 220, lat: 45.5479, lon: -73.5792, address: '5800, rue Molson, Montréal', source: 'import', contact: 'Julie Tremblay', email: 'info@chantiervert.example' },
    { name: 'Popote roulante du Plateau', legalForm: 'non_profit', sector: 'alimentation', district: 'Plateau-Mont-Royal', reg: '1179876502', employees: 9, members: 45, lat: 45.5221, lon: -73.5779, address: '4500, rue Saint-Denis, Montréal', source: 'import' },
    { name: 'Coopérative funéraire de l’Île', legalForm: 'cooperative', sector: 'services aux personnes', district: 'Saint-Laurent', reg: '1179876503', employees: 32, members: 4200, lat: 45.5031, lon: -73.7012, address: '900, boulevard Décarie, Montréal', source: 'import' },
    { name: 'Mutuelle de prévention des travailleuses autonomes', legalForm: 'mutual', sector: 'santé', district: 'Ville-Marie', reg: '1179876504', employees: 6, members: 850, lat: 45.5035, lon: -73.5651, address: '300, rue Sherbrooke Ouest, Montréal', source: 'import' },
    { name: 'Entreprise d’insertion Le Tremplin', legalForm: 'social_enterprise', sector: 'restauration', district: 'Le Sud-Ouest', reg: '1179876505', employees: 48, members: 0, lat: 45.4768, lon: -73.5801, address: '1900, rue Notre-Dame Ouest, Montréal', source: 'import' },
    { name: 'Coopérative de travail Ébénisterie du Canal', legalForm: 'cooperative', sector: 'fabrication', district: 'Le Sud-Ouest', reg: '1179876506', employees: 11, members: 11, lat: 45.4712, lon: -73.5902, address: '3000, rue Saint-Patrick, Montréal', source: 'manual' },
    { name: 'Ressourcerie de l’Est', legalForm: 'non_profit', sector: 'réemploi', district: 'Rivière-des-Prairies–Pointe-aux-Trembles', reg: '1179876507', employees: 22, members: 60, lat: 45.6459, lon: -73.5288, address: '12 000, rue Sherbrooke Est, Montréal', source: 'import' },
    { name: 'Coopérative d’habitation Les Érables', legalForm: 'cooperative', sector: 'habitation', district: 'Villeray–Saint-Michel–Parc-Extension', reg: '1179876508', employees: 1, members: 64, lat: 45.5571, lon: -73.6232, address: '8100, rue Saint-Michel, Montréal', source: 'import' },
    { name: 'Centre communautaire de loisirs d’Anjou', legalForm: 'non_profit', sector: 'loisirs', district: 'Anjou', reg: '1179876509', employees: 17, members: 300, lat: 45.6068, lon: -73.5655, address: '7500, avenue de Chaumont, Montréal', source: 'manual' },
    { name: 'Coopérative de services à domicile du Nord', legalForm: 'cooperative', sector: 'services aux personnes', district: 'Montréal-Nord', reg: '1179876510', employees: 85, members: 140, lat: 45.5951, lon: -73.6341, address: '4200, boulevard Henri-Bourassa Est, Montréal', source: 'import' },
    { name: 'Coopérative de consommation Le Marché Commun', legalForm: 'cooperative', sector: 'commerce de détail', district: 'Saint-Léonard', reg: '1179876511', employees: 310, members: 12_000, lat: 45.5851, lon: -73.5968, address: '6000, rue Jean-Talon Est, Montréal', source: 'import' },
    { name: 'Association des artisans de Lachine', legalForm: 'association', sector: 'artisanat', district: 'Lachine', reg: '1179876512', employees: 0, members: 38, lat: 45.4412, lon: -73.7031, address: '1500, boulevard Saint-Joseph, Montréal', source: 'manual', status: 'closed' },
  ],
  chefchaouen: [
    { name: 'Coopérative Al Amal des tisserandes', legalForm: 'cooperative', sector: 'artisanat', district: 'Chefchaouen ville', reg: '002345679000051', employees: 18, members: 25, lat: 35.1721, lon: -5.2668, address: 'Quartier Souika, Chefchaouen', source: 'import' },
    { name: 'Association Talassemtane pour l’écotourisme', legalForm: 'association', sector: 'tourisme', district: 'Talambote', reg: '002345679000052', employees: 6, members: 40, lat: 35.2702, lon: -5.1488, address: 'Akchour, Talambote', source: 'import' },
    { name: 'Coopérative des plantes aromatiques de Bab Taza', legalForm: 'cooperative', sector: 'agroalimentaire', district: 'Bab Taza', reg: '002345679000053', employees: 12, members: 30, lat: 35.0588, lon: -5.1979, address: 'Route de Bab Taza', source: 'import' },
    { name: 'Coopérative laitière de Derdara', legalForm: 'cooperative', sector: 'agroalimentaire', district: 'Derdara', reg: '002345679000054', employees: 9, members: 52, lat: 35.2291, lon: -5.3012, address: 'Centre de Derdara', source: 'import' },
    { name: 'Mutuelle des artisans de la médina', legalForm: 'mutual', sector: 'santé', district: 'Chefchaouen ville', reg: '002345679000055', employees: 3, members: 610, lat: 35.1689, lon: -5.2625, address: 'Place Outa el Hammam, Chefchaouen', source: 'manual' },
    { name: 'Association Steha pêche et environnement', legalForm: 'association', sector: 'pêche artisanale', district: 'Steha', reg: '002345679000056', employees: 4, members: 70, lat: 35.2903, lon: -4.9311, address: 'Port de Steha', source: 'import' },
    { name: 'Coopérative apicole de Tamorot', legalForm: 'cooperative', sector: 'apiculture', district: 'Tamorot', reg: '002345679000057', employees: 5, members: 19, lat: 35.1304, lon: -5.0812, address: 'Douar Tamorot', source: 'import' },
    { name: 'GIE Huile d’olive Bni Ahmed', legalForm: 'economic_interest_group', sector: 'agroalimentaire', district: 'Bni Ahmed Cherqia', reg: '002345679000058', employees: 55, members: 8, lat: 34.9012, lon: -5.0788, address: 'Bni Ahmed Cherqia', source: 'import' },
    { name: 'Coopérative de tissage de Bab Berred', legalForm: 'cooperative', sector: 'artisanat', district: 'Bab Berred', reg: '002345679000059', employees: 7, members: 21, lat: 35.0198, lon: -4.9731, address: 'Centre de Bab Berred', source: 'manual' },
  ],
  dakar: [
    { name: 'Mutuelle de santé And Fagaru de la Médina', legalForm: 'mutual', sector: 'santé', district: 'Médina', reg: '0061234 2G1', employees: 5, members: 2300, lat: 14.6829, lon: -17.4502, address: 'Rue 6, Médina, Dakar', source: 'import' },
    { name: 'GIE des transformatrices de céréales de Grand Yoff', legalForm: 'economic_interest_group', sector: 'transformation céréalière', district: 'Grand Yoff', reg: '0061234 2G2', employees: 14, members: 22, lat: 14.7352, lon: -17.4528, address: 'Arafat, Grand Yoff', source: 'import' },
    { name: 'Coopérative d’habitat des enseignants de Ouakam', legalForm: 'cooperative', sector: 'habitation', district: 'Ouakam', reg: '0061234 2G3', employees: 2, members: 180, lat: 14.7248, lon: -17.4962, address: 'Cité Avion, Ouakam', source: 'import' },
    { name: 'Association Set Setal des Parcelles', legalForm: 'association', sector: 'gestion des déchets', district: 'Parcelles Assainies', reg: '0061234 2G4', employees: 11, members: 95, lat: 14.7661, lon: -17.4402, address: 'Unité 15, Parcelles Assainies', source: 'import' },
    { name: 'Coopérative des pêcheurs de Ngor', legalForm: 'cooperative', sector: 'pêche artisanale', district: 'Ngor', reg: '0061234 2G5', employees: 26, members: 140, lat: 14.7508, lon: -17.5118, address: 'Plage de Ngor', source: 'import' },
    { name: 'GIE des teinturières de Colobane', legalForm: 'economic_interest_group', sector: 'artisanat', district: 'Colobane', reg: '0061234 2G6', employees: 8, members: 15, lat: 14.6951, lon: -17.4442, address: 'Gueule Tapée, Dakar', source: 'manual' },
    { name: 'Mutuelle d’épargne et de crédit des femmes de Pikine', legalForm: 'mutual', sector: 'finance solidaire', district: 'Pikine', reg: '0061234 2G7', employees: 62, members: 5400, lat: 14.7572, lon: -17.3968, address: 'Pikine Tally Boumack', source: 'import' },
    { name: 'Coopérative des maraîchers de Thiaroye', legalForm: 'cooperative', sector: 'maraîchage', district: 'Thiaroye-sur-Mer', reg: '0061234 2G8', employees: 9, members: 48, lat: 14.7501, lon: -17.3601, address: 'Niayes de Thiaroye', source: 'import' },
    { name: 'Association culturelle Kër Yoff', legalForm: 'association', sector: 'culture', district: 'Yoff', reg: '0061234 2G9', employees: 3, members: 60, lat: 14.7571, lon: -17.4761, address: 'Yoff Tonghor', source: 'manual' },
    { name: 'Entreprise sociale Sénéclean', legalForm: 'social_enterprise', sector: 'gestion des déchets', district: 'Hann Bel-Air', reg: '0061234 2H0', employees: 38, members: 0, lat: 14.7148, lon: -17.4252, address: 'Zone industrielle de Hann', source: 'import' },
  ],
};

const coordinate = (v: number) => v.toFixed(6);

/** The demo cities' districts (outlines shipped as GeoJSON beside this file) and their SSE actor inventories. */
export async function seedTerritory(db: Db): Promise<void> {
  const [already] = await db.select({ id: districts.id }).from(districts).where(eq(districts.structureId, DEMO_STRUCTURES.montreal)).limit(1);
  if (already) return;
  for (const owner of DEMO_DISTRICT_OWNERS) {
    const file = readDistrictFile(owner.city);
    await db.insert(districts).values(
      file.features.map((f) => ({
        structureId: owner.structureId,
        name: f.properties.name,
        code: f.properties.code,
        territory: owner.territory,
        population: f.properties.population,
        geometry: f.geometry,
      })),
    );
  }
  // Every organisation of the pipeline is in the inventory of the structures its projects belong to.
  await db.execute(sql`insert into inventory_entries (structure_id, organisation_id, members, source)
    select distinct p.structure_id, p.organisation_id, o.founders_count, 'pipeline'
    from projects p join organisations o on o.id = p.organisation_id
    on conflict do nothing`);
  const orgs = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.name, Object.keys(PIPELINE_DETAILS)));
  for (const org of orgs) {
    const d = PIPELINE_DETAILS[org.name];
    await db
      .update(inventoryEntries)
      .set({ registrationNumber: d.reg || null, employees: d.employees, latitude: coordinate(d.lat), longitude: coordinate(d.lon), address: d.address, website: d.website ?? null })
      .where(and(eq(inventoryEntries.organisationId, org.id), eq(inventoryEntries.source, 'pipeline')));
  }
  for (const owner of DEMO_DISTRICT_OWNERS) {
    for (const a of OTHER_ACTORS[owner.city]) {
      const [org] = await db
        .insert(organisations)
        .values({ name: a.name, legalForm: a.legalForm, sector: a.sector, district: a.district, territory: owner.territory, foundersCount: 0, contactName: a.contact ?? null, contactEmail: a.email ?? null })
        .returning({ id: organisations.id });
      await db.insert(inventoryEntries).values({
        structureId: owner.structureId,
        organisationId: org.id,
        registrationNumber: a.reg,
        employees: a.employees,
        members: a.members,
        address: a.address,
        website: a.website ?? null,
        latitude: coordinate(a.lat),
        longitude: coordinate(a.lon),
        status: a.status ?? 'active',
        source: a.source,
      });
    }
  }
}
