import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS, type TestDb } from '../../../test/db.ts';
import { newId } from '../ids.ts';
import { regionsRepo } from './regions.ts';
import { unitsRepo } from './units.ts';
import { groupsRepo } from './groups.ts';
import { usersRepo } from './users.ts';
import { sessionsRepo, throttleRepo } from './sessions.ts';
import { auditRepo } from './audit.ts';
import { plansRepo } from './plans.ts';
import { isUniqueViolation } from '../dialect/errors.ts';
import { inTransaction } from '../client.ts';
import { sql } from 'kysely';
import { dashboardRepo } from './dashboard.ts';
import { REVISED_TABLES } from '../migrations/0016_region_revisions.ts';

const T = '2026-03-02T02:00:00.000Z';

for (const dialect of DIALECTS) {
  describe(`repositories on ${dialect.name}`, () => {
    let h: TestDb;
    let regionId: string;
    before(async () => {
      h = await dialect.open();
      regionId = newId();
      await regionsRepo.insert(h.db, { id: regionId, parent_id: null, name: '测试县', level: 'county', abbr: '测', province: null, prefecture: null, sort_order: 0, created_at: T });
    });
    after(async () => h.dispose());

    const unit = (name: string, kind = 'gov') => ({
      id: newId(), region_id: regionId, parent_id: null, name, short_name: null, kind, sort_order: 0, active: 1,
      liaison_name: null, liaison_phone: null, liaison_email: null, head_name: null, merged_into_id: null, version: 1, created_at: T, updated_at: T,
    });

    test('the database is configured as the platform expects', async () => {
      if (dialect.name === 'sqlite') {
        assert.equal(h.sqlite!.pragma('journal_mode', { simple: true }), 'wal');
        assert.equal(h.sqlite!.pragma('foreign_keys', { simple: true }), 1);
      } else {
        const r = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(h.db);
        assert.match(r.rows[0]!.v, /^\d+/);
      }
    });

    test('units: insert, find, list with search over names and aliases, ordering', async () => {
      const a = unit('县发展和改革局');
      const b = unit('县司法局');
      await unitsRepo.insert(h.db, { ...a, sort_order: 2 });
      await unitsRepo.insert(h.db, { ...b, sort_order: 1 });
      await unitsRepo.insertAlias(h.db, { id: newId(), region_id: regionId, unit_id: a.id, alias: '县发改委', created_at: T });
      assert.equal((await unitsRepo.findById(h.db, a.id))?.name, '县发展和改革局');
      assert.deepEqual((await unitsRepo.list(h.db, { regionId })).map((u) => u.name).slice(0, 2), ['县司法局', '县发展和改革局']);
      assert.deepEqual((await unitsRepo.list(h.db, { regionId, q: '发改委' })).map((u) => u.id), [a.id]);
      assert.deepEqual((await unitsRepo.list(h.db, { regionId, q: '司法' })).map((u) => u.id), [b.id]);
      assert.equal(await unitsRepo.countByRegion(h.db, regionId), 2);
      assert.equal(typeof (await unitsRepo.countByRegion(h.db, regionId)), 'number');
    });

    test('search treats % and _ literally and ignores ASCII case', async () => {
      const pct = unit('100%覆盖_ABC办');
      await unitsRepo.insert(h.db, pct);
      assert.deepEqual((await unitsRepo.list(h.db, { regionId, q: '%' })).map((u) => u.id), [pct.id]);
      assert.deepEqual((await unitsRepo.list(h.db, { regionId, q: '_abc' })).map((u) => u.id), [pct.id]);
      assert.equal((await unitsRepo.list(h.db, { regionId, q: '无此单位' })).length, 0);
    });

    test('a unit name and an alias are unique within a region', async () => {
      const x = unit('唯一局');
      await unitsRepo.insert(h.db, x);
      await assert.rejects(unitsRepo.insert(h.db, unit('唯一局')), (e) => isUniqueViolation(e));
      await unitsRepo.insertAlias(h.db, { id: newId(), region_id: regionId, unit_id: x.id, alias: '唯一', created_at: T });
      await assert.rejects(unitsRepo.insertAlias(h.db, { id: newId(), region_id: regionId, unit_id: x.id, alias: '唯一', created_at: T }), (e) => isUniqueViolation(e));
    });

    test('versioned update refuses a stale version and changes nothing', async () => {
      const u = unit('版本局');
      await unitsRepo.insert(h.db, u);
      assert.equal(await unitsRepo.updateVersioned(h.db, u.id, 1, { short_name: '甲' }), true);
      assert.equal(await unitsRepo.updateVersioned(h.db, u.id, 1, { short_name: '乙' }), false);
      const now = await unitsRepo.findById(h.db, u.id);
      assert.equal(now?.short_name, '甲');
      assert.equal(now?.version, 2);
    });

    test('a failed transaction leaves nothing behind', async () => {
      const u = unit('回滚局');
      await assert.rejects(
        inTransaction(h.db, async (trx) => {
          await unitsRepo.insert(trx, u);
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.equal(await unitsRepo.findById(h.db, u.id), undefined);
    });

    test('aliases move between units, and groups keep members without duplicates', async () => {
      const from = unit('旧局');
      const to = unit('新局');
      await unitsRepo.insert(h.db, from);
      await unitsRepo.insert(h.db, to);
      await unitsRepo.insertAlias(h.db, { id: newId(), region_id: regionId, unit_id: from.id, alias: '旧局别名', created_at: T });
      assert.equal(await unitsRepo.moveAliases(h.db, from.id, to.id), 1);
      assert.deepEqual((await unitsRepo.aliasesOf(h.db, [to.id])).map((a) => a.alias), ['旧局别名']);
      const g = { id: newId(), region_id: regionId, name: '测试组', mode: 'explicit', rule_kinds: null, description: null, version: 1, created_at: T, updated_at: T };
      await groupsRepo.insert(h.db, g);
      await groupsRepo.setMembers(h.db, g.id, [from.id, to.id]);
      await groupsRepo.moveMemberships(h.db, from.id, to.id);
      assert.deepEqual(await groupsRepo.memberIds(h.db, g.id), [to.id]);
      assert.equal((await groupsRepo.memberCounts(h.db, [g.id])).get(g.id), 1);
      await unitsRepo.insert(h.db, unit('某镇', 'township'));
      assert.deepEqual((await groupsRepo.activeUnitsOfKinds(h.db, regionId, ['township'])).map((u) => u.name), ['某镇']);
    });

    test('users, their regions, sessions and login throttling', async () => {
      const uid = newId();
      await usersRepo.insert(h.db, {
        id: uid, username: 'zhang', display_name: '张三', password_hash: 'x', role: 'office', unit_id: null, region_id: regionId, phone: null, email: null,
        active: 1, must_change_password: 0, last_login_at: null, version: 1, created_at: T, updated_at: T,
      });
      assert.equal((await usersRepo.findByUsername(h.db, 'zhang'))?.id, uid);
      assert.deepEqual((await usersRepo.list(h.db, { regionIds: [regionId], q: '张' })).map((u) => u.id), [uid]);
      assert.deepEqual(await usersRepo.list(h.db, { regionIds: [] }), []);
      const sid = 'a'.repeat(64);
      await sessionsRepo.insert(h.db, { id: sid, user_id: uid, csrf_token: 'c', current_region_id: regionId, ip: null, user_agent: null, created_at: T, last_seen_at: T, expires_at: '2026-03-09T02:00:00.000Z', revoked_at: null });
      assert.ok(await sessionsRepo.findLive(h.db, sid, T));
      assert.equal(await sessionsRepo.findLive(h.db, sid, '2026-03-10T00:00:00.000Z'), undefined, 'expired');
      await sessionsRepo.revoke(h.db, sid, T);
      assert.equal(await sessionsRepo.findLive(h.db, sid, T), undefined, 'revoked');
      await throttleRepo.put(h.db, 'user:zhang', { failures: 1, windowStart: T, lockedUntil: null });
      await throttleRepo.put(h.db, 'user:zhang', { failures: 2, windowStart: T, lockedUntil: 'L' });
      assert.deepEqual(await throttleRepo.get(h.db, 'user:zhang'), { failures: 2, windowStart: T, lockedUntil: 'L' });
      await throttleRepo.clear(h.db, 'user:zhang');
      assert.equal(await throttleRepo.get(h.db, 'user:zhang'), undefined);
    });

    test('audit log: insert and search by actor, entity, region and time, newest first', async () => {
      const base = { region_id: regionId, actor_name: '测试', summary: null, before_json: null, after_json: '{"a":1}', ip: '127.0.0.1', request_id: 'r' };
      const ids = [newId(), newId(), newId()];
      await auditRepo.insert(h.db, { ...base, id: ids[0]!, actor_id: 'u1', action: 'unit.create', entity_type: 'unit', entity_id: 'e1', created_at: '2026-03-01T01:00:00.000Z' });
      await auditRepo.insert(h.db, { ...base, id: ids[1]!, actor_id: 'u2', action: 'unit.update', entity_type: 'unit', entity_id: 'e1', created_at: '2026-03-02T01:00:00.000Z' });
      await auditRepo.insert(h.db, { ...base, id: ids[2]!, actor_id: 'u1', action: 'user.create', entity_type: 'user', entity_id: 'e2', created_at: '2026-03-03T01:00:00.000Z' });
      const all = await auditRepo.search(h.db, { regionIds: [regionId], limit: 10, offset: 0 });
      assert.equal(all.total, 3);
      assert.deepEqual(all.rows.map((r) => r.id), [ids[2], ids[1], ids[0]]);
      assert.equal((await auditRepo.search(h.db, { regionIds: [regionId], actorId: 'u1', limit: 10, offset: 0 })).total, 2);
      assert.equal((await auditRepo.search(h.db, { regionIds: [regionId], entityType: 'unit', entityId: 'e1', limit: 10, offset: 0 })).total, 2);
      const window = await auditRepo.search(h.db, { regionIds: [regionId], from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z', limit: 10, offset: 0 });
      assert.deepEqual(window.rows.map((r) => r.id), [ids[1]]);
      const page2 = await auditRepo.search(h.db, { regionIds: [regionId], limit: 1, offset: 1 });
      assert.deepEqual(page2.rows.map((r) => r.id), [ids[1]]);
      assert.equal(page2.total, 3);
    });

    test('plans: versions by hash, the import claim, tasks with details and assignments, counts', async () => {
      const planId = newId();
      await plansRepo.insert(h.db, { id: planId, region_id: regionId, title: '测试方案', kind: '实施方案', period_start: 2026, period_end: 2030, current_version_id: null, default_due: null, report_frequency: 'quarterly', report_due_offset: 10, lag_margin: 15, version: 1, created_at: T, updated_at: T });
      const imp = { id: newId(), region_id: regionId, created_by: null, file_name: 'a.txt', sha256: 'abc', format: 'txt', source_text: '原文', draft_json: '{}', status: 'pending', plan_id: null, created_at: T };
      await plansRepo.insertImport(h.db, imp);
      assert.equal(await plansRepo.setImportStatus(h.db, imp.id, 'committed', planId), true);
      assert.equal(await plansRepo.setImportStatus(h.db, imp.id, 'committed', planId), false, 'a second claim fails');
      await plansRepo.insertVersion(h.db, { id: newId(), plan_id: planId, region_id: regionId, version_no: 1, label: '正式稿', draft: 0, doc_number: null, issuer: null, issued_on: null, source_file: 'a.txt', source_sha256: 'abc', source_format: 'txt', source_text: '原文', draft_json: '{}', changes_json: null, created_by: null, created_at: T });
      assert.equal((await plansRepo.findVersionBySha(h.db, regionId, 'abc'))?.version_no, 1);
      assert.equal(await plansRepo.findVersionBySha(h.db, regionId, 'zzz'), undefined);
      const u = unit('方案责任局');
      await unitsRepo.insert(h.db, u);
      const tasks = Array.from({ length: 450 }, (_, i) => ({
        id: newId(), plan_id: planId, region_id: regionId, heading_id: null, seq: i + 1, part: 'body', path_json: JSON.stringify(['一', String(i + 1)]), title: null,
        text: `任务${i + 1}`, line: i + 1, span_start: i * 10, span_end: i * 10 + 5, active: 1, created_version_id: null, updated_version_id: null, version: 1, created_at: T, updated_at: T,
      }));
      await plansRepo.insertTasks(h.db, tasks);
      await plansRepo.replaceTaskDetails(h.db, tasks.map((t) => t.id), {
        owners: tasks.map((t, i) => ({ id: newId(), task_id: t.id, region_id: regionId, role: 'lead', printed: '县责任局', unit_id: u.id, group_id: null, sort_order: i })),
        deadlines: [{ id: newId(), task_id: tasks[0]!.id, region_id: regionId, raw: '2026年底前', due: '2026-12-31', ongoing: 1, recurring: null, at: null, sort_order: 0 }],
        targets: [{ id: newId(), task_id: tasks[0]!.id, region_id: regionId, raw: '达到100%', metric: '审核率', op: '>=', value_num: 99.5, value_text: null, unit: '%', by_date: null, scope: null, sort_order: 0 }],
      });
      await plansRepo.insertAssignments(h.db, tasks.map((t) => ({ id: newId(), task_id: t.id, region_id: regionId, unit_id: u.id, role: 'lead', source: 'import', active: 1, created_at: T, updated_at: T })));
      await plansRepo.updateTask(h.db, tasks[1]!.id, { active: 0 });
      const listed = await plansRepo.list(h.db, regionId);
      assert.equal(listed[0]?.task_count, 449);
      assert.equal(typeof listed[0]?.task_count, 'number');
      assert.equal((await plansRepo.tasks(h.db, planId)).length, 449);
      assert.equal((await plansRepo.tasks(h.db, planId, { includeInactive: true })).length, 450);
      assert.equal((await plansRepo.ownersOfPlan(h.db, planId)).length, 450);
      const [dl] = await plansRepo.deadlinesOfPlan(h.db, planId);
      assert.deepEqual([dl?.due, dl?.ongoing], ['2026-12-31', 1]);
      assert.equal((await plansRepo.targetsOfPlan(h.db, planId))[0]?.value_num, 99.5);
      assert.equal((await plansRepo.assignmentsOfPlan(h.db, planId)).length, 450);
      await assert.rejects(
        plansRepo.insertAssignments(h.db, [{ id: newId(), task_id: tasks[0]!.id, region_id: regionId, unit_id: u.id, role: 'co', source: 'manual', active: 1, created_at: T, updated_at: T }]),
        (e) => isUniqueViolation(e),
        'one assignment per task and unit',
      );
    });

    test('regions count and lookup by name under a parent', async () => {
      assert.equal(await regionsRepo.count(h.db), 1);
      assert.equal((await regionsRepo.findByName(h.db, '测试县', null))?.id, regionId);
    });

    test('a region’s revision moves on every insert, update and delete of the rows the cockpit reads, and only that region’s; a rolled-back write leaves it', async () => {
      const other = newId();
      await regionsRepo.insert(h.db, { id: other, parent_id: null, name: '别的县', level: 'county', abbr: '别', province: null, prefecture: null, sort_order: 0, created_at: T });
      const rev = async (id = regionId) => Number(await dashboardRepo.stamp(h.db, id));
      const otherBefore = await rev(other);
      let last = await rev();
      const moved = async (what: string) => {
        const now = await rev();
        assert.ok(now > last, `${what} moves the revision (${last} → ${now})`);
        last = now;
      };
      const u = unit('县修订测试局');
      await unitsRepo.insert(h.db, u);
      await moved('insert');
      await h.db.updateTable('units').set({ short_name: '修订局' }).where('id', '=', u.id).execute();
      await moved('update');
      await h.db.deleteFrom('units').where('id', '=', u.id).execute();
      await moved('delete');
      await assert.rejects(
        inTransaction(h.db, async (trx) => {
          await unitsRepo.insert(trx, unit('县回滚测试局'));
          throw new Error('roll back');
        }),
      );
      assert.equal(await rev(), last, 'a rolled-back write does not move it');
      assert.equal(await rev(other), otherBefore, 'another region’s revision stays');
      // every table the cockpit reads carries the three triggers
      const names = dialect.name === 'sqlite'
        ? (await sql<{ name: string }>`select name from sqlite_master where type = 'trigger'`.execute(h.db)).rows.map((r) => r.name)
        : (await sql<{ name: string }>`select tgname as name from pg_trigger where not tgisinternal`.execute(h.db)).rows.map((r) => r.name);
      for (const t of REVISED_TABLES) for (const k of ['ins', 'upd', 'del']) assert.ok(names.includes(`${t}_revise_${k}`), `${t}_revise_${k}`);
    });
  });
}
