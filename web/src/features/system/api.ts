import type { JobList, MailSettings, OutboxMessage } from '@essor/shared/mail';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api-client';

export const OUTBOX_KEY = ['outbox'] as const;
export const JOBS_KEY = ['jobs'] as const;

export const useMailSettings = () => useQuery({ queryKey: ['mail-settings'], queryFn: () => apiRequest<MailSettings>('/api/mail/settings') });

export const useOutboxMessage = (id: string | null) =>
  useQuery({ queryKey: [...OUTBOX_KEY, 'one', id], queryFn: () => apiRequest<OutboxMessage>(`/api/mail/outbox/${id}`), enabled: Boolean(id) });

export function useRequeueMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<OutboxMessage>(`/api/mail/outbox/${id}/requeue`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: OUTBOX_KEY }),
  });
}

export const useJobs = () => useQuery({ queryKey: JOBS_KEY, queryFn: () => apiRequest<JobList>('/api/jobs'), refetchInterval: 10_000 });

export function useRunJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => apiRequest<{ id: string | null }>(`/api/jobs/${encodeURIComponent(name)}/run`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: JOBS_KEY }),
  });
}
