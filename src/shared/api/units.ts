import { z } from 'zod';
import { GROUP_MODES, UNIT_KINDS } from '../enums.ts';
import { Id, Name, OptionalText, Version } from './common.ts';

const Alias = Name('别名', 100);

export const UnitKind = z.enum(UNIT_KINDS, { message: '单位类别不正确' });

export const UnitFields = z.object({
  name: Name('单位全称'),
  shortName: OptionalText('简称', 50),
  kind: UnitKind,
  parentId: Id.nullish(),
  sortOrder: z.number().int().min(0).max(1_000_000),
  liaisonName: OptionalText('联络员姓名', 50),
  liaisonPhone: OptionalText('联络员电话', 50),
  liaisonEmail: z
    .string()
    .trim()
    .email('邮箱格式不正确')
    .max(200)
    .nullish()
    .or(z.literal(''))
    .transform((v) => (v === undefined ? undefined : v ? v : null)),
  headName: OptionalText('主要负责人', 50),
});

export const CreateUnitRequest = UnitFields.extend({
  regionId: Id,
  parentId: Id.nullish().transform((v) => v ?? null),
  sortOrder: z.number().int().min(0).max(1_000_000).default(0),
  aliases: z.array(Alias).max(50, '别名最多 50 个').default([]),
}).strict();
export type CreateUnitRequest = z.input<typeof CreateUnitRequest>;

export const UpdateUnitRequest = UnitFields.partial().extend({ version: Version }).strict();
export type UpdateUnitRequest = z.input<typeof UpdateUnitRequest>;

export const SetActiveRequest = z.object({ version: Version, active: z.boolean() }).strict();
export const AddAliasRequest = z.object({ alias: Alias }).strict();
export const AliasParams = z.object({ id: Id, aliasId: Id }).strict();
export const MergeUnitsRequest = z
  .object({ sourceId: Id, targetId: Id })
  .strict()
  .refine((v) => v.sourceId !== v.targetId, { message: '不能把单位合并到它自己', path: ['targetId'] });

export const UnitListQuery = z
  .object({
    regionId: Id,
    q: z.string().trim().max(100).optional(),
    kind: UnitKind.optional(),
    active: z.enum(['true', 'false', 'all']).default('true'),
  })
  .strict();

export const UnitAlias = z.object({ id: z.string(), alias: z.string() });

export const Unit = z.object({
  id: z.string(),
  regionId: z.string(),
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: UnitKind,
  kindLabel: z.string(),
  sortOrder: z.number(),
  active: z.boolean(),
  liaisonName: z.string().nullable(),
  liaisonPhone: z.string().nullable(),
  liaisonEmail: z.string().nullable(),
  headName: z.string().nullable(),
  mergedIntoId: z.string().nullable(),
  aliases: z.array(UnitAlias),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Unit = z.infer<typeof Unit>;
export const UnitList = z.object({ items: z.array(Unit) });

export const ResolveQuery = z.object({ regionId: Id, name: z.string().trim().min(1, '请填写单位名称').max(200) }).strict();
export const Resolution = z.object({
  input: z.string(),
  match: z.object({ unitId: z.string(), name: z.string(), via: z.enum(['name', 'alias', 'short_name', 'normalized']) }).nullable(),
  group: z.object({ groupId: z.string(), name: z.string() }).nullable(),
  suggestions: z.array(z.object({ unitId: z.string(), name: z.string(), score: z.number() })),
});
export type Resolution = z.infer<typeof Resolution>;

export const ImportResult = z.object({
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  errors: z.array(z.object({ row: z.number(), message: z.string() })),
});
export type ImportResult = z.infer<typeof ImportResult>;

// groups
export const GroupMode = z.enum(GROUP_MODES);
const GroupDefinition = z.object({
  mode: GroupMode,
  ruleKinds: z.array(UnitKind).default([]),
  memberIds: z.array(Id).max(2000).default([]),
});
export const GroupPreviewRequest = GroupDefinition.extend({ regionId: Id }).strict();
export const CreateGroupRequest = GroupDefinition.extend({ regionId: Id, name: Name('分组名称'), description: OptionalText('说明', 500) })
  .strict()
  .refine((g) => g.mode !== 'rule' || g.ruleKinds.length > 0, { message: '按类别定义的分组至少选择一个单位类别', path: ['ruleKinds'] });
export type CreateGroupRequest = z.input<typeof CreateGroupRequest>;
export const UpdateGroupRequest = z
  .object({
    version: Version,
    name: Name('分组名称').optional(),
    description: OptionalText('说明', 500),
    mode: GroupMode.optional(),
    ruleKinds: z.array(UnitKind).optional(),
    memberIds: z.array(Id).max(2000).optional(),
  })
  .strict();
export type UpdateGroupRequest = z.input<typeof UpdateGroupRequest>;
export const GroupListQuery = z.object({ regionId: Id }).strict();
export const GroupMember = z.object({ id: z.string(), name: z.string(), kind: UnitKind });
export const Group = z.object({
  id: z.string(),
  regionId: z.string(),
  name: z.string(),
  mode: GroupMode,
  ruleKinds: z.array(UnitKind),
  description: z.string().nullable(),
  members: z.array(GroupMember),
  version: z.number(),
});
export type Group = z.infer<typeof Group>;
export const GroupList = z.object({ items: z.array(Group) });
export const GroupPreview = z.object({ members: z.array(GroupMember) });
