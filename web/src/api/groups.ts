import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateGroupRequest, Group, UpdateGroupRequest } from '@shared/api/units.ts';
import type { GroupMode, UnitKind } from '@shared/enums.ts';
import { api } from './client.ts';

export type GroupMember = Group['members'][number];

export function useGroups(regionId: string | null) {
  return useQuery({
    queryKey: ['groups', regionId],
    queryFn: ({ signal }) => api.get<{ items: Group[] }>('/api/groups', { regionId }, signal),
    select: (d) => d.items,
    enabled: !!regionId,
  });
}

export interface GroupDefinition {
  regionId: string;
  mode: GroupMode;
  ruleKinds: UnitKind[];
  memberIds: string[];
}

/** Who a group definition covers, live (POST, but it only reads). */
export function useGroupPreview(def: GroupDefinition | null) {
  return useQuery({
    queryKey: ['groups', 'preview', def],
    queryFn: () => api.post<{ members: GroupMember[] }>('/api/groups/preview', def),
    select: (d) => d.members,
    enabled: !!def,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

function useDone() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['groups'] });
}
export function useCreateGroup() {
  const done = useDone();
  return useMutation({ mutationFn: (b: CreateGroupRequest) => api.post<Group>('/api/groups', b), onSuccess: done });
}
export function useUpdateGroup() {
  const done = useDone();
  return useMutation({ mutationFn: ({ id, ...b }: UpdateGroupRequest & { id: string }) => api.patch<Group>(`/api/groups/${id}`, b), onSuccess: done });
}
export function useDeleteGroup() {
  const done = useDone();
  return useMutation({ mutationFn: (id: string) => api.del<{ ok: true }>(`/api/groups/${id}`), onSuccess: done });
}
