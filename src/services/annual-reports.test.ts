import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalBlobStore } from '../db/blob-store.ts';
import { DIALECTS, type TestDb } from '../../test/db.ts';
import { ctxAs, makeCounty, makeUser, systemCtx } from '../../test/factories.ts';
import { BODY_TRACKING } from '../exports/gbt9704.ts';
import { auditRepo } from '../db/repositories/audit.ts';
import { periodsRepo } from '../db/repositories/reports.ts';
import { FixedClock } from '../shared/clock.ts';
import type { AnnualReport, Block, UpdateAnnualRequest } from '../shared/api/annual-reports.ts';
import {
  addAnnualComment,
  annualBoard,
  annualDocx,
  approveAnnualReport,
  diffAnnualVersions,
  generateAnnualReport,
  getAnnualReport,
  getAnnualVersion,
  listAnnualReports,
  publishAnnualReport,
  regenerateAnnualReport,
  resolveAnnualComment,
  returnAnnualReport,
  reviseAnnualReport,
  sendAnnualToReview,
  submitAnnualReport,
  updateAnnualReport,
  updateAnnualSettings,
} from './annual-reports.ts';
import { portalDocx, portalReport, portalSearch, portalFeed } from './annual-portal.ts';
import { catchUpAnnual, runAnnualDay } from './annual-reminders.ts';
import type { ServiceContext } from './context.ts';
import { issueNotice } from './notices.ts';
import { listMyNotifications } from './notifications.ts';
import { commitImport, uploadPlan } from './plan-import.ts';
import { getPlan, listPlans } from './plans.ts';
import { uploadEvidence } from './evidence.ts';
import { addProblem, closeProblem, getProblem, rectifyProblem } from './inspections-problems.ts';
import { composeDraft } from './annual-draft.ts';
import { enterMetricValue } from './metrics.ts';
import { writeAnnualReportDocx } from '../exports/annual-report-docx.ts';
import { headingNumbers } from '../shared/annual-numbering.ts';
import { importPlanText } from '../../test/factories.ts';
import { plansRepo } from '../db/repositories/plans.ts';
import { regionsRepo } from '../db/repositories/regions.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import { createInspectionPlan, recordVisit } from './inspections.ts';
import { acceptReport, returnReport, saveReport, submitReport } from './reports.ts';

const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;

const PLAN = `年报县法治政府建设实施方案（2026—2027年）
一、健全依法行政制度体系
1.全面推行行政规范性文件合法性审核机制，合法性审核率达到100%。（牵头单位：年报县甲局）（完成时限：2026年12月底前）
2.持续开展领导干部学法用法活动。（牵头单位：年报县乙局；责任单位：年报县甲局）（完成时限：长期坚持）
二、健全行政执法工作体系
3.推进行政执法案卷评查工作。（牵头单位：年报县乙局）（完成时限：2026年6月底前）
4.建立行政执法人员常态化培训制度。（牵头单位：年报县甲局）（完成时限：2027年12月底前）
`;

const NARRATIVE = {
  t1: '制定合法性审核工作规程，全年审核行政规范性文件12件，审核率100%',
  t2q2: '组织领导干部旁听庭审2次',
  t2b: '举办领导干部学法讲座4期，参训312人次',
  t4: '制定培训方案，完成首期培训86人',
};

const textOf = (r: AnnualReport) => r.blocks.flatMap((b) => [b.text ?? '', ...(b.items ?? []), ...(b.rows ?? []).flat()]).join('\n');
const editOf = (r: AnnualReport, blocks: Block[] = r.blocks, patch: Partial<UpdateAnnualRequest> = {}): UpdateAnnualRequest => ({ version: r.version, title: r.title, blocks, ...patch });
/** The blocks with every marker replaced by the office's own words. */
const filled = (r: AnnualReport) => r.blocks.map((b) => ({ ...b, ...(b.text !== undefined ? { text: b.text.replace(/【待补充：[^】]*】/g, '经自查，已补充相关情况。') } : {}), ...(b.rows ? { rows: b.rows.map((row) => row.map((c) => c.replace(/【待补充：[^】]*】/g, '98%'))) } : {}) }));

