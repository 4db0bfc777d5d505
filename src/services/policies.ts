/**
 * Permissions, in one place. Each rule is a named function of the actor and the resource.
 * Services call these; routes never decide permissions themselves. A read that is not allowed
 * is reported as NOT_FOUND by the caller, so ids of other regions and units stay invisible.
 */
import { AppError } from '../shared/errors.ts';
import type { Actor } from './context.ts';

const isSystem = (a: Actor) => a.kind === 'system';
const role = (a: Actor) => (a.kind === 'user' ? a.role : null);

export function inRegion(a: Actor, regionId: string): boolean {
  if (isSystem(a) || role(a) === 'admin') return true;
  return a.kind === 'user' && a.regionIds.includes(regionId);
}

/** Reading a region's directory (units, groups): anyone signed in to that region. */
export const canReadDirectory = (a: Actor, regionId: string) => inRegion(a, regionId);

/** Changing a region's directory: the admin, or that region's office. */
export const canManageDirectory = (a: Actor, regionId: string) =>
  isSystem(a) || role(a) === 'admin' || (role(a) === 'office' && inRegion(a, regionId));

/** Managing accounts: the admin anywhere; the office for non-admin, non-office accounts of its region. */
export function canManageUser(a: Actor, target: { role: string; regionIds: string[] }): boolean {
  if (isSystem(a) || role(a) === 'admin') return true;
  if (role(a) !== 'office') return false;
  if (target.role === 'admin' || target.role === 'office') return false;
  return target.regionIds.length > 0 && target.regionIds.every((r) => inRegion(a, r));
}

export const canListUsers = (a: Actor, regionId: string) => isSystem(a) || role(a) === 'admin' || (role(a) === 'office' && inRegion(a, regionId));

/** The audit log: the admin for everything, the office for its region. */
export const canReadAudit = (a: Actor, regionId: string | null) =>
  isSystem(a) || role(a) === 'admin' || (role(a) === 'office' && regionId !== null && inRegion(a, regionId));

export const canManageRegions = (a: Actor) => isSystem(a) || role(a) === 'admin';

/** The region ids an actor may see; null means all. */
export const visibleRegionIds = (a: Actor): string[] | null => (isSystem(a) || role(a) === 'admin' ? null : a.kind === 'user' ? a.regionIds : []);

export function requireUser(a: Actor): Extract<Actor, { kind: 'user' }> {
  if (a.kind !== 'user') throw new AppError('UNAUTHENTICATED', '请先登录');
  return a;
}

/** Throws FORBIDDEN when a write is not allowed. */
export function authorize(allowed: boolean, what = '执行此操作'): void {
  if (!allowed) throw new AppError('FORBIDDEN', `您没有权限${what}`);
}

/** Throws NOT_FOUND when a read is not allowed: the resource must stay invisible. */
export function authorizeRead(allowed: boolean, what = '该记录'): void {
  if (!allowed) throw new AppError('NOT_FOUND', `${what}不存在或您无权查看`);
}

// ------------------------------------------------------------------ progress reports

const isUser = (a: Actor): a is Extract<Actor, { kind: 'user' }> => a.kind === 'user';

/** The office of a region (or the admin, or the system). */
export const officeOf = (a: Actor, regionId: string) => isSystem(a) || (isUser(a) && (a.role === 'admin' || (a.role === 'office' && inRegion(a, regionId))));

/** Leaders and inspectors read everything of their region; the office too. */
export const readsRegion = (a: Actor, regionId: string) => officeOf(a, regionId) || (isUser(a) && (a.role === 'leader' || a.role === 'inspector') && inRegion(a, regionId));

/** A unit's report is written by that unit's liaison, or by the office on its behalf. */
export const canWriteFor = (a: Actor, unitId: string, regionId: string) => officeOf(a, regionId) || (isUser(a) && a.role === 'liaison' && a.unitId === unitId);

/** A unit's own lists (inbox, 台账): those who write for it, and the region's readers. */
export const canReadUnitWork = (a: Actor, unitId: string, regionId: string) => canWriteFor(a, unitId, regionId) || readsRegion(a, regionId);

/**
 * A report is read by its unit, by the task's lead unit (co-owners report to it), and by those who
 * read the whole region. Everyone else gets NOT_FOUND.
 */
