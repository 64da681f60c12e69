import type { Locale } from '@essor/shared/auth';
import type { MailKind } from '@essor/shared/mail';

export interface MailParams {
  password_reset: { name: string; link: string; expiresInMinutes: number };
  invitation: { name: string; link: string; expiresInDays: number; invitedBy: string | null };
  sign_in_guessing: { name: string; failures: number; resetLink: string };
  /** One notification, already rendered in the recipient's language by the notifications module's template of its kind. */
  notification: { name: string; title: string; paragraphs: string[]; link: string | null };
  /** The day's notifications of the kinds a person chose to receive in a digest, each already rendered. */
  notification_digest: { name: string; items: { title: string; body: string; link: string | null }[]; settingsLink: string };
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

interface Template<P> {
  subject: (p: P) => string;
  /** Paragraphs; a paragraph that is exactly the link becomes a button in HTML. */
  body: (p: P) => string[];
  link?: (p: P) => string;
}

type Templates = { [K in MailKind]: Record<Locale, Template<MailParams[K]>> };

/** One template per kind and language: what the person reads, in their language. */
const TEMPLATES: Templates = {
  password_reset: {
    fr: {
      subject: () => 'Essor : choisir un nouveau mot de passe',
      body: (p) => [
        `Bonjour ${p.name},`,
        'Quelqu’un (vous, sans doute) a demandé à changer le mot de passe de votre compte Essor. Ouvrez ce lien pour en choisir un nouveau :',
        p.link,
        `Le lien sert une seule fois et expire dans ${p.expiresInMinutes} minutes. Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste le même.`,
      ],
      link: (p) => p.link,
    },
    en: {
      subject: () => 'Essor: choose a new password',
      body: (p) => [
        `Hello ${p.name},`,
        'Someone (probably you) asked to change the password of your Essor account. Open this link to choose a new one:',
        p.link,
        `The link works once and expires in ${p.expiresInMinutes} minutes. If you did not ask for it, ignore this message: your password stays the same.`,
      ],
      link: (p) => p.link,
    },
  },
  invitation: {
    fr: {
      subject: () => 'Invitation à rejoindre Essor',
      body: (p) => [
        `Bonjour ${p.name},`,
        p.invitedBy ? `${p.invitedBy} vous invite à rejoindre Essor.` : 'Vous êtes invité·e à rejoindre Essor.',
        'Ouvrez ce lien pour choisir votre mot de passe et activer votre compte :',
        p.link,
        `Le lien expire dans ${p.expiresInDays} jours.`,
      ],
      link: (p) => p.link,
    },
    en: {
      subject: () => 'Invitation to join Essor',
      body: (p) => [
        `Hello ${p.name},`,
        p.invitedBy ? `${p.invitedBy} invites you to join Essor.` : 'You are invited to join Essor.',
        'Open this link to choose your password and activate your account:',
        p.link,
        `The link expires in ${p.expiresInDays} days.`,
      ],
      link: (p) => p.link,
    },
  },
  sign_in_guessing: {
    fr: {
      subject: () => 'Essor : des tentatives de connexion à votre compte',
      body: (p) => [
        `Bonjour ${p.name},`,
        `${p.failures} tentatives de connexion à votre compte Essor ont échoué ces dernières minutes. Les tentatives sont ralenties ; votre compte n’est pas bloqué et votre mot de passe marche toujours.`,
        'Si ce n’était pas vous, choisissez un nouveau mot de passe, plus difficile à deviner :',
        p.resetLink,
      ],
      link: (p) => p.resetLink,
    },
    en: {
      subject: () => 'Essor: sign-in attempts on your account',
      body: (p) => [
        `Hello ${p.name},`,
        `${p.failures} attempts to sign in to your Essor account failed in the last minutes. Attempts are slowed down; your account is not locked and your password still works.`,
        'If it was not you, choose a new password that is harder to guess:',
        p.resetLink,
      ],
      link: (p) => p.resetLink,
    },
  },
  notification: {
    fr: {
      subject: (p) => `Essor : ${p.title}`,
      body: (p) => [`Bonjour ${p.name},`, ...p.paragraphs, ...(p.link ? [p.link] : [])],
      link: (p) => p.link ?? '',
    },
    en: {
      subject: (p) => `Essor: ${p.title}`,
      body: (p) => [`Hello ${p.name},`, ...p.paragraphs, ...(p.link ? [p.link] : [])],
      link: (p) => p.link ?? '',
    },
  },
  notification_digest: {
    fr: {
      subject: (p) => `Essor : ${p.items.length} notification${p.items.length > 1 ? 's' : ''} du jour`,
      body: (p) => [
        `Bonjour ${p.name},`,
        'Voici ce qui s’est passé pour vous sur Essor :',
        ...p.items.map((i) => `• ${i.title} : ${i.body}${i.link ? ` (${i.link})` : ''}`),
        `Vous recevez ce résumé quotidien parce que vous l’avez choisi. Pour le changer : ${p.settingsLink}`,
      ],
    },
    en: {
      subject: (p) => `Essor: ${p.items.length} notification${p.items.length > 1 ? 's' : ''} today`,
      body: (p) => [
        `Hello ${p.name},`,
        'Here is what happened for you on Essor:',
        ...p.items.map((i) => `• ${i.title}: ${i.body}${i.link ? ` (${i.link})` : ''}`),
        `You receive this daily digest because you chose to. To change it: ${p.settingsLink}`,
      ],
    },
  },
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

export function renderMail<K extends MailKind>(kind: K, locale: Locale, params: MailParams[K]): RenderedMail {
  const template = TEMPLATES[kind][locale] as Template<MailParams[K]>;
  const paragraphs = template.body(params);
  const link = template.link?.(params);
  const html = paragraphs
    .map((p) =>
      p === link
        ? `<p><a href="${escapeHtml(p)}" style="display:inline-block;padding:10px 16px;background:#2f6f4f;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(p)}</a></p>`
        : `<p>${escapeHtml(p)}</p>`,
    )
    .join('\n');
  return {
    subject: template.subject(params),
    text: `${paragraphs.join('\n\n')}\n\n-- \nEssor\n`,
    html: `<!doctype html><html lang="${locale}"><body style="font-family:sans-serif;line-height:1.5">\n${html}\n<p style="color:#777">Essor</p></body></html>`,
  };
}

/** The recipient's language: their profile's, else the request's Accept-Language, else French. */
export function recipientLocale(profileLocale: string | null | undefined, acceptLanguage?: string | null): Locale {
  if (profileLocale === 'fr' || profileLocale === 'en') return profileLocale;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0].trim().slice(0, 2).toLowerCase();
    if (tag === 'fr' || tag === 'en') return tag;
  }
  return 'fr';
}
