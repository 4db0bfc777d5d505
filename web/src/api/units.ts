import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateUnitRequest, ImportResult, Unit, UpdateUnitRequest } from '@shared/api/units.ts';
import type { UnitKind } from '@shared/enums.ts';
import { api, withQuery } from './client.ts';

export interface UnitFilter {
  regionId: string;
  q?: string;
  kind?: UnitKind;
  active?: 'true' | 'false' | 'all';
}

export const unitsKey = (regionId: string) => ['units', regionId] as const;

export function useUnits(f: UnitFilter | null) {
  return useQuery({
    queryKey: [...unitsKey(f?.regionId ?? ''), f?.q ?? '', f?.kind ?? '', f?.active ?? 'true'],
    queryFn: ({ signal }) => api.get<{ items: Unit[] }>('/api/units', { regionId: f!.regionId, q: f!.q, kind: f!.kind, active: f!.active ?? 'true' }, signal),
    select: (d) => d.items,
    enabled: !!f?.regionId,
    placeholderData: keepPreviousData,
  });
}

function useInvalidateUnits() {
  const qc = useQueryClient();
  return (u?: Unit) => {
    void qc.invalidateQueries({ queryKey: ['units'] });
    void qc.invalidateQueries({ queryKey: ['groups'] });
    if (u) qc.setQueryData(['unit', u.id], u);
  };
}

export function useCreateUnit() {
  const done = useInvalidateUnits();
  return useMutation({ mutationFn: (b: CreateUnitRequest) => api.post<Unit>('/api/units', b), onSuccess: done });
}
export function useUpdateUnit() {
  const done = useInvalidateUnits();
  return useMutation({
    mutationFn: ({ id, ...b }: UpdateUnitRequest & { id: string }) => api.patch<Unit>(`/api/units/${id}`, b),
    onSuccess: done,
  });
}
export function useSetUnitActive() {
  const done = useInvalidateUnits();
  return useMutation({
    mutationFn: ({ id, version, active }: { id: string; version: number; active: boolean }) => api.post<Unit>(`/api/units/${id}/active`, { version, active }),
    onSuccess: done,
  });
}
export function useAddAlias() {
  const done = useInvalidateUnits();
  return useMutation({ mutationFn: ({ id, alias }: { id: string; alias: string }) => api.post<Unit>(`/api/units/${id}/aliases`, { alias }), onSuccess: done });
}
export function useRemoveAlias() {
  const done = useInvalidateUnits();
  return useMutation({ mutationFn: ({ id, aliasId }: { id: string; aliasId: string }) => api.del<Unit>(`/api/units/${id}/aliases/${aliasId}`), onSuccess: done });
}
export function useMergeUnits() {
  const done = useInvalidateUnits();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { sourceId: string; targetId: string }) => api.post<Unit>('/api/units/merge', b),
    onSuccess: (u) => {
      done(u);
      void qc.invalidateQueries({ queryKey: ['users'] });
    },
  });
}
export function useImportUnits() {
  const done = useInvalidateUnits();
  return useMutation({
    mutationFn: ({ regionId, file }: { regionId: string; file: File }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<ImportResult>('/api/units/import', form, { regionId });
    },
    onSuccess: () => done(),
  });
}

export const unitsExportUrl = (regionId: string) => withQuery('/api/units/export', { regionId });
