import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sqliteTestDb, type TestDb } from '../../test/db.ts';
import { TEST_PASSWORD, ctxAs, makeCounty, makeUser, systemCtx } from '../../test/factories.ts';
import { FixedClock } from '../shared/clock.ts';
import { THROTTLE, authenticate, changePassword, listSessions, login, revokeSession, switchRegion } from './auth.ts';
import { createUser, listUsers, resetPassword, updateUser } from './users.ts';
import type { ServiceContext } from './context.ts';

const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;

describe('sign-in, sessions and accounts', () => {
  let h: TestDb;
  let clock: FixedClock;
  let sys: ServiceContext;
  let county: Awaited<ReturnType<typeof makeCounty>>;
  const settings = { sessionDays: 7 };
  const deps = () => ({ db: h.db, clock, settings });
  const attempt = (username: string, password: string, ip = '10.0.0.1') => login(deps(), { username, password, ip, userAgent: 'test' });

  before(async () => {
    h = await sqliteTestDb();
    clock = new FixedClock('2026-03-02T02:00:00Z');
    sys = systemCtx(h.db, clock);
    county = await makeCounty(sys, '登录县');
  });
  after(async () => h.dispose());

  test('a correct password signs in; the session resolves to the user and their region', async () => {
    const r = await attempt(county.office.username, TEST_PASSWORD);
    assert.equal(r.me.role, 'office');
    assert.equal(r.me.currentRegionId, county.region.id);
    assert.ok(r.me.csrfToken.length >= 20);
    const auth = await authenticate(deps(), r.token);
    assert.equal(auth?.actor.userId, county.office.id);
    assert.equal(await authenticate(deps(), r.token + 'x'), null);
  });

  test('a wrong password and an unknown user get the same generic message', async () => {
    const a = await attempt(county.leader.username, 'wrong-1').catch((e: Error) => e);
    const b = await attempt('no-such-user', 'wrong-1').catch((e: Error) => e);
    assert.equal((a as Error).message, '用户名或密码错误');
    assert.equal((b as Error).message, '用户名或密码错误');
  });

  test(`${THROTTLE.userMax} failures lock the account for a while, even for the right password; it unlocks later`, async () => {
    const u = await makeUser(sys, { role: 'inspector', regionId: county.region.id });
    for (let i = 0; i < THROTTLE.userMax; i++) await assert.rejects(attempt(u.username, 'bad-pass-1', `10.1.0.${i}`), code('UNAUTHENTICATED'));
    await assert.rejects(attempt(u.username, TEST_PASSWORD, '10.1.1.1'), (e: Error & { code?: string }) => e.code === 'RATE_LIMITED' && /临时锁定/.test(e.message));
    clock.advance(THROTTLE.lockMs + 1000);
    assert.equal((await attempt(u.username, TEST_PASSWORD, '10.1.1.1')).me.username, u.username);
  });

  test('sessions expire after the configured days of inactivity and slide while used', async () => {
    const r = await attempt(county.liaison.username, TEST_PASSWORD);
    clock.advance(6 * 86_400_000);
    assert.ok(await authenticate(deps(), r.token), 'still valid after 6 days');
    clock.advance(6 * 86_400_000);
    assert.ok(await authenticate(deps(), r.token), 'slid forward on use');
    clock.advance(8 * 86_400_000);
    assert.equal(await authenticate(deps(), r.token), null, 'expired after 8 idle days');
  });

  test('sessions are listed and revocable; a revoked session no longer signs in', async () => {
    const a = await attempt(county.leader.username, TEST_PASSWORD);
    const b = await attempt(county.leader.username, TEST_PASSWORD);
    const authA = (await authenticate(deps(), a.token))!;
    const ctx: ServiceContext = { ...sys, actor: authA.actor };
    const list = await listSessions(ctx, authA.session.id);
    assert.equal(list.length, 2);
    assert.equal(list.filter((s) => s.current).length, 1);
    const other = list.find((s) => !s.current)!;
    await revokeSession(ctx, other.id);
    assert.equal(await authenticate(deps(), b.token), null);
    await assert.rejects(revokeSession(ctx, 'ffffffffffffffff'), code('NOT_FOUND'));
  });

  test('an account made by someone else must change its password first; the change signs out other devices', async () => {
    const office = await ctxAs(sys, county.office.id);
    const created = await createUser(office, { username: 'newliaison', displayName: '新联络员', role: 'liaison', regionId: county.region.id, unitId: county.unitB.id });
    assert.ok(created.temporaryPassword);
    assert.equal(created.user.mustChangePassword, true);
    const first = await attempt('newliaison', created.temporaryPassword!);
    assert.equal(first.me.mustChangePassword, true);
    const second = await attempt('newliaison', created.temporaryPassword!);
    const auth = (await authenticate(deps(), first.token))!;
    const ctx: ServiceContext = { ...sys, actor: auth.actor };
    await assert.rejects(changePassword(ctx, auth.session.id, 'wrong', 'NewPass123'), code('VALIDATION'));
    await changePassword(ctx, auth.session.id, created.temporaryPassword!, 'NewPass123');
    assert.equal(await authenticate(deps(), second.token), null);
    assert.ok(await authenticate(deps(), first.token));
    assert.equal((await attempt('newliaison', 'NewPass123')).me.mustChangePassword, false);
  });

  test('reset password signs the user out and requires a change', async () => {
    const r = await attempt(county.inspector.username, TEST_PASSWORD);
    const temp = await resetPassword(sys, county.inspector.id);
    assert.equal(await authenticate(deps(), r.token), null);
    assert.equal((await attempt(county.inspector.username, temp)).me.mustChangePassword, true);
  });

  test('a user switches only to regions granted to them', async () => {
    const r = await attempt(county.leader.username, TEST_PASSWORD);
    const auth = (await authenticate(deps(), r.token))!;
    const other = await makeCounty(sys, '切换县');
    await assert.rejects(switchRegion({ ...sys, actor: auth.actor }, auth.session.id, other.region.id), code('NOT_FOUND'));
    const fresh = (await listUsers(sys, { regionId: county.region.id })).find((u) => u.id === county.leader.id)!;
    await updateUser(sys, county.leader.id, { version: fresh.version, extraRegionIds: [other.region.id] });
    const again = (await authenticate(deps(), r.token))!;
    await switchRegion({ ...sys, actor: again.actor }, again.session.id, other.region.id);
    assert.equal((await authenticate(deps(), r.token))!.actor.currentRegionId, other.region.id);
  });

  test('account permissions: the office manages its liaisons, not offices or other regions; liaisons manage nobody', async () => {
    const office = await ctxAs(sys, county.office.id);
    await assert.rejects(createUser(office, { username: 'office2', displayName: '另一依法治办', role: 'office', regionId: county.region.id }), code('FORBIDDEN'));
    await assert.rejects(createUser(office, { username: 'admin2', displayName: '管理员', role: 'admin' }), code('FORBIDDEN'));
    await assert.rejects(createUser(office, { username: 'nounit', displayName: '无单位', role: 'liaison', regionId: county.region.id }), code('VALIDATION'));
    const other = await makeCounty(sys, '他县');
    await assert.rejects(createUser(office, { username: 'far', displayName: '外县', role: 'liaison', regionId: other.region.id, unitId: other.unitA.id }), code('FORBIDDEN'));
    await assert.rejects(listUsers(office, { regionId: other.region.id }), code('NOT_FOUND'));
    const liaison = await ctxAs(sys, county.liaison.id);
    await assert.rejects(listUsers(liaison, { regionId: county.region.id }), code('NOT_FOUND'));
    await assert.rejects(createUser(office, { username: county.liaison.username, displayName: '重名', role: 'liaison', regionId: county.region.id, unitId: county.unitA.id }), code('CONFLICT'));
  });
});
