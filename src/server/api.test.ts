import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { Client, startTestServer, type TestServer } from '../../test/http.ts';
import { TEST_PASSWORD, makeCounty, makeUser, systemCtx } from '../../test/factories.ts';
import { createGroup } from '../services/groups.ts';
import { commitImport, uploadPlan } from '../services/plan-import.ts';
import { getPlan } from '../services/plans.ts';
import { saveReport, submitReport } from '../services/reports.ts';
import { uploadEvidence } from '../services/evidence.ts';
import { periodsRepo } from '../db/repositories/reports.ts';
import { LocalBlobStore } from '../db/blob-store.ts';
import { ctxAs } from '../../test/factories.ts';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { createWebhook } from '../services/deliveries.ts';
import { notificationsRepo } from '../db/repositories/notifications.ts';
import { issueNotice } from '../services/notices.ts';
import { supervisionRepo } from '../db/repositories/supervision.ts';
import { newId } from '../db/ids.ts';
import { circularsRepo } from '../db/repositories/circulars.ts';
import iconv from 'iconv-lite';

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
  let circularA: string;
  let uploadA: string;
  let webhookA: string;
  let deliveryA: string;
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
    webhookA = (await createWebhook(officeCtx, { regionId: a.region.id, name: '甲县工作群', format: 'wecom', url: 'http://127.0.0.1:9/cgi-bin/webhook/send?key=k', kinds: [], active: true })).id;
    deliveryA = newId();
    await notificationsRepo.enqueue(s.handle.db, [{ id: deliveryA, region_id: a.region.id, channel: 'webhook', target: webhookA, user_id: null, kind: 'system', title: '测试', body: '测试', link: null, dedupe_key: 'api-test', state: 'failed', attempts: 6, next_attempt_at: now, claimed_at: null, last_error: '机器人地址拒绝连接', sent_at: null, created_at: now }]);
    extensionA = newId();
    await supervisionRepo.insertExtension(s.handle.db, { id: extensionA, region_id: a.region.id, task_id: taskA, unit_id: a.unitA.id, current_due: '2026-06-30', requested_due: '2026-09-30', reason: '理由', state: 'pending', requested_by: a.liaison.id, requested_by_name: '联络员', decided_by_name: null, decided_at: null, decision_note: null, version: 1, created_at: now });
    circularA = newId();
    const facts = { planTitle: '甲县法治政府建设实施方案', periodLabel: '2026年第一季度', periodStart: '2026-01-01', periodEnd: '2026-03-31', due: '2026-04-10', asOf: '2026-04-20', units: 1, reports: 1, onTime: 1, late: 0, missing: 0, returned: 0, accepted: 0, behindTasks: 0, overdueTasks: 0 };
    const circularBody = { addressee: '各有关单位：', opening: ['现将有关情况通报如下。'], sections: [{ key: 'summary', heading: '总体情况', paragraphs: ['按时报送1项。'], units: [] }], closingHeading: '下一步工作要求', closing: ['请按时报送。'], attachmentTitle: '统计表', cc: '', table: [{ unitId: a.unitA.id, unitName: a.unitA.name, due: 1, onTime: 1, late: 0, missing: 0, returned: 0, accepted: 0, behind: 0, overdue: 0 }], facts };
    await circularsRepo.insert(s.handle.db, { id: circularA, region_id: a.region.id, plan_id: planA, period_id: periodA, year: 2026, seq: 1, number: '甲法通〔2026〕1号', title: '关于2026年第一季度的通报', body_json: JSON.stringify(circularBody), state: 'issued', issued_at: now, issuer_id: a.office.id, issuer_name: '依法治办', issuer_org: '中共甲县委全面依法治县委员会办公室', created_by_name: '依法治办', version: 2, created_at: now, updated_at: now });
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
    { m: 'GET', u: '/api/supervision/unit-tasks', p: `/api/supervision/unit-tasks?unitId=${a.unitA.id}`, other: 404, liaison: 200 },
    { m: 'GET', u: '/api/notifications/', p: '/api/notifications', other: 200, liaison: 200 },
    { m: 'GET', u: '/api/notifications/unread', p: '/api/notifications/unread', other: 200, liaison: 200 },
    { m: 'POST', u: '/api/notifications/read', p: '/api/notifications/read', body: { all: true }, other: 200, liaison: 200 },
    { m: 'GET', u: '/api/notifications/prefs', p: '/api/notifications/prefs', other: 200, liaison: 200 },
    { m: 'PUT', u: '/api/notifications/prefs', p: '/api/notifications/prefs', body: { emailEnabled: true, emailMuted: [], quietStart: null, quietEnd: null, version: 99 }, other: 409, liaison: 409 },
    { m: 'GET', u: '/api/notifications/webhooks', p: `/api/notifications/webhooks?regionId=${a.region.id}`, other: 404, liaison: 404 },
    { m: 'POST', u: '/api/notifications/webhooks', p: '/api/notifications/webhooks', body: { regionId: a.region.id, name: '越权', format: 'generic', url: 'http://127.0.0.1:9/x', kinds: [], active: true }, other: 403, liaison: 403 },
    { m: 'PUT', u: '/api/notifications/webhooks/:id', p: `/api/notifications/webhooks/${webhookA}`, body: { name: '越权', format: 'generic', url: 'http://127.0.0.1:9/x', kinds: [], active: true, version: 1 }, other: 404, liaison: 404 },
    { m: 'POST', u: '/api/notifications/webhooks/:id/test', p: `/api/notifications/webhooks/${webhookA}/test`, other: 404, liaison: 404 },
    { m: 'GET', u: '/api/notifications/deliveries', p: `/api/notifications/deliveries?regionId=${a.region.id}`, other: 404, liaison: 404 },
    { m: 'POST', u: '/api/notifications/deliveries/:id/resend', p: `/api/notifications/deliveries/${deliveryA}/resend`, other: 404, liaison: 404 },
    { m: 'GET', u: '/api/calendar/', p: `/api/calendar?regionId=${a.region.id}`, other: 404, liaison: 404 },
    { m: 'POST', u: '/api/calendar/import', p: '/api/calendar/import', form: true, other: 403, liaison: 403 },
    { m: 'GET', u: '/api/calendar/:year', p: '/api/calendar/2026', other: 200, liaison: 404 },
    { m: 'PUT', u: '/api/calendar/:year', p: '/api/calendar/2026', body: { holidays: ['2026-01-01'], workdays: [], source: '越权', version: 1 }, other: 403, liaison: 403 },
    { m: 'DELETE', u: '/api/calendar/:year', p: '/api/calendar/2026?version=1', other: 403, liaison: 403 },
    { m: 'GET', u: '/api/calendar/:year/export', p: '/api/calendar/2026/export', other: 200, liaison: 404 },
    { m: 'GET', u: '/api/circulars/', p: `/api/circulars?regionId=${a.region.id}`, other: 404, liaison: 200 },
    { m: 'POST', u: '/api/circulars/', p: '/api/circulars', body: { planId: planA, periodId: periodA }, other: 404, liaison: 403 },
    { m: 'GET', u: '/api/circulars/:id', p: `/api/circulars/${circularA}`, other: 404, liaison: 200 },
    { m: 'PUT', u: '/api/circulars/:id', p: `/api/circulars/${circularA}`, body: { version: 2, title: '越权', addressee: '各单位：', opening: [], sections: [], closing: [], cc: '' }, other: 404, liaison: 403 },
    { m: 'POST', u: '/api/circulars/:id/issue', p: `/api/circulars/${circularA}/issue`, body: { version: 2 }, other: 404, liaison: 403 },
    { m: 'DELETE', u: '/api/circulars/:id', p: `/api/circulars/${circularA}?version=2`, other: 404, liaison: 403 },
    { m: 'GET', u: '/api/circulars/:id/docx', p: `/api/circulars/${circularA}/docx`, other: 404, liaison: 200 },
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

  test('the bell over HTTP: a 督办单 issued by the office reaches the liaison; marking read counts down; the office sees the robot log', async () => {
    const office = await as(a.office.username);
    const liaison = await as(a.liaison.username);
    await liaison.post('/api/notifications/read', { all: true });
    const issued = await office.post('/api/supervision/notices', { unitId: a.unitA.id, taskIds: [taskA], problem: '报送迟缓', requirement: '限期报送', replyDue: '2026-12-30' });
    assert.equal(issued.status, 200, JSON.stringify(issued.body));
    assert.deepEqual((await liaison.get('/api/notifications/unread')).body, { unread: 1 });
    const list = await liaison.get('/api/notifications?unread=1');
    assert.equal(list.body.items[0].kindLabel, '督办单');
    assert.equal(list.body.items[0].link, `/supervision/notices/${issued.body.id}`);
    assert.deepEqual((await liaison.post('/api/notifications/read', { ids: [list.body.items[0].id] })).body, { unread: 0 });
    const log = await office.get(`/api/notifications/deliveries?regionId=${a.region.id}`);
    assert.equal(log.status, 200);
    assert.equal(log.body.emailConfigured, false);
    assert.ok(log.body.items.some((d: { targetLabel: string; title: string }) => d.targetLabel === '甲县工作群' && d.title.includes('督办')), 'the robot delivery is queued and logged');
    const bad = await office.put('/api/notifications/prefs', { emailEnabled: true, emailMuted: ['不存在'], quietStart: '22:00', quietEnd: null, version: 0 });
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(bad.body), /消息类型不正确/);
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

describe('HTTP API · 督办：单位承担的任务（签发督办单用）', () => {
  let s: TestServer;
  let c: County;
  let tasks: string[];
  const as = async (username: string) => {
    const cl = new Client(s.base);
    assert.equal((await cl.login(username, TEST_PASSWORD)).status, 200);
    return cl;
  };

  before(async () => {
    s = await startTestServer();
    const sys = systemCtx(s.handle.db, s.clock);
    c = await makeCounty(sys, '丙县');
    const text = `丙县法治政府建设工作要点（2026—2026年）
一、重点任务
1.建立行政执法案卷评查制度。（牵头单位：丙县甲局；责任单位：丙县乙局）（完成时限：2026年12月底前）
2.持续开展领导干部学法用法活动。（牵头单位：丙县甲局）（完成时限：长期坚持）
3.完善政府信息公开目录。（牵头单位：丙县乙局）（完成时限：2026年6月底前）
`;
    const imp = await uploadPlan(sys, { regionId: c.region.id, fileName: 'p.txt', bytes: new TextEncoder().encode(text) });
    tasks = (await getPlan(sys, (await commitImport(sys, imp.id, {})).planId)).tasks.map((t) => t.id);
  });
  after(async () => s.close());

  test('the office lists a unit\'s tasks with role, status and due date; its liaison too; another unit\'s liaison gets 404', async () => {
    const office = await as(c.office.username);
    const b = await office.get(`/api/supervision/unit-tasks?unitId=${c.unitB.id}`);
    assert.equal(b.status, 200, JSON.stringify(b.body));
    assert.deepEqual(
      b.body.items.map((t: { taskId: string; number: string; role: string; due: string | null; planTitle: string }) => [t.taskId, t.number, t.role, t.due, t.planTitle]),
      [
        [tasks[0], '一.1', 'co', '2026-12-31', '丙县法治政府建设工作要点'],
        [tasks[2], '一.3', 'lead', '2026-06-30', '丙县法治政府建设工作要点'],
      ],
    );
    assert.ok(b.body.items.every((t: { status: string; reason: string }) => t.status && t.reason));
    const a = await office.get(`/api/supervision/unit-tasks?unitId=${c.unitA.id}`);
    assert.deepEqual(a.body.items.map((t: { number: string; role: string; due: string | null }) => [t.number, t.role, t.due]), [['一.1', 'lead', '2026-12-31'], ['一.2', 'lead', null]]);

    // the picked tasks are accepted by the issue form's endpoint
    const issued = await office.post('/api/supervision/notices', { unitId: c.unitB.id, taskIds: b.body.items.map((t: { taskId: string }) => t.taskId), problem: '进展滞后', requirement: '说明原因', replyDue: '2026-03-16' });
    assert.equal(issued.status, 200, JSON.stringify(issued.body));
    assert.deepEqual(issued.body.tasks.map((t: { number: string }) => t.number), ['一.1', '一.3']);

    const liaison = await as(c.liaison.username);
    assert.equal((await liaison.get(`/api/supervision/unit-tasks?unitId=${c.unitA.id}`)).body.items.length, 2);
    const denied = await liaison.get(`/api/supervision/unit-tasks?unitId=${c.unitB.id}`);
    assert.equal(denied.status, 404);
    assert.match(denied.body.error.message, /单位不存在或您无权查看/);
    assert.equal((await office.get('/api/supervision/unit-tasks?unitId=bad')).status, 400);
  });
});

describe('HTTP API · 工作日历（节假日与调休）', () => {
  let s: TestServer;
  let c: County;
  let adminName: string;
  const as = async (username: string) => {
    const cl = new Client(s.base);
    assert.equal((await cl.login(username, TEST_PASSWORD)).status, 200);
    return cl;
  };
  const upload = (cl: Client, path: string, bytes: Buffer, name: string) => {
    const f = new FormData();
    f.append('file', new Blob([new Uint8Array(bytes)]), name);
    return cl.request('POST', path, undefined, { raw: f });
  };

  before(async () => {
    s = await startTestServer();
    const sys = systemCtx(s.handle.db, s.clock);
    c = await makeCounty(sys, '丁县');
    adminName = (await makeUser(sys, { role: 'admin' })).username;
  });
  after(async () => s.close());

  test('the admin saves and imports a year; the office reads it but is refused with 403 when it writes', async () => {
    const admin = await as(adminName);
    const office = await as(c.office.username);
    const overview = await office.get('/api/calendar');
    assert.equal(overview.status, 200, JSON.stringify(overview.body));
    assert.equal(overview.body.canEdit, false);
    assert.ok(overview.body.years.some((y: { year: number; updatedByName: string }) => y.year === 2026 && y.updatedByName === '系统（随附数据）'), 'the shipped years are seeded on first use');

    const body = { holidays: ['2030-01-01', '2030-01-10'], workdays: ['2030-01-05'], source: '测试数据' };
    const saved = await admin.request('PUT', '/api/calendar/2030', body);
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.version, 1);
    const refused = await office.request('PUT', '/api/calendar/2030', { ...body, holidays: ['2030-01-01'], version: 1 });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'FORBIDDEN');
    assert.deepEqual((await office.get('/api/calendar/2030')).body.holidays, ['2030-01-01', '2030-01-10'], 'the refused save changed nothing');
    assert.equal((await office.request('DELETE', '/api/calendar/2030?version=1')).status, 403);
    assert.equal((await upload(office, '/api/calendar/import', Buffer.from('2030-01-01,休\n'), 'a.csv')).status, 403);

    const stale = await admin.request('PUT', '/api/calendar/2030', { ...body, version: 7 });
    assert.equal(stale.status, 409);
    const invalid = await admin.request('PUT', '/api/calendar/2030', { ...body, workdays: ['2030-01-07'], version: 1 });
    assert.equal(invalid.status, 400);
    assert.deepEqual(invalid.body.error.details, [{ field: 'workdays', message: '调休上班日 2030-01-07（周一）不是周末，本来就是工作日' }]);

    const gbk = iconv.encode('日期,类型\r\n2029-01-01,休\r\n2029-01-06,班\r\n', 'gbk');
    const imported = await upload(admin, '/api/calendar/import?year=2029', gbk, '2029.csv');
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    assert.deepEqual([imported.body.applied, imported.body.year, imported.body.holidayCount, imported.body.workdayCount], [true, 2029, 1, 1]);
    const bad = await upload(admin, '/api/calendar/import', Buffer.from('日期,类型\n2029-01-01,休\n2029-01-08,班\n2029-13-01,休\n'), 'bad.csv');
    assert.equal(bad.status, 200);
    assert.equal(bad.body.applied, false);
    assert.deepEqual(bad.body.errors.map((e: { line: number }) => e.line), [3, 4]);
    assert.match(bad.body.errors[0].message, /^第3行：/);

    const csv = await office.get('/api/calendar/2029/export');
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    assert.equal((csv.body as Buffer).toString('utf8'), '\uFEFF日期,类型\n2029-01-01,休\n2029-01-06,班\n');

    assert.equal((await admin.request('DELETE', '/api/calendar/2030?version=1')).status, 200);
    assert.equal((await office.get('/api/calendar/2030')).status, 404);
  });
});

