import type { Step } from './pipeline';
import { DOMAIN, END, type Plan, pick, structureOf, uid } from './plan';

/**
 * What ten years of running the pipeline leave in the platform's own tables: the bell's notifications of the
 * structures' staff, and the e-mails that went out through the outbox (sent, one in fifty failed: none waits, so
 * no delivery job picks them up).
 * The lists that read them are measured on a city's volume rather than on an empty table.
 */

/** The staff who hear of the city's work: the two fund managers and the staff member of each structure. */
const RECIPIENTS = ['fm1', 'fm2', 'staff'];

export function platformSteps(p: Plan): Step[] {
  const sid = (s: string) => uid('structure', s);
  const person = (s: string, k: string) => uid('user', `${s} || '-' || ${k}`);
  const recipient = (g: string) => pick(RECIPIENTS, `(${g}) / ${p.structures}`);
  // Spread over the ten years, oldest first, up to the end of the data.
  const at = (g: string, n: number) => `timestamptz '${END} 18:00+00' - ((${n} - ${g})::bigint * 315000000 / ${n}) * interval '1 second'`;
  return [
    {
      table: 'notifications',
      sql: [
        `insert into notifications (user_id, structure_id, kind, event_key, params, link, channel, created_at, read_at)
         select ${person('s', 'k')}, ${sid('s')}, v.kind, 'large-city:' || g,
           case v.kind
             when 'approval.requested' then jsonb_build_object('kind', 'cofinancing', 'summary', jsonb_build_object('number', g), 'by', 'Fm2 ' || s)
             when 'instalment.due' then jsonb_build_object('dueOn', (date '${END}' - (${p.notifications} - g) / 20)::text, 'amountMinor', 125000 + g % 7 * 2500,
               'currency', 'CAD', 'seq', g % 36 + 1, 'loanNumber', g % 5000 + 1, 'projectTitle', 'Projet ' || g % 3000)
             else jsonb_build_object('projectTitle', 'Projet ' || g % 3000, 'holderName', 'Porteur ' || g % 3000, 'programmeName', 'Programme ' || s)
           end,
           v.link, 'in_app', ts, case when g % 10 <> 0 then ts + interval '2 hours' end
         from (select g, ${structureOf(p, 'g')} as s, ${recipient('g - 1')} as k, ${at('g', p.notifications)} as ts
               from generate_series(1, ${p.notifications}) g) x
         join (values (0, 'approval.requested', '/funds/inbox'), (1, 'instalment.due', '/funds/loans'), (2, 'application.submitted', '/applications'))
           v(n, kind, link) on v.n = x.g % 3
         order by g`,
      ],
    },
    {
      table: 'outbox_messages',
      sql: [
        `insert into outbox_messages (structure_id, user_id, to_address, locale, kind, subject, text, html, status, attempts, next_attempt_at, last_error, created_at, sent_at)
         select ${sid('s')}, ${person('s', 'k')}, k || '.' || s || '@${DOMAIN}', 'fr', 'notification', subject,
           subject || E'\\n\\n' || body || E'\\n\\n— Essor',
           '<!doctype html><html><body style="font-family:sans-serif"><h1>' || subject || '</h1><p>' || body || '</p><p>' || repeat(body || ' ', 6) || '</p><p>— Essor</p></body></html>',
           status, case status when 'sent' then 1 when 'failed' then 5 else 0 end, ts,
           case when status = 'failed' then '451 4.3.0 Mailbox temporarily unavailable' end, ts, case when status = 'sent' then ts + interval '1 minute' end
         from (select g, ${structureOf(p, 'g')} as s, ${recipient('g - 1')} as k, ${at('g', p.outboxMessages)} as ts,
                 'Approbation demandée : co-financement n° ' || g as subject,
                 'Une personne de votre équipe demande votre approbation : co-financement n° ' || g || '. Une autre personne que celle qui l’a préparée doit décider.' as body,
                 case when g % 50 = 0 then 'failed' else 'sent' end as status
               from generate_series(1, ${p.outboxMessages}) g) x
         order by g`,
      ],
    },
  ];
}

/** How the rows are found, per table (spread into large-city.ts's counts). */
export const PLATFORM_COUNTS: Record<string, string> = {
  notifications: `select count(*) as n from notifications where event_key like 'large-city:%'`,
  outbox_messages: `select count(*) as n from outbox_messages where to_address like '%@${DOMAIN}'`,
};
