import { ROOT_STRUCTURE_ID } from '../../api/src/db/schema/structures';
import { LEGAL_FORMS } from '@essor/shared/projects';
import { MILESTONE_KINDS } from '@essor/shared/followup';
import { SUPPORT_TYPES } from '@essor/shared/coaching';
import { COACHES_PER_STRUCTURE, DOMAIN, pick, type Plan, SESSIONS_PER_PROGRAMME, structureOf, uid } from './plan';

/**
 * The support pipeline, set-based: structures, people, programmes, organisations, projects, applications
 * with their moves, screening and committee, coaching and milestones. Each step is one or a few
 * `insert ... select ... from generate_series` statements; ids are md5 hashes of the row's number.
 */
export type Step = { table: string; sql: string[] };

const STAFF_KEYS = ['fm1', 'fm2', 'staff', 'cm1', 'cm2', 'cm3', ...Array.from({ length: COACHES_PER_STRUCTURE }, (_, i) => `coach${i + 1}`)];
const ROLES_OF: [string, string][] = [
  ['fm1', 'staff'],
  ['fm1', 'fund_manager'],
  ['fm2', 'staff'],
  ['fm2', 'fund_manager'],
  ['staff', 'staff'],
  ['cm1', 'committee_member'],
  ['cm2', 'committee_member'],
  ['cm3', 'committee_member'],
  ...STAFF_KEYS.filter((k) => k.startsWith('coach')).map((k): [string, string] => [k, 'coach']),
];
const SECTORS = ['food', 'circular_economy', 'housing', 'culture', 'mobility', 'care', 'energy', 'digital', 'textile', 'agriculture'];
const DISTRICTS = ['Centre', 'Nord', 'Sud', 'Est', 'Ouest', 'Port', 'Gare', 'Université', 'Vieux-Quartier', 'Plateau', 'Rives', 'Collines'];
const STAGES = ['applicant', 'selected', 'incubated', 'financed', 'alumni'];
const GRID = JSON.stringify([
  { key: 'impact', label: 'Impact social', weight: 1, max: 5 },
  { key: 'viability', label: 'Viabilité économique', weight: 1, max: 5 },
  { key: 'team', label: 'Équipe', weight: 1, max: 5 },
]);
const CRITERIA = JSON.stringify([
  { key: 'legal_form', label: 'Forme juridique de l’ESS' },
  { key: 'territory', label: 'Implantation sur le territoire' },
  { key: 'ess_values', label: 'Gouvernance démocratique' },
]);

/** An application's status from its number: a realistic spread (most decided, a few in flight). */
const APP_STATUS = `case a % 20 when 0 then 'draft' when 1 then 'submitted' when 2 then 'screening' when 3 then 'committee' when 4 then 'withdrawn'
  when 5 then 'rejected' when 6 then 'rejected' when 7 then 'rejected' when 8 then 'rejected' when 9 then 'rejected'
  when 10 then 'waitlisted' when 11 then 'waitlisted' else 'accepted' end`;

