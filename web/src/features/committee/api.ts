import type { ApplicationDetail, ApplicationSummary } from '@essor/shared/applications';
import type { Cohort } from '@essor/shared/cohorts';
import type {
  ApplicationScores,
  CommitteeDirectoryEntry,
  CommitteeSessionDetail,
  CreateCommitteeSessionInput,
  DecisionInput,
  ScorecardInput,
} from '@essor/shared/committee';
import type { Page } from '@essor/shared/pagination';
import type { Programme } from '@essor/shared/programmes';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, toQuery } from '../../lib/api-client';

export const COMMITTEE_KEY = ['committee'] as const;

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: COMMITTEE_KEY }), queryClient.invalidateQueries({ queryKey: ['applications'] })]);
}

export function useSession(id: string | undefined) {
  return useQuery({ queryKey: [...COMMITTEE_KEY, 'session', id], queryFn: () => apiRequest<CommitteeSessionDetail>(`/api/committee/sessions/${id}`), enabled: Boolean(id) });
}

export function useScores(sessionId: string, applicationId: string) {
  return useQuery({
    queryKey: [...COMMITTEE_KEY, 'scores', sessionId, applicationId],
    queryFn: () => apiRequest<ApplicationScores>(`/api/committee/sessions/${sessionId}/applications/${applicationId}/scores`),
  });
}

export function useAgendaApplication(applicationId: string) {
  return useQuery({ queryKey: ['applications', applicationId], queryFn: () => apiRequest<ApplicationDetail>(`/api/applications/${applicationId}`) });
}

export function useDirectory(enabled: boolean) {
  return useQuery({ queryKey: [...COMMITTEE_KEY, 'directory'], queryFn: () => apiRequest<{ items: CommitteeDirectoryEntry[] }>('/api/committee/directory'), enabled });
}

export function useProgrammes(enabled: boolean) {
  return useQuery({ queryKey: ['programmes', 'options'], queryFn: () => apiRequest<{ items: Programme[] }>('/api/programmes'), enabled });
}

/** Applications of a programme waiting at the committee stage, to put on an agenda. */
export function useCommitteeStageApplications(programmeId: string | null) {
  return useQuery({
    queryKey: ['applications', 'committee-stage', programmeId],
    queryFn: () => apiRequest<Page<ApplicationSummary>>(`/api/applications${toQuery({ programmeId, status: 'committee', limit: 200 })}`),
    enabled: Boolean(programmeId),
  });
}

export function useProgrammeCohorts(programmeId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: ['cohorts', 'programme', programmeId],
    queryFn: () => apiRequest<{ items: Cohort[] }>(`/api/cohorts${toQuery({ programmeId })}`),
    enabled: enabled && Boolean(programmeId),
  });
}

export function useCreateSession() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: CreateCommitteeSessionInput) => apiRequest<CommitteeSessionDetail>('/api/committee/sessions', { method: 'POST', body: input }),
    onSuccess: invalidate,
  });
}

export function useAddToAgenda(sessionId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (applicationId: string) => apiRequest<CommitteeSessionDetail>(`/api/committee/sessions/${sessionId}/agenda`, { method: 'POST', body: { applicationId } }),
    onSuccess: invalidate,
  });
}

export function useAddMember(sessionId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (userId: string) => apiRequest<CommitteeSessionDetail>(`/api/committee/sessions/${sessionId}/members`, { method: 'POST', body: { userId } }),
    onSuccess: invalidate,
  });
}

export function useSubmitScorecard(sessionId: string, applicationId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: ScorecardInput) =>
      apiRequest<ApplicationScores>(`/api/committee/sessions/${sessionId}/applications/${applicationId}/scorecard`, { method: 'PUT', body: input }),
    onSuccess: invalidate,
  });
}

export function useDeclareConflict(sessionId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ applicationId, reason }: { applicationId: string; reason: string }) =>
      apiRequest<CommitteeSessionDetail>(`/api/committee/sessions/${sessionId}/applications/${applicationId}/conflicts`, { method: 'POST', body: { reason } }),
    onSuccess: invalidate,
  });
}

export function useDecide(sessionId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ applicationId, ...input }: DecisionInput & { applicationId: string }) =>
      apiRequest<CommitteeSessionDetail>(`/api/committee/sessions/${sessionId}/applications/${applicationId}/decision`, { method: 'POST', body: input }),
    onSuccess: invalidate,
  });
}

export function useCloseSession(sessionId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => apiRequest<CommitteeSessionDetail>(`/api/committee/sessions/${sessionId}/close`, { method: 'POST' }),
    onSuccess: invalidate,
  });
}
