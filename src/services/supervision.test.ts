import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { DIALECTS, type TestDb } from '../../test/db.ts';
import { ctxAs, makeCounty, makeUnit, makeUser, systemCtx } from '../../test/factories.ts';
import { FixedClock } from '../shared/clock.ts';
import { auditRepo } from '../db/repositories/audit.ts';
import type { ServiceContext } from './context.ts';
import { chaseTask, decideExtension, listChases, listExtensions, requestExtension } from './extensions.ts';
import { closeNotice, getNotice, issueNotice, listNotices, noticeDocx, replyNotice, returnNotice } from './notices.ts';
import { commitImport, uploadPlan } from './plan-import.ts';
import { getPlan } from './plans.ts';
import { supervisionBoard } from './supervision-board.ts';
import { getTaskPage } from './task-page.ts';

const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;

const PLAN = `督查县法治政府建设工作要点（2026—2026年）
一、重点任务
1.建立行政执法案卷评查制度。（牵头单位：督查县甲局；责任单位：督查县乙局）（完成时限：2026年12月底前）
2.持续开展领导干部学法用法活动。（牵头单位：督查县甲局）（完成时限：长期坚持）
3.完善政府信息公开目录。（牵头单位：督查县丙局）（完成时限：2026年12月底前）
`;

