import { type BareModule, encodeCursor, groupBy, guard, iso, limitOf, page, timeCursor } from './kit';

/** The users list. */
export const users: BareModule = {
  paths: ['/api/users'],
  register(app, sql) {
    app.get('/api/users', async (c) => {
      const who = await guard(sql, c, ['admin']);
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
  },
};
