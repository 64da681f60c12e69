import { chartFor, normalBalanceOf } from '../../api/src/modules/ledger/chart';
import { DOMAIN, END, type Plan, projectOf, structureOf, uid, uuidFromText } from './plan';
import type { Step } from './pipeline';

/**
 * The money side, set-based: four funds per structure with their charts, co-financings and loans with
 * their schedules, guarantees, bond subscriptions, then filler entries up to the journal's size, and
 * the audit trail. Every movement is first staged in lc_post (one row per entry: a debit and one or two
 * credits, as MOVEMENTS names them), then posted at once: entries, then their lines.
 */
const FUND_KINDS = [
  { ft: 'CF', type: 'co_financing', label: 'Fonds de co-financement' },
  { ft: 'LN', type: 'loan', label: 'Fonds de prêts d’honneur' },
  { ft: 'GU', type: 'guarantee', label: 'Fonds de garantie' },
  { ft: 'BT', type: 'bond_trust', label: 'Fiducie des obligations communautaires' },
] as const;

const q = (v: string) => `'${v.replace(/'/g, "''")}'`;
const fund = (ft: string, s: string) => uid('fund', `${ft} || '-' || ${s}`);
const account = (ft: string, s: string, code: string) => uid('acct', `${ft} || '-' || ${s} || '-' || ${code}`);
const sid = (s: string) => uid('structure', s);
const fm = (s: string, n: 1 | 2) => uid('user', `${s} || '-fm${n}'`);
const staffOf = (s: string) => uid('user', `${s} || '-staff'`);
/** Every other offering of the city has closed (its bonds allotted and registered); the others are still open. */
const CLOSED = (o: string) => `(${o}) % 2 = 1`;
const STAGE = `insert into lc_post (ft, s, occurred_on, kind, description, project_id, source_type, source_id, posted_by, dr, cr, amount, cr2, amount2, ref)`;

