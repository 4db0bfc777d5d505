import type { Me } from '@shared/api/auth.ts';

/** Mirrors src/services/policies.ts for what the UI shows; the server decides anyway. */
export const canManageDirectory = (me: Me) => me.role === 'admin' || me.role === 'office';
export const canListUsers = (me: Me) => me.role === 'admin' || me.role === 'office';
export const canReadAudit = (me: Me) => me.role === 'admin' || me.role === 'office';
export function canManageUser(me: Me, target: { role: string }): boolean {
  if (me.role === 'admin') return true;
  if (me.role !== 'office') return false;
  return target.role !== 'admin' && target.role !== 'office';
}
/** Import plans and assign their tasks: the office (and admin). */
export const canManagePlans = (me: Me) => me.role === 'admin' || me.role === 'office';
/** Review (accept / return) reports: the office (and admin). */
export const canReview = (me: Me) => me.role === 'admin' || me.role === 'office';
/** The supervision board and region-wide lists: the office, leaders and inspectors. */
export const readsRegion = (me: Me) => me.role === 'admin' || me.role === 'office' || me.role === 'leader' || me.role === 'inspector';
/** Issue 督办单 and chase (催办): the office and leaders. */
export const canSupervise = (me: Me) => me.role === 'admin' || me.role === 'office' || me.role === 'leader';
/** Decide extensions, close 督办单, set the rules: the office. */
export const canDecide = (me: Me) => me.role === 'admin' || me.role === 'office';