describe('HTTP API · 通报', () => {
  let s: TestServer;
  let c: County;
  let other: County;
  let planId: string;
  let q1: string;
  const as = async (username: string) => {
    const cl = new Client(s.base);
    assert.equal((await cl.login(username, TEST_PASSWORD)).status, 200);
    return cl;
  };

  before(async () => {
    s = await startTestServer();
    const sys = systemCtx(s.handle.db, s.clock);
    c = await makeCounty(sys, '戊县');
    other = await makeCounty(sys, '己县');
    const text = `戊县法治政府建设工作要点（2026—2026年）
一、重点任务
1.持续开展领导干部学法用法活动。（牵头单位：戊县甲局）（完成时限：长期坚持）
2.持续推进政务公开工作。（牵头单位：戊县乙局）（完成时限：长期坚持）
`;
    const imp = await uploadPlan(sys, { regionId: c.region.id, fileName: 'p.txt', bytes: new TextEncoder().encode(text) });
    planId = (await commitImport(sys, imp.id, {})).planId;
    const task = (await getPlan(sys, planId)).tasks[0]!.id;
    q1 = (await periodsRepo.ofPlan(s.handle.db, planId))[0]!.id;
    // 甲局 reports the first quarter on time; 乙局 does not report
    s.clock.set('2026-04-08T02:00:00Z');
    const liaison = await ctxAs(sys, c.liaison.id);
    const d = await saveReport(liaison, { taskId: task, periodId: q1, narrative: '本季度组织学法2次。', completion: 'ongoing_done', percent: null });
    await submitReport(liaison, d.id!, d.version);
    s.clock.set('2026-04-20T02:00:00Z');
  });
  after(async () => s.close());

  test('the office generates, edits (a stale version is 409) and issues a circular; the region reads it, others get 404', async () => {
    const office = await as(c.office.username);
    const liaison = await as(c.liaison.username);
    const stranger = await as(other.office.username);
    assert.equal((await liaison.post('/api/circulars', { planId, periodId: q1 })).status, 403);
    assert.equal((await stranger.post('/api/circulars', { planId, periodId: q1 })).status, 404);
    assert.equal((await office.post('/api/circulars', { planId, periodId: q1, extra: 1 })).status, 400);

    const g = await office.post('/api/circulars', { planId, periodId: q1 });
    assert.equal(g.status, 200, JSON.stringify(g.body));
    assert.equal(g.body.state, 'draft');
    const units = (key: string) => g.body.body.sections.find((x: { key: string }) => x.key === key).units.map((u: { unitName: string }) => u.unitName);
    assert.deepEqual([units('on_time'), units('missing'), units('late')], [['戊县甲局'], ['戊县乙局'], []]);
    assert.equal((await office.post('/api/circulars', { planId, periodId: q1 })).status, 409, 'one draft per period');
    assert.equal((await liaison.get(`/api/circulars/${g.body.id}`)).status, 404, 'a draft is the office’s');

    const edit = (version: number, title: string) => ({ version, title, addressee: '各有关单位：', opening: ['现将第一季度报送情况通报如下。'], sections: [{ key: 'summary', paragraphs: ['第一季度应报送2项，按时报送1项，未报送1项。'] }], closing: ['请戊县乙局尽快补报。'], cc: '县委、县政府领导' });
    const e1 = await office.put(`/api/circulars/${g.body.id}`, edit(g.body.version, '关于第一季度任务进展报送情况的通报'));
    assert.equal(e1.status, 200, JSON.stringify(e1.body));
    const stale = await office.put(`/api/circulars/${g.body.id}`, edit(g.body.version, '旧版本'));
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error.details[0].field, 'version');
    assert.equal((await office.put(`/api/circulars/${g.body.id}`, { ...edit(e1.body.version, 'x'), table: [] })).status, 400, 'the table cannot be sent');

    const issued = await office.post(`/api/circulars/${g.body.id}/issue`, { version: e1.body.version });
    assert.equal(issued.status, 200, JSON.stringify(issued.body));
    assert.equal(issued.body.number, '戊法通〔2026〕1号');
    assert.equal((await office.put(`/api/circulars/${g.body.id}`, edit(issued.body.version, '印发后再改'))).status, 409);

    const list = await liaison.get(`/api/circulars?regionId=${c.region.id}`);
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.items.map((x: { number: string; title: string }) => [x.number, x.title]), [['戊法通〔2026〕1号', '关于第一季度任务进展报送情况的通报']]);
    const leader = await as(c.leader.username);
    assert.equal((await leader.get(`/api/circulars/${g.body.id}`)).status, 200);
    assert.equal((await stranger.get(`/api/circulars/${g.body.id}`)).status, 404);
    assert.equal((await stranger.get(`/api/circulars?regionId=${c.region.id}`)).status, 404);

    const file = await liaison.get(`/api/circulars/${g.body.id}/docx`);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.match(decodeURIComponent(file.headers.get('content-disposition') ?? ''), /filename\*=UTF-8''通报戊法通〔2026〕1号\.docx/);
    assert.equal((file.body as Buffer).subarray(0, 2).toString(), 'PK');
    assert.equal((await stranger.get(`/api/circulars/${g.body.id}/docx`)).status, 404);
  });
});
