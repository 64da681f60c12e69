import { type BareModule, decodeCursor, encodeCursor, guard, iso, limitOf, page, touchedBy } from './kit';

/** Guarantees: the register. */
export const guarantees: BareModule = {
  paths: ['/api/guarantees'],
  register(app, sql) {
    app.get('/api/guarantees', async (c) => {
      const who = await guard(sql, c, ['admin', 'staff', 'fund_manager']);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      const limit = limitOf(c);
      const q = (name: string) => c.req.query(name);
      const cursor = q('cursor');
      const rows = await sql`
        select g.id, g.number::float8 as number, g.structure_id as "structureId", g.fund_id as "fundId", f.code as "fundCode", g.agreement_id as "agreementId",
               g.bank_id as "bankId", b.name as "bankName", g.project_id as "projectId", p.title as "projectTitle", o.name as "organisationName", o.sector,
               coalesce(nullif(p.district, ''), nullif(o.district, '')) as district, g.bank_loan_ref as "bankLoanRef", g.loan_amount_minor::float8 as "loanAmountMinor",
               g.currency, g.loan_rate_bps as "loanRateBps", g.term_months as "termMonths", g.grace_months as "graceMonths", g.method, g.disbursed_on::text as "disbursedOn",
               g.coverage_bps as "coverageBps", g.guaranteed_minor::float8 as "guaranteedMinor", g.women_led as "womenLed", g.purpose, g.status, g.risk_class as "riskClass",
               g.outstanding_minor::float8 as "outstandingMinor", g.outstanding_on::text as "outstandingOn", g.days_in_arrears as "daysInArrears",
               g.arrears_minor::float8 as "arrearsMinor", g.exposure_minor::float8 as "exposureMinor", g.provision_minor::float8 as "provisionMinor",
               g.fees_minor::float8 as "feesMinor", g.paid_minor::float8 as "paidMinor", g.recovered_minor::float8 as "recoveredMinor", g.prepared_by as "preparedBy",
               g.decided_by as "decidedBy", g.issued_on::text as "issuedOn", g.released_on::text as "releasedOn", g.closed_on::text as "closedOn", g.created_at
        from guarantees g
        join funds f on f.id = g.fund_id
        join guarantee_banks b on b.id = g.bank_id
        join projects p on p.id = g.project_id
        join organisations o on o.id = p.organisation_id
        where g.structure_id = any(${sql.array(who.reach, 2950)})
          ${q('fundId') ? sql`and g.fund_id = ${q('fundId')!}` : sql``}
          ${q('bankId') ? sql`and g.bank_id = ${q('bankId')!}` : sql``}
          ${q('status') ? sql`and g.status = ${q('status')!}` : sql``}
          ${q('riskClass') ? sql`and g.risk_class = ${q('riskClass')!}` : sql``}
          ${q('projectId') ? sql`and g.project_id = ${q('projectId')!}` : sql``}
          ${cursor ? sql`and g.number < ${Number(decodeCursor(cursor)[0])}` : sql``}
        order by g.number desc limit ${limit + 1}`;
      const p = page(rows, limit, (g) => encodeCursor(g.number as number, g.id as string));
      // The reads Essor runs for the allowed actions, side by side: the open calls and four eyes on those prepared (their rules are left out).
      const ids = rows.map((g) => g.id as string);
      if (ids.length) {
        await Promise.all([
          sql`select guarantee_id, status, made_by from guarantee_calls where guarantee_id = any(${sql.array(ids, 2950)}) and status = any(${sql.array(['pending', 'approved', 'paid'])})`,
          touchedBy(sql, 'guarantee', rows.filter((g) => g.status === 'prepared').map((g) => g.id as string), who.userId),
        ]);
      }
      const items = p.items.map(({ created_at, ...g }) => ({ ...g, createdAt: iso(created_at), allowedActions: [], waiting: [] }));
      return c.json({ items, nextCursor: p.nextCursor });
    });
  },
};