export function financeSteps(p: Plan): Step[] {
  const S = p.structures;
  const chartRows = FUND_KINDS.flatMap(({ ft, type }) =>
    chartFor(type).map((a) => `('${ft}', '${a.code}', ${q(a.name)}, '${a.type}', '${normalBalanceOf(a.type, 'normalBalance' in a ? a.normalBalance : undefined)}')`),
  );
  const capital = 1_000_000_000;
  return [
    {
      table: 'funds',
      sql: [
        `insert into funds (id, code, name, type, currency, description, committee_threshold_minor, status, structure_id, opened_on)
         select ${fund('ft', 's')}, 'LC-' || ft || '-' || s, label || ' — structure ' || s, type, 'CAD', '', 5000000, 'active', ${sid('s')}, date '2016-01-01'
         from generate_series(1, ${S}) s cross join (values ${FUND_KINDS.map((k) => `('${k.ft}', '${k.type}', ${q(k.label)})`).join(', ')}) v(ft, type, label)`,
        `insert into ledger_accounts (id, fund_id, code, name, type, normal_balance, currency)
         select ${account('ft', 's', 'code')}, ${fund('ft', 's')}, code, name, type, nb, 'CAD'
         from generate_series(1, ${S}) s cross join (values ${chartRows.join(', ')}) v(ft, code, name, type, nb)`,
        `create temp table lc_post (entry_id bigint primary key default nextval('journal_entries_id_seq'), ft text not null, s int not null, occurred_on date not null,
           kind text not null, description text not null, project_id uuid, source_type text, source_id text, posted_by uuid,
           dr text not null, cr text not null, amount bigint not null, cr2 text, amount2 bigint not null default 0, ref text) on commit drop`,
        `insert into funders (id, name, kind) values (${uid('funder', '1')}, 'Grande ville (jeu de données)', 'city')`,
        `${STAGE} select ft, s, date '2016-01-01', 'capital_contribution', 'Apport de la ville', null, 'funder', ${uid('funder', '1')}::text, ${fm('s', 1)},
           '1000', '3000', ${capital}, null, 0, 'capital-' || ft || '-' || s
         from generate_series(1, ${S}) s cross join unnest(array['CF', 'LN', 'GU']) ft order by s, ft`,
        `create index on lc_post (ref)`,
        `insert into capital_contributions (id, fund_id, funder_id, amount_minor, currency, received_on, journal_entry_id)
         select ${uid('capital', "ft || '-' || s")}, ${fund('ft', 's')}, ${uid('funder', '1')}, amount, 'CAD', occurred_on, entry_id from lc_post where kind = 'capital_contribution'`,
      ],
    },
    {
      table: 'cofinancing_requests',
      sql: [
        `create temp table lc_cof on commit drop as
         select g, s, ${projectOf(p, 's', `(g - 1) / ${S}`)} as j, 1000000 + (g * 7919 % 50) * 100000::bigint as amount,
           case g % 10 when 0 then 'rejected' when 1 then 'prepared' when 2 then 'approved' when 3 then 'approved' else 'completed' end as status,
           date '2016-03-01' + (g * 53 % 3300) as d0
         from (select g, ${structureOf(p, 'g')} as s from generate_series(1, ${p.cofinancings}) g) x`,
        `insert into cofinancing_requests (id, fund_id, project_id, amount_minor, currency, purpose, status, created_by, recommendation, prepared_by, prepared_at,
           decided_by, decided_at, decision_note, agreement_signed_on, structure_id, created_at, updated_at)
         select ${uid('cof', 'g')}, ${fund("'CF'", 's')}, ${uid('project', 'j')}, amount, 'CAD', 'Co-financement du projet ' || j, status, ${staffOf('s')},
           'Dossier complet', ${fm('s', 1)}, d0 + time '10:00', case when status <> 'prepared' then ${fm('s', 2)} end,
           case when status <> 'prepared' then d0 + 14 + time '16:00' end, case when status = 'rejected' then 'Budget insuffisant' end,
           case when status in ('approved', 'completed') then d0 + 20 end, ${sid('s')}, d0 - 5 + time '09:00', d0 + 120 + time '09:00'
         from lc_cof order by g`,
        `insert into cofinancing_tranches (id, request_id, seq, amount_minor, status, disbursed_on)
         select ${uid('tranche', "g || '-' || t")}, ${uid('cof', 'g')}, t, case t when 1 then amount * 6 / 10 else amount - amount * 6 / 10 end,
           case when t = 1 or status = 'completed' then 'disbursed' else 'planned' end,
           case when t = 1 then d0 + 30 when status = 'completed' then d0 + 120 end
         from lc_cof cross join generate_series(1, 2) t where status in ('approved', 'completed') order by g, t`,
        `${STAGE} select 'CF', s, d0 + 14, 'commitment', 'Engagement du co-financement du projet ' || j, ${uid('project', 'j')}, 'cofinancing', ${uid('cof', 'g')}::text,
           ${fm('s', 2)}, '5000', '2000', amount, null, 0, 'cof-' || g
         from lc_cof where status in ('approved', 'completed') order by g`,
        `${STAGE} select 'CF', c.s, t.disbursed_on, 'disbursement', 'Versement de la tranche ' || t.seq || ' du projet ' || c.j, ${uid('project', 'c.j')}, 'cofinancing', ${uid('cof', 'c.g')}::text,
           ${fm('c.s', 1)}, '2000', '1000', t.amount_minor, null, 0, 'tranche-' || t.id
         from lc_cof c join cofinancing_tranches t on t.request_id = ${uid('cof', 'c.g')} where t.status = 'disbursed' order by c.g, t.seq`,
        `update cofinancing_tranches t set journal_entry_id = p.entry_id from lc_post p where p.ref = 'tranche-' || t.id and t.journal_entry_id is null`,
      ],
    },
    {
      table: 'loans',
      sql: [
        `create temp table lc_loan on commit drop as
         select g, s, ${projectOf(p, 's', `(g - 1) / ${S} + 7`)} as j, 500000 + (g * 7919 % 46) * 100000::bigint as principal,
           case g % 10 when 0 then 'proposed' when 1 then 'rejected' when 2 then 'approved' else 'disbursed' end as status,
           date '2016-02-01' + (g * 61 % 3400) as d0
         from (select g, ${structureOf(p, 'g')} as s from generate_series(1, ${p.loans}) g) x`,
        // Declining schedule over 36 months at 5%: equal principal, interest on what remains, half-up once.
        `create temp table lc_inst on commit drop as
         select l.g, l.s, k, (l.d0 + 20 + make_interval(months => k))::date as due_on,
           case when k < 36 then l.principal / 36 else l.principal - 35 * (l.principal / 36) end as principal,
           ((l.principal - (k - 1) * (l.principal / 36)) * 500 + 60000) / 120000 as interest
         from lc_loan l cross join generate_series(1, 36) k where l.status = 'disbursed'`,
        `insert into loans (id, fund_id, project_id, kind, principal_minor, currency, rate_bps, term_months, grace_months, method, purpose, status, proposed_by,
           decided_by, decided_at, disbursed_on, schedule_version, closed_on, created_at, updated_at, structure_id)
         select ${uid('loan', 'g')}, ${fund("'LN'", 's')}, ${uid('project', 'j')}, case when g % 3 = 0 then 'repayable_advance' else 'honour_loan' end, principal, 'CAD', 500, 36, 0,
           'declining', 'Fonds de roulement du projet ' || j,
           case when status <> 'disbursed' then status when (d0 + 20 + interval '36 months')::date <= date '${END}' then 'closed' else 'active' end,
           ${fm('s', 1)}, case when status <> 'proposed' then ${fm('s', 2)} end, case when status <> 'proposed' then d0 + 10 + time '15:00' end,
           case when status = 'disbursed' then d0 + 20 end, case when status = 'disbursed' then 1 else 0 end,
           case when status = 'disbursed' and (d0 + 20 + interval '36 months')::date <= date '${END}' then (d0 + 20 + interval '36 months')::date end,
           d0 + time '09:00', d0 + time '09:00', ${sid('s')}
         from lc_loan order by g`,
        `insert into loan_instalments (loan_id, version, seq, due_on, principal_minor, interest_minor)
         select ${uid('loan', 'g')}, 1, k, due_on, principal, interest from lc_inst order by g, k`,
        `${STAGE} select 'LN', s, d0 + 10, 'commitment', 'Engagement du prêt au projet ' || j, ${uid('project', 'j')}, 'loan', ${uid('loan', 'g')}::text, ${fm('s', 2)},
           '1100', '2200', principal, null, 0, 'loan-commit-' || g
         from lc_loan where status in ('approved', 'disbursed') order by g`,
        `${STAGE} select 'LN', s, d0 + 20, 'disbursement', 'Décaissement du prêt au projet ' || j, ${uid('project', 'j')}, 'loan', ${uid('loan', 'g')}::text, ${fm('s', 1)},
           '2200', '1000', principal, null, 0, 'loan-pay-' || g
         from lc_loan where status = 'disbursed' order by g`,
        `${STAGE} select 'LN', s, due_on, 'repayment', 'Remboursement de l’échéance ' || k, null, 'loan', ${uid('loan', 'g')}::text, ${fm('s', 1)},
           '1000', '1100', principal, '4000', interest, 'repay-' || g || '-' || k
         from lc_inst where due_on <= date '${END}' order by due_on, g, k`,
        `insert into loan_repayments (id, loan_id, schedule_version, paid_on, amount_minor, principal_minor, interest_minor, journal_entry_id, recorded_by, created_at)
         select ${uid('repay', "i.g || '-' || i.k")}, ${uid('loan', 'i.g')}, 1, i.due_on, i.principal + i.interest, i.principal, i.interest, p.entry_id, ${fm('i.s', 1)}, i.due_on + time '12:00'
         from lc_inst i join lc_post p on p.ref = 'repay-' || i.g || '-' || i.k order by p.entry_id`,
      ],
    },
    {
      table: 'guarantees',
      sql: [
        `insert into guarantee_banks (id, structure_id, name, contact_name, contact_email)
         select ${uid('bank', "s || '-' || b")}, ${sid('s')}, 'Banque ' || b || ' — structure ' || s, 'Service des engagements', 'banque' || b || '.' || s || '@${DOMAIN}'
         from generate_series(1, ${S}) s cross join generate_series(1, 2) b`,
        `insert into guarantee_agreements (id, structure_id, fund_id, bank_id, currency, min_coverage_bps, max_coverage_bps, max_guaranteed_minor, fee_rate_bps, fee_basis,
           claim_deadline_days, signed_on, status, created_by)
         select ${uid('agreement', "s || '-' || b")}, ${sid('s')}, ${fund("'GU'", 's')}, ${uid('bank', "s || '-' || b")}, 'CAD', 1000, 7000, 100000000, 150, 'upfront', 90,
           date '2016-01-15', 'active', ${fm('s', 1)}
         from generate_series(1, ${S}) s cross join generate_series(1, 2) b`,
        `insert into guarantee_policies (fund_id, structure_id, leverage_cap_pct, performing_bps, watch_bps, doubtful_bps, loss_bps, updated_by)
         select ${fund("'GU'", 's')}, ${sid('s')}, 500, 100, 1000, 5000, 10000, ${fm('s', 1)} from generate_series(1, ${S}) s`,
        // Coverage 50% of a loan in whole hundreds of dollars: guaranteed, exposure (1% provision, 1.5% upfront fee) are exact.
        `create temp table lc_gua on commit drop as
         select g, s, ${projectOf(p, 's', `(g - 1) / ${S} + 3`)} as j, g % 2 + 1 as b, loan, loan / 2 as guaranteed, g % 10 <> 0 as active,
           date '2016-06-01' + (g * 67 % 3300) as d0
         from (select g, ${structureOf(p, 'g')} as s, 2000000 + (g * 7919 % 40) * 100000::bigint as loan from generate_series(1, ${p.guarantees}) g) x`,
        `insert into guarantees (id, structure_id, fund_id, agreement_id, bank_id, project_id, bank_loan_ref, loan_amount_minor, currency, loan_rate_bps, term_months,
           grace_months, method, disbursed_on, coverage_bps, guaranteed_minor, women_led, purpose, status, risk_class, outstanding_minor, outstanding_on,
           exposure_minor, provision_minor, fees_minor, prepared_by, decided_by, decided_at, issued_on)
         select ${uid('guarantee', 'g')}, ${sid('s')}, ${fund("'GU'", 's')}, ${uid('agreement', "s || '-' || b")}, ${uid('bank', "s || '-' || b")}, ${uid('project', 'j')},
           'LC-' || g, loan, 'CAD', 600, 60, 0, 'annuity', d0, 5000, guaranteed, g % 3 = 0, 'Prêt bancaire du projet ' || j,
           case when active then 'active' else 'prepared' end, 'performing', loan, d0,
           case when active then guaranteed else 0 end, case when active then guaranteed / 100 else 0 end, case when active then guaranteed * 150 / 10000 else 0 end,
           ${fm('s', 1)}, case when active then ${fm('s', 2)} end, case when active then d0 + time '16:00' end, case when active then d0 end
         from lc_gua order by g`,
        `${STAGE} select 'GU', s, d0, kind, label || ' — garantie LC-' || g, ${uid('project', 'j')}, 'guarantee', ${uid('guarantee', 'g')}::text, ${fm('s', 2)},
           dr, cr, amount, null, 0, tag || '-' || g
         from lc_gua cross join lateral (values
           (1, 'guarantee_exposure', 'Engagement de garantie', '9000', '9010', guaranteed, 'gexp'),
           (2, 'provision', 'Provision', '5200', '2400', guaranteed / 100, 'gprov'),
           (3, 'guarantee_fee', 'Commission de garantie', '1000', '4100', guaranteed * 150 / 10000, 'gfee')
         ) v(n, kind, label, dr, cr, amount, tag)
         where active order by g, n`,
        `insert into guarantee_outstandings (id, structure_id, guarantee_id, as_of, source, outstanding_minor, exposure_minor, entered_by)
         select ${uid('gout', 'g')}, ${sid('s')}, ${uid('guarantee', 'g')}, d0, 'issue', loan, guaranteed, ${fm('s', 2)} from lc_gua where active`,
        `insert into guarantee_fees (structure_id, guarantee_id, charged_on, basis, base_minor, amount_minor, journal_entry_id)
         select ${sid('g.s')}, ${uid('guarantee', 'g.g')}, g.d0, 'upfront', g.guaranteed, p.amount, p.entry_id from lc_gua g join lc_post p on p.ref = 'gfee-' || g.g`,
      ],
    },
    {
      table: 'bond_subscriptions',
      sql: [
        `insert into bond_investors (id, structure_id, user_id, full_name, address, born_on, terms_accepted_at, risk_accepted_at)
         select ${uid('investor', 'i')}, ${sid(structureOf(p, 'i'))}, ${uid('investor-user', 'i')}, 'Investisseur ' || i, i || ' rue de la Coopération, Grande ville',
           date '1950-01-01' + (i * 37 % 18000), timestamptz '2024-12-01 10:00+00', timestamptz '2024-12-01 10:00+00'
         from generate_series(1, ${p.bondInvestors}) i`,
        `insert into bond_offerings (id, structure_id, code, issuer_project_id, trust_fund_id, title, currency, unit_price_minor, max_units, min_units, min_units_per_person,
           max_units_per_person, rate_bps, term_months, coupon_frequency, day_count, opens_on, closes_on, status, created_by, approved_by, created_at, updated_at)
         select ${uid('offering', 'o')}, ${sid('s')}, 'LC-OB-' || o, ${uid('project', projectOf(p, 's', `(o - 1) / ${S} + 5`))}, ${fund("'BT'", 's')},
           'Obligations communautaires n° ' || o, 'CAD', 10000, 1000000, 1, 1, 100, 400, 60, 'annual', 'act_365_fixed', opens_on,
           case when ${CLOSED('o')} then opens_on + 75 else date '2026-12-31' end, case when ${CLOSED('o')} then 'active' else 'open' end,
           ${staffOf('s')}, ${fm('s', 1)}, opens_on - 30 + time '09:00', opens_on + time '09:00'
         from (select o, ${structureOf(p, 'o')} as s, date '2025-01-01' + (o * 37 % 240) as opens_on from generate_series(1, ${p.bondOfferings}) o) x`,
        // Every other offering closed the day after its 75-day window: its bonds issued, five years to run.
        `update bond_offerings set issued_on = closes_on + 1, matures_on = closes_on + 1 + interval '60 months'
         where status = 'active' and id in (select ${uid('offering', 'o')} from generate_series(1, ${p.bondOfferings}) o)`,
        `create temp table lc_sub on commit drop as
         select b, o, s, s + ${S} * (((b - 1) / ${p.bondOfferings}) % ${p.investorsPerStructure}) as i, 1 + b * 7 % 20 as units,
           case b % 20 when 0 then 'lapsed' when 1 then 'cancelled' when 2 then (case when ${CLOSED('o')} then 'cancelled' else 'reserved' end)
             else (case when ${CLOSED('o')} then 'allotted' else 'paid' end) end as status,
           date '2025-01-01' + (o * 37 % 240) + (b % 60) + time '10:00' as reserved_at,
           case when ${CLOSED('o')} then date '2025-01-01' + (o * 37 % 240) + 76 end as closed_on
         from (select b, (b - 1) % ${p.bondOfferings} + 1 as o, ((b - 1) % ${p.bondOfferings}) % ${S} + 1 as s from generate_series(1, ${p.bondSubscriptions}) b) x`,
        `insert into bond_subscriptions (id, structure_id, offering_id, investor_id, units, amount_minor, currency, reference, status, paid_minor, reserved_at, expires_at,
           paid_at, closed_at, created_at, updated_at)
         select ${uid('sub', 'b')}, ${sid('s')}, ${uid('offering', 'o')}, ${uid('investor', 'i')}, units, units * 10000, 'CAD', 'LC-SUB-' || b, status,
           case when status in ('paid', 'allotted') then units * 10000 else 0 end, reserved_at, reserved_at + interval '10 days',
           case when status in ('paid', 'allotted') then reserved_at + (b % 10) * interval '1 day' end,
           case when status in ('lapsed', 'cancelled') and closed_on is null then reserved_at + interval '10 days'
                when closed_on is not null and status <> 'lapsed' then closed_on + time '09:00' end,
           reserved_at, coalesce(closed_on + time '09:00', reserved_at + interval '10 days')
         from lc_sub order by b`,
        `${STAGE} select 'BT', s, (reserved_at + (b % 10) * interval '1 day')::date, 'subscription_payment', 'Paiement de la souscription LC-SUB-' || b, null,
           'bond_subscription', ${uid('sub', 'b')}::text, ${fm('s', 1)}, '1050', '2300', units * 10000, null, 0, 'bpay-' || b
         from lc_sub where status in ('paid', 'allotted') order by b`,
        // At the close, each paid subscription's money becomes owed to the issuer, and its bonds enter the register, numbered in order.
        `${STAGE} select 'BT', s, closed_on, 'issuer_transfer', 'Souscription LC-SUB-' || b || ' à l''offre LC-OB-' || o || ' : due à l''émetteur, obligations attribuées',
           ${uid('project', projectOf(p, 's', `(o - 1) / ${S} + 5`))}, 'bond_subscription', ${uid('sub', 'b')}::text, ${fm('s', 1)}, '2300', '2310', units * 10000, null, 0, 'bissue-' || b
         from lc_sub where status = 'allotted' order by b`,
        `insert into bond_holdings (structure_id, offering_id, investor_id, first_number, last_number, held_from, origin, subscription_id, created_at)
         select ${sid('s')}, ${uid('offering', 'o')}, ${uid('investor', 'i')}, n - units + 1, n, closed_on, 'allotment', ${uid('sub', 'b')}, closed_on + time '09:00'
         from (select *, sum(units) over (partition by o order by b) as n from lc_sub where status = 'allotted') x order by o, b`,
        `insert into bond_payments (id, structure_id, subscription_id, amount_minor, received_on, source, journal_entry_id, recorded_by, created_at)
         select ${uid('bpay', 's.b')}, ${sid('s.s')}, ${uid('sub', 's.b')}, p.amount, p.occurred_on, 'manual', p.entry_id, ${fm('s.s', 1)}, p.occurred_on + time '12:00'
         from lc_sub s join lc_post p on p.ref = 'bpay-' || s.b order by s.b`,
        `update bond_offerings o set reserved_units = x.r, paid_units = x.p, max_units = x.r + x.p + 100
         from (select offering_id, coalesce(sum(units) filter (where status = 'reserved'), 0)::int as r, coalesce(sum(units) filter (where status in ('paid', 'allotted')), 0)::int as p
               from bond_subscriptions where offering_id in (select ${uid('offering', 'o')} from generate_series(1, ${p.bondOfferings}) o) group by offering_id) x
         where o.id = x.offering_id`,
      ],
    },
  ];
}

