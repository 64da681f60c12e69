import { sql, type SQL } from 'drizzle-orm';

/**
 * Money leaving the funds towards projects, read from the business tables (not the ledger): one row per
 * document, with what was paid out (`disbursed`, on `paid_on`) and what is approved but not yet paid out
 * (`committed`). Outflows: co-financing tranches disbursed, loans disbursed (principal), equipment paid,
 * guarantee calls paid; committed: the planned tranches of approved requests, approved loans not yet
 * disbursed, equipment approved, ordered or invoiced, guarantee calls approved.
 * `where` filters every branch on its `fund_id` and `project_id` columns (aliased `o`).
 */
export function outflowsSql(where: (o: { fundId: SQL; projectId: SQL }) => SQL): SQL {
  const on = (fund: string, project: string) => where({ fundId: sql.raw(fund), projectId: sql.raw(project) });
  return sql`
    select r.fund_id, r.project_id, t.disbursed_on as paid_on, t.amount_minor::bigint as disbursed, 0::bigint as committed
      from cofinancing_tranches t join cofinancing_requests r on r.id = t.request_id
      where t.status = 'disbursed' and ${on('r.fund_id', 'r.project_id')}
    union all
    select r.fund_id, r.project_id, null, 0, t.amount_minor
      from cofinancing_tranches t join cofinancing_requests r on r.id = t.request_id
      where t.status = 'planned' and r.status = 'approved' and ${on('r.fund_id', 'r.project_id')}
    union all
    select l.fund_id, l.project_id, l.disbursed_on, l.principal_minor, 0
      from loans l where l.disbursed_on is not null and l.status in ('active', 'closed', 'written_off') and ${on('l.fund_id', 'l.project_id')}
    union all
    select l.fund_id, l.project_id, null, 0, l.principal_minor
      from loans l where l.status = 'approved' and l.disbursed_on is null and ${on('l.fund_id', 'l.project_id')}
    union all
    select q.fund_id, q.project_id, q.paid_on, coalesce(q.invoice_amount_minor, q.total_minor), 0
      from equipment_quotes q where q.status = 'paid' and ${on('q.fund_id', 'q.project_id')}
    union all
    select q.fund_id, q.project_id, null, 0, coalesce(q.invoice_amount_minor, q.total_minor)
      from equipment_quotes q where q.status in ('approved', 'ordered', 'invoiced') and ${on('q.fund_id', 'q.project_id')}
    union all
    select g.fund_id, g.project_id, c.paid_on, c.payout_minor, 0
      from guarantee_calls c join guarantees g on g.id = c.guarantee_id where c.status = 'paid' and ${on('g.fund_id', 'g.project_id')}
    union all
    select g.fund_id, g.project_id, null, 0, c.payout_minor
      from guarantee_calls c join guarantees g on g.id = c.guarantee_id where c.status = 'approved' and ${on('g.fund_id', 'g.project_id')}`;
}

/** Outflows paid within [from, to] (commitments: as they stand now, whatever the period). */
export function inPeriod(from: string | null, to: string | null): SQL {
  return sql`(o.paid_on is null or ((${from}::date is null or o.paid_on >= ${from}::date) and (${to}::date is null or o.paid_on <= ${to}::date)))`;
}
