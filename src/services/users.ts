import { inTransaction, type Executor } from '../db/client.ts';
import { isUniqueViolation } from '../db/dialect/errors.ts';
import { newId } from '../db/ids.ts';
import { regionsRepo } from '../db/repositories/regions.ts';
import { sessionsRepo } from '../db/repositories/sessions.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import { usersRepo } from '../db/repositories/users.ts';
import type { UserRow } from '../db/schema.ts';
import {
  CreateUserRequest as CreateUserSchema,
  UpdateUserRequest as UpdateUserSchema,
  type CreateUserRequest,
  type UpdateUserRequest,
  type User,
} from '../shared/api/users.ts';
import { ROLE_LABEL, type Role } from '../shared/enums.ts';
import { AppError, STALE } from '../shared/errors.ts';
import { recordAudit } from './audit.ts';
import { nowIso, type ServiceContext } from './context.ts';
import { hashPassword, temporaryPassword } from './passwords.ts';
import { authorize, authorizeRead, canListUsers, canManageUser } from './policies.ts';
import { parseInput } from './validate.ts';

async function present(db: Executor, u: UserRow): Promise<User> {
  const extra = await usersRepo.regionIdsOf(db, u.id);
  const unit = u.unit_id ? await unitsRepo.findById(db, u.unit_id) : undefined;
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role as Role,
    roleLabel: ROLE_LABEL[u.role as Role],
    regionId: u.region_id,
    regionIds: [...new Set([...(u.region_id ? [u.region_id] : []), ...extra])],
    unitId: u.unit_id,
    unitName: unit?.name ?? null,
    phone: u.phone,
    email: u.email,
    active: u.active === 1,
    mustChangePassword: u.must_change_password === 1,
    lastLoginAt: u.last_login_at,
    version: u.version,
  };
}

export async function listUsers(ctx: ServiceContext, f: { regionId: string; q?: string; role?: Role }): Promise<User[]> {
  authorizeRead(canListUsers(ctx.actor, f.regionId), '该地区的账号');
  const rows = await usersRepo.list(ctx.db, { regionIds: [f.regionId], q: f.q, role: f.role });
  return Promise.all(rows.map((u) => present(ctx.db, u)));
}

/** A role's shape: liaisons belong to a unit; everyone but the admin belongs to a region. */
async function checkPlacement(db: Executor, role: Role, regionId: string | null, unitId: string | null): Promise<void> {
  if (role !== 'admin' && !regionId) throw new AppError('VALIDATION', '请选择所属地区', [{ field: 'regionId', message: '请选择所属地区' }]);
  if (regionId && !(await regionsRepo.findById(db, regionId))) throw new AppError('VALIDATION', '地区不存在', [{ field: 'regionId', message: '地区不存在' }]);
  if (role === 'liaison' && !unitId) throw new AppError('VALIDATION', '单位联络员必须选择所属单位', [{ field: 'unitId', message: '请选择所属单位' }]);
  if (unitId) {
    const unit = await unitsRepo.findById(db, unitId);
    if (!unit || unit.region_id !== regionId) throw new AppError('VALIDATION', '所属单位不存在或不在所选地区', [{ field: 'unitId', message: '单位不在所选地区' }]);
    if (unit.active !== 1) throw new AppError('VALIDATION', `「${unit.name}」已停用`, [{ field: 'unitId', message: '单位已停用' }]);
  }
}

