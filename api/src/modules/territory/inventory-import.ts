import { createHash } from 'node:crypto';
import { LEGAL_FORMS, type LegalForm } from '@essor/shared/projects';
import {
  INVENTORY_IMPORT_MAX_BYTES,
  INVENTORY_IMPORT_MAX_ROWS,
  type ImportAction,
  type InventoryImportInput,
  type InventoryImportPreview,
  type InventoryImportRow,
} from '@essor/shared/territory';
import { parse as parseCsv } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { inventoryEntries, inventoryImports } from '../../db/schema/impact';
import { organisations } from '../../db/schema/projects';
import { structures } from '../../db/schema/structures';
import { recordAudit, type Actor } from '../../lib/audit';
import { decodeUtf8OrWindows1252, headerKey } from '../../lib/bank-files';
import type { CurrentUser } from '../../lib/context';
import { AppError, Conflict, Invalid, isUniqueViolation, NotFound, Unprocessable } from '../../lib/errors';
import { msg, type Fields } from '../../lib/messages/render';
import { assertReach } from '../../lib/scope';
import { foldName, territoryDistricts, TERRITORY_WRITERS } from './districts';

// ---- Reading the file (pure) ----

const HEADERS = {
  name: ['nom', 'nom de l organisation', 'organisation', 'raison sociale', 'denomination', 'name', 'organisation name', 'organization name'],
  legalForm: ['forme juridique', 'statut juridique', 'forme', 'legal form', 'legal status'],
  sector: ['secteur', 'secteur d activite', 'activite', 'sector', 'industry'],
  district: ['arrondissement', 'quartier', 'commune', 'district', 'borough'],
  registrationNumber: ['numero d immatriculation', 'immatriculation', 'numero d enregistrement', 'neq', 'ice', 'ninea', 'registration number', 'registration', 'reg number'],
  employees: ['salaries', 'employes', 'nombre de salaries', 'nombre d employes', 'emplois', 'employees', 'staff', 'jobs'],
  members: ['membres', 'nombre de membres', 'adherents', 'members'],
  address: ['adresse', 'address'],
  website: ['site web', 'site internet', 'site', 'website', 'web'],
  latitude: ['latitude', 'lat'],
  longitude: ['longitude', 'lon', 'lng', 'long'],
  contactName: ['contact', 'personne contact', 'nom du contact', 'contact name'],
  contactEmail: ['courriel', 'email', 'e mail', 'mail', 'contact email'],
  contactPhone: ['telephone', 'tel', 'phone', 'contact phone'],
} as const;
type Column = keyof typeof HEADERS;
const REQUIRED: Column[] = ['name', 'legalForm', 'district'];

/** The legal forms as people write them, folded, to the contract's values. */
const LEGAL_FORM_WORDS: Record<string, LegalForm> = {
  cooperative: 'cooperative',
  coop: 'cooperative',
  'cooperative de solidarite': 'cooperative',
  'cooperative de travail': 'cooperative',
  association: 'association',
  'association loi 1901': 'association',
  'organisme a but non lucratif': 'non_profit',
  'organisme sans but lucratif': 'non_profit',
  obnl: 'non_profit',
  osbl: 'non_profit',
  'non profit': 'non_profit',
  nonprofit: 'non_profit',
  mutuelle: 'mutual',
  mutual: 'mutual',
  'entreprise sociale': 'social_enterprise',
  'social enterprise': 'social_enterprise',
  gie: 'economic_interest_group',
  'groupement d interet economique': 'economic_interest_group',
  'economic interest group': 'economic_interest_group',
  'groupe informel': 'informal_group',
  'groupement informel': 'informal_group',
  'informal group': 'informal_group',
};

export function legalFormOf(text: string): LegalForm | null {
  const key = headerKey(text);
  if ((LEGAL_FORMS as readonly string[]).includes(text.trim())) return text.trim() as LegalForm;
  return LEGAL_FORM_WORDS[key] ?? ((LEGAL_FORMS as readonly string[]).includes(key.replace(/ /g, '_')) ? (key.replace(/ /g, '_') as LegalForm) : null);
}

export type RawInventoryRow = { lineNo: number } & Record<Column, string>;

