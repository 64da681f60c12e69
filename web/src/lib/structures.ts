import { STRUCTURE_HEADER } from '@essor/shared/auth';
import type { Structure } from '@essor/shared/structures';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from './api-client';

export const STRUCTURES_KEY = ['structures'] as const;

/** "Réseau › Montréal › Incubateur": a structure named with the nodes above it. */
export function trailLabel(structure: Pick<Structure, 'trail' | 'name'>): string {
  return structure.trail.length ? structure.trail.join(' › ') : structure.name;
}

/**
 * Every structure my roles reach, whatever the switcher's focus: the switcher and the pickers of
 * where a role is held must offer all of mine. An empty header overrides the focus cookie on the API.
 */
export function useStructureTree() {
  return useQuery({
    queryKey: [...STRUCTURES_KEY, 'tree'],
    queryFn: ({ signal }) => apiRequest<Structure[]>('/api/structures', { headers: { [STRUCTURE_HEADER]: '' }, signal }),
    staleTime: 60_000,
  });
}
