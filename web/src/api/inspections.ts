import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AddProblemRequest, Coverage, CreateInspectionPlanRequest, InspectionPlan, InspectionPlanDetail, Problem, ProblemDetail, RecordVisitRequest, Scope, UpdateInspectionPlanRequest, Visit } from '@shared/api/inspections.ts';
import type { Me } from '@shared/api/auth.ts';
import type { Evidence } from '@shared/api/reports.ts';
import { api, withQuery } from './client.ts';

const invalidateAll = (qc: ReturnType<typeof useQueryClient>) => void qc.invalidateQueries({ queryKey: ['inspection'] });

/** Mirrors policies.ts: inspection plans are drawn up by the office and the inspectors (督察考核). */
export const canPlanInspections = (me: Me) => me.role === 'admin' || me.role === 'office' || me.role === 'inspector';

export function useInspectionPlans(regionId: string | null) {
  return useQuery({ queryKey: ['inspection', 'plans', regionId], queryFn: ({ signal }) => api.get<{ items: InspectionPlan[] }>('/api/inspections/plans', { regionId }, signal), select: (d) => d.items, enabled: !!regionId });
}
export function useInspectionPlan(id: string | undefined) {
  return useQuery({ queryKey: ['inspection', 'plan', id], queryFn: ({ signal }) => api.get<InspectionPlanDetail>(`/api/inspections/plans/${id}`, undefined, signal), enabled: !!id });
}
export function useSavePlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; body: CreateInspectionPlanRequest | UpdateInspectionPlanRequest }) => (v.id ? api.put<InspectionPlanDetail>(`/api/inspections/plans/${v.id}`, v.body) : api.post<InspectionPlanDetail>('/api/inspections/plans', v.body)),
    onSuccess: () => invalidateAll(qc),
  });
}
export function useScope(planId: string | null | undefined, unitId: string | null | undefined) {
  return useQuery({ queryKey: ['inspection', 'scope', planId, unitId], queryFn: ({ signal }) => api.get<Scope>('/api/inspections/scope', { planId, unitId }, signal), enabled: !!planId && !!unitId });
}
export function useInspectors(regionId: string | null, enabled = true) {
  return useQuery({ queryKey: ['inspection', 'inspectors', regionId], queryFn: ({ signal }) => api.get<{ items: { id: string; name: string }[] }>('/api/inspections/inspectors', { regionId }, signal), select: (d) => d.items, enabled: enabled && !!regionId });
}
export function useCoverage(regionId: string | null, f: { planId?: string; year?: number }) {
  return useQuery({ queryKey: ['inspection', 'coverage', regionId, f], queryFn: ({ signal }) => api.get<Coverage>('/api/inspections/coverage', { regionId, ...f }, signal), enabled: !!regionId, placeholderData: keepPreviousData });
}

export function useVisit(id: string | undefined) {
  return useQuery({ queryKey: ['inspection', 'visit', id], queryFn: ({ signal }) => api.get<Visit>(`/api/inspections/visits/${id}`, undefined, signal), enabled: !!id });
}
export function useRecordVisit() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (v: { id: string; body: RecordVisitRequest }) => api.post<Visit>(`/api/inspections/visits/${v.id}/record`, v.body), onSuccess: () => invalidateAll(qc) });
}
export function useAddProblem() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (v: { visitId: string; body: AddProblemRequest }) => api.post<ProblemDetail>(`/api/inspections/visits/${v.visitId}/problems`, v.body), onSuccess: () => invalidateAll(qc) });
}
export function useDeleteProblem() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (v: { id: string; version: number }) => api.post<{ ok: true }>(`/api/inspections/problems/${v.id}/delete`, { version: v.version }), onSuccess: () => invalidateAll(qc) });
}
export function useUploadVisitFile() {
  return useMutation({
    mutationFn: ({ visitId, file }: { visitId: string; file: File }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<Evidence>(`/api/inspections/visits/${visitId}/files`, form);
    },
  });
}

export function useProblems(f: { regionId: string | null; unitId?: string; inspectionId?: string; visitId?: string; state?: string; overdue?: '1'; year?: number; page: number; pageSize: number }, enabled = true) {
  return useQuery({
    queryKey: ['inspection', 'problems', f],
    queryFn: ({ signal }) => api.get<{ items: Problem[]; total: number }>('/api/inspections/problems', { ...f }, signal),
    enabled: enabled && !!f.regionId,
    placeholderData: keepPreviousData,
  });
}
export function useProblem(id: string | undefined) {
  return useQuery({ queryKey: ['inspection', 'problem', id], queryFn: ({ signal }) => api.get<ProblemDetail>(`/api/inspections/problems/${id}`, undefined, signal), enabled: !!id });
}
export function useProblemAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; action: 'rectify' | 'return' | 'close'; version: number; text: string; uploadIds?: string[] }) =>
      api.post<ProblemDetail>(
        `/api/inspections/problems/${v.id}/${v.action}`,
        v.action === 'rectify' ? { version: v.version, rectification: v.text, uploadIds: v.uploadIds ?? [] } : v.action === 'return' ? { version: v.version, reason: v.text } : { version: v.version, note: v.text },
      ),
    onSuccess: () => invalidateAll(qc),
  });
}

export const inspectionFileUrl = (id: string, download = false) => withQuery(`/api/inspections/files/${id}`, { download: download ? 1 : undefined });

/** The 问题清单 as on screen (its filters, every page) in Excel, and as GB/T 9704 Word (one list a visit). */
export type ProblemExportFilters = { regionId: string | null; unitId?: string; inspectionId?: string; visitId?: string; state?: string; overdue?: '1'; year?: number };
export const problemsXlsxUrl = (f: ProblemExportFilters) => withQuery('/api/inspections/problems/xlsx', { ...f });
export const problemsDocxUrl = (f: ProblemExportFilters) => withQuery('/api/inspections/problems/docx', { ...f });
