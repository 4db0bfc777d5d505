import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditEntry } from '@shared/api/audit.ts';
import { api } from './client.ts';

export interface AuditFilter {
  regionId: string | null;
  actorId?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export function useAudit(f: AuditFilter) {
  return useQuery({
    queryKey: ['audit', f],
    queryFn: ({ signal }) => api.get<{ items: AuditEntry[]; total: number }>('/api/audit', { ...f }, signal),
    placeholderData: keepPreviousData,
  });
}
