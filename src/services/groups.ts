import { inTransaction, type Executor } from '../db/client.ts';
import { isUniqueViolation } from '../db/dialect/errors.ts';
import { newId } from '../db/ids.ts';
import { groupsRepo } from '../db/repositories/groups.ts';
import { regionsRepo } from '../db/repositories/regions.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import type { UnitGroupRow } from '../db/schema.ts';
import {
  CreateGroupRequest as CreateGroupSchema,
  UpdateGroupRequest as UpdateGroupSchema,
  type CreateGroupRequest,
  type Group,
  type UpdateGroupRequest,
} from '../shared/api/units.ts';
import { UNIT_KINDS, type GroupMode, type UnitKind } from '../shared/enums.ts';
import { AppError, STALE } from '../shared/errors.ts';
import { recordAudit } from './audit.ts';
import { nowIso, type ServiceContext } from './context.ts';
import { authorize, authorizeRead, canManageDirectory, canReadDirectory } from './policies.ts';
import { parseInput } from './validate.ts';

type Member = Group['members'][number];

/** Who is in a group now: for a rule, every active unit of its kinds; else its explicit members. */
export async function resolveMembers(db: Executor, regionId: string, mode: GroupMode, kinds: string[], memberIds: string[]): Promise<Member[]> {
  if (mode === 'rule') {
    const rows = await groupsRepo.activeUnitsOfKinds(db, regionId, kinds);
    return rows.map((u) => ({ id: u.id, name: u.name, kind: u.kind as UnitKind }));
  }
  const rows = (await unitsRepo.findByIds(db, memberIds)).filter((u) => u.region_id === regionId);
  rows.sort((a, b) => a.sort_order - b.sort_order || a.name.localeCompare(b.name, 'zh-CN'));
  return rows.map((u) => ({ id: u.id, name: u.name, kind: u.kind as UnitKind }));
}

export async function groupMembers(db: Executor, g: UnitGroupRow): Promise<Member[]> {
  return resolveMembers(db, g.region_id, g.mode as GroupMode, kindsOf(g), await groupsRepo.memberIds(db, g.id));
}

const kindsOf = (g: UnitGroupRow): UnitKind[] => (g.rule_kinds ? (JSON.parse(g.rule_kinds) as UnitKind[]) : []);

async function present(db: Executor, g: UnitGroupRow): Promise<Group> {
  return {
    id: g.id,
    regionId: g.region_id,
    name: g.name,
    mode: g.mode as GroupMode,
    ruleKinds: kindsOf(g),
    description: g.description,
    members: await groupMembers(db, g),
    version: g.version,
  };
}

export async function listGroups(ctx: ServiceContext, regionId: string): Promise<Group[]> {
  authorizeRead(canReadDirectory(ctx.actor, regionId), '该地区');
  const rows = await groupsRepo.list(ctx.db, regionId);
  return Promise.all(rows.map((g) => present(ctx.db, g)));
}

export async function previewGroup(ctx: ServiceContext, p: { regionId: string; mode: GroupMode; ruleKinds: UnitKind[]; memberIds: string[] }): Promise<Member[]> {
  authorizeRead(canReadDirectory(ctx.actor, p.regionId), '该地区');
  return resolveMembers(ctx.db, p.regionId, p.mode, p.ruleKinds, p.memberIds);
}

async function assertMembersInRegion(db: Executor, regionId: string, ids: string[]): Promise<void> {
  const rows = await unitsRepo.findByIds(db, ids);
  const ok = new Set(rows.filter((u) => u.region_id === regionId).map((u) => u.id));
  const bad = ids.filter((id) => !ok.has(id));
  if (bad.length) throw new AppError('VALIDATION', `有 ${bad.length} 个成员单位不存在或不在本地区`, bad.map((id) => ({ field: 'memberIds', message: `单位 ${id} 不存在` })));
}

