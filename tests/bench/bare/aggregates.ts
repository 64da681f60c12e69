import { APPLICATION_STATUSES, BOARD_COLUMN_SIZE } from '@essor/shared/applications';
import { RISK_CLASSES } from '@essor/shared/guarantees';
import { STAFF_SIDE_ROLES } from '@essor/shared/roles';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '@essor/shared/auth';
import { sha256 } from '../../../api/src/lib/passwords';
import { figuresFrom } from '../../../api/src/modules/funds/figures';
import { addMonths, divideRounded } from '../../../api/src/modules/loans/schedule';
import { type BareModule, type Row, type Sql, guard, iso } from './kit';

/**
 * Dashboards and aggregates: each twin runs its SQL by hand on every request, with no cache, the floor of
 * computing the figures. Essor caches none of these routes today (lib/figures-cache.ts serves the impact
 * dashboard, the inventory summary and the open data), but several compose other services' whole reads:
 *
 * - the home page (`/api/home`) is per role; the twin answers what Essor computes for the bench's caller, an
 *   admin holding every staff-side role on the top node and no public role (no holder block, no welcome). Essor
 *   builds its counts from other modules' full reads (the approval inbox's rows, every active loan with its
 *   schedule standing, every approved co-financing request with its allowed actions, the red list's rows);
 *   the twin counts the same rows in one statement (instalments overdue by a running sum of the schedule,
 *   which is what allocatePayments decides, tranches disbursable by the flow's conditions);
 * - the applications board reads one column per status (as Essor: a query each, beside the totals);
 * - the fund timeline folds the months in one pass where Essor walks every row per month.
 */

const STAFF = ['admin', 'staff'] as const;
const MONEY_READERS = ['admin', 'staff', 'fund_manager'] as const;
const LIVE_STATUSES = ['active', 'called'];
const DAY_MS = 86_400_000;
const ids = (sql: Sql, list: readonly string[]) => sql.array([...list], 2950);
const num = (value: unknown) => Number(value ?? 0);

/** The caller's id and, per staff-side role, the structures it reaches (Essor's Reach.byRole), from the session in one query. */
async function reachByRole(sql: Sql, c: Context): Promise<{ userId: string; reach: (roles: readonly string[]) => string[] } | null> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return null;
  const rows = await sql`
    select s.user_id, m.role, below.id
    from sessions s
    left join memberships m on m.user_id = s.user_id
    left join structures held on held.id = m.structure_id
    left join structures below on below.path like held.path || '%'
    where s.token_hash = ${sha256(token)} and s.expires_at > now()`;
  if (rows.length === 0) return null;
  const byRole = new Map<string, Set<string>>();
  for (const row of rows) if (row.role) (byRole.get(row.role as string) ?? byRole.set(row.role as string, new Set()).get(row.role as string)!).add(row.id as string);
  return { userId: rows[0].user_id as string, reach: (roles) => [...new Set(roles.flatMap((role) => [...(byRole.get(role) ?? [])]))] };
}

const summary = (r: Row) => {
  const { submitted_at, decided_at, created_at, updated_at, ...rest } = r;
  return { ...rest, submittedAt: iso(submitted_at), decidedAt: iso(decided_at), createdAt: iso(created_at), updatedAt: iso(updated_at) };
};

