import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { DIALECTS, type TestDb } from '../../test/db.ts';
import { ctxAs, makeCounty, makeUnit, makeUser, systemCtx } from '../../test/factories.ts';
import { LocalBlobStore } from '../db/blob-store.ts';
import { auditRepo } from '../db/repositories/audit.ts';
import { FixedClock } from '../shared/clock.ts';
import type { ServiceContext } from './context.ts';
import { uploadEvidence } from './evidence.ts';
import { catchUpInspections, runInspectionDay } from './inspections-escalation.ts';
import { addProblem, closeProblem, deleteProblem, exportProblemsDocx, exportProblemsXlsx, getProblem, listProblems, openInspectionFile, rectifyProblem, returnProblem, unrectifiedProblems, uploadVisitFile } from './inspections-problems.ts';
import { createInspectionPlan, getInspectionPlan, getVisit, inspectionCoverage, inspectionScope, listInspectionPlans, listInspectors, recordVisit, updateInspectionPlan } from './inspections.ts';
import { listMyNotifications } from './notifications.ts';
import { commitImport, uploadPlan } from './plan-import.ts';
import { getPlan } from './plans.ts';

const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;
const stream = (b: Buffer | string) => Readable.from([Buffer.from(b)]);
// a small PNG: the photo an inspector takes
const PNG = Buffer.from('89504e470d0a1a0a0000000d494844520000003000000024080200000040272e5d000000444944415478daedd5c10900200c03c00ed6211cdbb11cc1168a201ce49ddc2f912bafd9854cf50410101010105013f472acd2030404040404d405797b20202020a0cf41070f541eea093dfbbe0000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const PLAN = `督察县法治政府建设实施方案（2021—2025年）
一、依法全面履行政府职能
1.全面实行政府权责清单制度，动态调整权责清单。（牵头单位：督察县甲局；责任单位：督察县乙局）（完成时限：2025年12月底前）
2.持续优化法治化营商环境。（牵头单位：督察县甲局）（完成时限：长期坚持）
二、严格规范公正文明执法
3.全面推行行政执法“三项制度”。（牵头单位：督察县乙局）（完成时限：2025年12月底前）
4.开展行政执法案卷评查。（牵头单位：督察县丙局；责任单位：督察县甲局）（完成时限：2025年12月底前）
`;

for (const dialect of DIALECTS) {
  describe(`督察: plan → finding → rectification → 销号 → overdue escalation (${dialect.name})`, () => {
    let h: TestDb;
    let dir: string;
    let clock: FixedClock;
    let sys: ServiceContext;
    let office: ServiceContext;
    let inspector: ServiceContext;
    let otherInspector: ServiceContext;
    let liaisonA: ServiceContext;
    let liaisonB: ServiceContext;
    let leader: ServiceContext;
    let otherOffice: ServiceContext;
    let county: Awaited<ReturnType<typeof makeCounty>>;
    let unitC: string;
    let planId: string;
    let tasks: string[];
    let chapters: { id: string; title: string }[];

    before(async () => {
      h = await dialect.open();
      dir = mkdtempSync(join(tmpdir(), 'fazhi-blobs-'));
      clock = new FixedClock('2025-03-03T02:00:00Z');
      sys = { ...systemCtx(h.db, clock), blobs: new LocalBlobStore(dir), uploadLimitBytes: 1024 * 1024 };
      county = await makeCounty(sys, '督察县');
      unitC = (await makeUnit(sys, county.region.id, { name: '督察县丙局' })).id;
      const lb = await makeUser(sys, { role: 'liaison', regionId: county.region.id, unitId: county.unitB.id });
      const i2 = await makeUser(sys, { role: 'inspector', regionId: county.region.id, displayName: '王督察' });
      const other = await makeCounty(sys, '别的县');
      [office, inspector, otherInspector, liaisonA, liaisonB, leader, otherOffice] = await Promise.all([
        ctxAs(sys, county.office.id),
        ctxAs(sys, county.inspector.id),
        ctxAs(sys, i2.id),
        ctxAs(sys, county.liaison.id),
        ctxAs(sys, lb.id),
        ctxAs(sys, county.leader.id),
        ctxAs(sys, other.office.id),
      ]);
      const imp = await uploadPlan(sys, { regionId: county.region.id, fileName: 'p.txt', bytes: new TextEncoder().encode(PLAN) });
      planId = (await commitImport(sys, imp.id, {})).planId;
      const p = await getPlan(sys, planId);
      tasks = p.tasks.map((t) => t.id);
      chapters = p.headings.filter((o) => o.parentId === null).map((o) => ({ id: o.id, title: o.title }));
    });
    after(async () => {
      await h.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    test('a plan: units, dates, inspectors and chapters or tasks; each checklist derived from the tasks the unit owns', async () => {
      assert.equal(chapters.length, 2);
      const scope = await inspectionScope(inspector, { planId, unitId: county.unitA.id });
      assert.deepEqual(scope.tasks.map((t) => [t.number, t.role]), [['一.1', 'lead'], ['一.2', 'lead'], ['二.4', 'co']]);
      assert.deepEqual(scope.headings.map((x) => x.taskCount), [2, 1]);
      assert.deepEqual((await listInspectors(office)).map((x) => x.name).sort(), ['王督察', await getInspectorName()].sort());

      const visits = [
        { unitId: county.unitA.id, scheduledOn: '2025-03-10', inspectorIds: [county.inspector.id], taskIds: [tasks[3]!], headingIds: [chapters[0]!.id] },
        { unitId: county.unitB.id, scheduledOn: '2025-03-12', inspectorIds: [county.inspector.id], taskIds: [tasks[2]!], headingIds: [] },
      ];
      // bad input and the wrong people
      await assert.rejects(createInspectionPlan(liaisonA, { title: '2025年督察', year: 2025, planId, startsOn: '2025-03-01', endsOn: '2025-04-30', visits }), code('FORBIDDEN'));
      await assert.rejects(createInspectionPlan(leader, { title: '2025年督察', year: 2025, planId, startsOn: '2025-03-01', endsOn: '2025-04-30', visits }), code('FORBIDDEN'));
      await assert.rejects(createInspectionPlan(office, { title: 'x', year: 2025, planId, startsOn: '2025-03-01', endsOn: '2025-04-30', visits: [{ ...visits[0]!, inspectorIds: [county.leader.id] }] }), code('VALIDATION'), 'a leader is not an inspector');
      await assert.rejects(createInspectionPlan(office, { title: 'x', year: 2025, planId, startsOn: '2025-03-01', endsOn: '2025-04-30', visits: [{ ...visits[1]!, taskIds: [tasks[0]!] }, visits[0]!].slice(0, 1).map((v) => ({ ...v, unitId: unitC })) }), (e: unknown) => code('VALIDATION')(e) && /不由该单位承担/.test((e as Error).message));
      await assert.rejects(createInspectionPlan(office, { title: 'x', year: 2025, planId, startsOn: '2025-03-01', endsOn: '2025-03-05', visits }), code('VALIDATION'), 'a visit outside the plan dates');
      await assert.rejects(createInspectionPlan(office, { title: 'x', year: 2025, planId, startsOn: '2025-03-01', endsOn: '2025-04-30', visits: [visits[0]!, visits[0]!] }), code('VALIDATION'), 'a unit twice');

      const plan = await createInspectionPlan(office, { title: '2025年法治政府建设督察', year: 2025, planId, startsOn: '2025-03-01', endsOn: '2025-04-30', note: '实地督察', visits });
      assert.deepEqual([plan.unitCount, plan.recordedCount, plan.planTitle], [2, 0, '督察县法治政府建设实施方案']);
      const a = plan.visits.find((v) => v.unitId === county.unitA.id)!;
      assert.deepEqual(a.checklist.map((c) => [c.number, c.chapter]), [['一.1', '一、依法全面履行政府职能'], ['一.2', '一、依法全面履行政府职能'], ['二.4', '二、严格规范公正文明执法']]);
      assert.match(a.checklist[2]!.check, /^配合落实情况/);
      assert.deepEqual(a.inspectors.map((x) => x.id), [county.inspector.id]);
      assert.equal(a.canInspect, true, 'the office may record any visit');
      assert.equal((await getVisit(inspector, a.id)).canInspect, true);
      assert.equal((await getVisit(otherInspector, a.id)).canInspect, false);
      // the inspector is told of the visit
      assert.ok((await listMyNotifications(inspector, { page: 1, pageSize: 50 })).items.some((n) => n.kind === 'inspection' && n.title.includes('督察督察县甲局')));
      // the unit does not see a visit that is only planned; another region sees nothing
      await assert.rejects(getVisit(liaisonA, a.id), code('NOT_FOUND'));
      await assert.rejects(getInspectionPlan(otherOffice, plan.id), code('NOT_FOUND'));
      assert.deepEqual((await listInspectionPlans(leader, {})).map((p) => p.title), ['2025年法治政府建设督察']);

      // editing: adding unit C, stale versions refused
      const edited = await updateInspectionPlan(inspector, plan.id, { version: plan.version, title: plan.title, year: 2025, planId, startsOn: '2025-03-01', endsOn: '2025-04-30', note: '', visits: [...visits, { unitId: unitC, scheduledOn: '2025-04-20', inspectorIds: [county.inspector.id, otherInspector.actor.kind === 'user' ? otherInspector.actor.userId : ''], taskIds: [], headingIds: [chapters[1]!.id] }] });
      assert.equal(edited.unitCount, 3);
      assert.deepEqual(edited.visits.find((v) => v.unitId === unitC)!.checklist.map((c) => c.number), ['二.4']);
      await assert.rejects(updateInspectionPlan(inspector, plan.id, { version: plan.version, title: 'x', year: 2025, planId, startsOn: '2025-03-01', endsOn: '2025-04-30', note: '', visits }), code('CONFLICT'));
    });

    async function getInspectorName() {
      return (await listInspectors(office)).find((x) => x.id === county.inspector.id)!.name;
    }

    test('the visit: findings with evidence and photos, recorded as the numbered 问题清单; the unit rectifies with evidence; 销号', async () => {
      clock.set('2025-03-10T06:00:00Z');
      const plan = (await listInspectionPlans(office, {}))[0]!;
      const a = (await getInspectionPlan(office, plan.id)).visits.find((v) => v.unitId === county.unitA.id)!;
      // photos: the visit's inspectors only
      await assert.rejects(uploadVisitFile(otherInspector, a.id, { fileName: 'x.png', stream: stream(PNG) }), code('FORBIDDEN'));
      const photo = await uploadVisitFile(inspector, a.id, { fileName: '现场照片.png', stream: stream(PNG) });
      assert.equal(photo.kind, 'image');
      await assert.rejects(uploadVisitFile(inspector, a.id, { fileName: '假照片.png', stream: stream('not an image') }), code('UNSUPPORTED'));

      await assert.rejects(addProblem(inspector, a.id, { checklistKey: tasks[0]!, description: 'x', requirement: 'y', deadline: '2025-03-10' }), code('VALIDATION'), 'a deadline that is not later than today');
      await assert.rejects(addProblem(otherInspector, a.id, { description: 'x', requirement: 'y', deadline: '2025-04-10' }), code('FORBIDDEN'));
      const p1 = await addProblem(inspector, a.id, { checklistKey: tasks[0]!, description: '权责清单未按机构改革动态调整，仍有3项已取消事项。', evidenceNote: '现场调阅权责清单文本，见照片。', requirement: '立即调整权责清单并在政府网站公布。', deadline: '2025-04-10', uploadIds: [photo.uploadId] });
      assert.equal(p1.state, 'draft');
      assert.deepEqual([p1.taskNumber, p1.findingFiles.map((f) => f.fileName)], ['一.1', ['现场照片.png']]);
      await addProblem(inspector, a.id, { checklistKey: tasks[1]!, description: '营商环境投诉处理台账不完整。', requirement: '补齐台账，建立月度通报。', deadline: '2025-03-20' });
      const p3 = await addProblem(inspector, a.id, { description: '多余的记录', requirement: '删除', deadline: '2025-04-01' });
      await deleteProblem(inspector, p3.id, p3.version);
      // drafts are invisible to the unit
      assert.deepEqual((await listProblems(liaisonA, { page: 1, pageSize: 50 })).items, []);
      await assert.rejects(getProblem(liaisonA, p1.id), code('NOT_FOUND'));

      const results = { [tasks[0]!]: { result: 'problem' as const, note: '' }, [tasks[1]!]: { result: 'problem' as const, note: '' }, [tasks[3]!]: { result: 'ok' as const, note: '配合到位' } };
      await assert.rejects(recordVisit(inspector, a.id, { version: a.version, visitedOn: '2025-03-10', summary: '现场督察', results: { [tasks[0]!]: results[tasks[0]!]! } }), (e: unknown) => code('VALIDATION')(e) && /还有 2 项/.test((e as Error).message));
      await assert.rejects(recordVisit(inspector, a.id, { version: a.version, visitedOn: '2025-03-10', summary: '现场督察', results: { ...results, [tasks[3]!]: { result: 'problem', note: '' } } }), (e: unknown) => code('VALIDATION')(e) && /二\.4/.test((e as Error).message), 'a line flagged without a problem noted');
      await assert.rejects(recordVisit(otherInspector, a.id, { version: a.version, visitedOn: '2025-03-10', summary: '现场督察', results }), code('FORBIDDEN'));
      const rec = await recordVisit(inspector, a.id, { version: a.version, visitedOn: '2025-03-10', summary: '听取汇报、查阅资料、实地查看。', results });
      assert.deepEqual([rec.state, rec.listNumber, rec.problemCount], ['recorded', '督法察〔2025〕1号', 2]);
      await assert.rejects(recordVisit(inspector, a.id, { version: rec.version, visitedOn: '2025-03-10', summary: 'again', results }), code('CONFLICT'));
      await assert.rejects(addProblem(inspector, a.id, { description: 'x', requirement: 'y', deadline: '2025-04-10' }), code('CONFLICT'));

      // the unit sees its 问题清单 and is told; another unit does not see it
      const mine = await listProblems(liaisonA, { page: 1, pageSize: 50 });
      assert.deepEqual(mine.items.map((p) => [p.number, p.stateLabel]), [['督法察〔2025〕1号 第1项', '待整改'], ['督法察〔2025〕1号 第2项', '待整改']]);
      assert.ok((await listMyNotifications(liaisonA, { page: 1, pageSize: 50 })).items.some((n) => n.title === '【督察】问题清单 督法察〔2025〕1号：2 个问题待整改'));
      assert.deepEqual((await listProblems(liaisonB, { page: 1, pageSize: 50 })).items, []);
      await assert.rejects(getProblem(liaisonB, p1.id), code('NOT_FOUND'));
      assert.equal((await getVisit(liaisonA, a.id)).listNumber, '督法察〔2025〕1号');
      // the finding's photo opens for the unit and the inspectors, not for another unit
      assert.equal((await openInspectionFile(liaisonA, photo.uploadId)).mime, 'image/png');
      assert.equal((await openInspectionFile(otherInspector, photo.uploadId)).fileName, '现场照片.png');
      await assert.rejects(openInspectionFile(liaisonB, photo.uploadId), code('NOT_FOUND'));

      // bad input: a rectification report with no evidence is refused
      const cur = await getProblem(liaisonA, p1.id);
      assert.equal(cur.canRectify, true);
      await assert.rejects(rectifyProblem(liaisonA, p1.id, { version: cur.version, rectification: '已调整', uploadIds: [] }), (e: unknown) => code('VALIDATION')(e) && /整改报告须附整改佐证材料/.test((e as Error).message));
      await assert.rejects(rectifyProblem(liaisonB, p1.id, { version: cur.version, rectification: '代交', uploadIds: [] }), code('NOT_FOUND'));
      const bOwn = await uploadEvidence(liaisonB, { unitId: county.unitB.id, fileName: 'b.pdf', stream: stream(PDF) });
      await assert.rejects(rectifyProblem(liaisonA, p1.id, { version: cur.version, rectification: '已调整', uploadIds: [bOwn.uploadId] }), code('VALIDATION'), "another unit's file");
      clock.set('2025-03-25T02:00:00Z');
      const ev = await uploadEvidence(liaisonA, { unitId: county.unitA.id, fileName: '调整后的权责清单.pdf', stream: stream(PDF) });
      const sub = await rectifyProblem(liaisonA, p1.id, { version: cur.version, rectification: '已对权责清单进行动态调整，取消事项已删除并在政府网站公布。', uploadIds: [ev.uploadId] });
      assert.deepEqual([sub.state, sub.rectifiedOn, sub.rectificationFiles.map((f) => f.fileName)], ['submitted', '2025-03-25', ['调整后的权责清单.pdf']]);
      await assert.rejects(rectifyProblem(liaisonA, p1.id, { version: sub.version, rectification: '再交', uploadIds: [ev.uploadId] }), code('CONFLICT'));
      assert.ok((await listMyNotifications(inspector, { page: 1, pageSize: 50 })).items.some((n) => n.title.includes('已提交整改报告')));
      // the inspectors check: returned, rectified again, closed; the unit cannot close
      await assert.rejects(closeProblem(liaisonA, p1.id, sub.version, '自己销号'), code('FORBIDDEN'));
      await assert.rejects(closeProblem(otherInspector, p1.id, sub.version, '不是我督察的'), code('FORBIDDEN'));
      const back = await returnProblem(inspector, p1.id, sub.version, '网站未见公布内容，请补充公布截图。');
      assert.deepEqual([back.state, back.rectifiedOn], ['open', null]);
      const again = await rectifyProblem(liaisonA, p1.id, { version: back.version, rectification: '已在政府网站公布，附截图。', uploadIds: [ev.uploadId, photo.uploadId] });
      assert.equal(again.rectificationFiles.length, 2);
      const closed = await closeProblem(inspector, p1.id, again.version, '经核查，整改到位，予以销号。');
      assert.deepEqual([closed.state, closed.stateLabel, closed.closedOn], ['closed', '已销号', '2025-03-25']);
      assert.deepEqual(closed.events.map((e) => e.actionLabel), ['列入问题清单', '提交整改报告', '退回重新整改', '提交整改报告', '销号']);
      assert.equal((await auditRepo.search(h.db, { entityType: 'inspection_problem', entityId: p1.id, limit: 50, offset: 0 })).total, 5, 'every step is audited');
      await assert.rejects(returnProblem(inspector, p1.id, closed.version, '反悔'), code('CONFLICT'));
      // a recorded unit cannot be removed from the plan
      const detail = await getInspectionPlan(office, plan.id);
      await assert.rejects(updateInspectionPlan(office, plan.id, { version: detail.version, title: detail.title, year: 2025, planId, startsOn: detail.startsOn, endsOn: detail.endsOn, note: '', visits: detail.visits.filter((v) => v.unitId !== county.unitA.id).map((v) => ({ unitId: v.unitId, scheduledOn: v.scheduledOn, inspectorIds: v.inspectors.map((i) => i.id), taskIds: v.taskIds, headingIds: v.headingIds })) }), code('CONFLICT'));
    });

    test('a problem not rectified by its deadline escalates once (the day run stays idempotent) and counts in assessment', async () => {
      const p2 = (await listProblems(office, { page: 1, pageSize: 50, unitId: county.unitA.id })).items.find((p) => p.seq === 2)!;
      assert.equal(p2.deadline, '2025-03-20');
      assert.equal(p2.overdue, true, 'on 2025-03-25 it is past its deadline');
      assert.deepEqual((await listProblems(office, { page: 1, pageSize: 50, overdue: '1' })).items.map((p) => p.id), [p2.id]);
      const deps = { db: h.db, clock };
      // three days before the deadline the unit is reminded, once even if the day is run again later
      assert.deepEqual((await runInspectionDay(deps, county.region.id, '2025-03-17')).summary, { reminders: 1, escalations: 0 });
      assert.equal((await listMyNotifications(liaisonA, { page: 1, pageSize: 100 })).items.filter((n) => n.title === `【督察】问题 ${p2.number} 还有3天到整改期限`).length, 1);
      // on the deadline nothing happens; the day after, it escalates
      assert.deepEqual((await runInspectionDay(deps, county.region.id, '2025-03-20')).summary, { reminders: 0, escalations: 0 });
      assert.deepEqual((await runInspectionDay(deps, county.region.id, '2025-03-21')).summary, { reminders: 0, escalations: 1 });
      assert.deepEqual(await runInspectionDay(deps, county.region.id, '2025-03-21'), { ran: false }, 'a day runs once');
      const later = await catchUpInspections(deps);
      assert.ok(later.every((r) => r.ran && !r.error));
      const esc = await getProblem(office, p2.id);
      assert.ok(esc.escalatedAt);
      assert.deepEqual(esc.events.map((e) => e.actionLabel), ['列入问题清单', '逾期升级']);
      // the office, the unit, the inspectors and the leadership hear of it, once
      for (const who of [office, liaisonA, inspector, leader]) {
        const ns = (await listMyNotifications(who, { page: 1, pageSize: 100 })).items.filter((n) => n.kind === 'escalation' && n.title.includes(p2.number));
        assert.equal(ns.length, 1, `${who.actor.kind === 'user' ? who.actor.role : ''} hears once`);
      }
      // assessment: p2 is unrectified by its deadline; p1 (rectified on time, closed) is not
      assert.deepEqual(await unrectifiedProblems(h.db, { unitId: county.unitA.id, year: 2025, asOf: '2025-03-25' }), [{ id: p2.id }]);
      assert.deepEqual(await unrectifiedProblems(h.db, { unitId: county.unitA.id, year: 2025, asOf: '2025-03-20' }), [], 'not yet due on its deadline');
      assert.deepEqual(await unrectifiedProblems(h.db, { unitId: county.unitA.id, year: 2024, asOf: '2025-03-25' }), []);
      // rectified late: still counts; closing it does not change that
      const sub = await rectifyProblem(liaisonA, p2.id, { version: esc.version, rectification: '已补齐台账。', uploadIds: [(await uploadEvidence(liaisonA, { unitId: county.unitA.id, fileName: '台账.pdf', stream: stream(PDF) })).uploadId] });
      await closeProblem(inspector, p2.id, sub.version, '核查属实，销号。');
      assert.deepEqual(await unrectifiedProblems(h.db, { unitId: county.unitA.id, year: 2025, asOf: '2025-12-31' }), [{ id: p2.id }]);
    });

    test('coverage: which units were inspected in the plan period (2021–2025)', async () => {
      const c = await inspectionCoverage(leader, {});
      assert.deepEqual([c.planId, c.from, c.to], [planId, '2021-01-01', '2025-12-31']);
      assert.deepEqual([c.total, c.covered, c.planned], [3, 1, 2]);
      const byName = new Map(c.units.map((u) => [u.unitName, u]));
      assert.deepEqual([byName.get('督察县甲局')!.visits, byName.get('督察县甲局')!.lastVisitedOn, byName.get('督察县甲局')!.problems, byName.get('督察县甲局')!.openProblems], [1, '2025-03-10', 2, 0]);
      assert.equal(byName.get('督察县丙局')!.plannedOn, '2025-04-20');
      const y = await inspectionCoverage(office, { year: 2024 });
      assert.deepEqual([y.planId, y.from, y.to, y.covered], [null, '2024-01-01', '2024-12-31', 0], 'one year: nothing inspected in 2024');
      assert.equal((await inspectionCoverage(office, { year: 2025 })).covered, 1);
      await assert.rejects(inspectionCoverage(liaisonA, {}), code('NOT_FOUND'));
      await assert.rejects(inspectionCoverage(otherOffice, { regionId: county.region.id }), code('NOT_FOUND'));
    });

    test('exports: the 问题清单 in Excel with exactly the list\'s filters (a liaison gets only its unit), and in Word per visit', async () => {
      // unit B's visit: one problem, left open (clock: 2025-03-25)
      const plan = (await listInspectionPlans(office, {}))[0]!;
      const b = (await getInspectionPlan(office, plan.id)).visits.find((v) => v.unitId === county.unitB.id)!;
      await addProblem(inspector, b.id, { checklistKey: tasks[2]!, description: '行政执法公示信息未及时更新。', requirement: '一个月内更新公示信息并建立更新机制。', deadline: '2025-04-30' });
      const rec = await recordVisit(inspector, b.id, { version: b.version, visitedOn: '2025-03-25', summary: '查阅执法公示平台。', results: { [tasks[2]!]: { result: 'problem', note: '' } } });
      assert.equal(rec.listNumber, '督法察〔2025〕2号');

      const sheet = async (f: { fileName: string; data: Buffer }) => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(f.data as unknown as ArrayBuffer);
        const ws = wb.getWorksheet('问题清单')!;
        const rows: string[][] = [];
        ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
        return { ws, head: rows[0]!, body: rows.slice(1) };
      };
      const numbers = (rows: string[][]) => rows.map((r) => r[1]);
      // every filter of the list, and the export says the same
      const filters = [{}, { unitId: county.unitA.id }, { state: 'open' as const }, { state: 'closed' as const }, { inspectionId: plan.id, year: 2025 }, { visitId: rec.id }, { overdue: '1' as const }];
      for (const f of filters) {
        const shown = (await listProblems(office, { ...f, page: 1, pageSize: 50 })).items.map((p) => p.number);
        const x = await sheet(await exportProblemsXlsx(office, f));
        assert.deepEqual(numbers(x.body), shown, JSON.stringify(f));
      }
      const all = await sheet(await exportProblemsXlsx(office, {}));
      assert.deepEqual(all.head, ['序号', '编号', '被督察单位', '督察计划', '关联任务', '问题描述', '整改要求', '整改时限', '状态', '整改情况', '核查意见']);
      assert.deepEqual(numbers(all.body), ['督法察〔2025〕2号 第1项', '督法察〔2025〕1号 第1项', '督法察〔2025〕1号 第2项']);
      assert.deepEqual(all.body.map((r) => r[8]), ['待整改', '已销号（2025年3月25日）', '已销号（2025年3月25日）']);
      assert.match(all.body[1]![9]!, /已在政府网站公布，附截图。/);
      assert.match(all.body[1]![10]!, /经核查，整改到位，予以销号。/);
      // the house style: frozen header, widths, wrapped text
      assert.deepEqual([all.ws.views[0]?.state, (all.ws.views[0] as { ySplit?: number }).ySplit], ['frozen', 1]);
      assert.equal(all.ws.getColumn(6).width, 40);
      assert.equal(all.ws.getCell('F2').alignment?.wrapText, true);
      assert.match((await exportProblemsXlsx(office, { state: 'open' })).fileName, /^督察县督察问题清单（待整改）\.xlsx$/);

      // a liaison's export holds only its unit's rows, whatever unit it asks for
      const mine = await sheet(await exportProblemsXlsx(liaisonA, {}));
      assert.deepEqual(numbers(mine.body), ['督法察〔2025〕1号 第1项', '督法察〔2025〕1号 第2项']);
      assert.ok(mine.body.every((r) => r[2] === '督察县甲局'));
      assert.deepEqual(numbers((await sheet(await exportProblemsXlsx(liaisonA, { unitId: county.unitB.id }))).body), numbers(mine.body));
      assert.deepEqual(numbers((await sheet(await exportProblemsXlsx(liaisonB, {}))).body), ['督法察〔2025〕2号 第1项']);
      await assert.rejects(exportProblemsXlsx(otherOffice, { regionId: county.region.id }), code('NOT_FOUND'));

      // Word: one 问题清单 a visit, with the unit, each problem's 问题描述, 整改要求, 整改时限, 整改情况, 状态
      const text = async (f: { data: Buffer }) => (await (await JSZip.loadAsync(f.data)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
      const both = await exportProblemsDocx(office, { inspectionId: plan.id });
      const t = await text(both);
      for (const s of ['中共督察县委全面依法治县委员会办公室', '问 题 清 单', '督法察〔2025〕1号', '督法察〔2025〕2号', '被督察单位', '督察县甲局', '督察县乙局', '问题描述', '整改要求', '整改时限', '整改情况', '状态', '行政执法公示信息未及时更新。', '2025年4月30日', '尚未提交整改报告', '已销号（2025年3月25日）']) assert.ok(t.includes(s), s);
      assert.equal((await (await JSZip.loadAsync(both.data)).file('word/document.xml')!.async('string')).match(/<w:sectPr/g)?.length, 2, 'a section a visit');
      const one = await exportProblemsDocx(liaisonB, {});
      assert.equal(one.fileName, '问题清单督法察〔2025〕2号（督察县乙局）.docx');
      const tb = await text(one);
      assert.ok(tb.includes('督察县乙局') && !tb.includes('督察县甲局') && !tb.includes('权责清单'), "a liaison's Word holds only its unit");
      await assert.rejects(exportProblemsDocx(office, { state: 'submitted' }), code('UNPROCESSABLE'));
      await assert.rejects(exportProblemsDocx(otherOffice, { regionId: county.region.id }), code('NOT_FOUND'));
    });
  });
}
