import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Campaign, CampaignState, Framework, FrameworkOptions, Ranking, SaveFrameworkRequest, SelfEvidenceItem, UnitScorecard } from '@shared/api/assessment.ts';
import { api } from './client.ts';

const KEY = ['assessment'];
const useInvalidate = () => {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: KEY });
};

export function useFrameworks(regionId: string | null, enabled = true) {
  return useQuery({ queryKey: [...KEY, 'frameworks', regionId], queryFn: ({ signal }) => api.get<{ items: { id: string; year: number; name: string; totalPoints: number; version: number }[] }>('/api/assessment/frameworks', { regionId }, signal), enabled: enabled && !!regionId, select: (d) => d.items });
}
export function useFramework(id: string | null) {
  return useQuery({ queryKey: [...KEY, 'framework', id], queryFn: ({ signal }) => api.get<Framework>(`/api/assessment/frameworks/${id}`, undefined, signal), enabled: !!id });
}
/** The region's plans, chapters, tasks and targets the editor picks from. */
export function useFrameworkOptions(id: string | null) {
  return useQuery({ queryKey: [...KEY, 'framework-options', id], queryFn: ({ signal }) => api.get<FrameworkOptions>(`/api/assessment/frameworks/${id}/options`, undefined, signal), enabled: !!id, staleTime: 60_000 });
}
/** Saves the edited tree whole (the server validates it and answers CONFLICT on a stale version). */
export function useSaveFramework() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (v: { id: string; body: SaveFrameworkRequest }) => api.put<Framework>(`/api/assessment/frameworks/${v.id}`, v.body), onSuccess: done });
}
export function useDefaultFramework() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (v: { planId: string; year: number; name?: string }) => api.post<Framework>('/api/assessment/frameworks/default', v), onSuccess: done });
}
export function useCopyFramework() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (v: { id: string; year: number }) => api.post<Framework>(`/api/assessment/frameworks/${v.id}/copy`, { year: v.year }), onSuccess: done });
}

export function useCampaigns(regionId: string | null) {
  return useQuery({ queryKey: [...KEY, 'campaigns', regionId], queryFn: ({ signal }) => api.get<{ items: Campaign[] }>('/api/assessment/campaigns', { regionId }, signal), enabled: !!regionId, select: (d) => d.items });
}
export function useCreateCampaign() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (v: { frameworkId: string; name: string; unitIds: string[]; assessorIds: string[] }) => api.post<Campaign>('/api/assessment/campaigns', v), onSuccess: done });
}
export function useAdvanceCampaign() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (v: { id: string; to: CampaignState; version: number; reason?: string }) => api.post<Campaign>(`/api/assessment/campaigns/${v.id}/advance`, { to: v.to, version: v.version, ...(v.reason ? { reason: v.reason } : {}) }), onSuccess: done });
}
export function useRanking(id: string | null, enabled = true) {
  return useQuery({ queryKey: [...KEY, 'ranking', id], queryFn: ({ signal }) => api.get<Ranking>(`/api/assessment/campaigns/${id}/ranking`, undefined, signal), enabled: enabled && !!id, retry: false });
}
export function useScorecard(id: string | null, unitId: string | null) {
  return useQuery({ queryKey: [...KEY, 'card', id, unitId], queryFn: ({ signal }) => api.get<UnitScorecard>(`/api/assessment/campaigns/${id}/units/${unitId}`, undefined, signal), enabled: !!id && !!unitId, retry: false });
}
export function useScore(kind: 'self' | 'review') {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (v: { id: string; unitId: string; indicatorId: string; score: number | null; note?: string | null; uploadIds?: string[]; version: number }) =>
      api.post<UnitScorecard>(`/api/assessment/campaigns/${v.id}/${kind}`, { unitId: v.unitId, indicatorId: v.indicatorId, score: v.score, note: v.note ?? undefined, ...(kind === 'self' && v.uploadIds ? { uploadIds: v.uploadIds } : {}), version: v.version }),
    onSuccess: done,
  });
}
/** The unit's files on its progress reports of the campaign's year, to attach to its self-assessment. */
export function useSelfEvidence(id: string | null, unitId: string | null, enabled: boolean) {
  return useQuery({ queryKey: [...KEY, 'self-evidence', id, unitId], queryFn: ({ signal }) => api.get<{ items: SelfEvidenceItem[] }>(`/api/assessment/campaigns/${id}/evidence`, { unitId }, signal), enabled: enabled && !!id && !!unitId, select: (d) => d.items });
}

export const frameworkXlsxUrl = (id: string) => `/api/assessment/frameworks/${id}/xlsx`;
export function useImportFramework() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (v: { regionId: string; planId?: string; year: number; name: string; file: File }) => {
      const form = new FormData();
      form.append('file', v.file, v.file.name);
      return api.upload<Framework>('/api/assessment/frameworks/import', form, { regionId: v.regionId, planId: v.planId, year: v.year, name: v.name });
    },
    onSuccess: done,
  });
}

