import { useCurrentUser } from '../api/auth.ts';

/** The region the user is working in (header switcher). */
export function useRegionId(): string | null {
  return useCurrentUser().currentRegionId;
}
export function useRegionName(): string {
  const me = useCurrentUser();
  return me.regions.find((r) => r.id === me.currentRegionId)?.name ?? '未选择地区';
}
