import type { Home } from '@essor/shared/home';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api-client';

export const HOME_KEY = ['home'] as const;

export const useHome = () => useQuery({ queryKey: [...HOME_KEY], queryFn: () => apiRequest<Home>('/api/home') });
