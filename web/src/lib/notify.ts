import { notifications } from '@mantine/notifications';
import { ApiError } from './api-client';

export function notifySuccess(message: string) {
  notifications.show({ color: 'teal', message, autoClose: 4000 });
}

/** Shows the API's own message; the caller passes a translated fallback for network failures. */
export function notifyError(error: unknown, fallback: string) {
  const message = error instanceof ApiError ? error.message : fallback;
  notifications.show({ color: 'red', title: error instanceof ApiError && error.status >= 500 ? fallback : undefined, message, autoClose: 7000 });
}
