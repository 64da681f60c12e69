import { type BareModule, encodeCursor, guard, iso, limitOf, page, timeCursor } from './kit';

/** The applications list. */
export const applications: BareModule = {
  paths: ['/api/applications'],
  register(app, sql) {
    app.get('/api/applications', async (c) => {
      const who = await guard(sql, c, ['admin', 'staff']);
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
  },
};
