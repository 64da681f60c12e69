import type { ApplicationSummary } from '@essor/shared/applications';
import type { CohortDetail, CreateCohortInput, UpdateCohortInput } from '@essor/shared/cohorts';
import type { Page } from '@essor/shared/pagination';
import type { Programme } from '@essor/shared/programmes';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, toQuery } from '../../lib/api-client';

export const COHORTS_KEY = ['cohorts'] as const;

export function useCohort(id: string | undefined) {
  return useQuery({ queryKey: [...COHORTS_KEY, id], queryFn: () => apiRequest<CohortDetail>(`/api/cohorts/${id}`), enabled: Boolean(id) });
}

export function useProgrammeChoices(enabled: boolean) {
  return useQuery({ queryKey: ['programmes', 'options'], queryFn: () => apiRequest<{ items: Programme[] }>('/api/programmes'), enabled });
}

/** Accepted applications of the programme: the projects that may join one of its cohorts. */
export function useAcceptedApplications(programmeId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['applications', 'accepted', programmeId],
    queryFn: () => apiRequest<Page<ApplicationSummary>>(`/api/applications${toQuery({ programmeId, status: 'accepted', limit: 200 })}`),
    enabled: enabled && Boolean(programmeId),
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: COHORTS_KEY }), queryClient.invalidateQueries({ queryKey: ['applications'] })]);
}

export function useCreateCohort() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (input: CreateCohortInput) => apiRequest<CohortDetail>('/api/cohorts', { method: 'POST', body: input }), onSuccess: invalidate });
}

export function useUpdateCohort(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (input: UpdateCohortInput) => apiRequest<CohortDetail>(`/api/cohorts/${id}`, { method: 'PATCH', body: input }), onSuccess: invalidate });
}

export function useJoinCohort(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (applicationId: string) => apiRequest<CohortDetail>(`/api/cohorts/${id}/members`, { method: 'POST', body: { applicationId } }),
    onSuccess: invalidate,
  });
}
