import type { Page } from '@essor/shared/pagination';
import type { Notification, NotificationPreferences, UnreadCount, UpdateNotificationPreferences } from '@essor/shared/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../lib/api-client';

export const NOTIFICATIONS_KEY = ['notifications'] as const;
/** The bell asks for the count this often; a click on it fetches the list. */
export const UNREAD_POLL_MS = 60_000;

export const useUnreadCount = () =>
  useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'unread'],
    queryFn: () => apiRequest<UnreadCount>('/api/notifications/unread-count'),
    refetchInterval: UNREAD_POLL_MS,
  });

/** The latest notifications, rendered by the API in the person's language (so the key follows it). */
export const useNotifications = (enabled: boolean) => {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'list', i18n.language],
    queryFn: () => apiRequest<Page<Notification>>('/api/notifications?limit=20'),
    enabled,
  });
};

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<Notification>(`/api/notifications/${id}/read`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

export function useMarkAllRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<{ marked: number }>('/api/notifications/read-all', { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

export const usePreferences = () =>
  useQuery({ queryKey: [...NOTIFICATIONS_KEY, 'preferences'], queryFn: () => apiRequest<NotificationPreferences>('/api/notifications/preferences') });

export function useSavePreferences() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateNotificationPreferences) => apiRequest<NotificationPreferences>('/api/notifications/preferences', { method: 'PUT', body: input }),
    onSuccess: (data) => client.setQueryData([...NOTIFICATIONS_KEY, 'preferences'], data),
  });
}
