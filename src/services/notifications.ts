/**
 * Notifications. `notify` is called inside the transaction of the action that causes it: it writes
 * the in-app messages and queues the deliveries of the other channels (each user's email, the
 * region's group robots) in the outbox, so a message exists exactly when its action committed. The
 * delivery worker (`deliveries.ts`) sends the outbox later, with retries: a channel that is down never
 * blocks the action or the other channels.
 */
import { inTransaction, type Executor } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { notificationsRepo } from '../db/repositories/notifications.ts';
import type { DeliveryRow, NotificationPrefsRow, NotificationRow } from '../db/schema.ts';
import { quietUntil } from '../domain/quiet-hours.ts';
import {
  NOTIFICATION_KIND_LABEL,
  type MarkReadRequest,
  type Notification,
  type NotificationKind,
  type NotificationList,
  type NotificationPrefs,
  type UpdateNotificationPrefsRequest,
} from '../shared/api/notifications.ts';
import { AppError, STALE } from '../shared/errors.ts';
import { recordAudit } from './audit.ts';
import { nowIso, type ServiceContext } from './context.ts';
import { requireUser } from './policies.ts';

export interface NotifyInput {
  regionId: string;
  userIds: string[];
  kind: NotificationKind;
  title: string;
  body: string;
  /** the page the message is about */
  link?: string | null;
  /** what makes two messages the same: a replayed action notifies nobody twice */
  dedupeKey: string;
}

const defaultPrefs = (userId: string, now: string): NotificationPrefsRow => ({ user_id: userId, email_enabled: 1, email_muted_json: '[]', quiet_start: null, quiet_end: null, version: 0, updated_at: now });

/** Records the message for each user (in-app) and queues its email and robot deliveries. */
export async function notify(ctx: ServiceContext & { db: Executor }, input: NotifyInput): Promise<{ inApp: number; queued: number }> {
  const userIds = [...new Set(input.userIds)];
  const now = ctx.clock.now();
  const nowText = now.toISOString();
  const ts = now.getTime();
  const already = await notificationsRepo.existingKeys(ctx.db, userIds, input.dedupeKey);
  const fresh = userIds.filter((u) => !already.has(u));
  const link = input.link ?? null;
  const rows: NotificationRow[] = fresh.map((userId) => ({ id: newId(ts), region_id: input.regionId, user_id: userId, kind: input.kind, title: input.title, body: input.body, link, dedupe_key: input.dedupeKey, read_at: null, created_at: nowText }));
  await notificationsRepo.insert(ctx.db, rows);

  const deliveries: DeliveryRow[] = [];
  const base = { region_id: input.regionId, kind: input.kind, title: input.title, body: input.body, link, dedupe_key: input.dedupeKey, state: 'pending', attempts: 0, claimed_at: null, last_error: null, sent_at: null, created_at: nowText };
  const users = await notificationsRepo.usersForDelivery(ctx.db, fresh);
  const prefs = new Map((await notificationsRepo.prefsOf(ctx.db, fresh)).map((p) => [p.user_id, p]));
  for (const u of users) {
    const p = prefs.get(u.id) ?? defaultPrefs(u.id, nowText);
    if (!u.active || !u.email || !p.email_enabled || (JSON.parse(p.email_muted_json) as string[]).includes(input.kind)) continue;
    const wait = quietUntil(now, p.quiet_start, p.quiet_end);
    deliveries.push({ ...base, id: newId(ts), channel: 'email', target: u.email, user_id: u.id, next_attempt_at: (wait ?? now).toISOString() });
  }
  // a group robot gets the message once, however many of its members it concerns
  if (fresh.length) {
    for (const w of await notificationsRepo.webhooksOfRegion(ctx.db, input.regionId, true)) {
      const kinds = JSON.parse(w.kinds_json) as string[];
      if (kinds.length && !kinds.includes(input.kind)) continue;
      deliveries.push({ ...base, id: newId(ts), channel: 'webhook', target: w.id, user_id: null, next_attempt_at: nowText });
    }
  }
  const queued = await notificationsRepo.enqueue(ctx.db, deliveries);
  return { inApp: rows.length, queued };
}

/** The people who act for a unit: its liaisons. */
export const recipientsOfUnit = (ctx: { db: Executor }, unitId: string) => notificationsRepo.liaisonIdsOfUnit(ctx.db, unitId);

/** The region's office (依法治办) accounts. */
export const officeRecipients = (ctx: { db: Executor }, regionId: string) => notificationsRepo.activeUserIdsByRole(ctx.db, regionId, 'office');

/** The region's leaders (领导). */
export const leaderRecipients = (ctx: { db: Executor }, regionId: string) => notificationsRepo.activeUserIdsByRole(ctx.db, regionId, 'leader');

