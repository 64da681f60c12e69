import { figuresFrom } from '../../../api/src/modules/funds/figures';
import { allocatePayments, daysInArrears } from '../../../api/src/modules/loans/schedule';
import { type BareModule, type Row, type Sql, caller, decodeCursor, encodeCursor, groupBy, guard, iso, limitOf, page, touchedBy, visible } from './kit';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A pending four-eyes decision of this kind the person may check (approvals/inbox.ts checkable): `entity` bars whoever is in the document's trail. */
function checkable(sql: Sql, kind: string, userId: string, reach: string[], entity: string | null) {
  return sql`(d.kind = ${kind} and d.status = 'pending' and d.maker_id <> ${userId} and d.structure_id = any(${sql.array(reach, 2950)})
    ${entity ? sql`and not exists (select 1 from audit_log h where h.entity = ${entity} and h.entity_id = d.entity_id::text
      and (h.actor_id = ${userId} or coalesce(h.after->'voterIds', '[]'::jsonb) @> jsonb_build_array(${userId}::text)))` : sql``})`;
}

/** Funds: the list with its figures, the journal, account statements, co-financing, loans, equipment and the approvals inbox. */
export const funds: BareModule = {
  paths: [
    '/api/funds',
    '/api/funds/inbox',
    '/api/funds/ledger/entries',
    '/api/funds/ledger/accounts/:id/statement',
    '/api/funds/cofinancing',
    '/api/funds/loans',
    '/api/funds/equipment/quotes',
    '/api/funds/equipment/assets',
  ],
  register(app, sql) {
    app.get('/api/funds', async (c) => {
      const who = await guard(sql, c, ['admin', 'staff', 'fund_manager']);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      const reach = sql.array(who.reach, 2950);
      const [rows, movements] = await Promise.all([
        sql`select f.*, f.committee_threshold_minor::float8 as committee_threshold_minor, f.opened_on::text as opened_on, s.name as structure_name,
                   (select to_char(max(ac.closes_on), 'YYYY-MM-DD') from accounting_closures ac where ac.fund_id = f.id and ac.status = 'approved') as closed_through,
                   (select coalesce(sum(fe.amount_minor), 0)::float8 from fund_envelopes fe where fe.fund_id = f.id) as envelopes
            from funds f join structures s on s.id = f.structure_id where f.structure_id = any(${reach}) order by f.code`,
        sql`select e.fund_id, a.code, e.kind, sum(l.debit_minor - l.credit_minor)::float8 as net
            from journal_lines l join journal_entries e on e.id = l.entry_id join ledger_accounts a on a.id = l.account_id
            where e.fund_id in (select id from funds where structure_id = any(${reach}))
            group by e.fund_id, a.code, e.kind`,
      ]);
      const byFund = new Map<unknown, Map<string, Map<string, number>>>();
      for (const m of movements) {
        const codes = byFund.get(m.fund_id) ?? new Map<string, Map<string, number>>();
        const kinds = codes.get(m.code as string) ?? new Map<string, number>();
        kinds.set(m.kind as string, (kinds.get(m.kind as string) ?? 0) + (m.net as number));
        codes.set(m.code as string, kinds);
        byFund.set(m.fund_id, codes);
      }
      return c.json(
        rows.map((f) => {
          const figures = figuresFrom(byFund.get(f.id) ?? new Map());
          return {
            id: f.id,
            structureId: f.structure_id,
            structureName: f.structure_name,
            code: f.code,
            name: f.name,
            type: f.type,
            currency: f.currency,
            description: f.description,
            committeeThresholdMinor: f.committee_threshold_minor,
            status: f.status,
            openedOn: f.opened_on,
            closedThrough: f.closed_through,
            envelopesMinor: f.envelopes,
            overAllocatedMinor: Math.max(0, (f.envelopes as number) - figures.capitalMinor),
            createdAt: iso(f.created_at),
            figures,
          };
        }),
      );
    });
    app.get('/api/funds/inbox', async (c) => {
      const who = await caller(sql, c);
      if (!who || !who.has(['fund_manager', 'committee_member'])) return c.json({ error: 'forbidden' }, 403);
      const [managing, committee] = [who.reachOf(['fund_manager']), who.reachOf(['committee_member'])];
      const user = who.userId;
      const opinionMissing = sql`(r.amount_minor > f.committee_threshold_minor and r.committee_decision is null)`;
      const cofinancing = sql`
        select d.id as "decisionId", d.requested_at, r.id, r.number::float8 as number, r.structure_id as "structureId", r.fund_id as "fundId", f.code as "fundCode",
               r.project_id as "projectId", p.title as "projectTitle", r.amount_minor::float8 as "amountMinor", r.currency, r.purpose, r.prepared_by as "preparedBy",
               r.amount_minor > f.committee_threshold_minor as "committeeRequired", r.committee_decision as "committeeDecision"
        from pending_decisions d
        join cofinancing_requests r on r.id::text = d.entity_id
        join funds f on f.id = r.fund_id
        join projects p on p.id = r.project_id
        where (${checkable(sql, 'cofinancing.approve', user, managing, 'cofinancing')} and not ${opinionMissing} and r.created_by <> ${user}
                 and (r.committee_decided_by is null or r.committee_decided_by <> ${user}))
           or (d.kind = 'cofinancing.approve' and d.status = 'pending' and ${opinionMissing} and d.structure_id = any(${sql.array(committee, 2950)}))
        order by d.requested_at, d.id`;
      const withAt = (rows: Row[]) => rows.map(({ requested_at, ...r }) => ({ ...r, requestedAt: iso(requested_at) }));
      if (managing.length === 0) {
        return c.json({ cofinancing: withAt(await cofinancing), loans: [], loanActions: [], equipmentQuotes: [], closures: [], bondOfferings: [], guarantees: [] });
      }
      const [cofinancingRows, loans, loanActions, equipmentQuotes, closures, bondOfferings, guarantees] = await Promise.all([
        cofinancing,
        sql`select l.id, l.number::float8 as number, p.title as "projectTitle", l.principal_minor::float8 as "principalMinor", l.currency, f.code as "fundCode", l.status
            from pending_decisions d join loans l on l.id::text = d.entity_id join projects p on p.id = l.project_id join funds f on f.id = l.fund_id
            where ${checkable(sql, 'loan.approve', user, managing, 'loan')} order by d.requested_at, d.id`,
        sql`select a.id, a.loan_id as "loanId", l.number::float8 as "loanNumber", a.kind, a.reason, a.proposed_at
            from pending_decisions d join loan_actions a on a.id::text = d.subject_id join loans l on l.id = a.loan_id
            where ${checkable(sql, 'loan.reschedule', user, managing, null)} or ${checkable(sql, 'loan.write_off', user, managing, null)} order by d.requested_at, d.id`,
        sql`select q.id, q.number::float8 as number, q.supplier, q.total_minor::float8 as "totalMinor", q.currency, p.title as "projectTitle"
            from pending_decisions d join equipment_quotes q on q.id::text = d.entity_id join projects p on p.id = q.project_id
            where ${checkable(sql, 'equipment.approve', user, managing, 'equipment_quote')} order by d.requested_at, d.id`,
        sql`select d.id as "decisionId", ac.id, ac.fund_id as "fundId", f.code as "fundCode", ac.closes_on::text as "closesOn", ac.note, d.requested_at
            from pending_decisions d join accounting_closures ac on ac.id::text = d.subject_id join funds f on f.id = ac.fund_id
            where ${checkable(sql, 'closure.approve', user, managing, null)} order by d.requested_at, d.id`,
        sql`select d.id as "decisionId", o.id, o.code, o.title, o.max_units as "maxUnits", o.unit_price_minor::float8 as "unitPriceMinor", o.currency, d.requested_at
            from pending_decisions d join bond_offerings o on o.id::text = d.entity_id
            where ${checkable(sql, 'bond_offering.approve', user, managing, 'bond_offering')} order by d.requested_at, d.id`,
        sql`select d.id as "decisionId", g.id, g.number::float8 as number, d.kind, p.title as "projectTitle", b.name as "bankName",
                   d.amount_minor::float8 as "amountMinor", d.currency, d.requested_at
            from pending_decisions d join guarantees g on g.id::text = d.entity_id join projects p on p.id = g.project_id join guarantee_banks b on b.id = g.bank_id
            where ${checkable(sql, 'guarantee.approve', user, managing, 'guarantee')} or ${checkable(sql, 'guarantee.call', user, managing, null)} order by d.requested_at, d.id`,
      ]);
      return c.json({
        cofinancing: withAt(cofinancingRows),
        loans,
        loanActions: loanActions.map(({ proposed_at, ...a }) => ({ ...a, proposedAt: iso(proposed_at) })),
        equipmentQuotes,
        closures: withAt(closures),
        bondOfferings: withAt(bondOfferings),
        guarantees: withAt(guarantees),
      });
    });
    app.get('/api/funds/ledger/accounts/:id/statement', async (c) => {
      const who = await guard(sql, c, ['admin', 'staff', 'fund_manager']);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      const accountId = c.req.param('id');
      if (!UUID.test(accountId)) return c.json({ error: 'invalid' }, 400);
      const limit = limitOf(c);
      const [from, to, cursor] = [c.req.query('from'), c.req.query('to'), c.req.query('cursor')];
      let after: { day: string; entry: number; line: number } | null = null;
      if (cursor) {
        const [entry, line] = decodeCursor(cursor).map(Number);
        const [found] = await sql`select occurred_on::text as day from journal_entries where id = ${entry}`;
        if (!found) return c.json({ error: 'invalid' }, 400);
        after = { day: found.day as string, entry, line };
      }
      const [a] = await sql`
        select a.id, a.fund_id as "fundId", f.code as "fundCode", a.code, a.name, a.type, a.normal_balance as "normalBalance", a.currency, f.structure_id,
               coalesce(t.debit, 0)::float8 as "debitMinor", coalesce(t.credit, 0)::float8 as "creditMinor"
        from ledger_accounts a join funds f on f.id = a.fund_id
        left join (select l.account_id, sum(l.debit_minor) as debit, sum(l.credit_minor) as credit from journal_lines l
                   ${to ? sql`join journal_entries e on e.id = l.entry_id where e.occurred_on <= ${to}` : sql``} group by l.account_id) t on t.account_id = a.id
        where a.id = ${accountId}`;
      if (!a || !who.reach.includes(a.structure_id as string)) return c.json({ error: 'not found' }, 404);
      const { structure_id: _s, ...account } = a;
      account.balanceMinor = a.normalBalance === 'debit' ? a.debitMinor - a.creditMinor : a.creditMinor - a.debitMinor;
      const sign = a.normalBalance === 'debit' ? 1 : -1;
      const inRange = sql`${from ? sql`and e.occurred_on >= ${from}` : sql``} ${to ? sql`and e.occurred_on <= ${to}` : sql``}`;
      const afterLine = after ? sql`(e.occurred_on, e.id, l.id) > (${after.day}::date, ${after.entry}::bigint, ${after.line}::bigint)` : sql`true`;
      const net = (where: ReturnType<typeof sql>) => sql`
        select coalesce(sum(l.debit_minor), 0)::float8 as debit, coalesce(sum(l.credit_minor), 0)::float8 as credit
        from journal_lines l join journal_entries e on e.id = l.entry_id where l.account_id = ${accountId} ${where}`;
      const [openingRows, beforeRows, movements] = await Promise.all([
        from ? net(sql`and e.occurred_on < ${from}`) : null,
        after ? net(sql`${inRange} and not ${afterLine}`) : null,
        sql`select l.id::float8 as line_id, e.id::float8 as "entryId", e.occurred_on::text as "occurredOn", e.kind, e.description,
                   l.debit_minor::float8 as "debitMinor", l.credit_minor::float8 as "creditMinor"
            from journal_lines l join journal_entries e on e.id = l.entry_id
            where l.account_id = ${accountId} ${inRange} and ${afterLine}
            order by e.occurred_on, e.id, l.id limit ${limit + 1}`,
      ]);
      const signed = (rows: Row[] | null) => (rows ? sign * ((rows[0].debit as number) - (rows[0].credit as number)) : 0);
      const opening = signed(openingRows);
      const broughtForward = opening + signed(beforeRows);
      const p = page(movements, limit, (m) => encodeCursor(m.entryId as number, m.line_id as number));
      let running = broughtForward;
      const lines = p.items.map(({ line_id: _l, ...m }) => {
        running += sign * ((m.debitMinor as number) - (m.creditMinor as number));
        return { ...m, balanceMinor: running };
      });
      return c.json({
        account,
        from: from ?? null,
        to: to ?? null,
        openingBalanceMinor: opening,
        closingBalanceMinor: account.balanceMinor,
        broughtForwardMinor: broughtForward,
        nextCursor: p.nextCursor,
        lines,
      });
    });
    app.get('/api/funds/equipment/quotes', async (c) => {
      const who = await guard(sql, c, ['admin', 'staff', 'fund_manager', 'project_holder']);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      const [fundId, projectId, status] = [c.req.query('fundId'), c.req.query('projectId'), c.req.query('status')];
      const rows = await sql`
        select q.id, q.number::float8 as number, q.structure_id as "structureId", q.fund_id as "fundId", f.code as "fundCode", q.project_id as "projectId", p.title as "projectTitle",
               q.supplier, q.lines, q.total_minor::float8 as "totalMinor", q.currency, q.status, q.recorded_by as "recordedBy", q.decided_by as "decidedBy",
               q.purchase_order_number as "purchaseOrderNumber", q.ordered_on::text as "orderedOn", q.invoice_number as "invoiceNumber",
               q.invoice_amount_minor::float8 as "invoiceAmountMinor", q.invoiced_on::text as "invoicedOn", q.paid_on::text as "paidOn", q.created_at
        from equipment_quotes q join funds f on f.id = q.fund_id join projects p on p.id = q.project_id
        where ${visible(sql, who.userId, who.reach, 'q')}
          ${fundId ? sql`and q.fund_id = ${fundId}` : sql``} ${projectId ? sql`and q.project_id = ${projectId}` : sql``} ${status ? sql`and q.status = ${status}` : sql``}
        order by q.number desc`;
      // The four-eyes read Essor runs for the allowed actions (their rules are left out, as Essor's own).
      await touchedBy(sql, 'equipment_quote', rows.map((q) => q.id as string), who.userId);
      return c.json(rows.map(({ created_at, ...q }) => ({ ...q, createdAt: iso(created_at), timeline: [], allowedActions: [], waiting: [] })));
    });
    app.get('/api/funds/equipment/assets', async (c) => {
      const who = await guard(sql, c, ['admin', 'staff', 'fund_manager', 'project_holder']);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      const limit = limitOf(c);
      const [fundId, projectId, status, cursor] = [c.req.query('fundId'), c.req.query('projectId'), c.req.query('status'), c.req.query('cursor')];
      let after = sql``;
      if (cursor) {
        const [key, id] = decodeCursor(cursor);
        const bar = String(key).indexOf('|');
        after = sql`and (a.acquired_on, a.item, a.id) > (${String(key).slice(0, bar)}::date, ${String(key).slice(bar + 1)}, ${String(id)}::uuid)`;
      }
      const rows = await sql`
        select a.id, a.structure_id as "structureId", a.fund_id as "fundId", a.quote_id as "quoteId", a.project_id as "projectId", p.title as "projectTitle",
               a.item, a.serial_number as "serialNumber", a.value_minor::float8 as "valueMinor", a.currency, a.status, a.acquired_on::text as "acquiredOn",
               a.returned_on::text as "returnedOn", a.note
        from equipment_assets a left join projects p on p.id = a.project_id
        where ${visible(sql, who.userId, who.reach, 'a')}
          ${fundId ? sql`and a.fund_id = ${fundId}` : sql``} ${projectId ? sql`and a.project_id = ${projectId}` : sql``} ${status ? sql`and a.status = ${status}` : sql``} ${after}
        order by a.acquired_on, a.item, a.id limit ${limit + 1}`;
      return c.json(page(rows, limit, (a) => encodeCursor(`${a.acquiredOn as string}|${a.item as string}`, a.id as string)));
    });
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
      // The four-eyes read Essor runs for the allowed actions (their rules are left out, as Essor's own).
      await touchedBy(sql, 'cofinancing', ids, who.userId);
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
        sql`select i.loan_id, i.seq, i.due_on::text as "dueOn", i.principal_minor::float8 as "principalMinor", i.interest_minor::float8 as "interestMinor"
            from loan_instalments i join loans l on l.id = i.loan_id and l.schedule_version = i.version where i.loan_id = any(${ids}) order by i.seq`,
        sql`select r.loan_id, coalesce(sum(r.amount_minor) filter (where r.schedule_version = l.schedule_version), 0)::float8 as received, sum(r.principal_minor)::float8 as repaid
            from loan_repayments r join loans l on l.id = r.loan_id where r.loan_id = any(${ids}) group by r.loan_id`,
        sql`select * from loan_actions where loan_id = any(${ids}) order by proposed_at`,
      ]);
      const fundsById = new Map(fundRows.map((f) => [f.id, f.code]));
      const projectsById = new Map(projectRows.map((p) => [p.id, p.title]));
      const [byLoan, paidByLoan, actionsByLoan] = [groupBy(instalments, 'loan_id'), groupBy(repayments, 'loan_id'), groupBy(actions, 'loan_id')];
      const asOf = new Date().toISOString().slice(0, 10);
      // The four-eyes read Essor runs for the allowed actions (their rules are left out, as Essor's own).
      await touchedBy(sql, 'loan', rows.map((r) => r.id as string), who.userId);
      const items = rows.map((r) => {
        const schedule = (byLoan.get(r.id) ?? []).map((i) => ({ seq: i.seq as number, dueOn: i.dueOn as string, principalMinor: i.principalMinor as number, interestMinor: i.interestMinor as number }));
        const [sums] = paidByLoan.get(r.id) ?? [];
        const standing = allocatePayments(schedule, (sums?.received as number) ?? 0, asOf);
        const live = r.status === 'active';
        const repaid = (sums?.repaid as number) ?? 0;
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
