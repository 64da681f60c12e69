import type { CreateIndicatorInput, EnterFigureInput, FigureRow, Indicator, IndicatorListQuery, MyProject, ProjectFigures, UpdateIndicatorInput } from '@essor/shared/impact';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, toQuery } from '../../lib/api-client';

export const IMPACT_KEY = ['impact'] as const;
export const IMPACT_ENDPOINT = '/api/impact';

/** The catalogue the person reads: the standard one and their structures' own. */
export const useIndicators = (params: IndicatorListQuery = {}) =>
  useQuery({
    queryKey: [...IMPACT_KEY, 'indicators', params],
    queryFn: ({ signal }) => apiRequest<Indicator[]>(`${IMPACT_ENDPOINT}/indicators${toQuery({ ...params })}`, { signal }),
    placeholderData: keepPreviousData,
  });

export const useProjectFigures = (projectId: string) =>
  useQuery({ queryKey: [...IMPACT_KEY, 'project', projectId], queryFn: () => apiRequest<ProjectFigures>(`${IMPACT_ENDPOINT}/projects/${projectId}/figures`), enabled: Boolean(projectId) });

export const useMyProjects = () => useQuery({ queryKey: [...IMPACT_KEY, 'mine'], queryFn: () => apiRequest<MyProject[]>(`${IMPACT_ENDPOINT}/my-projects`) });

/** Every write refreshes the impact cache; forms show the API's errors beside their fields. */
function useImpactMutation<I, O>(request: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: request, meta: { errorShown: 'inline' }, onSuccess: () => queryClient.invalidateQueries({ queryKey: IMPACT_KEY }) });
}

export const useCreateIndicator = () => useImpactMutation((input: CreateIndicatorInput) => apiRequest<Indicator>(`${IMPACT_ENDPOINT}/indicators`, { method: 'POST', body: input }));

export const useUpdateIndicator = (id: string) =>
  useImpactMutation((input: UpdateIndicatorInput) => apiRequest<Indicator>(`${IMPACT_ENDPOINT}/indicators/${id}`, { method: 'PATCH', body: input }));

export const useEnterFigure = (projectId: string) =>
  useImpactMutation((input: EnterFigureInput) => apiRequest<FigureRow>(`${IMPACT_ENDPOINT}/projects/${projectId}/figures`, { method: 'POST', body: input }));