export async function createUser(ctx: ServiceContext, raw: CreateUserRequest, opts: { mustChangePassword?: boolean } = {}): Promise<{ user: User; temporaryPassword: string | null }> {
  const input = parseInput(CreateUserSchema, raw);
  const regionIds = [...new Set([...(input.regionId ? [input.regionId] : []), ...input.extraRegionIds])];
  authorize(canManageUser(ctx.actor, { role: input.role, regionIds }), '创建该角色的账号');
  await checkPlacement(ctx.db, input.role, input.regionId, input.unitId);
  for (const r of input.extraRegionIds) if (!(await regionsRepo.findById(ctx.db, r))) throw new AppError('VALIDATION', '地区不存在', [{ field: 'extraRegionIds', message: '地区不存在' }]);
  const temp = input.password ? null : temporaryPassword();
  const password_hash = await hashPassword(input.password ?? temp!);
  const now = nowIso(ctx);
  const row: UserRow = {
    id: newId(),
    username: input.username,
    display_name: input.displayName,
    password_hash,
    role: input.role,
    unit_id: input.unitId,
    region_id: input.regionId,
    phone: input.phone ?? null,
    email: input.email ?? null,
    active: 1,
    // someone else chose this password: the user replaces it at first login
    must_change_password: (opts.mustChangePassword ?? true) ? 1 : 0,
    last_login_at: null,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  try {
    return await inTransaction(ctx.db, async (trx) => {
      if (await usersRepo.findByUsername(trx, row.username)) throw new AppError('CONFLICT', `用户名「${row.username}」已被使用`, [{ field: 'username', message: '已被使用' }]);
      await usersRepo.insert(trx, row);
      await usersRepo.setRegions(trx, row.id, input.extraRegionIds.filter((r) => r !== row.region_id));
      const user = await present(trx, row);
      await recordAudit(trx, ctx, { action: 'user.create', entityType: 'user', entityId: row.id, regionId: row.region_id, summary: `新建账号「${row.username}」（${ROLE_LABEL[input.role]}）`, after: user });
      return { user, temporaryPassword: temp };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', `用户名「${row.username}」已被使用`, [{ field: 'username', message: '已被使用' }]);
    throw e;
  }
}

async function managedUser(ctx: ServiceContext, db: Executor, id: string): Promise<UserRow> {
  const row = await usersRepo.findById(db, id);
  if (!row) throw new AppError('NOT_FOUND', '账号不存在');
  const regionIds = [...new Set([...(row.region_id ? [row.region_id] : []), ...(await usersRepo.regionIdsOf(db, id))])];
  authorizeRead(canManageUser(ctx.actor, { role: row.role, regionIds }) || regionIds.some((r) => canListUsers(ctx.actor, r)), '该账号');
  authorize(canManageUser(ctx.actor, { role: row.role, regionIds }), '管理该账号');
  return row;
}

export async function updateUser(ctx: ServiceContext, id: string, raw: UpdateUserRequest): Promise<User> {
  const input = parseInput(UpdateUserSchema, raw);
  return inTransaction(ctx.db, async (trx) => {
    const row = await managedUser(ctx, trx, id);
    if (row.version !== input.version) throw new AppError('CONFLICT', `账号「${row.username}」已被他人修改，请刷新后再改`, STALE);
    if (ctx.actor.kind === 'user' && ctx.actor.userId === id && (input.active === false || (input.role && input.role !== row.role))) {
      throw new AppError('VALIDATION', '不能停用自己的账号或修改自己的角色');
    }
    const role = input.role ?? (row.role as Role);
    authorize(canManageUser(ctx.actor, { role, regionIds: row.region_id ? [row.region_id] : [] }), '授予该角色');
    const unitId = input.unitId === undefined ? row.unit_id : input.unitId;
    await checkPlacement(trx, role, row.region_id, unitId);
    const before = await present(trx, row);
    const patch: Partial<UserRow> = { updated_at: nowIso(ctx), role, unit_id: unitId };
    if (input.displayName !== undefined) patch.display_name = input.displayName;
    if (input.phone !== undefined) patch.phone = input.phone;
    if (input.email !== undefined) patch.email = input.email;
    if (input.active !== undefined) patch.active = input.active ? 1 : 0;
    if (!(await usersRepo.updateVersioned(trx, id, input.version, patch))) throw new AppError('CONFLICT', `账号「${row.username}」已被他人修改，请刷新后再改`, STALE);
    if (input.extraRegionIds) await usersRepo.setRegions(trx, id, input.extraRegionIds.filter((r) => r !== row.region_id));
    if (input.active === false) await sessionsRepo.revokeAllForUser(trx, id, nowIso(ctx));
    const after = await present(trx, (await usersRepo.findById(trx, id))!);
    await recordAudit(trx, ctx, { action: 'user.update', entityType: 'user', entityId: id, regionId: row.region_id, summary: `修改账号「${row.username}」`, before, after });
    return after;
  });
}

/** Sets a new temporary password, signs the user out everywhere, and asks for a change at next login. */
export async function resetPassword(ctx: ServiceContext, id: string, chosen?: string): Promise<string> {
  const temp = chosen ?? temporaryPassword();
  const password_hash = await hashPassword(temp);
  await inTransaction(ctx.db, async (trx) => {
    const row = await managedUser(ctx, trx, id);
    await usersRepo.update(trx, id, { password_hash, must_change_password: 1, updated_at: nowIso(ctx), version: row.version + 1 });
    await sessionsRepo.revokeAllForUser(trx, id, nowIso(ctx));
    await recordAudit(trx, ctx, { action: 'user.password_reset', entityType: 'user', entityId: id, regionId: row.region_id, summary: `重置账号「${row.username}」的密码` });
  });
  return temp;
}

export async function findUserIdByUsername(ctx: ServiceContext, username: string): Promise<string> {
  const u = await usersRepo.findByUsername(ctx.db, username);
  if (!u) throw new AppError('NOT_FOUND', `账号「${username}」不存在`);
  return u.id;
}
