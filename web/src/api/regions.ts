import { useQuery } from '@tanstack/react-query';
import type { Region } from '@shared/api/regions.ts';
import { api } from './client.ts';

export function useRegions(enabled = true) {
  return useQuery({
    queryKey: ['regions'],
    queryFn: () => api.get<{ items: Region[] }>('/api/regions'),
    select: (d) => d.items,
    staleTime: 10 * 60_000,
    enabled,
  });
}
