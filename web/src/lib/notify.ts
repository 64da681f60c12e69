import type { NotificationData } from '@mantine/notifications';
import { ApiError } from './api-client';

// The toasts' code (and its transitions) is fetched with the first toast, not with every page.
function show(notification: NotificationData) {
  void import('@mantine/notifications').then(({ notifications }) => notifications.show(notification));
}

export function notifySuccess(message: string) {
  show({ color: 'teal', message, autoClose: 4000 });
}

const shown = new WeakMap<object, string>();
let counter = 0;

/** One notification per error, however many places report it (the app's mutation cache already does). */
function notificationIdOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  if (!shown.has(error)) shown.set(error, `error-${++counter}`);
  return shown.get(error);
}

/** Shows the API's own message; the caller passes a translated fallback for network failures. */
export function notifyError(error: unknown, fallback: string) {
  const message = error instanceof ApiError ? error.message : fallback;
  show({ id: notificationIdOf(error), color: 'red', title: error instanceof ApiError && error.status >= 500 ? fallback : undefined, message, autoClose: 7000 });
}
