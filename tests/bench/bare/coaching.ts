import { SUPPORT_TYPES } from '@essor/shared/coaching';
import { type BareModule, decodeCursor, encodeCursor, groupBy, guard, iso, limitOf, page } from './kit';

const COACHING_TEAM = ['admin', 'staff', 'coach'] as const;

/** Coaching: the sessions of a period, the plans, the coaches. */
export const coaching: BareModule = {
  paths: ['/api/coaching/sessions', '/api/coaching/plans', '/api/coaching/coaches'],
  register(app, sql) {
    app.get('/api/coaching/sessions', async (c) => {
      const who = await guard(sql, c, ['admin', 'staff', 'coach']);
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
    // By cohort name, project title, id; each line's minutes budgeted, consumed (held, present) and scheduled (ahead, expected or present).
    app.get('/api/coaching/plans', async (c) => {
      const who = await guard(sql, c, COACHING_TEAM);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      const limit = limitOf(c);
      const cohortId = c.req.query('cohortId');
      const projectId = c.req.query('projectId');
      const cursor = c.req.query('cursor');
      let after = sql`true`;
      if (cursor) {
        const [names, id] = decodeCursor(cursor);
        const [cohortName, projectTitle] = String(names).split('\u0000');
        after = sql`(co.name, p.title, cp.id) > (${cohortName}, ${projectTitle}, ${String(id)}::uuid)`;
      }
      const rows = await sql`
        select cp.id, cp.structure_id as "structureId", st.name as "structureName", cp.cohort_id as "cohortId", co.name as "cohortName",
               cp.project_id as "projectId", p.title as "projectTitle", o.name as "organisationName", cp.objectives
        from coaching_plans cp
        join structures st on st.id = cp.structure_id
        join cohorts co on co.id = cp.cohort_id
        join projects p on p.id = cp.project_id
        join organisations o on o.id = p.organisation_id
        where cp.structure_id = any(${sql.array(who.reach, 2950)})
          ${cohortId ? sql`and cp.cohort_id = ${cohortId}` : sql``}
          ${projectId ? sql`and cp.project_id = ${projectId}` : sql``}
          and ${after}
        order by co.name, p.title, cp.id limit ${limit + 1}`;
      const p = page(rows, limit, (r) => encodeCursor(`${r.cohortName as string}\u0000${r.projectTitle as string}`, r.id as string));
      if (p.items.length === 0) return c.json({ items: [], nextCursor: p.nextCursor });
      const [budgets, usage] = await Promise.all([
        sql`select plan_id, support_type, budget_minutes from coaching_plan_budgets where plan_id = any(${sql.array(p.items.map((r) => r.id as string), 2950)})`,
        sql`select s.cohort_id || '/' || a.project_id as key, s.support_type,
                   coalesce(sum(s.duration_minutes) filter (where s.status = 'held' and a.attendance = 'present'), 0)::int as consumed,
                   coalesce(sum(s.duration_minutes) filter (where s.status = 'scheduled' and a.attendance in ('expected', 'present')), 0)::int as scheduled
            from coaching_sessions s join coaching_session_attendees a on a.session_id = s.id
            where s.status <> 'cancelled'
              and s.cohort_id = any(${sql.array([...new Set(p.items.map((r) => r.cohortId as string))], 2950)})
              and a.project_id = any(${sql.array([...new Set(p.items.map((r) => r.projectId as string))], 2950)})
            group by s.cohort_id, a.project_id, s.support_type`,
      ]);
      const byPlan = groupBy(budgets, 'plan_id');
      const byKey = groupBy(usage, 'key');
      const items = p.items.map((r) => {
        const own = byPlan.get(r.id) ?? [];
        const used = byKey.get(`${r.cohortId as string}/${r.projectId as string}`) ?? [];
        const lines = SUPPORT_TYPES.filter((t) => own.some((b) => b.support_type === t) || used.some((u) => u.support_type === t)).map((supportType) => ({
          supportType,
          budgetMinutes: (own.find((b) => b.support_type === supportType)?.budget_minutes as number | undefined) ?? 0,
          consumedMinutes: (used.find((u) => u.support_type === supportType)?.consumed as number | undefined) ?? 0,
          scheduledMinutes: (used.find((u) => u.support_type === supportType)?.scheduled as number | undefined) ?? 0,
        }));
        return {
          ...r,
          lines,
          budgetMinutes: lines.reduce((sum, l) => sum + l.budgetMinutes, 0),
          consumedMinutes: lines.reduce((sum, l) => sum + l.consumedMinutes, 0),
          scheduledMinutes: lines.reduce((sum, l) => sum + l.scheduledMinutes, 0),
        };
      });
      return c.json({ items, nextCursor: p.nextCursor });
    });
    // Not paged: every coach in reach, by name.
    app.get('/api/coaching/coaches', async (c) => {
      const who = await guard(sql, c, COACHING_TEAM);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      const { specialty, language, kind, active } = c.req.query();
      const rows = await sql`
        select ch.id, ch.structure_id as "structureId", st.name as "structureName", ch.user_id as "userId", ch.kind, ch.name, ch.email, ch.profession, ch.firm,
               ch.specialties, ch.languages, ch.hourly_rate_minor::float8 as "hourlyRateMinor", ch.currency, ch.weekly_availability as "weeklyAvailability",
               ch.active, ch.calendar_token_hash is not null as "hasCalendarFeed"
        from coaches ch join structures st on st.id = ch.structure_id
        where ch.structure_id = any(${sql.array(who.reach, 2950)})
          ${specialty ? sql`and ch.specialties @> ${sql.array([specialty])}` : sql``}
          ${language ? sql`and ch.languages @> ${sql.array([language])}` : sql``}
          ${kind ? sql`and ch.kind = ${kind}` : sql``}
          ${active ? sql`and ch.active = ${active === 'true'}` : sql``}
        order by ch.name, ch.id`;
      return c.json(rows);
    });
  },
};