function sniffDelimiter(line: string): string {
  const outside = line.replace(/"[^"]*"/g, '');
  return [';', ',', '\t'].map((d) => [d, outside.split(d).length - 1] as const).reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

/** The file's rows as written, under the columns recognised in its first line (French or English names). */
export function parseInventoryCsv(text: string): RawInventoryRow[] {
  const firstLine = text.split(/\r\n|\n|\r/, 1)[0] ?? '';
  let rows: string[][];
  try {
    rows = parseCsv(text, { delimiter: sniffDelimiter(firstLine), relax_column_count: true, skip_empty_lines: false, trim: true, relax_quotes: true, bom: true }) as string[][];
  } catch {
    throw new Unprocessable('territory.import_format', 'unsupported_media_type');
  }
  const header = (rows[0] ?? []).map(headerKey);
  const index = {} as Record<Column, number | null>;
  const taken = new Set<number>();
  for (const column of Object.keys(HEADERS) as Column[]) {
    index[column] = null;
    for (const name of HEADERS[column]) {
      const i = header.findIndex((h, j) => !taken.has(j) && h === name);
      if (i >= 0) {
        index[column] = i;
        taken.add(i);
        break;
      }
    }
  }
  const missing = REQUIRED.filter((c) => index[c] === null);
  if (missing.length) {
    throw new Unprocessable(msg('territory.import_columns', { columns: missing.join(', ') }), 'invalid', { columns: missing.map(() => 'field.column_missing' as const) });
  }
  const out: RawInventoryRow[] = [];
  rows.slice(1).forEach((row, i) => {
    if (row.every((c) => !c.trim())) return;
    const cell = (column: Column) => (index[column] === null ? '' : (row[index[column]!] ?? '').trim());
    out.push({ lineNo: i + 2, ...(Object.fromEntries((Object.keys(HEADERS) as Column[]).map((c) => [c, cell(c)])) as Record<Column, string>) });
  });
  if (out.length === 0) throw new Unprocessable('territory.import_empty');
  if (out.length > INVENTORY_IMPORT_MAX_ROWS) throw new Unprocessable(msg('territory.import_too_many_rows', { max: INVENTORY_IMPORT_MAX_ROWS }));
  return out;
}

function fileBytes(input: InventoryImportInput): Buffer {
  const b64 = input.contentBase64.replace(/\s/g, '');
  if (b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw new Invalid('applications.attachment_base64', { contentBase64: ['field.not_base64'] });
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length > INVENTORY_IMPORT_MAX_BYTES) throw new AppError(413, 'payload_too_large', msg('territory.import_too_large', { mb: INVENTORY_IMPORT_MAX_BYTES / 1024 / 1024 }));
  return bytes;
}

const COUNT = /^\d{1,7}$/;
function parseCount(text: string): number | null | undefined {
  if (text === '') return undefined;
  const s = text.replace(/[\s\u00a0\u202f]/g, '');
  return COUNT.test(s) ? Number(s) : null;
}
function parseCoordinate(text: string, limit: number): number | null | undefined {
  if (text === '') return undefined;
  const s = text.replace(',', '.');
  if (!/^-?\d{1,3}(\.\d{1,8})?$/.test(s)) return null;
  const value = Number(s);
  return Math.abs(value) <= limit ? Number(value.toFixed(6)) : null;
}

// ---- Checking the rows against the structure's inventory ----

interface PlannedRow extends InventoryImportRow {
  values: {
    name: string;
    legalForm: LegalForm;
    sector: string;
    district: string;
    registrationNumber: string | null;
    employees?: number;
    members?: number;
    address?: string;
    website?: string;
    latitude?: number;
    longitude?: number;
    contactName?: string;
    contactEmail?: string;
    contactPhone?: string;
  };
  organisationId: string | null;
}

interface Checked {
  rows: PlannedRow[];
  sha256: string;
  territory: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

async function checkFile(db: Db, user: CurrentUser, input: InventoryImportInput): Promise<Checked> {
  assertReach(user, input.structureId, TERRITORY_WRITERS, 'thing.structure');
  const bytes = fileBytes(input);
  const [structure] = await db.select().from(structures).where(eq(structures.id, input.structureId));
  if (!structure) throw new NotFound('thing.structure');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const [done] = await db
    .select({ id: inventoryImports.id })
    .from(inventoryImports)
    .where(and(eq(inventoryImports.structureId, input.structureId), eq(inventoryImports.sha256, sha256)));
  if (done) throw new Conflict('territory.import_already_done');
  const raw = parseInventoryCsv(decodeUtf8OrWindows1252(bytes));
  const known = await territoryDistricts(db, input.structureId);
  const existing = await db
    .select({ entry: inventoryEntries, org: organisations })
    .from(inventoryEntries)
    .innerJoin(organisations, eq(organisations.id, inventoryEntries.organisationId))
    .where(eq(inventoryEntries.structureId, input.structureId));
  const byRegistration = new Map(existing.filter((x) => x.entry.registrationNumber).map((x) => [x.entry.registrationNumber!.toUpperCase(), x]));
  const byNameDistrict = new Map(existing.map((x) => [`${foldName(x.org.name)}|${foldName(x.org.district)}`, x]));
  const seen = new Set<string>();
  const rows = raw.map((r): PlannedRow => {
    const errors: string[] = [];
    if (!r.name) errors.push('territory.row_missing_name');
    else if (r.name.length > 200) errors.push('territory.row_name_too_long');
    const legalForm = r.legalForm ? legalFormOf(r.legalForm) : null;
    if (!legalForm) errors.push('territory.row_unknown_legal_form');
    const district = known.size === 0 ? r.district : known.get(foldName(r.district));
    if (!r.district || !district) errors.push('territory.row_unknown_district');
    const employees = parseCount(r.employees);
    const members = parseCount(r.members);
    if (employees === null || members === null) errors.push('territory.row_bad_number');
    const latitude = parseCoordinate(r.latitude, 90);
    const longitude = parseCoordinate(r.longitude, 180);
    if (latitude === null || longitude === null || (latitude === undefined) !== (longitude === undefined)) errors.push('territory.row_bad_coordinates');
    if (r.contactEmail && !EMAIL.test(r.contactEmail)) errors.push('territory.row_bad_email');
    if (r.website && !/^https?:\/\/\S+$/i.test(r.website)) errors.push('territory.row_bad_website');
    const registrationNumber = r.registrationNumber ? r.registrationNumber.slice(0, 60) : null;
    const keys = [registrationNumber ? `reg:${registrationNumber.toUpperCase()}` : null, `name:${foldName(r.name)}|${foldName(district ?? r.district)}`].filter(Boolean) as string[];
    if (keys.some((k) => seen.has(k))) errors.push('territory.row_duplicate');
    keys.forEach((k) => seen.add(k));
    const match = (registrationNumber && byRegistration.get(registrationNumber.toUpperCase())) || byNameDistrict.get(`${foldName(r.name)}|${foldName(district ?? r.district)}`);
    const values: PlannedRow['values'] = {
      name: r.name,
      legalForm: legalForm ?? 'association',
      sector: r.sector || (match?.org.sector ?? ''),
      district: district ?? r.district,
      registrationNumber,
      ...(employees != null ? { employees } : {}),
      ...(members != null ? { members } : {}),
      ...(r.address ? { address: r.address.slice(0, 300) } : {}),
      ...(r.website ? { website: r.website.slice(0, 300) } : {}),
      ...(latitude != null && longitude != null ? { latitude, longitude } : {}),
      ...(r.contactName ? { contactName: r.contactName.slice(0, 200) } : {}),
      ...(r.contactEmail ? { contactEmail: r.contactEmail.slice(0, 200) } : {}),
      ...(r.contactPhone ? { contactPhone: r.contactPhone.slice(0, 60) } : {}),
    };
    if (!match && !r.sector) errors.push('territory.row_missing_sector');
    let action: ImportAction | null = null;
    if (errors.length === 0) action = match ? (changes(match, values) ? 'update' : 'unchanged') : 'create';
    return {
      lineNo: r.lineNo,
      name: r.name,
      district: values.district,
      legalForm: legalForm ?? r.legalForm,
      registrationNumber,
      employees: employees ?? null,
      members: members ?? null,
      action,
      entryId: match?.entry.id ?? null,
      organisationId: match?.org.id ?? null,
      errors,
      values,
    };
  });
  return { rows, sha256, territory: structure.territory };
}

type Existing = { entry: typeof inventoryEntries.$inferSelect; org: typeof organisations.$inferSelect };

function changes(match: Existing, v: PlannedRow['values']): boolean {
  const { entry, org } = match;
  const differs = <T>(next: T | undefined, current: T) => next !== undefined && next !== current;
  return (
    differs(v.name, org.name) ||
    differs(v.legalForm, org.legalForm) ||
    differs(v.sector, org.sector) ||
    differs(v.district, org.district) ||
    differs(v.registrationNumber ?? undefined, entry.registrationNumber) ||
    differs(v.employees, entry.employees) ||
    differs(v.members, entry.members) ||
    differs(v.address, entry.address) ||
    differs(v.website, entry.website) ||
    differs(v.latitude, entry.latitude === null ? null : Number(entry.latitude)) ||
    differs(v.longitude, entry.longitude === null ? null : Number(entry.longitude)) ||
    differs(v.contactName, org.contactName) ||
    differs(v.contactEmail, org.contactEmail) ||
    differs(v.contactPhone, org.contactPhone)
  );
}

function previewOf(input: InventoryImportInput, checked: Checked, importId: string | null): InventoryImportPreview {
  const count = (a: ImportAction) => checked.rows.filter((r) => r.action === a).length;
  return {
    structureId: input.structureId,
    filename: input.filename,
    sha256: checked.sha256,
    rowCount: checked.rows.length,
    errorCount: checked.rows.filter((r) => r.errors.length > 0).length,
    created: count('create'),
    updated: count('update'),
    unchanged: count('unchanged'),
    importId,
    rows: checked.rows.map((r) => ({
      lineNo: r.lineNo,
      name: r.name,
      district: r.district,
      legalForm: r.legalForm,
      registrationNumber: r.registrationNumber,
      employees: r.employees,
      members: r.members,
      action: r.action,
      entryId: r.entryId,
      errors: r.errors,
    })),
  };
}

/** Reads an inventory file and says, row by row, what importing it would do or what is wrong; writes nothing. */
export async function previewInventoryImport(db: Db, user: CurrentUser, input: InventoryImportInput): Promise<InventoryImportPreview> {
  return previewOf(input, await checkFile(db, user, input), null);
}

/**
 * Imports an inventory file in one transaction, only when every row is good (else 422 naming each bad
 * row, nothing written): rows create organisations and entries, or update the entry they match in that
 * structure's inventory (by registration number, else by name and district). A file goes in once (409).
 */
export async function commitInventoryImport(db: Db, actor: Actor, user: CurrentUser, input: InventoryImportInput): Promise<InventoryImportPreview> {
  try {
    return await db.transaction(async (tx) => {
      const checked = await checkFile(tx, user, input);
      const bad = checked.rows.filter((r) => r.errors.length > 0);
      if (bad.length) {
        const fields: Fields = Object.fromEntries(bad.map((r) => [`line ${r.lineNo}`, r.errors as Fields[string]]));
        throw new Unprocessable(msg('territory.import_has_errors', { count: bad.length }), 'invalid', fields);
      }
      const counts = { created: 0, updated: 0 };
      const [record] = await tx
        .insert(inventoryImports)
        .values({ structureId: input.structureId, filename: input.filename, sha256: checked.sha256, rowsCount: checked.rows.length, createdCount: 0, updatedCount: 0, importedBy: actor.id! })
        .returning();
      const now = new Date();
      for (const row of checked.rows) {
        const v = row.values;
        const orgFields = {
          name: v.name,
          legalForm: v.legalForm,
          sector: v.sector,
          district: v.district,
          ...(v.contactName !== undefined ? { contactName: v.contactName } : {}),
          ...(v.contactEmail !== undefined ? { contactEmail: v.contactEmail } : {}),
          ...(v.contactPhone !== undefined ? { contactPhone: v.contactPhone } : {}),
        };
        const entryFields = {
          ...(v.registrationNumber ? { registrationNumber: v.registrationNumber } : {}),
          ...(v.employees !== undefined ? { employees: v.employees } : {}),
          ...(v.members !== undefined ? { members: v.members } : {}),
          ...(v.address !== undefined ? { address: v.address } : {}),
          ...(v.website !== undefined ? { website: v.website } : {}),
          ...(v.latitude !== undefined ? { latitude: v.latitude.toFixed(6), longitude: v.longitude!.toFixed(6) } : {}),
        };
        if (row.action === 'create') {
          const [org] = await tx.insert(organisations).values({ ...orgFields, territory: checked.territory }).returning({ id: organisations.id });
          await tx.insert(inventoryEntries).values({ structureId: input.structureId, organisationId: org.id, source: 'import', lastImportId: record.id, ...entryFields });
          counts.created++;
        } else if (row.action === 'update') {
          await tx.update(organisations).set({ ...orgFields, updatedAt: now }).where(eq(organisations.id, row.organisationId!));
          await tx.update(inventoryEntries).set({ ...entryFields, lastImportId: record.id, updatedAt: now }).where(eq(inventoryEntries.id, row.entryId!));
          counts.updated++;
        }
      }
      await tx.update(inventoryImports).set({ createdCount: counts.created, updatedCount: counts.updated }).where(eq(inventoryImports.id, record.id));
      await recordAudit(tx, actor, {
        action: 'inventory_import.commit',
        entity: 'inventory_import',
        entityId: record.id,
        structureId: input.structureId,
        after: { filename: input.filename, sha256: checked.sha256, rows: checked.rows.length, ...counts },
      });
      return previewOf(input, checked, record.id);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('territory.import_already_done');
    throw error;
  }
}
