import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../lib/context';
import { DELIVER_OUTBOX, mailQueuedInRequest, type MailLinks } from './outbox';

/** For a route: links point at the configured public address, and a queued message wakes the outbox worker. */
export function mailLinksOf(c: Context<AppEnv>): MailLinks {
  return { publicUrl: c.get('mail').publicUrl, afterQueued: () => c.get('jobs')?.wake(DELIVER_OUTBOX) };
}

/**
 * For every API request (mounted once in app.ts): when the request queued a message, the outbox worker is
 * woken once the whole request is done, so it finds the committed message at once instead of at its next
 * minute's poll. Requests that queue nothing wake nothing.
 */
export const wakeOutboxAfterwards: MiddlewareHandler<AppEnv> = async (c, next) => {
  const request = { queued: false };
  await mailQueuedInRequest.run(request, () => next());
  if (request.queued && c.res.status < 400) c.get('jobs')?.wake(DELIVER_OUTBOX);
};