/**
 * Who hears of an escalation (升级): the office, the unit's liaisons, the unit's head (a leader account
 * that belongs to the unit), and the task's leader — the leader accounts whose name is printed on the
 * task as 牵头县领导 — or, when the task names none the platform knows, the region's leadership
 * (leader accounts of no unit).
 */
export async function escalationRecipients(ctx: { db: Executor }, input: { regionId: string; unitId: string; taskId: string | null }): Promise<string[]> {
  const [office, liaisons, leaders, printed] = await Promise.all([
    officeRecipients(ctx, input.regionId),
    recipientsOfUnit(ctx, input.unitId),
    notificationsRepo.leadersOfRegion(ctx.db, input.regionId),
    input.taskId ? notificationsRepo.printedLeadersOfTask(ctx.db, input.taskId) : Promise.resolve([]),
  ]);
  const heads = leaders.filter((l) => l.unit_id === input.unitId).map((l) => l.id);
  const named = leaders.filter((l) => l.display_name.length >= 2 && printed.some((p) => p.includes(l.display_name) || l.display_name.includes(p))).map((l) => l.id);
  const taskLeaders = named.length ? named : leaders.filter((l) => l.unit_id === null).map((l) => l.id);
  return [...new Set([...office, ...liaisons, ...heads, ...taskLeaders])];
}

// ------------------------------------------------------------------ the bell

const present = (r: NotificationRow): Notification => ({
  id: r.id,
  kind: r.kind,
  kindLabel: NOTIFICATION_KIND_LABEL[r.kind as NotificationKind] ?? r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  read: r.read_at !== null,
  createdAt: r.created_at,
});

/** The signed-in user's own messages, newest first. Nobody reads another's. */
export async function listMyNotifications(ctx: ServiceContext, q: { page: number; pageSize: number; unread?: '1' | '0' }): Promise<NotificationList> {
  const a = requireUser(ctx.actor);
  const r = await notificationsRepo.listOfUser(ctx.db, a.userId, { unreadOnly: q.unread === '1', limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: r.rows.map(present), total: r.total, unread: r.unread };
}

export async function unreadCount(ctx: ServiceContext): Promise<{ unread: number }> {
  const a = requireUser(ctx.actor);
  return { unread: await notificationsRepo.unreadCount(ctx.db, a.userId) };
}

/** Marks some (or all) of the user's own messages read; ids of others' messages change nothing. */
export async function markRead(ctx: ServiceContext, req: MarkReadRequest): Promise<{ unread: number }> {
  const a = requireUser(ctx.actor);
  await notificationsRepo.markRead(ctx.db, a.userId, 'all' in req ? 'all' : req.ids, nowIso(ctx));
  return unreadCount(ctx);
}

// ------------------------------------------------------------------ preferences

export async function getMyPrefs(ctx: ServiceContext): Promise<NotificationPrefs> {
  const a = requireUser(ctx.actor);
  const p = (await notificationsRepo.prefs(ctx.db, a.userId)) ?? defaultPrefs(a.userId, nowIso(ctx));
  const [u] = await notificationsRepo.usersForDelivery(ctx.db, [a.userId]);
  return { emailEnabled: p.email_enabled === 1, emailMuted: JSON.parse(p.email_muted_json) as string[], quietStart: p.quiet_start, quietEnd: p.quiet_end, email: u?.email ?? null, version: p.version };
}

export async function updateMyPrefs(ctx: ServiceContext, req: UpdateNotificationPrefsRequest): Promise<NotificationPrefs> {
  const a = requireUser(ctx.actor);
  const now = nowIso(ctx);
  const patch = { email_enabled: req.emailEnabled ? 1 : 0, email_muted_json: JSON.stringify([...new Set(req.emailMuted)]), quiet_start: req.quietStart, quiet_end: req.quietEnd, updated_at: now };
  await inTransaction(ctx.db, async (trx) => {
    const current = await notificationsRepo.prefs(trx, a.userId);
    if ((current?.version ?? 0) !== req.version) throw new AppError('CONFLICT', '通知设置已在别处修改，请刷新后再试', STALE);
    if (!current) await notificationsRepo.insertPrefs(trx, { ...patch, user_id: a.userId, version: 1 });
    else if (!(await notificationsRepo.updatePrefs(trx, a.userId, current.version, patch))) throw new AppError('CONFLICT', '通知设置已在别处修改，请刷新后再试', STALE);
    await recordAudit(trx, ctx, { action: 'notification.prefs', entityType: 'user', entityId: a.userId, regionId: a.currentRegionId, summary: '修改通知设置', after: patch });
  });
  return getMyPrefs(ctx);
}
