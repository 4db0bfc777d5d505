import { createHash, randomBytes } from 'node:crypto';
import { inTransaction, type Db } from '../db/client.ts';
import { regionsRepo } from '../db/repositories/regions.ts';
import { sessionsRepo, throttleRepo } from '../db/repositories/sessions.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import { usersRepo } from '../db/repositories/users.ts';
import type { SessionRow, UserRow } from '../db/schema.ts';
import type { Me, SessionInfo } from '../shared/api/auth.ts';
import type { Clock } from '../shared/clock.ts';
import { ROLE_LABEL, type Role } from '../shared/enums.ts';
import { AppError } from '../shared/errors.ts';
import { recordAudit } from './audit.ts';
import { nowIso, type Actor, type ServiceContext } from './context.ts';
import { dummyHash, hashPassword, verifyPassword } from './passwords.ts';
import { requireUser } from './policies.ts';

/** Login throttling: per account, 5 failures in 15 minutes lock it for 15 minutes; per address, 30. */
export const THROTTLE = { windowMs: 15 * 60_000, userMax: 5, ipMax: 30, lockMs: 15 * 60_000 };
const GENERIC = '用户名或密码错误';

export interface SessionSettings {
  sessionDays: number;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** What the user sees of a session id: enough to tell them apart and revoke, never the secret. */
export const publicSessionId = (id: string) => id.slice(0, 16);

async function regionIdsFor(db: Db, u: UserRow): Promise<string[]> {
  // an admin may act anywhere; counties first, so the default region is one where the work is
  if (u.role === 'admin') return (await regionsRepo.list(db)).sort((a, b) => Number(a.level !== 'county') - Number(b.level !== 'county')).map((r) => r.id);
  const extra = await usersRepo.regionIdsOf(db, u.id);
  return [...new Set([...(u.region_id ? [u.region_id] : []), ...extra])];
}

export async function actorFor(db: Db, u: UserRow, currentRegionId: string | null): Promise<Extract<Actor, { kind: 'user' }>> {
  const regionIds = await regionIdsFor(db, u);
  const current = currentRegionId && regionIds.includes(currentRegionId) ? currentRegionId : (u.region_id ?? regionIds[0] ?? null);
  return { kind: 'user', userId: u.id, username: u.username, displayName: u.display_name, role: u.role as Role, unitId: u.unit_id, regionIds, currentRegionId: current };
}

export async function buildMe(db: Db, actor: Extract<Actor, { kind: 'user' }>, csrfToken: string, mustChange: boolean): Promise<Me> {
  const all = await regionsRepo.list(db);
  const unit = actor.unitId ? await unitsRepo.findById(db, actor.unitId) : undefined;
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    roleLabel: ROLE_LABEL[actor.role],
    unit: unit ? { id: unit.id, name: unit.name } : null,
    regions: all.filter((r) => actor.regionIds.includes(r.id)).map((r) => ({ id: r.id, name: r.name, level: r.level as 'province' | 'city' | 'county', parentId: r.parent_id })),
    currentRegionId: actor.currentRegionId,
    mustChangePassword: mustChange,
    csrfToken,
  };
}

async function checkThrottle(db: Db, key: string, max: number, now: number): Promise<void> {
  const s = await throttleRepo.get(db, key);
  if (!s) return;
  if (s.lockedUntil && Date.parse(s.lockedUntil) > now) {
    const mins = Math.max(1, Math.ceil((Date.parse(s.lockedUntil) - now) / 60_000));
    const who = key.startsWith('user:') ? '该账号' : '您所在的网络地址';
    throw new AppError('RATE_LIMITED', `登录失败次数过多，${who}已被临时锁定，请 ${mins} 分钟后再试，或联系管理员重置密码。`);
  }
  if (Date.parse(s.windowStart) + THROTTLE.windowMs > now && s.failures >= max) {
    throw new AppError('RATE_LIMITED', '登录尝试过于频繁，请稍后再试。');
  }
}

async function noteFailure(db: Db, key: string, max: number, now: number): Promise<void> {
  const s = await throttleRepo.get(db, key);
  const fresh = !s || Date.parse(s.windowStart) + THROTTLE.windowMs <= now;
  const failures = fresh ? 1 : s!.failures + 1;
  const lockedUntil = failures >= max ? new Date(now + THROTTLE.lockMs).toISOString() : null;
  await throttleRepo.put(db, key, { failures, windowStart: fresh ? new Date(now).toISOString() : s!.windowStart, lockedUntil });
}

export interface LoginResult {
  token: string;
  me: Me;
  expiresAt: string;
}

