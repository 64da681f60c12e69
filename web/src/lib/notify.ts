import type { NotificationData } from '@mantine/notifications';
import { ApiError } from './api-client';

import { useSyncExternalStore } from 'react';

// The toasts' code (and its transitions) is fetched with the first toast, not with every page; their container is
// mounted then too (useToastsShown), and shows the toast the store kept meanwhile.
let toastsShown = false;
const listeners = new Set<() => void>();

function show(notification: NotificationData) {
  void import('@mantine/notifications').then(({ notifications }) => {
    notifications.show(notification);
    if (!toastsShown) {
      toastsShown = true;
      for (const listener of listeners) listener();
    }
  });
}

/** Whether a toast has been shown yet in this page's life: the app mounts the toasts' container from then on. */
export function useToastsShown(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => toastsShown,
  );
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