for (const dialect of DIALECTS) {
  describe(`annual reports (年度报告) (${dialect.name})`, () => {
    let h: TestDb;
    let clock: FixedClock;
    let sys: ServiceContext;
    let office: ServiceContext;
    let leader: ServiceContext;
    let liaisonA: ServiceContext;
    let liaisonB: ServiceContext;
    let otherOffice: ServiceContext;
    let county: Awaited<ReturnType<typeof makeCounty>>;
    let tasks: string[];
    let periods: { id: string; key: string }[];
    const reportIds: Record<string, string> = {};
    let regionReport: AnnualReport;
    let unitReport: AnnualReport;
    const at = (iso: string) => clock.set(iso);
    const period = (key: string) => periods.find((p) => p.key === key)!.id;

    before(async () => {
      h = await dialect.open();
      clock = new FixedClock('2026-01-05T02:00:00Z');
      sys = systemCtx(h.db, clock);
      county = await makeCounty(sys, '年报县');
      const lb = await makeUser(sys, { role: 'liaison', regionId: county.region.id, unitId: county.unitB.id });
      const other = await makeCounty(sys, '别年县');
      office = await ctxAs(sys, county.office.id);
      leader = await ctxAs(sys, county.leader.id);
      liaisonA = await ctxAs(sys, county.liaison.id);
      liaisonB = await ctxAs(sys, lb.id);
      otherOffice = await ctxAs(sys, other.office.id);
      const imp = await uploadPlan(sys, { regionId: county.region.id, fileName: 'p.txt', bytes: new TextEncoder().encode(PLAN) });
      const planId = (await commitImport(sys, imp.id, {})).planId;
      tasks = (await getPlan(sys, planId)).tasks.map((t) => t.id);
      assert.equal(tasks.length, 4);
      periods = (await periodsRepo.ofPlan(h.db, planId)).map((p) => ({ id: p.id, key: p.key }));

      const send = async (ctx: ServiceContext, taskId: string, key: string, body: { narrative: string; completion: 'done' | 'in_progress' | 'ongoing_done'; percent: number | null; targetValues?: { targetIndex: number; value: number }[] }) => {
        const d = await saveReport(ctx, { taskId, periodId: period(key), ...body });
        return submitReport(ctx, d.id!, d.version);
      };
      // Q2: task 2 (B leads) returned once, then sent again and accepted
      at('2026-07-03T02:00:00Z');
      const r2 = await send(liaisonB, tasks[1]!, '2026Q2', { narrative: NARRATIVE.t2q2, completion: 'ongoing_done', percent: null });
      const back = await returnReport(office, r2.id!, r2.version, '佐证材料不全，请补充旁听庭审记录');
      const again = await saveReport(liaisonB, { taskId: tasks[1]!, periodId: period('2026Q2'), version: back.version, narrative: NARRATIVE.t2q2, completion: 'ongoing_done', percent: null });
      const sent = await submitReport(liaisonB, again.id!, again.version);
      await acceptReport(office, sent.id!, sent.version);
      // Q3: task 1 done with its target value; task 2 again (the later narrative is the one quoted)
      at('2026-10-05T02:00:00Z');
      const r1 = await send(liaisonA, tasks[0]!, '2026Q3', { narrative: NARRATIVE.t1, completion: 'done', percent: 100, targetValues: [{ targetIndex: 0, value: 100 }] });
      reportIds.t1 = (await acceptReport(office, r1.id!, r1.version)).id!;
      const r2b = await send(liaisonB, tasks[1]!, '2026Q3', { narrative: NARRATIVE.t2b, completion: 'ongoing_done', percent: null });
      reportIds.t2 = (await acceptReport(office, r2b.id!, r2b.version)).id!;
      // Q4: task 4 at 30 % (behind 序时进度 at the year's end); task 3 never reported (overdue since 6月30日)
      at('2027-01-05T02:00:00Z');
      const r4 = await send(liaisonA, tasks[3]!, '2026Q4', { narrative: NARRATIVE.t4, completion: 'in_progress', percent: 30 });
      reportIds.t4 = (await acceptReport(office, r4.id!, r4.version)).id!;
      // a submitted but not accepted report of A on task 2 (co-owner) is not quoted
      await send(liaisonA, tasks[1]!, '2026Q4', { narrative: '未经审核的内容不应出现在报告中', completion: 'ongoing_done', percent: null });
      at('2027-01-10T02:00:00Z');
    });
    after(() => h.dispose());

    test('the region’s draft: every fact comes from the records and links to them', async () => {
      regionReport = await generateAnnualReport(office, { regionId: county.region.id, year: 2026 });
      const r = regionReport;
      assert.equal(r.title, '年报县人民政府2026年法治政府建设情况报告');
      assert.equal(r.state, 'draft');
      assert.equal(r.unitId, null);
      assert.deepEqual([r.submitDue, r.publishDue], ['2027-03-01', '2027-04-01']);
      const f = r.facts;
      assert.deepEqual([f.tasks, f.done, f.ongoing, f.behind, f.overdue, f.accepted, f.returned, f.targets, f.targetsMet], [4, 1, 1, 1, 1, 4, 1, 1, 1]);
      const text = textOf(r);
      // the structure
      assert.deepEqual(r.blocks.filter((b) => b.type === 'heading' && b.level === 1).map((b) => b.section), ['achievements', 'problems', 'duties', 'plans']);
      assert.deepEqual(r.blocks.filter((b) => b.type === 'heading' && b.level === 2 && b.section === 'achievements').map((b) => b.text), ['健全依法行政制度体系', '健全行政执法工作体系', '主要指标完成情况']);
      // 一: the accepted narratives, by chapter, each paragraph pointing at its task and report
      const p1 = r.blocks.find((b) => b.text?.includes(NARRATIVE.t1))!;
      assert.ok(p1.text!.startsWith('年报县甲局牵头推进「全面推行行政规范性文件合法性审核机制」'), p1.text);
      assert.ok(r.blocks[0]!.text!.includes('全县法治政府建设任务4项'), 'the county speaks of itself as 全县');
      assert.ok(p1.text!.endsWith('该项任务已完成。'), p1.text);
      assert.deepEqual(p1.sources.map((s) => [s.kind, s.id]), [['task', tasks[0]], ['report', reportIds.t1]]);
      const p2 = r.blocks.find((b) => b.text?.includes(NARRATIVE.t2b))!;
      assert.deepEqual(p2.sources.map((s) => s.id), [tasks[1], reportIds.t2], 'the latest accepted report of the lead');
      assert.ok(!text.includes(NARRATIVE.t2q2), 'an earlier report of the same task is not repeated');
      assert.ok(!text.includes('未经审核的内容'), 'nothing not accepted is quoted');
      assert.ok(text.includes(NARRATIVE.t4));
      // the metrics against targets
      const table = r.blocks.find((b) => b.type === 'table')!;
      assert.deepEqual(table.rows![1], ['合法性审核率', '不低于100%', '100%', '已达到']);
      assert.ok(table.sources.some((s) => s.kind === 'report' && s.id === reportIds.t1));
      // 二: behind and overdue tasks, the returned report with its reason
      const problems = r.blocks.filter((b) => b.section === 'problems').map((b) => b.text ?? '').join('\n');
      assert.ok(problems.includes('有2项任务滞后或逾期未完成：「推进行政执法案卷评查工作」（逾期，年报县乙局）；「建立行政执法人员常态化培训制度」（滞后，年报县甲局）'), problems);
      assert.ok(problems.includes('全年有1份任务进展报送经审核不符合要求被退回修改，主要问题是：佐证材料不全，请补充旁听庭审记录'), problems);
      // 三: no record of the heads' actions: a marker, not invented text
      const duties = r.blocks.filter((b) => b.section === 'duties' && b.type === 'paragraph');
      assert.equal(duties.length, 1);
      assert.match(duties[0]!.text!, /^【待补充：党政主要负责人履行推进法治建设第一责任人职责的情况/);
      // 四: the tasks going on next year
      const list = r.blocks.find((b) => b.type === 'list')!;
      assert.deepEqual(list.sources.map((s) => s.id), [tasks[1], tasks[2], tasks[3]]);
      assert.ok(list.items![0]!.includes('长期坚持'));
      assert.ok(list.items![2]!.includes('2027年12月31日前完成'));
      // the markers are listed with the heading they stand under
      assert.ok(r.markerList.length >= 2);
      assert.ok(r.markerList.some((m) => m.heading.startsWith('三、')));
      assert.equal(r.versions.length, 1);
      await assert.rejects(generateAnnualReport(office, { regionId: county.region.id, year: 2026 }), code('CONFLICT'), 'one report per scope and year');
    });

    test('a unit’s draft speaks of its own tasks only; a head with records of actions gets them', async () => {
      unitReport = await generateAnnualReport(liaisonA, { regionId: county.region.id, unitId: county.unitA.id, year: 2026 });
      assert.equal(unitReport.title, '年报县甲局2026年法治政府建设情况报告');
      assert.equal(unitReport.facts.tasks, 3, 'tasks 1, 2 (co-owner) and 4');
      const text = textOf(unitReport);
      assert.ok(text.includes(`「全面推行行政规范性文件合法性审核机制」：${NARRATIVE.t1}`), text);
      assert.ok(!text.includes(NARRATIVE.t2b), 'B’s report on task 2 is B’s');
      assert.ok(!text.includes('案卷评查'), 'task 3 is not A’s');
      await assert.rejects(generateAnnualReport(liaisonB, { regionId: county.region.id, unitId: county.unitA.id, year: 2026 }), code('FORBIDDEN'));
      await assert.rejects(generateAnnualReport(liaisonA, { regionId: county.region.id, year: 2025 }), code('FORBIDDEN'), 'the region’s report is the office’s');
      await assert.rejects(generateAnnualReport(otherOffice, { regionId: county.region.id, year: 2026 }), code('NOT_FOUND'));
      await assert.rejects(generateAnnualReport(office, { regionId: county.region.id, year: 2028 }), code('VALIDATION'));
    });

    test('a year without data: a draft that says so', async () => {
      const r = await generateAnnualReport(office, { regionId: county.region.id, year: 2025 });
      assert.equal(r.facts.tasks, 0);
      assert.match(r.blocks[0]!.text!, /【待补充：平台中没有2025年度实施的法治政府建设方案及其任务，也没有任务进展报送记录/);
      assert.ok(r.blocks.some((b) => b.text?.startsWith('【待补充：2025年没有审核通过的任务进展')));
      assert.ok(r.facts.missing.length >= 3);
    });

    test('leaders’ actions in the year are reported under 三', async () => {
      at('2026-11-02T02:00:00Z');
      const n = await issueNotice(leader, { unitId: county.unitB.id, taskIds: [tasks[2]!], problem: '案卷评查逾期未完成', requirement: '说明原因并限期完成', replyDue: '2026-11-20' });
      at('2027-01-10T02:00:00Z');
      const r = await regenerateAnnualReport(office, regionReport.id, regionReport.version);
      regionReport = r;
      const duties = r.blocks.filter((b) => b.section === 'duties' && b.type === 'paragraph');
      assert.ok(duties[0]!.text!.includes(`签发督办单1份（${n.number}）`), duties[0]!.text);
      assert.deepEqual(duties[0]!.sources.map((s) => s.id), [n.id]);
      // the open 督办单 is a problem too
      assert.ok(r.blocks.some((b) => b.section === 'problems' && b.text?.includes(`1份督办单未办结（${n.number}）`)));
      assert.equal(r.versions.length, 2, 'the regenerated text is a new version; the old one stays');
      assert.equal(r.events.at(-1)!.action, 'regenerate');
    });

    test('editing keeps versions, sources and a diff; a stale save is refused and changes nothing', async () => {
      const r = regionReport;
      const p1 = r.blocks.find((b) => b.text?.includes(NARRATIVE.t1))!;
      const blocks = r.blocks.map((b) => (b.id === p1.id ? { ...b, text: b.text!.replace('全年审核', '全年共审核'), sources: [] } : b));
      blocks.splice(1, 0, { id: 'new-1', type: 'paragraph', text: '本年度新增的一段说明。', sources: [{ ...p1.sources[0]! }, { kind: 'task', id: 'forged', label: '伪造', link: '/x' }] });
      const saved = await updateAnnualReport(office, r.id, editOf(r, blocks, { note: '润色' }));
      assert.equal(saved.version, r.version + 1);
      assert.equal(saved.versions.length, 3);
      const kept = saved.blocks.find((b) => b.id === p1.id)!;
      assert.ok(kept.text!.includes('全年共审核'));
      assert.deepEqual(kept.sources, p1.sources, 'the sources of a generated block stay, whatever the editor sends');
      assert.deepEqual(saved.blocks.find((b) => b.id === 'new-1')!.sources.map((s) => s.id), [tasks[0]], 'a new block keeps only sources the document had');
      // the second writer, working from the old version, gets a conflict and nothing of theirs is written
      await assert.rejects(updateAnnualReport(office, r.id, editOf(r, r.blocks, { title: '旧版本上的修改' })), (e: unknown) => code('CONFLICT')(e) && (e as { details: { field: string }[] }).details[0]?.field === 'version');
      const now = await getAnnualReport(office, r.id);
      assert.equal(now.title, saved.title);
      assert.equal(now.versions.length, 3);
      // diff between versions
      const d = await diffAnnualVersions(office, r.id, 2, 3);
      assert.deepEqual(d.changes.filter((c) => c.kind !== 'same').map((c) => [c.kind, c.blockId]), [['added', 'new-1'], ['changed', p1.id]]);
      const ch = d.changes.find((c) => c.kind === 'changed')!;
      assert.deepEqual(ch.parts.filter((p) => p.op !== '='), [{ op: '+', text: '共' }]);
      assert.equal((await getAnnualVersion(office, r.id, 2)).blocks.find((b) => b.id === p1.id)!.text, p1.text, 'old versions stay readable');
      // readers
      await assert.rejects(updateAnnualReport(leader, r.id, editOf(now)), code('FORBIDDEN'));
      await assert.rejects(updateAnnualReport(liaisonA, r.id, editOf(now)), code('NOT_FOUND'), 'the region’s report is invisible to a unit');
      await assert.rejects(getAnnualReport(otherOffice, r.id), code('NOT_FOUND'));
      assert.equal((await getAnnualReport(leader, r.id)).id, r.id);
      assert.deepEqual((await listAnnualReports(liaisonA, { page: 1, pageSize: 50 })).items.map((x) => x.id), [unitReport.id]);
      const audit = await auditRepo.search(h.db, { entityType: 'annual_report', entityId: r.id, limit: 50, offset: 0 });
      assert.deepEqual(audit.rows.map((x) => x.action).sort(), ['annual.edit', 'annual.generate', 'annual.regenerate']);
      regionReport = saved;
    });

    test('the workflow: review, comments, return, approval; markers block submission, naming them; deadlines by the clock', async () => {
      let r = unitReport;
      r = await sendAnnualToReview(liaisonA, r.id, r.version);
      assert.equal(r.state, 'review');
      await assert.rejects(updateAnnualReport(liaisonA, r.id, editOf(r)), code('CONFLICT'), 'no edits during review');
      await assert.rejects(approveAnnualReport(liaisonA, r.id, r.version, null), code('FORBIDDEN'));
      const target = r.blocks.find((b) => b.type === 'paragraph')!;
      r = await addAnnualComment(leader, r.id, { blockId: target.id, text: '请补充审核文件的目录。' });
      assert.equal(r.comments.length, 1);
      const inbox = await listMyNotifications(liaisonA, { page: 1, pageSize: 50 });
      assert.ok(inbox.items.some((n) => n.kind === 'annual' && n.title.includes('新的审核意见')));
      r = await returnAnnualReport(leader, r.id, r.version, '请补充第一责任人履职情况');
      assert.equal(r.state, 'draft');
      assert.equal(r.events.at(-1)!.note, '请补充第一责任人履职情况');
      r = await resolveAnnualComment(liaisonA, r.id, r.comments[0]!.id);
      assert.equal(r.comments[0]!.resolved, true);
      r = await sendAnnualToReview(liaisonA, r.id, r.version);
      r = await approveAnnualReport(office, r.id, r.version, '同意');
      assert.equal(r.state, 'approved');
      // submitting with markers left: refused, each named with its heading
      const marks = r.markerList;
      assert.ok(marks.length >= 1);
      await assert.rejects(submitAnnualReport(liaisonA, r.id, { version: r.version, recipients: ['party_committee', 'government'] }), (e: unknown) => {
        const err = e as { code: string; message: string; details: { field: string; message: string }[] };
        return err.code === 'UNPROCESSABLE' && err.message.includes('待补充') && err.details.length === marks.length && err.details.every((x, i) => x.field === `blocks.${marks[i]!.blockId}`);
      });
      // the office sends it back for the missing parts; the unit fills them in; reviewed and approved again
      at('2027-02-20T02:00:00Z');
      const reopened = await returnAnnualReport(office, r.id, r.version, '请补充待补充的内容');
      assert.equal(reopened.state, 'draft');
      r = await updateAnnualReport(liaisonA, reopened.id, editOf(reopened, filled(reopened)));
      assert.equal(r.markers, 0);
      r = await sendAnnualToReview(liaisonA, r.id, r.version);
      r = await approveAnnualReport(office, r.id, r.version, null);
      r = await submitAnnualReport(liaisonA, r.id, { version: r.version, recipients: ['party_committee', 'government', 'office'] });
      assert.equal(r.state, 'submitted');
      assert.deepEqual(r.recipients, ['party_committee', 'government', 'office']);
      assert.match(r.events.at(-1)!.note!, /^报送县委、县政府、依法治县办$/);
      const board = await annualBoard(office, { regionId: county.region.id, year: 2026 });
      const rowA = board.rows.find((x) => x.unitId === county.unitA.id)!;
      assert.deepEqual([rowA.state, rowA.submit, rowA.publish], ['submitted', 'on_time', 'pending']);
      const rowB = board.rows.find((x) => x.unitId === county.unitB.id)!;
      assert.deepEqual([rowB.reportId, rowB.stateLabel, rowB.submit], [null, '未起草', 'pending']);
      assert.equal(board.totals.expected, 3, 'the region and its two units');
      assert.equal(board.totals.submittedOnTime, 1);
      await assert.rejects(annualBoard(liaisonA, { regionId: county.region.id, year: 2026 }), code('NOT_FOUND'));
      // past the deadline, B has nothing: overdue
      at('2027-03-02T02:00:00Z');
      const later = await annualBoard(leader, { regionId: county.region.id, year: 2026 });
      assert.equal(later.rows.find((x) => x.unitId === county.unitB.id)!.submit, 'overdue');
      assert.equal(later.totals.submitRate, 33.3);
      unitReport = r;
    });

    test('publishing: refused with markers, then a frozen public copy; a correction is a new copy with a note, the old one stays', async () => {
      let r = unitReport;
      r = await publishAnnualReport(office, r.id, { version: r.version });
      assert.equal(r.state, 'published');
      assert.equal(r.publications, 1);
      await assert.rejects(publishAnnualReport(liaisonA, r.id, { version: r.version }), code('FORBIDDEN'));
      const pub = await portalReport(sys, r.id);
      assert.equal(pub.no, 1);
      assert.equal(pub.title, r.title);
      assert.ok(pub.blocks.some((b) => b.text?.includes(NARRATIVE.t1)));
      assert.ok(!JSON.stringify(pub).includes('"sources"'), 'no internal links on the public copy');
      assert.deepEqual(pub.blocks.filter((b) => b.type === 'heading' && b.level === 1).map((b) => b.number), ['一、', '二、', '三、', '四、']);
      // search finds it by a word inside its text
      const hits = await portalSearch(sys, { q: '合法性审核', page: 1, pageSize: 20 });
      assert.deepEqual(hits.items.map((x) => x.reportId), [r.id]);
      assert.ok(hits.items[0]!.snippet.includes('合法性审核'), hits.items[0]!.snippet);
      assert.equal((await portalSearch(sys, { q: '未经审核的内容', page: 1, pageSize: 20 })).total, 0);
      // nothing changes silently: editing a published report is refused
      await assert.rejects(updateAnnualReport(liaisonA, r.id, editOf(r)), code('CONFLICT'));
      // a correction
      at('2027-03-10T02:00:00Z');
      r = await reviseAnnualReport(office, r.id, r.version, '培训人数有误');
      assert.equal(r.state, 'draft');
      assert.equal((await portalReport(sys, r.id)).no, 1, 'the public copy stays until the correction is published');
      const b4 = r.blocks.find((b) => b.text?.includes('86人'))!;
      r = await updateAnnualReport(liaisonA, r.id, editOf(r, r.blocks.map((b) => (b.id === b4.id ? { ...b, text: b.text!.replace('86人', '96人') } : b))));
      r = await sendAnnualToReview(liaisonA, r.id, r.version);
      r = await approveAnnualReport(office, r.id, r.version, null);
      assert.equal(r.can.publish, true, 'already submitted: goes straight to publication');
      await assert.rejects(publishAnnualReport(office, r.id, { version: r.version }), (e: unknown) => code('VALIDATION')(e) && (e as { details: { field: string }[] }).details[0]!.field === 'correctionNote');
      r = await publishAnnualReport(office, r.id, { version: r.version, correctionNote: '更正培训人数（86人更正为96人）' });
      assert.equal(r.publications, 2);
      const now = await portalReport(sys, r.id);
      assert.deepEqual([now.no, now.latestNo, now.correctionNote], [2, 2, '更正培训人数（86人更正为96人）']);
      assert.deepEqual(now.versions.map((v) => v.no), [1, 2]);
      const old = await portalReport(sys, r.id, 1);
      assert.ok(old.blocks.some((b) => b.text?.includes('86人')), 'the first copy is still there, unchanged');
      assert.equal((await portalSearch(sys, { q: '96人', page: 1, pageSize: 20 })).total, 1);
      assert.equal((await portalSearch(sys, { q: '首期培训', page: 1, pageSize: 20 })).items[0]!.no, 2, 'search shows the current copy only');
      const feed = await portalFeed(sys, { baseUrl: 'https://fazhi.example.gov.cn' });
      assert.equal((feed.match(/<entry>/g) ?? []).length, 2, 'the publication and its correction');
      assert.ok(feed.includes(`https://fazhi.example.gov.cn/portal/reports/${r.id}/v/2`));
      assert.ok(!feed.includes(regionReport.title), 'the region’s draft is not in the feed');
      // the region's draft is not on the portal
      await assert.rejects(portalReport(sys, regionReport.id), code('NOT_FOUND'));
      unitReport = r;
    });

    test('the Word file, read back: A4 and the 版心, 小标宋 title, 仿宋 body, 黑体/楷体 headings, 28 × 22, page numbers, font fallbacks', async () => {
      const f = await annualDocx(office, regionReport.id);
      assert.equal(f.fileName, '年报县人民政府2026年法治政府建设情况报告（草稿）.docx');
      const zip = await JSZip.loadAsync(f.data);
      const xml = await zip.file('word/document.xml')!.async('string');
      assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/, 'A4');
      assert.match(xml, /<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/, '天头 37 mm, 订口 28 mm: the 156 × 225 mm 版心');
      // the paragraphs: text, east-Asian font, size, line rule
      const paras = [...xml.matchAll(/<w:p>(.*?)<\/w:p>|<w:p [^>]*>(.*?)<\/w:p>/g)].map((m) => {
        const p = m[1] ?? m[2] ?? '';
        return { text: [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''), fonts: [...new Set([...p.matchAll(/w:eastAsia="([^"]+)"/g)].map((x) => x[1]))], sizes: [...new Set([...p.matchAll(/<w:sz w:val="(\d+)"\/>/g)].map((x) => Number(x[1])))], xml: p };
      });
      const find = (t: string) => paras.find((p) => p.text === t || p.text.startsWith(t)) ?? assert.fail(`no paragraph ${t}`);
      const title = paras.filter((p) => p.fonts.includes('方正小标宋简体'));
      assert.equal(title.map((p) => p.text).join(''), regionReport.title, 'the title, in balanced lines');
      assert.ok(title.every((p) => p.sizes.includes(44) && p.xml.includes('w:jc w:val="center"')), '二号, centered');
      const h1 = find('一、2026年推进法治政府建设的主要举措和成效');
      assert.deepEqual([h1.fonts, h1.sizes], [['黑体'], [32]]);
      assert.deepEqual(['二、存在的不足和原因', '三、党政主要负责人履行推进法治建设第一责任人职责情况', '四、2027年推进法治政府建设的主要安排'].map((t) => find(t).fonts), [['黑体'], ['黑体'], ['黑体']]);
      const h2 = find('（一）健全依法行政制度体系');
      assert.deepEqual([h2.fonts, h2.sizes], [['楷体_GB2312'], [32]]);
      assert.ok(find('（三）主要指标完成情况'));
      const body = find('年报县甲局牵头推进「全面推行');
      assert.deepEqual([body.fonts, body.sizes], [['仿宋_GB2312'], [32]]);
      assert.match(body.xml, /<w:spacing w:line="579" w:lineRule="exact"\/>/, '22 lines to the page');
      assert.match(body.xml, /<w:ind w:firstLine="640"\/>/, '首行缩进二字');
      assert.ok(body.xml.includes(`<w:spacing w:val="${BODY_TRACKING}"/>`) && BODY_TRACKING < 0, '28 characters to the line');
      assert.ok(find('1.「持续开展领导干部学法用法活动」：长期坚持。'), 'list items numbered');
      assert.ok(!paras.some((p) => p.text.startsWith('附件')), 'a short report has no annex');
      assert.match(xml, /<w:tbl>.*合法性审核率.*不低于100%.*已达到.*<\/w:tbl>/s, 'the targets table');
      assert.ok(paras.some((p) => p.text === '2027年3月10日'), 'the date of a draft is today (the clock)');
      const fonts = await zip.file('word/fontTable.xml')!.async('string');
      for (const [name, alt] of [['仿宋_GB2312', '仿宋'], ['楷体_GB2312', '楷体'], ['方正小标宋简体', '宋体']]) assert.ok(fonts.includes(`<w:font w:name="${name}"><w:altName w:val="${alt}"/>`), `fallback ${name} → ${alt}`);
      assert.match(await zip.file('word/settings.xml')!.async('string'), /<w:evenAndOddHeaders\/>/);
      const parts = await Promise.all(Object.keys(zip.files).filter((n) => /^word\/(footer|header)\d+\.xml$/.test(n)).map(async (n) => [n, await zip.file(n)!.async('string')] as const));
      assert.ok(parts.some(([n, x]) => n.includes('footer') && x.includes('— ') && x.includes('PAGE') && x.includes(' —')), 'page numbers — 1 —');
      assert.ok(parts.some(([n, x]) => n.includes('header') && x.includes('草稿（未报送）')), 'a draft says so');
      // the public copy: no draft mark, signed by the unit on its publication day
      const pub = await portalDocx(sys, unitReport.id);
      const pz = await JSZip.loadAsync(pub.data);
      const pxml = await pz.file('word/document.xml')!.async('string');
      assert.ok(pxml.includes('年报县甲局') && pxml.includes('2027年3月10日'));
      const headers = await Promise.all(Object.keys(pz.files).filter((n) => /^word\/header\d+\.xml$/.test(n)).map((n) => pz.file(n)!.async('string')));
      assert.ok(!headers.some((x) => x.includes('草稿')), 'no draft mark on a published copy');
    });

    test('publishing the region’s report refuses its markers by name', async () => {
      let r = await getAnnualReport(office, regionReport.id);
      r = await sendAnnualToReview(office, r.id, r.version);
      r = await approveAnnualReport(leader, r.id, r.version, null);
      await assert.rejects(submitAnnualReport(office, r.id, { version: r.version, recipients: ['party_committee'] }), (e: unknown) => code('UNPROCESSABLE')(e) && /三、/.test((e as Error).message));
      await assert.rejects(publishAnnualReport(office, r.id, { version: r.version }), code('CONFLICT'), 'not submitted yet');
    });

    test('deadline reminders: on the days set before 3月1日 and after it, once each, to the units not done', async () => {
      const cfg = await updateAnnualSettings(office, county.region.id, { version: 0, submitDue: '03-01', publishDue: '04-01', remindDays: [7, 1] });
      assert.deepEqual(cfg.remindDays, [7, 1]);
      const deps = { db: h.db, clock };
      at('2027-02-22T01:00:00Z'); // 7 days before 3月1日
      const first = await runAnnualDay(deps, county.region.id, '2027-02-22');
      assert.equal(first.ran, true);
      // the region (office) and B (no report) are reminded; A has submitted
      assert.equal(first.summary!.reminded, 2);
      assert.equal((await runAnnualDay(deps, county.region.id, '2027-02-22')).ran, false, 'a day runs once');
      const bInbox = await listMyNotifications(liaisonB, { page: 1, pageSize: 50 });
      const bReminders = bInbox.items.filter((n) => n.title.includes('年度报告提醒'));
      assert.equal(bReminders.length, 1);
      assert.ok(bReminders[0]!.title.includes('还有7天报送截止'));
      const aInbox = await listMyNotifications(liaisonA, { page: 1, pageSize: 50 });
      assert.ok(!aInbox.items.some((n) => n.title.includes('年度报告提醒')), 'A submitted: not reminded');
      at('2027-03-02T01:00:00Z');
      await catchUpAnnual(deps);
      const overdue = (await listMyNotifications(liaisonB, { page: 1, pageSize: 50 })).items.filter((n) => n.title.includes('年度报告逾期'));
      assert.equal(overdue.length, 1);
      assert.ok(overdue[0]!.title.includes('未按时报送'));
      assert.ok((await listMyNotifications(office, { page: 1, pageSize: 50 })).items.some((n) => n.title.startsWith('【年度报告逾期】年报县乙局')), 'the office hears of it too');
      await catchUpAnnual(deps);
      assert.equal((await listMyNotifications(liaisonB, { page: 1, pageSize: 50 })).items.filter((n) => n.title.includes('年度报告逾期')).length, 1, 'nothing twice');
      await assert.rejects(updateAnnualSettings(liaisonA, county.region.id, { version: 1, submitDue: '03-01', publishDue: '04-01', remindDays: [3] }), code('NOT_FOUND'));
      await assert.rejects(updateAnnualSettings(office, county.region.id, { version: 1, submitDue: '04-02', publishDue: '04-01', remindDays: [3] }), code('VALIDATION'));
    });

    test('二 lists the inspection problems not 销号 by the year\'s end, each linking to the problem; one closed in the year is left out', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'fazhi-annual-blobs-'));
      try {
        const blobs = new LocalBlobStore(dir);
        const inspector = { ...(await ctxAs(sys, county.inspector.id)), blobs };
        const unitB = { ...liaisonB, blobs };
        const planId = (await listPlans(sys, county.region.id))[0]!.id;
        at('2026-05-10T02:00:00Z');
        const plan = await createInspectionPlan(office, { title: '2026年法治政府建设督察', year: 2026, planId, startsOn: '2026-05-01', endsOn: '2026-06-30', visits: [{ unitId: county.unitB.id, scheduledOn: '2026-05-10', inspectorIds: [county.inspector.id], taskIds: [tasks[2]!], headingIds: [] }] });
        const visit = plan.visits[0]!;
        const open = await addProblem(inspector, visit.id, { checklistKey: tasks[2]!, description: '案卷评查未覆盖全部执法类别。', requirement: '8月底前完成全部类别的评查。', deadline: '2026-08-31' });
        const closed = await addProblem(inspector, visit.id, { description: '执法公示栏信息陈旧。', requirement: '更新公示栏。', deadline: '2026-06-30' });
        const lateClosed = await addProblem(inspector, visit.id, { description: '执法人员培训记录不全。', requirement: '补齐培训记录。', deadline: '2026-12-31' });
        const rec = await recordVisit(inspector, visit.id, { version: visit.version, visitedOn: '2026-05-10', summary: '查阅案卷。', results: { [tasks[2]!]: { result: 'problem', note: '' } } });
        const file = async () => (await uploadEvidence(unitB, { unitId: county.unitB.id, fileName: '整改材料.pdf', stream: Readable.from([Buffer.from('%PDF-1.4\n%%EOF\n')]) })).uploadId;
        // one rectified and 销号 within the year; one rectified in December but closed only in January
        at('2026-06-20T02:00:00Z');
        const c1 = await rectifyProblem(unitB, closed.id, { version: (await getProblem(unitB, closed.id)).version, rectification: '已更新公示栏。', uploadIds: [await file()] });
        await closeProblem(inspector, closed.id, c1.version, '整改到位，销号。');
        at('2026-12-20T02:00:00Z');
        const c3 = await rectifyProblem(unitB, lateClosed.id, { version: (await getProblem(unitB, lateClosed.id)).version, rectification: '已补齐培训记录。', uploadIds: [await file()] });
        at('2027-01-08T02:00:00Z');
        await closeProblem(inspector, lateClosed.id, c3.version, '核查属实，销号。');

        at('2027-03-10T02:00:00Z');
        const r = await generateAnnualReport(liaisonB, { regionId: county.region.id, unitId: county.unitB.id, year: 2026 });
        const list = r.blocks.find((b) => b.section === 'problems' && b.type === 'list' && b.sources.some((x) => x.kind === 'problem'))!;
        assert.ok(list, 'a list of the open inspection problems under 二');
        assert.deepEqual(list.sources.map((x) => [x.kind, x.id, x.link]), [
          ['problem', open.id, `/inspection/problems/${open.id}`],
          ['problem', lateClosed.id, `/inspection/problems/${lateClosed.id}`],
        ]);
        assert.deepEqual(list.items, [
          `问题清单 ${rec.listNumber} 第1项，案卷评查未覆盖全部执法类别（整改期限2026年8月31日，已逾期未整改）。`,
          `问题清单 ${rec.listNumber} 第3项，执法人员培训记录不全（已提交整改报告，待核查销号）。`,
        ]);
        const text = textOf(r);
        assert.ok(text.includes('督察发现的问题中，截至2026年12月31日尚有2个未整改销号，其中1个已超过整改期限'), text);
        assert.ok(!text.includes('执法公示栏信息陈旧'), 'closed within the year: not a shortcoming');
        // another unit's draft does not carry B's problems; the region's names the unit
        const region = (await regionsRepo.findById(h.db, county.region.id))!;
        const draftText = (d: Awaited<ReturnType<typeof composeDraft>>) => d.blocks.flatMap((b) => [b.text ?? '', ...(b.items ?? [])]).join('\n');
        assert.ok(!draftText(await composeDraft(h.db, { region, unit: (await unitsRepo.findById(h.db, county.unitA.id))!, year: 2026, today: '2027-03-10' })).includes('案卷评查未覆盖'));
        const whole = draftText(await composeDraft(h.db, { region, unit: null, year: 2026, today: '2027-03-10' }));
        assert.ok(whole.includes(`年报县乙局：问题清单 ${rec.listNumber} 第1项，案卷评查未覆盖全部执法类别`), whole);
        // a year before the problems were found: nothing of them
        assert.ok(!draftText(await composeDraft(h.db, { region, unit: null, year: 2025, today: '2027-03-10' })).includes('案卷评查未覆盖'));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('many late tasks: summed up by chapter and by lead unit in the text, listed in full in annexes laid out after the signature', async () => {
      const city = await makeCounty(sys, '清单市');
      const [a, b] = [city.unitA.name, city.unitB.name];
      const task = (n: number, what: string, lead: string) => `${n}.${what}。（牵头单位：${lead}）（完成时限：2026年6月底前）`;
      const text = [
        '清单市法治政府建设实施方案（2026—2027年）',
        '一、健全依法行政制度体系',
        task(1, '全面推行行政规范性文件合法性审核', a), task(2, '建立行政规范性文件清理长效机制', a), task(3, '推进政府立法协商', a), task(4, '健全备案审查衔接联动机制', a),
        '二、健全行政执法工作体系',
        task(5, '推进行政执法案卷评查', b), task(6, '落实行政执法三项制度', a), task(7, '开展行政执法人员资格清理', b),
        '三、健全行政权力制约监督体系',
        task(8, '加强政务诚信建设', a), task(9, '推进政务公开标准化', b),
      ].join('\n');
      const cityPlan = await importPlanText(sys, city.region.id, text);
      // unit A reports progress on the four tasks of chapter 一 (still unfinished: they stay overdue)
      const cityTasks = (await getPlan(sys, cityPlan)).tasks.map((t) => t.id);
      const q2 = (await periodsRepo.ofPlan(h.db, cityPlan)).find((p) => p.key === '2026Q2')!.id;
      at('2026-07-03T02:00:00Z');
      const [cityLiaison, cityOffice] = [await ctxAs(sys, city.liaison.id), await ctxAs(sys, city.office.id)];
      for (const [i, taskId] of cityTasks.slice(0, 4).entries()) {
        const saved = await saveReport(cityLiaison, { taskId, periodId: q2, narrative: `完成第${i + 1}项工作的调研和方案起草。`, completion: 'in_progress', percent: 30 + i });
        const sent = await submitReport(cityLiaison, saved.id!, saved.version);
        await acceptReport(cityOffice, sent.id!, sent.version);
      }
      at('2027-01-10T02:00:00Z');
      const region = (await regionsRepo.findById(h.db, city.region.id))!;
      const d = await composeDraft(h.db, { region, unit: null, year: 2026, today: '2027-01-10' });
      assert.ok(d.blocks[0]!.text!.includes('全市法治政府建设任务9项'), d.blocks[0]!.text);
      const problems = d.blocks.filter((x) => x.section === 'problems');
      const summary = problems.find((x) => x.text?.includes('滞后或逾期未完成'))!;
      assert.equal(
        summary.text,
        `按照序时进度，截至2026年12月31日，《清单市法治政府建设实施方案》中有9项任务滞后或逾期未完成，其中滞后0项、逾期未完成9项。从分布看，健全依法行政制度体系方面4项，健全行政执法工作体系方面3项，健全行政权力制约监督体系方面2项；牵头任务滞后或逾期较多的单位是${a}6项、${b}3项。具体任务见附件2。`,
      );
      assert.equal(summary.sources.filter((x) => x.kind === 'task').length, 9, 'the summary still links every task');
      assert.ok(!problems.some((x) => x.type === 'list' && x.items!.some((i) => i.includes('政务诚信'))), 'the tasks are not listed in the text');
      // 四: a paragraph per chapter naming a few tasks, the whole list in 附件2
      const plans = d.blocks.filter((x) => x.section === 'plans');
      assert.deepEqual(plans.filter((x) => x.type === 'heading' && x.level === 2).map((x) => x.text), ['健全依法行政制度体系', '健全行政执法工作体系', '健全行政权力制约监督体系']);
      assert.ok(plans[1]!.text!.startsWith('2027年，清单市人民政府将继续推进9项法治政府建设任务，其中长期坚持0项，2027年及以后到期0项，已逾期需抓紧完成9项，具体任务见附件3。'), plans[1]!.text);
      assert.equal(plans[3]!.text, '继续推进4项任务，其中4项须在2027年内完成或已逾期，包括「全面推行行政规范性文件合法性审核」、「建立行政规范性文件清理长效机制」、「推进政府立法协商」等。');
      // 一: a chapter with more reported tasks than are quoted is summed up, the rest pointed to the annex
      const ach = d.blocks.filter((x) => x.section === 'achievements' && x.type === 'paragraph').map((x) => x.text);
      assert.deepEqual(ach, [
        '该部分4项任务中，逾期未完成4项；全年有4项任务的进展经审核通过，主要是：',
        `${a}牵头推进「全面推行行政规范性文件合法性审核」，完成第1项工作的调研和方案起草。`,
        `${a}牵头推进「建立行政规范性文件清理长效机制」，完成第2项工作的调研和方案起草。`,
        `${a}牵头推进「推进政府立法协商」，完成第3项工作的调研和方案起草。`,
        '其余1项任务的推进情况见附件1。',
      ]);
      // the annexes: numbered 附件1, 附件2, each a table with the plan's numbering
      const annex = d.blocks.filter((x) => x.section === 'annex');
      const numbers = headingNumbers(d.blocks);
      assert.deepEqual(
        d.blocks.flatMap((x, i) => (x.section === 'annex' && x.type === 'heading' ? [`${numbers[i]}${x.text}`] : [])),
        ['附件1　2026年任务推进情况表', '附件2　滞后和逾期未完成任务清单', '附件3　2027年继续推进的任务清单'],
      );
      const [progress, late, next] = annex.filter((x) => x.type === 'table');
      assert.deepEqual(progress!.rows![4], ['4', '一.4', '健全备案审查衔接联动机制', a, '逾期', '完成第4项工作的调研和方案起草。']);
      assert.deepEqual(late!.rows![0], ['序号', '方案条目', '任务', '牵头单位', '状态']);
      assert.deepEqual(late!.rows![1], ['1', '一.1', '全面推行行政规范性文件合法性审核', a, '逾期']);
      assert.equal(late!.rows!.length, 10);
      assert.deepEqual(next!.rows![9]!.slice(0, 4), ['9', '三.9', '推进政务公开标准化', b]);
      assert.match(next!.rows![9]![4]!, /^已逾期（原定2026年6月30日前完成）/);
      // the Word file: 附件说明 under the body, the signature, then each annex on a new page
      const docx = await writeAnnualReportDocx({ title: d.title, author: '清单市人民政府', date: '2027-01-10', blocks: d.blocks, draft: true });
      const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
      const paras = [...xml.matchAll(/<w:p>(.*?)<\/w:p>|<w:p [^>]*>(.*?)<\/w:p>/g)].map((m) => ({ xml: m[1] ?? m[2] ?? '', text: [...(m[1] ?? m[2] ?? '').matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('') }));
      const line = (t: string) => paras.findIndex((p) => p.text === t);
      const note = line('附件：1．2026年任务推进情况表');
      assert.ok(note > 0 && line('2．滞后和逾期未完成任务清单') === note + 1 && line('3．2027年继续推进的任务清单') === note + 2, '附件说明, one line a 附件');
      assert.ok(note < line('清单市人民政府') && line('清单市人民政府') < line('附件1'), 'the annexes come after the signature');
      assert.ok(['附件1', '附件2', '附件3'].every((k) => paras[line(k)]!.xml.includes('<w:pageBreakBefore/>')), 'each annex on a new page');
      assert.ok(paras.some((p) => p.text === '滞后和逾期未完成任务清单' && p.xml.includes('方正小标宋简体')), 'the annex title as a title');
      assert.ok(!paras.some((p) => p.text.startsWith('五、')), 'an annex is not a fifth section');
      assert.equal((xml.match(/<w:tbl>/g) ?? []).length, 3);
      // the published copy keeps its annexes: the public Word file lays them out after the signature too
      const cityLeader = await ctxAs(sys, city.leader.id);
      let rep = await generateAnnualReport(cityOffice, { regionId: city.region.id, year: 2026 });
      rep = await updateAnnualReport(cityOffice, rep.id, editOf(rep, filled(rep)));
      rep = await sendAnnualToReview(cityOffice, rep.id, rep.version);
      rep = await approveAnnualReport(cityLeader, rep.id, rep.version, null);
      rep = await submitAnnualReport(cityOffice, rep.id, { version: rep.version, recipients: ['party_committee'] });
      rep = await publishAnnualReport(cityOffice, rep.id, { version: rep.version });
      const publicCopy = await portalReport(sys, rep.id);
      assert.deepEqual(publicCopy.blocks.filter((x) => x.section === 'annex' && x.type === 'heading').map((x) => x.number), ['附件1　', '附件2　', '附件3　']);
      const pub = await (await JSZip.loadAsync((await portalDocx(sys, rep.id)).data)).file('word/document.xml')!.async('string');
      const pubParas = [...pub.matchAll(/<w:p>(.*?)<\/w:p>|<w:p [^>]*>(.*?)<\/w:p>/g)].map((m) => [...(m[1] ?? m[2] ?? '').matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
      assert.ok(pubParas.indexOf('附件：1．2026年任务推进情况表') > 0 && pubParas.indexOf('清单市人民政府') < pubParas.indexOf('附件1'), 'the public copy: 附件说明, signature, then the annexes');
    });

    test('the targets table reads the metrics series: a later value the office enters, with its source, is the one reported', async () => {
      at('2027-01-10T02:00:00Z');
      const region = (await regionsRepo.findById(h.db, county.region.id))!;
      const target = (await plansRepo.targetsOfTasks(h.db, [tasks[0]!]))[0]!;
      const entered = await enterMetricValue(office, target.id, { periodLabel: '2026年', periodDate: '2026-12-31', value: 98, source: '县司法局2026年规范性文件审核台账' });
      const office2026 = entered.series.find((v) => v.kind === 'office')!;
      const d = await composeDraft(h.db, { region, unit: null, year: 2026, today: '2027-01-10' });
      const table = d.blocks.find((b) => b.type === 'table')!;
      assert.deepEqual(table.rows![1], ['合法性审核率', '不低于100%', '98%', '未达到'], 'the office’s year-end figure outranks the Q3 report');
      assert.ok(table.sources.some((s) => s.kind === 'metric_value' && s.id === office2026.id && s.label.includes('县司法局2026年规范性文件审核台账')));
      assert.equal(d.facts.targetsMet, 0);
      // a value of another year does not stand for this one
      const d2025 = await composeDraft(h.db, { region, unit: null, year: 2027, today: '2027-01-10' });
      assert.ok(!d2025.blocks.some((b) => b.type === 'table' && b.rows!.some((r) => r.includes('98%'))));
    });
  });
}
