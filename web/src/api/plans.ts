import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BulkAssignRequest, CommitImportRequest, CommitResult, PlanDetail, PlanDiffResponse, PlanImport, PlanSummary, ReportingSettingsRequest, ReportingView } from '@shared/api/plans.ts';
import type { Resolution } from '@shared/api/units.ts';
import type { PlanDraft } from '@shared/plan-draft.ts';
import { api } from './client.ts';

export function usePlans(regionId: string | null) {
  return useQuery({
    queryKey: ['plans', regionId],
    queryFn: ({ signal }) => api.get<{ items: PlanSummary[] }>('/api/plans', { regionId }, signal),
    select: (d) => d.items,
    enabled: !!regionId,
  });
}

export function usePlan(id: string | null | undefined) {
  return useQuery({
    queryKey: ['plan', id],
    queryFn: ({ signal }) => api.get<PlanDetail>(`/api/plans/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function usePlanSource(id: string | null | undefined, versionId?: string | null) {
  return useQuery({
    queryKey: ['plan', id, 'source', versionId ?? ''],
    queryFn: ({ signal }) => api.get<{ versionId: string; sourceFile: string; format: string; text: string }>(`/api/plans/${id}/source`, { versionId }, signal),
    enabled: !!id,
    staleTime: 5 * 60_000,
  });
}

export function useUploadPlan() {
  return useMutation({
    mutationFn: ({ regionId, file }: { regionId: string; file: File }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<PlanImport>('/api/plans/imports', form, { regionId });
    },
  });
}

export function usePlanImport(id: string | undefined) {
  return useQuery({
    queryKey: ['planImport', id],
    queryFn: ({ signal }) => api.get<PlanImport>(`/api/plans/imports/${id}`, undefined, signal),
    enabled: !!id,
    staleTime: Infinity,
  });
}

export function useCancelImport() {
  return useMutation({ mutationFn: (id: string) => api.del<{ ok: true }>(`/api/plans/imports/${id}`) });
}

export function useImportDiff() {
  return useMutation({
    mutationFn: ({ id, planId, draft }: { id: string; planId: string; draft?: PlanDraft }) => api.post<PlanDiffResponse>(`/api/plans/imports/${id}/diff`, { planId, draft }),
  });
}

export function useCommitImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: CommitImportRequest & { id: string }) => api.post<CommitResult>(`/api/plans/imports/${id}/commit`, body),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ['plans'] });
      void qc.invalidateQueries({ queryKey: ['plan', r.planId] });
      void qc.invalidateQueries({ queryKey: ['units'] });
      void qc.invalidateQueries({ queryKey: ['groups'] });
    },
  });
}

/** How the directory reads a name the office typed while editing owners. */
export function useResolveName(regionId: string | null, name: string | null) {
  return useQuery({
    queryKey: ['resolve', regionId, name],
    queryFn: ({ signal }) => api.get<Resolution>('/api/units/resolve', { regionId, name }, signal),
    enabled: !!regionId && !!name,
    staleTime: 60_000,
  });
}

export function useBulkAssign(planId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: BulkAssignRequest) => api.post<{ added: number; changed: number; unchanged: number }>('/api/plans/assignments', b),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['plan', planId] }),
  });
}

export function useRemoveAssignment(planId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => api.post<{ ok: true }>(`/api/plans/assignments/${id}/remove`, { reason }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['plan', planId] }),
  });
}

export function useReporting(planId: string) {
  return useQuery({ queryKey: ['plan-reporting', planId], queryFn: ({ signal }) => api.get<ReportingView>(`/api/plans/${planId}/reporting`, undefined, signal) });
}

export function useSetReporting(planId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ReportingSettingsRequest) => api.put<ReportingView>(`/api/plans/${planId}/reporting`, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['plan-reporting', planId] });
      void qc.invalidateQueries({ queryKey: ['plan', planId] });
      void qc.invalidateQueries({ queryKey: ['inbox'] });
    },
  });
}
