import { inTransaction, type Executor } from '../db/client.ts';
import { isUniqueViolation } from '../db/dialect/errors.ts';
import { newId } from '../db/ids.ts';
import { groupsRepo } from '../db/repositories/groups.ts';
import { regionsRepo } from '../db/repositories/regions.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import { usersRepo } from '../db/repositories/users.ts';
import type { UnitAliasRow, UnitRow } from '../db/schema.ts';
import type { CreateUnitRequest, Resolution, Unit, UpdateUnitRequest } from '../shared/api/units.ts';
import { CreateUnitRequest as CreateUnitSchema, UpdateUnitRequest as UpdateUnitSchema } from '../shared/api/units.ts';
import { UNIT_KIND_LABEL, type UnitKind } from '../shared/enums.ts';
import { AppError, STALE } from '../shared/errors.ts';
import { recordAudit } from './audit.ts';
import { nowIso, type ServiceContext } from './context.ts';
import { DirectoryIndex } from './directory-index.ts';
import { authorize, authorizeRead, canManageDirectory, canReadDirectory } from './policies.ts';
import { parseInput } from './validate.ts';

export function presentUnit(u: UnitRow, aliases: UnitAliasRow[], parentName: string | null): Unit {
  return {
    id: u.id,
    regionId: u.region_id,
    parentId: u.parent_id,
    parentName,
    name: u.name,
    shortName: u.short_name,
    kind: u.kind as UnitKind,
    kindLabel: UNIT_KIND_LABEL[u.kind as UnitKind] ?? u.kind,
    sortOrder: u.sort_order,
    active: u.active === 1,
    liaisonName: u.liaison_name,
    liaisonPhone: u.liaison_phone,
    liaisonEmail: u.liaison_email,
    headName: u.head_name,
    mergedIntoId: u.merged_into_id,
    aliases: aliases.filter((a) => a.unit_id === u.id).map((a) => ({ id: a.id, alias: a.alias })),
    version: u.version,
    createdAt: u.created_at,
    updatedAt: u.updated_at,
  };
}

async function presentMany(db: Executor, rows: UnitRow[]): Promise<Unit[]> {
  const aliases = await unitsRepo.aliasesOf(db, rows.map((r) => r.id));
  const parentIds = [...new Set(rows.map((r) => r.parent_id).filter((x): x is string => !!x))];
  const known = new Map(rows.map((r) => [r.id, r.name]));
  const missing = parentIds.filter((id) => !known.has(id));
  for (const p of await unitsRepo.findByIds(db, missing)) known.set(p.id, p.name);
  return rows.map((r) => presentUnit(r, aliases, r.parent_id ? (known.get(r.parent_id) ?? null) : null));
}

async function loadUnit(db: Executor, id: string): Promise<Unit> {
  const row = await unitsRepo.findById(db, id);
  if (!row) throw new AppError('NOT_FOUND', '单位不存在');
  return (await presentMany(db, [row]))[0]!;
}

/** Finds a unit the actor may see, or answers NOT_FOUND as if it did not exist. */
async function visibleUnit(ctx: ServiceContext, db: Executor, id: string): Promise<UnitRow> {
  const row = await unitsRepo.findById(db, id);
  if (!row || !canReadDirectory(ctx.actor, row.region_id)) throw new AppError('NOT_FOUND', '单位不存在或您无权查看');
  return row;
}

async function managedUnit(ctx: ServiceContext, db: Executor, id: string): Promise<UnitRow> {
  const row = await visibleUnit(ctx, db, id);
  authorize(canManageDirectory(ctx.actor, row.region_id), '修改单位名录');
  return row;
}

export async function listUnits(ctx: ServiceContext, f: { regionId: string; q?: string; kind?: UnitKind; active?: 'true' | 'false' | 'all' }): Promise<Unit[]> {
  authorizeRead(canReadDirectory(ctx.actor, f.regionId), '该地区');
  const rows = await unitsRepo.list(ctx.db, {
    regionId: f.regionId,
    q: f.q || undefined,
    kind: f.kind,
    active: f.active === 'all' ? undefined : f.active !== 'false',
  });
  return presentMany(ctx.db, rows);
}

