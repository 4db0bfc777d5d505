/** Factories for test data: each makes a valid record with defaults, overridable field by field. */
import type { Db } from '../src/db/client.ts';
import { actorFor } from '../src/services/auth.ts';
import { systemActor, type Actor, type ServiceContext } from '../src/services/context.ts';
import { ensureDefaultGroups } from '../src/services/groups.ts';
import { createRegion } from '../src/services/regions.ts';
import { createUnit } from '../src/services/units.ts';
import { createUser } from '../src/services/users.ts';
import { commitImport, uploadPlan } from '../src/services/plan-import.ts';
import { usersRepo } from '../src/db/repositories/users.ts';
import { FixedClock, type Clock } from '../src/shared/clock.ts';
import type { Role, UnitKind } from '../src/shared/enums.ts';
import type { Unit } from '../src/shared/api/units.ts';

let n = 0;
const seq = () => ++n;

export const TEST_PASSWORD = 'Passw0rd!';

export function systemCtx(db: Db, clock: Clock = new FixedClock('2026-03-02T02:00:00Z')): ServiceContext {
  return { db, clock, actor: systemActor('测试'), ip: '127.0.0.1', requestId: 'test' };
}

export async function makeRegion(ctx: ServiceContext, name = `测试${seq()}县`) {
  const province = await createRegion(ctx, { name: `测试省${seq()}`, level: 'province', parentId: null });
  const city = await createRegion(ctx, { name: `测试市${seq()}`, level: 'city', parentId: province.id });
  const county = await createRegion(ctx, { name, level: 'county', parentId: city.id, abbr: name.slice(0, 1) });
  await ensureDefaultGroups(ctx, county.id, county.name);
  return county;
}

export async function makeUnit(ctx: ServiceContext, regionId: string, over: Partial<{ name: string; kind: UnitKind; aliases: string[]; parentId: string | null; shortName: string }> = {}): Promise<Unit> {
  return createUnit(ctx, { regionId, name: over.name ?? `测试单位${seq()}`, kind: over.kind ?? 'gov', parentId: over.parentId ?? null, aliases: over.aliases ?? [], shortName: over.shortName ?? null });
}

export async function makeUser(ctx: ServiceContext, over: { role: Role; regionId?: string | null; unitId?: string | null; username?: string; mustChangePassword?: boolean; email?: string | null; displayName?: string }) {
  const r = await createUser(
    ctx,
    { username: over.username ?? `user${seq()}`, displayName: over.displayName ?? `测试用户${n}`, role: over.role, regionId: over.regionId ?? null, unitId: over.unitId ?? null, password: TEST_PASSWORD, email: over.email ?? null },
    { mustChangePassword: over.mustChangePassword ?? false },
  );
  return r.user;
}

/** A service context acting as the given user. */
export async function ctxAs(ctx: ServiceContext, userId: string): Promise<ServiceContext> {
  const row = await usersRepo.findById(ctx.db, userId);
  if (!row) throw new Error('no such user');
  const actor: Actor = await actorFor(ctx.db, row, null);
  return { ...ctx, actor };
}

/** A county with two units and one user per role (liaison of unit A). */
export async function makeCounty(ctx: ServiceContext, name?: string) {
  const region = await makeRegion(ctx, name);
  const unitA = await makeUnit(ctx, region.id, { name: `${region.name}甲局`, aliases: [`${region.name.slice(0, 1)}甲局`] });
  const unitB = await makeUnit(ctx, region.id, { name: `${region.name}乙局` });
  const office = await makeUser(ctx, { role: 'office', regionId: region.id, unitId: unitA.id });
  const liaison = await makeUser(ctx, { role: 'liaison', regionId: region.id, unitId: unitA.id });
  const leader = await makeUser(ctx, { role: 'leader', regionId: region.id });
  const inspector = await makeUser(ctx, { role: 'inspector', regionId: region.id });
  return { region, unitA, unitB, office, liaison, leader, inspector };
}

/** Imports a plan written as text (the parser's input) and commits it with no owner decisions; returns the plan id. */
export async function importPlanText(ctx: ServiceContext, regionId: string, text: string, fileName = 'plan.txt'): Promise<string> {
  const imp = await uploadPlan(ctx, { regionId, fileName, bytes: new TextEncoder().encode(text) });
  return (await commitImport(ctx, imp.id, {})).planId;
}
