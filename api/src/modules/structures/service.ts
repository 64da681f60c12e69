import type { StaffSideRole } from '@essor/shared/roles';
import type {
  CreateStructureInput,
  GrantMembershipInput,
  Membership,
  Structure,
  StructureFigures,
  StructureKind,
  UpdateStructureInput,
} from '@essor/shared/structures';
import type { CurrencyCode } from '@essor/shared/money';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users } from '../../db/schema/auth';
import { memberships, structures } from '../../db/schema/structures';
import { recordAudit, type Actor } from '../../lib/audit';
import { rowsOf } from '../../lib/rows';
import type { CurrentUser } from '../../lib/context';
import { msg } from '../../lib/messages/render';
import { Conflict, Invalid, isUniqueViolation, NotFound } from '../../lib/errors';
import { structuresReached } from '../../lib/scope';
import { anyOf, anyOfPlaced } from '../../lib/any-of';
import { builtOnce } from '../../lib/prepared';

type StructureRow = typeof structures.$inferSelect;

function idsOf(path: string): string[] {
  return path.split('/').filter(Boolean);
}

async function namesOf(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: structures.id, name: structures.name }).from(structures).where(anyOf(structures.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** `names` when the caller already read the names of the rows' trails. */
async function toStructures(db: Db, user: CurrentUser, rows: StructureRow[], known?: Map<string, string>): Promise<Structure[]> {
  const names = known ?? (await namesOf(db, [...new Set(rows.flatMap((r) => idsOf(r.path)))]));
  return rows.map((row) => ({
    id: row.id,
    parentId: row.parentId,
    name: row.name,
    kind: row.kind as StructureKind,
    territory: row.territory,
    languages: row.languages,
    currency: row.currency as CurrencyCode,
    logoUrl: row.logoUrl,
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    contactPhone: row.contactPhone,
    depth: idsOf(row.path).length - 1,
    trail: idsOf(row.path).map((id) => names.get(id) ?? ''),
    // From the memberships, not the reach loaded with the session: a node created in this request counts too.
    canManage: user.memberships.some((m) => m.role === 'admin' && idsOf(row.path).includes(m.structureId)),
  }));
}

/** Structures by id, with their names (built once: the switcher and the structures page read it on each visit). */
const structuresByIds = builtOnce((db) => db.select().from(structures).where(anyOfPlaced(structures.id, 'ids')).orderBy(asc(structures.path)).prepare('essor_structures_by_ids'));

/** Every structure the person's roles reach, in tree order (parents before their children). */
export async function listStructures(db: Db, user: CurrentUser): Promise<Structure[]> {
  const ids = structuresReached(user, 'any');
  if (ids.length === 0) return [];
  // The session's reach carries each structure's path: the nodes above them, whose names the trails show, are read
  // in the same query.
  const trails = new Set([...ids, ...ids.flatMap((id) => idsOf(user.reach.paths[id] ?? ''))]);
  const read = await structuresByIds(db).execute({ ids: [...trails] });
  const reached = new Set(ids);
  const rows = read.filter((r) => reached.has(r.id));
  const names = new Map(read.map((r) => [r.id, r.name]));
  const missing = [...new Set(rows.flatMap((r) => idsOf(r.path)))].filter((id) => !names.has(id));
  if (missing.length) for (const [id, name] of await namesOf(db, missing)) names.set(id, name);
  // Siblings by name rather than by id: the path orders parents first, the trail of names orders the rest.
  const key = (r: StructureRow) => idsOf(r.path).map((id) => names.get(id) ?? '').join('\u0000');
  rows.sort((a, b) => key(a).localeCompare(key(b), 'fr'));
  return toStructures(db, user, rows, names);
}

export async function getStructure(db: Db, user: CurrentUser, id: string): Promise<Structure> {
  const [row] = await db.select().from(structures).where(eq(structures.id, id));
  if (!row) throw new NotFound('thing.structure');
  return (await toStructures(db, user, [row]))[0];
}

export async function createStructure(db: Db, actor: Actor, user: CurrentUser, input: CreateStructureInput): Promise<Structure> {
  try {
    const row = await db.transaction(async (tx) => {
      const [parent] = await tx.select().from(structures).where(eq(structures.id, input.parentId)).for('update');
      if (!parent) throw new NotFound('thing.structure');
      const id = crypto.randomUUID();
      const [created] = await tx
        .insert(structures)
        .values({ ...input, id, path: `${parent.path}${id}/` })
        .returning();
      await recordAudit(tx, actor, { action: 'structure.create', entity: 'structure', entityId: id, structureId: id, after: created });
      return created;
    });
    return (await toStructures(db, user, [row]))[0];
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('structures.name_taken', { name: ['field.already_used_here'] });
    throw error;
  }
}

/** Moving a node moves its whole subtree: every descendant's path is rewritten in the same transaction. */
export async function updateStructure(db: Db, actor: Actor, user: CurrentUser, id: string, input: UpdateStructureInput): Promise<Structure> {
  try {
    const row = await db.transaction(async (tx) => {
      const [current] = await tx.select().from(structures).where(eq(structures.id, id)).for('update');
      if (!current) throw new NotFound('thing.structure');
      const { parentId, ...fields } = input;
      let path = current.path;
      if (parentId !== undefined && parentId !== current.parentId) {
        if (current.parentId === null) throw new Conflict('structures.top_has_no_parent', { parentId: ['field.top_stays_on_top'] });
        const [parent] = await tx.select().from(structures).where(eq(structures.id, parentId)).for('update');
        if (!parent) throw new NotFound('thing.structure');
        if (parent.path.startsWith(current.path)) {
          throw new Conflict('structures.no_cycle', { parentId: ['field.cycle'] });
        }
        path = `${parent.path}${id}/`;
        await tx
          .update(structures)
          .set({ path: sql`${path} || substr(${structures.path}, ${current.path.length + 1})` })
          .where(sql`${structures.path} like ${current.path} || '%' and ${structures.id} <> ${id}`);
      }
      const [updated] = await tx
        .update(structures)
        .set({ ...fields, ...(path !== current.path ? { parentId, path } : {}), updatedAt: new Date() })
        .where(eq(structures.id, id))
        .returning();
      await recordAudit(tx, actor, { action: 'structure.update', entity: 'structure', entityId: id, structureId: id, before: current, after: updated });
      return updated;
    });
    return (await toStructures(db, user, [row]))[0];
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('structures.name_taken', { name: ['field.already_used_here'] });
    throw error;
  }
}

/** Tables whose rows belong to a structure; a structure holding any of them cannot be deleted. */
const HOLDINGS = ['programmes', 'projects', 'coaches', 'funds', 'memberships', 'structures'] as const;

export async function deleteStructure(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(structures).where(eq(structures.id, id)).for('update');
    if (!current) throw new NotFound('thing.structure');
    if (current.parentId === null) throw new Conflict('structures.top_not_deleted');
    for (const table of HOLDINGS) {
      const column = table === 'structures' ? 'parent_id' : 'structure_id';
      const rows = rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from ${sql.identifier(table)} where ${sql.identifier(column)} = ${id}::uuid`));
      if (Number(rows[0]?.n ?? 0) > 0) {
        throw new Conflict(msg('structures.still_holds', { what: { key: `holding.${table}` } }), { id: [msg('field.verbatim', { value: table })] });
      }
    }
    await tx.delete(structures).where(eq(structures.id, id));
    await recordAudit(tx, actor, { action: 'structure.delete', entity: 'structure', entityId: id, structureId: current.parentId, before: current });
  });
}

function toMembership(row: { m: typeof memberships.$inferSelect; userName: string; userEmail: string; structureName: string }): Membership {
  return {
    id: row.m.id,
    userId: row.m.userId,
    userName: row.userName,
    userEmail: row.userEmail,
    structureId: row.m.structureId,
    structureName: row.structureName,
    role: row.m.role as StaffSideRole,
    createdAt: row.m.createdAt.toISOString(),
  };
}

function selectMemberships(db: Db) {
  return db
    .select({ m: memberships, userName: users.name, userEmail: users.email, structureName: structures.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(structures, eq(structures.id, memberships.structureId));
}

/** The people of a node: roles held on it and on the nodes under it. */
export async function listMemberships(db: Db, id: string): Promise<Membership[]> {
  const [node] = await db.select({ path: structures.path }).from(structures).where(eq(structures.id, id));
  if (!node) throw new NotFound('thing.structure');
  const rows = await selectMemberships(db)
    .where(sql`${structures.path} like ${node.path} || '%'`)
    .orderBy(asc(structures.path), asc(users.name), asc(memberships.role));
  return rows.map(toMembership);
}

/** An admin of a node (or above) gives a role on it; nobody grants where they are not admin, so nobody grants more than they hold. */
export async function grantMembership(db: Db, actor: Actor, structureId: string, input: GrantMembershipInput): Promise<Membership> {
  try {
    const id = await db.transaction(async (tx) => {
      const [person] = await tx.select().from(users).where(eq(users.email, input.email));
      if (!person) throw new Invalid('structures.unknown_email', { email: ['field.unknown_account'] });
      const [row] = await tx.insert(memberships).values({ userId: person.id, structureId, role: input.role, grantedBy: actor.id }).returning();
      await recordAudit(tx, actor, { action: 'membership.grant', entity: 'user', entityId: person.id, structureId, after: row });
      return row.id;
    });
    const [row] = await selectMemberships(db).where(eq(memberships.id, id));
    return toMembership(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('structures.role_held', { role: ['field.already_held'] });
    throw error;
  }
}

export async function revokeMembership(db: Db, actor: Actor, structureId: string, membershipId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.id, membershipId), eq(memberships.structureId, structureId)))
      .for('update');
    if (!row) throw new NotFound('thing.membership');
    if (row.userId === actor.id && row.role === 'admin') {
      const [{ n }] = await tx.select({ n: count() }).from(memberships).where(and(eq(memberships.userId, actor.id), eq(memberships.role, 'admin')));
      if (n <= 1) throw new Conflict('structures.last_admin_role');
    }
    await tx.delete(memberships).where(eq(memberships.id, membershipId));
    await recordAudit(tx, actor, { action: 'membership.revoke', entity: 'user', entityId: row.userId, structureId, before: row });
  });
}

type FigureRow = Record<string, unknown> & { structure_id: string };

async function figures(db: Db, query: ReturnType<typeof sql>): Promise<FigureRow[]> {
  return rowsOf<FigureRow>(await db.execute(query));
}

/**
 * The city view: each structure the person reaches, with the figures of the rows it holds itself
 * (a parent's totals are the sum of its row and its children's, which the admin adds up).
 */
export async function structureOverview(db: Db, user: CurrentUser): Promise<StructureFigures[]> {
  const list = await listStructures(db, user);
  const ids = list.map((s) => s.id);
  if (ids.length === 0) return [];
  const idList = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const [programmeRows, applicationRows, cohortRows, coachingRows, moneyRows] = await Promise.all([
    figures(db, sql`select structure_id, count(*)::int as n from programmes where structure_id in (${idList}) group by structure_id`),
    figures(
      db,
      sql`select structure_id, count(*) filter (where status <> 'draft')::int as n, count(*) filter (where status = 'accepted')::int as accepted
          from applications where structure_id in (${idList}) group by structure_id`,
    ),
    figures(db, sql`select structure_id, count(*)::int as n from cohorts where structure_id in (${idList}) group by structure_id`),
    figures(
      db,
      sql`select structure_id, coalesce(sum(duration_minutes), 0)::int as n from coaching_sessions
          where status = 'held' and structure_id in (${idList}) group by structure_id`,
    ),
    // Committed: commitments less releases; disbursed: payouts. Reversed entries and their reversals cancel out.
    figures(
      db,
      sql`select f.structure_id, e.currency,
            coalesce(sum(case when e.kind = 'commitment' then l.debit_minor when e.kind = 'cancellation' then -l.debit_minor else 0 end), 0)::bigint as committed,
            coalesce(sum(case when e.kind = 'disbursement' then l.debit_minor else 0 end), 0)::bigint as disbursed
          from journal_entries e
          join funds f on f.id = e.fund_id
          join journal_lines l on l.entry_id = e.id
          where f.structure_id in (${idList})
            and e.reverses_entry_id is null
            and not exists (select 1 from journal_entries r where r.reverses_entry_id = e.id)
          group by f.structure_id, e.currency`,
    ),
  ]);
  const byId = (rows: FigureRow[], field = 'n') => new Map(rows.map((r) => [r.structure_id, Number(r[field] ?? 0)]));
  const programmesBy = byId(programmeRows);
  const applicationsBy = byId(applicationRows);
  const acceptedBy = byId(applicationRows, 'accepted');
  const cohortsBy = byId(cohortRows);
  const minutesBy = byId(coachingRows);
  return list.map((s) => ({
    structureId: s.id,
    parentId: s.parentId,
    name: s.name,
    kind: s.kind,
    depth: s.depth,
    programmes: programmesBy.get(s.id) ?? 0,
    applications: applicationsBy.get(s.id) ?? 0,
    accepted: acceptedBy.get(s.id) ?? 0,
    cohorts: cohortsBy.get(s.id) ?? 0,
    coachingMinutesHeld: minutesBy.get(s.id) ?? 0,
    money: moneyRows
      .filter((r) => r.structure_id === s.id)
      .map((r) => ({ currency: r.currency as CurrencyCode, committedMinor: Number(r.committed), disbursedMinor: Number(r.disbursed) })),
  }));
}
