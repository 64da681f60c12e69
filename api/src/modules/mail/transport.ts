import nodemailer from 'nodemailer';
import type { SendMail } from './outbox';

export interface SmtpOptions {
  /** smtp://user:password@host:port or smtps://... (SMTP_URL) */
  url: string;
  from: string;
  /** Seconds to wait for the server before the attempt counts as failed. */
  timeoutSeconds?: number;
}

/** Sends over SMTP with nodemailer; one pooled transport per process. */
export function smtpSender(options: SmtpOptions): SendMail & { close(): void } {
  const timeout = (options.timeoutSeconds ?? 20) * 1000;
  const transport = nodemailer.createTransport({ url: options.url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
  const send: SendMail = async (mail) => {
    await transport.sendMail({
      from: options.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content, 'base64') })),
    });
  };
  return Object.assign(send, { close: () => transport.close() });
}