export async function getUnit(ctx: ServiceContext, id: string): Promise<Unit> {
  const row = await visibleUnit(ctx, ctx.db, id);
  return (await presentMany(ctx.db, [row]))[0]!;
}

/** A name (or alias) must not already name another unit of the region, by name or by alias. */
async function assertNameFree(db: Executor, regionId: string, name: string, exceptUnitId: string | null, field: string): Promise<void> {
  const byName = await unitsRepo.findByName(db, regionId, name);
  if (byName && byName.id !== exceptUnitId) throw new AppError('CONFLICT', `本地区已有单位名为「${name}」`, [{ field, message: '与已有单位重名' }]);
  const byAlias = await unitsRepo.findAlias(db, regionId, name);
  if (byAlias && byAlias.unit_id !== exceptUnitId) {
    const owner = await unitsRepo.findById(db, byAlias.unit_id);
    throw new AppError('CONFLICT', `「${name}」已是「${owner?.name ?? '其他单位'}」的别名`, [{ field, message: '与已有别名重复' }]);
  }
}

async function assertParent(db: Executor, regionId: string, parentId: string | null, selfId: string | null): Promise<void> {
  if (!parentId) return;
  if (parentId === selfId) throw new AppError('VALIDATION', '上级单位不能是自己', [{ field: 'parentId', message: '上级单位不能是自己' }]);
  const parent = await unitsRepo.findById(db, parentId);
  if (!parent || parent.region_id !== regionId) throw new AppError('VALIDATION', '上级单位不存在', [{ field: 'parentId', message: '上级单位不存在或不在本地区' }]);
  // walk up to refuse cycles
  for (let cur: UnitRow | undefined = parent, hops = 0; cur?.parent_id && hops < 100; hops++) {
    if (cur.parent_id === selfId) throw new AppError('VALIDATION', '上级单位不能是本单位的下级', [{ field: 'parentId', message: '会形成循环' }]);
    cur = await unitsRepo.findById(db, cur.parent_id);
  }
}

/** Turns a race on a unique index into the same conflict a sequential check gives. */
async function uniqueGuard<T>(fn: () => Promise<T>, message: string): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', message);
    throw e;
  }
}

export async function createUnit(ctx: ServiceContext, raw: CreateUnitRequest): Promise<Unit> {
  const input = parseInput(CreateUnitSchema, raw);
  authorizeRead(canReadDirectory(ctx.actor, input.regionId), '该地区');
  authorize(canManageDirectory(ctx.actor, input.regionId), '修改单位名录');
  if (!(await regionsRepo.findById(ctx.db, input.regionId))) throw new AppError('NOT_FOUND', '地区不存在');
  const aliases = [...new Set(input.aliases.map((a) => a.trim()))].filter((a) => a !== input.name);
  return uniqueGuard(
    () =>
      inTransaction(ctx.db, async (trx) => {
        await assertNameFree(trx, input.regionId, input.name, null, 'name');
        for (const [i, a] of aliases.entries()) await assertNameFree(trx, input.regionId, a, null, `aliases.${i}`);
        await assertParent(trx, input.regionId, input.parentId, null);
        const now = nowIso(ctx);
        const row: UnitRow = {
          id: newId(),
          region_id: input.regionId,
          parent_id: input.parentId,
          name: input.name,
          short_name: input.shortName ?? null,
          kind: input.kind,
          sort_order: input.sortOrder,
          active: 1,
          liaison_name: input.liaisonName ?? null,
          liaison_phone: input.liaisonPhone ?? null,
          liaison_email: input.liaisonEmail ?? null,
          head_name: input.headName ?? null,
          merged_into_id: null,
          version: 1,
          created_at: now,
          updated_at: now,
        };
        await unitsRepo.insert(trx, row);
        for (const alias of aliases) await unitsRepo.insertAlias(trx, { id: newId(), region_id: row.region_id, unit_id: row.id, alias, created_at: now });
        const unit = await loadUnit(trx, row.id);
        await recordAudit(trx, ctx, { action: 'unit.create', entityType: 'unit', entityId: row.id, regionId: row.region_id, summary: `新增单位「${row.name}」`, after: unit });
        return unit;
      }),
    '单位名称或别名与已有记录重复',
  );
}

