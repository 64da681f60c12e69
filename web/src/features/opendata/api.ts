import type { OpenCatalogue, OpenDistricts, OpenImpact, OpenInventory, OpenTerritory } from '@essor/shared/open-data';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api-client';

export const OPEN_DATA_KEY = ['open-data'] as const;
const BASE = '/api/open-data';

export const useOpenCatalogue = () => useQuery({ queryKey: [...OPEN_DATA_KEY, 'catalogue'], queryFn: () => apiRequest<OpenCatalogue>(BASE) });

export const useOpenTerritories = () => useQuery({ queryKey: [...OPEN_DATA_KEY, 'territories'], queryFn: () => apiRequest<OpenTerritory[]>(`${BASE}/territories`) });

export const useOpenInventory = (territoryId: string) =>
  useQuery({ queryKey: [...OPEN_DATA_KEY, 'inventory', territoryId], queryFn: () => apiRequest<OpenInventory>(`${BASE}/${territoryId}/inventory.json`) });

const yearQuery = (year: number | null) => (year ? `?year=${year}` : '');

export const useOpenImpact = (territoryId: string, year: number | null) =>
  useQuery({ queryKey: [...OPEN_DATA_KEY, 'impact', territoryId, year], queryFn: () => apiRequest<OpenImpact>(`${BASE}/${territoryId}/impact.json${yearQuery(year)}`) });

/** The districts' outlines carry the inventory's district figures and the year's jobs: the territory page needs nothing else. */
export const useOpenDistricts = (territoryId: string, year: number | null) =>
  useQuery({ queryKey: [...OPEN_DATA_KEY, 'districts', territoryId, year], queryFn: () => apiRequest<OpenDistricts>(`${BASE}/${territoryId}/districts.geojson${yearQuery(year)}`) });

/** The files a visitor downloads (the same the pages read). */
export const downloadUrl = (territoryId: string, file: 'inventory.csv' | 'inventory.json' | 'impact.csv' | 'impact.json' | 'districts.geojson', year?: number | null) =>
  `${BASE}/${territoryId}/${file}${file.startsWith('inventory') ? '' : yearQuery(year ?? null)}`;
