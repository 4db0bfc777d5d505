import { regionsRepo } from '../db/repositories/regions.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import { usersRepo } from '../db/repositories/users.ts';
import type { Role, UnitKind } from '../shared/enums.ts';
import { ROLE_LABEL } from '../shared/enums.ts';
import type { ServiceContext } from './context.ts';
import { ensureDefaultGroups, seedGroupMembers } from './groups.ts';
import { createRegion } from './regions.ts';
import { createUnit } from './units.ts';
import { createUser } from './users.ts';
import { inTransaction } from '../db/client.ts';
import { automaticDecisions, commitImport, getImport, uploadPlan } from './plan-import.ts';

export interface DemoRegion {
  province: string;
  prefecture: string;
  name: string;
  abbr: string;
  /** latin prefix of the demo accounts, e.g. xifeng → xifeng.office */
  slug: string;
  units: { name: string; short: string; kind: UnitKind; aliases: string[] }[];
  /** the region's plan document, under data/plans/ */
  plan?: string;
}

/** Reads a demo plan's bytes; the caller (runtime) owns the file system. */
export type PlanReader = (fileName: string) => Uint8Array;

export const DEMO_PASSWORD = 'Fazhi@2026';

export interface DemoAccount {
  username: string;
  role: string;
  region: string;
  unit: string | null;
}

/**
 * Loads the demo on an empty database: the regions of the seed plans with a few units each,
 * the default groups, each region's plan (its owners added to the directory, its group phrases
 * seeded with members), and one account per role per region. Does nothing when regions exist.
 */
export async function loadDemo(ctx: ServiceContext, regions: DemoRegion[], readPlan?: PlanReader): Promise<DemoAccount[] | null> {
  if ((await regionsRepo.count(ctx.db)) > 0) return null;
  return inTransaction(ctx.db, async (trx) => {
    const tctx: ServiceContext = { ...ctx, db: trx as ServiceContext['db'] };
    const accounts: DemoAccount[] = [];
    await createUser(tctx, { username: 'admin', displayName: '系统管理员', role: 'admin', password: DEMO_PASSWORD }, { mustChangePassword: false });
    accounts.push({ username: 'admin', role: ROLE_LABEL.admin, region: '全部', unit: null });
    const provinces = new Map<string, string>();
    const cities = new Map<string, string>();
    for (const r of regions) {
      let provinceId = provinces.get(r.province);
      if (!provinceId) {
        provinceId = (await createRegion(tctx, { name: r.province, level: 'province', parentId: null })).id;
        provinces.set(r.province, provinceId);
      }
      const cityKey = `${r.province}/${r.prefecture}`;
      let cityId = cities.get(cityKey);
      if (!cityId) {
        cityId = (await createRegion(tctx, { name: r.prefecture, level: 'city', parentId: provinceId, province: r.province })).id;
        cities.set(cityKey, cityId);
      }
      const county = await createRegion(tctx, { name: r.name, level: 'county', parentId: cityId, abbr: r.abbr, province: r.province, prefecture: r.prefecture });
      const unitIds: string[] = [];
      for (const [i, u] of r.units.entries()) {
        const created = await createUnit(tctx, { regionId: county.id, name: u.name, shortName: u.short, kind: u.kind, parentId: null, sortOrder: (i + 1) * 10, aliases: u.aliases });
        unitIds.push(created.id);
      }
      await ensureDefaultGroups(tctx, county.id, county.name);
      if (r.plan && readPlan) {
        const uploaded = await uploadPlan(tctx, { regionId: county.id, fileName: r.plan, bytes: readPlan(r.plan) });
        // the directory first: a unit for every name the plan prints that is not one yet, then the
        // group phrases seeded from it (all townships, the enforcement departments …), so that when
        // the plan is committed every phrase expands to members and no owned task is left unassigned
        const first = await automaticDecisions(tctx, uploaded);
        for (const [printed, d] of Object.entries(first)) {
          if (d.action !== 'create') continue;
          if (await unitsRepo.findByName(trx, county.id, d.name)) continue;
          await createUnit(tctx, { regionId: county.id, name: d.name, kind: d.kind, parentId: null, sortOrder: 1000, aliases: printed !== d.name ? [printed] : [] });
        }
        await seedGroupMembers(tctx, county.id, Object.entries(first).filter(([, d]) => d.action === 'group').map(([printed]) => printed));
        const imp = await getImport(tctx, uploaded.id);
        await commitImport(tctx, imp.id, { decisions: await automaticDecisions(tctx, imp) });
      }
      const roles: [Role, string, string | null][] = [
        ['office', `${r.name}依法治办`, unitIds[0] ?? null],
        ['liaison', `${r.units[1]?.short ?? '单位'}联络员`, unitIds[1] ?? null],
        ['leader', `${r.name}分管领导`, null],
        ['inspector', `${r.name}督察考核组`, null],
      ];
      for (const [role, displayName, unitId] of roles) {
        const username = `${r.slug}.${role}`;
        if (await usersRepo.findByUsername(trx, username)) continue;
        await createUser(tctx, { username, displayName, role, regionId: county.id, unitId: role === 'liaison' || role === 'office' ? unitId : null, password: DEMO_PASSWORD }, { mustChangePassword: false });
        accounts.push({ username, role: ROLE_LABEL[role], region: r.name, unit: role === 'liaison' || role === 'office' ? (r.units[role === 'office' ? 0 : 1]?.name ?? null) : null });
      }
    }
    return accounts;
  });
}
