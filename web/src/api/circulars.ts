import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Circular, CircularSummary, GenerateCircularRequest, UpdateCircularRequest } from '@shared/api/circulars.ts';
import { api } from './client.ts';

const invalidateAll = (qc: ReturnType<typeof useQueryClient>) => void qc.invalidateQueries({ queryKey: ['circulars'] });

export function useCirculars(f: { regionId: string | null; planId?: string; state?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['circulars', 'list', f],
    queryFn: ({ signal }) => api.get<{ items: CircularSummary[]; total: number }>('/api/circulars', { ...f }, signal),
    enabled: !!f.regionId,
    placeholderData: keepPreviousData,
  });
}

export function useCircular(id: string | undefined) {
  return useQuery({ queryKey: ['circulars', 'one', id], queryFn: ({ signal }) => api.get<Circular>(`/api/circulars/${id}`, undefined, signal), enabled: !!id });
}

export function useGenerateCircular() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (v: GenerateCircularRequest) => api.post<Circular>('/api/circulars', v), onSuccess: () => invalidateAll(qc) });
}

export function useUpdateCircular(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: UpdateCircularRequest) => api.put<Circular>(`/api/circulars/${id}`, v),
    onSuccess: (c) => (qc.setQueryData(['circulars', 'one', id], c), invalidateAll(qc)),
  });
}

export function useIssueCircular(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => api.post<Circular>(`/api/circulars/${id}/issue`, { version }),
    onSuccess: (c) => (qc.setQueryData(['circulars', 'one', id], c), invalidateAll(qc)),
  });
}

export function useDeleteCircular() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (v: { id: string; version: number }) => api.del<{ ok: true }>(`/api/circulars/${v.id}?version=${v.version}`), onSuccess: () => invalidateAll(qc) });
}

export const circularDocxUrl = (id: string) => `/api/circulars/${id}/docx`;
