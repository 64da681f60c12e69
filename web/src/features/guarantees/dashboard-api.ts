import type { GuaranteeDashboard, GuaranteeDashboardQuery } from '@essor/shared/guarantee-dashboard';
import { useQuery } from '@tanstack/react-query';
import { apiRequest, toQuery } from '../../lib/api-client';

export const DASHBOARD_ENDPOINT = '/api/guarantees/dashboard';

/** Every guarantee fund the admin reaches, with its figures (the page picks one to show). */
export const useGuaranteeDashboard = (query: GuaranteeDashboardQuery = {}) =>
  useQuery({
    queryKey: ['guarantees', 'dashboard', query],
    queryFn: ({ signal }) => apiRequest<GuaranteeDashboard>(`${DASHBOARD_ENDPOINT}${toQuery({ ...query })}`, { signal }),
  });
