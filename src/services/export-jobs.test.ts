import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { DIALECTS, type TestDb } from '../../test/db.ts';
import { ctxAs, makeCounty, makeUser, systemCtx } from '../../test/factories.ts';
import { periodsRepo } from '../db/repositories/reports.ts';
import { FixedClock } from '../shared/clock.ts';
import type { ServiceContext } from './context.ts';
import { getExportJob, listExportJobs, openExportFile, startExportJob, waitForExportJob } from './export-jobs.ts';
import { issueNotice, listNotices } from './notices.ts';
import { commitImport, uploadPlan } from './plan-import.ts';
import { getPlan } from './plans.ts';
import { reviewQueue, saveReport, submitReport } from './reports.ts';
import { listTasks } from './task-list.ts';

const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;

const PLAN = `导出县法治政府建设工作要点（2026—2026年）
一、重点任务
1.建立行政执法案卷评查制度。（牵头单位：导出县甲局；责任单位：导出县乙局）（完成时限：2026年12月底前）
2.持续开展领导干部学法用法活动。（牵头单位：导出县甲局）（完成时限：长期坚持）
3.推进行政复议规范化建设。（牵头单位：导出县乙局）（完成时限：2026年6月底前）
`;

async function sheetRows(ctx: ServiceContext, id: string): Promise<string[][]> {
  const f = await openExportFile(ctx, id);
  const chunks: Buffer[] = [];
  for await (const c of f.stream) chunks.push(c as Buffer);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((r) => out.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return out;
}

for (const dialect of DIALECTS) {
  describe(`list exports as background jobs (${dialect.name})`, () => {
    let h: TestDb;
    let dir: string;
    let sys: ServiceContext;
    let office: ServiceContext;
    let liaisonA: ServiceContext;
    let liaisonB: ServiceContext;
    let county: Awaited<ReturnType<typeof makeCounty>>;
    let planId: string;

    before(async () => {
      h = await dialect.open();
      dir = mkdtempSync(join(tmpdir(), 'fazhi-exports-'));
      const clock = new FixedClock('2026-04-05T02:00:00Z');
      sys = systemCtx(h.db, clock);
      county = await makeCounty(sys, '导出县');
      const lb = await makeUser(sys, { role: 'liaison', regionId: county.region.id, unitId: county.unitB.id });
      [office, liaisonA, liaisonB] = await Promise.all([ctxAs(sys, county.office.id), ctxAs(sys, county.liaison.id), ctxAs(sys, lb.id)]);
      const imp = await uploadPlan(sys, { regionId: county.region.id, fileName: 'p.txt', bytes: new TextEncoder().encode(PLAN) });
      planId = (await commitImport(sys, imp.id, {})).planId;
      const tasks = (await getPlan(sys, planId)).tasks.map((t) => t.id);
      const q1 = (await periodsRepo.ofPlan(h.db, planId))[0]!.id;
      for (const [who, task] of [[liaisonA, tasks[0]!], [liaisonB, tasks[0]!], [liaisonA, tasks[1]!], [liaisonB, tasks[2]!]] as const) {
        const d = await saveReport(who, { taskId: task, periodId: q1, narrative: `${task.slice(-4)}进展`, completion: 'in_progress', percent: 50 });
        await submitReport(who, d.id!, d.version);
      }
      await issueNotice(office, { unitId: county.unitB.id, taskIds: [tasks[2]!], problem: '进展缓慢。', requirement: '请说明。', replyDue: '2026-04-20' });
    });
    after(async () => {
      await h.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    test('the office exports every report of the region; the job reports progress and the file streams back', async () => {
      const job = await startExportJob(office, { kind: 'reports', filters: { planId } }, { dir });
      assert.equal(job.status, 'queued');
      assert.equal(job.totalRows, 4);
      await waitForExportJob(job.id);
      const done = await getExportJob(office, job.id);
      assert.deepEqual([done.status, done.doneRows, done.progress], ['done', 4, 100]);
      assert.match(done.fileName!, /^报送记录（20260405）\.xlsx$/);
      const rows = await sheetRows(office, job.id);
      assert.deepEqual(rows[0]!.slice(0, 7), ['方案', '报送周期', '任务编号', '任务', '单位', '角色', '状态']);
      assert.equal(rows.length - 1, 4);
      assert.deepEqual(rows.slice(1).map((r) => r[4]).sort(), ['导出县乙局', '导出县乙局', '导出县甲局', '导出县甲局']);
      assert.deepEqual((await listExportJobs(office)).map((j) => j.id), [job.id]);
    });

    test("a liaison's export holds only its unit's rows, whatever it asks for; another user cannot see the job", async () => {
      const job = await startExportJob(liaisonA, { kind: 'reports', filters: {} }, { dir });
      await waitForExportJob(job.id);
      const rows = await sheetRows(liaisonA, job.id);
      assert.equal(rows.length - 1, 2);
      assert.ok(rows.slice(1).every((r) => r[4] === '导出县甲局'));
      await assert.rejects(startExportJob(liaisonA, { kind: 'reports', filters: { unitId: county.unitB.id } }, { dir }), code('NOT_FOUND'));
      await assert.rejects(getExportJob(liaisonB, job.id), code('NOT_FOUND'));
      await assert.rejects(openExportFile(office, job.id), code('NOT_FOUND'));
      const stranger = await makeCounty(sys, '外县');
      await assert.rejects(startExportJob(await ctxAs(sys, stranger.office.id), { kind: 'reports', regionId: county.region.id, filters: {} }, { dir }), code('NOT_FOUND'));
    });

    test('filters apply as on the list: submitted reports equal the review queue; tasks by status; 督办单 by unit', async () => {
      const job = await startExportJob(office, { kind: 'reports', filters: { state: 'submitted' } }, { dir });
      await waitForExportJob(job.id);
      // every submitted report: the three that reached the office's review queue and the co-owner's one under task 1
      const review = await reviewQueue(office, { regionId: county.region.id, state: 'submitted' });
      assert.equal(review.length, 3);
      assert.equal((await sheetRows(office, job.id)).length - 1, review.length + 1);

      const tasks = await startExportJob(liaisonB, { kind: 'tasks', filters: { planId } }, { dir });
      await waitForExportJob(tasks.id);
      const trows = await sheetRows(liaisonB, tasks.id);
      assert.deepEqual(trows.slice(1).map((r) => r[0]), ['一.1', '一.3'], 'a liaison gets the tasks of its unit');
      const plan = await getPlan(office, planId);
      const status = plan.tasks[2]!.status;
      const byStatus = await startExportJob(office, { kind: 'tasks', filters: { planId, status } }, { dir });
      await waitForExportJob(byStatus.id);
      assert.equal((await sheetRows(office, byStatus.id)).length - 1, plan.tasks.filter((t) => t.status === status).length);

      const notices = await startExportJob(liaisonB, { kind: 'notices', filters: {} }, { dir });
      await waitForExportJob(notices.id);
      const nrows = await sheetRows(liaisonB, notices.id);
      assert.deepEqual(nrows.slice(1).map((r) => r[1]), (await listNotices(liaisonB, { page: 1, pageSize: 50 })).items.map((n) => n.unitName));
      const none = await startExportJob(liaisonA, { kind: 'notices', filters: {} }, { dir });
      await waitForExportJob(none.id);
      assert.equal((await sheetRows(liaisonA, none.id)).length, 1, 'only the header: unit A has no 督办单');
      const all = await startExportJob(office, { kind: 'tasks', filters: {} }, { dir });
      await waitForExportJob(all.id);
      assert.equal((await sheetRows(office, all.id)).length - 1, 3, 'without a plan: every task of the region, as the list shows');
      assert.ok(readFileSync(join(dir, `${none.id}.xlsx`)).length > 0, 'the file is kept in the exports folder');
    });

    test('a task export carries every filter of the 「任务」 list: words and a deadline range give exactly its rows', async () => {
      const listed = async (ctx: ServiceContext, f: { q?: string; dueFrom?: string; dueTo?: string; status?: string }) =>
        (await listTasks(ctx, { regionId: county.region.id, planId, ...f, status: f.status as never, pageSize: 500 })).items.map((t) => [t.number, t.text, t.deadline]);
      const exported = async (ctx: ServiceContext, f: { q?: string; dueFrom?: string; dueTo?: string; status?: string }) => {
        const job = await startExportJob(ctx, { kind: 'tasks', filters: { planId, ...f } }, { dir });
        await waitForExportJob(job.id);
        assert.equal((await getExportJob(ctx, job.id)).status, 'done');
        return (await sheetRows(ctx, job.id)).slice(1).map((r) => [r[0], r[2], r[5]]);
      };
      const words = { q: '行政' };
      assert.deepEqual(await listed(office, words), (await listed(office, {})).filter((r) => r[1]!.includes('行政')));
      assert.deepEqual((await listed(office, words)).map((r) => r[0]), ['一.1', '一.3'], 'the words narrow the list');
      assert.deepEqual(await exported(office, words), await listed(office, words));
      const range = { q: '行政', dueFrom: '2026-01-01', dueTo: '2026-09-30' };
      assert.deepEqual((await listed(office, range)).map((r) => r[0]), ['一.3'], 'the range drops the December task and the ongoing one');
      assert.deepEqual(await exported(office, range), await listed(office, range));
      assert.deepEqual(await exported(office, { dueFrom: '2026-07-01' }), await listed(office, { dueFrom: '2026-07-01' }));
      // a liaison's export is its own list: unit B's tasks inside the range
      assert.deepEqual(await exported(liaisonB, { dueTo: '2026-06-30' }), await listed(liaisonB, { dueTo: '2026-06-30' }));
      assert.deepEqual((await listed(liaisonB, { dueTo: '2026-06-30' })).map((r) => r[0]), ['一.3']);
      await assert.rejects(startExportJob(liaisonA, { kind: 'tasks', filters: { planId, unitId: county.unitB.id } }, { dir }), code('NOT_FOUND'));
      await assert.rejects(startExportJob(office, { kind: 'tasks', filters: { planId, dueFrom: '2026-13' } }, { dir }), code('VALIDATION'));
    });

    test('the 报送审核 export holds exactly the review list on screen, under its policy', async () => {
      for (const state of ['submitted', 'returned', 'accepted'] as const) {
        const queue = await reviewQueue(office, { regionId: county.region.id, state });
        const job = await startExportJob(office, { kind: 'review', filters: { state } }, { dir });
        assert.equal(job.totalRows, queue.length);
        await waitForExportJob(job.id);
        const rows = await sheetRows(office, job.id);
        assert.deepEqual(rows[0], ['编号', '任务内容', '报送单位', '周期', '完成情况', '佐证材料（个）', '提交时间']);
        assert.deepEqual(rows.slice(1).map((r) => [r[0], r[1], r[2], r[3], r[4]]), queue.map((i) => [i.number, i.text, i.unitName, i.periodLabel, '推进中（50%）']));
      }
      const submitted = await startExportJob(office, { kind: 'review', filters: {} }, { dir });
      await waitForExportJob(submitted.id);
      // the co-owner's report under 一.1 went to its lead unit, not to the office: not in the list, not in the file
      assert.deepEqual((await sheetRows(office, submitted.id)).slice(1).map((r) => `${r[0]} ${r[2]}`).sort(), ['一.1 导出县甲局', '一.2 导出县甲局', '一.3 导出县乙局']);
      // a liaison has no review list (NOT_FOUND), whatever it asks for; nor has another county's office
      await assert.rejects(reviewQueue(liaisonA, { regionId: county.region.id, state: 'submitted' }), code('NOT_FOUND'));
      await assert.rejects(startExportJob(liaisonA, { kind: 'review', filters: {} }, { dir }), code('NOT_FOUND'));
      await assert.rejects(startExportJob(liaisonB, { kind: 'review', regionId: county.region.id, filters: { state: 'accepted' } }, { dir }), code('NOT_FOUND'));
      const stranger = await makeCounty(sys, '审核外县');
      await assert.rejects(startExportJob(await ctxAs(sys, stranger.office.id), { kind: 'review', regionId: county.region.id, filters: {} }, { dir }), code('NOT_FOUND'));
      await assert.rejects(startExportJob(office, { kind: 'review', filters: { state: 'draft' } }, { dir }), code('VALIDATION'));
    });
  });
}
