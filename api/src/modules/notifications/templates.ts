import type { Locale } from '@essor/shared/auth';
import { formatMoney, type CurrencyCode } from '@essor/shared/money';
import type { NotificationKind } from '@essor/shared/notifications';
import { named, render } from '../../lib/messages/render';

/** The parameters a notification row keeps (jsonb): read defensively, since old rows outlive template changes. */
export type NotificationParams = Record<string, unknown>;

export interface RenderedNotification {
  /** The bell's line and the e-mail's subject. */
  title: string;
  /** One or more paragraphs: the bell shows them joined, the e-mail one per paragraph. */
  paragraphs: string[];
}

interface Template {
  title: (p: Reader) => string;
  body: (p: Reader) => string[];
}

/** Reads one template parameter as text, in the reader's language when it is a date, a time, an amount or a status. */
class Reader {
  constructor(
    private readonly params: NotificationParams,
    readonly locale: Locale,
  ) {}

  text(name: string): string {
    const value = this.params[name];
    return value === undefined || value === null ? '' : String(value);
  }

  has(name: string): boolean {
    return this.text(name).trim() !== '';
  }

  status(name: string): string {
    const value = this.text(name);
    const param = named('status', value);
    return typeof param === 'object' ? render(param, this.locale) : String(param);
  }

  private get tag() {
    return this.locale === 'fr' ? 'fr-FR' : 'en-GB';
  }

  /**
   * What a four-eyes decision is about, in the reader's language: the decision's kind and the document's
   * number (or closing day) when the approvals module passes them, else its `what` as given.
   */
  decisionWhat(): string {
    const kind = this.text('kind');
    const name = kind ? named('decision_kind', kind) : null;
    if (!name || typeof name !== 'object') return this.text('what');
    const summary = (this.params.summary ?? {}) as { number?: unknown; closesOn?: unknown };
    const fr = this.locale === 'fr';
    let ref = '';
    if (summary.number != null) ref = `${fr ? ' n°' : ' no.'} ${String(summary.number)}`;
    else if (summary.closesOn != null) ref = `${fr ? ' au' : ' at'} ${this.dayOf(String(summary.closesOn))}`;
    return `${render(name, this.locale)}${ref}`;
  }

