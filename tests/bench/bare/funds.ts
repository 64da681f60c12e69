import { allocatePayments, daysInArrears } from '../../../api/src/modules/loans/schedule';
import { type BareModule, type Row, decodeCursor, encodeCursor, groupBy, guard, iso, limitOf, page, visible } from './kit';

/** Funds: the journal, co-financing and loans. */
export const funds: BareModule = {
  paths: ['/api/funds/ledger/entries', '/api/funds/cofinancing', '/api/funds/loans'],
  register(app, sql) {
    app.get('/api/funds/ledger/entries', async (c) => {
      const who = await guard(sql, c, ['admin', 'staff', 'fund_manager']);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      const limit = limitOf(c);
      const cursor = c.req.query('cursor');
      const fundId = c.req.query('fundId');
      const rows = await sql`
        select e.id::float8 as id, e.fund_id as "fundId", e.currency, e.occurred_on::text as "occurredOn", e.kind, e.description, e.project_id as "projectId",
               e.source_type as "sourceType", e.source_id as "sourceId", e.reverses_entry_id::float8 as "reversesEntryId", e.posted_by as "postedBy", e.posted_at
        from journal_entries e
        where e.fund_id in (select f.id from funds f where f.structure_id = any(${sql.array(who.reach, 2950)}))
          ${fundId ? sql`and e.fund_id = ${fundId}` : sql``}
          ${cursor ? sql`and e.id < ${Number(decodeCursor(cursor)[1])}` : sql``}
        order by e.id desc limit ${limit + 1}`;
      const p = page(rows, limit, (r) => encodeCursor(r.id as number, r.id as number));
      const ids = p.items.map((r) => r.id as number);
      const lines = ids.length
        ? await sql`select l.entry_id::float8 as entry_id, l.account_id as "accountId", a.code as "accountCode", a.name as "accountName",
                           l.debit_minor::float8 as "debitMinor", l.credit_minor::float8 as "creditMinor"
                    from journal_lines l join ledger_accounts a on a.id = l.account_id where l.entry_id = any(${sql.array(ids, 20)}) order by l.id`
        : [];
      const reversals = ids.length ? await sql`select id::float8 as id, reverses_entry_id::float8 as reverses from journal_entries where reverses_entry_id = any(${sql.array(ids, 20)})` : [];
      const reversedBy = new Map(reversals.map((r) => [r.reverses, r.id]));
      const byEntry = groupBy(lines, 'entry_id');
      const items = p.items.map(({ posted_at, ...r }) => ({
        ...r,
        reversedByEntryId: reversedBy.get(r.id) ?? null,
        postedAt: iso(posted_at),
        lines: (byEntry.get(r.id) ?? []).map(({ entry_id: _e, ...line }) => line),
      }));
      return c.json({ items, nextCursor: p.nextCursor });
    });
    app.get('/api/funds/cofinancing', async (c) => {
      const who = await guard(sql, c, ['admin', 'staff', 'fund_manager', 'committee_member', 'project_holder']);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      const status = c.req.query('status');
      const limit = limitOf(c);
      const cursor = c.req.query('cursor');
      const found = await sql`
        select r.*, r.number::float8 as number, r.amount_minor::float8 as amount_minor, r.agreement_signed_on::text as agreement_signed_on from cofinancing_requests r
        where ${visible(sql, who.userId, who.reach, 'r')} ${status ? sql`and r.status = ${status}` : sql``}
          ${cursor ? sql`and r.number < ${Number(decodeCursor(cursor)[0])}` : sql``}
        order by r.number desc limit ${limit + 1}`;
      const { items: rows, nextCursor } = page(found, limit, (r) => encodeCursor(r.number as number, r.id as string));
      if (rows.length === 0) return c.json({ items: [], nextCursor });
      const ids = rows.map((r) => r.id as string);
      const [fundRows, projectRows, tranches] = await Promise.all([
        sql`select id, code, committee_threshold_minor::float8 as threshold from funds where id = any(${sql.array([...new Set(rows.map((r) => r.fund_id as string))], 2950)})`,
        sql`select id, title, total_budget_minor::float8 as budget from projects where id = any(${sql.array([...new Set(rows.map((r) => r.project_id as string))], 2950)})`,
        sql`select t.id, t.request_id, t.seq, t.amount_minor::float8 as "amountMinor", t.milestone_id as "milestoneId", m.title as "milestoneTitle", m.status as "milestoneStatus",
                   t.status, t.disbursed_on::text as "disbursedOn", t.journal_entry_id::float8 as "journalEntryId"
            from cofinancing_tranches t left join milestones m on m.id = t.milestone_id where t.request_id = any(${sql.array(ids, 2950)}) order by t.seq`,
      ]);
      const fundsById = new Map(fundRows.map((f) => [f.id, f]));
      const projectsById = new Map(projectRows.map((p) => [p.id, p]));
      const byRequest = groupBy(tranches, 'request_id');
      const items = rows.map((r) => {
        const fund = fundsById.get(r.fund_id)!;
        const project = projectsById.get(r.project_id)!;
        const own = (byRequest.get(r.id) ?? []).map(({ request_id: _r, ...t }) => ({ ...t, disbursable: false }) as Row);
        return {
          id: r.id,
          number: r.number,
          structureId: r.structure_id,
          fundId: r.fund_id,
          fundCode: fund.code,
          projectId: r.project_id,
          projectTitle: project.title,
          projectBudgetMinor: project.budget,
          amountMinor: r.amount_minor,
          currency: r.currency,
          purpose: r.purpose,
          otherFunders: r.other_funders,
          status: r.status,
          createdBy: r.created_by,
          recommendation: r.recommendation,
          preparedBy: r.prepared_by,
          preparedAt: iso(r.prepared_at),
          committeeRequired: (r.amount_minor as number) > (fund.threshold as number),
          committeeDecision: r.committee_decision,
          committeeNote: r.committee_note,
          committeeDecidedAt: iso(r.committee_decided_at),
          decidedBy: r.decided_by,
          decidedAt: iso(r.decided_at),
          decisionNote: r.decision_note,
          conditions: r.conditions,
          agreementSignedOn: r.agreement_signed_on,
          tranches: own,
          disbursedMinor: own.filter((t) => t.status === 'disbursed').reduce((sum, t) => sum + (t.amountMinor as number), 0),
          createdAt: iso(r.created_at),
          timeline: [],
          allowedActions: [],
          waiting: [],
        };
      });
      return c.json({ items, nextCursor });
    });
    app.get('/api/funds/loans', async (c) => {
      const who = await guard(sql, c, ['admin', 'staff', 'fund_manager', 'project_holder']);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      const status = c.req.query('status');
      const limit = limitOf(c);
      const cursor = c.req.query('cursor');
      const found = await sql`
        select l.*, l.number::float8 as number, l.principal_minor::float8 as principal_minor, l.disbursed_on::text as disbursed_on, l.closed_on::text as closed_on
        from loans l where ${visible(sql, who.userId, who.reach, 'l')} ${status ? sql`and l.status = ${status}` : sql``}
          ${cursor ? sql`and l.number < ${Number(decodeCursor(cursor)[0])}` : sql``}
        order by l.number desc limit ${limit + 1}`;
      const { items: rows, nextCursor } = page(found, limit, (r) => encodeCursor(r.number as number, r.id as string));
      if (rows.length === 0) return c.json({ items: [], nextCursor });
      const ids = sql.array(rows.map((r) => r.id as string), 2950);
      const [fundRows, projectRows, instalments, repayments, actions] = await Promise.all([
        sql`select id, code from funds where id = any(${sql.array([...new Set(rows.map((r) => r.fund_id as string))], 2950)})`,
        sql`select id, title from projects where id = any(${sql.array([...new Set(rows.map((r) => r.project_id as string))], 2950)})`,
        sql`select loan_id, version, seq, due_on::text as "dueOn", principal_minor::float8 as "principalMinor", interest_minor::float8 as "interestMinor" from loan_instalments where loan_id = any(${ids}) order by seq`,
        sql`select id, loan_id, paid_on::text as "paidOn", amount_minor::float8 as "amountMinor", principal_minor::float8 as "principalMinor", interest_minor::float8 as "interestMinor",
                   schedule_version as "scheduleVersion", journal_entry_id::float8 as "journalEntryId" from loan_repayments where loan_id = any(${ids}) order by paid_on, created_at`,
        sql`select * from loan_actions where loan_id = any(${ids}) order by proposed_at`,
      ]);
      const fundsById = new Map(fundRows.map((f) => [f.id, f.code]));
      const projectsById = new Map(projectRows.map((p) => [p.id, p.title]));
      const [byLoan, paidByLoan, actionsByLoan] = [groupBy(instalments, 'loan_id'), groupBy(repayments, 'loan_id'), groupBy(actions, 'loan_id')];
      const asOf = new Date().toISOString().slice(0, 10);
      const items = rows.map((r) => {
        const schedule = (byLoan.get(r.id) ?? [])
          .filter((i) => i.version === r.schedule_version)
          .map((i) => ({ seq: i.seq as number, dueOn: i.dueOn as string, principalMinor: i.principalMinor as number, interestMinor: i.interestMinor as number }));
        const own = paidByLoan.get(r.id) ?? [];
        const received = own.filter((p) => p.scheduleVersion === r.schedule_version).reduce((sum, p) => sum + (p.amountMinor as number), 0);
        const standing = allocatePayments(schedule, received, asOf);
        const live = r.status === 'active';
        const repaid = own.reduce((sum, p) => sum + (p.principalMinor as number), 0);
        const arrears = standing.filter((i) => i.status === 'overdue').reduce((sum, i) => sum + i.principalMinor + i.interestMinor - i.paidPrincipalMinor - i.paidInterestMinor, 0);
        return {
          id: r.id,
          number: r.number,
          structureId: r.structure_id,
          fundId: r.fund_id,
          fundCode: fundsById.get(r.fund_id),
          projectId: r.project_id,
          projectTitle: projectsById.get(r.project_id),
          kind: r.kind,
          principalMinor: r.principal_minor,
          currency: r.currency,
          rateBps: r.rate_bps,
          termMonths: r.term_months,
          graceMonths: r.grace_months,
          method: r.method,
          purpose: r.purpose,
          status: r.status,
          proposedBy: r.proposed_by,
          decidedBy: r.decided_by,
          disbursedOn: r.disbursed_on,
          closedOn: r.closed_on,
          scheduleVersion: r.schedule_version,
          actions: (actionsByLoan.get(r.id) ?? []).map((a) => ({
            id: a.id,
            kind: a.kind,
            params: a.params,
            reason: a.reason,
            status: a.status,
            proposedBy: a.proposed_by,
            proposedAt: iso(a.proposed_at),
            decidedBy: a.decided_by,
            decidedAt: iso(a.decided_at),
            journalEntryId: a.journal_entry_id === null ? null : Number(a.journal_entry_id),
          })),
          repaidPrincipalMinor: repaid,
          outstandingPrincipalMinor: live ? (r.principal_minor as number) - repaid : 0,
          arrearsMinor: live ? arrears : 0,
          daysInArrears: live ? daysInArrears(standing, asOf) : 0,
          createdAt: iso(r.created_at),
          allowedActions: [],
          waiting: [],
        };
      });
      return c.json({ items, nextCursor });
    });
  },
};
