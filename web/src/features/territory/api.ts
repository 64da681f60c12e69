import type {
  CreateInventoryEntryInput,
  District,
  DistrictImportInput,
  DistrictImportResult,
  InventoryEntry,
  InventoryFilters,
  InventoryImportInput,
  InventoryImportPreview,
  InventorySummary,
  UpdateInventoryEntryInput,
} from '@essor/shared/territory';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, toQuery } from '../../lib/api-client';

export const TERRITORY_KEY = ['territory'] as const;
export const TERRITORY_ENDPOINT = '/api/territory';
export const INVENTORY_ENDPOINT = `${TERRITORY_ENDPOINT}/inventory`;

/** The districts (with outlines) of the structures the person reaches and of the nodes above them. */
export const useDistricts = (structureId?: string | null) =>
  useQuery({
    queryKey: [...TERRITORY_KEY, 'districts', structureId ?? null],
    queryFn: ({ signal }) => apiRequest<District[]>(`${TERRITORY_ENDPOINT}/districts${toQuery({ structureId: structureId ?? undefined })}`, { signal }),
    staleTime: 5 * 60_000,
  });

export const useInventorySummary = (filters: InventoryFilters) =>
  useQuery({
    queryKey: [...TERRITORY_KEY, 'summary', filters],
    queryFn: ({ signal }) => apiRequest<InventorySummary>(`${INVENTORY_ENDPOINT}/summary${toQuery({ ...filters })}`, { signal }),
    placeholderData: keepPreviousData,
  });

export const useInventoryEntry = (id: string) =>
  useQuery({ queryKey: [...TERRITORY_KEY, 'entry', id], queryFn: ({ signal }) => apiRequest<InventoryEntry>(`${INVENTORY_ENDPOINT}/${id}`, { signal }) });

/** Every write refreshes what the territory pages show; forms show API errors beside their fields. */
function useTerritoryMutation<I, O>(request: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: request, meta: { errorShown: 'inline' }, onSuccess: () => queryClient.invalidateQueries({ queryKey: TERRITORY_KEY }) });
}

export const useCreateEntry = () =>
  useTerritoryMutation((input: CreateInventoryEntryInput) => apiRequest<InventoryEntry>(INVENTORY_ENDPOINT, { method: 'POST', body: input }));

export const useUpdateEntry = (id: string) =>
  useTerritoryMutation((input: UpdateInventoryEntryInput) => apiRequest<InventoryEntry>(`${INVENTORY_ENDPOINT}/${id}`, { method: 'PATCH', body: input }));

export const usePreviewImport = () =>
  useMutation({
    mutationFn: (input: InventoryImportInput) => apiRequest<InventoryImportPreview>(`${INVENTORY_ENDPOINT}/import/preview`, { method: 'POST', body: input }),
    meta: { errorShown: 'inline' },
  });

export const useCommitImport = () =>
  useTerritoryMutation((input: InventoryImportInput) => apiRequest<InventoryImportPreview>(`${INVENTORY_ENDPOINT}/import/commit`, { method: 'POST', body: input }));

export const useImportDistricts = () =>
  useTerritoryMutation((input: DistrictImportInput) => apiRequest<DistrictImportResult>(`${TERRITORY_ENDPOINT}/districts/import`, { method: 'POST', body: input }));

export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
