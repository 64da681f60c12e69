import type { ApplicationStatus } from '@essor/shared/applications';
import type { HolderHome, Home, HomeFigures, HomeItem, HomeItemKind } from '@essor/shared/home';
import type { CurrencyCode } from '@essor/shared/money';
import { STAFF_SIDE_ROLES, type Role } from '@essor/shared/roles';
import { and, asc, count, eq, gte, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { applications } from '../../db/schema/applications';
import { actionItems, coaches, coachingSessions } from '../../db/schema/coaching';
import { programmes } from '../../db/schema/programmes';
import { projects } from '../../db/schema/projects';
import type { CurrentUser } from '../../lib/context';
import { rowsOf } from '../../lib/rows';
import { inReach, structuresReached } from '../../lib/scope';
import { STAFF_ROLES } from '../applications/public';
import { COACHING_MANAGERS, listHolderActionItems, listHolderSessions } from '../coaching/public';
import { allCofinancing, withCofinancingActions } from '../cofinancing/public';
import { countMilestones, listAtRiskProjects, FOLLOWUP_READERS, RISK_WATCHERS } from '../followup/public';
import { approvalInbox, inboxSize } from '../approvals/public';
import { anyOfferingOpen } from '../bonds/public';
import { viewerOf } from '../../lib/viewer';
import { todayUtc } from '../ledger/public';
import { allLoans, countLateInstalments } from '../loans/public';
import { anyOf } from '../../lib/any-of';

const MEMBERS = ['committee_member'] as const;
const MANAGERS = ['fund_manager'] as const;
const APPROVERS = ['fund_manager', 'committee_member'] as const;
const MONEY_READERS = ['admin', 'staff', 'fund_manager'] as const;
const DAY_MS = 86_400_000;

type CoachingKind = 'sessions_today' | 'sessions_this_week' | 'attendance_to_record' | 'action_items_due';

/** Where each kind of waiting work is listed in the admin (coaching kinds depend on who reads them). */
const LINK: Record<Exclude<HomeItemKind, CoachingKind>, string> = {
  applications_to_screen: '/applications',
  scorecards_to_fill: '/committee',
  decisions_to_record: '/committee',
  approvals_waiting: '/funds/inbox',
  milestones_overdue: '/follow-up/milestones',
  visits_at_risk: '/follow-up/visits',
  instalments_late: '/funds/loans',
  tranches_to_disburse: '/funds/cofinancing',
};

const holds = (user: CurrentUser, roles: readonly Role[]) => structuresReached(user, roles).length > 0;

async function countOf(query: Promise<{ n: number }[]>): Promise<number> {
  const [row] = await query;
  return Number(row?.n ?? 0);
}

/**
 * Whose coaching sessions count: the structures a manager reaches, and the person's own as a coach
 * (wherever they coach, unless the switcher narrowed the view to one structure).
 */
function coachingScope(user: CurrentUser, coachId: string | null): SQL {
  const own = coachId ? and(eq(coachingSessions.coachId, coachId), user.focus ? inReach(coachingSessions.structureId, user, 'any') : undefined)! : sql`false`;
  return holds(user, COACHING_MANAGERS) ? or(inReach(coachingSessions.structureId, user, COACHING_MANAGERS), own)! : own;
}

async function coachingItems(db: Db, user: CurrentUser, now: Date): Promise<HomeItem[]> {
  const [coach] = await db.select({ id: coaches.id }).from(coaches).where(eq(coaches.userId, user.id));
  const manages = holds(user, COACHING_MANAGERS);
  if (!manages && !coach) return [];
  // A coach without a manager's role reads their own sessions in "my sessions"; managers use the calendar.
  const link = manages ? '/coaching/calendar' : '/coaching/my-sessions';
  const scope = coachingScope(user, coach?.id ?? null);
  const dayStart = new Date(`${now.toISOString().slice(0, 10)}T00:00:00.000Z`);
  const today = dayStart.toISOString().slice(0, 10);
  const sessionsBetween = (from: Date, to: Date) =>
    countOf(
      db
        .select({ n: count() })
        .from(coachingSessions)
        .where(and(scope, eq(coachingSessions.status, 'scheduled'), gte(coachingSessions.startsAt, from), lt(coachingSessions.startsAt, to))),
    );
  const [todayCount, weekCount, attendance, actions] = await Promise.all([
    sessionsBetween(dayStart, new Date(dayStart.getTime() + DAY_MS)),
    sessionsBetween(dayStart, new Date(dayStart.getTime() + 7 * DAY_MS)),
    // Started, not cancelled, and some expected project's attendance still unrecorded (or nobody listed yet).
    countOf(
      db
        .select({ n: count() })
        .from(coachingSessions)
        .where(
          and(
            scope,
            ne(coachingSessions.status, 'cancelled'),
            lt(coachingSessions.startsAt, now),
            sql`(not exists (select 1 from coaching_session_attendees a where a.session_id = ${coachingSessions.id})
              or exists (select 1 from coaching_session_attendees a where a.session_id = ${coachingSessions.id} and a.attendance = 'expected'))`,
          ),
        ),
    ),
    countOf(
      db
        .select({ n: count() })
        .from(actionItems)
        .innerJoin(coachingSessions, eq(coachingSessions.id, actionItems.sessionId))
        .where(and(scope, ne(coachingSessions.status, 'cancelled'), eq(actionItems.status, 'open'), lte(actionItems.dueOn, today))),
    ),
  ]);
  return [
    { kind: 'sessions_today', count: todayCount, link },
    { kind: 'sessions_this_week', count: weekCount, link },
    { kind: 'attendance_to_record', count: attendance, link },
    { kind: 'action_items_due', count: actions, link },
  ];
}

async function committeeItems(db: Db, user: CurrentUser): Promise<HomeItem[]> {
  const items: HomeItem[] = [];
  if (holds(user, MEMBERS)) {
    // On an open session I sit on, still being scored, no decision yet, no conflict declared and no card of mine.
    const n = await countOf(
      db.execute(sql`select count(*)::int as n
        from committee_agenda g
        join committee_sessions s on s.id = g.session_id
        join committee_members m on m.session_id = s.id and m.user_id = ${user.id}
        join applications a on a.id = g.application_id
        where s.status = 'open' and a.status = 'committee' and ${inReach(sql`s.structure_id`, user, MEMBERS)}
          and not exists (select 1 from committee_decisions d where d.session_id = s.id and d.application_id = g.application_id)
          and not exists (select 1 from committee_conflicts c where c.session_id = s.id and c.application_id = g.application_id and c.user_id = ${user.id})
          and not exists (select 1 from committee_scorecards k where k.session_id = s.id and k.application_id = g.application_id and k.user_id = ${user.id})`).then((r) => rowsOf<{ n: number }>(r)),
    );
    items.push({ kind: 'scorecards_to_fill', count: n, link: LINK.scorecards_to_fill });
  }
  if (holds(user, STAFF_ROLES)) {
    // Scored up to the quorum and still undecided: the staff running the session record the decision.
    const n = await countOf(
      db.execute(sql`select count(*)::int as n
        from committee_agenda g
        join committee_sessions s on s.id = g.session_id
        join applications a on a.id = g.application_id
        where s.status = 'open' and a.status = 'committee' and ${inReach(sql`s.structure_id`, user, STAFF_ROLES)}
          and not exists (select 1 from committee_decisions d where d.session_id = s.id and d.application_id = g.application_id)
          and (select count(*) from committee_scorecards k where k.session_id = s.id and k.application_id = g.application_id) >= s.quorum`).then((r) =>
        rowsOf<{ n: number }>(r),
      ),
    );
    items.push({ kind: 'decisions_to_record', count: n, link: LINK.decisions_to_record });
  }
  return items;
}

async function moneyItems(db: Db, user: CurrentUser): Promise<HomeItem[]> {
  const items: HomeItem[] = [];
  if (holds(user, APPROVERS)) {
    // The funds inbox itself, so the home page never counts what the preparer may not decide.
    const inbox = await approvalInbox(db, user);
    const n = inboxSize(inbox);
    items.push({ kind: 'approvals_waiting', count: n, link: LINK.approvals_waiting });
  }
  if (holds(user, MONEY_READERS)) {
    const late = await countLateInstalments(db, structuresReached(user, MONEY_READERS), todayUtc());
    items.push({ kind: 'instalments_late', count: late, link: LINK.instalments_late });
  }
  if (holds(user, MANAGERS)) {
    const reached = new Set(structuresReached(user, MANAGERS));
    const approved = (await allCofinancing(db, viewerOf(user, MANAGERS), { status: 'approved' })).filter((r) => reached.has(r.structureId));
    const withActions = await withCofinancingActions(db, user, approved);
    const ready = withActions.reduce((sum, r) => sum + r.tranches.filter((t) => t.disbursable).length, 0);
    items.push({ kind: 'tranches_to_disburse', count: ready, link: LINK.tranches_to_disburse });
  }
  return items;
}

async function followupItems(db: Db, user: CurrentUser): Promise<HomeItem[]> {
  const items: HomeItem[] = [];
  if (holds(user, FOLLOWUP_READERS)) {
    items.push({ kind: 'milestones_overdue', count: await countMilestones(db, user, { overdue: 'true' }), link: LINK.milestones_overdue });
  }
  if (holds(user, RISK_WATCHERS)) {
    items.push({ kind: 'visits_at_risk', count: (await listAtRiskProjects(db, user)).length, link: LINK.visits_at_risk });
  }
  return items;
}

async function screeningItems(db: Db, user: CurrentUser): Promise<HomeItem[]> {
  if (!holds(user, STAFF_ROLES)) return [];
  const n = await countOf(
    db
      .select({ n: count() })
      .from(applications)
      .where(and(inReach(applications.structureId, user, STAFF_ROLES), anyOf(applications.status, ['submitted', 'screening']))),
  );
  return [{ kind: 'applications_to_screen', count: n, link: LINK.applications_to_screen }];
}

const monthsSoFar = (now: Date) => {
  const year = now.getUTCFullYear();
  return Array.from({ length: now.getUTCMonth() + 1 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
};

async function figuresFor(db: Db, user: CurrentUser, now: Date): Promise<HomeFigures> {
  const months = monthsSoFar(now);
  const yearStart = new Date(Date.UTC(now.getUTCFullYear(), 0, 1));
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  let applicationsPerMonth: HomeFigures['applicationsPerMonth'] = null;
  let pipelineThisMonth: HomeFigures['pipelineThisMonth'] = null;
  if (holds(user, STAFF_ROLES)) {
    const reach = inReach(applications.structureId, user, STAFF_ROLES);
    const perMonth = await db
      .select({ month: sql<string>`to_char(${applications.submittedAt} at time zone 'UTC', 'YYYY-MM')`, n: count() })
      .from(applications)
      .where(and(reach, gte(applications.submittedAt, yearStart)))
      .groupBy(sql`1`);
    applicationsPerMonth = months.map((month) => ({ month, count: Number(perMonth.find((r) => r.month === month)?.n ?? 0) }));
    const byStatus = await db
      .select({ status: applications.status, n: count() })
      .from(applications)
      .where(and(reach, gte(applications.submittedAt, monthStart)))
      .groupBy(applications.status);
    pipelineThisMonth = byStatus.map((r) => ({ status: r.status as ApplicationStatus, count: Number(r.n) }));
  }
  let money: HomeFigures['money'] = null;
  if (holds(user, MONEY_READERS)) {
    // As the city view counts them: commitments less releases, and payouts; reversed entries and their reversals cancel out.
    const rows = rowsOf<{ currency: string; month: string; committed: string | number; disbursed: string | number }>(
      await db.execute(sql`select e.currency, to_char(e.occurred_on, 'YYYY-MM') as month,
          coalesce(sum(case when e.kind = 'commitment' then l.debit_minor when e.kind = 'cancellation' then -l.debit_minor else 0 end), 0)::bigint as committed,
          coalesce(sum(case when e.kind = 'disbursement' then l.debit_minor else 0 end), 0)::bigint as disbursed
        from journal_entries e
        join funds f on f.id = e.fund_id
        join journal_lines l on l.entry_id = e.id
        where ${inReach(sql`f.structure_id`, user, MONEY_READERS)}
          and e.occurred_on >= ${yearStart.toISOString().slice(0, 10)}::date
          and e.reverses_entry_id is null
          and not exists (select 1 from journal_entries r where r.reverses_entry_id = e.id)
        group by e.currency, month`),
    );
    const currencies = [...new Set(rows.map((r) => r.currency))].sort();
    money = currencies.map((currency) => ({
      currency: currency as CurrencyCode,
      months: months.map((month) => {
        const row = rows.find((r) => r.currency === currency && r.month === month);
        return { month, committedMinor: Number(row?.committed ?? 0), disbursedMinor: Number(row?.disbursed ?? 0) };
      }),
    }));
  }
  return { applicationsPerMonth, pipelineThisMonth, money };
}

async function holderHome(db: Db, user: CurrentUser, now: Date): Promise<HolderHome> {
  const own = await db
    .select({ id: applications.id, status: applications.status, projectTitle: projects.title, programmeName: programmes.name })
    .from(applications)
    .innerJoin(projects, eq(projects.id, applications.projectId))
    .innerJoin(programmes, eq(programmes.id, applications.programmeId))
    .where(eq(applications.holderUserId, user.id))
    .orderBy(asc(applications.createdAt));
  const sessions = await listHolderSessions(db, user);
  const next = sessions
    .filter((s) => s.status === 'scheduled' && Date.parse(s.endsAt) > now.getTime())
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
  const open = await listHolderActionItems(db, user, 'open');
  // Only the person's own projects: a holder reaches no structure.
  const loans = await allLoans(db, { userId: user.id, structureIds: [] }, { status: 'active' });
  const nextInstalments = loans.flatMap((loan) => {
    const unpaid = loan.schedule.filter((i) => i.status !== 'paid');
    const shown = [...unpaid.filter((i) => i.status === 'overdue'), ...unpaid.filter((i) => i.status !== 'overdue').slice(0, 1)];
    return shown.map((i) => ({
      loanId: loan.id,
      loanNumber: loan.number,
      seq: i.seq,
      dueOn: i.dueOn,
      amountMinor: i.principalMinor + i.interestMinor - i.paidPrincipalMinor - i.paidInterestMinor,
      currency: loan.currency,
      overdue: i.status === 'overdue',
      link: `/funds/loans/${loan.id}`,
    }));
  });
  return {
    applications: own.map((a) => ({ ...a, status: a.status as ApplicationStatus, link: `/applications/${a.id}` })),
    nextSession: next ? { id: next.id, title: next.title, startsAt: next.startsAt, coachName: next.coachName, link: '/my-coaching' } : null,
    openActionItems: { count: open.length, overdue: open.filter((i) => i.overdue).length, link: '/my-coaching' },
    nextInstalments: nextInstalments.sort((a, b) => a.dueOn.localeCompare(b.dueOn)),
    applyLink: '/applications/new',
  };
}

/**
 * What waits for this person, by role and within the structures they reach (the switcher's focus
 * narrows it like every list): each count is read through the same rules as the list it links to.
 */
export async function homeFor(db: Db, user: CurrentUser, now = new Date()): Promise<Home> {
  const groups = await Promise.all([
    screeningItems(db, user),
    committeeItems(db, user),
    moneyItems(db, user),
    coachingItems(db, user, now),
    followupItems(db, user),
  ]);
  const items = groups.flat();
  const holder = user.roles.includes('project_holder') ? await holderHome(db, user, now) : null;
  const staffSide = user.roles.some((r) => (STAFF_SIDE_ROLES as readonly Role[]).includes(r));
  const welcome = user.roles.includes('investor')
    ? ({ kind: 'investor', bondOfferingsOpen: await anyOfferingOpen(db) } as const)
    : !staffSide && !holder?.applications.length
      ? ({ kind: 'newcomer', bondOfferingsOpen: false } as const)
      : null;
  return { items, figures: await figuresFor(db, user, now), holder, welcome };
}
