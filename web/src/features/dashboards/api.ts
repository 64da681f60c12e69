import type { DashboardOptions, ImpactDashboard, ImpactDashboardQuery, MoneyFlow, MoneyFlowQuery } from '@essor/shared/impact-dashboard';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest, toQuery } from '../../lib/api-client';

export const DASHBOARDS_ENDPOINT = '/api/dashboards';

/** The structures, programmes and funds the caller reaches, for the pickers. */
export const useDashboardOptions = () =>
  useQuery({
    queryKey: ['dashboards', 'options'],
    queryFn: ({ signal }) => apiRequest<DashboardOptions>(`${DASHBOARDS_ENDPOINT}/options`, { signal }),
  });

/** The impact dashboard with its filters; the previous figures stay shown while new ones load. */
export const useImpactDashboard = (query: ImpactDashboardQuery) =>
  useQuery({
    queryKey: ['dashboards', 'impact', query],
    queryFn: ({ signal }) => apiRequest<ImpactDashboard>(`${DASHBOARDS_ENDPOINT}/impact${toQuery({ ...query })}`, { signal }),
    placeholderData: keepPreviousData,
  });

/** One fund's or one programme's money flow; nothing is asked until one is picked. */
export const useMoneyFlow = (query: MoneyFlowQuery) =>
  useQuery({
    queryKey: ['dashboards', 'money-flow', query],
    queryFn: ({ signal }) => apiRequest<MoneyFlow>(`${DASHBOARDS_ENDPOINT}/money-flow${toQuery({ ...query })}`, { signal }),
    enabled: Boolean(query.fundId || query.programmeId),
  });

/** The address of a file the API builds (a section's CSV, the council report), with the same filters. */
export const fileUrl = (path: string, params: Record<string, string | number | undefined>) => `${DASHBOARDS_ENDPOINT}/${path}${toQuery(params)}`;