export async function updateUnit(ctx: ServiceContext, id: string, raw: UpdateUnitRequest): Promise<Unit> {
  const input = parseInput(UpdateUnitSchema, raw);
  return uniqueGuard(
    () =>
      inTransaction(ctx.db, async (trx) => {
        const row = await managedUnit(ctx, trx, id);
        if (row.version !== input.version) throw conflict(row.name);
        const before = await loadUnit(trx, id);
        if (input.name !== undefined && input.name !== row.name) await assertNameFree(trx, row.region_id, input.name, row.id, 'name');
        if (input.parentId !== undefined) await assertParent(trx, row.region_id, input.parentId, row.id);
        const patch: Partial<UnitRow> = { updated_at: nowIso(ctx) };
        if (input.name !== undefined) patch.name = input.name;
        if (input.shortName !== undefined) patch.short_name = input.shortName;
        if (input.kind !== undefined) patch.kind = input.kind;
        if (input.parentId !== undefined) patch.parent_id = input.parentId;
        if (input.sortOrder !== undefined) patch.sort_order = input.sortOrder;
        if (input.liaisonName !== undefined) patch.liaison_name = input.liaisonName;
        if (input.liaisonPhone !== undefined) patch.liaison_phone = input.liaisonPhone;
        if (input.liaisonEmail !== undefined) patch.liaison_email = input.liaisonEmail;
        if (input.headName !== undefined) patch.head_name = input.headName;
        if (!(await unitsRepo.updateVersioned(trx, id, input.version, patch))) throw conflict(row.name);
        const after = await loadUnit(trx, id);
        await recordAudit(trx, ctx, { action: 'unit.update', entityType: 'unit', entityId: id, regionId: row.region_id, summary: `修改单位「${after.name}」`, before, after });
        return after;
      }),
    '单位名称与已有记录重复',
  );
}

const conflict = (name: string) =>
  new AppError('CONFLICT', `「${name}」已被他人修改，您的修改未保存。请刷新页面查看最新内容后再修改。`, STALE);

export async function setUnitActive(ctx: ServiceContext, id: string, version: number, active: boolean): Promise<Unit> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await managedUnit(ctx, trx, id);
    if (row.version !== version) throw conflict(row.name);
    if (row.merged_into_id && active) throw new AppError('CONFLICT', `「${row.name}」已合并到其他单位，不能重新启用`);
    await unitsRepo.updateVersioned(trx, id, version, { active: active ? 1 : 0, updated_at: nowIso(ctx) });
    const after = await loadUnit(trx, id);
    await recordAudit(trx, ctx, {
      action: active ? 'unit.activate' : 'unit.deactivate',
      entityType: 'unit',
      entityId: id,
      regionId: row.region_id,
      summary: `${active ? '启用' : '停用'}单位「${row.name}」`,
      before: { active: row.active === 1 },
      after: { active },
    });
    return after;
  });
}

export async function addAlias(ctx: ServiceContext, unitId: string, alias: string): Promise<Unit> {
  const value = alias.trim();
  return uniqueGuard(
    () =>
      inTransaction(ctx.db, async (trx) => {
        const row = await managedUnit(ctx, trx, unitId);
        if (value === row.name) throw new AppError('VALIDATION', '别名与单位全称相同，无需添加', [{ field: 'alias', message: '与全称相同' }]);
        await assertNameFree(trx, row.region_id, value, row.id, 'alias');
        if (await unitsRepo.findAlias(trx, row.region_id, value)) return loadUnit(trx, unitId); // already this unit's alias
        const a: UnitAliasRow = { id: newId(), region_id: row.region_id, unit_id: row.id, alias: value, created_at: nowIso(ctx) };
        await unitsRepo.insertAlias(trx, a);
        await recordAudit(trx, ctx, { action: 'unit.alias.add', entityType: 'unit', entityId: row.id, regionId: row.region_id, summary: `为「${row.name}」添加别名「${value}」`, after: { alias: value } });
        return loadUnit(trx, unitId);
      }),
    `别名「${value}」已被使用`,
  );
}

