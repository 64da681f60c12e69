import type { ApplicationSummary } from '@essor/shared/applications';
import type { CoachingPlan } from '@essor/shared/coaching';
import type { Cofinancing } from '@essor/shared/cofinancing';
import type { Milestone } from '@essor/shared/followup';
import type { LoanListItem } from '@essor/shared/loans';
import type { Project } from '@essor/shared/projects';
import { useQuery } from '@tanstack/react-query';
import { apiRequest, toQuery } from '../../lib/api-client';

const KEY = ['projects'] as const;

export const useProject = (id: string) => useQuery({ queryKey: [...KEY, id], queryFn: () => apiRequest<Project>(`/api/projects/${id}`) });

/** What the project page gathers; each part is asked only of a role that may read it (a refused call is no answer). */
export function useProjectParts(projectId: string, can: { applications: boolean; coaching: boolean; milestones: boolean; money: boolean }) {
  const q = toQuery({ projectId });
  return {
    applications: useQuery({
      queryKey: [...KEY, projectId, 'applications'],
      queryFn: () => apiRequest<{ items: ApplicationSummary[] }>(`/api/applications${q}`),
      enabled: can.applications,
    }),
    plans: useQuery({
      queryKey: [...KEY, projectId, 'plans'],
      // One project's plans (one per cohort it joined) fit in one page.
      queryFn: () => apiRequest<{ items: CoachingPlan[] }>(`/api/coaching/plans${toQuery({ projectId, limit: 200 })}`),
      select: (page) => page.items,
      enabled: can.coaching,
    }),
    milestones: useQuery({
      queryKey: [...KEY, projectId, 'milestones'],
      // One project's milestones fit in one page of the paged list.
      queryFn: () => apiRequest<{ items: Milestone[] }>(`/api/followup/milestones${toQuery({ projectId, limit: 200 })}`),
      select: (page) => page.items,
      enabled: can.milestones,
    }),
    // A project's financing requests and loans fit in one page of their paged lists.
    cofinancing: useQuery({
      queryKey: [...KEY, projectId, 'cofinancing'],
      queryFn: () => apiRequest<{ items: Cofinancing[] }>(`/api/funds/cofinancing${toQuery({ projectId, limit: 200 })}`),
      select: (page) => page.items,
      enabled: can.money,
    }),
    loans: useQuery({
      queryKey: [...KEY, projectId, 'loans'],
      queryFn: () => apiRequest<{ items: LoanListItem[] }>(`/api/funds/loans${toQuery({ projectId, limit: 200 })}`),
      select: (page) => page.items,
      enabled: can.money,
    }),
  };
}
