import type { AtRiskProject, CreateMilestoneInput, CreateVisitInput, FollowupVisit, Milestone, UpdateMilestoneInput } from '@essor/shared/followup';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, toQuery } from '../../lib/api-client';

export const FOLLOWUP_KEY = ['followup'] as const;

function useFollowupMutation<I, O>(mutationFn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: FOLLOWUP_KEY }) });
}

export function useMilestones(filters: { overdue?: string; status?: string }, holder: boolean) {
  return useQuery({
    queryKey: [...FOLLOWUP_KEY, 'milestones', filters, holder],
    queryFn: () => apiRequest<Milestone[]>(holder ? '/api/followup/holder/milestones' : `/api/followup/milestones${toQuery(filters)}`),
  });
}

export function useVisits(filters: { riskRating?: string }) {
  return useQuery({ queryKey: [...FOLLOWUP_KEY, 'visits', filters], queryFn: () => apiRequest<FollowupVisit[]>(`/api/followup/visits${toQuery(filters)}`) });
}

export function useAtRisk(enabled: boolean) {
  return useQuery({ queryKey: [...FOLLOWUP_KEY, 'at-risk'], queryFn: () => apiRequest<AtRiskProject[]>('/api/followup/at-risk'), enabled });
}

/** Projects to pick from, read from the coaching roster (cohorts and their projects). */
export function useProjectChoices() {
  return useQuery({
    queryKey: [...FOLLOWUP_KEY, 'projects'],
    queryFn: async () => {
      const roster = await apiRequest<{ programmeCode: string; projects: { id: string; title: string; organisationName: string }[] }[]>('/api/coaching/roster');
      return roster.flatMap((c) => c.projects.map((p) => ({ value: p.id, label: `${c.programmeCode} · ${p.organisationName} · ${p.title}` })));
    },
    staleTime: 60_000,
  });
}

export const useCreateMilestone = () => useFollowupMutation((input: CreateMilestoneInput) => apiRequest<Milestone>('/api/followup/milestones', { method: 'POST', body: input }));

export const useUpdateMilestone = () =>
  useFollowupMutation(({ id, ...input }: UpdateMilestoneInput & { id: string }) => apiRequest<Milestone>(`/api/followup/milestones/${id}`, { method: 'PATCH', body: input }));

export const useCreateVisit = () => useFollowupMutation((input: CreateVisitInput) => apiRequest<FollowupVisit>('/api/followup/visits', { method: 'POST', body: input }));
