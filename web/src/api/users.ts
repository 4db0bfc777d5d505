import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateUserRequest, UpdateUserRequest, User } from '@shared/api/users.ts';
import type { Role } from '@shared/enums.ts';
import { api } from './client.ts';

export function useUsers(f: { regionId: string | null; q?: string; role?: Role }, enabled = true) {
  return useQuery({
    queryKey: ['users', f.regionId, f.q ?? '', f.role ?? ''],
    queryFn: ({ signal }) => api.get<{ items: User[] }>('/api/users', { regionId: f.regionId, q: f.q, role: f.role }, signal),
    select: (d) => d.items,
    enabled: enabled && !!f.regionId,
  });
}

function useDone() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['users'] });
}
export function useCreateUser() {
  const done = useDone();
  return useMutation({
    mutationFn: (b: CreateUserRequest) => api.post<{ user: User; temporaryPassword: string | null }>('/api/users', b),
    onSuccess: done,
  });
}
export function useUpdateUser() {
  const done = useDone();
  return useMutation({ mutationFn: ({ id, ...b }: UpdateUserRequest & { id: string }) => api.patch<User>(`/api/users/${id}`, b), onSuccess: done });
}
export function useResetPassword() {
  const done = useDone();
  return useMutation({ mutationFn: (id: string) => api.post<{ temporaryPassword: string }>(`/api/users/${id}/reset-password`), onSuccess: done });
}
