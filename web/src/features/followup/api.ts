import type { AtRiskProject, CreateMilestoneInput, CreateVisitInput, FollowupVisit, Milestone, UpdateMilestoneInput } from '@essor/shared/followup';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api-client';

export const FOLLOWUP_KEY = ['followup'] as const;

function useFollowupMutation<I, O>(mutationFn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: FOLLOWUP_KEY }) });
}

/** The holder's own milestones (few, one list); everyone else pages through /milestones with the shared DataList. */
export function useHolderMilestones(enabled: boolean) {
  return useQuery({ queryKey: [...FOLLOWUP_KEY, 'holder-milestones'], queryFn: () => apiRequest<Milestone[]>('/api/followup/holder/milestones'), enabled });
}

export function useAtRisk(enabled: boolean) {
  return useQuery({ queryKey: [...FOLLOWUP_KEY, 'at-risk'], queryFn: () => apiRequest<AtRiskProject[]>('/api/followup/at-risk'), enabled });
}

/** Projects to pick from, read from the coaching roster (cohorts and their projects): the coaching team's only. */
export function useProjectChoices(enabled = true) {
  return useQuery({
    enabled,
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
