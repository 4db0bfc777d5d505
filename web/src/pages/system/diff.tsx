/** Turns an audit entry's before/after JSON into a readable list of changed fields. */
import { ROLE_LABEL, UNIT_KIND_LABEL, type Role, type UnitKind } from '@shared/enums.ts';

const LABEL: Record<string, string> = {
  name: '名称',
  shortName: '简称',
  kind: '类别',
  parentName: '上级单位',
  sortOrder: '排序号',
  active: '状态',
  liaisonName: '联络员',
  liaisonPhone: '联络员电话',
  liaisonEmail: '联络员邮箱',
  headName: '主要负责人',
  aliases: '别名',
  alias: '别名',
  mergedIntoId: '合并到',
  username: '用户名',
  displayName: '姓名',
  role: '角色',
  unitName: '所属单位',
  phone: '电话',
  email: '邮箱',
  mustChangePassword: '须修改密码',
  regionIds: '可访问地区',
  mode: '定义方式',
  ruleKinds: '包含类别',
  members: '成员单位',
  description: '说明',
  level: '行政级别',
  abbr: '简称',
  fullName: '全称',
  source: '被合并单位',
  target: '保留单位',
};
const HIDDEN = new Set(['id', 'version', 'createdAt', 'updatedAt', 'created_at', 'updated_at', 'regionId', 'region_id', 'kindLabel', 'roleLabel', 'parentId', 'parent_id', 'unitId', 'lastLoginAt', 'regionId', 'mergedIntoId']);

export interface FieldChange {
  key: string;
  label: string;
  before: string | null;
  after: string | null;
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Names for ids the UI knows (regions), so a diff never shows a bare id. */
export type NameOf = (id: string) => string | undefined;

function show(key: string, v: unknown, nameOf: NameOf): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (key === 'regionIds' && Array.isArray(v)) return v.map((id) => nameOf(String(id)) ?? String(id)).join('、') || null;
  if (typeof v === 'boolean') return key === 'active' ? (v ? '在用' : '停用') : v ? '是' : '否';
  if (key === 'kind' && typeof v === 'string') return UNIT_KIND_LABEL[v as UnitKind] ?? v;
  if (key === 'role' && typeof v === 'string') return ROLE_LABEL[v as Role] ?? v;
  if (key === 'mode' && typeof v === 'string') return v === 'rule' ? '按类别' : v === 'explicit' ? '指定成员' : v;
  if (key === 'ruleKinds' && Array.isArray(v)) return v.map((k) => UNIT_KIND_LABEL[k as UnitKind] ?? String(k)).join('、') || null;
  if (Array.isArray(v)) {
    const parts = v.map((x) => (isObj(x) ? String(x.alias ?? x.name ?? x.displayName ?? JSON.stringify(x)) : String(x)));
    return parts.length ? parts.join('、') : null;
  }
  if (isObj(v)) return String(v.name ?? v.displayName ?? JSON.stringify(v));
  return String(v);
}

function flatten(v: unknown, prefix = '', labelPrefix = ''): Map<string, { label: string; raw: unknown; key: string }> {
  const out = new Map<string, { label: string; raw: unknown; key: string }>();
  if (!isObj(v)) return out;
  for (const [k, val] of Object.entries(v)) {
    if (HIDDEN.has(k)) continue;
    const path = prefix ? `${prefix}.${k}` : k;
    const label = `${labelPrefix}${LABEL[k] ?? k}`;
    // nested records (merge: {source, target}) are shown field by field
    if (isObj(val) && (k === 'source' || k === 'target')) for (const [p, e] of flatten(val, path, `${label}·`)) out.set(p, e);
    else out.set(path, { label, raw: val, key: k });
  }
  return out;
}

export function diffFields(before: unknown, after: unknown, nameOf: NameOf = () => undefined): FieldChange[] {
  const b = flatten(before);
  const a = flatten(after);
  const keys = Array.from(new Set([...b.keys(), ...a.keys()]));
  const changes: FieldChange[] = [];
  for (const k of keys) {
    const eb = b.get(k);
    const ea = a.get(k);
    const key = (ea ?? eb)!.key;
    const sb = eb ? show(key, eb.raw, nameOf) : null;
    const sa = ea ? show(key, ea.raw, nameOf) : null;
    if (sb === sa) continue;
    changes.push({ key: k, label: (ea ?? eb)!.label, before: sb, after: sa });
  }
  return changes;
}
