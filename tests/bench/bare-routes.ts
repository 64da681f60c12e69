import { SESSION_COOKIE } from '@essor/shared/auth';
import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type postgres from 'postgres';
import { sha256 } from '../../api/src/lib/passwords';
import { allocatePayments, daysInArrears } from '../../api/src/modules/loans/schedule';

/**
 * The floor each Essor list is measured against: plain Hono handlers running the same SQL by hand through
 * postgres-js and answering the same JSON shape, session and reach check included (one query), with no
 * zod, no middleware chain, no drizzle mapping. Cursors are the same base64url [sortValue, id] pairs.
 */
type Row = Record<string, unknown>;
type Sql = postgres.Sql;

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : null);
const encodeCursor = (sortValue: string | number, id: string | number) => Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
const decodeCursor = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string | number, string | number];
const groupBy = <T extends Row>(rows: T[], key: string) => {
  const map = new Map<unknown, T[]>();
  for (const row of rows) {
    const list = map.get(row[key]);
    if (list) list.push(row);
    else map.set(row[key], [row]);
  }
  return map;
};

/** The caller's user id and the structures the given roles reach (held node and everything under it). */
async function session(sql: Sql, c: Context, roles: readonly string[]): Promise<{ userId: string; reach: string[] } | null> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return null;
  const [row] = await sql`
    select s.user_id, coalesce(array_agg(distinct below.id) filter (where below.id is not null), '{}') as reach, bool_or(m.role is not null) as allowed
    from sessions s
    left join memberships m on m.user_id = s.user_id and m.role = any(${sql.array([...roles])})
    left join structures held on held.id = m.structure_id
    left join structures below on below.path like held.path || '%'
    where s.token_hash = ${sha256(token)} and s.expires_at > now()
    group by s.user_id`;
  if (!row || !row.allowed) return null;
  return { userId: row.user_id as string, reach: row.reach as string[] };
}

function page<T extends Row>(rows: T[], limit: number, cursorOf: (row: T) => string) {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? cursorOf(items[items.length - 1]) : null };
}

function limitOf(c: Context) {
  return Math.min(Number(c.req.query('limit') ?? 50), 200);
}

/** (created_at, id) keyset condition for a time cursor, or true. */
function timeCursor(sql: Sql, c: Context, createdAt: string, id: string) {
  const cursor = c.req.query('cursor');
  if (!cursor) return sql`true`;
  const [at, last] = decodeCursor(cursor);
  return sql`(${sql.unsafe(createdAt)}, ${sql.unsafe(id)}) < (${String(at)}::timestamptz, ${String(last)}::uuid)`;
}

/** The financing rows a viewer sees: its structures', or about one of its own projects (lib/viewer.ts visibleRow). */
function visible(sql: Sql, userId: string, reach: string[], alias: string) {
  return sql`(${sql.unsafe(alias)}.structure_id = any(${sql.array(reach, 2950)}) or ${sql.unsafe(alias)}.project_id in (
    select p.id from projects p join organisations o on o.id = p.organisation_id where p.holder_user_id = ${userId} or o.owner_user_id = ${userId}))`;
}

