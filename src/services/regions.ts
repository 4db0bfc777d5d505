import { newId } from '../db/ids.ts';
import { inTransaction } from '../db/client.ts';
import { regionsRepo } from '../db/repositories/regions.ts';
import type { RegionRow } from '../db/schema.ts';
import type { CreateRegionRequest, Region } from '../shared/api/regions.ts';
import type { RegionLevel } from '../shared/enums.ts';
import { AppError } from '../shared/errors.ts';
import { recordAudit } from './audit.ts';
import { nowIso, type ServiceContext } from './context.ts';
import { authorize, canManageRegions, visibleRegionIds } from './policies.ts';

export function presentRegion(r: RegionRow, all: RegionRow[]): Region {
  const byId = new Map(all.map((x) => [x.id, x]));
  const chain: string[] = [];
  for (let cur: RegionRow | undefined = r; cur; cur = cur.parent_id ? byId.get(cur.parent_id) : undefined) chain.unshift(cur.name);
  return { id: r.id, parentId: r.parent_id, name: r.name, level: r.level as RegionLevel, abbr: r.abbr, fullName: chain.join('') };
}

/** Regions the actor can see, with their ancestors so the tree is whole. */
export async function listRegions(ctx: ServiceContext): Promise<Region[]> {
  const all = await regionsRepo.list(ctx.db);
  const visible = visibleRegionIds(ctx.actor);
  if (visible === null) return all.map((r) => presentRegion(r, all));
  const keep = new Set<string>();
  const byId = new Map(all.map((x) => [x.id, x]));
  for (const id of visible) for (let cur = byId.get(id); cur; cur = cur.parent_id ? byId.get(cur.parent_id) : undefined) keep.add(cur.id);
  return all.filter((r) => keep.has(r.id)).map((r) => presentRegion(r, all));
}

const LEVEL_ORDER: Record<RegionLevel, number> = { province: 0, city: 1, county: 2 };

export async function createRegion(ctx: ServiceContext, input: CreateRegionRequest & { province?: string | null; prefecture?: string | null }): Promise<Region> {
  authorize(canManageRegions(ctx.actor), '管理地区');
  return inTransaction(ctx.db, async (trx) => {
    const parentId = input.parentId ?? null;
    if (parentId) {
      const parent = await regionsRepo.findById(trx, parentId);
      if (!parent) throw new AppError('VALIDATION', '上级地区不存在', [{ field: 'parentId', message: '上级地区不存在' }]);
      if (LEVEL_ORDER[parent.level as RegionLevel] >= LEVEL_ORDER[input.level]) {
        throw new AppError('VALIDATION', '上级地区的级别必须高于本地区', [{ field: 'level', message: '级别与上级不符' }]);
      }
    }
    if (await regionsRepo.findByName(trx, input.name.trim(), parentId)) {
      throw new AppError('CONFLICT', `「${input.name}」已存在`, [{ field: 'name', message: '同一上级下已有同名地区' }]);
    }
    const row: RegionRow = {
      id: newId(),
      parent_id: parentId,
      name: input.name.trim(),
      level: input.level,
      abbr: input.abbr ?? null,
      province: input.province ?? null,
      prefecture: input.prefecture ?? null,
      sort_order: 0,
      created_at: nowIso(ctx),
    };
    await regionsRepo.insert(trx, row);
    await recordAudit(trx, ctx, { action: 'region.create', entityType: 'region', entityId: row.id, regionId: row.id, summary: `新建地区「${row.name}」`, after: row });
    return presentRegion(row, [...(await regionsRepo.list(trx))]);
  });
}