/** Filler bank adjustments up to the journal's size (an odd remainder gets one three-line entry), then the posting itself. */
export function ledgerSteps(p: Plan): Step[] {
  const S = p.structures;
  return [
    {
      table: 'journal_entries',
      sql: [
        `${STAGE} select ft, s, date '2016-01-01' + (e * 7 % 3650), 'adjustment', 'Régularisation bancaire n° ' || e, null, 'large_city', e::text, ${fm('s', 1)},
           '1000', '3000', 100 + e % 9900, case when e = 1 and odd then '4000' end, case when e = 1 and odd then 1 else 0 end, null
         from (select e, ${structureOf(p, 'e')} as s, case when ((e - 1) / ${S}) % 2 = 0 then 'CF' else 'LN' end as ft, odd
               from (select ${p.journalLines} - sum(2 + (amount2 > 0)::int) as rem from lc_post) r
               cross join lateral (select r.rem % 2 = 1 as odd) o
               cross join lateral generate_series(1, greatest(0, case when r.rem % 2 = 1 then (r.rem - 3) / 2 + 1 else r.rem / 2 end)::int) e) x
         order by e`,
        `insert into journal_entries (id, fund_id, currency, occurred_on, kind, description, project_id, source_type, source_id, posted_by, posted_at)
         select entry_id, ${fund('ft', 's')}, 'CAD', occurred_on, kind, description, project_id, source_type, source_id, posted_by, occurred_on + time '12:00'
         from lc_post order by entry_id`,
      ],
    },
    {
      table: 'journal_lines',
      sql: [
        `insert into journal_lines (entry_id, account_id, debit_minor, credit_minor)
         select p.entry_id, ${account('p.ft', 'p.s', 'l.code')}, l.d, l.c
         from lc_post p cross join lateral (values (1, p.dr, p.amount + p.amount2, 0::bigint), (2, p.cr, 0::bigint, p.amount), (3, p.cr2, 0::bigint, p.amount2)) l(n, code, d, c)
         where l.d > 0 or l.c > 0
         order by p.entry_id, l.n`,
      ],
    },
    {
      table: 'audit_log',
      sql: [
        `insert into audit_log (at, actor_id, actor_email, action, entity, entity_id, after, request_id, structure_id)
         select timestamptz '2016-01-01 08:00+00' + (g::bigint * 315000000 / ${p.auditRows}) * interval '1 second', ${fm('s', 1)}, 'fm1.' || s || '@${DOMAIN}',
           v.action, v.entity, ${uuidFromText(`'lc:' || v.kind || ':' || ((g / 8) % v.n + 1)::text`)}::text, jsonb_build_object('seed', 'large-city', 'n', g), 'large-city', ${sid('s')}
         from (select g, ${structureOf(p, 'g')} as s from generate_series(1, ${p.auditRows}) g) x
         join (values
           (0, 'application.move', 'application', 'app', ${p.applications}),
           (1, 'coaching_session.create', 'coaching_session', 'session', ${p.coachingSessions}),
           (2, 'milestone.update', 'milestone', 'milestone', ${p.milestones}),
           (3, 'project.update', 'project', 'project', ${p.projects}),
           (4, 'loan.repayment', 'loan', 'loan', ${p.loans}),
           (5, 'cofinancing.disburse', 'cofinancing_request', 'cof', ${p.cofinancings}),
           (6, 'bond_subscription.pay', 'bond_subscription', 'sub', ${p.bondSubscriptions}),
           (7, 'guarantee.outstanding', 'guarantee', 'guarantee', ${p.guarantees})
         ) v(k, action, entity, kind, n) on v.k = x.g % 8
         order by g`,
      ],
    },
  ];
}
