import type { CreateProgrammeInput, Programme, UpdateProgrammeInput } from '@essor/shared/programmes';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api-client';

export const PROGRAMMES_KEY = ['programmes'] as const;

export function useProgramme(id: string | undefined) {
  return useQuery({ queryKey: [...PROGRAMMES_KEY, id], queryFn: () => apiRequest<Programme>(`/api/programmes/${id}`), enabled: Boolean(id) });
}

export function useCreateProgramme() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateProgrammeInput) => apiRequest<Programme>('/api/programmes', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: PROGRAMMES_KEY }),
  });
}

export function useUpdateProgramme(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateProgrammeInput) => apiRequest<Programme>(`/api/programmes/${id}`, { method: 'PATCH', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: PROGRAMMES_KEY }),
  });
}