export async function login(
  deps: { db: Db; clock: Clock; settings: SessionSettings },
  input: { username: string; password: string; ip: string | null; userAgent: string | null; requestId?: string | null },
): Promise<LoginResult> {
  const { db, clock } = deps;
  const now = clock.now().getTime();
  const userKey = `user:${input.username.toLowerCase()}`;
  const ipKey = `ip:${input.ip ?? 'unknown'}`;
  await checkThrottle(db, userKey, THROTTLE.userMax, now);
  await checkThrottle(db, ipKey, THROTTLE.ipMax, now);
  const user = await usersRepo.findByUsername(db, input.username);
  const ok = user ? await verifyPassword(user.password_hash, input.password) : (await verifyPassword(await dummyHash(), input.password), false);
  const sysCtx: ServiceContext = { db, clock, actor: { kind: 'system', name: `登录：${input.username}` }, ip: input.ip, requestId: input.requestId ?? null };
  if (!user || !ok || user.active !== 1) {
    await inTransaction(db, async (trx) => {
      await noteFailure(trx as Db, userKey, THROTTLE.userMax, now);
      await noteFailure(trx as Db, ipKey, THROTTLE.ipMax, now);
      await recordAudit(trx, sysCtx, { action: 'auth.login_failed', entityType: 'user', entityId: user?.id ?? null, regionId: user?.region_id ?? null, summary: `登录失败：${input.username}` });
    });
    throw new AppError('UNAUTHENTICATED', GENERIC);
  }
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const nowIsoStr = new Date(now).toISOString();
  const expiresAt = new Date(now + deps.settings.sessionDays * 86_400_000).toISOString();
  const actor = await actorFor(db, user, null);
  await inTransaction(db, async (trx) => {
    await throttleRepo.clear(trx, userKey);
    const row: SessionRow = {
      id: hashToken(token),
      user_id: user.id,
      csrf_token: csrf,
      current_region_id: actor.currentRegionId,
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
      created_at: nowIsoStr,
      last_seen_at: nowIsoStr,
      expires_at: expiresAt,
      revoked_at: null,
    };
    await sessionsRepo.insert(trx, row);
    await usersRepo.update(trx, user.id, { last_login_at: nowIsoStr });
    await recordAudit(trx, { ...sysCtx, actor }, { action: 'auth.login', entityType: 'user', entityId: user.id, regionId: user.region_id, summary: `${user.display_name} 登录` });
  });
  return { token, expiresAt, me: await buildMe(db, actor, csrf, user.must_change_password === 1) };
}

export interface Authenticated {
  actor: Extract<Actor, { kind: 'user' }>;
  session: SessionRow;
  user: UserRow;
}

/** Resolves a session cookie; slides its expiry forward at most every five minutes. */
export async function authenticate(deps: { db: Db; clock: Clock; settings: SessionSettings }, token: string): Promise<Authenticated | null> {
  if (!token || token.length > 200) return null;
  const now = deps.clock.now();
  const session = await sessionsRepo.findLive(deps.db, hashToken(token), now.toISOString());
  if (!session) return null;
  const user = await usersRepo.findById(deps.db, session.user_id);
  if (!user || user.active !== 1) return null;
  if (now.getTime() - Date.parse(session.last_seen_at) > 5 * 60_000) {
    const expires = new Date(now.getTime() + deps.settings.sessionDays * 86_400_000).toISOString();
    await sessionsRepo.touch(deps.db, session.id, { last_seen_at: now.toISOString(), expires_at: expires });
  }
  return { actor: await actorFor(deps.db, user, session.current_region_id), session, user };
}

export async function logout(ctx: ServiceContext, sessionId: string): Promise<void> {
  const a = requireUser(ctx.actor);
  await inTransaction(ctx.db, async (trx) => {
    await sessionsRepo.revoke(trx, sessionId, nowIso(ctx));
    await recordAudit(trx, ctx, { action: 'auth.logout', entityType: 'user', entityId: a.userId, regionId: a.currentRegionId, summary: `${a.displayName} 退出登录` });
  });
}

export async function changePassword(ctx: ServiceContext, sessionId: string, oldPassword: string, newPassword: string): Promise<void> {
  const a = requireUser(ctx.actor);
  const user = await usersRepo.findById(ctx.db, a.userId);
  if (!user) throw new AppError('UNAUTHENTICATED', '请重新登录');
  if (!(await verifyPassword(user.password_hash, oldPassword))) throw new AppError('VALIDATION', '原密码不正确', [{ field: 'oldPassword', message: '原密码不正确' }]);
  if (oldPassword === newPassword) throw new AppError('VALIDATION', '新密码不能与原密码相同', [{ field: 'newPassword', message: '与原密码相同' }]);
  const password_hash = await hashPassword(newPassword);
  await inTransaction(ctx.db, async (trx) => {
    await usersRepo.update(trx, a.userId, { password_hash, must_change_password: 0, updated_at: nowIso(ctx) });
    // other devices must sign in again with the new password
    await sessionsRepo.revokeAllForUser(trx, a.userId, nowIso(ctx), sessionId);
    await recordAudit(trx, ctx, { action: 'user.password_change', entityType: 'user', entityId: a.userId, regionId: user.region_id, summary: `${a.displayName} 修改了密码` });
  });
}

export async function switchRegion(ctx: ServiceContext, sessionId: string, regionId: string): Promise<void> {
  const a = requireUser(ctx.actor);
  if (!a.regionIds.includes(regionId)) throw new AppError('NOT_FOUND', '地区不存在或您无权访问');
  await sessionsRepo.touch(ctx.db, sessionId, { current_region_id: regionId });
}

export async function listSessions(ctx: ServiceContext, currentSessionId: string): Promise<SessionInfo[]> {
  const a = requireUser(ctx.actor);
  const rows = await sessionsRepo.listLiveForUser(ctx.db, a.userId, nowIso(ctx));
  return rows.map((s) => ({
    id: publicSessionId(s.id),
    current: s.id === currentSessionId,
    ip: s.ip,
    userAgent: s.user_agent,
    createdAt: s.created_at,
    lastSeenAt: s.last_seen_at,
    expiresAt: s.expires_at,
  }));
}

export async function revokeSession(ctx: ServiceContext, publicId: string): Promise<void> {
  const a = requireUser(ctx.actor);
  const rows = await sessionsRepo.listLiveForUser(ctx.db, a.userId, nowIso(ctx));
  const target = rows.find((s) => publicSessionId(s.id) === publicId);
  if (!target) throw new AppError('NOT_FOUND', '登录设备不存在或已退出');
  await inTransaction(ctx.db, async (trx) => {
    await sessionsRepo.revoke(trx, target.id, nowIso(ctx));
    await recordAudit(trx, ctx, { action: 'auth.session_revoke', entityType: 'user', entityId: a.userId, regionId: a.currentRegionId, summary: `注销登录设备 ${publicId}` });
  });
}
