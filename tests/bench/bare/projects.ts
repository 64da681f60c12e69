import { type BareModule, encodeCursor, guard, iso, limitOf, page, timeCursor } from './kit';

/** The projects list. */
export const projects: BareModule = {
  paths: ['/api/projects'],
  register(app, sql) {
    app.get('/api/projects', async (c) => {
      const who = await guard(sql, c, ['admin', 'staff', 'coach', 'fund_manager']);
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
  },
};
