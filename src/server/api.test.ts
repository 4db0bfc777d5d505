import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { Client, loginAs, startTestServer, type TestServer } from '../../test/http.ts';
import { TEST_PASSWORD, importPlanText, makeCounty, makeUser, systemCtx } from '../../test/factories.ts';
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
import { createCampaign, defaultFramework } from '../services/assessment.ts';
import { notificationsRepo } from '../db/repositories/notifications.ts';
import { issueNotice } from '../services/notices.ts';
import { supervisionRepo } from '../db/repositories/supervision.ts';
import { newId } from '../db/ids.ts';
import { circularsRepo } from '../db/repositories/circulars.ts';
import { generateAnnualReport } from '../services/annual-reports.ts';
import iconv from 'iconv-lite';
import { createInspectionPlan, recordVisit } from '../services/inspections.ts';
import { addProblem } from '../services/inspections-problems.ts';

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
  let annualA: string;
  let uploadA: string;
  let webhookA: string;
  let deliveryA: string;
  let frameworkA: string;
  let leafA: string;
  let campaignA: string;
  let inspectionA: string;
  let visitA: string;
  let problemA: string;
  const as = (username: string) => loginAs(s.base, username);

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
    const fw = await defaultFramework(officeCtx, { planId: planA, year: 2026 });
    frameworkA = fw.id;
    leafA = fw.indicators[0]!.children[0]!.id;
    campaignA = (await createCampaign(officeCtx, { frameworkId: frameworkA, name: '甲县考核', unitIds: [a.unitA.id], assessorIds: [] })).id;
    deliveryA = newId();
    await notificationsRepo.enqueue(s.handle.db, [{ id: deliveryA, region_id: a.region.id, channel: 'webhook', target: webhookA, user_id: null, kind: 'system', title: '测试', body: '测试', link: null, dedupe_key: 'api-test', state: 'failed', attempts: 6, next_attempt_at: now, claimed_at: null, last_error: '机器人地址拒绝连接', sent_at: null, created_at: now }]);
    extensionA = newId();
    await supervisionRepo.insertExtension(s.handle.db, { id: extensionA, region_id: a.region.id, task_id: taskA, unit_id: a.unitA.id, current_due: '2026-06-30', requested_due: '2026-09-30', reason: '理由', state: 'pending', requested_by: a.liaison.id, requested_by_name: '联络员', decided_by_name: null, decided_at: null, decision_note: null, version: 1, created_at: now });
    circularA = newId();
    const facts = { planTitle: '甲县法治政府建设实施方案', periodLabel: '2026年第一季度', periodStart: '2026-01-01', periodEnd: '2026-03-31', due: '2026-04-10', asOf: '2026-04-20', units: 1, reports: 1, onTime: 1, late: 0, missing: 0, returned: 0, accepted: 0, behindTasks: 0, overdueTasks: 0 };
    const circularBody = { addressee: '各有关单位：', opening: ['现将有关情况通报如下。'], sections: [{ key: 'summary', heading: '总体情况', paragraphs: ['按时报送1项。'], units: [] }], closingHeading: '下一步工作要求', closing: ['请按时报送。'], attachmentTitle: '统计表', cc: '', table: [{ unitId: a.unitA.id, unitName: a.unitA.name, due: 1, onTime: 1, late: 0, missing: 0, returned: 0, accepted: 0, behind: 0, overdue: 0 }], facts };
    await circularsRepo.insert(s.handle.db, { id: circularA, region_id: a.region.id, plan_id: planA, period_id: periodA, year: 2026, seq: 1, number: '甲法通〔2026〕1号', title: '关于2026年第一季度的通报', body_json: JSON.stringify(circularBody), state: 'issued', issued_at: now, issuer_id: a.office.id, issuer_name: '依法治办', issuer_org: '中共甲县委全面依法治县委员会办公室', created_by_name: '依法治办', version: 2, created_at: now, updated_at: now });
    annualA = (await generateAnnualReport(officeCtx, { regionId: a.region.id, year: 2026 })).id;
    // 督察: a plan with one recorded visit to unit A and one problem on its list
    const inspectorCtx = await ctxAs(sys, a.inspector.id);
    const insp = await createInspectionPlan(officeCtx, { regionId: a.region.id, title: '甲县督察', year: 2026, planId: planA, startsOn: '2026-03-01', endsOn: '2026-12-31', visits: [{ unitId: a.unitA.id, scheduledOn: '2026-03-02', inspectorIds: [a.inspector.id], taskIds: [taskA], headingIds: [] }] });
    inspectionA = insp.id;
    visitA = insp.visits[0]!.id;
    problemA = (await addProblem(inspectorCtx, visitA, { checklistKey: taskA, description: '台账不全', requirement: '补齐台账', deadline: '2026-06-30' })).id;
    await recordVisit(inspectorCtx, visitA, { version: insp.visits[0]!.version, visitedOn: '2026-03-02', summary: '现场督察', results: { [taskA]: { result: 'problem', note: '' } } });
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
   * `other`: what a user of another region gets; `liaison`: what a unit liaison of region A gets;
   * `stranger`: what a liaison of ANOTHER unit of the same region (unit B of 甲县) gets — unit A's
   * records answer 404 to it, changes 403 (or 404 where the record is unit A's). Every row must state
   * all three: a row without `stranger` fails the matrix test, so a new route says what it owes.
   */
  const matrix = () => [
    { m: 'GET', u: '/api/auth/me', p: '/api/auth/me', other: 200, liaison: 200, stranger: 200 },
    { m: 'POST', u: '/api/auth/logout', p: '/api/auth/logout', other: 200, liaison: 200, stranger: 200 },
    { m: 'POST', u: '/api/auth/password', p: '/api/auth/password', body: { oldPassword: 'wrong', newPassword: 'Another123' }, other: 400, liaison: 400, stranger: 400 },
    { m: 'POST', u: '/api/auth/region', p: '/api/auth/region', body: { regionId: a.region.id }, other: 404, liaison: 200, stranger: 200 },
    { m: 'GET', u: '/api/auth/sessions', p: '/api/auth/sessions', other: 200, liaison: 200, stranger: 200 },
    { m: 'DELETE', u: '/api/auth/sessions/:id', p: '/api/auth/sessions/0123456789abcdef', other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/regions/', p: '/api/regions', other: 200, liaison: 200, stranger: 200 },
    { m: 'POST', u: '/api/regions/', p: '/api/regions', body: { name: '新区', level: 'county', parentId: null }, other: 403, liaison: 403, stranger: 403 },
    { m: 'GET', u: '/api/units/', p: `/api/units?regionId=${a.region.id}`, other: 404, liaison: 200, stranger: 200 },
    { m: 'GET', u: '/api/units/resolve', p: `/api/units/resolve?regionId=${a.region.id}&name=x`, other: 404, liaison: 200, stranger: 200 },
    { m: 'GET', u: '/api/units/export', p: `/api/units/export?regionId=${a.region.id}`, other: 404, liaison: 200, stranger: 200 },
    { m: 'POST', u: '/api/units/import', p: `/api/units/import?regionId=${a.region.id}`, form: true, other: 404, liaison: 403, stranger: 403 },
    { m: 'POST', u: '/api/units/merge', p: '/api/units/merge', body: { sourceId: a.unitB.id, targetId: a.unitA.id }, other: 404, liaison: 403, stranger: 403 },
    { m: 'GET', u: '/api/units/:id', p: `/api/units/${a.unitA.id}`, other: 404, liaison: 200, stranger: 200 },
    { m: 'POST', u: '/api/units/', p: '/api/units', body: { regionId: a.region.id, name: '越权新增局', kind: 'gov' }, other: 404, liaison: 403, stranger: 403 },
    { m: 'PATCH', u: '/api/units/:id', p: `/api/units/${a.unitB.id}`, body: { version: 1, headName: '越权' }, other: 404, liaison: 403, stranger: 403 },
    { m: 'POST', u: '/api/units/:id/active', p: `/api/units/${a.unitB.id}/active`, body: { version: 1, active: false }, other: 404, liaison: 403, stranger: 403 },
    { m: 'POST', u: '/api/units/:id/aliases', p: `/api/units/${a.unitB.id}/aliases`, body: { alias: '越权别名' }, other: 404, liaison: 403, stranger: 403 },
    { m: 'DELETE', u: '/api/units/:id/aliases/:aliasId', p: `/api/units/${a.unitA.id}/aliases/${a.unitA.aliases[0]!.id}`, other: 404, liaison: 403, stranger: 403 },
    { m: 'GET', u: '/api/groups/', p: `/api/groups?regionId=${a.region.id}`, other: 404, liaison: 200, stranger: 200 },
    { m: 'POST', u: '/api/groups/preview', p: '/api/groups/preview', body: { regionId: a.region.id, mode: 'rule', ruleKinds: ['gov'] }, other: 404, liaison: 200, stranger: 200 },
    { m: 'POST', u: '/api/groups/', p: '/api/groups', body: { regionId: a.region.id, name: '越权组', mode: 'rule', ruleKinds: ['gov'] }, other: 404, liaison: 403, stranger: 403 },
    { m: 'PATCH', u: '/api/groups/:id', p: `/api/groups/${groupA}`, body: { version: 1, name: '越权改名' }, other: 404, liaison: 403, stranger: 403 },
    { m: 'DELETE', u: '/api/groups/:id', p: `/api/groups/${groupA}`, other: 404, liaison: 403, stranger: 403 },
    { m: 'GET', u: '/api/users/', p: `/api/users?regionId=${a.region.id}`, other: 404, liaison: 404, stranger: 404 },
    { m: 'POST', u: '/api/users/', p: '/api/users', body: { username: 'intruder', displayName: '越权', role: 'liaison', regionId: a.region.id, unitId: a.unitA.id }, other: 403, liaison: 403, stranger: 403 },
    { m: 'PATCH', u: '/api/users/:id', p: `/api/users/${a.leader.id}`, body: { version: 1, displayName: '越权' }, other: 404, liaison: 404, stranger: 404 },
    { m: 'POST', u: '/api/users/:id/reset-password', p: `/api/users/${a.leader.id}/reset-password`, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/audit/', p: `/api/audit?regionId=${a.region.id}`, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/plans/', p: `/api/plans?regionId=${a.region.id}`, other: 404, liaison: 200, stranger: 200 },
    { m: 'GET', u: '/api/plans/:id', p: `/api/plans/${planA}`, other: 404, liaison: 200, stranger: 200 },
    { m: 'GET', u: '/api/plans/tasks', p: `/api/plans/tasks?regionId=${a.region.id}&unitId=${a.unitA.id}`, other: 404, liaison: 200, stranger: 404 },
    { m: 'GET', u: '/api/plans/tasks/:id', p: `/api/plans/tasks/${taskA}`, other: 404, liaison: 200, stranger: 200 },
    { m: 'GET', u: '/api/plans/:id/reporting', p: `/api/plans/${planA}/reporting`, other: 404, liaison: 200, stranger: 200 },
    { m: 'PUT', u: '/api/plans/:id/reporting', p: `/api/plans/${planA}/reporting`, body: { version: 1, frequency: 'quarterly', dueOffsetDays: 10, lagMargin: 15 }, other: 404, liaison: 403, stranger: 403 },
    { m: 'GET', u: '/api/plans/:id/source', p: `/api/plans/${planA}/source`, other: 404, liaison: 200, stranger: 200 },
    { m: 'POST', u: '/api/plans/imports', p: `/api/plans/imports?regionId=${a.region.id}`, form: true, other: 404, liaison: 403, stranger: 403 },
    { m: 'GET', u: '/api/plans/imports/:id', p: `/api/plans/imports/${importA}`, other: 404, liaison: 404, stranger: 404 },
    { m: 'POST', u: '/api/plans/imports/:id/diff', p: `/api/plans/imports/${importA}/diff`, body: { planId: planA }, other: 404, liaison: 404, stranger: 404 },
    { m: 'POST', u: '/api/plans/imports/:id/commit', p: `/api/plans/imports/${importA}/commit`, body: { allowDuplicate: true }, other: 404, liaison: 404, stranger: 404 },
    { m: 'DELETE', u: '/api/plans/imports/:id', p: `/api/plans/imports/${importA}`, other: 404, liaison: 404, stranger: 404 },
    { m: 'POST', u: '/api/plans/assignments', p: '/api/plans/assignments', body: { taskIds: [taskA], unitIds: [a.unitB.id], role: 'co', reason: '越权' }, other: 404, liaison: 403, stranger: 403 },
    { m: 'GET', u: '/api/reports/inbox', p: `/api/reports/inbox?unitId=${a.unitA.id}`, other: 404, liaison: 200, stranger: 404 },
    { m: 'GET', u: '/api/reports/open', p: `/api/reports/open?taskId=${taskA}&periodId=${periodA}&unitId=${a.unitA.id}`, other: 404, liaison: 200, stranger: 404 },
    { m: 'GET', u: '/api/reports/review', p: `/api/reports/review?regionId=${a.region.id}`, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/reports/co', p: `/api/reports/co?taskId=${taskA}&periodId=${periodA}`, other: 404, liaison: 200, stranger: 404 },
    { m: 'POST', u: '/api/reports', p: '/api/reports', body: { taskId: taskA, periodId: periodA, unitId: a.unitA.id, version: 99, narrative: '越权', completion: null, percent: null }, other: 404, liaison: 409, stranger: 404 },
    { m: 'GET', u: '/api/reports/export/ledger', p: `/api/reports/export/ledger?planId=${planA}&periodId=${periodA}&unitId=${a.unitA.id}`, other: 404, liaison: 200, stranger: 404 },
    { m: 'GET', u: '/api/reports/export/evidence', p: `/api/reports/export/evidence?planId=${planA}&periodId=${periodA}&unitId=${a.unitA.id}`, other: 404, liaison: 200, stranger: 404 },
    { m: 'POST', u: '/api/reports/bulk-accept', p: '/api/reports/bulk-accept', body: { ids: [reportA] }, other: 404, liaison: 403, stranger: 404 },
    { m: 'GET', u: '/api/reports/:id', p: `/api/reports/${reportA}`, other: 404, liaison: 200, stranger: 404 },
    { m: 'GET', u: '/api/reports/:id/history', p: `/api/reports/${reportA}/history`, other: 404, liaison: 200, stranger: 404 },
    { m: 'POST', u: '/api/reports/:id/submit', p: `/api/reports/${reportA}/submit`, body: { version: 99 }, other: 404, liaison: 409, stranger: 404 },
    { m: 'POST', u: '/api/reports/:id/accept', p: `/api/reports/${reportA}/accept`, body: { version: 1 }, other: 404, liaison: 403, stranger: 404 },
    { m: 'POST', u: '/api/reports/:id/return', p: `/api/reports/${reportA}/return`, body: { version: 1, reason: '越权' }, other: 404, liaison: 403, stranger: 404 },
    { m: 'POST', u: '/api/evidence', p: `/api/evidence?unitId=${a.unitA.id}`, form: true, other: 404, liaison: 415, stranger: 403 },
    { m: 'GET', u: '/api/evidence', p: `/api/evidence?unitId=${a.unitA.id}`, other: 404, liaison: 200, stranger: 404 },
    { m: 'GET', u: '/api/evidence/:id/content', p: `/api/evidence/${uploadA}/content`, other: 404, liaison: 200, stranger: 404 },
    { m: 'GET', u: '/api/supervision/board', p: `/api/supervision/board?regionId=${a.region.id}`, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/supervision/settings', p: `/api/supervision/settings?regionId=${a.region.id}`, other: 404, liaison: 404, stranger: 404 },
    { m: 'PUT', u: '/api/supervision/settings', p: `/api/supervision/settings?regionId=${a.region.id}`, body: { remindDays: [5], warnOverdueReports: true, warnBehindTasks: true, escalateAfterDays: 3 }, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/supervision/alerts', p: `/api/supervision/alerts?kind=warning&regionId=${a.region.id}`, other: 404, liaison: 200, stranger: 200 },
    { m: 'POST', u: '/api/supervision/alerts/:id/answer', p: `/api/supervision/alerts/${alertB}/answer`, body: { answer: '越权答复' }, other: 404, liaison: 404, stranger: 200 },
    { m: 'GET', u: '/api/supervision/notices', p: `/api/supervision/notices?regionId=${a.region.id}`, other: 404, liaison: 200, stranger: 200 },
    { m: 'POST', u: '/api/supervision/notices', p: '/api/supervision/notices', body: { unitId: a.unitA.id, taskIds: [taskA], problem: '越权', requirement: '越权', replyDue: '2026-12-31' }, other: 404, liaison: 403, stranger: 403 },
    { m: 'GET', u: '/api/supervision/notices/:id', p: `/api/supervision/notices/${noticeA}`, other: 404, liaison: 200, stranger: 404 },
    { m: 'GET', u: '/api/supervision/notices/:id/docx', p: `/api/supervision/notices/${noticeA}/docx`, other: 404, liaison: 200, stranger: 404 },
    { m: 'POST', u: '/api/supervision/notices/:id/reply', p: `/api/supervision/notices/${noticeA}/reply`, body: { version: 99, reply: '旧版本' }, other: 404, liaison: 409, stranger: 404 },
    { m: 'POST', u: '/api/supervision/notices/:id/return', p: `/api/supervision/notices/${noticeA}/return`, body: { version: 1, reason: '越权' }, other: 404, liaison: 403, stranger: 404 },
    { m: 'POST', u: '/api/supervision/notices/:id/close', p: `/api/supervision/notices/${noticeA}/close`, body: { version: 1, note: '越权' }, other: 404, liaison: 403, stranger: 404 },
    { m: 'GET', u: '/api/supervision/extensions', p: `/api/supervision/extensions?regionId=${a.region.id}`, other: 404, liaison: 200, stranger: 200 },
    { m: 'POST', u: '/api/supervision/extensions', p: '/api/supervision/extensions', body: { taskId: taskA, unitId: a.unitB.id, requestedDue: '2027-06-30', reason: '越权' }, other: 404, liaison: 403, stranger: 400 },
    { m: 'POST', u: '/api/supervision/extensions/:id/decide', p: `/api/supervision/extensions/${extensionA}/decide`, body: { version: 1, grant: true }, other: 404, liaison: 403, stranger: 404 },
    { m: 'GET', u: '/api/supervision/chases', p: `/api/supervision/chases?taskId=${taskA}`, other: 404, liaison: 200, stranger: 200 },
    { m: 'POST', u: '/api/supervision/chases', p: '/api/supervision/chases', body: { taskId: taskA, unitId: a.unitA.id, message: '越权催办' }, other: 404, liaison: 403, stranger: 403 },
    { m: 'GET', u: '/api/supervision/runs', p: `/api/supervision/runs?regionId=${a.region.id}`, other: 404, liaison: 404, stranger: 404 },
    { m: 'POST', u: '/api/supervision/runs', p: '/api/supervision/runs', body: { regionId: a.region.id }, other: 403, liaison: 403, stranger: 403 },
    { m: 'GET', u: '/api/supervision/unit-tasks', p: `/api/supervision/unit-tasks?unitId=${a.unitA.id}`, other: 404, liaison: 200, stranger: 404 },
    { m: 'GET', u: '/api/notifications/', p: '/api/notifications', other: 200, liaison: 200, stranger: 200 },
    { m: 'GET', u: '/api/notifications/unread', p: '/api/notifications/unread', other: 200, liaison: 200, stranger: 200 },
    { m: 'POST', u: '/api/notifications/read', p: '/api/notifications/read', body: { all: true }, other: 200, liaison: 200, stranger: 200 },
    { m: 'GET', u: '/api/notifications/prefs', p: '/api/notifications/prefs', other: 200, liaison: 200, stranger: 200 },
    { m: 'PUT', u: '/api/notifications/prefs', p: '/api/notifications/prefs', body: { emailEnabled: true, emailMuted: [], quietStart: null, quietEnd: null, version: 99 }, other: 409, liaison: 409, stranger: 409 },
    { m: 'GET', u: '/api/notifications/webhooks', p: `/api/notifications/webhooks?regionId=${a.region.id}`, other: 404, liaison: 404, stranger: 404 },
    { m: 'POST', u: '/api/notifications/webhooks', p: '/api/notifications/webhooks', body: { regionId: a.region.id, name: '越权', format: 'generic', url: 'http://127.0.0.1:9/x', kinds: [], active: true }, other: 403, liaison: 403, stranger: 403 },
    { m: 'PUT', u: '/api/notifications/webhooks/:id', p: `/api/notifications/webhooks/${webhookA}`, body: { name: '越权', format: 'generic', url: 'http://127.0.0.1:9/x', kinds: [], active: true, version: 1 }, other: 404, liaison: 404, stranger: 404 },
    { m: 'POST', u: '/api/notifications/webhooks/:id/test', p: `/api/notifications/webhooks/${webhookA}/test`, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/notifications/deliveries', p: `/api/notifications/deliveries?regionId=${a.region.id}`, other: 404, liaison: 404, stranger: 404 },
    { m: 'POST', u: '/api/notifications/deliveries/:id/resend', p: `/api/notifications/deliveries/${deliveryA}/resend`, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/calendar/', p: `/api/calendar?regionId=${a.region.id}`, other: 404, liaison: 404, stranger: 404 },
    { m: 'POST', u: '/api/calendar/import', p: '/api/calendar/import', form: true, other: 403, liaison: 403, stranger: 403 },
    { m: 'GET', u: '/api/calendar/:year', p: '/api/calendar/2026', other: 200, liaison: 404, stranger: 404 },
    { m: 'PUT', u: '/api/calendar/:year', p: '/api/calendar/2026', body: { holidays: ['2026-01-01'], workdays: [], source: '越权', version: 1 }, other: 403, liaison: 403, stranger: 403 },
    { m: 'DELETE', u: '/api/calendar/:year', p: '/api/calendar/2026?version=1', other: 403, liaison: 403, stranger: 403 },
    { m: 'GET', u: '/api/calendar/:year/export', p: '/api/calendar/2026/export', other: 200, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/circulars/', p: `/api/circulars?regionId=${a.region.id}`, other: 404, liaison: 200, stranger: 200 },
    { m: 'POST', u: '/api/circulars/', p: '/api/circulars', body: { planId: planA, periodId: periodA }, other: 404, liaison: 403, stranger: 403 },
    { m: 'GET', u: '/api/circulars/:id', p: `/api/circulars/${circularA}`, other: 404, liaison: 200, stranger: 200 },
    { m: 'PUT', u: '/api/circulars/:id', p: `/api/circulars/${circularA}`, body: { version: 2, title: '越权', addressee: '各单位：', opening: [], sections: [], closing: [], cc: '' }, other: 404, liaison: 403, stranger: 403 },
    { m: 'POST', u: '/api/circulars/:id/issue', p: `/api/circulars/${circularA}/issue`, body: { version: 2 }, other: 404, liaison: 403, stranger: 403 },
    { m: 'DELETE', u: '/api/circulars/:id', p: `/api/circulars/${circularA}?version=2`, other: 404, liaison: 403, stranger: 403 },
    { m: 'GET', u: '/api/circulars/:id/docx', p: `/api/circulars/${circularA}/docx`, other: 404, liaison: 200, stranger: 200 },
    { m: 'GET', u: '/api/assessment/frameworks', p: `/api/assessment/frameworks?regionId=${a.region.id}`, other: 404, liaison: 404, stranger: 404 },
    { m: 'POST', u: '/api/assessment/frameworks/default', p: '/api/assessment/frameworks/default', body: { planId: planA, year: 2030 }, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/assessment/frameworks/:id', p: `/api/assessment/frameworks/${frameworkA}`, other: 404, liaison: 404, stranger: 404 },
    { m: 'PUT', u: '/api/assessment/frameworks/:id', p: `/api/assessment/frameworks/${frameworkA}`, body: { name: '越权', totalPoints: 100, indicators: [{ name: '越权', points: 100, rule: { kind: 'manual' } }], version: 1 }, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/assessment/frameworks/:id/options', p: `/api/assessment/frameworks/${frameworkA}/options`, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/assessment/frameworks/:id/xlsx', p: `/api/assessment/frameworks/${frameworkA}/xlsx`, other: 404, liaison: 404, stranger: 404 },
    { m: 'POST', u: '/api/assessment/frameworks/import', p: `/api/assessment/frameworks/import?regionId=${a.region.id}&year=2030&name=x`, form: true, other: 403, liaison: 403, stranger: 403 },
    { m: 'POST', u: '/api/assessment/frameworks/:id/copy', p: `/api/assessment/frameworks/${frameworkA}/copy`, body: { year: 2031 }, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/metrics/', p: `/api/metrics?regionId=${a.region.id}`, other: 404, liaison: 404, stranger: 404 },
    { m: 'POST', u: '/api/metrics/', p: '/api/metrics', body: { taskId: taskA, name: '越权指标', op: '>=', target: 1 }, other: 404, liaison: 403, stranger: 403 },
    // plan A states no target: the per-metric routes answer 404 to everyone here; services/metrics.test.ts checks them on real targets
    { m: 'GET', u: '/api/metrics/:id', p: '/api/metrics/01900000-0000-7000-8000-00000000a001', other: 404, liaison: 404, stranger: 404 },
    { m: 'POST', u: '/api/metrics/:id/values', p: '/api/metrics/01900000-0000-7000-8000-00000000a001/values', body: { periodLabel: '2026年', periodDate: '2026-01-31', value: 1, source: '越权' }, other: 404, liaison: 404, stranger: 404 },
    { m: 'POST', u: '/api/metrics/values/:id/correct', p: '/api/metrics/values/01900000-0000-7000-8000-00000000a002/correct', body: { periodLabel: '2026年', periodDate: '2026-01-31', value: 1, source: '越权', reason: '越权', version: 1 }, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/assessment/campaigns', p: `/api/assessment/campaigns?regionId=${a.region.id}`, other: 404, liaison: 200, stranger: 200 },
    { m: 'POST', u: '/api/assessment/campaigns', p: '/api/assessment/campaigns', body: { frameworkId: frameworkA, name: '越权', unitIds: [a.unitA.id] }, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/assessment/campaigns/:id', p: `/api/assessment/campaigns/${campaignA}`, other: 404, liaison: 200, stranger: 404 },
    { m: 'POST', u: '/api/assessment/campaigns/:id/advance', p: `/api/assessment/campaigns/${campaignA}/advance`, body: { to: 'review', version: 1 }, other: 404, liaison: 403, stranger: 404 },
    { m: 'GET', u: '/api/assessment/campaigns/:id/ranking', p: `/api/assessment/campaigns/${campaignA}/ranking`, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/assessment/campaigns/:id/units/:unitId', p: `/api/assessment/campaigns/${campaignA}/units/${a.unitA.id}`, other: 404, liaison: 200, stranger: 404 },
    { m: 'GET', u: '/api/assessment/campaigns/:id/units/:unitId/docx', p: `/api/assessment/campaigns/${campaignA}/units/${a.unitA.id}/docx`, other: 404, liaison: 200, stranger: 404 },
    { m: 'GET', u: '/api/assessment/campaigns/:id/ranking/xlsx', p: `/api/assessment/campaigns/${campaignA}/ranking/xlsx`, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/assessment/campaigns/:id/evidence', p: `/api/assessment/campaigns/${campaignA}/evidence?unitId=${a.unitA.id}`, other: 404, liaison: 200, stranger: 404 },
    { m: 'POST', u: '/api/assessment/campaigns/:id/self', p: `/api/assessment/campaigns/${campaignA}/self`, body: { unitId: a.unitB.id, indicatorId: leafA, score: 1, version: 0 }, other: 404, liaison: 403, stranger: 404 },
    { m: 'POST', u: '/api/assessment/campaigns/:id/review', p: `/api/assessment/campaigns/${campaignA}/review`, body: { unitId: a.unitA.id, indicatorId: leafA, score: 1, version: 0 }, other: 404, liaison: 403, stranger: 404 },
    { m: 'POST', u: '/api/assessment/campaigns/:id/what-if', p: `/api/assessment/campaigns/${campaignA}/what-if`, body: { unitId: a.unitA.id, indicatorId: leafA, score: 1 }, other: 404, liaison: 403, stranger: 404 },
    { m: 'POST', u: '/api/plans/assignments/:id/remove', p: `/api/plans/assignments/${assignmentA}/remove`, body: { reason: '越权' }, other: 404, liaison: 403, stranger: 403 },
    { m: 'GET', u: '/api/annual-reports/', p: `/api/annual-reports?regionId=${a.region.id}`, other: 404, liaison: 200, stranger: 200 },
    { m: 'POST', u: '/api/annual-reports/', p: '/api/annual-reports', body: { regionId: a.region.id, year: 2025 }, other: 404, liaison: 403, stranger: 403 },
    { m: 'GET', u: '/api/annual-reports/board', p: `/api/annual-reports/board?regionId=${a.region.id}&year=2026`, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/annual-reports/settings', p: `/api/annual-reports/settings?regionId=${a.region.id}`, other: 404, liaison: 404, stranger: 404 },
    { m: 'PUT', u: '/api/annual-reports/settings', p: `/api/annual-reports/settings?regionId=${a.region.id}`, body: { version: 0, submitDue: '03-01', publishDue: '04-01', remindDays: [7] }, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/annual-reports/:id', p: `/api/annual-reports/${annualA}`, other: 404, liaison: 404, stranger: 404 },
    { m: 'PUT', u: '/api/annual-reports/:id', p: `/api/annual-reports/${annualA}`, body: { version: 1, title: '越权', blocks: [] }, other: 404, liaison: 404, stranger: 404 },
    { m: 'POST', u: '/api/annual-reports/:id/regenerate', p: `/api/annual-reports/${annualA}/regenerate`, body: { version: 1 }, other: 404, liaison: 404, stranger: 404 },
    { m: 'POST', u: '/api/annual-reports/:id/review', p: `/api/annual-reports/${annualA}/review`, body: { version: 1 }, other: 404, liaison: 404, stranger: 404 },
    { m: 'POST', u: '/api/annual-reports/:id/return', p: `/api/annual-reports/${annualA}/return`, body: { version: 1, note: '越权' }, other: 404, liaison: 404, stranger: 404 },
    { m: 'POST', u: '/api/annual-reports/:id/approve', p: `/api/annual-reports/${annualA}/approve`, body: { version: 1 }, other: 404, liaison: 404, stranger: 404 },
    { m: 'POST', u: '/api/annual-reports/:id/submit', p: `/api/annual-reports/${annualA}/submit`, body: { version: 1, recipients: ['party_committee'] }, other: 404, liaison: 404, stranger: 404 },
    { m: 'POST', u: '/api/annual-reports/:id/publish', p: `/api/annual-reports/${annualA}/publish`, body: { version: 1 }, other: 404, liaison: 404, stranger: 404 },
    { m: 'POST', u: '/api/annual-reports/:id/revise', p: `/api/annual-reports/${annualA}/revise`, body: { version: 1, reason: '越权' }, other: 404, liaison: 404, stranger: 404 },
    { m: 'POST', u: '/api/annual-reports/:id/comments', p: `/api/annual-reports/${annualA}/comments`, body: { text: '越权' }, other: 404, liaison: 404, stranger: 404 },
    { m: 'POST', u: '/api/annual-reports/:id/comments/:commentId/resolve', p: `/api/annual-reports/${annualA}/comments/${annualA}/resolve`, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/annual-reports/:id/versions/:no', p: `/api/annual-reports/${annualA}/versions/1`, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/annual-reports/:id/diff', p: `/api/annual-reports/${annualA}/diff?from=1&to=1`, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/annual-reports/:id/docx', p: `/api/annual-reports/${annualA}/docx`, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/annual-reports/:id/pdf', p: `/api/annual-reports/${annualA}/pdf`, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/dashboard/workbench', p: '/api/dashboard/workbench', other: 200, liaison: 200, stranger: 200 },
    { m: 'GET', u: '/api/dashboard/cockpit', p: `/api/dashboard/cockpit?regionId=${a.region.id}`, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/dashboard/cockpit/period', p: `/api/dashboard/cockpit/period?planId=${planA}&periodId=${periodA}`, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/dashboard/cockpit/tasks', p: `/api/dashboard/cockpit/tasks?planId=${planA}&status=推进中`, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/dashboard/cockpit/docx', p: `/api/dashboard/cockpit/docx?planId=${planA}`, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/dashboard/cockpit/pdf', p: `/api/dashboard/cockpit/pdf?planId=${planA}`, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/dashboard/cockpit/summary/docx', p: `/api/dashboard/cockpit/summary/docx?planId=${planA}`, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/dashboard/cockpit/summary/pdf', p: `/api/dashboard/cockpit/summary/pdf?planId=${planA}`, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/task-sheet/:id/export', p: `/api/task-sheet/${planA}/export`, other: 404, liaison: 200, stranger: 200 },
    { m: 'POST', u: '/api/task-sheet/:id/preview', p: `/api/task-sheet/${planA}/preview`, form: true, other: 404, liaison: 403, stranger: 403 },
    { m: 'POST', u: '/api/task-sheet/:id/imports/:importId/apply', p: `/api/task-sheet/${planA}/imports/${newId()}/apply`, other: 404, liaison: 403, stranger: 403 },
    { m: 'POST', u: '/api/task-sheet/:id/imports/:importId/cancel', p: `/api/task-sheet/${planA}/imports/${newId()}/cancel`, other: 404, liaison: 403, stranger: 403 },
    { m: 'POST', u: '/api/export-jobs/', p: '/api/export-jobs', body: { kind: 'reports', regionId: a.region.id, filters: { unitId: a.unitB.id } }, other: 404, liaison: 404, stranger: 200 },
    { m: 'GET', u: '/api/export-jobs/', p: '/api/export-jobs', other: 200, liaison: 200, stranger: 200 },
    { m: 'GET', u: '/api/export-jobs/:id', p: `/api/export-jobs/${newId()}`, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/export-jobs/:id/download', p: `/api/export-jobs/${newId()}/download`, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/inspections/plans', p: `/api/inspections/plans?regionId=${a.region.id}`, other: 404, liaison: 404, stranger: 404 },
    { m: 'POST', u: '/api/inspections/plans', p: '/api/inspections/plans', body: { regionId: a.region.id, title: '越权督察', year: 2026, planId: planA, startsOn: '2026-03-01', endsOn: '2026-12-31', visits: [{ unitId: a.unitA.id, scheduledOn: '2026-03-02', inspectorIds: [a.inspector.id], taskIds: [taskA], headingIds: [] }] }, other: 404, liaison: 403, stranger: 403 },
    { m: 'GET', u: '/api/inspections/plans/:id', p: `/api/inspections/plans/${inspectionA}`, other: 404, liaison: 404, stranger: 404 },
    { m: 'PUT', u: '/api/inspections/plans/:id', p: `/api/inspections/plans/${inspectionA}`, body: { version: 1, title: '越权', year: 2026, planId: planA, startsOn: '2026-03-01', endsOn: '2026-12-31', visits: [{ unitId: a.unitA.id, scheduledOn: '2026-03-02', inspectorIds: [a.inspector.id], taskIds: [taskA], headingIds: [] }] }, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/inspections/scope', p: `/api/inspections/scope?planId=${planA}&unitId=${a.unitA.id}`, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/inspections/inspectors', p: `/api/inspections/inspectors?regionId=${a.region.id}`, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/inspections/coverage', p: `/api/inspections/coverage?regionId=${a.region.id}`, other: 404, liaison: 404, stranger: 404 },
    { m: 'GET', u: '/api/inspections/visits/:id', p: `/api/inspections/visits/${visitA}`, other: 404, liaison: 200, stranger: 404 },
    { m: 'POST', u: '/api/inspections/visits/:id/record', p: `/api/inspections/visits/${visitA}/record`, body: { version: 99, visitedOn: '2026-03-02', summary: '越权', results: {} }, other: 404, liaison: 403, stranger: 404 },
    { m: 'POST', u: '/api/inspections/visits/:id/problems', p: `/api/inspections/visits/${visitA}/problems`, body: { description: '越权', requirement: '越权', deadline: '2026-12-31' }, other: 404, liaison: 403, stranger: 404 },
    { m: 'POST', u: '/api/inspections/visits/:id/files', p: `/api/inspections/visits/${visitA}/files`, form: true, other: 404, liaison: 403, stranger: 404 },
    { m: 'GET', u: '/api/inspections/problems', p: `/api/inspections/problems?regionId=${a.region.id}`, other: 404, liaison: 200, stranger: 200 },
    { m: 'GET', u: '/api/inspections/problems/:id', p: `/api/inspections/problems/${problemA}`, other: 404, liaison: 200, stranger: 404 },
    { m: 'GET', u: '/api/inspections/problems/xlsx', p: `/api/inspections/problems/xlsx?regionId=${a.region.id}`, other: 404, liaison: 200, stranger: 200 },
    { m: 'GET', u: '/api/inspections/problems/docx', p: `/api/inspections/problems/docx?regionId=${a.region.id}&unitId=${a.unitA.id}`, other: 404, liaison: 200, stranger: 422 },
    { m: 'POST', u: '/api/inspections/problems/:id/delete', p: `/api/inspections/problems/${problemA}/delete`, body: { version: 1 }, other: 404, liaison: 403, stranger: 404 },
    { m: 'POST', u: '/api/inspections/problems/:id/rectify', p: `/api/inspections/problems/${problemA}/rectify`, body: { version: 99, rectification: '旧版本', uploadIds: [uploadA] }, other: 404, liaison: 409, stranger: 404 },
    { m: 'POST', u: '/api/inspections/problems/:id/return', p: `/api/inspections/problems/${problemA}/return`, body: { version: 1, reason: '越权' }, other: 404, liaison: 403, stranger: 404 },
    { m: 'POST', u: '/api/inspections/problems/:id/close', p: `/api/inspections/problems/${problemA}/close`, body: { version: 1, note: '越权' }, other: 404, liaison: 403, stranger: 404 },
    { m: 'GET', u: '/api/inspections/files/:id', p: `/api/inspections/files/${uploadA}`, other: 404, liaison: 200, stranger: 404 },
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

  test('every protected route refuses another region (404 for its records), a liaison (403 for changes) and another unit of the region (404 for unit A’s records)', async () => {
    // a liaison of unit B of the same county: sees the region's directory and plans, never unit A's work
    const stranger = (await makeUser(systemCtx(s.handle.db, s.clock), { role: 'liaison', regionId: a.region.id, unitId: a.unitB.id })).username;
    const unstated = matrix().filter((row) => typeof row.stranger !== 'number').map((row) => `${row.m} ${row.u}`);
    assert.deepEqual(unstated, [], 'each matrix row must state `stranger`: the status a liaison of another unit of the same region gets');
    for (const row of matrix()) {
      const other = await as(b.office.username);
      const r = await send(other, row);
      assert.equal(r.status, row.other, `other region: ${row.m} ${row.p} → ${JSON.stringify(r.body)}`);
      const liaison = await as(a.liaison.username);
      const l = await send(liaison, row);
      assert.equal(l.status, row.liaison, `liaison: ${row.m} ${row.p} → ${JSON.stringify(l.body)}`);
      const st = await send(await as(stranger), row);
      assert.equal(st.status, row.stranger, `another unit of the region: ${row.m} ${row.p} → ${JSON.stringify(st.body)}`);
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

  test('考核 over HTTP: the office reads the generated framework and a unit\'s scorecard with its explanations', async () => {
    const office = await as(a.office.username);
    const f = await office.get(`/api/assessment/frameworks/${frameworkA}`);
    assert.equal(f.status, 200, JSON.stringify(f.body));
    assert.equal(f.body.indicators[0].children[0].rule.kind, 'tasks_on_time');
    assert.deepEqual(f.body.problems, []);
    const card = await office.get(`/api/assessment/campaigns/${campaignA}/units/${a.unitA.id}`);
    assert.equal(card.status, 200, JSON.stringify(card.body));
    assert.ok(card.body.lines.every((l: { explanation: string }) => l.explanation.length > 0));
    const bad = await office.put(`/api/assessment/frameworks/${frameworkA}`, { name: 'x', totalPoints: 100, indicators: [{ name: 'x', points: 100, rule: { kind: 'deduction', per: 'overdue_notice', pointsEach: 0 } }], version: 1 });
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(bad.body), /每次扣分应大于 0/);
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
  const as = (username: string) => loginAs(s.base, username);

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
    tasks = (await getPlan(sys, await importPlanText(sys, c.region.id, text))).tasks.map((t) => t.id);
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
  const as = (username: string) => loginAs(s.base, username);
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
  const as = (username: string) => loginAs(s.base, username);

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
    planId = await importPlanText(sys, c.region.id, text);
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

describe('HTTP API: 工作台, cockpit and the 任务分解表', () => {
  let s: TestServer;
  let c: County;
  let planC: string;
  const as = (username: string) => loginAs(s.base, username);
  before(async () => {
    s = await startTestServer();
    const sys = systemCtx(s.handle.db, s.clock);
    c = await makeCounty(sys, '舱县');
    const plan = '舱县法治政府建设工作要点（2026—2026年）\n一、重点任务\n1.推进依法行政。（牵头单位：舱县甲局）（完成时限：2026年12月底前）\n2.深化政务公开。（牵头单位：舱县乙局）（完成时限：2026年6月底前）\n';
    planC = await importPlanText(sys, c.region.id, plan, 'c.txt');
  });
  after(async () => s.close());

  test('the 任务分解表 exports, comes back edited as a diff, and is applied on confirmation', async () => {
    const office = await as(c.office.username);
    const x = await office.get(`/api/task-sheet/${planC}/export`);
    assert.equal(x.status, 200);
    assert.match(decodeURIComponent(x.headers.get('content-disposition') ?? ''), /任务分解表\.xlsx/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as unknown as ArrayBuffer);
    wb.getWorksheet('任务分解表')!.getCell('D3').value = '舱县甲局';
    const form = new FormData();
    form.append('file', new Blob([Buffer.from(await wb.xlsx.writeBuffer())]), '任务分解表.xlsx');
    const p = await office.request('POST', `/api/task-sheet/${planC}/preview`, undefined, { raw: form });
    assert.equal(p.status, 200, JSON.stringify(p.body));
    assert.deepEqual(p.body.changes.map((ch: { row: number; fields: { label: string; before: string; after: string }[] }) => [ch.row, ch.fields.map((f) => [f.label, f.before, f.after])]), [[3, [['牵头单位', '舱县乙局', '舱县甲局']]]]);
    const applied = await office.post(`/api/task-sheet/${planC}/imports/${p.body.importId}/apply`);
    assert.equal(applied.status, 200, JSON.stringify(applied.body));
    assert.deepEqual(applied.body, { tasks: 1, fields: 1 });
    assert.equal((await office.post(`/api/task-sheet/${planC}/imports/${p.body.importId}/apply`)).status, 409);
    const detail = await office.get(`/api/plans/${planC}`);
    assert.deepEqual(detail.body.tasks[1].assignments.map((a: { unitName: string }) => a.unitName), ['舱县甲局']);
    const csv = new FormData();
    csv.append('file', new Blob([Buffer.from('序号,任务\n1,x\n')]), 'a.csv');
    const bad = await office.request('POST', `/api/task-sheet/${planC}/preview`, undefined, { raw: csv });
    assert.equal(bad.status, 415);
    assert.match(bad.body.error.message, /CSV/);
  });

  test("each role's 工作台; the cockpit for the region's readers only", async () => {
    const liaison = await as(c.liaison.username);
    const w = await liaison.get('/api/dashboard/workbench');
    assert.equal(w.status, 200, JSON.stringify(w.body));
    assert.equal(w.body.liaison.unit.name, '舱县甲局');
    const inbox = await liaison.get(`/api/reports/inbox?unitId=${c.unitA.id}`);
    assert.equal(w.body.liaison.dueThisPeriod, inbox.body.items.length);
    const office = await as(c.office.username);
    const ow = await office.get('/api/dashboard/workbench');
    assert.equal(ow.body.office.toReview, (await office.get(`/api/reports/review?regionId=${c.region.id}`)).body.items.length);
    const leader = await as(c.leader.username);
    assert.equal((await leader.get('/api/dashboard/workbench')).body.cockpit, true);
    const k = await leader.get('/api/dashboard/cockpit');
    assert.equal(k.status, 200, JSON.stringify(k.body));
    assert.equal(k.body.plan.id, planC);
    assert.equal(k.body.completion.counts.total, 2);
    assert.equal((await liaison.get('/api/dashboard/cockpit')).status, 404);
  });
});

describe('HTTP API · 年度报告公开平台：未公开的内容一概不可见', () => {
  let s: TestServer;
  let c: County;
  let published: string;
  let corrected: string;
  const drafts: Record<string, string> = {};
  let uploadId: string;
  const as = (username: string) => loginAs(s.base, username);
  /** the blocks with every marker filled in */
  const fill = (blocks: { text?: string; rows?: string[][] }[]) => blocks.map((b) => ({ ...b, ...(b.text !== undefined ? { text: b.text.replace(/【待补充：[^】]*】/g, '已补充。') } : {}), ...(b.rows ? { rows: b.rows.map((r) => r.map((x) => x.replace(/【待补充：[^】]*】/g, '已补充'))) } : {}) }));

  before(async () => {
    s = await startTestServer();
    const sys = systemCtx(s.handle.db, s.clock);
    c = await makeCounty(sys, '庚县');
    const text = `庚县法治政府建设工作要点（2026—2026年）
一、重点任务
1.持续开展领导干部学法用法活动。（牵头单位：庚县甲局）（完成时限：长期坚持）
2.持续推进政务公开工作。（牵头单位：庚县乙局）（完成时限：长期坚持）
`;
    const planId = await importPlanText(sys, c.region.id, text);
    const task = (await getPlan(sys, planId)).tasks[0]!.id;
    const q1 = (await periodsRepo.ofPlan(s.handle.db, planId))[0]!.id;
    s.clock.set('2026-04-08T02:00:00Z');
    const blobs = new LocalBlobStore(join(s.config.dataDir, 'files'));
    const liaison = { ...(await ctxAs(sys, c.liaison.id)), blobs };
    uploadId = (await uploadEvidence(liaison, { unitId: c.unitA.id, fileName: '学法记录.png', stream: Readable.from([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])]) })).uploadId;
    const d = await saveReport(liaison, { taskId: task, periodId: q1, narrative: '组织常务会议会前学法4次，内部机密草稿词汇', completion: 'ongoing_done', percent: null, uploadIds: [uploadId] });
    await submitReport(liaison, d.id!, d.version);
    s.clock.set('2027-02-10T02:00:00Z');
  });
  after(async () => s.close());

  test('drafts, reports under review, approved and submitted ones, evidence: anonymous requests get 404; the published copy is served, and stays as published', async () => {
    const office = await as(c.office.username);
    const liaison = await as(c.liaison.username);
    const gen = async (cl: Client, body: object) => {
      const r = await cl.post('/api/annual-reports', body);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body;
    };
    // one report in each state before publication, and one published and then reopened for correction
    const region = await gen(office, { regionId: c.region.id, year: 2026 });
    drafts.draft = region.id;
    const unitA = await gen(liaison, { regionId: c.region.id, unitId: c.unitA.id, year: 2026 });
    const unitB = await gen(office, { regionId: c.region.id, unitId: c.unitB.id, year: 2026 });
    const prior = await gen(office, { regionId: c.region.id, unitId: c.unitB.id, year: 2025 });
    const step = async (id: string, path: string, body: object) => {
      const r = await office.post(`/api/annual-reports/${id}/${path}`, body);
      assert.equal(r.status, 200, `${path}: ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const ready = async (r: { id: string; version: number; title: string; blocks: { text?: string }[] }) => {
      const u = await office.put(`/api/annual-reports/${r.id}`, { version: r.version, title: r.title, blocks: fill(r.blocks) });
      assert.equal(u.status, 200, JSON.stringify(u.body));
      return step(r.id, 'review', { version: u.body.version });
    };
    let a = await ready(unitA);
    drafts.review = (await ready(await gen(liaison, { regionId: c.region.id, unitId: c.unitA.id, year: 2025 }))).id;
    let b = await ready(unitB);
    b = await step(b.id, 'approve', { version: b.version });
    drafts.approved = b.id;
    let p = await ready(prior);
    p = await step(p.id, 'approve', { version: p.version });
    // publishing with markers is refused by name (the region's draft still has them)
    const regionNow = (await office.get(`/api/annual-reports/${region.id}`)).body;
    await step(region.id, 'review', { version: regionNow.version }).then(async (x) => {
      const ap = await step(region.id, 'approve', { version: x.version });
      const refused = await office.post(`/api/annual-reports/${region.id}/submit`, { version: ap.version, recipients: ['party_committee'] });
      assert.equal(refused.status, 422);
      assert.match(refused.body.error.message, /待补充/);
      assert.ok(refused.body.error.details.length > 0, 'each marker is named');
    });
    p = await step(p.id, 'submit', { version: p.version, recipients: ['party_committee', 'government'] });
    drafts.submitted = p.id;
    // A's report goes all the way to the portal, then is reopened for a correction
    a = (await office.get(`/api/annual-reports/${a.id}`)).body;
    a = await step(a.id, 'approve', { version: a.version });
    a = await step(a.id, 'submit', { version: a.version, recipients: ['party_committee'] });
    a = await step(a.id, 'publish', { version: a.version });
    published = a.id;
    const before = await new Client(s.base).get(`/api/portal/reports/${published}`);
    assert.equal(before.status, 200);
    a = await step(a.id, 'revise', { version: a.version, reason: '更正数字' });
    const edited = await office.put(`/api/annual-reports/${a.id}`, { version: a.version, title: a.title, blocks: a.blocks.map((x: { text?: string }) => (x.text ? { ...x, text: `${x.text}（更正中未公开的文字）` } : x)) });
    assert.equal(edited.status, 200);
    corrected = a.id;

    const anon = new Client(s.base);
    for (const [state, id] of Object.entries({ ...drafts, upload: uploadId })) {
      for (const path of [`/api/portal/reports/${id}`, `/api/portal/reports/${id}/v/1`, `/api/portal/reports/${id}/docx`, `/api/portal/reports/${id}/docx?v=1`, `/api/portal/reports/${id}/pdf`]) {
        const r = await anon.get(path);
        assert.equal(r.status, 404, `${state}: ${path} → ${r.status}`);
        assert.equal(r.body.error.code, 'NOT_FOUND');
      }
    }
    // the internal routes and the evidence need a session
    for (const path of [`/api/annual-reports/${drafts.draft}`, `/api/annual-reports/${published}/docx`, `/api/evidence/${uploadId}/content`, `/api/annual-reports?regionId=${c.region.id}`]) assert.equal((await anon.get(path)).status, 401, path);
    // the published report: its first copy, exactly as it was published; the correction in progress is not shown
    const now = await anon.get(`/api/portal/reports/${corrected}`);
    assert.equal(now.status, 200);
    assert.deepEqual(now.body, before.body, 'a published copy never changes silently');
    assert.ok(!JSON.stringify(now.body).includes('更正中未公开的文字'));
    assert.ok(!JSON.stringify(now.body).includes('"sources"'), 'no internal links');
    assert.equal((await anon.get(`/api/portal/reports/${corrected}/v/2`)).status, 404, 'no second copy yet');
    const docx = await anon.get(`/api/portal/reports/${corrected}/docx`);
    assert.equal(docx.status, 200);
    assert.match(docx.headers.get('content-type') ?? '', /wordprocessingml/);
    // search and lists: only the published copy; words of drafts are never found
    for (const q of ['内部机密草稿词汇', '更正中未公开的文字', '待补充']) {
      const r = await anon.get(`/api/portal/reports?q=${encodeURIComponent(q)}`);
      assert.equal(r.status, 200);
      assert.equal(r.body.total, 0, `${q}: a submitted (not accepted) narrative, a correction in progress, a marker`);
      for (const it of r.body.items) assert.equal(it.reportId, published, 'only the published report may match');
    }
    const list = await anon.get(`/api/portal/reports?regionId=${c.region.id}`);
    assert.deepEqual(list.body.items.map((x: { reportId: string }) => x.reportId), [published]);
    const feed = await anon.get('/api/portal/feed.xml');
    assert.equal(feed.status, 200);
    assert.match(feed.headers.get('content-type') ?? '', /atom\+xml/);
    const xml = String(feed.body);
    assert.equal((xml.match(/<entry>/g) ?? []).length, 1);
    for (const id of Object.values(drafts)) assert.ok(!xml.includes(id), 'no unpublished report in the feed');
    const regions = await anon.get('/api/portal/regions');
    assert.deepEqual(regions.body.items.map((r: { years: { year: number; count: number }[] }) => r.years), [[{ year: 2026, count: 1 }]]);
  });
});

describe('HTTP API · 督察：现场照片、问题清单、整改报告（无佐证被拒）、销号', () => {
  let s: TestServer;
  let c: County;
  let taskId: string;
  let planId: string;
  const as = (username: string) => loginAs(s.base, username);
  const PNG = Buffer.from('89504e470d0a1a0a0000000d494844520000003000000024080200000040272e5d000000444944415478daedd5c10900200c03c00ed6211cdbb11cc1168a201ce49ddc2f912bafd9854cf50410101010105013f472acd2030404040404d405797b20202020a0cf41070f541eea093dfbbe0000000049454e44ae426082', 'hex');
  const form = (name: string, bytes: Buffer) => {
    const f = new FormData();
    f.append('file', new Blob([bytes]), name);
    return f;
  };

  before(async () => {
    s = await startTestServer();
    const sys = systemCtx(s.handle.db, s.clock);
    c = await makeCounty(sys, '丁县');
    planId = await importPlanText(sys, c.region.id, '丁县法治政府建设实施方案（2026—2030年）\n一、重点任务\n1.建立行政执法案卷评查制度。（牵头单位：丁县甲局）（完成时限：2026年12月底前）\n');
    taskId = (await getPlan(sys, planId)).tasks[0]!.id;
  });
  after(async () => s.close());

  test('the inspector plans, uploads a photo, records the visit; the unit is refused without evidence, rectifies with it; the inspector closes', async () => {
    const inspector = await as(c.inspector.username);
    const plan = await inspector.post('/api/inspections/plans', { regionId: c.region.id, title: '丁县督察', year: 2026, planId, startsOn: '2026-03-01', endsOn: '2026-06-30', visits: [{ unitId: c.unitA.id, scheduledOn: '2026-03-02', inspectorIds: [c.inspector.id], taskIds: [taskId], headingIds: [] }] });
    assert.equal(plan.status, 200, JSON.stringify(plan.body));
    const visit = plan.body.visits[0];
    assert.deepEqual(visit.checklist.map((x: { number: string }) => x.number), ['一.1']);
    const bad = await inspector.post('/api/inspections/plans', { regionId: c.region.id, title: '丁县督察', year: 2026, planId, startsOn: '2026-03-01', endsOn: '2026-06-30', visits: [{ unitId: c.unitA.id, scheduledOn: '2026-03-02', inspectorIds: [], taskIds: [taskId], headingIds: [] }] });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /督察人员/);

    const photo = await inspector.request('POST', `/api/inspections/visits/${visit.id}/files`, undefined, { raw: form('现场.png', PNG) });
    assert.equal(photo.status, 200, JSON.stringify(photo.body));
    assert.equal(photo.body.kind, 'image');
    const fake = await inspector.request('POST', `/api/inspections/visits/${visit.id}/files`, undefined, { raw: form('假.png', Buffer.from('not a png')) });
    assert.equal(fake.status, 415);
    const problem = await inspector.post(`/api/inspections/visits/${visit.id}/problems`, { checklistKey: taskId, description: '案卷评查未开展', evidenceNote: '见照片', requirement: '4月底前完成评查', deadline: '2026-04-30', uploadIds: [photo.body.uploadId] });
    assert.equal(problem.status, 200, JSON.stringify(problem.body));
    const rec = await inspector.post(`/api/inspections/visits/${visit.id}/record`, { version: visit.version, visitedOn: '2026-03-02', summary: '实地查看', results: { [taskId]: { result: 'problem', note: '' } } });
    assert.equal(rec.status, 200, JSON.stringify(rec.body));
    assert.equal(rec.body.listNumber, '丁法察〔2026〕1号');

    const liaison = await as(c.liaison.username);
    const file = await liaison.get(`/api/inspections/files/${photo.body.uploadId}`);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'image/png');
    assert.match(file.headers.get('content-disposition') ?? '', /^inline/);
    assert.equal(file.headers.get('x-content-type-options'), 'nosniff');
    const p = (await liaison.get(`/api/inspections/problems/${problem.body.id}`)).body;
    assert.equal(p.canRectify, true);
    const refused = await liaison.post(`/api/inspections/problems/${p.id}/rectify`, { version: p.version, rectification: '已完成评查', uploadIds: [] });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.message, '整改报告须附整改佐证材料（照片、文件等），请上传后再提交');
    assert.deepEqual(refused.body.error.details.map((d: { field: string }) => d.field), ['uploadIds']);
    const ev = await liaison.request('POST', `/api/evidence?unitId=${c.unitA.id}`, undefined, { raw: form('评查报告.png', PNG) });
    assert.equal(ev.status, 200, JSON.stringify(ev.body));
    const done = await liaison.post(`/api/inspections/problems/${p.id}/rectify`, { version: p.version, rectification: '已完成评查', uploadIds: [ev.body.uploadId] });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.state, 'submitted');
    const closed = await inspector.post(`/api/inspections/problems/${p.id}/close`, { version: done.body.version, note: '核查属实，销号' });
    assert.equal(closed.status, 200, JSON.stringify(closed.body));
    assert.equal(closed.body.stateLabel, '已销号');
    const list = await liaison.get('/api/inspections/problems');
    assert.deepEqual(list.body.items.map((x: { number: string; state: string }) => [x.number, x.state]), [['丁法察〔2026〕1号 第1项', 'closed']]);
  });
});
