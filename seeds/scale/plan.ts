import { sql } from 'drizzle-orm';
import type { Db } from '../../api/src/db/client';
import { rowsOf } from '../../api/src/lib/rows';

/** Sizes of a big city's programme over ten years (issue 13); every one is multiplied by the scale. */
export const LARGE_CITY_SIZES = {
  structures: 20,
  organisations: 10_000,
  projects: 10_000,
  applications: 30_000,
  coachingSessions: 100_000,
  milestones: 20_000,
  cofinancings: 2_500,
  loans: 2_500,
  journalLines: 1_000_000,
  auditRows: 1_000_000,
  bondInvestors: 5_000,
  bondOfferings: 100,
  bondSubscriptions: 50_000,
  guarantees: 2_000,
  notifications: 200_000,
  outboxMessages: 100_000,
} as const;

export type LargeCitySizes = Record<keyof typeof LARGE_CITY_SIZES, number>;

export interface Plan extends LargeCitySizes {
  /** Programmes per structure: enough for every project to apply to as many distinct programmes as it has applications. */
  programmesPerStructure: number;
  programmes: number;
  /** Projects per structure (each structure's share of the projects, at least 1). */
  projectsPerStructure: number;
  investorsPerStructure: number;
  rootPath: string;
  cityPath: string;
}

/** The ten years the data spans: fixed dates in the past, so two runs give the same rows. */
export const START = '2016-01-01';
export const END = '2025-12-31';
export const DOMAIN = 'large-city.essor.test';
export const COACHES_PER_STRUCTURE = 5;
export const SESSIONS_PER_PROGRAMME = 10;

export function sizesFor(scale: number): LargeCitySizes {
  const out = {} as LargeCitySizes;
  for (const [key, base] of Object.entries(LARGE_CITY_SIZES)) out[key as keyof LargeCitySizes] = Math.max(1, Math.round(base * scale));
  return out;
}

export function planFor(scale: number, rootPath: string, cityId: string): Plan {
  const s = sizesFor(scale);
  const programmesPerStructure = Math.max(3, Math.ceil(s.applications / s.projects));
  return {
    ...s,
    programmesPerStructure,
    programmes: programmesPerStructure * s.structures,
    projectsPerStructure: Math.max(1, Math.floor(s.projects / s.structures)),
    investorsPerStructure: Math.max(1, Math.floor(s.bondInvestors / s.structures)),
    rootPath,
    cityPath: `${rootPath}${cityId}/`,
  };
}

/** A text's md5 as a well-formed version 4 uuid (version and variant digits set), so the API's uuid checks accept it. */
export function uuidFromText(textExpr: string): string {
  return `overlay(overlay(md5(${textExpr}) placing '4' from 13) placing '8' from 17)::uuid`;
}

/** A deterministic id: the md5 of a kind and a number, read as a uuid (the same on every run). */
export function uid(kind: string, expr: string): string {
  return uuidFromText(`'lc:${kind}:' || (${expr})::text`);
}

/** The same id computed in TypeScript (for the fixed rows other code names, such as the city node). */
export async function uidOf(db: Db, kind: string, value: string | number): Promise<string> {
  const [row] = rowsOf<{ id: string }>(await db.execute(sql.raw(`select ${uid(kind, `'${value}'`)}::text as id`)));
  return row.id;
}

/** The structure (1-based) of the n-th row of a kind spread round-robin over the structures. */
export const structureOf = (p: Plan, n: string) => `((${n} - 1) % ${p.structures} + 1)`;

/** A project of structure s: the m-th of that structure (projects are spread round-robin). */
export const projectOf = (p: Plan, s: string, m: string) => `(${s} + ${p.structures} * ((${m}) % ${p.projectsPerStructure}))`;

/** A text picked from a list by a number (1-based array index from modulo). */
export function pick(list: readonly string[], n: string): string {
  return `(array[${list.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}])[((${n}) % ${list.length}) + 1]`;
}

export async function run(db: Db, text: string): Promise<void> {
  await db.execute(sql.raw(text));
}

export async function scalar(db: Db, text: string): Promise<number> {
  const [row] = rowsOf<{ n: string | number }>(await db.execute(sql.raw(text)));
  return Number(row?.n ?? 0);
}