export function pipelineSteps(p: Plan): Step[] {
  const S = p.structures;
  const sid = (s: string) => uid('structure', s);
  return [
    {
      table: 'structures',
      sql: [
        `insert into structures (id, parent_id, path, name, kind, territory, languages, currency, contact_name, contact_email)
         select ${sid('g')}, case when g = 1 then '${ROOT_STRUCTURE_ID}'::uuid else ${sid('1')} end,
           case when g = 1 then '${p.rootPath}' || ${sid('g')}::text || '/' else '${p.cityPath}' || ${sid('g')}::text || '/' end,
           case when g = 1 then 'Grande ville — Direction du développement économique'
             when g % 3 = 0 then 'Agence de développement local n° ' || g else 'Incubateur d’économie sociale n° ' || g end,
           case when g = 1 then 'city' when g % 3 = 0 then 'local_agency' else 'incubator' end,
           'Grande ville', '{fr,en}', 'CAD', 'Direction ' || g, 'structure' || g || '@${DOMAIN}'
         from generate_series(1, ${S}) g`,
      ],
    },
    {
      table: 'users',
      sql: [
        `insert into users (id, email, name, roles, locale, status)
         select ${uid('user', "s || '-' || k")}, k || '.' || s || '@${DOMAIN}', initcap(k) || ' ' || s, '{}', 'fr', 'active'
         from generate_series(1, ${S}) s cross join unnest(array[${STAFF_KEYS.map((k) => `'${k}'`).join(',')}]) k`,
        `insert into users (id, email, name, roles, locale, status)
         select ${uid('holder', 'h')}, 'porteur.' || h || '@${DOMAIN}', 'Porteur ' || h, '{project_holder}', 'fr', 'active'
         from generate_series(1, ${p.organisations}) h`,
        `insert into users (id, email, name, roles, locale, status)
         select ${uid('investor-user', 'i')}, 'investisseur.' || i || '@${DOMAIN}', 'Investisseur ' || i, '{investor}', case when i % 4 = 0 then 'en' else 'fr' end, 'active'
         from generate_series(1, ${p.bondInvestors}) i`,
      ],
    },
    {
      table: 'memberships',
      sql: [
        `insert into memberships (user_id, structure_id, role)
         select ${uid('user', "s || '-' || k")}, ${sid('s')}, r
         from generate_series(1, ${S}) s cross join (values ${ROLES_OF.map(([k, r]) => `('${k}', '${r}')`).join(', ')}) v(k, r)`,
      ],
    },
    {
      table: 'programmes',
      sql: [
        `insert into programmes (id, code, name, territory, eligibility_criteria, call_opens_on, call_closes_on, budget_envelope_minor, currency, languages, status, scoring_grid, structure_id)
         select ${uid('programme', 'g')}, 'LC-P' || g, ${pick(['Amorçage', 'Incubation', 'Accélération', 'Consolidation'], '(g - 1) / ' + S)} || ' ' || g, 'Grande ville',
           '${CRITERIA}'::jsonb, date '2016-01-01', date '2025-12-31', 500000000, 'CAD', '{fr,en}', 'open', '${GRID}'::jsonb, ${sid(structureOf(p, 'g'))}
         from generate_series(1, ${p.programmes}) g`,
        `insert into cohorts (id, programme_id, name, starts_on, ends_on, capacity, structure_id)
         select ${uid('cohort', 'g')}, ${uid('programme', 'g')}, 'Cohorte ' || g, date '2016-01-01', date '2025-12-31', 100000, ${sid(structureOf(p, 'g'))}
         from generate_series(1, ${p.programmes}) g`,
      ],
    },
    {
      table: 'organisations',
      sql: [
        `insert into organisations (id, name, legal_form, sector, district, territory, founders_count, women_count, youth_count, description, contact_name, contact_email, owner_user_id)
         select ${uid('org', 'o')}, 'Organisation ' || o, ${pick(LEGAL_FORMS, 'o')}, ${pick(SECTORS, 'o / 7')}, ${pick(DISTRICTS, 'o / 3')}, 'Grande ville',
           1 + o % 5, o % 4, o % 3, 'Jeu de données grande ville', 'Porteur ' || o, 'porteur.' || o || '@${DOMAIN}', ${uid('holder', 'o')}
         from generate_series(1, ${p.organisations}) o`,
      ],
    },
    {
      table: 'projects',
      sql: [
        `insert into projects (id, organisation_id, programme_id, title, needs, district, total_budget_minor, currency, stage, holder_user_id, structure_id, created_at)
         select ${uid('project', 'j')}, ${uid('org', `(j - 1) % ${p.organisations} + 1`)}, ${uid('programme', structureOf(p, 'j'))}, 'Projet ' || j,
           '{coaching,co_financing}', ${pick(DISTRICTS, 'j / 3')}, 2000000 + (j * 7919 % 100) * 100000, 'CAD', ${pick(STAGES, 'j')},
           ${uid('holder', `(j - 1) % ${p.organisations} + 1`)}, ${sid(structureOf(p, 'j'))}, timestamptz '2016-01-01 09:00+00' + (j * 13 % 3000) * interval '1 day'
         from generate_series(1, ${p.projects}) j`,
      ],
    },
    {
      table: 'applications',
      sql: [
        // The applications' numbers, statuses and dates, reused by the moves, screening and committee below.
        `create temp table lc_app on commit drop as
         select a, j, s, s + ${S} * k as pr, y, ${APP_STATUS} as status, (date '2016-06-15' + make_interval(years => y))::date as held
         from (select a, (a - 1) % ${p.projects} + 1 as j, ((a - 1) % ${p.projects}) % ${S} + 1 as s, (a - 1) / ${p.projects} as k, a % ${SESSIONS_PER_PROGRAMME} as y
               from generate_series(1, ${p.applications}) a) x`,
        `create index on lc_app (a)`,
        `insert into applications (id, programme_id, project_id, holder_user_id, status, motivation, locale, submitted_at, decided_at, created_at, updated_at, structure_id)
         select ${uid('app', 'a')}, ${uid('programme', 'pr')}, ${uid('project', 'j')}, ${uid('holder', `(j - 1) % ${p.organisations} + 1`)}, status, 'Motivation ' || a, 'fr',
           case when status <> 'draft' then held - 60 + time '10:00' end, case when status in ('accepted', 'waitlisted', 'rejected') then held + time '18:00' end,
           held - 70 + time '09:00', held + time '18:00', ${sid('s')}
         from lc_app`,
      ],
    },
    {
      table: 'application_events',
      sql: [
        `insert into application_events (application_id, from_status, to_status, reason, actor_id, at)
         select ${uid('app', 'a')}, v.f, coalesce(v.t, a.status), null,
           case when v.who = 'holder' then ${uid('holder', `(a.j - 1) % ${p.organisations} + 1`)} else ${uid('user', "a.s || '-' || v.who")} end,
           a.held + v.d + time '11:00'
         from lc_app a join (values
           (1, null, 'draft', -70, 'holder', array['draft','submitted','screening','committee','withdrawn','rejected','waitlisted','accepted']),
           (2, 'draft', 'submitted', -60, 'holder', array['submitted','screening','committee','withdrawn','rejected','waitlisted','accepted']),
           (3, 'submitted', 'screening', -45, 'staff', array['screening','committee','rejected','waitlisted','accepted']),
           (3, 'submitted', 'withdrawn', -50, 'holder', array['withdrawn']),
           (4, 'screening', 'committee', -20, 'staff', array['committee','rejected','waitlisted','accepted']),
           (5, 'committee', null, 0, 'fm1', array['rejected','waitlisted','accepted'])
         ) v(step, f, t, d, who, statuses) on a.status = any (v.statuses)
         order by a.a, v.step`,
      ],
    },
    {
      table: 'screening_results',
      sql: [
        `insert into screening_results (application_id, criterion_key, passed, reason, checked_by, checked_at)
         select ${uid('app', 'a')}, c, true, null, ${uid('user', "s || '-staff'")}, held - 45 + time '15:00'
         from lc_app cross join unnest(array['legal_form','territory','ess_values']) c
         where status in ('committee', 'accepted', 'waitlisted', 'rejected')`,
      ],
    },
    {
      table: 'committee_sessions',
      sql: [
        `insert into committee_sessions (id, programme_id, title, held_on, quorum, grid, status, created_by, structure_id)
         select ${uid('csession', "g || '-' || y")}, ${uid('programme', 'g')}, 'Comité ' || g || ' — ' || (2016 + y), (date '2016-06-15' + make_interval(years => y))::date,
           2, '${GRID}'::jsonb, 'closed', ${uid('user', `${structureOf(p, 'g')} || '-staff'`)}, ${sid(structureOf(p, 'g'))}
         from generate_series(1, ${p.programmes}) g cross join generate_series(0, ${SESSIONS_PER_PROGRAMME - 1}) y`,
        `insert into committee_members (session_id, user_id)
         select ${uid('csession', "g || '-' || y")}, ${uid('user', `${structureOf(p, 'g')} || '-' || m`)}
         from generate_series(1, ${p.programmes}) g cross join generate_series(0, ${SESSIONS_PER_PROGRAMME - 1}) y cross join unnest(array['cm1','cm2','cm3']) m`,
        `insert into committee_agenda (session_id, application_id)
         select ${uid('csession', "pr || '-' || y")}, ${uid('app', 'a')} from lc_app where status in ('committee', 'accepted', 'waitlisted', 'rejected')`,
      ],
    },
    {
      table: 'committee_scorecards',
      sql: [
        `insert into committee_scorecards (session_id, application_id, user_id, scores, comment, submitted_at)
         select ${uid('csession', "pr || '-' || y")}, ${uid('app', 'a')}, ${uid('user', "s || '-cm' || m")},
           jsonb_build_object('impact', (a + m) % 6, 'viability', (a * 3 + m) % 6, 'team', (a * 7 + m) % 6), '', held + time '10:00'
         from lc_app cross join generate_series(1, 3) m where status in ('accepted', 'waitlisted', 'rejected')`,
        // The average, as the committee screen computes it: weighted scores over the grid's maximum (15 a card), in basis points.
        `insert into committee_decisions (session_id, application_id, decision, reasons, average_score_bp, scorecard_count, cohort_id, decided_by, decided_at)
         select ${uid('csession', "pr || '-' || y")}, ${uid('app', 'a')}, status, 'Délibération du comité',
           ((sum(((a + m) % 6) + ((a * 3 + m) % 6) + ((a * 7 + m) % 6)) * 20000 + 45) / 90)::int, 3,
           case when status = 'accepted' then ${uid('cohort', 'pr')} end, ${uid('user', "s || '-fm1'")}, held + time '18:00'
         from lc_app cross join generate_series(1, 3) m where status in ('accepted', 'waitlisted', 'rejected')
         group by a, pr, y, s, status, held`,
      ],
    },
    {
      table: 'cohort_members',
      sql: [
        `insert into cohort_members (cohort_id, project_id, programme_id, joined_at)
         select ${uid('cohort', 'pr')}, ${uid('project', 'j')}, ${uid('programme', 'pr')}, held + time '18:00' from lc_app where status = 'accepted'`,
        `insert into coaching_plans (id, cohort_id, project_id, objectives, structure_id)
         select ${uid('plan', 'a')}, ${uid('cohort', 'pr')}, ${uid('project', 'j')}, 'Structurer le modèle économique', ${sid('s')} from lc_app where status = 'accepted'`,
      ],
    },
    {
      table: 'coaches',
      sql: [
        `insert into coaches (id, user_id, kind, name, email, profession, specialties, languages, structure_id)
         select ${uid('coach', "s || '-' || c")}, ${uid('user', "s || '-coach' || c")}, 'staff', 'Coach ' || s || '-' || c, 'coach' || c || '.' || s || '@${DOMAIN}',
           ${pick(['mentor', 'accountant', 'lawyer', 'trainer', 'advisor'], 'c')}, array[${pick(SUPPORT_TYPES, 'c')}], '{fr}', ${sid('s')}
         from generate_series(1, ${S}) s cross join generate_series(1, ${COACHES_PER_STRUCTURE}) c`,
      ],
    },
    {
      table: 'coaching_sessions',
      sql: [
        `insert into coaching_sessions (id, cohort_id, format, project_id, support_type, title, starts_at, ends_at, duration_minutes, mode, place, coach_id, status, notes,
           cancelled_at, cancellation_reason, created_by, structure_id)
         select ${uid('session', 'c')}, ${uid('cohort', 's')}, 'individual', ${uid('project', 'j')}, ${pick(SUPPORT_TYPES, 'c')}, 'Séance ' || c, at, at + d * interval '1 minute', d,
           ${pick(['on_site', 'remote'], 'c / 5')}, 'Local ' || s, ${uid('coach', `s || '-' || (c % ${COACHES_PER_STRUCTURE} + 1)`)},
           case when c % 20 = 0 then 'cancelled' else 'held' end, case when c % 20 = 0 then '' else 'Compte rendu ' || c end,
           case when c % 20 = 0 then at - interval '1 day' end, case when c % 20 = 0 then 'Empêchement du porteur' end, ${uid('user', "s || '-staff'")}, ${sid('s')}
         from (select c, j, (j - 1) % ${S} + 1 as s, 60 + (c % 3) * 30 as d,
                 timestamptz '2016-01-04 09:00+00' + (c::bigint * 7919 % 3640) * interval '1 day' + (c % 8) * interval '1 hour' as at
               from (select c, (c - 1) % ${p.projects} + 1 as j from generate_series(1, ${p.coachingSessions}) c) x) y`,
      ],
    },
    {
      table: 'milestones',
      sql: [
        `insert into milestones (id, project_id, kind, title, due_on, status, evidence, reached_on, structure_id)
         select ${uid('milestone', 'm')}, ${uid('project', 'j')}, ${pick(MILESTONE_KINDS, 'm')}, 'Jalon ' || m, due,
           case m % 4 when 0 then 'planned' when 3 then 'missed' else 'reached' end, case when m % 4 in (1, 2) then 'Pièce justificative ' || m end,
           case when m % 4 in (1, 2) then due - 5 end, ${sid('(j - 1) % ' + S + ' + 1')}
         from (select m, (m - 1) % ${p.projects} + 1 as j, date '2016-03-01' + (m * 89 % 3500) as due from generate_series(1, ${p.milestones}) m) x`,
      ],
    },
  ];
}
