import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { Client, startTestServer, type TestServer } from '../../test/http.ts';
import { TEST_PASSWORD, makeCounty, makeUser, systemCtx } from '../../test/factories.ts';
import { createGroup } from '../services/groups.ts';
import { commitImport, uploadPlan } from '../services/plan-import.ts';
import { getPlan } from '../services/plans.ts';
import { saveReport } from '../services/reports.ts';
import { uploadEvidence } from '../services/evidence.ts';
import { periodsRepo } from '../db/repositories/reports.ts';
import { LocalBlobStore } from '../db/blob-store.ts';
import { ctxAs } from '../../test/factories.ts';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { issueNotice } from '../services/notices.ts';
import { supervisionRepo } from '../db/repositories/supervision.ts';
import { newId } from '../db/ids.ts';

type County = Awaited<ReturnType<typeof makeCounty>>;

describe('HTTP API', () => {
  let s: TestServer;
  let a: County;
  let b: County;
  let groupA: string;
  let adminName: string;
  let planA: string;
  let importA: string;
  let taskA: string;
  let assignmentA: string;
  let periodA: string;
  let reportA: string;
  let noticeA: string;
  let alertB: string;
  let extensionA: string;
  let uploadA: string;
  const as = async (username: string) => {
    const c = new Client(s.base);
    const r = await c.login(username, TEST_PASSWORD);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return c;
  };

  before(async () => {
    s = await startTestServer({ FAZHI_BODY_LIMIT_MB: '0.05', FAZHI_UPLOAD_LIMIT_MB: '0.1' });
    const sys = systemCtx(s.handle.db, s.clock);
    a = await makeCounty(sys, '甲县');
    b = await makeCounty(sys, '乙县');
    groupA = (await createGroup(sys, { regionId: a.region.id, name: '甲县测试组', mode: 'explicit', memberIds: [a.unitA.id] })).id;
    adminName = (await makeUser(sys, { role: 'admin' })).username;
    const plan = new TextEncoder().encode('甲县法治政府建设实施方案（2026—2030年）\n一、总体任务\n1.推进依法行政。（牵头单位：甲县甲局）\n');
    const imp = await uploadPlan(sys, { regionId: a.region.id, fileName: 'a.txt', bytes: plan });
    planA = (await commitImport(sys, imp.id, {})).planId;
    const detail = await getPlan(sys, planA);
    taskA = detail.tasks[0]!.id;
    assignmentA = detail.tasks[0]!.assignments[0]!.id;
    periodA = (await periodsRepo.ofPlan(s.handle.db, planA))[0]!.id;
    const blobs = new LocalBlobStore(join(s.config.dataDir, 'files'));
    const liaisonCtx = { ...(await ctxAs(sys, a.liaison.id)), blobs };
    reportA = (await saveReport(liaisonCtx, { taskId: taskA, periodId: periodA, narrative: '', completion: null, percent: null })).id!;
    uploadA = (await uploadEvidence(liaisonCtx, { unitId: a.unitA.id, fileName: '照片.png', stream: Readable.from([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])]) })).uploadId;
    importA = (await uploadPlan(sys, { regionId: a.region.id, fileName: 'a2.txt', bytes: plan })).id;
    const officeCtx = await ctxAs(sys, a.office.id);
    noticeA = (await issueNotice(officeCtx, { unitId: a.unitA.id, taskIds: [taskA], problem: '进展滞后', requirement: '说明原因', replyDue: '2026-03-20' })).id;
    const now = s.clock.now().toISOString();
    alertB = newId();
    await supervisionRepo.insertAlert(s.handle.db, { id: alertB, region_id: a.region.id, kind: 'warning', year: 2026, seq: 1, rule: 'report-overdue', unit_id: a.unitB.id, plan_id: planA, task_id: null, period_id: periodA, due_date: '2026-04-10', title: '逾期', detail: '逾期', dedupe_key: 'x', rule_date: '2026-03-02', answered_at: null, answer: null, answered_by: null, escalated_at: null, created_at: now });
    extensionA = newId();
    await supervisionRepo.insertExtension(s.handle.db, { id: extensionA, region_id: a.region.id, task_id: taskA, unit_id: a.unitA.id, current_due: '2026-06-30', requested_due: '2026-09-30', reason: '理由', state: 'pending', requested_by: a.liaison.id, requested_by_name: '联络员', decided_by_name: null, decided_at: null, decision_note: null, version: 1, created_at: now });
  });
  after(async () => s.close());

  test('health and OpenAPI answer without a session', async () => {
    const c = new Client(s.base);
    const h = await c.get('/healthz');
    assert.equal(h.status, 200);
    assert.equal(h.body.status, 'ok');
    assert.ok(h.headers.get('x-request-id'));
    const docs = await c.get('/api/docs/json');
    assert.equal(docs.status, 200);
    assert.ok(docs.body.paths['/api/units/']);
  });

  test('login sets an httpOnly SameSite=Lax cookie; me, logout, and the session is gone', async () => {
    const c = new Client(s.base);
    const raw = await fetch(`${s.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: a.office.username, password: TEST_PASSWORD }) });
    const cookie = raw.headers.getSetCookie()[0]!;
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.doesNotMatch(cookie, /Secure/);
    await c.login(a.office.username, TEST_PASSWORD);
    assert.equal((await c.get('/api/auth/me')).body.username, a.office.username);
    assert.equal((await c.post('/api/auth/logout')).status, 200);
    const me = await c.get('/api/auth/me');
    assert.equal(me.status, 401);
    assert.equal(me.body.error.code, 'UNAUTHENTICATED');
  });

  test('wrong password: 401 with one generic Chinese message', async () => {
    const r = await new Client(s.base).login(a.office.username, 'nope');
    assert.equal(r.status, 401);
    assert.equal(r.body.error.message, '用户名或密码错误');
  });

  test('state-changing requests without the CSRF token are refused', async () => {
    const c = await as(a.office.username);
    const r = await c.request('POST', '/api/units', { regionId: a.region.id, name: '无令牌局', kind: 'gov' }, { csrf: false });
    assert.equal(r.status, 403);
    assert.match(r.body.error.message, /安全校验/);
    c.csrf = 'forged-token-forged-token-forged';
    assert.equal((await c.post('/api/units', { regionId: a.region.id, name: '伪造令牌局', kind: 'gov' })).status, 403);
  });

  test('malformed JSON, unknown and missing fields, bad ids and oversized bodies get clear 4xx answers', async () => {
    const c = await as(a.office.username);
    const bad = await c.request('POST', '/api/units', undefined, { raw: '{"name": ', contentType: 'application/json' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.message, '请求体不是合法的 JSON');
    const unknown = await c.post('/api/units', { regionId: a.region.id, name: '某局', kind: 'gov', colour: 'red' });
    assert.equal(unknown.status, 400);
    assert.ok(unknown.body.error.details.some((d: { message: string }) => /colour/.test(d.message)));
    const missing = await c.post('/api/units', { regionId: a.region.id });
    assert.equal(missing.status, 400);
    const fields = missing.body.error.details.map((d: { field: string }) => d.field).sort();
    assert.deepEqual(fields, ['kind', 'name']);
    const forged = await c.get('/api/units/not-an-id');
    assert.equal(forged.status, 400);
    assert.equal((await c.get('/api/units/01a2015c-cb62-7000-bb8b-cef31d021346')).status, 404);
    const big = await c.post('/api/units', { regionId: a.region.id, name: '大', kind: 'gov', headName: 'x'.repeat(100_000) });
    assert.equal(big.status, 413);
    assert.equal(big.body.error.code, 'TOO_LARGE');
    assert.equal((await c.get('/api/no-such-route')).status, 404);
  });

  test('a name with HTML and SQL comes back verbatim; a second admin saving an old version gets a conflict', async () => {
    const c1 = await as(a.office.username);
    const c2 = await as(adminName);
    const name = `<img src=x onerror=alert(1)>'); DROP TABLE units;--`;
    const created = await c1.post('/api/units', { regionId: a.region.id, name, kind: 'other', aliases: ['<b>别名</b>'] });
    assert.equal(created.status, 200);
    assert.equal(created.body.name, name);
    const first = await c1.patch(`/api/units/${created.body.id}`, { version: created.body.version, liaisonName: '张三' });
    assert.equal(first.status, 200);
    const second = await c2.patch(`/api/units/${created.body.id}`, { version: created.body.version, liaisonName: '李四' });
    assert.equal(second.status, 409);
    assert.match(second.body.error.message, /已被他人修改/);
    assert.deepEqual(second.body.error.details.map((d: { field: string }) => d.field), ['version'], 'a stale save is marked, so clients can offer a reload');
    const me = (await c2.get('/api/auth/me')).body;
    assert.equal(me.regions.find((r: { id: string }) => r.id === me.currentRegionId).level, 'county', "an admin starts in a county, where the work is");
    assert.equal((await c1.get(`/api/units/${created.body.id}`)).body.liaisonName, '张三');
  });

  test('the audit log records who changed what, from where, searchable by entity', async () => {
    const c = await as(a.office.username);
    const u = await c.post('/api/units', { regionId: a.region.id, name: '审计局', kind: 'gov' });
    await c.patch(`/api/units/${u.body.id}`, { version: u.body.version, headName: '赵六' });
    const log = await c.get(`/api/audit?regionId=${a.region.id}&entityType=unit&entityId=${u.body.id}`);
    assert.equal(log.status, 200);
    assert.deepEqual(log.body.items.map((i: { action: string }) => i.action), ['unit.update', 'unit.create']);
    assert.equal(log.body.items[0].ip, '127.0.0.1');
    assert.equal(log.body.items[0].before.headName, null);
    assert.equal(log.body.items[0].after.headName, '赵六');
    assert.ok(log.body.items[0].requestId);
  });

  test('the directory exports to Excel and imports back over HTTP', async () => {
    const c = await as(a.office.username);
    const x = await c.get(`/api/units/export?regionId=${a.region.id}`);
    assert.equal(x.status, 200);
    assert.match(x.headers.get('content-disposition') ?? '', /filename\*=UTF-8''/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as unknown as ArrayBuffer);
    wb.worksheets[0]!.addRow(['甲县导入局', '', '政府部门']);
    const form = new FormData();
    form.append('file', new Blob([Buffer.from(await wb.xlsx.writeBuffer())]), 'units.xlsx');
    const r = await c.request('POST', `/api/units/import?regionId=${a.region.id}`, undefined, { raw: form });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.created, 1);
    const empty = new FormData();
    empty.append('file', new Blob([]), 'empty.xlsx');
    const e = await c.request('POST', `/api/units/import?regionId=${a.region.id}`, undefined, { raw: empty });
    assert.equal(e.status, 400);
    assert.match(e.body.error.message, /空的/);
  });

  test('a plan is uploaded, reviewed and committed over HTTP; bad files get Chinese messages', async () => {
    const c = await as(a.office.username);
    const upload = async (name: string, body: Buffer | string) => {
      const form = new FormData();
      form.append('file', new Blob([body]), name);
      return c.request('POST', `/api/plans/imports?regionId=${a.region.id}`, undefined, { raw: form });
    };
    const up = await upload('新方案.txt', '甲县法治工作要点（2026年）\n一、重点任务\n1.开展执法检查。（甲县乙局负责，2026年6月底前）\n2.开展普法宣传。（牵头单位：甲县未知局）\n');
    assert.equal(up.status, 200, JSON.stringify(up.body));
    assert.equal(up.body.draft.tasks.length, 2);
    const unknown = up.body.names.find((n: { printed: string }) => n.printed === '甲县未知局');
    assert.equal(unknown.resolution.match, null);
    const refused = await c.post(`/api/plans/imports/${up.body.id}/commit`, {});
    assert.equal(refused.status, 400);
    assert.match(refused.body.error.message, /甲县未知局/);
    const ok = await c.post(`/api/plans/imports/${up.body.id}/commit`, { decisions: { 甲县未知局: { action: 'unit', unitId: a.unitB.id } } });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const plan = await c.get(`/api/plans/${ok.body.planId}`);
    assert.deepEqual(plan.body.tasks.map((t: { assignments: { unitName: string }[] }) => t.assignments.map((x) => x.unitName)), [['甲县乙局'], ['甲县乙局']]);
    const garbage = await upload('坏文件.docx', Buffer.from('PK\x03\x04 broken'));
    assert.equal(garbage.status, 415);
    const empty = await upload('空.txt', '');
    assert.equal(empty.status, 422);
    assert.match(empty.body.error.message, /为空/);
    const huge = await upload('巨大.txt', 'x'.repeat(300 * 1024));
    assert.equal(huge.status, 413);
    assert.match(huge.body.error.message, /超过 102 KB 的上限/);
    assert.equal((await c.get(`/api/plans?regionId=${a.region.id}`)).body.items.length, 2, 'refused uploads left nothing behind');
  });

  test('a liaison reports with a PDF, the office returns it, the liaison resubmits, the office accepts', async () => {
    const liaison = await as(a.liaison.username);
    const office = await as(a.office.username);
    const inbox = await liaison.get('/api/reports/inbox');
    assert.equal(inbox.status, 200);
    const item = inbox.body.items.find((i: { taskId: string }) => i.taskId === taskA);
    assert.equal(item.periodLabel, '2026年第一季度');
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')]), '执法检查通知.pdf');
    const up = await liaison.request('POST', `/api/evidence?unitId=${a.unitA.id}`, undefined, { raw: form });
    assert.equal(up.status, 200, JSON.stringify(up.body));
    const current = (await liaison.get(`/api/reports/${reportA}`)).body;
    const saved = await liaison.post('/api/reports', { taskId: taskA, periodId: periodA, version: current.version, narrative: '本季度开展执法检查 2 次', completion: 'in_progress', percent: 30, uploadIds: [up.body.uploadId] });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const sent = await liaison.post(`/api/reports/${reportA}/submit`, { version: saved.body.version });
    assert.equal(sent.body.state, 'submitted');
    const queue = await office.get(`/api/reports/review?regionId=${a.region.id}`);
    assert.deepEqual(queue.body.items.map((i: { reportId: string }) => i.reportId), [reportA]);
    assert.equal(queue.body.items[0].evidenceCount, 1);
    const back = await office.post(`/api/reports/${reportA}/return`, { version: sent.body.version, reason: '请附检查记录' });
    assert.equal(back.body.state, 'returned');
    assert.equal((await liaison.get('/api/reports/inbox')).body.items.find((i: { taskId: string }) => i.taskId === taskA).returnReason, '请附检查记录');
    const again = await liaison.post('/api/reports', { taskId: taskA, periodId: periodA, version: back.body.version, narrative: '本季度开展执法检查 2 次，附检查记录', completion: 'in_progress', percent: 35, uploadIds: [up.body.uploadId] });
    const resent = await liaison.post(`/api/reports/${reportA}/submit`, { version: again.body.version });
    const dup = await liaison.post(`/api/reports/${reportA}/submit`, { version: again.body.version });
    assert.equal(dup.status, 200, 'a double click submits once');
    assert.equal(dup.body.version, resent.body.version);
    const ok = await office.post(`/api/reports/${reportA}/accept`, { version: resent.body.version });
    assert.equal(ok.body.state, 'accepted');
    const hist = await office.get(`/api/reports/${reportA}/history`);
    assert.deepEqual(hist.body.events.map((e: { action: string }) => e.action).slice(-5), ['save', 'submit', 'return', 'save', 'submit', 'accept'].slice(-5));
    const file = await office.get(`/api/evidence/${up.body.uploadId}/content`);
    assert.equal(file.headers.get('content-type'), 'application/pdf');
    assert.match(file.headers.get('content-disposition') ?? '', /^inline/);
    assert.equal(file.headers.get('x-content-type-options'), 'nosniff');
    assert.equal((await new Client(s.base).get(`/api/evidence/${up.body.uploadId}/content`)).status, 401);
  });

  /**
   * The role × route matrix. Every protected route appears here once; the last test checks that
   * no registered route is missing, so a new route cannot ship without its permission checks.
   * `other`: what a user of another region gets; `liaison`: what a unit liaison of region A gets.
   */
  const matrix = () => [
    { m: 'GET', u: '/api/auth/me', p: '/api/auth/me', other: 200, liaison: 200 },
    { m: 'POST', u: '/api/auth/logout', p: '/api/auth/logout', other: 200, liaison: 200 },
    { m: 'POST', u: '/api/auth/password', p: '/api/auth/password', body: { oldPassword: 'wrong', newPassword: 'Another123' }, other: 400, liaison: 400 },
    { m: 'POST', u: '/api/auth/region', p: '/api/auth/region', body: { regionId: a.region.id }, other: 404, liaison: 200 },
    { m: 'GET', u: '/api/auth/sessions', p: '/api/auth/sessions', other: 200, liaison: 200 },
    { m: 'DELETE', u: '/api/auth/sessions/:id', p: '/api/auth/sessions/0123456789abcdef', other: 404, liaison: 404 },
    { m: 'GET', u: '/api/regions/', p: '/api/regions', other: 200, liaison: 200 },
    { m: 'POST', u: '/api/regions/', p: '/api/regions', body: { name: '新区', level: 'county', parentId: null }, other: 403, liaison: 403 },
    { m: 'GET', u: '/api/units/', p: `/api/units?regionId=${a.region.id}`, other: 404, liaison: 200 },
    { m: 'GET', u: '/api/units/resolve', p: `/api/units/resolve?regionId=${a.region.id}&name=x`, other: 404, liaison: 200 },
    { m: 'GET', u: '/api/units/export', p: `/api/units/export?regionId=${a.region.id}`, other: 404, liaison: 200 },
    { m: 'POST', u: '/api/units/import', p: `/api/units/import?regionId=${a.region.id}`, form: true, other: 404, liaison: 403 },
    { m: 'POST', u: '/api/units/merge', p: '/api/units/merge', body: { sourceId: a.unitB.id, targetId: a.unitA.id }, other: 404, liaison: 403 },
    { m: 'GET', u: '/api/units/:id', p: `/api/units/${a.unitA.id}`, other: 404, liaison: 200 },
    { m: 'POST', u: '/api/units/', p: '/api/units', body: { regionId: a.region.id, name: '越权新增局', kind: 'gov' }, other: 404, liaison: 403 },
    { m: 'PATCH', u: '/api/units/:id', p: `/api/units/${a.unitB.id}`, body: { version: 1, headName: '越权' }, other: 404, liaison: 403 },
    { m: 'POST', u: '/api/units/:id/active', p: `/api/units/${a.unitB.id}/active`, body: { version: 1, active: false }, other: 404, liaison: 403 },
    { m: 'POST', u: '/api/units/:id/aliases', p: `/api/units/${a.unitB.id}/aliases`, body: { alias: '越权别名' }, other: 404, liaison: 403 },
    { m: 'DELETE', u: '/api/units/:id/aliases/:aliasId', p: `/api/units/${a.unitA.id}/aliases/${a.unitA.aliases[0]!.id}`, other: 404, liaison: 403 },
    { m: 'GET', u: '/api/groups/', p: `/api/groups?regionId=${a.region.id}`, other: 404, liaison: 200 },
    { m: 'POST', u: '/api/groups/preview', p: '/api/groups/preview', body: { regionId: a.region.id, mode: 'rule', ruleKinds: ['gov'] }, other: 404, liaison: 200 },
    { m: 'POST', u: '/api/groups/', p: '/api/groups', body: { regionId: a.region.id, name: '越权组', mode: 'rule', ruleKinds: ['gov'] }, other: 404, liaison: 403 },
    { m: 'PATCH', u: '/api/groups/:id', p: `/api/groups/${groupA}`, body: { version: 1, name: '越权改名' }, other: 404, liaison: 403 },
    { m: 'DELETE', u: '/api/groups/:id', p: `/api/groups/${groupA}`, other: 404, liaison: 403 },
    { m: 'GET', u: '/api/users/', p: `/api/users?regionId=${a.region.id}`, other: 404, liaison: 404 },
    { m: 'POST', u: '/api/users/', p: '/api/users', body: { username: 'intruder', displayName: '越权', role: 'liaison', regionId: a.region.id, unitId: a.unitA.id }, other: 403, liaison: 403 },
    { m: 'PATCH', u: '/api/users/:id', p: `/api/users/${a.leader.id}`, body: { version: 1, displayName: '越权' }, other: 404, liaison: 404 },
    { m: 'POST', u: '/api/users/:id/reset-password', p: `/api/users/${a.leader.id}/reset-password`, other: 404, liaison: 404 },
    { m: 'GET', u: '/api/audit/', p: `/api/audit?regionId=${a.region.id}`, other: 404, liaison: 404 },
    { m: 'GET', u: '/api/plans/', p: `/api/plans?regionId=${a.region.id}`, other: 404, liaison: 200 },
    { m: 'GET', u: '/api/plans/:id', p: `/api/plans/${planA}`, other: 404, liaison: 200 },
    { m: 'GET', u: '/api/plans/tasks/:id', p: `/api/plans/tasks/${taskA}`, other: 404, liaison: 200 },
    { m: 'GET', u: '/api/plans/:id/reporting', p: `/api/plans/${planA}/reporting`, other: 404, liaison: 200 },
    { m: 'PUT', u: '/api/plans/:id/reporting', p: `/api/plans/${planA}/reporting`, body: { version: 1, frequency: 'quarterly', dueOffsetDays: 10, lagMargin: 15 }, other: 404, liaison: 403 },
    { m: 'GET', u: '/api/plans/:id/source', p: `/api/plans/${planA}/source`, other: 404, liaison: 200 },
    { m: 'POST', u: '/api/plans/imports', p: `/api/plans/imports?regionId=${a.region.id}`, form: true, other: 404, liaison: 403 },
    { m: 'GET', u: '/api/plans/imports/:id', p: `/api/plans/imports/${importA}`, other: 404, liaison: 404 },
    { m: 'POST', u: '/api/plans/imports/:id/diff', p: `/api/plans/imports/${importA}/diff`, body: { planId: planA }, other: 404, liaison: 404 },
    { m: 'POST', u: '/api/plans/imports/:id/commit', p: `/api/plans/imports/${importA}/commit`, body: { allowDuplicate: true }, other: 404, liaison: 404 },
    { m: 'DELETE', u: '/api/plans/imports/:id', p: `/api/plans/imports/${importA}`, other: 404, liaison: 404 },
    { m: 'POST', u: '/api/plans/assignments', p: '/api/plans/assignments', body: { taskIds: [taskA], unitIds: [a.unitB.id], role: 'co', reason: '越权' }, other: 404, liaison: 403 },
    { m: 'GET', u: '/api/reports/inbox', p: `/api/reports/inbox?unitId=${a.unitA.id}`, other: 404, liaison: 200 },
    { m: 'GET', u: '/api/reports/open', p: `/api/reports/open?taskId=${taskA}&periodId=${periodA}&unitId=${a.unitA.id}`, other: 404, liaison: 200 },
    { m: 'GET', u: '/api/reports/review', p: `/api/reports/review?regionId=${a.region.id}`, other: 404, liaison: 404 },
    { m: 'GET', u: '/api/reports/co', p: `/api/reports/co?taskId=${taskA}&periodId=${periodA}`, other: 404, liaison: 200 },
    { m: 'POST', u: '/api/reports', p: '/api/reports', body: { taskId: taskA, periodId: periodA, unitId: a.unitA.id, version: 99, narrative: '越权', completion: null, percent: null }, other: 404, liaison: 409 },
    { m: 'GET', u: '/api/reports/export/ledger', p: `/api/reports/export/ledger?planId=${planA}&periodId=${periodA}&unitId=${a.unitA.id}`, other: 404, liaison: 200 },
    { m: 'GET', u: '/api/reports/export/evidence', p: `/api/reports/export/evidence?planId=${planA}&periodId=${periodA}&unitId=${a.unitA.id}`, other: 404, liaison: 200 },
    { m: 'POST', u: '/api/reports/bulk-accept', p: '/api/reports/bulk-accept', body: { ids: [reportA] }, other: 404, liaison: 403 },
    { m: 'GET', u: '/api/reports/:id', p: `/api/reports/${reportA}`, other: 404, liaison: 200 },
    { m: 'GET', u: '/api/reports/:id/history', p: `/api/reports/${reportA}/history`, other: 404, liaison: 200 },
    { m: 'POST', u: '/api/reports/:id/submit', p: `/api/reports/${reportA}/submit`, body: { version: 99 }, other: 404, liaison: 409 },
    { m: 'POST', u: '/api/reports/:id/accept', p: `/api/reports/${reportA}/accept`, body: { version: 1 }, other: 404, liaison: 403 },
    { m: 'POST', u: '/api/reports/:id/return', p: `/api/reports/${reportA}/return`, body: { version: 1, reason: '越权' }, other: 404, liaison: 403 },
    { m: 'POST', u: '/api/evidence', p: `/api/evidence?unitId=${a.unitA.id}`, form: true, other: 404, liaison: 415 },
    { m: 'GET', u: '/api/evidence', p: `/api/evidence?unitId=${a.unitA.id}`, other: 404, liaison: 200 },
    { m: 'GET', u: '/api/evidence/:id/content', p: `/api/evidence/${uploadA}/content`, other: 404, liaison: 200 },
    { m: 'GET', u: '/api/supervision/board', p: `/api/supervision/board?regionId=${a.region.id}`, other: 404, liaison: 404 },
    { m: 'GET', u: '/api/supervision/settings', p: `/api/supervision/settings?regionId=${a.region.id}`, other: 404, liaison: 404 },
    { m: 'PUT', u: '/api/supervision/settings', p: `/api/supervision/settings?regionId=${a.region.id}`, body: { remindDays: [5], warnOverdueReports: true, warnBehindTasks: true, escalateAfterDays: 3 }, other: 404, liaison: 404 },
    { m: 'GET', u: '/api/supervision/alerts', p: `/api/supervision/alerts?kind=warning&regionId=${a.region.id}`, other: 404, liaison: 200 },
    { m: 'POST', u: '/api/supervision/alerts/:id/answer', p: `/api/supervision/alerts/${alertB}/answer`, body: { answer: '越权答复' }, other: 404, liaison: 404 },
    { m: 'GET', u: '/api/supervision/notices', p: `/api/supervision/notices?regionId=${a.region.id}`, other: 404, liaison: 200 },
    { m: 'POST', u: '/api/supervision/notices', p: '/api/supervision/notices', body: { unitId: a.unitA.id, taskIds: [taskA], problem: '越权', requirement: '越权', replyDue: '2026-12-31' }, other: 404, liaison: 403 },
    { m: 'GET', u: '/api/supervision/notices/:id', p: `/api/supervision/notices/${noticeA}`, other: 404, liaison: 200 },
    { m: 'GET', u: '/api/supervision/notices/:id/docx', p: `/api/supervision/notices/${noticeA}/docx`, other: 404, liaison: 200 },
    { m: 'POST', u: '/api/supervision/notices/:id/reply', p: `/api/supervision/notices/${noticeA}/reply`, body: { version: 99, reply: '旧版本' }, other: 404, liaison: 409 },
    { m: 'POST', u: '/api/supervision/notices/:id/return', p: `/api/supervision/notices/${noticeA}/return`, body: { version: 1, reason: '越权' }, other: 404, liaison: 403 },
    { m: 'POST', u: '/api/supervision/notices/:id/close', p: `/api/supervision/notices/${noticeA}/close`, body: { version: 1, note: '越权' }, other: 404, liaison: 403 },
    { m: 'GET', u: '/api/supervision/extensions', p: `/api/supervision/extensions?regionId=${a.region.id}`, other: 404, liaison: 200 },
    { m: 'POST', u: '/api/supervision/extensions', p: '/api/supervision/extensions', body: { taskId: taskA, unitId: a.unitB.id, requestedDue: '2027-06-30', reason: '越权' }, other: 404, liaison: 403 },
    { m: 'POST', u: '/api/supervision/extensions/:id/decide', p: `/api/supervision/extensions/${extensionA}/decide`, body: { version: 1, grant: true }, other: 404, liaison: 403 },
    { m: 'GET', u: '/api/supervision/chases', p: `/api/supervision/chases?taskId=${taskA}`, other: 404, liaison: 200 },
    { m: 'POST', u: '/api/supervision/chases', p: '/api/supervision/chases', body: { taskId: taskA, unitId: a.unitA.id, message: '越权催办' }, other: 404, liaison: 403 },
    { m: 'GET', u: '/api/supervision/runs', p: `/api/supervision/runs?regionId=${a.region.id}`, other: 404, liaison: 404 },
    { m: 'POST', u: '/api/supervision/runs', p: '/api/supervision/runs', body: { regionId: a.region.id }, other: 403, liaison: 403 },
    { m: 'POST', u: '/api/plans/assignments/:id/remove', p: `/api/plans/assignments/${assignmentA}/remove`, body: { reason: '越权' }, other: 404, liaison: 403 },
  ];

  const send = (c: Client, row: ReturnType<typeof matrix>[number]) => {
    if (row.form) {
      const f = new FormData();
      f.append('file', new Blob([Buffer.from('PK\x03\x04')]), 'x.xlsx');
      return c.request(row.m, row.p, undefined, { raw: f });
    }
    return c.request(row.m, row.p, row.m === 'GET' || row.m === 'DELETE' ? undefined : (row.body ?? {}));
  };

  test('every protected route refuses anonymous users with 401', async () => {
    const anon = new Client(s.base);
    for (const row of matrix()) {
      const r = await send(anon, row);
      assert.equal(r.status, 401, `${row.m} ${row.p}`);
    }
  });

  test('every protected route refuses another region (404 for its records) and a liaison (403 for changes)', async () => {
    for (const row of matrix()) {
      const other = await as(b.office.username);
      const r = await send(other, row);
      assert.equal(r.status, row.other, `other region: ${row.m} ${row.p} → ${JSON.stringify(r.body)}`);
      const liaison = await as(a.liaison.username);
      const l = await send(liaison, row);
      assert.equal(l.status, row.liaison, `liaison: ${row.m} ${row.p} → ${JSON.stringify(l.body)}`);
    }
  });

  test('the matrix covers every protected route', () => {
    const norm = (u: string) => u.replace(/\/$/, '');
    const covered = new Set(matrix().map((r) => `${r.m} ${norm(r.u)}`));
    const protectedRoutes = s.app.routeTable
      .filter((r) => r.url.startsWith('/api/') && !r.public && !r.url.startsWith('/api/docs'))
      .map((r) => ({ ...r, url: norm(r.url) }));
    const missing = protectedRoutes.map((r) => `${r.method} ${r.url}`).filter((k) => !covered.has(k));
    assert.deepEqual(missing, []);
    assert.ok(protectedRoutes.length >= matrix().length);
  });

  test('a user forced to change the password can do nothing else until they do', async () => {
    const sys = systemCtx(s.handle.db, s.clock);
    const u = await makeUser(sys, { role: 'leader', regionId: a.region.id, mustChangePassword: true });
    const c = await as(u.username);
    const blocked = await c.get(`/api/units?regionId=${a.region.id}`);
    assert.equal(blocked.status, 403);
    assert.match(blocked.body.error.message, /修改初始密码/);
    assert.equal((await c.post('/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'Changed123' })).status, 200);
    assert.equal((await c.get(`/api/units?regionId=${a.region.id}`)).status, 200);
  });
});
