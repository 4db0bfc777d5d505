import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AnnualBoard, AnnualDiff, AnnualRecipient, AnnualReport, AnnualSettings, AnnualSummary, Block, GenerateAnnualRequest, PortalItem, PortalReport, UpdateAnnualRequest } from '@shared/api/annual-reports.ts';
import { api } from './client.ts';

const invalidateAll = (qc: ReturnType<typeof useQueryClient>) => void qc.invalidateQueries({ queryKey: ['annual'] });

export function useAnnualReports(f: { regionId: string | null; year?: number; state?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['annual', 'list', f],
    queryFn: ({ signal }) => api.get<{ items: AnnualSummary[]; total: number }>('/api/annual-reports', { ...f }, signal),
    enabled: !!f.regionId,
    placeholderData: keepPreviousData,
  });
}

export function useAnnualReport(id: string | undefined) {
  return useQuery({ queryKey: ['annual', 'one', id], queryFn: ({ signal }) => api.get<AnnualReport>(`/api/annual-reports/${id}`, undefined, signal), enabled: !!id });
}

export function useGenerateAnnual() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (v: GenerateAnnualRequest) => api.post<AnnualReport>('/api/annual-reports', v), onSuccess: () => invalidateAll(qc) });
}

/** Every step of the report's life answers the whole report: the page shows what it sent back. */
export function useAnnualAction(id: string) {
  const qc = useQueryClient();
  const done = (r: AnnualReport) => (qc.setQueryData(['annual', 'one', id], r), invalidateAll(qc));
  return {
    save: useMutation({ mutationFn: (v: UpdateAnnualRequest) => api.put<AnnualReport>(`/api/annual-reports/${id}`, v), onSuccess: done }),
    step: useMutation({
      mutationFn: (v: { action: 'regenerate' | 'review' | 'return' | 'approve' | 'submit' | 'publish' | 'revise'; body: Record<string, unknown> }) => api.post<AnnualReport>(`/api/annual-reports/${id}/${v.action}`, v.body),
      onSuccess: done,
    }),
    comment: useMutation({ mutationFn: (v: { blockId: string | null; text: string }) => api.post<AnnualReport>(`/api/annual-reports/${id}/comments`, v), onSuccess: done }),
    resolve: useMutation({ mutationFn: (commentId: string) => api.post<AnnualReport>(`/api/annual-reports/${id}/comments/${commentId}/resolve`), onSuccess: done }),
  };
}

export function useAnnualDiff(id: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: ['annual', 'diff', id, from, to],
    queryFn: ({ signal }) => api.get<AnnualDiff>(`/api/annual-reports/${id}/diff`, { from: from!, to: to! }, signal),
    enabled: !!from && !!to && from !== to,
  });
}

export function useAnnualBoard(regionId: string | null, year: number) {
  return useQuery({ queryKey: ['annual', 'board', regionId, year], queryFn: ({ signal }) => api.get<AnnualBoard>('/api/annual-reports/board', { regionId, year }, signal), enabled: !!regionId });
}

export function useAnnualSettings(regionId: string | null) {
  return useQuery({ queryKey: ['annual', 'settings', regionId], queryFn: ({ signal }) => api.get<AnnualSettings>('/api/annual-reports/settings', { regionId }, signal), enabled: !!regionId });
}

export function useSaveAnnualSettings(regionId: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { version: number; submitDue: string; publishDue: string; remindDays: number[] }) => api.put<AnnualSettings>(`/api/annual-reports/settings?regionId=${regionId}`, v),
    onSuccess: () => invalidateAll(qc),
  });
}

export const annualDocxUrl = (id: string) => `/api/annual-reports/${id}/docx`;
export const annualPdfUrl = (id: string) => `/api/annual-reports/${id}/pdf`;
export type { AnnualRecipient, Block };

// ------------------------------------------------------------------ the public portal (no login)

export function usePortalRegions() {
  return useQuery({ queryKey: ['portal', 'regions'], queryFn: ({ signal }) => api.get<{ items: { id: string; name: string; years: { year: number; count: number }[] }[] }>('/api/portal/regions', undefined, signal) });
}

export function usePortalSearch(f: { regionId?: string; year?: number; q?: string; page: number }) {
  return useQuery({
    queryKey: ['portal', 'search', f],
    queryFn: ({ signal }) => api.get<{ items: PortalItem[]; total: number }>('/api/portal/reports', { ...f, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePortalReport(reportId: string | undefined, no?: number) {
  return useQuery({
    queryKey: ['portal', 'report', reportId, no ?? null],
    queryFn: ({ signal }) => api.get<PortalReport>(no ? `/api/portal/reports/${reportId}/v/${no}` : `/api/portal/reports/${reportId}`, undefined, signal),
    enabled: !!reportId,
  });
}

export const portalFileUrl = (reportId: string, kind: 'docx' | 'pdf', no?: number) => `/api/portal/reports/${reportId}/${kind}${no ? `?v=${no}` : ''}`;