export async function createGroup(ctx: ServiceContext, raw: CreateGroupRequest): Promise<Group> {
  const input = parseInput(CreateGroupSchema, raw);
  authorizeRead(canReadDirectory(ctx.actor, input.regionId), '该地区');
  authorize(canManageDirectory(ctx.actor, input.regionId), '修改单位分组');
  if (!(await regionsRepo.findById(ctx.db, input.regionId))) throw new AppError('NOT_FOUND', '地区不存在');
  try {
    return await inTransaction(ctx.db, async (trx) => {
      if (await groupsRepo.findByName(trx, input.regionId, input.name)) throw new AppError('CONFLICT', `已有名为「${input.name}」的分组`, [{ field: 'name', message: '重名' }]);
      const explicit = input.mode === 'explicit' ? [...new Set(input.memberIds)] : [];
      await assertMembersInRegion(trx, input.regionId, explicit);
      const now = nowIso(ctx);
      const row: UnitGroupRow = {
        id: newId(),
        region_id: input.regionId,
        name: input.name,
        mode: input.mode,
        rule_kinds: input.mode === 'rule' ? JSON.stringify(input.ruleKinds) : null,
        description: input.description ?? null,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await groupsRepo.insert(trx, row);
      await groupsRepo.setMembers(trx, row.id, explicit);
      const g = await present(trx, row);
      await recordAudit(trx, ctx, { action: 'group.create', entityType: 'unit_group', entityId: row.id, regionId: row.region_id, summary: `新建分组「${row.name}」`, after: g });
      return g;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', `已有名为「${input.name}」的分组`);
    throw e;
  }
}

export async function updateGroup(ctx: ServiceContext, id: string, raw: UpdateGroupRequest): Promise<Group> {
  const input = parseInput(UpdateGroupSchema, raw);
  return inTransaction(ctx.db, async (trx) => {
    const row = await groupsRepo.findById(trx, id);
    if (!row || !canReadDirectory(ctx.actor, row.region_id)) throw new AppError('NOT_FOUND', '分组不存在');
    authorize(canManageDirectory(ctx.actor, row.region_id), '修改单位分组');
    if (row.version !== input.version) throw new AppError('CONFLICT', `分组「${row.name}」已被他人修改，请刷新后再改`, STALE);
    const before = await present(trx, row);
    if (input.name && input.name !== row.name && (await groupsRepo.findByName(trx, row.region_id, input.name))) {
      throw new AppError('CONFLICT', `已有名为「${input.name}」的分组`, [{ field: 'name', message: '重名' }]);
    }
    const mode = input.mode ?? (row.mode as GroupMode);
    const kinds = input.ruleKinds ?? kindsOf(row);
    if (mode === 'rule' && kinds.length === 0) throw new AppError('VALIDATION', '按类别定义的分组至少选择一个单位类别', [{ field: 'ruleKinds', message: '至少选择一个' }]);
    const patch: Partial<UnitGroupRow> = { updated_at: nowIso(ctx), mode, rule_kinds: mode === 'rule' ? JSON.stringify(kinds) : null };
    if (input.name) patch.name = input.name;
    if (input.description !== undefined) patch.description = input.description;
    if (!(await groupsRepo.updateVersioned(trx, id, input.version, patch))) throw new AppError('CONFLICT', `分组「${row.name}」已被他人修改，请刷新后再改`, STALE);
    if (mode === 'explicit' && input.memberIds) {
      const ids = [...new Set(input.memberIds)];
      await assertMembersInRegion(trx, row.region_id, ids);
      await groupsRepo.setMembers(trx, id, ids);
    }
    if (mode === 'rule') await groupsRepo.setMembers(trx, id, []);
    const after = await present(trx, (await groupsRepo.findById(trx, id))!);
    await recordAudit(trx, ctx, { action: 'group.update', entityType: 'unit_group', entityId: id, regionId: row.region_id, summary: `修改分组「${after.name}」`, before, after });
    return after;
  });
}

export async function deleteGroup(ctx: ServiceContext, id: string): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const row = await groupsRepo.findById(trx, id);
    if (!row || !canReadDirectory(ctx.actor, row.region_id)) throw new AppError('NOT_FOUND', '分组不存在');
    authorize(canManageDirectory(ctx.actor, row.region_id), '删除单位分组');
    const before = await present(trx, row);
    await groupsRepo.delete(trx, id);
    await recordAudit(trx, ctx, { action: 'group.delete', entityType: 'unit_group', entityId: id, regionId: row.region_id, summary: `删除分组「${row.name}」`, before });
  });
}

/**
 * The group phrases plans use, named for the region's level (县 / 市 / 区). 「各有关部门」 and
 * 「各行政执法部门」 are explicit lists the office fills in: which departments are "relevant"
 * is a decision, not a rule.
 */
export function defaultGroupsFor(regionName: string): { name: string; mode: GroupMode; kinds: UnitKind[]; description: string }[] {
  const p = regionName.endsWith('市') ? '市' : regionName.endsWith('区') ? '区' : '县';
  return [
    { name: `${p}政府各部门`, mode: 'rule', kinds: ['gov'], description: '所有政府部门' },
    { name: `${p}政府各有关部门`, mode: 'explicit', kinds: [], description: '由依法治办按任务确定的有关部门' },
    { name: '各乡（镇、街道）', mode: 'rule', kinds: ['township'], description: '所有乡镇、街道' },
    { name: `${p}级各行政执法部门`, mode: 'explicit', kinds: [], description: '承担行政执法职责的部门' },
  ];
}

