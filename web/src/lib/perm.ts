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
