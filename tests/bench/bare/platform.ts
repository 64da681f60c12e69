import { NOTIFICATION_KINDS, type NotificationKind } from '@essor/shared/notifications';
import { STAFF_SIDE_ROLES } from '@essor/shared/roles';
import { renderNotification } from '../../../api/src/modules/notifications/templates';
import { type BareModule, type ReachRow, type Row, caller, decodeCursor, encodeCursor, iso, limitOf, page, timeCursor } from './kit';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const idsOf = (path: string) => path.split('/').filter(Boolean);

/** Where each kind of audited row finds its name (table, label column), or the project it is about (table only). */
const NAMED: Record<string, [string, string]> = {
  user: ['users', 'name'],
  structure: ['structures', 'name'],
  programme: ['programmes', 'name'],
  cohort: ['cohorts', 'name'],
  project: ['projects', 'title'],
  organisation: ['organisations', 'name'],
  committee_session: ['committee_sessions', 'title'],
  coaching_session: ['coaching_sessions', 'title'],
  coach: ['coaches', 'name'],
  fund: ['funds', 'name'],
  funder: ['funders', 'name'],
  milestone: ['milestones', 'title'],
  action_item: ['coaching_action_items', 'description'],
  journal_entry: ['journal_entries', 'description'],
  equipment_asset: ['equipment_assets', 'item'],
};
const ABOUT_A_PROJECT: Record<string, string> = {
  application: 'applications',
  cofinancing: 'cofinancing_requests',
  loan: 'loans',
  equipment_quote: 'equipment_quotes',
  followup_visit: 'followup_visits',
  coaching_plan: 'coaching_plans',
};

/** The admin's structures, and whether one is a top node: rows of no structure are then readable too (audit, outbox). */
function adminScope(rows: ReachRow[]) {
  const admin = rows.filter((r) => r.role === 'admin');
  return { ids: [...new Set(admin.map((r) => r.id))], top: admin.some((r) => idsOf(r.path).length === 1) };
}

