import type { Executor } from '../client.ts';
import type { DeliveryRow, NotificationPrefsRow, NotificationRow, WebhookRow } from '../schema.ts';

export interface DeliveryFilter {
  regionIds: string[] | null;
  state?: string;
  channel?: string;
  limit: number;
  offset: number;
}

function activeInRegion(db: Executor, regionId: string, role: string): Promise<{ id: string; display_name: string; unit_id: string | null }[]> {
  return db
    .selectFrom('users')
    .select(['users.id', 'users.display_name', 'users.unit_id'])
    .where('users.role', '=', role)
    .where('users.active', '=', 1)
    .where((eb) => eb.or([eb('users.region_id', '=', regionId), eb.exists(eb.selectFrom('user_regions').select('user_regions.user_id').whereRef('user_regions.user_id', '=', 'users.id').where('user_regions.region_id', '=', regionId))]))
    .execute();
}

export const notificationsRepo = {
  // ------------------------------------------------------------------ recipients
  /** Active liaison accounts of a unit: the people who act for it. */
  async liaisonIdsOfUnit(db: Executor, unitId: string): Promise<string[]> {
    const rows = await db.selectFrom('users').select('id').where('unit_id', '=', unitId).where('role', '=', 'liaison').where('active', '=', 1).execute();
    return rows.map((r) => r.id);
  },
  /** Active accounts with a role in a region (their home region or one granted to them). */
  async activeUserIdsByRole(db: Executor, regionId: string, role: string): Promise<string[]> {
    return (await activeInRegion(db, regionId, role)).map((r) => r.id);
  },
  /** The region's active leader accounts, with the unit a unit head belongs to. */
  leadersOfRegion: (db: Executor, regionId: string) => activeInRegion(db, regionId, 'leader'),
  /** The leaders printed on a task (牵头县领导), as printed. */
  async printedLeadersOfTask(db: Executor, taskId: string): Promise<string[]> {
    const rows = await db.selectFrom('task_owners').select('printed').where('task_id', '=', taskId).where('role', '=', 'leader').orderBy('sort_order').execute();
    return rows.map((r) => r.printed);
  },
  async usersForDelivery(db: Executor, ids: string[]): Promise<{ id: string; email: string | null; display_name: string; active: number }[]> {
    if (!ids.length) return [];
    return db.selectFrom('users').select(['id', 'email', 'display_name', 'active']).where('id', 'in', ids).execute();
  },

  // ------------------------------------------------------------------ in-app
  async existingKeys(db: Executor, userIds: string[], dedupeKey: string): Promise<Set<string>> {
    if (!userIds.length) return new Set();
    const rows = await db.selectFrom('notifications').select('user_id').where('dedupe_key', '=', dedupeKey).where('user_id', 'in', userIds).execute();
    return new Set(rows.map((r) => r.user_id));
  },
  async insert(db: Executor, rows: NotificationRow[]): Promise<void> {
    if (rows.length) await db.insertInto('notifications').values(rows).execute();
  },
  async listOfUser(db: Executor, userId: string, f: { unreadOnly: boolean; limit: number; offset: number }): Promise<{ rows: NotificationRow[]; total: number; unread: number }> {
    let q = db.selectFrom('notifications').where('user_id', '=', userId);
    const unread = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).where('read_at', 'is', null).executeTakeFirst())?.n ?? 0);
    if (f.unreadOnly) q = q.where('read_at', 'is', null);
    const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
    const rows = await q.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
    return { rows, total, unread };
  },
  async unreadCount(db: Executor, userId: string): Promise<number> {
    const r = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
    return Number(r?.n ?? 0);
  },
  async markRead(db: Executor, userId: string, ids: string[] | 'all', at: string): Promise<number> {
    let q = db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null);
    if (ids !== 'all') {
      if (!ids.length) return 0;
      q = q.where('id', 'in', ids);
    }
    return Number((await q.executeTakeFirst()).numUpdatedRows);
  },

  // ------------------------------------------------------------------ preferences
  async prefs(db: Executor, userId: string): Promise<NotificationPrefsRow | undefined> {
    return db.selectFrom('notification_prefs').selectAll().where('user_id', '=', userId).executeTakeFirst();
  },
  async prefsOf(db: Executor, userIds: string[]): Promise<NotificationPrefsRow[]> {
    if (!userIds.length) return [];
    return db.selectFrom('notification_prefs').selectAll().where('user_id', 'in', userIds).execute();
  },
  async insertPrefs(db: Executor, row: NotificationPrefsRow): Promise<void> {
    await db.insertInto('notification_prefs').values(row).execute();
  },
  async updatePrefs(db: Executor, userId: string, version: number, patch: Partial<NotificationPrefsRow>): Promise<boolean> {
    const r = await db.updateTable('notification_prefs').set({ ...patch, version: version + 1 }).where('user_id', '=', userId).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  // ------------------------------------------------------------------ webhooks
  async webhooksOfRegion(db: Executor, regionId: string, activeOnly: boolean): Promise<WebhookRow[]> {
    let q = db.selectFrom('webhooks').selectAll().where('region_id', '=', regionId);
    if (activeOnly) q = q.where('active', '=', 1);
    return q.orderBy('created_at').execute();
  },
  async findWebhook(db: Executor, id: string): Promise<WebhookRow | undefined> {
    return db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async insertWebhook(db: Executor, row: WebhookRow): Promise<void> {
    await db.insertInto('webhooks').values(row).execute();
  },
  async updateWebhook(db: Executor, id: string, version: number, patch: Partial<WebhookRow>): Promise<boolean> {
    const r = await db.updateTable('webhooks').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  // ------------------------------------------------------------------ outbox
  /** Queues deliveries; one already queued with the same channel, target and key is left alone. */
  async enqueue(db: Executor, rows: DeliveryRow[]): Promise<number> {
    if (!rows.length) return 0;
    const r = await db.insertInto('deliveries').values(rows).onConflict((oc) => oc.columns(['channel', 'target', 'dedupe_key']).doNothing()).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0);
  },
  /** Deliveries due now: pending ones whose time has come, and 'sending' ones a dead worker left behind. */
  async due(db: Executor, now: string, staleBefore: string, limit: number): Promise<DeliveryRow[]> {
    return db
      .selectFrom('deliveries')
      .selectAll()
      .where((eb) => eb.or([eb.and([eb('state', '=', 'pending'), eb('next_attempt_at', '<=', now)]), eb.and([eb('state', '=', 'sending'), eb('claimed_at', '<', staleBefore)])]))
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
  },
  /** Claims one delivery for this worker: only one of several servers gets it. */
  async claim(db: Executor, row: Pick<DeliveryRow, 'id' | 'state' | 'attempts'>, at: string): Promise<boolean> {
    const r = await db.updateTable('deliveries').set({ state: 'sending', claimed_at: at, attempts: row.attempts + 1 }).where('id', '=', row.id).where('state', '=', row.state).where('attempts', '=', row.attempts).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async finish(db: Executor, id: string, patch: Partial<DeliveryRow>): Promise<void> {
    await db.updateTable('deliveries').set(patch).where('id', '=', id).execute();
  },
  async findDelivery(db: Executor, id: string): Promise<DeliveryRow | undefined> {
    return db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async listDeliveries(db: Executor, f: DeliveryFilter): Promise<{ rows: DeliveryRow[]; total: number }> {
    let q = db.selectFrom('deliveries');
    if (f.regionIds) q = f.regionIds.length ? q.where('region_id', 'in', f.regionIds) : q.where('id', '=', '');
    if (f.state) q = q.where('state', '=', f.state);
    if (f.channel) q = q.where('channel', '=', f.channel);
    const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
    const rows = await q.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
    return { rows, total };
  },
  async countsByState(db: Executor, regionIds: string[] | null): Promise<Record<string, number>> {
    let q = db.selectFrom('deliveries').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state');
    if (regionIds) q = regionIds.length ? q.where('region_id', 'in', regionIds) : q.where('id', '=', '');
    const out: Record<string, number> = {};
    for (const r of await q.execute()) out[r.state] = Number(r.n);
    return out;
  },
};
