import type { Executor } from '../client.ts';
import type { SessionRow } from '../schema.ts';

export const sessionsRepo = {
  async insert(db: Executor, row: SessionRow): Promise<void> {
    await db.insertInto('sessions').values(row).execute();
  },
  /** A live session: not revoked and not expired at `nowIso`. */
  async findLive(db: Executor, id: string, nowIso: string): Promise<SessionRow | undefined> {
    return db.selectFrom('sessions').selectAll().where('id', '=', id).where('revoked_at', 'is', null).where('expires_at', '>', nowIso).executeTakeFirst();
  },
  async findById(db: Executor, id: string): Promise<SessionRow | undefined> {
    return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async listLiveForUser(db: Executor, userId: string, nowIso: string): Promise<SessionRow[]> {
    return db.selectFrom('sessions').selectAll().where('user_id', '=', userId).where('revoked_at', 'is', null).where('expires_at', '>', nowIso).orderBy('last_seen_at', 'desc').execute();
  },
  async touch(db: Executor, id: string, patch: Partial<Pick<SessionRow, 'last_seen_at' | 'expires_at' | 'current_region_id'>>): Promise<void> {
    await db.updateTable('sessions').set(patch).where('id', '=', id).execute();
  },
  async revoke(db: Executor, id: string, nowIso: string): Promise<void> {
    await db.updateTable('sessions').set({ revoked_at: nowIso }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  },
  async revokeAllForUser(db: Executor, userId: string, nowIso: string, exceptId?: string): Promise<void> {
    let q = db.updateTable('sessions').set({ revoked_at: nowIso }).where('user_id', '=', userId).where('revoked_at', 'is', null);
    if (exceptId) q = q.where('id', '!=', exceptId);
    await q.execute();
  },
  async deleteExpired(db: Executor, nowIso: string): Promise<void> {
    await db.deleteFrom('sessions').where('expires_at', '<', nowIso).execute();
  },
};

export interface ThrottleState {
  failures: number;
  windowStart: string;
  lockedUntil: string | null;
}

export const throttleRepo = {
  async get(db: Executor, key: string): Promise<ThrottleState | undefined> {
    const r = await db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
    return r && { failures: r.failures, windowStart: r.window_start, lockedUntil: r.locked_until };
  },
  async put(db: Executor, key: string, s: ThrottleState): Promise<void> {
    await db
      .insertInto('login_throttle')
      .values({ key, failures: s.failures, window_start: s.windowStart, locked_until: s.lockedUntil })
      .onConflict((oc) => oc.column('key').doUpdateSet({ failures: s.failures, window_start: s.windowStart, locked_until: s.lockedUntil }))
      .execute();
  },
  async clear(db: Executor, key: string): Promise<void> {
    await db.deleteFrom('login_throttle').where('key', '=', key).execute();
  },
};
