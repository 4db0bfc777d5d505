/** GET /api/plans/tasks (the 任务 list) and the inbox's server-side filters, over HTTP. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, startTestServer, type TestServer } from '../../test/http.ts';
import { TEST_PASSWORD, makeCounty, makeUser, systemCtx } from '../../test/factories.ts';
import { commitImport, uploadPlan } from '../services/plan-import.ts';

const PLAN = `接口县法治政府建设工作要点（2026—2026年）
一、制度建设
1.完成规范性文件清理工作。（牵头单位：接口县甲局；责任单位：接口县乙局）（完成时限：2026年1月底前）
2.制定重大行政决策事项目录。（牵头单位：接口县乙局）（完成时限：2026年12月底前）
二、执法监督
1.持续开展行政执法案卷评查。（牵头单位：接口县甲局）（完成时限：长期坚持）
`;

describe('task list over HTTP', () => {
  let s: TestServer;
  let county: Awaited<ReturnType<typeof makeCounty>>;
  let other: Awaited<ReturnType<typeof makeCounty>>;
  let liaisonBName: string;
  const as = async (username: string) => {
    const c = new Client(s.base);
    assert.equal((await c.login(username, TEST_PASSWORD)).status, 200);
    return c;
  };
  const url = (q: Record<string, string>) => `/api/plans/tasks?${new URLSearchParams(q)}`;

  before(async () => {
    s = await startTestServer();
    s.clock.set('2026-03-02T02:00:00Z');
    const sys = systemCtx(s.handle.db, s.clock);
    county = await makeCounty(sys, '接口县');
    other = await makeCounty(sys, '外地县');
    liaisonBName = (await makeUser(sys, { role: 'liaison', regionId: county.region.id, unitId: county.unitB.id })).username;
    const imp = await uploadPlan(sys, { regionId: county.region.id, fileName: 'p.txt', bytes: new TextEncoder().encode(PLAN) });
    await commitImport(sys, imp.id, {});
  });
  after(() => s.close());

  test('the office lists and filters every task; the answer matches the contract', async () => {
    const office = await as(county.office.username);
    const all = await office.get(url({ regionId: county.region.id }));
    assert.equal(all.status, 200, JSON.stringify(all.body));
    assert.deepEqual(all.body.items.map((i: { number: string; status: string }) => [i.number, i.status]), [['一.1', '逾期'], ['一.2', (all.body.items[1] as { status: string }).status], ['二.1', '长期坚持']]);
    assert.equal(all.body.total, 3);
    const late = await office.get(url({ regionId: county.region.id, status: '逾期' }));
    assert.deepEqual(late.body.items.map((i: { number: string }) => i.number), ['一.1']);
    assert.equal(late.body.counts.total, 3);
    const ofB = await office.get(url({ regionId: county.region.id, unitId: county.unitB.id }));
    assert.deepEqual(ofB.body.items.map((i: { number: string; role: string }) => [i.number, i.role]), [['一.1', 'co'], ['一.2', 'lead']]);
    const ranged = await office.get(url({ regionId: county.region.id, dueFrom: '2026-06-01', dueTo: '2026-12-31', pageSize: '10', page: '1' }));
    assert.deepEqual(ranged.body.items.map((i: { number: string }) => i.number), ['一.2']);
  });

  test('bad filters answer 400 naming the field', async () => {
    const office = await as(county.office.username);
    const badStatus = await office.get(url({ regionId: county.region.id, status: '完成了' }));
    assert.equal(badStatus.status, 400);
    const unknown = await office.get(url({ regionId: county.region.id, owner: 'x' }));
    assert.equal(unknown.status, 400);
    const backwards = await office.get(url({ regionId: county.region.id, dueFrom: '2026-12-01', dueTo: '2026-01-01' }));
    assert.equal(backwards.status, 400);
    assert.match(JSON.stringify(backwards.body), /开始日期不能晚于结束日期/);
  });

  test('a liaison gets their own unit’s tasks; another unit, another region or no session do not', async () => {
    const lb = await as(liaisonBName);
    const mine = await lb.get(url({ regionId: county.region.id }));
    assert.equal(mine.status, 200);
    assert.equal(mine.body.unit.id, county.unitB.id);
    assert.deepEqual(mine.body.items.map((i: { number: string }) => i.number), ['一.1', '一.2']);
    assert.equal((await lb.get(url({ regionId: county.region.id, unitId: county.unitA.id }))).status, 404);
    assert.equal((await (await as(other.office.username)).get(url({ regionId: county.region.id }))).status, 404);
    assert.equal((await new Client(s.base).get(url({ regionId: county.region.id }))).status, 401);
  });

  test('the inbox filters by deadline and chapter on the server', async () => {
    const la = await as(county.liaison.username);
    const overdue = await la.get(`/api/reports/inbox?deadline=overdue`);
    assert.equal(overdue.status, 200, JSON.stringify(overdue.body));
    assert.deepEqual(overdue.body.items.map((i: { number: string }) => i.number), ['一.1']);
    const ongoing = await la.get(`/api/reports/inbox?deadline=ongoing`);
    assert.deepEqual(ongoing.body.items.map((i: { number: string }) => i.number), ['二.1']);
    const chapter = (ongoing.body.chapters as { id: string; label: string }[]).find((c) => c.label === '一、制度建设')!;
    const ch1 = await la.get(`/api/reports/inbox?headingId=${chapter.id}`);
    assert.deepEqual(ch1.body.items.map((i: { number: string }) => i.number), ['一.1']);
    assert.equal((await la.get(`/api/reports/inbox?deadline=soon`)).status, 400);
  });
});