export async function ensureDefaultGroups(ctx: ServiceContext, regionId: string, regionName: string): Promise<void> {
  for (const g of defaultGroupsFor(regionName)) {
    if (await groupsRepo.findByName(ctx.db, regionId, g.name)) continue;
    await createGroup(ctx, { regionId, name: g.name, mode: g.mode, ruleKinds: g.kinds, memberIds: [], description: g.description });
  }
}

/** Departments that carry administrative law enforcement (行政执法 bodies), recognized by their names. */
const ENFORCEMENT_NAME =
  /公安|市场监|生态环境|自然资源|住房|住建|城乡建设|交通运输|交运|农业农村|农业|文化|旅游|文旅|应急|卫生健康|卫健|城市管理|城管|综合(行政)?执法|水务|水利|林业|税务|人力资源|人社|教育|教体|商务|民政|医疗保障|医保|统计|消防|司法局|发展和改革|发展改革|发改|烟草|气象|粮食|退役军人/;

export interface MemberRule {
  /** how the rule reads, for the group's description */
  label: string;
  pick: (u: { name: string; kind: string }) => boolean;
}

/**
 * The members a group phrase stands for when nobody has said otherwise, as a rule over the directory:
 * 行政执法 phrases → the government departments that enforce (by name); other 部门 phrases → every
 * government department; 乡（镇、街道） phrases → every township; 有关单位 → every government
 * department. A phrase the directory cannot answer (a committee's 成员单位) has no rule: null.
 */
export function memberRuleFor(phrase: string): MemberRule | null {
  const p = phrase.replace(/\s/g, '');
  if (/成员单位|领导小组|委员会/.test(p)) return null;
  if (/执法/.test(p)) return { label: '承担行政执法职责的政府部门', pick: (u) => u.kind === 'gov' && ENFORCEMENT_NAME.test(u.name) };
  if (/部门|直属机构|机关/.test(p)) return { label: '所有政府部门', pick: (u) => u.kind === 'gov' };
  if (/乡|镇|街道|办事处|园区/.test(p)) return { label: '所有乡镇、街道', pick: (u) => u.kind === 'township' };
  if (/有关单位|相关单位|各单位/.test(p)) return { label: '所有政府部门', pick: (u) => u.kind === 'gov' };
  return null;
}

/**
 * Seeds the region's explicit groups that have no members yet — the defaults (县政府各有关部门,
 * 县级各行政执法部门) and the group phrases given (as printed in a plan; created as explicit
 * groups when missing) — with the members their rule picks from the directory as it is now.
 * The groups stay explicit, so the office edits them like any other. Used by the demo loader, after
 * the plan's units exist and before the plan is committed, so every phrase expands to its members.
 */
export async function seedGroupMembers(ctx: ServiceContext, regionId: string, phrases: string[] = []): Promise<{ name: string; members: number }[]> {
  const units = await groupsRepo.activeUnitsOfKinds(ctx.db, regionId, [...UNIT_KINDS]);
  const seeded: { name: string; members: number }[] = [];
  for (const phrase of [...new Set(phrases.map((x) => x.trim()))]) {
    const rule = memberRuleFor(phrase);
    if (!rule || (await groupsRepo.findByName(ctx.db, regionId, phrase))) continue;
    const memberIds = units.filter(rule.pick).map((u) => u.id);
    if (memberIds.length === 0) continue;
    await createGroup(ctx, { regionId, name: phrase, mode: 'explicit', ruleKinds: [], memberIds, description: `初始成员：${rule.label}（可调整）` });
    seeded.push({ name: phrase, members: memberIds.length });
  }
  for (const g of await groupsRepo.list(ctx.db, regionId)) {
    if (g.mode !== 'explicit' || (await groupsRepo.memberIds(ctx.db, g.id)).length > 0) continue;
    const rule = memberRuleFor(g.name);
    if (!rule) continue;
    const memberIds = units.filter(rule.pick).map((u) => u.id);
    if (memberIds.length === 0) continue;
    await updateGroup(ctx, g.id, { version: g.version, memberIds });
    seeded.push({ name: g.name, members: memberIds.length });
  }
  return seeded;
}