  /** An instant (ISO), in the structure's time zone when the event names one. */
  when(name: string): string {
    const value = this.text(name);
    const at = new Date(value);
    if (Number.isNaN(at.getTime())) return value;
    const timeZone = this.has('timeZone') ? this.text('timeZone') : 'UTC';
    try {
      return new Intl.DateTimeFormat(this.tag, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(at);
    } catch {
      return new Intl.DateTimeFormat(this.tag, { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }).format(at);
    }
  }

  /** A calendar day (YYYY-MM-DD). */
  day(name: string): string {
    return this.dayOf(this.text(name));
  }

  private dayOf(value: string): string {
    const at = new Date(`${value}T12:00:00Z`);
    return Number.isNaN(at.getTime()) ? value : new Intl.DateTimeFormat(this.tag, { dateStyle: 'long', timeZone: 'UTC' }).format(at);
  }

  money(amountName: string, currencyName = 'currency'): string {
    const amount = Number(this.params[amountName]);
    const currency = this.text(currencyName);
    try {
      return formatMoney(amount, currency as CurrencyCode, this.tag);
    } catch {
      return `${amount} ${currency}`;
    }
  }
}

const sessionLine = {
  fr: (p: Reader) => `« ${p.text('title')} » avec ${p.text('coachName')}, ${p.when('startsAt')} (${p.text('durationMinutes')} min)${p.has('place') ? `, ${p.text('place')}` : ''}.`,
  en: (p: Reader) => `“${p.text('title')}” with ${p.text('coachName')}, ${p.when('startsAt')} (${p.text('durationMinutes')} min)${p.has('place') ? `, ${p.text('place')}` : ''}.`,
};

/**
 * One template per kind and language. What each kind's event passes:
 * application.*: projectTitle, programmeName, holderName, from, to, reason;
 * committee.convened: title, programmeName, heldOn;
 * approval.*: kind (a decision kind) and summary (number or closesOn), else what; by, reason;
 * session.*: title, coachName, startsAt, durationMinutes, place, timeZone, reason;
 * instalment.*: loanNumber, seq, dueOn, amountMinor, currency, projectTitle;
 * bond.*: offeringTitle, units, amountMinor, currency, reference, expiresAt.
 */
const TEMPLATES: Record<NotificationKind, Record<Locale, Template>> = {
  'application.submitted': {
    fr: {
      title: (p) => `Nouvelle candidature : ${p.text('projectTitle')}`,
      body: (p) => [`${p.text('holderName')} a déposé « ${p.text('projectTitle')} » au programme ${p.text('programmeName')}. Elle attend sa vérification.`],
    },
    en: {
      title: (p) => `New application: ${p.text('projectTitle')}`,
      body: (p) => [`${p.text('holderName')} submitted “${p.text('projectTitle')}” to the ${p.text('programmeName')} programme. It awaits screening.`],
    },
  },
  'application.received': {
    fr: {
      title: (p) => `Candidature reçue : ${p.text('projectTitle')}`,
      body: (p) => [`Nous avons bien reçu votre candidature « ${p.text('projectTitle')} » au programme ${p.text('programmeName')}. L’équipe va la vérifier ; vous serez prévenu·e de chaque étape.`],
    },
    en: {
      title: (p) => `Application received: ${p.text('projectTitle')}`,
      body: (p) => [`We received your application “${p.text('projectTitle')}” to the ${p.text('programmeName')} programme. The team will screen it; you will hear of each step.`],
    },
  },
  'application.moved': {
    fr: {
      title: (p) => `Votre candidature passe à l’étape : ${p.status('to')}`,
      body: (p) => [`« ${p.text('projectTitle')} » (${p.text('programmeName')}) est passée de « ${p.status('from')} » à « ${p.status('to')} ».`, ...(p.has('reason') ? [`Motif : ${p.text('reason')}`] : [])],
    },
    en: {
      title: (p) => `Your application moved to: ${p.status('to')}`,
      body: (p) => [`“${p.text('projectTitle')}” (${p.text('programmeName')}) moved from “${p.status('from')}” to “${p.status('to')}”.`, ...(p.has('reason') ? [`Reason: ${p.text('reason')}`] : [])],
    },
  },
  'application.decided': {
    fr: {
      title: (p) => `Décision sur votre candidature : ${p.status('to')}`,
      body: (p) => [`Le programme ${p.text('programmeName')} a rendu sa décision sur « ${p.text('projectTitle')} » : ${p.status('to')}.`, ...(p.has('reason') ? [`Motifs : ${p.text('reason')}`] : [])],
    },
    en: {
      title: (p) => `Decision on your application: ${p.status('to')}`,
      body: (p) => [`The ${p.text('programmeName')} programme decided on “${p.text('projectTitle')}”: ${p.status('to')}.`, ...(p.has('reason') ? [`Reasons: ${p.text('reason')}`] : [])],
    },
  },
  'committee.convened': {
    fr: {
      title: (p) => `Convocation : ${p.text('title')}`,
      body: (p) => [`Vous siégez au comité « ${p.text('title')} » du programme ${p.text('programmeName')}, le ${p.day('heldOn')}. Les dossiers à noter sont dans Essor.`],
    },
    en: {
      title: (p) => `Convened: ${p.text('title')}`,
      body: (p) => [`You sit on the committee “${p.text('title')}” of the ${p.text('programmeName')} programme, on ${p.day('heldOn')}. The applications to score are in Essor.`],
    },
  },
  'approval.requested': {
    fr: {
      title: (p) => `Approbation demandée : ${p.decisionWhat()}`,
      body: (p) => [`${p.has('by') ? p.text('by') : 'Une personne de votre équipe'} demande votre approbation : ${p.decisionWhat()}. Une autre personne que celle qui l’a préparée doit décider.`],
    },
    en: {
      title: (p) => `Approval requested: ${p.decisionWhat()}`,
      body: (p) => [`${p.has('by') ? p.text('by') : 'Someone in your team'} asks for your approval: ${p.decisionWhat()}. Someone other than its preparer must decide.`],
    },
  },
  'approval.given': {
    fr: {
      title: (p) => `Approuvé : ${p.decisionWhat()}`,
      body: (p) => [`${p.has('by') ? p.text('by') : 'Un·e gestionnaire'} a approuvé : ${p.decisionWhat()}.`],
    },
    en: {
      title: (p) => `Approved: ${p.decisionWhat()}`,
      body: (p) => [`${p.has('by') ? p.text('by') : 'A fund manager'} approved: ${p.decisionWhat()}.`],
    },
  },
  'approval.refused': {
    fr: {
      title: (p) => `Refusé : ${p.decisionWhat()}`,
      body: (p) => [`${p.has('by') ? p.text('by') : 'Un·e gestionnaire'} a refusé : ${p.decisionWhat()}.`, ...(p.has('reason') ? [`Motif : ${p.text('reason')}`] : [])],
    },
    en: {
      title: (p) => `Refused: ${p.decisionWhat()}`,
      body: (p) => [`${p.has('by') ? p.text('by') : 'A fund manager'} refused: ${p.decisionWhat()}.`, ...(p.has('reason') ? [`Reason: ${p.text('reason')}`] : [])],
    },
  },
  'session.booked': {
    fr: { title: (p) => `Séance prévue : ${p.text('title')}`, body: (p) => [`Une séance d’accompagnement est prévue : ${sessionLine.fr(p)}`, 'L’invitation de calendrier est jointe.'] },
    en: { title: (p) => `Session booked: ${p.text('title')}`, body: (p) => [`A coaching session is booked: ${sessionLine.en(p)}`, 'The calendar invitation is attached.'] },
  },
  'session.moved': {
    fr: { title: (p) => `Séance déplacée : ${p.text('title')}`, body: (p) => [`La séance a changé : ${sessionLine.fr(p)}`, 'L’invitation de calendrier mise à jour est jointe.'] },
    en: { title: (p) => `Session moved: ${p.text('title')}`, body: (p) => [`The session changed: ${sessionLine.en(p)}`, 'The updated calendar invitation is attached.'] },
  },
  'session.cancelled': {
    fr: {
      title: (p) => `Séance annulée : ${p.text('title')}`,
      body: (p) => [`La séance est annulée : ${sessionLine.fr(p)}`, ...(p.has('reason') ? [`Motif : ${p.text('reason')}`] : [])],
    },
    en: {
      title: (p) => `Session cancelled: ${p.text('title')}`,
      body: (p) => [`The session is cancelled: ${sessionLine.en(p)}`, ...(p.has('reason') ? [`Reason: ${p.text('reason')}`] : [])],
    },
  },
  'session.reminder': {
    fr: { title: (p) => `Demain : ${p.text('title')}`, body: (p) => [`Rappel de votre séance de demain : ${sessionLine.fr(p)}`] },
    en: { title: (p) => `Tomorrow: ${p.text('title')}`, body: (p) => [`A reminder of tomorrow’s session: ${sessionLine.en(p)}`] },
  },
  'instalment.due': {
    fr: {
      title: (p) => `Échéance le ${p.day('dueOn')} : ${p.money('amountMinor')}`,
      body: (p) => [`L’échéance n° ${p.text('seq')} du prêt n° ${p.text('loanNumber')} (${p.text('projectTitle')}) tombe le ${p.day('dueOn')} : ${p.money('amountMinor')} restent à payer.`],
    },
    en: {
      title: (p) => `Instalment due on ${p.day('dueOn')}: ${p.money('amountMinor')}`,
      body: (p) => [`Instalment no. ${p.text('seq')} of loan no. ${p.text('loanNumber')} (${p.text('projectTitle')}) falls due on ${p.day('dueOn')}: ${p.money('amountMinor')} remain to pay.`],
    },
  },
  'instalment.overdue': {
    fr: {
      title: (p) => `Échéance en retard : ${p.money('amountMinor')}`,
      body: (p) => [`L’échéance n° ${p.text('seq')} du prêt n° ${p.text('loanNumber')} (${p.text('projectTitle')}) était due le ${p.day('dueOn')} ; ${p.money('amountMinor')} restent impayés. Contactez l’équipe si vous avez une difficulté.`],
    },
    en: {
      title: (p) => `Instalment overdue: ${p.money('amountMinor')}`,
      body: (p) => [`Instalment no. ${p.text('seq')} of loan no. ${p.text('loanNumber')} (${p.text('projectTitle')}) was due on ${p.day('dueOn')}; ${p.money('amountMinor')} remain unpaid. Contact the team if you have a difficulty.`],
    },
  },
  'bond.reserved_from_waitlist': {
    fr: {
      title: (p) => `Vos obligations sont réservées : ${p.text('offeringTitle')}`,
      body: (p) => [
        `Des titres se sont libérés : vos ${p.text('units')} obligations de « ${p.text('offeringTitle')} » ne sont plus en liste d’attente, elles vous sont réservées.`,
        `Virez ${p.money('amountMinor')} avec la référence ${p.text('reference')} avant le ${p.when('expiresAt')} ; passé ce délai, la réservation tombe.`,
      ],
    },
    en: {
      title: (p) => `Your bonds are reserved: ${p.text('offeringTitle')}`,
      body: (p) => [
        `Units came free: your ${p.text('units')} bonds of “${p.text('offeringTitle')}” are no longer waitlisted, they are reserved for you.`,
        `Transfer ${p.money('amountMinor')} with the reference ${p.text('reference')} before ${p.when('expiresAt')}; after that the reservation lapses.`,
      ],
    },
  },
  'bond.reservation_lapsed': {
    fr: {
      title: (p) => `Réservation expirée : ${p.text('offeringTitle')}`,
      body: (p) => [`Le paiement de vos ${p.text('units')} obligations de « ${p.text('offeringTitle')} » (référence ${p.text('reference')}) n’est pas arrivé à temps : la réservation est tombée et les titres sont libérés. Vous pouvez souscrire de nouveau tant que l’offre est ouverte.`],
    },
    en: {
      title: (p) => `Reservation lapsed: ${p.text('offeringTitle')}`,
      body: (p) => [`The payment for your ${p.text('units')} bonds of “${p.text('offeringTitle')}” (reference ${p.text('reference')}) did not arrive in time: the reservation lapsed and the units are free again. You may subscribe again while the offering is open.`],
    },
  },
  'bond.offering_cancelled': {
    fr: {
      title: (p) => `Offre annulée : ${p.text('offeringTitle')}`,
      body: (p) => [
        `L’offre « ${p.text('offeringTitle')} » est annulée : ${p.text('reason')}`,
        p.has('refundedMinor')
          ? `Votre souscription de ${p.text('units')} obligations (référence ${p.text('reference')}) est annulée ; les ${p.money('refundedMinor')} versés vous sont remboursés.`
          : `Votre souscription de ${p.text('units')} obligations (référence ${p.text('reference')}) est annulée ; vous n’aviez rien versé.`,
      ],
    },
    en: {
      title: (p) => `Offering cancelled: ${p.text('offeringTitle')}`,
      body: (p) => [
        `The offering “${p.text('offeringTitle')}” is cancelled: ${p.text('reason')}`,
        p.has('refundedMinor')
          ? `Your subscription of ${p.text('units')} bonds (reference ${p.text('reference')}) is cancelled; the ${p.money('refundedMinor')} you paid are refunded to you.`
          : `Your subscription of ${p.text('units')} bonds (reference ${p.text('reference')}) is cancelled; you had paid nothing.`,
      ],
    },
  },
};

/** A notification's text in one language: the bell renders it when read, the e-mail when queued. */
export function renderNotification(kind: NotificationKind, locale: Locale, params: NotificationParams): RenderedNotification {
  const template = TEMPLATES[kind][locale];
  const reader = new Reader(params, locale);
  return { title: template.title(reader), paragraphs: template.body(reader) };
}
