import type { Executor } from '../db/client.ts';
import { groupsRepo } from '../db/repositories/groups.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import type { UnitAliasRow, UnitGroupRow, UnitRow } from '../db/schema.ts';
import type { Resolution } from '../shared/api/units.ts';
import { nameKey, similarity } from './names.ts';

/** Phrases that name a set of units rather than one: 各部门, 有关部门, 成员单位, 各乡（镇、街道）… */
const GROUP_LIKE = /^(各|全[县市区]|县级各|市级各|[县市区]级有关|有关|乡镇[（(]|乡镇$)|各[^，,、]*(部门|单位|机关|乡|镇|街道|园区)|(有关|相关)(部门|单位|机关)|成员单位|直属机构/;
export const looksLikeGroup = (printed: string) => GROUP_LIKE.test(printed.trim());

/**
 * A region's directory loaded once, to resolve many printed names (a plan has hundreds):
 * exact full name, alias, short name, then a width/space-insensitive match, then ranked suggestions.
 */
export class DirectoryIndex {
  private byName = new Map<string, UnitRow>();
  private byKey = new Map<string, UnitRow>();
  private byId = new Map<string, UnitRow>();
  private aliasOf = new Map<string, string>();
  private aliasKeyOf = new Map<string, string>();
  private groupByKey = new Map<string, UnitGroupRow>();

  constructor(
    private units: UnitRow[],
    aliases: UnitAliasRow[],
    groups: UnitGroupRow[],
  ) {
    for (const u of units) {
      this.byId.set(u.id, u);
      this.byName.set(u.name, u);
      this.byKey.set(nameKey(u.name), u);
    }
    for (const a of aliases) {
      if (!this.byId.has(a.unit_id)) continue;
      this.aliasOf.set(a.alias, a.unit_id);
      this.aliasKeyOf.set(nameKey(a.alias), a.unit_id);
    }
    this.aliases = aliases.filter((a) => this.byId.has(a.unit_id));
    for (const g of groups) this.groupByKey.set(nameKey(g.name), g);
  }
  private aliases: UnitAliasRow[];

  static async load(db: Executor, regionId: string): Promise<DirectoryIndex> {
    const units = (await unitsRepo.list(db, { regionId })).filter((u) => !u.merged_into_id);
    return new DirectoryIndex(units, await unitsRepo.aliasesInRegion(db, regionId), await groupsRepo.list(db, regionId));
  }

  unit(id: string): UnitRow | undefined {
    return this.byId.get(id);
  }

  resolve(input: string): Resolution {
    const name = input.trim();
    const hit = (u: UnitRow | undefined, via: 'name' | 'alias' | 'short_name' | 'normalized') => (u ? { unitId: u.id, name: u.name, via } : null);
    const key = nameKey(name);
    const match =
      hit(this.byName.get(name), 'name') ??
      hit(this.byId.get(this.aliasOf.get(name) ?? ''), 'alias') ??
      hit(this.units.find((u) => u.short_name === name), 'short_name') ??
      hit(this.byKey.get(key) ?? this.byId.get(this.aliasKeyOf.get(key) ?? ''), 'normalized');
    const group = this.groupByKey.get(key);
    const scored = new Map<string, number>();
    for (const u of this.units) scored.set(u.id, Math.max(similarity(name, u.name), u.short_name ? similarity(name, u.short_name) : 0));
    for (const a of this.aliases) scored.set(a.unit_id, Math.max(scored.get(a.unit_id) ?? 0, similarity(name, a.alias)));
    const suggestions = [...scored.entries()]
      .filter(([id, s]) => s >= 0.3 && id !== match?.unitId)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([id, s]) => ({ unitId: id, name: this.byId.get(id)!.name, score: Math.round(s * 100) / 100 }));
    return { input, match, group: group ? { groupId: group.id, name: group.name } : null, suggestions };
  }
}