for (const dialect of DIALECTS) {
  describe(`督办单, 延期, 催办 and the board (${dialect.name})`, () => {
    let h: TestDb;
    let clock: FixedClock;
    let sys: ServiceContext;
    let office: ServiceContext;
    let leader: ServiceContext;
    let liaisonA: ServiceContext;
    let liaisonC: ServiceContext;
    let otherOffice: ServiceContext;
    let county: Awaited<ReturnType<typeof makeCounty>>;
    let tasks: string[];
    let unitC: string;

    before(async () => {
      h = await dialect.open();
      clock = new FixedClock('2026-11-02T02:00:00Z');
      sys = systemCtx(h.db, clock);
      county = await makeCounty(sys, '督查县');
      unitC = (await makeUnit(sys, county.region.id, { name: '督查县丙局' })).id;
      const lc = await makeUser(sys, { role: 'liaison', regionId: county.region.id, unitId: unitC });
      const other = await makeCounty(sys, '别的县');
      [office, leader, liaisonA, liaisonC, otherOffice] = await Promise.all([ctxAs(sys, county.office.id), ctxAs(sys, county.leader.id), ctxAs(sys, county.liaison.id), ctxAs(sys, lc.id), ctxAs(sys, other.office.id)]);
      const imp = await uploadPlan(sys, { regionId: county.region.id, fileName: 'p.txt', bytes: new TextEncoder().encode(PLAN) });
      tasks = (await getPlan(sys, (await commitImport(sys, imp.id, {})).planId)).tasks.map((t) => t.id);
    });
    after(() => h.dispose());

    test('a 督办单 is numbered in the region style, replied, returned, replied again and closed; each step kept', async () => {
      const n1 = await issueNotice(leader, { unitId: county.unitA.id, taskIds: [tasks[0]!, tasks[1]!], problem: '案卷评查工作进展缓慢，第三季度未报送进展。', requirement: '请说明原因，制定整改措施，明确完成时间。', replyDue: '2026-11-09' });
      assert.equal(n1.number, '督法督〔2026〕1号');
      assert.equal(n1.issuerOrg, '中共督查县委全面依法治县委员会办公室');
      assert.deepEqual(n1.tasks.map((t) => t.number), ['一.1', '一.2']);
      const n2 = await issueNotice(office, { unitId: county.unitB.id, taskIds: [tasks[0]!], problem: '问题', requirement: '要求', replyDue: '2026-11-09' });
      assert.equal(n2.number, '督法督〔2026〕2号');

      // the unit's liaison sees its own notices only; another unit's liaison sees none of them
      assert.deepEqual((await listNotices(liaisonA, { page: 1, pageSize: 50 })).items.map((n) => n.number), ['督法督〔2026〕1号']);
      assert.deepEqual((await listNotices(liaisonC, { page: 1, pageSize: 50 })).items, []);
      assert.deepEqual((await listNotices(office, { page: 1, pageSize: 50, taskId: tasks[1]! })).items.map((n) => n.number), ['督法督〔2026〕1号'], 'the notices about one task');
      assert.deepEqual((await listNotices(office, { page: 1, pageSize: 50, taskId: tasks[0]! })).items.map((n) => n.number), ['督法督〔2026〕2号', '督法督〔2026〕1号']);
      await assert.rejects(getNotice(liaisonC, n1.id), code('NOT_FOUND'));
      await assert.rejects(getNotice(otherOffice, n1.id), code('NOT_FOUND'));
      // the office cannot close before a reply; the unit cannot close at all; another unit cannot reply
      await assert.rejects(closeNotice(office, n1.id, n1.version, '已整改'), code('CONFLICT'));
      await assert.rejects(replyNotice(liaisonC, n1.id, n1.version, '代答'), code('NOT_FOUND'));

      const replied = await replyNotice(liaisonA, n1.id, n1.version, '已制定整改方案，11月底前完成评查。');
      assert.equal(replied.state, 'replied');
      await assert.rejects(replyNotice(liaisonA, n1.id, n1.version, '重复提交'), code('CONFLICT'), 'a stale or double reply is refused');
      await assert.rejects(closeNotice(liaisonA, n1.id, replied.version, '自己销号'), code('FORBIDDEN'));
      const returned = await returnNotice(office, n1.id, replied.version, '整改措施不具体，请补充时间表。');
      assert.equal(returned.state, 'open');
      const again = await replyNotice(liaisonA, n1.id, returned.version, '补充：11月15日前完成自查，11月30日前完成评查。');
      const closed = await closeNotice(office, n1.id, again.version, '整改到位，同意销号。');
      assert.equal(closed.state, 'closed');
      assert.equal(closed.stateLabel, '已销号');
      assert.deepEqual(closed.events.map((e) => e.actionLabel), ['签发', '反馈', '退回重办', '反馈', '销号']);
      await assert.rejects(replyNotice(liaisonA, n1.id, closed.version, '再答'), code('CONFLICT'));
      assert.equal((await auditRepo.search(h.db, { entityType: 'supervision_notice', entityId: n1.id, limit: 50, offset: 0 })).total, 5, 'every step is audited');

      // bad input: a task of another region, a reply date in the past
      await assert.rejects(issueNotice(office, { unitId: county.unitA.id, taskIds: [tasks[0]!], problem: 'x', requirement: 'y', replyDue: '2026-10-01' }), code('VALIDATION'));
      await assert.rejects(issueNotice(otherOffice, { unitId: county.unitA.id, taskIds: [tasks[0]!], problem: 'x', requirement: 'y', replyDue: '2026-12-01' }), code('NOT_FOUND'));
      await assert.rejects(issueNotice(liaisonA, { unitId: county.unitA.id, taskIds: [tasks[0]!], problem: 'x', requirement: 'y', replyDue: '2026-12-01' }), code('FORBIDDEN'));
    });

    test('the 督办单 Word file is A4 with the official margins, the red 版头 and the form', async () => {
      const n = (await listNotices(office, { page: 1, pageSize: 50 })).items.find((x) => x.number.endsWith('1号'))!;
      const f = await noticeDocx(office, n.id);
      assert.equal(f.fileName, '督办单督法督〔2026〕1号（督查县甲局）.docx');
      const xml = await (await JSZip.loadAsync(f.data)).file('word/document.xml')!.async('string');
      assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/);
      assert.match(xml, /w:top="2098"/);
      assert.match(xml, /w:left="1587"/);
      assert.match(xml, /w:color w:val="E00000"/);
      for (const text of ['督 办 单', '督法督〔2026〕1号', '督查县甲局', '整改到位，同意销号。', '存在问题', '建立行政执法案卷评查制度']) assert.ok(xml.includes(text), text);
    });

    test('an extension asked before the due date, granted: status and due date move, both dates kept', async () => {
      await assert.rejects(requestExtension(liaisonA, { taskId: tasks[1]!, requestedDue: '2027-03-31', reason: '长期任务' }), code('VALIDATION'), 'an ongoing task has no due date to move');
      await assert.rejects(requestExtension(liaisonA, { taskId: tasks[0]!, requestedDue: '2026-12-01', reason: '需要更多时间' }), code('VALIDATION'), 'the new date must be later');
      await assert.rejects(requestExtension(liaisonC, { taskId: tasks[0]!, requestedDue: '2027-03-31', reason: '不是我的任务' }), code('VALIDATION'));
      const ext = await requestExtension(liaisonA, { taskId: tasks[0]!, requestedDue: '2027-03-31', reason: '评查需待省厅新标准出台后开展。' });
      assert.deepEqual([ext.currentDue, ext.requestedDue, ext.state], ['2026-12-31', '2027-03-31', 'pending']);
      await assert.rejects(requestExtension(liaisonA, { taskId: tasks[0]!, requestedDue: '2027-02-28', reason: '再申请' }), code('CONFLICT'), 'one pending request at a time');
      await assert.rejects(decideExtension(liaisonA, ext.id, { version: ext.version, grant: true, note: '' }), code('FORBIDDEN'));
      assert.deepEqual((await listExtensions(office, { state: 'pending' })).map((e) => e.id), [ext.id]);
      const granted = await decideExtension(office, ext.id, { version: ext.version, grant: true, note: '同意延期至2027年3月31日。' });
      assert.equal(granted.state, 'granted');
      await assert.rejects(decideExtension(office, ext.id, { version: granted.version, grant: false, note: '反悔' }), code('CONFLICT'));
      const page = await getTaskPage(office, tasks[0]!);
      assert.equal(page.task.extendedDue, '2027-03-31');
      assert.equal(page.task.deadlines[0]?.due, '2026-12-31', 'the printed deadline stays');
    });

    test('催办 is recorded on the task and refused twice in a row; only the office and leaders chase', async () => {
      const c = await chaseTask(office, { taskId: tasks[2]!, unitId: unitC, message: '请尽快报送第三季度进展。' });
      assert.equal(c.message, '请尽快报送第三季度进展。');
      await assert.rejects(chaseTask(office, { taskId: tasks[2]!, unitId: c.unitId, message: '请尽快报送第三季度进展。' }), code('CONFLICT'));
      await assert.rejects(chaseTask(liaisonA, { taskId: tasks[2]!, unitId: c.unitId, message: '我来催' }), code('FORBIDDEN'));
      assert.deepEqual((await listChases(liaisonC, tasks[2]!)).map((x) => x.message), ['请尽快报送第三季度进展。']);
      assert.deepEqual(await listChases(liaisonA, tasks[2]!), [], "another unit does not see the chase");
    });

    test('the board lists late tasks, missing reports, open notices and waiting extensions, by unit and chapter', async () => {
      await requestExtension(liaisonC, { taskId: tasks[2]!, requestedDue: '2027-01-31', reason: '系统改造' });
      const b = await supervisionBoard(leader, {});
      assert.equal(b.today, '2026-11-02');
      // task 1 is extended to 2027-03-31 but still trails its (new) 序时进度; task 2 is ongoing
      assert.deepEqual(b.tasks.map((t) => [t.number, t.status, t.due]), [['一.3', '滞后', '2026-12-31'], ['一.1', '滞后', '2027-03-31']]);
      assert.deepEqual(b.reports.map((r) => [r.unitName, r.periodLabel, r.missing]).sort(), [['督查县丙局', '2026年第三季度', 1], ['督查县乙局', '2026年第三季度', 1], ['督查县甲局', '2026年第三季度', 2]]);
      assert.deepEqual(b.notices.map((n) => n.number), ['督法督〔2026〕2号']);
      assert.equal(b.extensions.length, 1);
      assert.equal(b.counts.pendingExtensions, 1);
      const c = b.byUnit.find((u) => u.unitName === '督查县丙局')!;
      assert.deepEqual([c.behind, c.overdueReports, c.pendingExtensions], [1, 1, 1]);
      assert.equal(b.byUnit.find((u) => u.unitName === '督查县甲局')!.behind, 1);
      assert.deepEqual(b.byChapter.map((x) => [x.chapter, x.behind, x.total]), [['一、重点任务', 2, 3]]);
      await assert.rejects(supervisionBoard(liaisonA, {}), code('NOT_FOUND'));
      await assert.rejects(supervisionBoard(otherOffice, { regionId: county.region.id }), code('NOT_FOUND'));
    });
  });
}
