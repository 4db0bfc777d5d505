import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sqliteTestDb, type TestDb } from '../../test/db.ts';
import { ctxAs, makeCounty, makeUnit, systemCtx } from '../../test/factories.ts';
import { automaticDecisions, cancelImport, commitImport, getImport, previewDiff, uploadPlan } from './plan-import.ts';
import { getPlan, getPlanSource, listPlans } from './plans.ts';
import { assignTasks, removeAssignment } from './assignments.ts';
import { listUnits } from './units.ts';
import { listGroups } from './groups.ts';
import { searchAudit } from './audit.ts';
import type { ServiceContext } from './context.ts';
import { plansRepo } from '../db/repositories/plans.ts';

const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;
const seed = (name: string) => readFileSync(new URL(`../../data/plans/${name}`, import.meta.url));
const text = (s: string) => new TextEncoder().encode(s);

const SMALL = `某某县法治政府建设工作要点（2026—2030年）
一、健全依法行政制度体系
（一）加强规范性文件管理
1.全面落实行政规范性文件合法性审核机制，合法性审核率达到100%。（牵头单位：县司法局；责任单位：县政府各部门）（完成时限：2026年底前）
2.建立行政规范性文件动态清理工作机制。（县司法局负责，长期坚持）
二、严格规范公正文明执法
（二）推进执法规范化
3.全面推行行政执法“三项制度”。（牵头单位：县司法局；责任单位：县市场监管局、县新设中心）（完成时限：2027年6月底前）
`;