/** Platform: audit, notifications, mail outbox, structures. */
export const platform: BareModule = {
  paths: ['/api/audit', '/api/notifications', '/api/mail/outbox', '/api/structures'],
  register(app, sql) {
    app.get('/api/audit', async (c) => {
      const who = await caller(sql, c);
      if (!who || !who.has(['admin'])) return c.json({ error: 'forbidden' }, 403);
      const limit = limitOf(c);
      const { entity, entityId, cursor } = c.req.query();
      const scope = adminScope(who.rows);
      const rows = await sql`
        select a.id::float8 as id, a.at, a.actor_id, a.actor_email, a.action, a.entity, a.entity_id, a.before, a.after, a.request_id
        from audit_log a
        where (a.structure_id = any(${sql.array(scope.ids, 2950)}) ${scope.top ? sql`or a.structure_id is null` : sql``})
          ${entity ? sql`and a.entity = ${entity}` : sql``}
          ${entityId ? sql`and a.entity_id = ${entityId}` : sql``}
          ${cursor ? sql`and a.id < ${Number(decodeCursor(cursor)[1])}` : sql``}
        order by a.id desc limit ${limit + 1}`;
      const p = page(rows, limit, (r) => encodeCursor(r.id as number, r.id as number));
      // Names of the rows the page mentions, one query per kind, and of their authors.
      const byKind = new Map<string, Set<string>>();
      for (const r of p.items) {
        const kind = r.entity as string;
        if (!UUID.test(r.entity_id as string) || !(kind in NAMED || kind in ABOUT_A_PROJECT)) continue;
        byKind.set(kind, (byKind.get(kind) ?? new Set()).add(r.entity_id as string));
      }
      const actorIds = [...new Set(p.items.map((r) => r.actor_id as string | null).filter((id): id is string => Boolean(id && UUID.test(id))))];
      const found = await Promise.all([
        ...[...byKind].map(async ([kind, ids]) => {
          const list = sql.array([...ids], 2950);
          const named = NAMED[kind];
          const labels = named
            ? await sql`select id::text as id, ${sql(named[1])}::text as label from ${sql(named[0])} where id = any(${list})`
            : await sql`select x.id::text as id, p.title as label from ${sql(ABOUT_A_PROJECT[kind])} x join projects p on p.id = x.project_id where x.id = any(${list})`;
          return labels.map((l) => [`${kind}:${l.id as string}`, l.label as string] as const);
        }),
        actorIds.length ? sql`select id, name from users where id = any(${sql.array(actorIds, 2950)})`.then((us) => us.map((u) => [`actor:${u.id as string}`, u.name as string] as const)) : [],
      ]);
      const labels = new Map(found.flat());
      const items = p.items.map((r) => ({
        id: String(r.id),
        at: iso(r.at),
        actorId: r.actor_id,
        actorEmail: r.actor_email,
        actorName: r.actor_id ? (labels.get(`actor:${r.actor_id as string}`) ?? null) : null,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        entityLabel: labels.get(`${r.entity as string}:${r.entity_id as string}`) ?? null,
        before: r.before ?? null,
        after: r.after ?? null,
        requestId: r.request_id,
      }));
      return c.json({ items, nextCursor: p.nextCursor });
    });
    // Any signed-in person: their own notifications of the kinds this version knows, rendered in their language.
    app.get('/api/notifications', async (c) => {
      const who = await caller(sql, c);
      if (!who) return c.json({ error: 'unauthenticated' }, 401);
      const limit = Math.min(Number(c.req.query('limit') ?? 20), 100);
      const unread = c.req.query('unread') === 'true';
      const rows = await sql`
        select n.id, n.kind, n.params, n.link, n.channel, n.created_at, n.read_at
        from notifications n
        where n.user_id = ${who.userId} and n.kind = any(${sql.array([...NOTIFICATION_KINDS])})
          ${unread ? sql`and n.read_at is null` : sql``}
          and ${timeCursor(sql, c, 'n.created_at', 'n.id')}
        order by n.created_at desc, n.id desc limit ${limit + 1}`;
      const p = page(rows, limit, (r) => encodeCursor(iso(r.created_at)!, r.id as string));
      const locale = who.locale === 'en' ? 'en' : 'fr';
      const items = p.items.map((r) => {
        const rendered = renderNotification(r.kind as NotificationKind, locale, r.params as Row);
        return {
          id: r.id,
          kind: r.kind,
          title: rendered.title,
          body: rendered.paragraphs.join('\n'),
          link: r.link,
          channel: r.channel,
          createdAt: iso(r.created_at),
          readAt: iso(r.read_at),
        };
      });
      return c.json({ items, nextCursor: p.nextCursor });
    });
    app.get('/api/mail/outbox', async (c) => {
      const who = await caller(sql, c);
      if (!who || !who.has(['admin'])) return c.json({ error: 'forbidden' }, 403);
      const limit = limitOf(c);
      const { status, kind } = c.req.query();
      const scope = adminScope(who.rows);
      const rows = await sql`
        select m.id, m.structure_id as "structureId", m.to_address as "to", m.locale, m.kind, m.subject, m.status, m.attempts,
               m.next_attempt_at, m.last_error as "lastError", m.created_at, m.sent_at
        from outbox_messages m
        where (m.structure_id = any(${sql.array(scope.ids, 2950)}) ${scope.top ? sql`or m.structure_id is null` : sql``})
          ${status ? sql`and m.status = ${status}` : sql``}
          ${kind ? sql`and m.kind = ${kind}` : sql``}
          and ${timeCursor(sql, c, 'm.created_at', 'm.id')}
        order by m.created_at desc, m.id desc limit ${limit + 1}`;
      const p = page(rows, limit, (r) => encodeCursor(iso(r.created_at)!, r.id as string));
      const items = p.items.map((r) => ({
        id: r.id,
        structureId: r.structureId,
        to: r.to,
        locale: r.locale,
        kind: r.kind,
        subject: r.subject,
        status: r.status,
        attempts: r.attempts,
        nextAttemptAt: iso(r.next_attempt_at),
        lastError: r.lastError,
        createdAt: iso(r.created_at),
        sentAt: iso(r.sent_at),
      }));
      return c.json({ items, nextCursor: p.nextCursor });
    });
    // Every structure any role reaches, parents first and siblings by name (sorted as Essor does, in French).
    app.get('/api/structures', async (c) => {
      const who = await caller(sql, c);
      if (!who || !who.has(STAFF_SIDE_ROLES)) return c.json({ error: 'forbidden' }, 403);
      const ids = who.reachOf(STAFF_SIDE_ROLES);
      if (ids.length === 0) return c.json([]);
      const rows = await sql`
        select id, parent_id as "parentId", name, kind, territory, languages, currency, logo_url as "logoUrl", contact_name as "contactName",
               contact_email as "contactEmail", contact_phone as "contactPhone", path
        from structures where id = any(${sql.array(ids, 2950)}) order by path`;
      const names = new Map(
        (await sql`select id, name from structures where id = any(${sql.array([...new Set(rows.flatMap((r) => idsOf(r.path as string)))], 2950)})`).map((r) => [r.id as string, r.name as string]),
      );
      const trailOf = (path: string) => idsOf(path).map((id) => names.get(id) ?? '');
      const keyed = rows.map((r) => ({ row: r, key: trailOf(r.path as string).join('\u0000') }));
      keyed.sort((a, b) => a.key.localeCompare(b.key, 'fr'));
      const managed = who.rows.filter((r) => r.role === 'admin').map((r) => r.heldOn);
      return c.json(
        keyed.map(({ row: { path, ...r } }) => ({
          ...r,
          depth: idsOf(path as string).length - 1,
          trail: trailOf(path as string),
          canManage: managed.some((id) => idsOf(path as string).includes(id)),
        })),
      );
    });
  },
};
