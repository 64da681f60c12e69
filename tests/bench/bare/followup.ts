import { type BareModule, decodeCursor, encodeCursor, guard, iso, limitOf, page } from './kit';

const READERS = ['admin', 'staff', 'coach', 'fund_manager'] as const;

/** Follow-up: milestones, visits, projects at risk. */
export const followup: BareModule = {
  paths: ['/api/followup/milestones', '/api/followup/visits', '/api/followup/at-risk'],
  register(app, sql) {
    app.get('/api/followup/milestones', async (c) => {
      const who = await guard(sql, c, READERS);
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
    // Latest visit first, latest recorded first, then id; the cursor's key is 'day visited|recorded at'.
    app.get('/api/followup/visits', async (c) => {
      const who = await guard(sql, c, READERS);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      const limit = limitOf(c);
      const projectId = c.req.query('projectId');
      const riskRating = c.req.query('riskRating');
      const cursor = c.req.query('cursor');
      let before = sql`true`;
      if (cursor) {
        const [key, id] = decodeCursor(cursor);
        const [day, at] = String(key).split('|');
        before = sql`(v.visited_on, v.created_at, v.id) < (${day}::date, ${at}::timestamptz, ${String(id)}::uuid)`;
      }
      const rows = await sql`
        select v.id, v.structure_id as "structureId", s.name as "structureName", v.project_id as "projectId", p.title as "projectTitle", o.name as "organisationName",
               v.visited_on::text as "visitedOn", v.visitor_name as "visitorName", v.findings, v.risk_rating as "riskRating", v.recommendations,
               v.next_visit_on::text as "nextVisitOn", v.created_at
        from followup_visits v
        join structures s on s.id = v.structure_id
        join projects p on p.id = v.project_id
        join organisations o on o.id = p.organisation_id
        where v.structure_id = any(${sql.array(who.reach, 2950)})
          ${projectId ? sql`and v.project_id = ${projectId}` : sql``}
          ${riskRating ? sql`and v.risk_rating = ${riskRating}` : sql``}
          and ${before}
        order by v.visited_on desc, v.created_at desc, v.id desc limit ${limit + 1}`;
      const p = page(rows, limit, (r) => encodeCursor(`${r.visitedOn as string}|${iso(r.created_at)!}`, r.id as string));
      return c.json({ items: p.items.map(({ created_at: _c, ...r }) => r), nextCursor: p.nextCursor });
    });
    // Projects whose latest visit (by day visited, then recorded) rated them red, latest visit first.
    app.get('/api/followup/at-risk', async (c) => {
      const who = await guard(sql, c, ['admin', 'staff', 'fund_manager']);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      const rows = await sql`
        select v.id, v.structure_id as "structureId", s.name as "structureName", v.project_id as "projectId", p.title as "projectTitle", o.name as "organisationName",
               v.visited_on::text as "visitedOn", v.visitor_name as "visitorName", v.findings, v.risk_rating as "riskRating", v.recommendations,
               v.next_visit_on::text as "nextVisitOn", p.district
        from followup_visits v
        join (select distinct on (project_id) id from followup_visits where structure_id = any(${sql.array(who.reach, 2950)}) order by project_id, visited_on desc, created_at desc) latest on latest.id = v.id
        join structures s on s.id = v.structure_id
        join projects p on p.id = v.project_id
        join organisations o on o.id = p.organisation_id
        where v.risk_rating = 'red' and v.structure_id = any(${sql.array(who.reach, 2950)})
        order by v.visited_on desc, v.id`;
      return c.json(
        rows.map(({ district, ...visit }) => ({
          projectId: visit.projectId,
          projectTitle: visit.projectTitle,
          organisationName: visit.organisationName,
          district,
          latestVisit: visit,
        })),
      );
    });
  },
};
