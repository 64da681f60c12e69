import { type BareModule, decodeCursor, encodeCursor, guard, limitOf, page } from './kit';

/** Follow-up: milestones. */
export const followup: BareModule = {
  paths: ['/api/followup/milestones'],
  register(app, sql) {
    app.get('/api/followup/milestones', async (c) => {
      const who = await guard(sql, c, ['admin', 'staff', 'coach', 'fund_manager']);
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
  },
};
