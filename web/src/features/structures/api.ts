import type { CreateStructureInput, GrantMembershipInput, Membership, Structure, StructureOverview, UpdateStructureInput } from '@essor/shared/structures';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api-client';
import { ME_KEY } from '../../lib/session';
import { readStructureFocus, writeStructureFocus } from '../../lib/structure-focus';
import { STRUCTURES_KEY } from '../../lib/structures';

const FOCUS_KEY = ['structure-focus'] as const;

/** The structures my roles reach under the switcher's focus, in tree order (the structures page). */
export function useStructures() {
  return useQuery({ queryKey: [...STRUCTURES_KEY, 'list'], queryFn: ({ signal }) => apiRequest<Structure[]>('/api/structures', { signal }) });
}

export function useStructure(id: string | null) {
  return useQuery({
    queryKey: [...STRUCTURES_KEY, 'one', id],
    queryFn: ({ signal }) => apiRequest<Structure>(`/api/structures/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

export function useStructureOverview() {
  return useQuery({ queryKey: [...STRUCTURES_KEY, 'overview'], queryFn: ({ signal }) => apiRequest<StructureOverview>('/api/structures/overview', { signal }) });
}

function useInvalidateStructures() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: STRUCTURES_KEY }), queryClient.invalidateQueries({ queryKey: ME_KEY })]);
}

export function useCreateStructure() {
  const invalidate = useInvalidateStructures();
  return useMutation({
    mutationFn: (input: CreateStructureInput) => apiRequest<Structure>('/api/structures', { method: 'POST', body: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateStructure() {
  const invalidate = useInvalidateStructures();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateStructureInput & { id: string }) => apiRequest<Structure>(`/api/structures/${id}`, { method: 'PATCH', body: input }),
    onSuccess: invalidate,
  });
}

export function useDeleteStructure() {
  const invalidate = useInvalidateStructures();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(`/api/structures/${id}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

export function useMemberships(structureId: string | null) {
  return useQuery({
    queryKey: [...STRUCTURES_KEY, 'memberships', structureId],
    queryFn: ({ signal }) => apiRequest<Membership[]>(`/api/structures/${structureId}/memberships`, { signal }),
    enabled: Boolean(structureId),
  });
}

function useInvalidatePeople() {
  const queryClient = useQueryClient();
  // The users page shows each person's roles per structure: it follows a grant or a revoke.
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: STRUCTURES_KEY }), queryClient.invalidateQueries({ queryKey: ['users'] }), queryClient.invalidateQueries({ queryKey: ME_KEY })]);
}

export function useGrantMembership(structureId: string) {
  const invalidate = useInvalidatePeople();
  return useMutation({
    mutationFn: (input: GrantMembershipInput) => apiRequest<Membership>(`/api/structures/${structureId}/memberships`, { method: 'POST', body: input }),
    onSuccess: invalidate,
  });
}

export function useRevokeMembership() {
  const invalidate = useInvalidatePeople();
  return useMutation({
    mutationFn: (membership: Pick<Membership, 'id' | 'structureId'>) =>
      apiRequest<void>(`/api/structures/${membership.structureId}/memberships/${membership.id}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

/**
 * The switcher's focus, read from its cookie. Switching writes the cookie and refetches every query
 * (this one included), so each list, dashboard and the switcher itself follow.
 */
export function useStructureFocus() {
  const queryClient = useQueryClient();
  const focus = useQuery({ queryKey: FOCUS_KEY, queryFn: readStructureFocus, staleTime: Infinity });
  const switchTo = (structureId: string | null) => {
    writeStructureFocus(structureId);
    queryClient.setQueryData(FOCUS_KEY, structureId);
    // Reset rather than invalidate: a list cached under the previous focus must not show, even for a moment, under the new one.
    // Who I am and the switcher's own tree stay on screen and are refreshed behind it.
    const kept = (key: readonly unknown[]) => key[0] === FOCUS_KEY[0] || key[0] === ME_KEY[0] || (key[0] === STRUCTURES_KEY[0] && key[1] === 'tree');
    return Promise.all([
      queryClient.resetQueries({ predicate: (query) => !kept(query.queryKey) }),
      queryClient.invalidateQueries({ predicate: (query) => kept(query.queryKey) && query.queryKey[0] !== FOCUS_KEY[0] }),
    ]);
  };
  return { focus: focus.data ?? null, switchTo };
}
