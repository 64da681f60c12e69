import type {
  ActionItem,
  Coach,
  CoachingPlan,
  CoachingSession,
  CreateActionItemInput,
  CreateCoachInput,
  CreateSessionInput,
  ExpertPayments,
  HolderSession,
  HoursReport,
  Roster,
  SavePlanInput,
  UpdateActionItemInput,
  UpdateCoachInput,
  UpdateSessionInput,
} from '@essor/shared/coaching';
import type { Page } from '@essor/shared/pagination';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, toQuery } from '../../lib/api-client';

export const COACHING_KEY = ['coaching'] as const;

/** Every coaching mutation refreshes every coaching view: hours, calendars and plans move together. */
function useCoachingMutation<I, O>(mutationFn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: COACHING_KEY }) });
}

export function useRoster() {
  return useQuery({ queryKey: [...COACHING_KEY, 'roster'], queryFn: () => apiRequest<Roster>('/api/coaching/roster'), staleTime: 60_000 });
}

export function useCoaches(filters: { specialty?: string; language?: string; kind?: string; active?: string } = {}) {
  return useQuery({ queryKey: [...COACHING_KEY, 'coaches', filters], queryFn: () => apiRequest<Coach[]>(`/api/coaching/coaches${toQuery(filters)}`) });
}

export function useCalendar(range: { from: string; to: string; coachId?: string; cohortId?: string }) {
  return useQuery({
    queryKey: [...COACHING_KEY, 'sessions', range],
    queryFn: () => apiRequest<CoachingSession[]>(`/api/coaching/sessions${toQuery(range)}`),
    placeholderData: keepPreviousData,
  });
}

export function useMySessions(from: string) {
  return useQuery({ queryKey: [...COACHING_KEY, 'mine', from], queryFn: () => apiRequest<CoachingSession[]>(`/api/coaching/me/sessions${toQuery({ from })}`) });
}

export function useSession(id: string) {
  return useQuery({ queryKey: [...COACHING_KEY, 'session', id], queryFn: () => apiRequest<CoachingSession>(`/api/coaching/sessions/${id}`) });
}

/** The plans, a page at a time by cohort then project: "load more" follows the cursor. */
export function usePlans(filters: { cohortId?: string } = {}) {
  return useInfiniteQuery({
    queryKey: [...COACHING_KEY, 'plans', filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => apiRequest<Page<CoachingPlan>>(`/api/coaching/plans${toQuery({ ...filters, cursor: pageParam, limit: 30 })}`),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useHolderSessions() {
  return useQuery({ queryKey: [...COACHING_KEY, 'holder', 'sessions'], queryFn: () => apiRequest<HolderSession[]>('/api/coaching/holder/sessions') });
}

export function useHolderActionItems() {
  return useQuery({ queryKey: [...COACHING_KEY, 'holder', 'items'], queryFn: () => apiRequest<ActionItem[]>('/api/coaching/holder/action-items') });
}

export function useHolderPlans() {
  return useQuery({ queryKey: [...COACHING_KEY, 'holder', 'plans'], queryFn: () => apiRequest<CoachingPlan[]>('/api/coaching/holder/plans') });
}

export function useHoursReport(query: { from: string; to: string; groupBy: string }) {
  return useQuery({
    queryKey: [...COACHING_KEY, 'report', query],
    queryFn: () => apiRequest<HoursReport>(`/api/coaching/reports/hours${toQuery(query)}`),
    placeholderData: keepPreviousData,
  });
}

export function useExpertPayments(query: { from: string; to: string }) {
  return useQuery({
    queryKey: [...COACHING_KEY, 'payments', query],
    queryFn: () => apiRequest<ExpertPayments>(`/api/coaching/reports/expert-payments${toQuery(query)}`),
    placeholderData: keepPreviousData,
  });
}

export const useCreateSession = () =>
  useCoachingMutation((input: CreateSessionInput) => apiRequest<CoachingSession>('/api/coaching/sessions', { method: 'POST', body: input }));

export const useUpdateSession = () =>
  useCoachingMutation(({ id, ...input }: UpdateSessionInput & { id: string }) =>
    apiRequest<CoachingSession>(`/api/coaching/sessions/${id}`, { method: 'PATCH', body: input }),
  );

export const useCancelSession = () =>
  useCoachingMutation(({ id, reason }: { id: string; reason: string }) =>
    apiRequest<CoachingSession>(`/api/coaching/sessions/${id}/cancel`, { method: 'POST', body: { reason } }),
  );

export const useRecordAttendance = () =>
  useCoachingMutation(({ id, attendees }: { id: string; attendees: { projectId: string; attendance: string }[] }) =>
    apiRequest<CoachingSession>(`/api/coaching/sessions/${id}/attendance`, { method: 'PUT', body: { attendees } }),
  );

export const useAddActionItem = () =>
  useCoachingMutation(({ sessionId, ...input }: CreateActionItemInput & { sessionId: string }) =>
    apiRequest<ActionItem>(`/api/coaching/sessions/${sessionId}/action-items`, { method: 'POST', body: input }),
  );

export const useUpdateActionItem = () =>
  useCoachingMutation(({ id, ...input }: UpdateActionItemInput & { id: string }) =>
    apiRequest<ActionItem>(`/api/coaching/action-items/${id}`, { method: 'PATCH', body: input }),
  );

export const useHolderActionItemStatus = () =>
  useCoachingMutation(({ id, status }: { id: string; status: 'open' | 'done' }) =>
    apiRequest<ActionItem>(`/api/coaching/holder/action-items/${id}`, { method: 'PATCH', body: { status } }),
  );

export const useSavePlan = () => useCoachingMutation((input: SavePlanInput) => apiRequest<CoachingPlan>('/api/coaching/plans', { method: 'PUT', body: input }));

export const useCreateCoach = () => useCoachingMutation((input: CreateCoachInput) => apiRequest<Coach>('/api/coaching/coaches', { method: 'POST', body: input }));

export const useUpdateCoach = () =>
  useCoachingMutation(({ id, ...input }: UpdateCoachInput & { id: string }) => apiRequest<Coach>(`/api/coaching/coaches/${id}`, { method: 'PATCH', body: input }));

export const useRotateCalendarFeed = () =>
  useCoachingMutation((coachId: string) => apiRequest<{ url: string; token: string }>(`/api/coaching/coaches/${coachId}/calendar-token`, { method: 'POST' }));