/** The months from `from`'s to `to`'s, each with its last day (the last one ends at `to`); at most 120. */
function monthsBetween(from: string, to: string): { month: string; endOn: string }[] {
  const result: { month: string; endOn: string }[] = [];
  for (let first = `${from.slice(0, 7)}-01`; first <= to && result.length < 120; first = addMonths(first, 1)) {
    const last = new Date(Date.parse(`${addMonths(first, 1)}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
    result.push({ month: first.slice(0, 7), endOn: last < to ? last : to });
  }
  return result;
}

function seriesStart(openedOn: string, to: string): string {
  const start = addMonths(`${to.slice(0, 7)}-01`, -23);
  const bounded = start < openedOn ? openedOn : start;
  return bounded > to ? to : bounded;
}

const ratio = (a: number, b: number, scale: bigint) => (b <= 0 ? null : Number(divideRounded(BigInt(a) * scale, BigInt(b))));

export const aggregates: BareModule = {
  paths: [
    '/api/home',
    '/api/applications/funnel',
    '/api/applications/board',
    '/api/coaching/reports/hours',
    '/api/coaching/reports/expert-payments',
    '/api/funds/ledger/trial-balance',
    '/api/funds/:id/timeline',
    '/api/guarantees/dashboard',
    '/api/bonds/offerings/:id/uptake',
    '/api/structures/overview',
  ],
  register(app, sql) {
    app.get('/api/home', async (c) => {
      const who = await reachByRole(sql, c);
      if (!who) return c.json({ error: 'unauthorized' }, 401);
      const { userId } = who;
      const staff = who.reach(STAFF);
      const members = who.reach(['committee_member']);
      const managers = who.reach(['fund_manager']);
      const money = who.reach(MONEY_READERS);
      const followers = who.reach(['admin', 'staff', 'coach', 'fund_manager']);
      const watchers = who.reach(MONEY_READERS);
      const now = new Date();
      const today = now.toISOString().slice(0, 10);
      const dayStart = new Date(`${today}T00:00:00.000Z`);
      const yearStart = new Date(Date.UTC(now.getUTCFullYear(), 0, 1));
      const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
      const months = Array.from({ length: now.getUTCMonth() + 1 }, (_, i) => `${now.getUTCFullYear()}-${String(i + 1).padStart(2, '0')}`);
      const coaching = sql`(cs.structure_id = any(${ids(sql, staff)}) or cs.coach_id in (select id from coaches where user_id = ${userId}))`;
      // A pending decision this fund manager may check: not their own, in reach, and (for the whole-trail kinds) no hand on the document.
      const checkable = (kind: string, entity: string | null) => sql`pd.kind = ${kind} and pd.status = 'pending' and pd.maker_id <> ${userId} and pd.structure_id = any(${ids(sql, managers)})
        ${entity ? sql`and not exists (select 1 from audit_log h where h.entity = ${entity} and h.entity_id = pd.entity_id
          and (h.actor_id = ${userId} or coalesce(h.after->'voterIds', '[]'::jsonb) @> jsonb_build_array(${userId}::text)))` : sql``}`;
      const opinionMissing = sql`(r.amount_minor > f.committee_threshold_minor and r.committee_decision is null)`;
      const [[counts], perMonth, byStatus, moneyRows] = await Promise.all([
        sql`select
          (select count(*)::int from applications a where a.structure_id = any(${ids(sql, staff)}) and a.status in ('submitted', 'screening')) as screen,
          (select count(*)::int from committee_agenda g join committee_sessions s on s.id = g.session_id
             join committee_members m on m.session_id = s.id and m.user_id = ${userId} join applications a on a.id = g.application_id
           where s.status = 'open' and a.status = 'committee' and s.structure_id = any(${ids(sql, members)})
             and not exists (select 1 from committee_decisions d where d.session_id = s.id and d.application_id = g.application_id)
             and not exists (select 1 from committee_conflicts k where k.session_id = s.id and k.application_id = g.application_id and k.user_id = ${userId})
             and not exists (select 1 from committee_scorecards k where k.session_id = s.id and k.application_id = g.application_id and k.user_id = ${userId})) as scorecards,
          (select count(*)::int from committee_agenda g join committee_sessions s on s.id = g.session_id join applications a on a.id = g.application_id
           where s.status = 'open' and a.status = 'committee' and s.structure_id = any(${ids(sql, staff)})
             and not exists (select 1 from committee_decisions d where d.session_id = s.id and d.application_id = g.application_id)
             and (select count(*) from committee_scorecards k where k.session_id = s.id and k.application_id = g.application_id) >= s.quorum) as decisions,
          (select count(*)::int from pending_decisions pd join cofinancing_requests r on r.id::text = pd.entity_id join funds f on f.id = r.fund_id
           where (${checkable('cofinancing.approve', 'cofinancing')} and not ${opinionMissing} and r.created_by <> ${userId}
                  and (r.committee_decided_by is null or r.committee_decided_by <> ${userId}))
              or (pd.kind = 'cofinancing.approve' and pd.status = 'pending' and ${opinionMissing} and pd.structure_id = any(${ids(sql, members)})))
          + (select count(*)::int from pending_decisions pd join loans l on l.id::text = pd.entity_id where ${checkable('loan.approve', 'loan')})
          + (select count(*)::int from pending_decisions pd join loan_actions x on x.id::text = pd.subject_id
             where (${checkable('loan.reschedule', null)}) or (${checkable('loan.write_off', null)}))
          + (select count(*)::int from pending_decisions pd join equipment_quotes q on q.id::text = pd.entity_id where ${checkable('equipment.approve', 'equipment_quote')})
          + (select count(*)::int from pending_decisions pd join accounting_closures x on x.id::text = pd.subject_id where ${checkable('closure.approve', null)})
          + (select count(*)::int from pending_decisions pd join bond_offerings o on o.id::text = pd.entity_id where ${checkable('bond_offering.approve', 'bond_offering')})
          + (select count(*)::int from pending_decisions pd join guarantees g on g.id::text = pd.entity_id
             where (${checkable('guarantee.approve', 'guarantee')}) or (${checkable('guarantee.call', null)})) as approvals,
          (select count(*)::int from (
             select i.due_on, sum(i.principal_minor + i.interest_minor) over (partition by l.id order by i.seq) as owed_through, r.received
             from loans l
             cross join lateral (select coalesce(sum(p.amount_minor), 0) as received from loan_repayments p where p.loan_id = l.id and p.schedule_version = l.schedule_version) r
             join loan_instalments i on i.loan_id = l.id and i.version = l.schedule_version
             where l.status = 'active' and l.structure_id = any(${ids(sql, money)})) s
           where s.owed_through > s.received and s.due_on < ${today}::date) as late,
          (select count(*)::int from cofinancing_tranches t join cofinancing_requests r on r.id = t.request_id left join milestones m on m.id = t.milestone_id
           where r.status = 'approved' and r.structure_id = any(${ids(sql, managers)}) and r.agreement_signed_on is not null
             and t.status = 'planned' and (t.milestone_id is null or m.status = 'reached')) as tranches,
          (select count(*)::int from coaching_sessions cs where ${coaching} and cs.status = 'scheduled' and cs.starts_at >= ${dayStart} and cs.starts_at < ${new Date(dayStart.getTime() + DAY_MS)}) as today,
          (select count(*)::int from coaching_sessions cs where ${coaching} and cs.status = 'scheduled' and cs.starts_at >= ${dayStart} and cs.starts_at < ${new Date(dayStart.getTime() + 7 * DAY_MS)}) as week,
          (select count(*)::int from coaching_sessions cs where ${coaching} and cs.status <> 'cancelled' and cs.starts_at < ${now}
             and (not exists (select 1 from coaching_session_attendees a where a.session_id = cs.id)
               or exists (select 1 from coaching_session_attendees a where a.session_id = cs.id and a.attendance = 'expected'))) as attendance,
          (select count(*)::int from coaching_action_items ai join coaching_sessions cs on cs.id = ai.session_id
           where ${coaching} and cs.status <> 'cancelled' and ai.status = 'open' and ai.due_on <= ${today}) as actions,
          (select count(*)::int from milestones ms where ms.structure_id = any(${ids(sql, followers)}) and ms.status = 'planned' and ms.due_on is not null and ms.due_on < ${today}) as milestones,
          (select count(*)::int from (select distinct on (v.project_id) v.risk_rating, v.structure_id from followup_visits v order by v.project_id, v.visited_on desc, v.created_at desc) v
           where v.risk_rating = 'red' and v.structure_id = any(${ids(sql, watchers)})) as risks`,
        staff.length
          ? sql`select to_char(submitted_at at time zone 'UTC', 'YYYY-MM') as month, count(*)::int as n from applications
                where structure_id = any(${ids(sql, staff)}) and submitted_at >= ${yearStart} group by 1`
          : [],
        staff.length ? sql`select status, count(*)::int as n from applications where structure_id = any(${ids(sql, staff)}) and submitted_at >= ${monthStart} group by status` : [],
        money.length
          ? sql`select e.currency, to_char(e.occurred_on, 'YYYY-MM') as month,
                  coalesce(sum(case when e.kind = 'commitment' then l.debit_minor when e.kind = 'cancellation' then -l.debit_minor else 0 end), 0)::float8 as committed,
                  coalesce(sum(case when e.kind = 'disbursement' then l.debit_minor else 0 end), 0)::float8 as disbursed
                from journal_entries e join funds f on f.id = e.fund_id join journal_lines l on l.entry_id = e.id
                where f.structure_id = any(${ids(sql, money)}) and e.occurred_on >= ${yearStart.toISOString().slice(0, 10)}::date
                  and e.reverses_entry_id is null and not exists (select 1 from journal_entries r where r.reverses_entry_id = e.id)
                group by e.currency, month`
          : [],
      ]);
      const items: { kind: string; count: number; link: string }[] = [];
      const item = (kind: string, count: unknown, link: string) => items.push({ kind, count: num(count), link });
      if (staff.length) item('applications_to_screen', counts.screen, '/applications');
      if (members.length) item('scorecards_to_fill', counts.scorecards, '/committee');
      if (staff.length) item('decisions_to_record', counts.decisions, '/committee');
      if (managers.length || members.length) item('approvals_waiting', counts.approvals, '/funds/inbox');
      if (money.length) item('instalments_late', counts.late, '/funds/loans');
      if (managers.length) item('tranches_to_disburse', counts.tranches, '/funds/cofinancing');
      if (staff.length) {
        for (const [kind, key] of [['sessions_today', 'today'], ['sessions_this_week', 'week'], ['attendance_to_record', 'attendance'], ['action_items_due', 'actions']]) {
          item(kind, counts[key], '/coaching/calendar');
        }
      }
      if (followers.length) item('milestones_overdue', counts.milestones, '/follow-up/milestones');
      if (watchers.length) item('visits_at_risk', counts.risks, '/follow-up/visits');
      const currencies = [...new Set(moneyRows.map((r) => r.currency as string))].sort();
      const figures = {
        applicationsPerMonth: staff.length ? months.map((month) => ({ month, count: num(perMonth.find((r) => r.month === month)?.n) })) : null,
        pipelineThisMonth: staff.length ? byStatus.map((r) => ({ status: r.status, count: num(r.n) })) : null,
        money: money.length
          ? currencies.map((currency) => ({
              currency,
              months: months.map((month) => {
                const row = moneyRows.find((r) => r.currency === currency && r.month === month);
                return { month, committedMinor: num(row?.committed), disbursedMinor: num(row?.disbursed) };
              }),
            }))
          : null,
      };
      return c.json({ items, figures, holder: null, welcome: null });
    });

    app.get('/api/applications/funnel', async (c) => {
      const who = await guard(sql, c, STAFF);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      const [programmes, counts] = await Promise.all([
        sql`select id, code, name from programmes where structure_id = any(${ids(sql, who.reach)}) order by code`,
        sql`select programme_id, status, count(*)::int as n from applications where structure_id = any(${ids(sql, who.reach)}) group by programme_id, status`,
      ]);
      return c.json({
        programmes: programmes.map((p) => {
          const byStatus: Record<string, number> = Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, 0]));
          let total = 0;
          for (const row of counts) {
            if (row.programme_id !== p.id) continue;
            byStatus[row.status as string] = row.n as number;
          }
          for (const s of APPLICATION_STATUSES) total += byStatus[s];
          return { programmeId: p.id, programmeCode: p.code, programmeName: p.name, counts: byStatus, total };
        }),
      });
    });

    app.get('/api/applications/board', async (c) => {
      const who = await guard(sql, c, STAFF);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      const programmeId = c.req.query('programmeId');
      const scope = sql`a.structure_id = any(${ids(sql, who.reach)}) ${programmeId ? sql`and a.programme_id = ${programmeId}` : sql``}`;
      const [totals, ...columns] = await Promise.all([
        sql`select a.status, count(*)::int as n from applications a where ${scope} group by a.status`,
        ...APPLICATION_STATUSES.map(
          (status) => sql`
            select a.id, a.structure_id as "structureId", a.programme_id as "programmeId", pr.code as "programmeCode", pr.name as "programmeName",
                   a.project_id as "projectId", p.title as "projectTitle", o.name as "organisationName", o.legal_form as "legalForm",
                   a.holder_user_id as "holderUserId", u.name as "holderName", a.status, a.submitted_at, a.decided_at, a.created_at, a.updated_at
            from applications a
            join programmes pr on pr.id = a.programme_id
            join projects p on p.id = a.project_id
            join organisations o on o.id = p.organisation_id
            join users u on u.id = a.holder_user_id
            where ${scope} and a.status = ${status}
            order by a.updated_at, a.id limit ${BOARD_COLUMN_SIZE}`,
        ),
      ]);
      return c.json({
        columns: APPLICATION_STATUSES.map((status, i) => ({ status, total: num(totals.find((t) => t.status === status)?.n), items: columns[i].map(summary) })),
      });
    });

    /** Held sessions in reach, whole UTC days from the start of `from` to the end of `to`. */
    const heldIn = (reach: string[], from: string, to: string) => {
      const end = new Date(`${to}T00:00:00.000Z`);
      end.setUTCDate(end.getUTCDate() + 1);
      return sql`s.structure_id = any(${ids(sql, reach)}) and s.status = 'held' and s.starts_at >= ${new Date(`${from}T00:00:00.000Z`)} and s.starts_at < ${end}`;
    };

    app.get('/api/coaching/reports/hours', async (c) => {
      const who = await guard(sql, c, STAFF);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      const from = c.req.query('from') ?? '';
      const to = c.req.query('to') ?? '';
      const groupBy = c.req.query('groupBy') ?? 'support_type';
      const where = heldIn(who.reach, from, to);
      const rows =
        groupBy === 'coach'
          ? await sql`select k.id as key, k.name as label, count(*)::int as sessions, sum(s.duration_minutes)::int as minutes
              from coaching_sessions s join coaches k on k.id = s.coach_id where ${where} group by k.id, k.name order by k.name`
          : groupBy === 'cohort'
            ? await sql`select h.id as key, pr.code || ' · ' || h.name as label, count(*)::int as sessions, sum(s.duration_minutes)::int as minutes
                from coaching_sessions s join cohorts h on h.id = s.cohort_id join programmes pr on pr.id = h.programme_id
                where ${where} group by h.id, h.name, pr.code order by pr.code, h.name`
            : await sql`select s.support_type as key, s.support_type as label, count(*)::int as sessions, sum(s.duration_minutes)::int as minutes
                from coaching_sessions s where ${where} group by s.support_type order by s.support_type`;
      return c.json({ from, to, groupBy, rows, totalMinutes: rows.reduce((t, r) => t + (r.minutes as number), 0) });
    });

    app.get('/api/coaching/reports/expert-payments', async (c) => {
      const who = await guard(sql, c, STAFF);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      const from = c.req.query('from') ?? '';
      const to = c.req.query('to') ?? '';
      const rows = await sql`
        select k.id as "coachId", k.name as "coachName", k.profession, k.hourly_rate_minor::float8 as rate, k.currency,
               count(*)::int as sessions, sum(s.duration_minutes)::int as minutes
        from coaching_sessions s join coaches k on k.id = s.coach_id
        where ${heldIn(who.reach, from, to)} and k.kind = 'external'
        group by k.id, k.name, k.profession, k.hourly_rate_minor, k.currency
        order by k.name`;
      const totals = new Map<string, number>();
      const lines = rows.map(({ rate, ...r }) => {
        const hourlyRateMinor = (rate as number | null) ?? 0;
        const amountMinor = Math.floor(((r.minutes as number) * hourlyRateMinor + 30) / 60);
        totals.set(r.currency as string, (totals.get(r.currency as string) ?? 0) + amountMinor);
        return { ...r, hourlyRateMinor, amountMinor };
      });
      return c.json({ from, to, rows: lines, totals: [...totals].map(([currency, amountMinor]) => ({ currency, amountMinor })) });
    });

    app.get('/api/funds/ledger/trial-balance', async (c) => {
      const who = await guard(sql, c, MONEY_READERS);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      const fundId = c.req.query('fundId');
      const rows = await sql`
        select a.id, a.fund_id as "fundId", f.code as "fundCode", a.code, a.name, a.type, a.normal_balance as "normalBalance", a.currency,
               coalesce(t.debit, 0)::float8 as "debitMinor", coalesce(t.credit, 0)::float8 as "creditMinor"
        from ledger_accounts a
        join funds f on f.id = a.fund_id
        left join (select l.account_id, sum(l.debit_minor) as debit, sum(l.credit_minor) as credit from journal_lines l group by l.account_id) t on t.account_id = a.id
        where ${fundId ? sql`a.fund_id = ${fundId}` : sql`true`} and f.structure_id = any(${ids(sql, who.reach)})
        order by f.code, a.code`;
      const totals = new Map<string, { debitMinor: number; creditMinor: number }>();
      for (const row of rows) {
        const debit = row.debitMinor as number;
        const credit = row.creditMinor as number;
        row.balanceMinor = row.normalBalance === 'debit' ? debit - credit : credit - debit;
        const total = totals.get(row.currency as string) ?? { debitMinor: 0, creditMinor: 0 };
        if (debit - credit > 0) total.debitMinor += debit - credit;
        else total.creditMinor -= debit - credit;
        totals.set(row.currency as string, total);
      }
      const list = [...totals].map(([currency, t]) => ({ currency, ...t }));
      return c.json({ asOf: null, rows, totals: list, balanced: list.every((t) => t.debitMinor === t.creditMinor) });
    });

    app.get('/api/funds/:id/timeline', async (c) => {
      const who = await guard(sql, c, MONEY_READERS);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      const id = c.req.param('id');
      const [fund] = await sql`select id from funds where id = ${id} and structure_id = any(${ids(sql, who.reach)})`;
      if (!fund) return c.json({ error: 'not_found' }, 404);
      const rows = await sql`
        select to_char(e.occurred_on, 'YYYY-MM') as month, a.code, e.kind, sum(l.debit_minor - l.credit_minor)::float8 as net
        from journal_lines l join journal_entries e on e.id = l.entry_id join ledger_accounts a on a.id = l.account_id
        where e.fund_id = ${id}
        group by 1, a.code, e.kind
        order by 1`;
      // The running net per account and kind, a point at each month's last row.
      const cumulative = new Map<string, Map<string, number>>();
      const points: { month: string; figures: ReturnType<typeof figuresFrom> }[] = [];
      rows.forEach((row, i) => {
        const byKind = cumulative.get(row.code as string) ?? new Map<string, number>();
        byKind.set(row.kind as string, (byKind.get(row.kind as string) ?? 0) + (row.net as number));
        cumulative.set(row.code as string, byKind);
        if (rows[i + 1]?.month !== row.month) points.push({ month: row.month as string, figures: figuresFrom(cumulative) });
      });
      return c.json(points);
    });

    app.get('/api/guarantees/dashboard', async (c) => {
      const who = await guard(sql, c, MONEY_READERS);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      const fundRows = await sql`
        select f.id, f.code, f.name, f.structure_id, f.currency, f.opened_on::text as opened_on, p.leverage_cap_pct
        from funds f left join guarantee_policies p on p.fund_id = f.id
        where f.type = 'guarantee' and f.structure_id = any(${ids(sql, who.reach)})
        order by f.code`;
      if (fundRows.length === 0) return c.json({ funds: [] });
      const fundIds = ids(sql, fundRows.map((f) => f.id as string));
      const to = new Date().toISOString().slice(0, 10);
      const live = sql.array(LIVE_STATUSES);
      const ends = monthsBetween(fundRows.map((f) => seriesStart(f.opened_on as string, to)).sort()[0], to).map((m) => m.endOn);
      const [netRows, totalRows, sliceRows, balanceRows, exposureRows] = await Promise.all([
        sql`select a.fund_id, coalesce(sum(l.debit_minor - l.credit_minor), 0)::float8 as net
            from journal_lines l join ledger_accounts a on a.id = l.account_id
            where a.fund_id = any(${fundIds}) and a.type in ('asset', 'liability') group by a.fund_id`,
        sql`select g.fund_id,
              count(*) filter (where g.status = any(${live}))::int as live_count,
              coalesce(sum(g.exposure_minor) filter (where g.status = any(${live})), 0)::float8 as exposure,
              coalesce(sum(g.guaranteed_minor) filter (where g.status = any(${live})), 0)::float8 as guaranteed_live,
              coalesce(sum(g.loan_amount_minor) filter (where g.issued_on is not null), 0)::float8 as issued_loans,
              coalesce(sum(g.guaranteed_minor) filter (where g.issued_on is not null), 0)::float8 as issued_guaranteed
            from guarantees g where g.fund_id = any(${fundIds}) group by g.fund_id`,
        sql`select g.fund_id, g.bank_id, b.name as bank_name, o.sector, coalesce(nullif(p.district, ''), o.district) as district, g.risk_class,
              count(*)::int as count, sum(g.exposure_minor)::float8 as exposure, sum(g.provision_minor)::float8 as provision
            from guarantees g join guarantee_banks b on b.id = g.bank_id join projects p on p.id = g.project_id join organisations o on o.id = p.organisation_id
            where g.fund_id = any(${fundIds}) and g.status = any(${live})
            group by 1, 2, 3, 4, 5, 6`,
        sql`select a.fund_id, a.code, to_char(e.occurred_on, 'YYYY-MM') as month,
              (sum(l.debit_minor) - sum(l.credit_minor))::float8 as net,
              (coalesce(sum(l.debit_minor) filter (where e.occurred_on <= ${to}::date), 0) - coalesce(sum(l.credit_minor) filter (where e.occurred_on <= ${to}::date), 0))::float8 as net_to
            from journal_lines l join ledger_accounts a on a.id = l.account_id join journal_entries e on e.id = l.entry_id
            where a.fund_id = any(${fundIds}) and a.code in ('2400', '4100', '4200', '5300')
            group by 1, 2, 3`,
        ends.length
          ? sql`select g.fund_id, to_char(m.end_on, 'YYYY-MM-DD') as end_on, sum(o.exposure_minor)::float8 as exposure
              from unnest(${sql.array(ends)}::date[]) as m(end_on)
                join guarantees g on g.issued_on <= m.end_on and (g.released_on is null or g.released_on > m.end_on)
                join lateral (select x.exposure_minor from guarantee_outstandings x where x.guarantee_id = g.id and x.as_of <= m.end_on
                              order by x.as_of desc, x.created_at desc limit 1) o on true
              where g.fund_id = any(${fundIds})
                and not exists (select 1 from guarantee_calls k where k.guarantee_id = g.id and k.approved_on <= m.end_on)
              group by 1, 2`
          : [],
      ]);
      type Slice = { key: string; label: string; count: number; exposureMinor: number; provisionMinor: number };
      const byExposure = (a: Slice, b: Slice) => b.exposureMinor - a.exposureMinor || a.label.localeCompare(b.label);
      return c.json({
        funds: fundRows.map((fund) => {
          const t = totalRows.find((r) => r.fund_id === fund.id);
          const exposure = num(t?.exposure);
          const net = num(netRows.find((r) => r.fund_id === fund.id)?.net);
          const issuedLoans = num(t?.issued_loans);
          const issuedGuaranteed = num(t?.issued_guaranteed);
          // Credit-normal accounts (provisions, fees, recoveries) grow on the credit side.
          const movements = balanceRows.filter((r) => r.fund_id === fund.id).map((r) => ({ code: r.code as string, month: r.month as string, net: r.net as number, netTo: r.net_to as number, sign: r.code === '5300' ? 1 : -1 }));
          const balance = (code: string) => movements.reduce((sum, m) => (m.code === code ? sum + m.sign * m.net : sum), 0);
          const balanceAt = (code: string, month: string) => movements.reduce((sum, m) => (m.code === code && m.month <= month ? sum + m.sign * m.netTo : sum), 0);
          const paid = balance('5300');
          const recovered = balance('4200');
          const cap = fund.leverage_cap_pct as number | null;
          const slices = [new Map<string, Slice>(), new Map<string, Slice>(), new Map<string, Slice>(), new Map<string, Slice>()];
          for (const row of sliceRows) {
            if (row.fund_id !== fund.id) continue;
            const keys = [[row.bank_id, row.bank_name], [row.sector, row.sector], [row.district, row.district], [row.risk_class, row.risk_class]] as [string, string][];
            keys.forEach(([key, label], i) => {
              const slice = slices[i].get(key) ?? { key, label, count: 0, exposureMinor: 0, provisionMinor: 0 };
              slice.count += row.count as number;
              slice.exposureMinor += row.exposure as number;
              slice.provisionMinor += row.provision as number;
              slices[i].set(key, slice);
            });
          }
          const exposures = new Map(exposureRows.filter((r) => r.fund_id === fund.id).map((r) => [r.end_on as string, r.exposure as number]));
          return {
            fundId: fund.id,
            fundCode: fund.code,
            fundName: fund.name,
            structureId: fund.structure_id,
            currency: fund.currency,
            openedOn: fund.opened_on,
            liveCount: num(t?.live_count),
            exposureMinor: exposure,
            guaranteedLiveMinor: num(t?.guaranteed_live),
            netAssetsMinor: net,
            leverageHundredths: ratio(exposure, net, 100n),
            leverageCapPct: cap,
            roomMinor: cap === null ? null : Math.max(0, Number((BigInt(cap) * BigInt(Math.max(0, net))) / 100n) - exposure),
            issuedLoansMinor: issuedLoans,
            issuedGuaranteedMinor: issuedGuaranteed,
            multiplierHundredths: ratio(issuedLoans, net, 100n),
            provisionsMinor: balance('2400'),
            paidMinor: paid,
            recoveredMinor: recovered,
            feesMinor: balance('4100'),
            lossRateBps: ratio(paid, issuedGuaranteed, 10_000n),
            recoveryRateBps: ratio(recovered, paid, 10_000n),
            byBank: [...slices[0].values()].sort(byExposure),
            bySector: [...slices[1].values()].sort(byExposure),
            byDistrict: [...slices[2].values()].sort(byExposure),
            byRiskClass: RISK_CLASSES.map((key) => ({ ...(slices[3].get(key) ?? { label: key, count: 0, exposureMinor: 0, provisionMinor: 0 }), key })),
            months: monthsBetween(seriesStart(fund.opened_on as string, to), to).map(({ month, endOn }) => ({
              month,
              endOn,
              exposureMinor: exposures.get(endOn) ?? 0,
              provisionMinor: balanceAt('2400', month),
              paidMinor: balanceAt('5300', month),
              recoveredMinor: balanceAt('4200', month),
            })),
          };
        }),
      });
    });

    app.get('/api/bonds/offerings/:id/uptake', async (c) => {
      const who = await guard(sql, c, MONEY_READERS);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      const id = c.req.param('id');
      const [o] = await sql`
        select id, currency, unit_price_minor::float8 as unit_price_minor, max_units, min_units, status, opens_on::text as opens_on, closes_on::text as closes_on
        from bond_offerings where id = ${id} and structure_id = any(${ids(sql, who.reach)})`;
      if (!o) return c.json({ error: 'not_found' }, 404);
      const points: { date: string; reservedUnits: number; paidUnits: number; paidAmountMinor: number }[] = [];
      const reply = { offeringId: o.id, currency: o.currency, unitPriceMinor: o.unit_price_minor, maxUnits: o.max_units, minUnits: o.min_units, points };
      if (o.status === 'draft' || o.status === 'approved') return c.json(reply);
      const changes = await sql`
        select 'reserved_in'::text as kind, to_char(s.reserved_at at time zone 'UTC', 'YYYY-MM-DD') as day, sum(s.units)::float8 as amount
          from bond_subscriptions s where s.offering_id = ${id} and s.reserved_at is not null group by 2
        union all
        select 'reserved_out', to_char(least(s.paid_at, s.closed_at) at time zone 'UTC', 'YYYY-MM-DD'), sum(s.units)::float8
          from bond_subscriptions s where s.offering_id = ${id} and s.reserved_at is not null and (s.paid_at is not null or s.closed_at is not null) group by 2
        union all
        select 'paid_in', to_char(s.paid_at at time zone 'UTC', 'YYYY-MM-DD'), sum(s.units)::float8
          from bond_subscriptions s where s.offering_id = ${id} and s.paid_at is not null group by 2
        union all
        select 'paid_out', to_char(s.closed_at at time zone 'UTC', 'YYYY-MM-DD'), sum(s.units)::float8
          from bond_subscriptions s where s.offering_id = ${id} and s.paid_at is not null and s.status = 'refunded' and s.closed_at is not null group by 2
        union all
        select 'money', to_char(p.received_on, 'YYYY-MM-DD'), sum(p.amount_minor)::float8
          from bond_payments p join bond_subscriptions s on s.id = p.subscription_id where s.offering_id = ${id} group by 2`;
      const byDay = new Map<string, { reserved: number; paid: number; money: number }>();
      let lastMovement = o.closes_on as string;
      for (const change of changes) {
        const day = change.day as string;
        const sums = byDay.get(day) ?? { reserved: 0, paid: 0, money: 0 };
        const amount = change.amount as number;
        if (change.kind === 'reserved_in') sums.reserved += amount;
        else if (change.kind === 'reserved_out') sums.reserved -= amount;
        else if (change.kind === 'paid_in') sums.paid += amount;
        else if (change.kind === 'paid_out') sums.paid -= amount;
        else sums.money += amount;
        byDay.set(day, sums);
        if (day > lastMovement) lastMovement = day;
      }
      const today = new Date().toISOString().slice(0, 10);
      const first = [...byDay.keys(), o.opens_on as string].sort()[0];
      const last = o.status === 'open' ? today : lastMovement < today ? lastMovement : today;
      let reservedUnits = 0;
      let paidUnits = 0;
      let paidAmountMinor = 0;
      for (let day = first, n = 0; day <= last && n < 3_660; day = new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10), n++) {
        const sums = byDay.get(day);
        if (sums) {
          reservedUnits += sums.reserved;
          paidUnits += sums.paid;
          paidAmountMinor += sums.money;
        }
        points.push({ date: day, reservedUnits, paidUnits, paidAmountMinor });
      }
      return c.json(reply);
    });

    app.get('/api/structures/overview', async (c) => {
      const who = await guard(sql, c, STAFF_SIDE_ROLES);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      const reach = ids(sql, who.reach);
      const [rows, programmes, applications, cohorts, coaching, money] = await Promise.all([
        sql`select s.id, s.parent_id, s.name, s.kind, s.path,
                   (select array_agg(coalesce(n.name, '') order by t.i) from unnest(string_to_array(trim(both '/' from s.path), '/')) with ordinality t(id, i)
                    left join structures n on n.id::text = t.id) as trail
            from structures s where s.id = any(${reach}) order by s.path`,
        sql`select structure_id, count(*)::int as n from programmes where structure_id = any(${reach}) group by structure_id`,
        sql`select structure_id, count(*) filter (where status <> 'draft')::int as n, count(*) filter (where status = 'accepted')::int as accepted
            from applications where structure_id = any(${reach}) group by structure_id`,
        sql`select structure_id, count(*)::int as n from cohorts where structure_id = any(${reach}) group by structure_id`,
        sql`select structure_id, coalesce(sum(duration_minutes), 0)::int as n from coaching_sessions where status = 'held' and structure_id = any(${reach}) group by structure_id`,
        sql`select f.structure_id, e.currency,
              coalesce(sum(case when e.kind = 'commitment' then l.debit_minor when e.kind = 'cancellation' then -l.debit_minor else 0 end), 0)::float8 as committed,
              coalesce(sum(case when e.kind = 'disbursement' then l.debit_minor else 0 end), 0)::float8 as disbursed
            from journal_entries e join funds f on f.id = e.fund_id join journal_lines l on l.entry_id = e.id
            where f.structure_id = any(${reach}) and e.reverses_entry_id is null
              and not exists (select 1 from journal_entries r where r.reverses_entry_id = e.id)
            group by f.structure_id, e.currency`,
      ]);
      // Siblings by name: the trail of names orders the tree (as listStructures).
      const key = (r: Row) => (r.trail as string[]).join('\u0000');
      rows.sort((a, b) => key(a).localeCompare(key(b), 'fr'));
      const byId = (list: Row[], field = 'n') => new Map(list.map((r) => [r.structure_id, num(r[field])]));
      const [programmesBy, applicationsBy, acceptedBy, cohortsBy, minutesBy] = [byId(programmes), byId(applications), byId(applications, 'accepted'), byId(cohorts), byId(coaching)];
      return c.json({
        structures: rows.map((s) => ({
          structureId: s.id,
          parentId: s.parent_id,
          name: s.name,
          kind: s.kind,
          depth: (s.trail as string[]).length - 1,
          programmes: programmesBy.get(s.id) ?? 0,
          applications: applicationsBy.get(s.id) ?? 0,
          accepted: acceptedBy.get(s.id) ?? 0,
          cohorts: cohortsBy.get(s.id) ?? 0,
          coachingMinutesHeld: minutesBy.get(s.id) ?? 0,
          money: money.filter((r) => r.structure_id === s.id).map((r) => ({ currency: r.currency, committedMinor: r.committed, disbursedMinor: r.disbursed })),
        })),
      });
    });
  },
};
