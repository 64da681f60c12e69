import { type BareModule, groupBy, guard, iso } from './kit';

/** Coaching: the sessions of a period. */
export const coaching: BareModule = {
  paths: ['/api/coaching/sessions'],
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
  },
};