describe('plan import', () => {
  let h: TestDb;
  let sys: ServiceContext;
  let office: ServiceContext;
  let county: Awaited<ReturnType<typeof makeCounty>>;
  before(async () => {
    h = await sqliteTestDb();
    sys = systemCtx(h.db);
    county = await makeCounty(sys, '某某县');
    office = await ctxAs(sys, county.office.id);
    await makeUnit(sys, county.region.id, { name: '某某县司法局', aliases: ['县司法局'] });
    await makeUnit(sys, county.region.id, { name: '某某县市场监督管理局', aliases: ['县市场监管局'] });
  });
  after(async () => h.dispose());

  test('upload parses the plan, keeps it pending, and lists every printed owner with its resolution', async () => {
    const imp = await uploadPlan(office, { regionId: county.region.id, fileName: 'plan.txt', bytes: text(SMALL) });
    assert.equal(imp.status, 'pending');
    assert.equal(imp.draft.tasks.length, 3);
    assert.ok(imp.sourceText.includes('合法性审核率'));
    const byName = new Map(imp.names.map((n) => [n.printed, n]));
    assert.equal(byName.get('县司法局')?.resolution.match?.via, 'alias');
    assert.equal(byName.get('县政府各部门')?.resolution.group?.name, '县政府各部门');
    assert.equal(byName.get('县新设中心')?.resolution.match, null);
    assert.equal((await listPlans(office, county.region.id)).length, 0, 'nothing committed yet');
  });

  test('commit refuses while names are undecided, naming them, and changes nothing', async () => {
    const imp = await uploadPlan(office, { regionId: county.region.id, fileName: 'plan.txt', bytes: text(SMALL) });
    await assert.rejects(commitImport(office, imp.id, {}), (e: Error & { details?: { field: string }[] }) => /县新设中心/.test(e.message) && e.details!.some((d) => d.field === 'decisions.县政府各部门'));
    assert.equal((await listPlans(office, county.region.id)).length, 0);
    assert.equal((await getImport(office, imp.id)).status, 'pending');
  });

  test('commit with decisions creates the plan, tasks, owners, deadlines, targets and assignments atomically', async () => {
    const imp = await uploadPlan(office, { regionId: county.region.id, fileName: 'plan.txt', bytes: text(SMALL) });
    const depts = (await listGroups(office, county.region.id)).find((g) => g.name === '县政府各部门')!;
    const r = await commitImport(office, imp.id, {
      decisions: {
        县政府各部门: { action: 'group', groupId: depts.id, unitIds: depts.members.map((m) => m.id) },
        县新设中心: { action: 'create', name: '某某县新设中心', kind: 'gov' },
      },
    });
    assert.equal(r.tasks, 3);
    assert.equal(r.unitsCreated, 1);
    const plan = await getPlan(office, r.planId);
    assert.equal(plan.title, '某某县法治政府建设工作要点');
    assert.deepEqual(plan.period, [2026, 2030]);
    const t1 = plan.tasks[0]!;
    assert.equal(t1.assignments.find((a) => a.role === 'lead')?.unitName, '某某县司法局');
    assert.equal(t1.assignments.filter((a) => a.role === 'co').length, depts.members.filter((m) => m.name !== '某某县司法局').length);
    assert.equal(t1.deadlines[0]?.due, '2026-12-31');
    assert.match(t1.deadlines[0]!.meaning, /2026年12月31日/);
    assert.equal(t1.targets[0]?.value, 100);
    const t3 = plan.tasks[2]!;
    assert.deepEqual(t3.assignments.map((a) => a.unitName).sort(), ['某某县司法局', '某某县市场监督管理局', '某某县新设中心'].sort());
    assert.ok(t3.headingId);
    assert.equal(plan.headings.find((x) => x.id === t3.headingId)?.title, '推进执法规范化');
    // the created unit remembers the printed spelling
    assert.ok((await listUnits(office, { regionId: county.region.id, q: '县新设中心' })).some((u) => u.aliases.some((a) => a.alias === '县新设中心')));
    const src = await getPlanSource(office, r.planId);
    assert.ok(src.text.slice(t3.span!.start, t3.span!.end).includes('三项制度'));
    const log = await searchAudit(office, { regionId: county.region.id, entityType: 'plan', entityId: r.planId, page: 1, pageSize: 5 });
    assert.equal(log.items[0]?.action, 'plan.import');
    // a second commit of the same import is refused
    await assert.rejects(commitImport(office, imp.id, {}), code('CONFLICT'));
    // the same file again is recognized by its hash
    const again = await uploadPlan(office, { regionId: county.region.id, fileName: 'copy.txt', bytes: text(SMALL) });
    assert.equal(again.duplicateOf?.planId, r.planId);
    assert.equal(again.candidatePlans[0]?.id, r.planId);
    await assert.rejects(commitImport(office, again.id, {}), code('CONFLICT'));
    await cancelImport(office, again.id);
    assert.equal((await getImport(office, again.id)).status, 'cancelled');
  });

  test('a new version keeps unchanged and reworded tasks (and their ids), adds, removes, and re-assigns', async () => {
    const plan = (await listPlans(office, county.region.id))[0]!;
    const before = await getPlan(office, plan.id);
    const v2 = SMALL.replace('建立行政规范性文件动态清理工作机制。', '建立健全行政规范性文件动态清理工作机制。')
      .replace('县市场监管局、县新设中心', '县市场监管局')
      .replace('（完成时限：2027年6月底前）', '（完成时限：2027年6月底前）\n4.开展行政执法案卷评查。（县司法局负责）');
    const imp = await uploadPlan(office, { regionId: county.region.id, fileName: 'plan-v2.txt', bytes: text(v2) });
    const depts = (await listGroups(office, county.region.id)).find((g) => g.name === '县政府各部门')!;
    const decisions = { 县政府各部门: { action: 'group' as const, groupId: depts.id, unitIds: depts.members.map((m) => m.id) } };
    const preview = await previewDiff(office, imp.id, plan.id);
    assert.equal(preview.reworded.length, 1);
    assert.equal(preview.added.length, 1);
    const r = await commitImport(office, imp.id, { planId: plan.id, label: '修订稿', decisions });
    assert.equal(r.versionNo, 2);
    const after = await getPlan(office, plan.id);
    assert.equal(after.tasks.length, 4);
    assert.deepEqual(after.tasks.slice(0, 3).map((t) => t.id), before.tasks.map((t) => t.id), 'unchanged and reworded tasks keep their identity');
    assert.match(after.tasks[1]!.text, /建立健全/);
    assert.ok(!after.tasks[2]!.assignments.some((a) => a.unitName === '某某县新设中心'), 'dropped owner no longer assigned');
    assert.equal(after.versions.length, 2);
    assert.equal(after.versions[1]!.changes?.ownersChanged.length, 1);
  });

  test('permissions: a liaison cannot import; another region cannot see imports or plans', async () => {
    const liaison = await ctxAs(sys, county.liaison.id);
    await assert.rejects(uploadPlan(liaison, { regionId: county.region.id, fileName: 'p.txt', bytes: text(SMALL) }), code('FORBIDDEN'));
    const other = await makeCounty(sys, '另一县');
    const otherOffice = await ctxAs(sys, other.office.id);
    const plan = (await listPlans(office, county.region.id))[0]!;
    await assert.rejects(getPlan(otherOffice, plan.id), code('NOT_FOUND'));
    const imp = await uploadPlan(office, { regionId: county.region.id, fileName: 'p.txt', bytes: text(SMALL.replace('某某县', '某某县（二）')) });
    await assert.rejects(getImport(otherOffice, imp.id), code('NOT_FOUND'));
    assert.ok((await listPlans(liaison, county.region.id)).length > 0, 'liaisons read their region plans');
  });

  test('bad input: empty file, no tasks, garbage docx — clear messages, nothing stored', async () => {
    const before = (await h.db.selectFrom('plan_imports').select(h.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    await assert.rejects(uploadPlan(office, { regionId: county.region.id, fileName: 'e.txt', bytes: new Uint8Array() }), code('UNPROCESSABLE'));
    await assert.rejects(uploadPlan(office, { regionId: county.region.id, fileName: 'n.txt', bytes: text('这是一段没有任何编号的普通文字。\n另一段文字。') }), (e: Error) => /未识别到任务/.test(e.message));
    await assert.rejects(uploadPlan(office, { regionId: county.region.id, fileName: 'g.docx', bytes: text('PK\u0003\u0004 not really a zip') }), code('UNSUPPORTED'));
    await assert.rejects(uploadPlan(office, { regionId: county.region.id, fileName: 'big.txt', bytes: new Uint8Array(2048), maxBytes: 1024 }), code('TOO_LARGE'));
    const after = (await h.db.selectFrom('plan_imports').select(h.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    assert.equal(Number(after), Number(before));
  });

  test('a plan printed without owners imports unassigned; the office assigns many tasks at once, audited with a reason', async () => {
    const noOwners = '某某县法治政府建设规划（2026—2030年）\n一、主要任务\n（一）完善依法行政制度体系。严格落实重大行政决策程序规定，健全规范性文件合法性审核机制，提高制度建设质量。\n（二）加强行政执法监督。全面推行行政执法公示、执法全过程记录和重大执法决定法制审核制度，开展案卷评查。\n（三）推进政务公开。完善政府信息公开制度，拓展公开渠道，依法保障人民群众知情权、参与权和监督权。\n';
    const imp = await uploadPlan(office, { regionId: county.region.id, fileName: 'no-owners.txt', bytes: text(noOwners) });
    const r = await commitImport(office, imp.id, {});
    assert.equal(r.assignments, 0);
    assert.equal(r.unassignedTasks, 3);
    const plan = await getPlan(office, r.planId);
    const ids = plan.tasks.slice(0, 2).map((t) => t.id);
    await assert.rejects(assignTasks(office, { taskIds: ids, unitIds: [county.unitA.id], role: 'lead', reason: ' ' }), code('VALIDATION'));
    const liaison = await ctxAs(sys, county.liaison.id);
    await assert.rejects(assignTasks(liaison, { taskIds: ids, unitIds: [county.unitA.id], role: 'lead', reason: '分工' }), code('FORBIDDEN'));
    assert.deepEqual(await assignTasks(office, { taskIds: ids, unitIds: [county.unitA.id], role: 'lead', reason: '县委常委会确定' }), { added: 2, changed: 0, unchanged: 0 });
    assert.deepEqual(await assignTasks(office, { taskIds: ids, unitIds: [county.unitA.id, county.unitB.id], role: 'co', reason: '调整' }), { added: 2, changed: 2, unchanged: 0 });
    const after = await getPlan(office, r.planId);
    assert.deepEqual(after.tasks[0]!.assignments.map((a) => [a.unitName, a.role]).sort(), [[county.unitA.name, 'co'], [county.unitB.name, 'co']].sort());
    assert.deepEqual(after.tasks[2]!.assignments, []);
    await removeAssignment(office, after.tasks[0]!.assignments[0]!.id, '单位职能调整');
    assert.equal((await getPlan(office, r.planId)).tasks[0]!.assignments.length, 1);
    const log = await searchAudit(office, { regionId: county.region.id, entityType: 'assignment', page: 1, pageSize: 5 });
    assert.match(log.items[0]!.summary!, /单位职能调整/);
    assert.match(log.items[1]!.summary!, /原因：调整/);
    const other = await makeCounty(sys, '第三县');
    await assert.rejects(assignTasks(office, { taskIds: ids, unitIds: [other.unitA.id], role: 'lead', reason: 'x' }), code('VALIDATION'));
  });

  test('a seed plan imports whole with automatic decisions (the demo path)', async () => {
    const other = await makeCounty(sys, '息烽县');
    const o = await ctxAs(sys, other.office.id);
    const imp = await uploadPlan(o, { regionId: other.region.id, fileName: '000_94d8e3aa3e350781.txt', bytes: seed('000_94d8e3aa3e350781.txt') });
    const r = await commitImport(o, imp.id, { decisions: await automaticDecisions(o, imp) });
    assert.ok(r.tasks >= 130, `tasks ${r.tasks}`);
    assert.ok(r.assignments > r.tasks, `assignments ${r.assignments}`);
    const units = await listUnits(o, { regionId: other.region.id });
    assert.ok(units.some((u) => u.name === '县司法局'));
    assert.equal((await plansRepo.versions(h.db, r.planId)).length, 1);
  });
});
