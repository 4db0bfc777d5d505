import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CorrectValueRequest, DefineMetricRequest, EnterValueRequest, MetricDetail, MetricsBoard } from '@shared/api/metrics.ts';
import { api } from './client.ts';

const KEY = ['metrics'];
const useInvalidate = () => {
  const qc = useQueryClient();
  // the 考核 page's scores count the same values
  return () => Promise.all([qc.invalidateQueries({ queryKey: KEY }), qc.invalidateQueries({ queryKey: ['assessment'] })]);
};

export function useMetricsBoard(regionId: string | null) {
  return useQuery({ queryKey: [...KEY, 'board', regionId], queryFn: ({ signal }) => api.get<MetricsBoard>('/api/metrics', { regionId }, signal), enabled: !!regionId });
}
export function useMetric(id: string | undefined) {
  return useQuery({ queryKey: [...KEY, 'one', id], queryFn: ({ signal }) => api.get<MetricDetail>(`/api/metrics/${id}`, undefined, signal), enabled: !!id, retry: false });
}
export function useEnterValue(id: string) {
  const done = useInvalidate();
  return useMutation({ mutationFn: (v: EnterValueRequest) => api.post<MetricDetail>(`/api/metrics/${id}/values`, v), onSuccess: done });
}
export function useCorrectValue() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (v: CorrectValueRequest & { valueId: string }) => { const { valueId, ...body } = v; return api.post<MetricDetail>(`/api/metrics/values/${valueId}/correct`, body); }, onSuccess: done });
}
export function useDefineMetric() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (v: DefineMetricRequest) => api.post<MetricDetail>('/api/metrics', v), onSuccess: done });
}
