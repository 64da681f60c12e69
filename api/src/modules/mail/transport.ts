import type { Transporter } from 'nodemailer';
import type { SendMail } from './outbox';

export interface SmtpOptions {
  /** smtp://user:password@host:port or smtps://... (SMTP_URL) */
  url: string;
  from: string;
  /** Seconds to wait for the server before the attempt counts as failed. */
  timeoutSeconds?: number;
}

/**
 * Sends over SMTP with nodemailer; one pooled transport per process, made with the first e-mail (nodemailer is
 * loaded then, not at start: about 15 MB of a server's memory that a quiet instance never needs).
 */
export function smtpSender(options: SmtpOptions): SendMail & { close(): void } {
  const timeout = (options.timeoutSeconds ?? 20) * 1000;
  let transport: Promise<Transporter> | null = null;
  const transportOf = () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({ url: options.url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout }),
    ));
  const send: SendMail = async (mail) => {
    await (await transportOf()).sendMail({
      from: options.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content, 'base64') })),
    });
  };
  return Object.assign(send, { close: () => void transport?.then((t) => t.close()) });
}
