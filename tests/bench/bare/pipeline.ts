import { type BareModule, caller, encodeCursor, guard, iso, limitOf, page, timeCursor } from './kit';

/** Pipeline: organisations, programmes, cohorts, committee sessions. */
export const pipeline: BareModule = {
  paths: ['/api/organisations', '/api/programmes', '/api/cohorts', '/api/committee/sessions'],
  register(app, sql) {
    // The organisations a structure in reach supports a project of or keeps in its inventory, newest first.
    app.get('/api/organisations', async (c) => {
      const who = await guard(sql, c, ['admin', 'staff', 'coach', 'fund_manager']);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      const limit = limitOf(c);
      const legalForm = c.req.query('legalForm');
      const territory = c.req.query('territory');
      const rows = await sql`
        select o.id, o.name, o.legal_form as "legalForm", o.target_legal_form as "targetLegalForm", o.sector, o.district, o.territory,
               o.founders_count as "foundersCount", o.women_count as "womenCount", o.youth_count as "youthCount", o.description,
               o.contact_name as "contactName", o.contact_email as "contactEmail", o.contact_phone as "contactPhone", o.created_at
        from organisations o
        where ${timeCursor(sql, c, 'o.created_at', 'o.id')}
          and (exists (select 1 from projects p where p.organisation_id = o.id and p.structure_id = any(${sql.array(who.reach, 2950)}))
            or exists (select 1 from inventory_entries ie where ie.organisation_id = o.id and ie.structure_id = any(${sql.array(who.reach, 2950)})))
          ${legalForm ? sql`and o.legal_form = ${legalForm}` : sql``}
          ${territory ? sql`and o.territory = ${territory}` : sql``}
        order by o.created_at desc, o.id desc limit ${limit + 1}`;
      const p = page(rows, limit, (r) => encodeCursor(iso(r.created_at)!, r.id as string));
      return c.json({ items: p.items.map(({ created_at, ...r }) => ({ ...r, createdAt: iso(created_at) })), nextCursor: p.nextCursor });
    });
    // Not paged: every programme in reach.
    app.get('/api/programmes', async (c) => {
      const who = await guard(sql, c, ['admin', 'staff', 'coach', 'fund_manager', 'committee_member']);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      const status = c.req.query('status');
      const rows = await sql`
        select p.id, p.structure_id as "structureId", s.name as "structureName", p.code, p.name, p.description, p.territory,
               p.eligibility_criteria as "eligibilityCriteria", p.scoring_grid as "scoringGrid", p.call_opens_on::text as "callOpensOn",
               p.call_closes_on::text as "callClosesOn", p.budget_envelope_minor::float8 as "budgetEnvelopeMinor", p.currency, p.languages, p.status,
               p.created_at, p.updated_at
        from programmes p join structures s on s.id = p.structure_id
        where p.structure_id = any(${sql.array(who.reach, 2950)}) ${status ? sql`and p.status = ${status}` : sql``}
        order by p.code, s.name`;
      return c.json({ items: rows.map(({ created_at, updated_at, ...r }) => ({ ...r, createdAt: iso(created_at), updatedAt: iso(updated_at) })) });
    });
    // Not paged: every cohort in reach.
    app.get('/api/cohorts', async (c) => {
      const who = await guard(sql, c, ['admin', 'staff', 'coach', 'fund_manager']);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      const programmeId = c.req.query('programmeId');
      const rows = await sql`
        select co.id, co.structure_id as "structureId", co.programme_id as "programmeId", p.code as "programmeCode", p.name as "programmeName", co.name,
               co.starts_on::text as "startsOn", co.ends_on::text as "endsOn", co.capacity,
               (select count(*) from cohort_members m where m.cohort_id = co.id)::int as "memberCount", co.created_at
        from cohorts co join programmes p on p.id = co.programme_id
        where co.structure_id = any(${sql.array(who.reach, 2950)}) ${programmeId ? sql`and co.programme_id = ${programmeId}` : sql``}
        order by p.code, co.starts_on, co.name`;
      return c.json({ items: rows.map(({ created_at, ...r }) => ({ ...r, createdAt: iso(created_at) })) });
    });
    // Not paged. Staff see the sessions of their structures; a committee member those they sit on, where that role reaches.
    app.get('/api/committee/sessions', async (c) => {
      const who = await caller(sql, c);
      if (!who || !who.has(['admin', 'staff', 'committee_member'])) return c.json({ error: 'forbidden' }, 403);
      const rows = await sql`
        select cs.id, cs.structure_id as "structureId", cs.programme_id as "programmeId", p.code as "programmeCode", p.name as "programmeName", cs.title,
               cs.held_on::text as "heldOn", cs.quorum, cs.status,
               (select count(*) from committee_members m where m.session_id = cs.id)::int as "memberCount",
               (select count(*) from committee_agenda a where a.session_id = cs.id)::int as "agendaCount", cs.created_at
        from committee_sessions cs join programmes p on p.id = cs.programme_id
        where cs.structure_id = any(${sql.array(who.reachOf(['admin', 'staff']), 2950)})
          or (exists (select 1 from committee_members m where m.session_id = cs.id and m.user_id = ${who.userId})
              and cs.structure_id = any(${sql.array(who.reachOf(['committee_member']), 2950)}))
        order by cs.held_on desc, cs.created_at desc`;
      return c.json({ items: rows.map(({ created_at, ...r }) => ({ ...r, createdAt: iso(created_at) })) });
    });
  },
};
