import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sqliteTestDb, type TestDb } from '../../test/db.ts';
import { ctxAs, makeCounty, makeUnit, makeUser, systemCtx } from '../../test/factories.ts';
import { addAlias, createUnit, getUnit, listUnits, mergeUnits, removeAlias, resolveUnitName, setUnitActive, updateUnit } from './units.ts';
import { createGroup, listGroups } from './groups.ts';
import { searchAudit } from './audit.ts';
import { usersRepo } from '../db/repositories/users.ts';
import type { ServiceContext } from './context.ts';

const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;

describe('unit directory service', () => {
  let h: TestDb;
  let sys: ServiceContext;
  let county: Awaited<ReturnType<typeof makeCounty>>;
  let office: ServiceContext;
  before(async () => {
    h = await sqliteTestDb();
    sys = systemCtx(h.db);
    county = await makeCounty(sys, '甲县');
    office = await ctxAs(sys, county.office.id);
  });
  after(async () => h.dispose());

  test('the office adds a unit with aliases; the add is audited with its after-state', async () => {
    const u = await createUnit(office, { regionId: county.region.id, name: '甲县发展和改革局', shortName: '县发改局', kind: 'gov', aliases: ['县发改委', '县发展改革局'] });
    assert.deepEqual(u.aliases.map((a) => a.alias).sort(), ['县发展改革局', '县发改委'].sort());
    const log = await searchAudit(office, { regionId: county.region.id, entityType: 'unit', entityId: u.id, page: 1, pageSize: 10 });
    assert.equal(log.items[0]?.action, 'unit.create');
    assert.equal((log.items[0]?.after as { name: string }).name, '甲县发展和改革局');
    assert.match(log.items[0]!.actorName, /测试用户/);
  });

  test('a name or alias already used in the region is refused, naming the owner', async () => {
    await assert.rejects(createUnit(office, { regionId: county.region.id, name: '甲县发展和改革局', kind: 'gov' }), code('CONFLICT'));
    await assert.rejects(createUnit(office, { regionId: county.region.id, name: '另一个局', kind: 'gov', aliases: ['县发改委'] }), (e: Error) => /县发改委.*甲县发展和改革局/.test(e.message));
    await assert.rejects(createUnit(office, { regionId: county.region.id, name: '县发改委', kind: 'gov' }), code('CONFLICT'));
  });

  test('names with HTML or SQL are stored verbatim', async () => {
    const name = `<script>alert(1)</script>'; drop table units;--`;
    const u = await createUnit(office, { regionId: county.region.id, name, kind: 'other' });
    assert.equal((await getUnit(office, u.id)).name, name);
  });

  test('a stale version is refused with a conflict and nothing is overwritten', async () => {
    const u = await makeUnit(sys, county.region.id, { name: '并发局' });
    await updateUnit(office, u.id, { version: u.version, liaisonName: '张三' });
    await assert.rejects(updateUnit(office, u.id, { version: u.version, liaisonName: '李四' }), (e: Error & { code?: string }) => e.code === 'CONFLICT' && /已被他人修改/.test(e.message));
    assert.equal((await getUnit(office, u.id)).liaisonName, '张三');
  });

  test('a partial update changes only the fields it names', async () => {
    const parent = await makeUnit(sys, county.region.id, { name: '部分更新上级' });
    const u = await createUnit(office, { regionId: county.region.id, name: '部分更新局', shortName: '部分局', kind: 'gov', parentId: parent.id, sortOrder: 7, liaisonPhone: '123' });
    const after = await updateUnit(office, u.id, { version: u.version, liaisonName: '王五' });
    assert.deepEqual([after.shortName, after.parentId, after.sortOrder, after.liaisonPhone, after.liaisonName], ['部分局', parent.id, 7, '123', '王五']);
    const cleared = await updateUnit(office, u.id, { version: after.version, liaisonPhone: '' });
    assert.equal(cleared.liaisonPhone, null);
    assert.equal(cleared.shortName, '部分局');
  });

  test('a unit cannot be its own ancestor', async () => {
    const parent = await makeUnit(sys, county.region.id, { name: '上级局' });
    const child = await makeUnit(sys, county.region.id, { name: '下级局', parentId: parent.id });
    await assert.rejects(updateUnit(office, parent.id, { version: parent.version, parentId: child.id }), code('VALIDATION'));
    await assert.rejects(updateUnit(office, parent.id, { version: parent.version, parentId: parent.id }), code('VALIDATION'));
  });

  test('aliases are added and removed; an alias equal to the full name is refused', async () => {
    const u = await makeUnit(sys, county.region.id, { name: '别名局' });
    const withAlias = await addAlias(office, u.id, '县别名局');
    assert.deepEqual(withAlias.aliases.map((a) => a.alias), ['县别名局']);
    await assert.rejects(addAlias(office, u.id, '别名局'), code('VALIDATION'));
    const removed = await removeAlias(office, u.id, withAlias.aliases[0]!.id);
    assert.deepEqual(removed.aliases, []);
  });

  test('deactivated units leave the active list and rule groups, and come back when activated', async () => {
    const town = await makeUnit(sys, county.region.id, { name: '某某镇', kind: 'township' });
    const groupName = '各乡（镇、街道）';
    const members = async () => (await listGroups(office, county.region.id)).find((g) => g.name === groupName)!.members.map((m) => m.name);
    assert.ok((await members()).includes('某某镇'));
    const off = await setUnitActive(office, town.id, town.version, false);
    assert.equal(off.active, false);
    assert.ok(!(await members()).includes('某某镇'));
    assert.ok(!(await listUnits(office, { regionId: county.region.id })).some((u) => u.id === town.id));
    assert.ok((await listUnits(office, { regionId: county.region.id, active: 'all' })).some((u) => u.id === town.id));
    await setUnitActive(office, town.id, off.version, true);
    assert.ok((await members()).includes('某某镇'));
  });

  test('merging moves aliases, names, memberships and accounts to the survivor and keeps the source as a pointer', async () => {
    const source = await makeUnit(sys, county.region.id, { name: '甲县发改委（旧）', aliases: ['旧发改'], shortName: '老发改' });
    const target = await makeUnit(sys, county.region.id, { name: '甲县发改新局' });
    const g = await createGroup(office, { regionId: county.region.id, name: '合并测试组', mode: 'explicit', memberIds: [source.id] });
    const liaison = await makeUser(sys, { role: 'liaison', regionId: county.region.id, unitId: source.id });
    const merged = await mergeUnits(office, source.id, target.id);
    assert.deepEqual(merged.aliases.map((a) => a.alias).sort(), ['旧发改', '甲县发改委（旧）', '老发改'].sort());
    const after = await getUnit(office, source.id);
    assert.equal(after.active, false);
    assert.equal(after.mergedIntoId, target.id);
    assert.deepEqual((await listGroups(office, county.region.id)).find((x) => x.id === g.id)!.members.map((m) => m.id), [target.id]);
    assert.equal((await usersRepo.findById(h.db, liaison.id))?.unit_id, target.id);
    assert.equal((await resolveUnitName(office, county.region.id, '旧发改')).match?.unitId, target.id);
    await assert.rejects(mergeUnits(office, source.id, target.id), code('CONFLICT'));
    await assert.rejects(setUnitActive(office, source.id, after.version, true), code('CONFLICT'));
  });

  test('names resolve by full name, alias, width-folded spelling, group phrase, with ranked suggestions', async () => {
    await makeUnit(sys, county.region.id, { name: '甲县市场监督管理局', aliases: ['县市场监管局'] });
    const r = county.region.id;
    assert.deepEqual((await resolveUnitName(office, r, '甲县市场监督管理局')).match?.via, 'name');
    assert.deepEqual((await resolveUnitName(office, r, '县市场监管局')).match?.via, 'alias');
    assert.deepEqual((await resolveUnitName(office, r, '甲县市场监督管理局 ')).match?.via, 'name');
    assert.equal((await resolveUnitName(office, r, '甲县 市场监督管理局')).match?.via, 'normalized');
    const unknown = await resolveUnitName(office, r, '县市场监督局');
    assert.equal(unknown.match, null);
    assert.equal(unknown.suggestions[0]?.name, '甲县市场监督管理局');
    assert.equal((await resolveUnitName(office, r, '各乡(镇、街道)')).group?.name, '各乡（镇、街道）');
  });

  test('permissions: a liaison reads but cannot change; another region sees nothing', async () => {
    const liaison = await ctxAs(sys, county.liaison.id);
    assert.ok((await listUnits(liaison, { regionId: county.region.id })).length > 0);
    await assert.rejects(createUnit(liaison, { regionId: county.region.id, name: '越权局', kind: 'gov' }), code('FORBIDDEN'));
    await assert.rejects(updateUnit(liaison, county.unitB.id, { version: 1, name: '改名' }), code('FORBIDDEN'));
    const other = await makeCounty(sys, '乙县');
    const otherOffice = await ctxAs(sys, other.office.id);
    await assert.rejects(listUnits(otherOffice, { regionId: county.region.id }), code('NOT_FOUND'));
    await assert.rejects(getUnit(otherOffice, county.unitA.id), code('NOT_FOUND'));
    await assert.rejects(updateUnit(otherOffice, county.unitA.id, { version: 1, name: 'x' }), code('NOT_FOUND'));
    await assert.rejects(mergeUnits(otherOffice, county.unitA.id, other.unitA.id), code('NOT_FOUND'));
  });

  test('a refused write leaves no audit entry behind', async () => {
    const before = (await searchAudit(office, { regionId: county.region.id, page: 1, pageSize: 1 })).total;
    await assert.rejects(createUnit(office, { regionId: county.region.id, name: '甲县发展和改革局', kind: 'gov' }));
    assert.equal((await searchAudit(office, { regionId: county.region.id, page: 1, pageSize: 1 })).total, before);
  });
});