export function bareRoutes(sql: Sql): Hono {
  const app = new Hono();
  const guard = async (c: Context, roles: readonly string[]) => session(sql, c, roles);

  app.get('/api/users', async (c) => {
    const who = await guard(c, ['admin']);
    if (!who) return c.json({ error: 'forbidden' }, 403);
    const limit = limitOf(c);
    const role = c.req.query('role');
    const rows = await sql`
      select * from users u
      where (exists (select 1 from memberships m where m.user_id = u.id and m.structure_id = any(${sql.array(who.reach, 2950)}))
        or not exists (select 1 from memberships m where m.user_id = u.id))
      ${role ? sql`and u.roles @> ${sql.array([role])}` : sql``}
      and ${timeCursor(sql, c, 'u.created_at', 'u.id')}
      order by u.created_at desc, u.id desc limit ${limit + 1}`;
    const p = page(rows, limit, (r) => encodeCursor(iso(r.created_at)!, r.id as string));
    const held = p.items.length
      ? await sql`select m.id, m.user_id, m.structure_id, s.name as structure_name, m.role from memberships m join structures s on s.id = m.structure_id
          where m.user_id = any(${sql.array(p.items.map((r) => r.id as string), 2950)}) order by s.path, m.role`
      : [];
    const byUser = groupBy(held, 'user_id');
    const items = p.items.map((r) => {
      const mine = (byUser.get(r.id) ?? []).map((m) => ({ id: m.id, structureId: m.structure_id, structureName: m.structure_name, role: m.role }));
      return {
        id: r.id,
        email: r.email,
        name: r.name,
        roles: [...new Set([...(r.roles as string[]), ...mine.map((m) => m.role as string)])],
        memberships: mine,
        locale: r.locale,
        status: r.status,
        createdAt: iso(r.created_at),
        lastLoginAt: iso(r.last_login_at),
      };
    });
    return c.json({ items, nextCursor: p.nextCursor });
  });

  app.get('/api/applications', async (c) => {
    const who = await guard(c, ['admin', 'staff']);
    if (!who) return c.json({ error: 'forbidden' }, 403);
    const limit = limitOf(c);
    const status = c.req.query('status');
    const rows = await sql`
      select a.id, a.structure_id as "structureId", a.programme_id as "programmeId", pr.code as "programmeCode", pr.name as "programmeName",
             a.project_id as "projectId", p.title as "projectTitle", o.name as "organisationName", o.legal_form as "legalForm",
             a.holder_user_id as "holderUserId", u.name as "holderName", a.status, a.submitted_at, a.decided_at, a.created_at, a.updated_at
      from applications a
      join programmes pr on pr.id = a.programme_id
      join projects p on p.id = a.project_id
      join organisations o on o.id = p.organisation_id
      join users u on u.id = a.holder_user_id
      where a.structure_id = any(${sql.array(who.reach, 2950)})
        ${status ? sql`and a.status = ${status}` : sql``}
        and ${timeCursor(sql, c, 'a.created_at', 'a.id')}
      order by a.created_at desc, a.id desc limit ${limit + 1}`;
    const p = page(rows, limit, (r) => encodeCursor(iso(r.created_at)!, r.id as string));
    const items = p.items.map(({ submitted_at, decided_at, created_at, updated_at, ...r }) => ({
      ...r,
      submittedAt: iso(submitted_at),
      decidedAt: iso(decided_at),
      createdAt: iso(created_at),
      updatedAt: iso(updated_at),
    }));
    return c.json({ items, nextCursor: p.nextCursor });
  });

  app.get('/api/projects', async (c) => {
    const who = await guard(c, ['admin', 'staff', 'coach', 'fund_manager']);
    if (!who) return c.json({ error: 'forbidden' }, 403);
    const limit = limitOf(c);
    const stage = c.req.query('stage');
    const rows = await sql`
      select p.id, p.structure_id as "structureId", s.name as "structureName", p.organisation_id as "organisationId", o.name as "organisationName",
             o.legal_form as "legalForm", p.programme_id as "programmeId", pr.code as "programmeCode", pr.name as "programmeName", p.title,
             p.description, p.needs, p.district, p.total_budget_minor::float8 as "totalBudgetMinor", p.currency, p.stage,
             p.holder_user_id as "holderUserId", p.created_at
      from projects p
      join organisations o on o.id = p.organisation_id
      join structures s on s.id = p.structure_id
      left join programmes pr on pr.id = p.programme_id
      where p.structure_id = any(${sql.array(who.reach, 2950)})
        ${stage ? sql`and p.stage = ${stage}` : sql``}
        and ${timeCursor(sql, c, 'p.created_at', 'p.id')}
      order by p.created_at desc, p.id desc limit ${limit + 1}`;
    const p = page(rows, limit, (r) => encodeCursor(iso(r.created_at)!, r.id as string));
    return c.json({ items: p.items.map(({ created_at, ...r }) => ({ ...r, createdAt: iso(created_at) })), nextCursor: p.nextCursor });
  });

  app.get('/api/followup/milestones', async (c) => {
    const who = await guard(c, ['admin', 'staff', 'coach', 'fund_manager']);
    if (!who) return c.json({ error: 'forbidden' }, 403);
    const limit = limitOf(c);
    const cursor = c.req.query('cursor');
    let after = sql`true`;
    if (cursor) {
      const [due, id] = decodeCursor(cursor);
      after =
        due === ''
          ? sql`(m.due_on is null and m.id > ${String(id)}::uuid)`
          : sql`(m.due_on > ${String(due)}::date or (m.due_on = ${String(due)}::date and m.id > ${String(id)}::uuid) or m.due_on is null)`;
    }
    const rows = await sql`
      select m.id, m.structure_id as "structureId", s.name as "structureName", m.project_id as "projectId", p.title as "projectTitle", o.name as "organisationName",
             m.kind, m.title, m.due_on::text as "dueOn", m.status, m.evidence, m.reached_on::text as "reachedOn"
      from milestones m
      join structures s on s.id = m.structure_id
      join projects p on p.id = m.project_id
      join organisations o on o.id = p.organisation_id
      where m.structure_id = any(${sql.array(who.reach, 2950)}) and ${after}
      order by m.due_on asc nulls last, m.id limit ${limit + 1}`;
    const today = new Date().toISOString().slice(0, 10);
    const p = page(rows, limit, (r) => encodeCursor((r.dueOn as string | null) ?? '', r.id as string));
    return c.json({ items: p.items.map((r) => ({ ...r, overdue: r.status === 'planned' && r.dueOn !== null && (r.dueOn as string) < today })), nextCursor: p.nextCursor });
  });

  app.get('/api/funds/ledger/entries', async (c) => {
    const who = await guard(c, ['admin', 'staff', 'fund_manager']);
    if (!who) return c.json({ error: 'forbidden' }, 403);
    const limit = limitOf(c);
    const cursor = c.req.query('cursor');
    const fundId = c.req.query('fundId');
    const rows = await sql`
      select e.id::float8 as id, e.fund_id as "fundId", e.currency, e.occurred_on::text as "occurredOn", e.kind, e.description, e.project_id as "projectId",
             e.source_type as "sourceType", e.source_id as "sourceId", e.reverses_entry_id::float8 as "reversesEntryId", e.posted_by as "postedBy", e.posted_at
      from journal_entries e
      where e.fund_id in (select f.id from funds f where f.structure_id = any(${sql.array(who.reach, 2950)}))
        ${fundId ? sql`and e.fund_id = ${fundId}` : sql``}
        ${cursor ? sql`and e.id < ${Number(decodeCursor(cursor)[1])}` : sql``}
      order by e.id desc limit ${limit + 1}`;
    const p = page(rows, limit, (r) => encodeCursor(r.id as number, r.id as number));
    const ids = p.items.map((r) => r.id as number);
    const lines = ids.length
      ? await sql`select l.entry_id::float8 as entry_id, l.account_id as "accountId", a.code as "accountCode", a.name as "accountName",
                         l.debit_minor::float8 as "debitMinor", l.credit_minor::float8 as "creditMinor"
                  from journal_lines l join ledger_accounts a on a.id = l.account_id where l.entry_id = any(${sql.array(ids, 20)}) order by l.id`
      : [];
    const reversals = ids.length ? await sql`select id::float8 as id, reverses_entry_id::float8 as reverses from journal_entries where reverses_entry_id = any(${sql.array(ids, 20)})` : [];
    const reversedBy = new Map(reversals.map((r) => [r.reverses, r.id]));
    const byEntry = groupBy(lines, 'entry_id');
    const items = p.items.map(({ posted_at, ...r }) => ({
      ...r,
      reversedByEntryId: reversedBy.get(r.id) ?? null,
      postedAt: iso(posted_at),
      lines: (byEntry.get(r.id) ?? []).map(({ entry_id: _e, ...line }) => line),
    }));
    return c.json({ items, nextCursor: p.nextCursor });
  });

  app.get('/api/coaching/sessions', async (c) => {
    const who = await guard(c, ['admin', 'staff', 'coach']);
    if (!who) return c.json({ error: 'forbidden' }, 403);
    const from = c.req.query('from')!;
    const to = c.req.query('to')!;
    const rows = await sql`
      select s.id, s.structure_id as "structureId", st.name as "structureName", s.cohort_id as "cohortId", co.name as "cohortName", s.format,
             s.project_id as "projectId", s.support_type as "supportType", s.title, s.starts_at, s.ends_at, s.duration_minutes as "durationMinutes",
             s.mode, s.place, s.coach_id as "coachId", ch.name as "coachName", s.status, s.decisions, s.cancelled_at, s.cancellation_reason as "cancellationReason", s.notes
      from coaching_sessions s
      join structures st on st.id = s.structure_id
      join cohorts co on co.id = s.cohort_id
      join coaches ch on ch.id = s.coach_id
      where s.starts_at < ${new Date(to)} and s.ends_at > ${new Date(from)}
        and (s.structure_id = any(${sql.array(who.reach, 2950)}) or ch.user_id = ${who.userId})
      order by s.starts_at, s.id limit 2000`;
    const ids = rows.map((r) => r.id as string);
    const [attendees, actions] = ids.length
      ? await Promise.all([
          sql`select a.session_id, a.project_id as "projectId", p.title as "projectTitle", o.name as "organisationName", a.attendance, a.participants
              from coaching_session_attendees a join projects p on p.id = a.project_id join organisations o on o.id = p.organisation_id
              where a.session_id = any(${sql.array(ids, 2950)}) order by p.title`,
          sql`select i.id, i.session_id as "sessionId", i.project_id as "projectId", p.title as "projectTitle", i.description, i.owner, i.due_on::text as "dueOn", i.status, i.done_at
              from coaching_action_items i join projects p on p.id = i.project_id where i.session_id = any(${sql.array(ids, 2950)}) order by i.created_at, i.id`,
        ])
      : [[], []];
    const today = new Date().toISOString().slice(0, 10);
    const bySession = groupBy(attendees, 'session_id');
    const itemsBySession = groupBy(actions, 'sessionId');
    const items = rows.map(({ starts_at, ends_at, cancelled_at, notes, ...r }) => ({
      ...r,
      startsAt: iso(starts_at),
      endsAt: iso(ends_at),
      cancelledAt: iso(cancelled_at),
      attendees: (bySession.get(r.id) ?? []).map(({ session_id: _s, ...a }) => a),
      actionItems: (itemsBySession.get(r.id) ?? []).map(({ done_at, ...i }) => ({ ...i, overdue: i.status === 'open' && i.dueOn !== null && (i.dueOn as string) < today, doneAt: iso(done_at) })),
      notes,
    }));
    return c.json(items);
  });

  app.get('/api/funds/cofinancing', async (c) => {
    const who = await guard(c, ['admin', 'staff', 'fund_manager', 'committee_member', 'project_holder']);
    if (!who) return c.json({ error: 'forbidden' }, 403);
    const status = c.req.query('status');
    const limit = limitOf(c);
    const cursor = c.req.query('cursor');
    const found = await sql`
      select r.*, r.number::float8 as number, r.amount_minor::float8 as amount_minor, r.agreement_signed_on::text as agreement_signed_on from cofinancing_requests r
      where ${visible(sql, who.userId, who.reach, 'r')} ${status ? sql`and r.status = ${status}` : sql``}
        ${cursor ? sql`and r.number < ${Number(decodeCursor(cursor)[0])}` : sql``}
      order by r.number desc limit ${limit + 1}`;
    const { items: rows, nextCursor } = page(found, limit, (r) => encodeCursor(r.number as number, r.id as string));
    if (rows.length === 0) return c.json({ items: [], nextCursor });
    const ids = rows.map((r) => r.id as string);
    const [fundRows, projectRows, tranches] = await Promise.all([
      sql`select id, code, committee_threshold_minor::float8 as threshold from funds where id = any(${sql.array([...new Set(rows.map((r) => r.fund_id as string))], 2950)})`,
      sql`select id, title, total_budget_minor::float8 as budget from projects where id = any(${sql.array([...new Set(rows.map((r) => r.project_id as string))], 2950)})`,
      sql`select t.id, t.request_id, t.seq, t.amount_minor::float8 as "amountMinor", t.milestone_id as "milestoneId", m.title as "milestoneTitle", m.status as "milestoneStatus",
                 t.status, t.disbursed_on::text as "disbursedOn", t.journal_entry_id::float8 as "journalEntryId"
          from cofinancing_tranches t left join milestones m on m.id = t.milestone_id where t.request_id = any(${sql.array(ids, 2950)}) order by t.seq`,
    ]);
    const fundsById = new Map(fundRows.map((f) => [f.id, f]));
    const projectsById = new Map(projectRows.map((p) => [p.id, p]));
    const byRequest = groupBy(tranches, 'request_id');
    const items = rows.map((r) => {
      const fund = fundsById.get(r.fund_id)!;
      const project = projectsById.get(r.project_id)!;
      const own = (byRequest.get(r.id) ?? []).map(({ request_id: _r, ...t }) => ({ ...t, disbursable: false }) as Row);
      return {
        id: r.id,
        number: r.number,
        structureId: r.structure_id,
        fundId: r.fund_id,
        fundCode: fund.code,
        projectId: r.project_id,
        projectTitle: project.title,
        projectBudgetMinor: project.budget,
        amountMinor: r.amount_minor,
        currency: r.currency,
        purpose: r.purpose,
        otherFunders: r.other_funders,
        status: r.status,
        createdBy: r.created_by,
        recommendation: r.recommendation,
        preparedBy: r.prepared_by,
        preparedAt: iso(r.prepared_at),
        committeeRequired: (r.amount_minor as number) > (fund.threshold as number),
        committeeDecision: r.committee_decision,
        committeeNote: r.committee_note,
        committeeDecidedAt: iso(r.committee_decided_at),
        decidedBy: r.decided_by,
        decidedAt: iso(r.decided_at),
        decisionNote: r.decision_note,
        conditions: r.conditions,
        agreementSignedOn: r.agreement_signed_on,
        tranches: own,
        disbursedMinor: own.filter((t) => t.status === 'disbursed').reduce((sum, t) => sum + (t.amountMinor as number), 0),
        createdAt: iso(r.created_at),
        timeline: [],
        allowedActions: [],
        waiting: [],
      };
    });
    return c.json({ items, nextCursor });
  });

  app.get('/api/funds/loans', async (c) => {
    const who = await guard(c, ['admin', 'staff', 'fund_manager', 'project_holder']);
    if (!who) return c.json({ error: 'forbidden' }, 403);
    const status = c.req.query('status');
    const limit = limitOf(c);
    const cursor = c.req.query('cursor');
    const found = await sql`
      select l.*, l.number::float8 as number, l.principal_minor::float8 as principal_minor, l.disbursed_on::text as disbursed_on, l.closed_on::text as closed_on
      from loans l where ${visible(sql, who.userId, who.reach, 'l')} ${status ? sql`and l.status = ${status}` : sql``}
        ${cursor ? sql`and l.number < ${Number(decodeCursor(cursor)[0])}` : sql``}
      order by l.number desc limit ${limit + 1}`;
    const { items: rows, nextCursor } = page(found, limit, (r) => encodeCursor(r.number as number, r.id as string));
    if (rows.length === 0) return c.json({ items: [], nextCursor });
    const ids = sql.array(rows.map((r) => r.id as string), 2950);
    const [fundRows, projectRows, instalments, repayments, actions] = await Promise.all([
      sql`select id, code from funds where id = any(${sql.array([...new Set(rows.map((r) => r.fund_id as string))], 2950)})`,
      sql`select id, title from projects where id = any(${sql.array([...new Set(rows.map((r) => r.project_id as string))], 2950)})`,
      sql`select loan_id, version, seq, due_on::text as "dueOn", principal_minor::float8 as "principalMinor", interest_minor::float8 as "interestMinor" from loan_instalments where loan_id = any(${ids}) order by seq`,
      sql`select id, loan_id, paid_on::text as "paidOn", amount_minor::float8 as "amountMinor", principal_minor::float8 as "principalMinor", interest_minor::float8 as "interestMinor",
                 schedule_version as "scheduleVersion", journal_entry_id::float8 as "journalEntryId" from loan_repayments where loan_id = any(${ids}) order by paid_on, created_at`,
      sql`select * from loan_actions where loan_id = any(${ids}) order by proposed_at`,
    ]);
    const fundsById = new Map(fundRows.map((f) => [f.id, f.code]));
    const projectsById = new Map(projectRows.map((p) => [p.id, p.title]));
    const [byLoan, paidByLoan, actionsByLoan] = [groupBy(instalments, 'loan_id'), groupBy(repayments, 'loan_id'), groupBy(actions, 'loan_id')];
    const asOf = new Date().toISOString().slice(0, 10);
    const items = rows.map((r) => {
      const schedule = (byLoan.get(r.id) ?? [])
        .filter((i) => i.version === r.schedule_version)
        .map((i) => ({ seq: i.seq as number, dueOn: i.dueOn as string, principalMinor: i.principalMinor as number, interestMinor: i.interestMinor as number }));
      const own = paidByLoan.get(r.id) ?? [];
      const received = own.filter((p) => p.scheduleVersion === r.schedule_version).reduce((sum, p) => sum + (p.amountMinor as number), 0);
      const standing = allocatePayments(schedule, received, asOf);
      const live = r.status === 'active';
      const repaid = own.reduce((sum, p) => sum + (p.principalMinor as number), 0);
      const arrears = standing.filter((i) => i.status === 'overdue').reduce((sum, i) => sum + i.principalMinor + i.interestMinor - i.paidPrincipalMinor - i.paidInterestMinor, 0);
      return {
        id: r.id,
        number: r.number,
        structureId: r.structure_id,
        fundId: r.fund_id,
        fundCode: fundsById.get(r.fund_id),
        projectId: r.project_id,
        projectTitle: projectsById.get(r.project_id),
        kind: r.kind,
        principalMinor: r.principal_minor,
        currency: r.currency,
        rateBps: r.rate_bps,
        termMonths: r.term_months,
        graceMonths: r.grace_months,
        method: r.method,
        purpose: r.purpose,
        status: r.status,
        proposedBy: r.proposed_by,
        decidedBy: r.decided_by,
        disbursedOn: r.disbursed_on,
        closedOn: r.closed_on,
        scheduleVersion: r.schedule_version,
        actions: (actionsByLoan.get(r.id) ?? []).map((a) => ({
          id: a.id,
          kind: a.kind,
          params: a.params,
          reason: a.reason,
          status: a.status,
          proposedBy: a.proposed_by,
          proposedAt: iso(a.proposed_at),
          decidedBy: a.decided_by,
          decidedAt: iso(a.decided_at),
          journalEntryId: a.journal_entry_id === null ? null : Number(a.journal_entry_id),
        })),
        repaidPrincipalMinor: repaid,
        outstandingPrincipalMinor: live ? (r.principal_minor as number) - repaid : 0,
        arrearsMinor: live ? arrears : 0,
        daysInArrears: live ? daysInArrears(standing, asOf) : 0,
        createdAt: iso(r.created_at),
        allowedActions: [],
        waiting: [],
      };
    });
    return c.json({ items, nextCursor });
  });

  return app;
}

/** The paths that have a bare twin (the list benchmark marks the others "no bare route yet"). */
export const BARE_PATHS = ['/api/users', '/api/applications', '/api/projects', '/api/funds/ledger/entries', '/api/coaching/sessions', '/api/funds/cofinancing', '/api/funds/loans', '/api/followup/milestones'];