export function canReadReport(a: Actor, r: { unit_id: string; region_id: string }, assignments: { active: number; unit_id: string; role: string }[]): boolean {
  if (readsRegion(a, r.region_id)) return true;
  if (!isUser(a) || !a.unitId || !inRegion(a, r.region_id)) return false;
  if (a.unitId === r.unit_id) return true;
  return assignments.some((x) => x.active === 1 && x.unit_id === a.unitId && x.role === 'lead');
}

/** Accepting and returning reports is the office's. */
export const canReviewIn = (a: Actor, regionId: string) => officeOf(a, regionId);

// ------------------------------------------------------------------ supervision

/** 督办单 and 催办 come from the office or from the region's leaders. */
export const canSupervise = (a: Actor, regionId: string) => officeOf(a, regionId) || (isUser(a) && a.role === 'leader' && inRegion(a, regionId));

/** A unit's supervision records (督办单, 警示, 延期申请) are read by the unit and by the region's readers. */
export const canReadUnitSupervision = (a: Actor, unitId: string, regionId: string) => canReadUnitWork(a, unitId, regionId);

/** Granting or refusing a 延期申请 and closing a 督办单 (销号) is the office's. */
export const canDecideIn = (a: Actor, regionId: string) => officeOf(a, regionId);

// ------------------------------------------------------------------ working-day calendar

/** The national working-day calendar (节假日与调休) is edited and imported by the system admin only. */
export const canManageCalendar = (a: Actor) => isSystem(a) || role(a) === 'admin';

/** The offices read it (and see which of their plans' years are missing). */
export const canReadCalendar = (a: Actor) => canManageCalendar(a) || role(a) === 'office';

// ------------------------------------------------------------------ circulars (通报)

/** Generating, editing, issuing and deleting a region's circulars is the office's. */
export const canWriteCirculars = (a: Actor, regionId: string) => officeOf(a, regionId);

/** A circular is read by the office while it is a draft; once issued, by everyone of the region. */
export const canReadCircular = (a: Actor, c: { region_id: string; state: string }) => canWriteCirculars(a, c.region_id) || (c.state === 'issued' && inRegion(a, c.region_id));

// ------------------------------------------------------------------ annual reports (年度报告)

/** A unit's annual report is written by that unit's liaison (or the office); the region's own report by the office. */
export const canWriteAnnual = (a: Actor, r: { region_id: string; unit_id: string | null }) => (r.unit_id ? canWriteFor(a, r.unit_id, r.region_id) : officeOf(a, r.region_id));

/** Read (and commented on) by its writers and by those who read the whole region. */
export const canReadAnnual = (a: Actor, r: { region_id: string; unit_id: string | null }) => canWriteAnnual(a, r) || readsRegion(a, r.region_id);

/** The internal review (审定 or 退回) is the office's or a leader's of the region. */
export const canApproveAnnual = (a: Actor, regionId: string) => officeOf(a, regionId) || (isUser(a) && a.role === 'leader' && inRegion(a, regionId));

/** Publishing on the portal (and starting a correction) is the office's. */
export const canPublishAnnual = (a: Actor, regionId: string) => officeOf(a, regionId);

// ------------------------------------------------------------------ inspection (督察)

/** Inspection plans are drawn up by the office or the region's inspectors (督察考核). */
export const canPlanInspections = (a: Actor, regionId: string) => officeOf(a, regionId) || (isUser(a) && a.role === 'inspector' && inRegion(a, regionId));

/** A visit is recorded, and its problems checked and closed (销号), by the office or one of the visit's inspectors. */
export const canInspectVisit = (a: Actor, v: { region_id: string; inspector_ids_json: string }) =>
  officeOf(a, v.region_id) || (isUser(a) && a.role === 'inspector' && inRegion(a, v.region_id) && (JSON.parse(v.inspector_ids_json) as string[]).includes(a.userId));

/** A unit's 问题清单 is read by the unit (once the visit is recorded) and by the region's readers. */
export const canReadUnitInspection = (a: Actor, unitId: string, regionId: string) => canReadUnitWork(a, unitId, regionId);

// ------------------------------------------------------------------ 量化指标

/** A region's metrics board and each metric's values are read by the office, leaders and inspectors. */
export const canReadMetrics = (a: Actor, regionId: string) => readsRegion(a, regionId);

/** Adding a target the plan did not state, and entering or correcting a value, is the office's. */
export const canManageMetrics = (a: Actor, regionId: string) => officeOf(a, regionId);
