import { figuresFrom } from '../../../api/src/modules/funds/figures';
import { allocatePayments, daysInArrears } from '../../../api/src/modules/loans/schedule';
import { type BareModule, type Sql, guard, iso, touchedBy, visible } from './kit';

const notFound = { error: 'not_found' };
/** The `{id}` Essor's idParams accept (z.uuid()); anything else answers 400 there, before any query. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const invalid = { error: 'invalid' };

/** What happened to one document, oldest first, from the audit log (lib/timeline.ts entityTimeline). */
async function timelineOf(sql: Sql, entity: string, id: string) {
  const rows = await sql`
    select a.at, a.action, a.actor_email as "actorEmail", u.name as "actorName", a.after
    from audit_log a left join users u on u.id = a.actor_id
    where a.entity = ${entity} and a.entity_id = ${id}
    order by a.at, a.id`;
  return rows.map((r) => ({ at: iso(r.at), action: r.action, actorEmail: r.actorEmail, actorName: r.actorName, details: r.after ?? null }));
}

/** The heaviest detail pages (registered last: their parameter routes would shadow fixed paths). */
export const details: BareModule = {
  paths: ['/api/projects/:id', '/api/funds/loans/:id', '/api/guarantees/:id', '/api/funds/:id', '/api/bonds/offerings/:id'],
  register(app, sql) {
    app.get('/api/projects/:id', async (c) => {
      const who = await guard(sql, c, ['admin', 'staff', 'coach', 'fund_manager']);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      if (!UUID.test(c.req.param('id'))) return c.json(invalid, 400);
      const [row] = await sql`
        select p.id, p.structure_id as "structureId", s.name as "structureName", p.organisation_id as "organisationId", o.name as "organisationName",
               o.legal_form as "legalForm", p.programme_id as "programmeId", pr.code as "programmeCode", pr.name as "programmeName", p.title,
               p.description, p.needs, p.district, p.total_budget_minor::float8 as "totalBudgetMinor", p.currency, p.stage,
               p.holder_user_id as "holderUserId", p.created_at
        from projects p
        join organisations o on o.id = p.organisation_id
        join structures s on s.id = p.structure_id
        left join programmes pr on pr.id = p.programme_id
        where p.id = ${c.req.param('id')}::uuid and p.structure_id = any(${sql.array(who.reach, 2950)})`;
      if (!row) return c.json(notFound, 404);
      const { created_at, ...project } = row;
      return c.json({ ...project, createdAt: iso(created_at) });
    });

    app.get('/api/funds/loans/:id', async (c) => {
      const who = await guard(sql, c, ['admin', 'staff', 'fund_manager', 'project_holder']);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      if (!UUID.test(c.req.param('id'))) return c.json(invalid, 400);
      const id = c.req.param('id');
      // Beside the row, the four-eyes read Essor runs for the allowed actions (their rules are left out, as in the lists' twins).
      const [[r]] = await Promise.all([
        sql`
        select l.*, l.number::float8 as number, l.principal_minor::float8 as principal_minor, l.disbursed_on::text as disbursed_on, l.closed_on::text as closed_on,
               f.code as fund_code, p.title as project_title
        from loans l join funds f on f.id = l.fund_id join projects p on p.id = l.project_id
        where l.id = ${id}::uuid and ${visible(sql, who.userId, who.reach, 'l')}`,
        touchedBy(sql, 'loan', [id], who.userId),
      ]);
      if (!r) return c.json(notFound, 404);
      const [instalments, repayments, actions, timeline] = await Promise.all([
        sql`select seq, due_on::text as "dueOn", principal_minor::float8 as "principalMinor", interest_minor::float8 as "interestMinor"
            from loan_instalments where loan_id = ${id}::uuid and version = ${r.schedule_version as number} order by seq`,
        sql`select id, paid_on::text as "paidOn", amount_minor::float8 as "amountMinor", principal_minor::float8 as "principalMinor", interest_minor::float8 as "interestMinor",
                   schedule_version as "scheduleVersion", journal_entry_id::float8 as "journalEntryId"
            from loan_repayments where loan_id = ${id}::uuid order by paid_on, created_at`,
        sql`select id, kind, params, reason, status, proposed_by, proposed_at, decided_by, decided_at, journal_entry_id::float8 as journal_entry_id
            from loan_actions where loan_id = ${id}::uuid order by proposed_at`,
        timelineOf(sql, 'loan', id),
      ]);
      const asOf = new Date().toISOString().slice(0, 10);
      const schedule = instalments.map((i) => ({ seq: i.seq as number, dueOn: i.dueOn as string, principalMinor: i.principalMinor as number, interestMinor: i.interestMinor as number }));
      const received = repayments.filter((p) => p.scheduleVersion === r.schedule_version).reduce((sum, p) => sum + (p.amountMinor as number), 0);
      const standing = allocatePayments(schedule, received, asOf);
      const live = r.status === 'active';
      const repaid = repayments.reduce((sum, p) => sum + (p.principalMinor as number), 0);
      const arrears = standing.filter((i) => i.status === 'overdue').reduce((sum, i) => sum + i.principalMinor + i.interestMinor - i.paidPrincipalMinor - i.paidInterestMinor, 0);
      return c.json({
        id: r.id,
        number: r.number,
        structureId: r.structure_id,
        fundId: r.fund_id,
        fundCode: r.fund_code,
        projectId: r.project_id,
        projectTitle: r.project_title,
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
        schedule: standing,
        repayments,
        actions: actions.map((a) => ({
          id: a.id,
          kind: a.kind,
          params: a.params,
          reason: a.reason,
          status: a.status,
          proposedBy: a.proposed_by,
          proposedAt: iso(a.proposed_at),
          decidedBy: a.decided_by,
          decidedAt: iso(a.decided_at),
          journalEntryId: a.journal_entry_id,
        })),
        repaidPrincipalMinor: repaid,
        outstandingPrincipalMinor: live ? (r.principal_minor as number) - repaid : 0,
        arrearsMinor: live ? arrears : 0,
        daysInArrears: live ? daysInArrears(standing, asOf) : 0,
        createdAt: iso(r.created_at),
        timeline,
        allowedActions: [],
        waiting: [],
      });
    });

    app.get('/api/guarantees/:id', async (c) => {
      const who = await guard(sql, c, ['admin', 'staff', 'fund_manager']);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      if (!UUID.test(c.req.param('id'))) return c.json(invalid, 400);
      const id = c.req.param('id');
      const [g] = await sql`
        select g.id, g.number::float8 as number, g.structure_id as "structureId", g.fund_id as "fundId", f.code as "fundCode", g.agreement_id as "agreementId",
               g.bank_id as "bankId", b.name as "bankName", g.project_id as "projectId", p.title as "projectTitle", o.name as "organisationName", o.sector,
               coalesce(nullif(p.district, ''), nullif(o.district, '')) as district, g.bank_loan_ref as "bankLoanRef",
               g.loan_amount_minor::float8 as "loanAmountMinor", g.currency, g.loan_rate_bps as "loanRateBps", g.term_months as "termMonths",
               g.grace_months as "graceMonths", g.method, g.disbursed_on::text as "disbursedOn", g.coverage_bps as "coverageBps",
               g.guaranteed_minor::float8 as "guaranteedMinor", g.women_led as "womenLed", g.purpose, g.status, g.risk_class as "riskClass",
               g.outstanding_minor::float8 as "outstandingMinor", g.outstanding_on::text as "outstandingOn", g.days_in_arrears as "daysInArrears",
               g.arrears_minor::float8 as "arrearsMinor", g.exposure_minor::float8 as "exposureMinor", g.provision_minor::float8 as "provisionMinor",
               g.fees_minor::float8 as "feesMinor", g.paid_minor::float8 as "paidMinor", g.recovered_minor::float8 as "recoveredMinor",
               g.prepared_by as "preparedBy", g.decided_by as "decidedBy", g.issued_on::text as "issuedOn", g.released_on::text as "releasedOn",
               g.closed_on::text as "closedOn", g.created_at
        from guarantees g
        join funds f on f.id = g.fund_id
        join guarantee_banks b on b.id = g.bank_id
        join projects p on p.id = g.project_id
        join organisations o on o.id = p.organisation_id
        where g.id = ${id}::uuid and g.structure_id = any(${sql.array(who.reach, 2950)})`;
      if (!g) return c.json(notFound, 404);
      const [outstandings, riskChanges, fees, calls, recoveries, timeline] = await Promise.all([
        sql`select as_of::text as "asOf", source, outstanding_minor::float8 as "outstandingMinor", arrears_minor::float8 as "arrearsMinor",
                   days_in_arrears as "daysInArrears", exposure_minor::float8 as "exposureMinor"
            from guarantee_outstandings where guarantee_id = ${id}::uuid order by as_of desc, created_at desc`,
        sql`select from_class as "fromClass", to_class as "toClass", reason, exposure_minor::float8 as "exposureMinor",
                   provision_before_minor::float8 as "provisionBeforeMinor", provision_after_minor::float8 as "provisionAfterMinor",
                   journal_entry_id::float8 as "journalEntryId", occurred_on::text as "occurredOn", created_at
            from guarantee_risk_changes where guarantee_id = ${id}::uuid order by created_at desc`,
        sql`select charged_on::text as "chargedOn", basis, base_minor::float8 as "baseMinor", amount_minor::float8 as "amountMinor", journal_entry_id::float8 as "journalEntryId"
            from guarantee_fees where guarantee_id = ${id}::uuid order by charged_on`,
        sql`select id, guarantee_id as "guaranteeId", defaulted_on::text as "defaultedOn", called_on::text as "calledOn",
                   declared_loss_minor::float8 as "declaredLossMinor", claimed_minor::float8 as "claimedMinor", payout_minor::float8 as "payoutMinor",
                   status, note, made_by as "madeBy", decided_by as "decidedBy", approved_on::text as "approvedOn", paid_on::text as "paidOn",
                   approval_entry_id::float8 as "approvalEntryId", payment_entry_id::float8 as "paymentEntryId", created_at
            from guarantee_calls where guarantee_id = ${id}::uuid order by created_at`,
        sql`select id, call_id as "callId", received_on::text as "receivedOn", bank_recovered_minor::float8 as "bankRecoveredMinor",
                   fund_share_minor::float8 as "fundShareMinor", journal_entry_id::float8 as "journalEntryId", created_at
            from guarantee_recoveries where guarantee_id = ${id}::uuid order by received_on, created_at`,
        timelineOf(sql, 'guarantee', id),
      ]);
      const { created_at, ...guarantee } = g;
      const stamped = <T extends Record<string, unknown>>({ created_at: at, ...rest }: T) => ({ ...rest, createdAt: iso(at) });
      return c.json({
        ...guarantee,
        createdAt: iso(created_at),
        allowedActions: [],
        waiting: [],
        outstandings,
        riskChanges: riskChanges.map(stamped),
        fees,
        calls: calls.map(stamped),
        recoveries: recoveries.map(stamped),
        timeline,
      });
    });

    app.get('/api/funds/:id', async (c) => {
      const who = await guard(sql, c, ['admin', 'staff', 'fund_manager']);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      if (!UUID.test(c.req.param('id'))) return c.json(invalid, 400);
      const id = c.req.param('id');
      const asOf = c.req.query('asOf');
      const [f] = await sql`
        select f.id, f.structure_id as "structureId", s.name as "structureName", f.code, f.name, f.type, f.currency, f.description,
               f.committee_threshold_minor::float8 as "committeeThresholdMinor", f.status, f.opened_on::text as "openedOn",
               (select to_char(max(closes_on), 'YYYY-MM-DD') from accounting_closures where status = 'approved' and fund_id = f.id) as "closedThrough",
               coalesce((select sum(amount_minor) from fund_envelopes where fund_id = f.id), 0)::float8 as "envelopesMinor",
               f.created_at
        from funds f join structures s on s.id = f.structure_id
        where f.id = ${id}::uuid and f.structure_id = any(${sql.array(who.reach, 2950)})`;
      if (!f) return c.json(notFound, 404);
      const figuresAt = async (day?: string) => {
        const rows = await sql`
          select a.code, e.kind, sum(l.debit_minor - l.credit_minor)::float8 as net
          from journal_lines l
          join journal_entries e on e.id = l.entry_id
          join ledger_accounts a on a.id = l.account_id
          where e.fund_id = ${id}::uuid ${day ? sql`and e.occurred_on <= ${day}` : sql``}
          group by a.code, e.kind`;
        const movements = new Map<string, Map<string, number>>();
        for (const row of rows) {
          const byKind = movements.get(row.code as string) ?? new Map<string, number>();
          byKind.set(row.kind as string, (byKind.get(row.kind as string) ?? 0) + (row.net as number));
          movements.set(row.code as string, byKind);
        }
        return figuresFrom(movements);
      };
      const [figures, today] = await Promise.all([figuresAt(asOf), asOf ? figuresAt() : null]);
      const { created_at, ...fund } = f;
      const capitalToday = (today ?? figures).capitalMinor;
      return c.json({ ...fund, overAllocatedMinor: Math.max(0, (f.envelopesMinor as number) - capitalToday), createdAt: iso(created_at), figures });
    });

    app.get('/api/bonds/offerings/:id', async (c) => {
      const who = await guard(sql, c, ['admin', 'staff', 'fund_manager']);
      if (!who) return c.json({ error: 'forbidden' }, 403);
      if (!UUID.test(c.req.param('id'))) return c.json(invalid, 400);
      const [o] = await sql`
        select b.id, b.structure_id as "structureId", b.code, b.issuer_project_id as "issuerProjectId", coalesce(o.name, p.title) as "issuerName",
               b.trust_fund_id as "trustFundId", f.code as "trustFundCode", b.title, b.summary_fr as "summaryFr", b.summary_en as "summaryEn",
               b.notice_fr as "noticeFr", b.notice_en as "noticeEn", b.use_of_funds as "useOfFunds", b.impact_aim as "impactAim", b.currency,
               b.unit_price_minor::float8 as "unitPriceMinor", b.max_units as "maxUnits", b.min_units as "minUnits",
               b.min_units_per_person as "minUnitsPerPerson", b.max_units_per_person as "maxUnitsPerPerson", b.rate_bps as "rateBps",
               b.term_months as "termMonths", b.coupon_frequency as "couponFrequency", b.day_count as "dayCount", b.opens_on::text as "opensOn",
               b.closes_on::text as "closesOn", b.issued_on::text as "issuedOn", b.matures_on::text as "maturesOn", b.payment_days as "paymentDays",
               b.withholding_bps as "withholdingBps", b.early_redemption_from::text as "earlyRedemptionFrom", b.redeemed_on::text as "redeemedOn",
               b.status, b.reserved_units as "reservedUnits", b.paid_units as "paidUnits", b.created_by as "createdBy", b.approved_by as "approvedBy",
               b.cancelled_reason as "cancelledReason", b.cancelled_at, b.created_at, b.updated_at
        from bond_offerings b
        join projects p on p.id = b.issuer_project_id
        left join organisations o on o.id = p.organisation_id
        join funds f on f.id = b.trust_fund_id
        where b.id = ${c.req.param('id')}::uuid and b.structure_id = any(${sql.array(who.reach, 2950)})`;
      if (!o) return c.json(notFound, 404);
      const { cancelled_at, created_at, updated_at, ...offering } = o;
      return c.json({ ...offering, cancelledAt: iso(cancelled_at), createdAt: iso(created_at), updatedAt: iso(updated_at) });
    });
  },
};