export async function removeAlias(ctx: ServiceContext, unitId: string, aliasId: string): Promise<Unit> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await managedUnit(ctx, trx, unitId);
    const a = await unitsRepo.findAliasById(trx, aliasId);
    if (!a || a.unit_id !== row.id) throw new AppError('NOT_FOUND', '别名不存在');
    await unitsRepo.deleteAlias(trx, aliasId);
    await recordAudit(trx, ctx, { action: 'unit.alias.remove', entityType: 'unit', entityId: row.id, regionId: row.region_id, summary: `删除「${row.name}」的别名「${a.alias}」`, before: { alias: a.alias } });
    return loadUnit(trx, unitId);
  });
}

/**
 * Merges `sourceId` into `targetId`: the source's aliases, its own names (as aliases), group
 * memberships, sub-units and accounts move to the target; the source stays as an inactive record
 * pointing at the survivor, so history that names it keeps its meaning.
 */
export async function mergeUnits(ctx: ServiceContext, sourceId: string, targetId: string): Promise<Unit> {
  if (sourceId === targetId) throw new AppError('VALIDATION', '不能把单位合并到它自己', [{ field: 'targetId', message: '请选择另一个单位' }]);
  return inTransaction(ctx.db, async (trx) => {
    const source = await managedUnit(ctx, trx, sourceId);
    const target = await managedUnit(ctx, trx, targetId);
    if (source.region_id !== target.region_id) throw new AppError('VALIDATION', '只能合并同一地区的单位', [{ field: 'targetId', message: '不在同一地区' }]);
    if (source.merged_into_id) throw new AppError('CONFLICT', `「${source.name}」已合并过`);
    if (!target.active) throw new AppError('CONFLICT', `「${target.name}」已停用，不能作为合并目标`);
    const before = { source: await loadUnit(trx, sourceId), target: await loadUnit(trx, targetId) };
    const moved = await unitsRepo.moveAliases(trx, sourceId, targetId);
    const now = nowIso(ctx);
    for (const name of [source.name, source.short_name]) {
      if (!name || name === target.name) continue;
      if (!(await unitsRepo.findAlias(trx, source.region_id, name))) {
        await unitsRepo.insertAlias(trx, { id: newId(), region_id: source.region_id, unit_id: targetId, alias: name, created_at: now });
      }
    }
    await groupsRepo.moveMemberships(trx, sourceId, targetId);
    await unitsRepo.reparentChildren(trx, sourceId, targetId);
    await usersRepo.moveUnit(trx, sourceId, targetId);
    await unitsRepo.updateVersioned(trx, sourceId, source.version, { active: 0, merged_into_id: targetId, parent_id: null, updated_at: now });
    await unitsRepo.updateVersioned(trx, targetId, target.version, { updated_at: now });
    const after = await loadUnit(trx, targetId);
    await recordAudit(trx, ctx, {
      action: 'unit.merge',
      entityType: 'unit',
      entityId: targetId,
      regionId: target.region_id,
      summary: `将「${source.name}」合并到「${target.name}」（移动别名 ${moved} 个）`,
      before,
      after,
    });
    return after;
  });
}

/**
 * Resolves a unit name as printed in a plan: exact name, alias, short name, then a
 * width/space-insensitive match, then ranked suggestions. Group phrases are recognized too.
 * Never creates anything: unknown names go to the office.
 */
export async function resolveUnitName(ctx: ServiceContext, regionId: string, input: string): Promise<Resolution> {
  authorizeRead(canReadDirectory(ctx.actor, regionId), '该地区');
  return (await DirectoryIndex.load(ctx.db, regionId)).resolve(input);
}
