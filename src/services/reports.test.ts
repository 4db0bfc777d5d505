import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DIALECTS, type TestDb } from '../../test/db.ts';
import { ctxAs, makeCounty, makeUnit, makeUser, systemCtx } from '../../test/factories.ts';
import { LocalBlobStore } from '../db/blob-store.ts';
import { periodsRepo } from '../db/repositories/reports.ts';
import { FixedClock } from '../shared/clock.ts';
import type { ServiceContext } from './context.ts';
import { openEvidence, unitEvidence, uploadEvidence } from './evidence.ts';
import { getInbox } from './inbox.ts';
import { commitImport, uploadPlan } from './plan-import.ts';
import { getPlan } from './plans.ts';
import { getTaskPage } from './task-page.ts';
import { getReporting, setReporting } from './reporting-settings.ts';
import { exportEvidenceZip, exportLedger } from './exports.ts';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { acceptReport, bulkAccept, coReports, getReport, openReport, reportHistory, returnReport, saveReport, submitReport } from './reports.ts';

const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const stream = (b: Buffer | string) => Readable.from([Buffer.from(b)]);

for (const dialect of DIALECTS) {
  describe(`progress reports (${dialect.name})`, () => {
    let h: TestDb;
    let dir: string;
    let clock: FixedClock;
    let sys: ServiceContext;
    let office: ServiceContext;
    let lead: ServiceContext;
    let co: ServiceContext;
    let stranger: ServiceContext;
    let county: Awaited<ReturnType<typeof makeCounty>>;
    let task1: string;
    let task2: string;
    let q1: string;
    let q2: string;

    before(async () => {
      h = await dialect.open();
      dir = mkdtempSync(join(tmpdir(), 'fazhi-blobs-'));
      clock = new FixedClock('2026-04-05T02:00:00Z');
      sys = { ...systemCtx(h.db, clock), blobs: new LocalBlobStore(dir), uploadLimitBytes: 1024 * 1024 };
      county = await makeCounty(sys, '报送县');
      const unitC = await makeUnit(sys, county.region.id, { name: '报送县丙局' });
      const coLiaison = await makeUser(sys, { role: 'liaison', regionId: county.region.id, unitId: county.unitB.id });
      const strangerUser = await makeUser(sys, { role: 'liaison', regionId: county.region.id, unitId: unitC.id });
      [office, lead, co, stranger] = await Promise.all([ctxAs(sys, county.office.id), ctxAs(sys, county.liaison.id), ctxAs(sys, coLiaison.id), ctxAs(sys, strangerUser.id)]);
      const plan = `报送县法治政府建设工作要点（2026—2026年）
  一、重点任务
  1.建立行政执法案卷评查制度，组织开展全县行政执法案卷评查工作，评查覆盖率达到100%。（牵头单位：报送县甲局；责任单位：报送县乙局）（完成时限：2026年12月底前）
  2.持续开展领导干部学法用法活动，常务会议会前学法每年不少于4次。（牵头单位：报送县甲局）（完成时限：长期坚持）
  3.推进政务公开标准化规范化建设工作，完善政府信息公开目录。（牵头单位：报送县丙局）（完成时限：2026年12月底前）
  `;
      const imp = await uploadPlan(sys, { regionId: county.region.id, fileName: 'p.txt', bytes: new TextEncoder().encode(plan) });
      const r = await commitImport(sys, imp.id, {});
      const detail = await getPlan(sys, r.planId);
      [task1, task2] = detail.tasks.map((t) => t.id) as [string, string];
      const periods = await periodsRepo.ofPlan(h.db, r.planId);
      assert.deepEqual(periods.map((p) => [p.key, p.due]), [['2026Q1', '2026-04-10'], ['2026Q2', '2026-07-10'], ['2026Q3', '2026-10-10'], ['2026Q4', '2027-01-10']]);
      [q1, q2] = periods.map((p) => p.id) as [string, string];
    });
    after(async () => {
      await h.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    test("the lead unit's inbox lists this period's tasks, due dates and states; another unit's does not", async () => {
      const inbox = await getInbox(lead, {});
      assert.equal(inbox.period?.label, '2026年第一季度');
      assert.equal(inbox.period?.due, '2026-04-10');
      assert.deepEqual(inbox.items.map((i) => [i.number, i.role, i.state, i.stateLabel]), [['一.1', 'lead', 'none', '未报送'], ['一.2', 'lead', 'none', '未报送']]);
      assert.equal(inbox.items[0]!.chapter, '一、重点任务');
      assert.equal(inbox.counts.none, 2);
      assert.deepEqual((await getInbox(co, {})).items.map((i) => [i.number, i.role]), [['一.1', 'co']]);
      await assert.rejects(getInbox(stranger, { unitId: county.unitA.id }), code('NOT_FOUND'));
    });

    test('evidence: typed by content, stored once per content, refused when wrong, empty or too large', async () => {
      const a = await uploadEvidence(co, { unitId: county.unitB.id, fileName: '评查通知.pdf', stream: stream(PDF) });
      const b = await uploadEvidence(co, { unitId: county.unitB.id, fileName: '评查通知-副本.pdf', stream: stream(PDF) });
      assert.equal(a.sha256, b.sha256);
      assert.equal(a.kind, 'pdf');
      const blobFiles = readdirSync(join(dir, a.sha256.slice(0, 2)));
      assert.deepEqual(blobFiles, [a.sha256], 'one file on disk for both uploads');
      await assert.rejects(uploadEvidence(co, { unitId: county.unitB.id, fileName: '照片.jpg', stream: stream(PDF) }), (e: Error) => /扩展名是 \.jpg，但内容是PDF/.test(e.message));
      await assert.rejects(uploadEvidence(co, { unitId: county.unitB.id, fileName: '工具.pdf', stream: stream(Buffer.from('MZ\x90\x00this is a program')) }), code('UNSUPPORTED'));
      await assert.rejects(uploadEvidence(co, { unitId: county.unitB.id, fileName: '脚本.js', stream: stream('alert(1)') }), (e: Error) => /不支持「\.js」/.test(e.message));
      await assert.rejects(uploadEvidence(co, { unitId: county.unitB.id, fileName: '空.pdf', stream: stream('') }), (e: Error) => /空文件/.test(e.message));
      await assert.rejects(uploadEvidence(co, { unitId: county.unitB.id, fileName: '大.pdf', stream: stream(Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024)])) }), code('TOO_LARGE'));
      await assert.rejects(uploadEvidence(co, { unitId: county.unitA.id, fileName: 'x.pdf', stream: stream(PDF) }), code('FORBIDDEN'));
      const broken = new Readable({
        read() {
          this.push(PDF);
          this.destroy(new Error('connection reset'));
        },
      });
      await assert.rejects(uploadEvidence(co, { unitId: county.unitB.id, fileName: '中断.pdf', stream: broken }), (e: Error) => /上传未完成/.test(e.message));
      assert.equal(readdirSync(join(dir, 'tmp')).length, 0, 'no temp file left behind');
      assert.equal((await unitEvidence(co, county.unitB.id)).length, 2);
    });

    test('a co-owner reports to the lead; the lead sees it, a stranger does not', async () => {
      const [ev] = await unitEvidence(co, county.unitB.id);
      const draft = await saveReport(co, { taskId: task1, periodId: q1, narrative: '## 本期工作\n- 完成案卷评查 30 件', completion: 'in_progress', percent: 40, uploadIds: [ev!.uploadId] });
      assert.equal(draft.state, 'draft');
      assert.equal(draft.role, 'co');
      const sent = await submitReport(co, draft.id!, draft.version);
      assert.equal(sent.state, 'submitted');
      const seen = await coReports(lead, task1, q1);
      assert.equal(seen[0]?.narrative, '## 本期工作\n- 完成案卷评查 30 件');
      assert.equal(seen[0]?.evidence[0]?.fileName, ev!.fileName);
      const opened = await openEvidence(lead, ev!.uploadId);
      assert.equal(opened.inline, true);
      const chunks: Buffer[] = [];
      for await (const c of opened.stream) chunks.push(c as Buffer);
      assert.deepEqual(Buffer.concat(chunks), PDF);
      await assert.rejects(coReports(stranger, task1, q1), code('NOT_FOUND'));
      await assert.rejects(getReport(stranger, draft.id!), code('NOT_FOUND'));
      await assert.rejects(openEvidence(stranger, ev!.uploadId), code('NOT_FOUND'));
      assert.deepEqual((await getInbox(lead, {})).items.map((i) => [i.coReportsSubmitted, i.coReportsTotal])[0], [1, 1]);
      // the office reviews the lead's consolidated report, not the co-owner's input
      await assert.rejects(acceptReport(office, draft.id!, sent.version), (e: Error) => /牵头单位/.test(e.message));
    });

    test('submit needs a narrative and a completion state; a stale save is a conflict, nothing overwritten', async () => {
      const empty = await saveReport(lead, { taskId: task1, periodId: q1, narrative: '  ', completion: null, percent: null });
      await assert.rejects(submitReport(lead, empty.id!, empty.version), (e: Error & { details?: { field: string }[] }) => e.details!.map((d) => d.field).join() === 'narrative,completion');
      const v2 = await saveReport(lead, { taskId: task1, periodId: q1, version: empty.version, narrative: '汇总：完成评查 30 件（乙局）', completion: 'in_progress', percent: 40 });
      await assert.rejects(saveReport(lead, { taskId: task1, periodId: q1, version: empty.version, narrative: '旧版本覆盖', completion: 'done', percent: 100 }), code('CONFLICT'));
      await assert.rejects(saveReport(office, { taskId: task1, periodId: q1, unitId: county.unitA.id, narrative: '并发新建', completion: null, percent: null }), code('CONFLICT'));
      assert.equal((await getReport(lead, v2.id!)).narrative, '汇总：完成评查 30 件（乙局）');
      await assert.rejects(saveReport(stranger, { taskId: task1, periodId: q1, unitId: county.unitA.id, version: v2.version, narrative: 'x', completion: null, percent: null }), code('NOT_FOUND'));
      const [ev] = await unitEvidence(co, county.unitB.id);
      await assert.rejects(saveReport(lead, { taskId: task1, periodId: q1, version: v2.version, narrative: 'x', completion: null, percent: null, uploadIds: [ev!.uploadId] }), (e: Error) => /不属于本单位/.test(e.message));
    });

    test('submit → return with reason → resubmit → accept; accepted is frozen; the history keeps every step', async () => {
      const cur = await openReport(lead, { taskId: task1, periodId: q1 });
      const sent = await submitReport(lead, cur.id!, cur.version);
      const again = await submitReport(lead, cur.id!, cur.version);
      assert.equal(again.version, sent.version, 'a duplicate submit changes nothing');
      await assert.rejects(saveReport(lead, { taskId: task1, periodId: q1, version: sent.version, narrative: '改', completion: 'done', percent: 100 }), (e: Error) => /正在审核/.test(e.message));
      await assert.rejects(returnReport(office, cur.id!, sent.version, ' '), code('VALIDATION'));
      await assert.rejects(acceptReport(lead, cur.id!, sent.version), code('FORBIDDEN'));
      const back = await returnReport(office, cur.id!, sent.version, '请补充评查结果通报');
      assert.equal(back.state, 'returned');
      const inbox = await getInbox(lead, {});
      assert.equal(inbox.items[0]!.state, 'returned');
      assert.equal(inbox.items[0]!.returnReason, '请补充评查结果通报');
      const fixed = await saveReport(lead, { taskId: task1, periodId: q1, version: back.version, narrative: '汇总：完成评查 30 件，已印发通报', completion: 'done', percent: 100 });
      assert.equal(fixed.state, 'returned', 'still returned until resubmitted');
      const resent = await submitReport(lead, fixed.id!, fixed.version);
      const ok = await acceptReport(office, resent.id!, resent.version);
      assert.equal(ok.state, 'accepted');
      await assert.rejects(saveReport(lead, { taskId: task1, periodId: q1, version: ok.version, narrative: '再改', completion: 'done', percent: 100 }), (e: Error) => /审核通过/.test(e.message));
      const hist = await reportHistory(office, ok.id!);
      assert.deepEqual(hist.events.map((e) => e.action), ['save', 'save', 'submit', 'return', 'save', 'submit', 'accept']);
      assert.equal(hist.events[3]!.reason, '请补充评查结果通报');
      assert.equal(hist.events[1]!.snapshot.narrative, '汇总：完成评查 30 件（乙局）');
    });

    test('bulk accept takes what can be accepted and lists the rest with the reason', async () => {
      const r2 = await saveReport(lead, { taskId: task2, periodId: q1, narrative: '一季度会前学法 1 次', completion: 'ongoing_done', percent: null });
      const s2 = await submitReport(lead, r2.id!, r2.version);
      const coReport = (await coReports(office, task1, q1))[0]!;
      const res = await bulkAccept(office, [s2.id!, coReport.id!]);
      assert.equal(res.accepted, 1);
      assert.equal(res.skipped[0]?.id, coReport.id);
      assert.equal((await getReport(office, s2.id!)).state, 'accepted');
    });

    test('next period: a task reported done and accepted leaves the list, an ongoing one stays; overdue shows', async () => {
      clock.set('2026-07-05T02:00:00Z');
      const inbox = await getInbox(lead, {});
      assert.equal(inbox.period?.label, '2026年第二季度');
      assert.deepEqual(inbox.items.map((i) => i.number), ['一.2']);
      assert.equal(inbox.items[0]!.previous?.narrative, '一季度会前学法 1 次');
      assert.equal((await getInbox(co, {})).items.length, 0, 'the lead said done, the co-owner is done too');
      clock.set('2026-07-11T02:00:00Z');
      const late = await getInbox(lead, { periodId: q2 });
      assert.equal(late.items[0]!.overdue, true);
      assert.equal(late.counts.overdue, 1);
    });

    test('task page: status computed from accepted reports; each reader sees the reports they may', async () => {
      const asOffice = await getTaskPage(office, task1);
      assert.equal(asOffice.task.status, '已完成');
      assert.deepEqual(asOffice.trail.map((t) => t.title), ['重点任务']);
      const q1Row = asOffice.periods.find((p) => p.id === q1)!;
      assert.deepEqual(q1Row.reports.map((r) => [r.role, r.stateLabel]), [['lead', '已通过'], ['co', '已报送']]);
      assert.deepEqual(asOffice.statusHistory.map((x) => [x.periodLabel, x.completion]), [['2026年第一季度', '已完成']]);
      assert.equal((await getTaskPage(lead, task1)).periods.find((p) => p.id === q1)!.reports.length, 2, 'the lead sees its co-owner');
      assert.deepEqual((await getTaskPage(co, task1)).periods.find((p) => p.id === q1)!.reports.map((r) => r.role), ['co'], 'a co-owner sees only its own');
      assert.equal((await getTaskPage(stranger, task1)).periods.find((p) => p.id === q1)!.reports.length, 0);
      const plan = await getPlan(office, asOffice.plan.id);
      assert.equal(plan.tasks.find((t) => t.id === task2)!.status, '长期坚持');
      assert.equal(plan.statusSummary['已完成'], 1);
      assert.equal(plan.unitSummary.find((u) => u.unitId === county.unitA.id)!.counts.total, 2);
      const other = await makeCounty(sys, '外县');
      await assert.rejects(getTaskPage(await ctxAs(sys, other.office.id), task1), code('NOT_FOUND'));
    });

    test('the period 台账 and evidence ZIP: the region sees every task, a liaison only their unit', async () => {
      const planId = (await getTaskPage(office, task1)).plan.id;
      const region = await exportLedger(office, { planId, periodId: q1 });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(region.data as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), ['序号', '编号', '任务', '牵头单位', '责任单位', '完成时限', '本期进展', '状态', '佐证材料清单']);
      assert.equal(ws.rowCount, 4);
      assert.match(String(ws.getRow(2).getCell(7).value), /已印发通报（已完成，100%）/);
      assert.equal(ws.getRow(2).getCell(8).value, '已完成');
      assert.equal(ws.getRow(4).getCell(7).value, '未报送');
      const mine = await exportLedger(co, { planId, periodId: q1 });
      const wb2 = new ExcelJS.Workbook();
      await wb2.xlsx.load(mine.data as unknown as ArrayBuffer);
      assert.equal(wb2.worksheets[0]!.rowCount, 2, "a co-owner's export holds only its own task");
      assert.match(String(wb2.worksheets[0]!.getRow(2).getCell(9).value), /评查通知/);
      await assert.rejects(exportLedger(stranger, { planId, periodId: q1, unitId: county.unitA.id }), code('NOT_FOUND'));
      const zip = await JSZip.loadAsync((await exportEvidenceZip(co, { planId, periodId: q1 })).data);
      const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
      assert.ok(names.includes('清单.csv'));
      const pdf = names.find((n) => n.endsWith('.pdf'))!;
      assert.deepEqual(await zip.file(pdf)!.async('nodebuffer'), PDF);
      assert.match(await zip.file('清单.csv')!.async('string'), /评查通知.*\.pdf/);
    });

    test('reporting settings: the frequency changes only before any report, the due offset and margin any time', async () => {
      const planId = (await getTaskPage(office, task1)).plan.id;
      const cur = await getReporting(lead, planId);
      assert.deepEqual([cur.frequency, cur.dueOffsetDays, cur.lagMargin, cur.periods.length], ['quarterly', 10, 15, 4]);
      await assert.rejects(setReporting(office, planId, { version: cur.version, frequency: 'monthly', dueOffsetDays: 10, lagMargin: 15 }), (e: Error) => /不能再改变报送周期/.test(e.message));
      await assert.rejects(setReporting(lead, planId, { version: cur.version, frequency: 'quarterly', dueOffsetDays: 5, lagMargin: 15 }), code('FORBIDDEN'));
      const moved = await setReporting(office, planId, { version: cur.version, frequency: 'quarterly', dueOffsetDays: 5, lagMargin: 10 });
      assert.deepEqual(moved.periods.map((p) => p.due), ['2026-04-05', '2026-07-05', '2026-10-05', '2027-01-05']);
      await assert.rejects(setReporting(office, planId, { version: cur.version, frequency: 'quarterly', dueOffsetDays: 7, lagMargin: 10 }), code('CONFLICT'));
      await setReporting(office, planId, { version: moved.version, frequency: 'quarterly', dueOffsetDays: 10, lagMargin: 15 });
      // a plan with no reports yet may switch to monthly
      const other = await makeCounty(sys, '月报县');
      const imp = await uploadPlan(sys, { regionId: other.region.id, fileName: 'm.txt', bytes: new TextEncoder().encode('月报县法治政府建设工作要点（2026—2026年）\n一、重点任务\n1.推进行政执法规范化建设，全面落实行政执法三项制度，提升执法质量。（牵头单位：月报县甲局）\n') });
      const r = await commitImport(sys, imp.id, {});
      const o2 = await ctxAs(sys, other.office.id);
      const v = await getReporting(o2, r.planId);
      const monthly = await setReporting(o2, r.planId, { version: v.version, frequency: 'monthly', dueOffsetDays: 5, lagMargin: 15 });
      assert.equal(monthly.periods.length, 12);
      assert.deepEqual([monthly.periods[0]!.label, monthly.periods[0]!.due], ['2026年1月', '2026-02-05']);
    });

    test('a closed period takes no more reports', async () => {
      await periodsRepo.setClosed(h.db, q1, true);
      await assert.rejects(saveReport(co, { taskId: task1, periodId: q1, version: 99, narrative: 'x', completion: null, percent: null }), code('CONFLICT'));
      const r = await openReport(co, { taskId: task1, periodId: q1 });
      assert.equal(r.can.edit, false);
      await periodsRepo.setClosed(h.db, q1, false);
    });
  });
}
