/**
 * What the mail module offers the others: queue a message in the outbox (delivered by the jobs module),
 * the links it carries and the recipient's language, and the middleware that wakes the outbox after a request.
 */
export { mailLinksOf, wakeOutboxAfterwards } from './links';
export { DEFAULT_PUBLIC_URL, DELIVER_OUTBOX, deliverDueMessages, queueMail, type MailAttachment, type MailLinks, type SendMail } from './outbox';
export { recipientLocale } from './templates';
