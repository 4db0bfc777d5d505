import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { DIALECTS, type TestDb } from '../../test/db.ts';
import { ctxAs, makeCounty, makeUnit, makeUser, systemCtx } from '../../test/factories.ts';
import { auditRepo } from '../db/repositories/audit.ts';
import { periodsRepo } from '../db/repositories/reports.ts';
import { FixedClock } from '../shared/clock.ts';
import type { UpdateCircularRequest } from '../shared/api/circulars.ts';
import type { Circular } from '../shared/api/circulars.ts';
import { circularDocx, deleteCircular, generateCircular, getCircular, issueCircular, listCirculars, updateCircular } from './circulars.ts';
import type { ServiceContext } from './context.ts';
import { listMyNotifications } from './notifications.ts';
import { commitImport, uploadPlan } from './plan-import.ts';
import { getPlan } from './plans.ts';
import { acceptReport, returnReport, saveReport, submitReport } from './reports.ts';

const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;

const PLAN = `通报县法治政府建设工作要点（2026—2026年）
一、重点任务
1.持续开展领导干部学法用法活动。（牵头单位：通报县甲局）（完成时限：长期坚持）
2.持续推进政务公开工作。（牵头单位：通报县乙局）（完成时限：长期坚持）
3.完善行政规范性文件备案审查制度。（牵头单位：通报县丙局）（完成时限：2026年12月底前）
4.持续开展行政执法案卷评查。（牵头单位：通报县丁局）（完成时限：长期坚持）
`;

/** The editable parts of a circular, as the editor sends them back. */
const editOf = (c: Circular, patch: Partial<UpdateCircularRequest> = {}): UpdateCircularRequest => ({
  version: c.version,
  title: c.title,
  addressee: c.body.addressee,
  opening: c.body.opening,
  sections: c.body.sections.map((s) => ({ key: s.key, paragraphs: s.paragraphs })),
  closing: c.body.closing,
  cc: c.body.cc,
  ...patch,
});

for (const dialect of DIALECTS) {
  describe(`circulars (通报) (${dialect.name})`, () => {
    let h: TestDb;
    let clock: FixedClock;
    let sys: ServiceContext;
    let office: ServiceContext;
    let leader: ServiceContext;
    let inspector: ServiceContext;
    let liaisonA: ServiceContext;
    let liaisonB: ServiceContext;
    let liaisonC: ServiceContext;
    let liaisonD: ServiceContext;
    let otherOffice: ServiceContext;
    let county: Awaited<ReturnType<typeof makeCounty>>;
    let other: Awaited<ReturnType<typeof makeCounty>>;
    let planId: string;
    let otherPlanId: string;
    let q2: string;
    let q3: string;
    let q4: string;
    let tasks: string[];
    let draftId: string;

    const at = (iso: string) => clock.set(iso);
    /** A liaison writes and submits the unit's Q3 report on its task at the given moment. */
    const report = async (ctx: ServiceContext, taskId: string, iso: string) => {
      at(iso);
      const d = await saveReport(ctx, { taskId, periodId: q3, narrative: '本季度按计划推进，已完成阶段性工作。', completion: 'ongoing_done', percent: null });
      return submitReport(ctx, d.id!, d.version);
    };

    before(async () => {
      h = await dialect.open();
      clock = new FixedClock('2026-07-01T02:00:00Z');
      sys = systemCtx(h.db, clock);
      county = await makeCounty(sys, '通报县');
      const unitC = await makeUnit(sys, county.region.id, { name: '通报县丙局' });
      const unitD = await makeUnit(sys, county.region.id, { name: '通报县丁局' });
      const lb = await makeUser(sys, { role: 'liaison', regionId: county.region.id, unitId: county.unitB.id });
      const lc = await makeUser(sys, { role: 'liaison', regionId: county.region.id, unitId: unitC.id });
      const ld = await makeUser(sys, { role: 'liaison', regionId: county.region.id, unitId: unitD.id });
      other = await makeCounty(sys, '别处县');
      office = await ctxAs(sys, county.office.id);
      leader = await ctxAs(sys, county.leader.id);
      inspector = await ctxAs(sys, county.inspector.id);
      liaisonA = await ctxAs(sys, county.liaison.id);
      liaisonB = await ctxAs(sys, lb.id);
      liaisonC = await ctxAs(sys, lc.id);
      liaisonD = await ctxAs(sys, ld.id);
      otherOffice = await ctxAs(sys, other.office.id);
      const imp = await uploadPlan(sys, { regionId: county.region.id, fileName: 'p.txt', bytes: new TextEncoder().encode(PLAN) });
      planId = (await commitImport(sys, imp.id, {})).planId;
      tasks = (await getPlan(sys, planId)).tasks.map((t) => t.id);
      const periods = await periodsRepo.ofPlan(h.db, planId);
      [, q2, q3, q4] = periods.map((p) => p.id) as [string, string, string, string];
      assert.deepEqual(periods.map((p) => [p.key, p.due]).slice(2, 3), [['2026Q3', '2026-10-10']]);
      const otherImp = await uploadPlan(sys, { regionId: other.region.id, fileName: 'o.txt', bytes: new TextEncoder().encode(PLAN.replaceAll('通报县', '别处县').split('\n').slice(0, 4).join('\n')) });
      otherPlanId = (await commitImport(sys, otherImp.id, {})).planId;

      // Q3 (due 10月10日): A on time at 23:30 on the due date (China time); B half an hour after midnight,
      // the next day; C never; D on time, returned, sent again late and accepted
      const a = await report(liaisonA, tasks[0]!, '2026-10-10T15:30:00Z');
      await report(liaisonB, tasks[1]!, '2026-10-10T16:30:00Z');
      const d1 = await report(liaisonD, tasks[3]!, '2026-10-09T02:00:00Z');
      at('2026-10-12T02:00:00Z');
      await acceptReport(office, a.id!, a.version);
      const back = await returnReport(office, d1.id!, d1.version, '佐证材料不全，请补充。');
      at('2026-10-15T02:00:00Z');
      const d2 = await saveReport(liaisonD, { taskId: tasks[3]!, periodId: q3, version: back.version, narrative: '已补充评查记录和通报文件。', completion: 'ongoing_done', percent: null });
      const sent = await submitReport(liaisonD, d2.id!, d2.version);
      await acceptReport(office, sent.id!, sent.version);
      at('2026-11-02T02:00:00Z');
    });
    after(() => h.dispose());

    test('the draft groups the units exactly as the records say, and says nothing the records do not', async () => {
      await assert.rejects(generateCircular(office, { planId, periodId: q4 }), code('VALIDATION'), 'Q4 is not due yet');
      const c = await generateCircular(office, { planId, periodId: q3 });
      draftId = c.id;
      assert.equal(c.state, 'draft');
      assert.equal(c.number, null, 'numbered only when issued');
      assert.equal(c.title, '关于2026年第三季度法治政府建设任务进展报送情况的通报');
      assert.equal(c.issuerOrg, '中共通报县委全面依法治县委员会办公室');
      const group = (key: string) => c.body.sections.find((s) => s.key === key)!.units.map((u) => [u.unitName, u.count]);
      assert.deepEqual(group('on_time'), [['通报县丁局', 1], ['通报县甲局', 1]]);
      assert.deepEqual(group('late'), [['通报县乙局', 1]]);
      assert.deepEqual(group('missing'), [['通报县丙局', 1]]);
      assert.deepEqual(group('returned'), [['通报县丁局', 1]]);
      assert.deepEqual(group('behind'), [['通报县丙局', 1]]);
      assert.equal(c.body.sections.find((s) => s.key === 'behind')!.units[0]!.detail, '一.3「完善行政规范性文件备案审查制度」');
      assert.deepEqual(
        c.body.table.map((r) => [r.unitName, r.due, r.onTime, r.late, r.missing, r.returned, r.accepted, r.behind, r.overdue]),
        [
          ['通报县丙局', 1, 0, 0, 1, 0, 0, 1, 0],
          ['通报县丁局', 1, 1, 0, 0, 1, 1, 0, 0],
          ['通报县甲局', 1, 1, 0, 0, 0, 1, 0, 0],
          ['通报县乙局', 1, 0, 1, 0, 0, 0, 0, 0],
        ],
      );
      const f = c.body.facts;
      assert.deepEqual([f.units, f.reports, f.onTime, f.late, f.missing, f.returned, f.accepted, f.behindTasks, f.overdueTasks, f.due, f.asOf], [4, 4, 2, 1, 1, 1, 2, 1, 0, '2026-10-10', '2026-11-02']);
      const text = c.body.sections.flatMap((s) => s.paragraphs).join('\n');
      assert.ok(text.includes('共有4个单位应报送任务进展4项，报送截止日期为2026年10月10日。截至2026年11月2日，按时报送2项，逾期报送1项，未报送1项；经审核，退回修改1项，审核通过2项。'), text);
      assert.ok(text.includes('在截止日期前报送了本期全部任务进展：通报县丁局、通报县甲局。'));
      assert.ok(text.includes('在截止日期后报送：通报县乙局（1项）。'));
      assert.ok(text.includes('仍有任务进展未报送：通报县丙局（1项）。'));
      assert.ok(text.includes('被退回修改：通报县丁局（1项）。'));
      assert.ok(text.includes('通报县丙局：滞后1项（一.3「完善行政规范性文件备案审查制度」）。'));
      await assert.rejects(generateCircular(office, { planId, periodId: q3 }), code('CONFLICT'), 'one draft per period at a time');
    });

    test('a period nobody reported on: every unit is listed as not reported, none as on time', async () => {
      const c = await generateCircular(office, { planId, periodId: q2 });
      const group = (key: string) => c.body.sections.find((s) => s.key === key)!.units.map((u) => u.unitName);
      assert.deepEqual(group('on_time'), []);
      assert.deepEqual(group('missing'), ['通报县丙局', '通报县丁局', '通报县甲局', '通报县乙局']);
      assert.deepEqual(c.body.sections.find((s) => s.key === 'on_time')!.paragraphs, ['本期没有单位在截止日期前报送全部任务进展。']);
      assert.deepEqual(c.body.sections.find((s) => s.key === 'late')!.paragraphs, ['本期没有逾期报送的任务进展。']);
    });

    test('editing: the wording changes, the facts cannot; a stale version is refused; every edit is audited', async () => {
      const c = await getCircular(office, draftId);
      const edited = await updateCircular(
        office,
        draftId,
        editOf(c, { title: '关于2026年第三季度法治政府建设工作进展情况的通报', opening: ['为推动任务落实，现将有关情况通报如下。'], closing: ['请各单位对照整改。'], cc: '县委、县政府领导', sections: [{ key: 'on_time', paragraphs: ['以下单位按时报送：通报县丁局、通报县甲局。', ''] }] }),
      );
      assert.equal(edited.version, c.version + 1);
      assert.equal(edited.title, '关于2026年第三季度法治政府建设工作进展情况的通报');
      assert.deepEqual(edited.body.sections.find((s) => s.key === 'on_time')!.paragraphs, ['以下单位按时报送：通报县丁局、通报县甲局。'], 'empty paragraphs are dropped');
      assert.deepEqual(edited.body.sections.find((s) => s.key === 'late')!.paragraphs, c.body.sections.find((s) => s.key === 'late')!.paragraphs, 'a section not sent keeps its text');
      assert.deepEqual(edited.body.table, c.body.table, 'the unit table stays as generated');
      assert.deepEqual(edited.body.sections.map((s) => s.units), c.body.sections.map((s) => s.units), 'so do the groups');
      // a second editor working from the old version loses, and changes nothing
      await assert.rejects(updateCircular(office, draftId, editOf(c, { title: '旧版本上的修改' })), (e: unknown) => code('CONFLICT')(e) && (e as { details: { field: string }[] }).details[0]?.field === 'version');
      assert.equal((await getCircular(office, draftId)).title, edited.title);
      await assert.rejects(updateCircular(leader, draftId, editOf(edited)), code('NOT_FOUND'), 'a draft is the office’s');
      await assert.rejects(updateCircular(otherOffice, draftId, editOf(edited)), code('NOT_FOUND'));
      const audit = await auditRepo.search(h.db, { entityType: 'circular', entityId: draftId, limit: 50, offset: 0 });
      assert.deepEqual(audit.rows.map((r) => r.action).sort(), ['circular.edit', 'circular.generate']);
    });

    test('reading: drafts are the office’s; nobody outside the region sees anything', async () => {
      for (const ctx of [leader, inspector, liaisonA]) {
        await assert.rejects(getCircular(ctx, draftId), code('NOT_FOUND'));
        assert.deepEqual((await listCirculars(ctx, { page: 1, pageSize: 50 })).items, []);
        await assert.rejects(circularDocx(ctx, draftId), code('NOT_FOUND'));
      }
      assert.equal((await listCirculars(office, { page: 1, pageSize: 50 })).total, 2);
      await assert.rejects(getCircular(otherOffice, draftId), code('NOT_FOUND'));
      await assert.rejects(listCirculars(otherOffice, { regionId: county.region.id, page: 1, pageSize: 50 }), code('NOT_FOUND'));
      await assert.rejects(generateCircular(otherOffice, { planId, periodId: q3 }), code('NOT_FOUND'));
      await assert.rejects(generateCircular(liaisonA, { planId, periodId: q3 }), code('FORBIDDEN'));
      await assert.rejects(generateCircular(leader, { planId, periodId: q3 }), code('FORBIDDEN'));
      await assert.rejects(generateCircular(office, { planId: otherPlanId, periodId: q3 }), code('NOT_FOUND'));
      await assert.rejects(generateCircular(office, { planId, periodId: (await periodsRepo.ofPlan(h.db, otherPlanId))[2]!.id }), code('NOT_FOUND'), 'a period of another plan');
    });

    test('issuing numbers per region and year, freezes the circular and tells the units listed', async () => {
      const c = await getCircular(office, draftId);
      await assert.rejects(issueCircular(liaisonA, draftId, c.version), code('NOT_FOUND'));
      await assert.rejects(issueCircular(office, draftId, c.version - 1), code('CONFLICT'));
      const issued = await issueCircular(office, draftId, c.version);
      assert.equal(issued.state, 'issued');
      assert.equal(issued.number, '通法通〔2026〕1号');
      assert.equal(issued.issuedAt, '2026-11-02T02:00:00.000Z');
      assert.deepEqual(issued.can, { edit: false, issue: false, delete: false });
      // frozen
      await assert.rejects(updateCircular(office, draftId, editOf(issued)), code('CONFLICT'));
      await assert.rejects(issueCircular(office, draftId, issued.version), code('CONFLICT'));
      await assert.rejects(deleteCircular(office, draftId, issued.version), code('CONFLICT'));
      // the units listed are told, each of its own counts
      for (const [ctx, body] of [
        [liaisonA, '2026年第三季度贵单位应报送任务进展1项：按时报送1项。请查阅通报全文。'],
        [liaisonB, '2026年第三季度贵单位应报送任务进展1项：逾期报送1项。请查阅通报全文。'],
        [liaisonC, '2026年第三季度贵单位应报送任务进展1项：未报送1项，滞后任务1项。请查阅通报全文。'],
        [liaisonD, '2026年第三季度贵单位应报送任务进展1项：按时报送1项，被退回1项。请查阅通报全文。'],
      ] as const) {
        const mine = (await listMyNotifications(ctx, { page: 1, pageSize: 50 })).items.filter((n) => n.kind === 'circular');
        assert.deepEqual(mine.map((n) => [n.title, n.body, n.link]), [[`【通报】通法通〔2026〕1号 ${issued.title}`, body, `/supervision/circulars/${draftId}`]]);
      }
      // once issued, everyone of the region reads it; the list shows them issued ones only
      for (const ctx of [leader, inspector, liaisonA, liaisonC]) {
        assert.equal((await getCircular(ctx, draftId)).number, '通法通〔2026〕1号');
        assert.deepEqual((await listCirculars(ctx, { page: 1, pageSize: 50 })).items.map((x) => x.number), ['通法通〔2026〕1号']);
        assert.deepEqual((await listCirculars(ctx, { state: 'draft', page: 1, pageSize: 50 })).items, []);
      }
      await assert.rejects(getCircular(otherOffice, draftId), code('NOT_FOUND'));

      // the next one this year is 2号; another region counts on its own; a new year starts again at 1号
      const q2Draft = (await listCirculars(office, { state: 'draft', page: 1, pageSize: 50 })).items[0]!;
      assert.equal((await issueCircular(office, q2Draft.id, q2Draft.version)).number, '通法通〔2026〕2号');
      const elsewhere = await generateCircular(otherOffice, { planId: otherPlanId, periodId: (await periodsRepo.ofPlan(h.db, otherPlanId))[2]!.id });
      assert.equal((await issueCircular(otherOffice, elsewhere.id, elsewhere.version)).number, '别法通〔2026〕1号');
      at('2027-01-20T02:00:00Z');
      const next = await generateCircular(office, { planId, periodId: q4 });
      assert.equal((await issueCircular(office, next.id, next.version)).number, '通法通〔2027〕1号');
      at('2026-11-02T02:00:00Z');
      assert.deepEqual((await auditRepo.search(h.db, { entityType: 'circular', entityId: draftId, limit: 50, offset: 0 })).rows.map((r) => r.action).sort(), ['circular.edit', 'circular.generate', 'circular.issue']);
    });

    test('a draft can be deleted by the office (with its version) and generated again; two at once make one', async () => {
      const both = await Promise.allSettled([generateCircular(office, { planId, periodId: q3 }), generateCircular(office, { planId, periodId: q3 })]);
      assert.equal(both.filter((r) => r.status === 'fulfilled').length, 1);
      assert.ok(both.some((r) => r.status === 'rejected' && code('CONFLICT')(r.reason)), 'the other is told a draft exists');
      const c = (both.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<Circular>).value;
      await assert.rejects(deleteCircular(liaisonA, c.id, c.version), code('NOT_FOUND'));
      await assert.rejects(deleteCircular(office, c.id, c.version + 1), code('CONFLICT'));
      assert.deepEqual(await deleteCircular(office, c.id, c.version), { ok: true });
      await assert.rejects(getCircular(office, c.id), code('NOT_FOUND'));
      const again = await generateCircular(office, { planId, periodId: q3 });
      assert.equal(again.state, 'draft');
      await deleteCircular(office, again.id, again.version);
    });

    test('the Word file is A4 with the official margins, the red 版头, the title, body, unit table, signature and 版记', async () => {
      const f = await circularDocx(liaisonC, draftId);
      assert.equal(f.fileName, '通报通法通〔2026〕1号.docx');
      const zip = await JSZip.loadAsync(f.data);
      const xml = await zip.file('word/document.xml')!.async('string');
      assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/);
      assert.match(xml, /<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
      assert.match(xml, /w:color w:val="E00000"/);
      for (const font of ['方正小标宋简体', '仿宋_GB2312', '黑体']) assert.ok(xml.includes(`w:eastAsia="${font}"`), font);
      assert.match(xml, /<w:sz w:val="44"\/>/, '二号 title');
      assert.match(xml, /<w:sz w:val="32"\/>/, '三号 body');
      for (const text of ['中共通报县委全面依法治县委员会办公室文件', '通法通〔2026〕1号', '法治政府建设工作进展情况的通报', '各有关单位：', '一、总体情况', '二、按时报送的单位', '以下单位按时报送：通报县丁局、通报县甲局。', '请各单位对照整改。', '附件：2026年第三季度各单位任务进展报送情况统计表', '2026年11月2日', '合计', '通报县丙局', '抄送：县委、县政府领导。', '2026年11月2日印发']) {
        assert.ok(xml.includes(text), text);
      }
      assert.ok(!xml.includes('草稿（未印发）'), 'an issued circular carries no draft mark');
      // the title breaks before a word, into a 梯形
      assert.ok(xml.includes('>关于2026年第三季度<') && xml.includes('>法治政府建设工作进展情况的通报<'));
      const fonts = await zip.file('word/fontTable.xml')!.async('string');
      assert.match(fonts, /<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"\/>/, 'a fallback for machines without the GB2312 faces');
      const settings = await zip.file('word/settings.xml')!.async('string');
      assert.match(settings, /<w:evenAndOddHeaders\/>/, 'page numbers outside: right on odd pages, left on even');
      const footers = await Promise.all(Object.keys(zip.files).filter((n) => /^word\/footer\d+\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')));
      assert.ok(footers.some((x) => x.includes('— ') && x.includes('PAGE')), 'page numbers "— 1 —"');

      const draft = await generateCircular(office, { planId, periodId: q3 });
      const df = await circularDocx(office, draft.id);
      assert.equal(df.fileName, '通报（草稿）2026年第三季度.docx');
      const dzip = await JSZip.loadAsync(df.data);
      const headers = await Promise.all(Object.keys(dzip.files).filter((n) => /^word\/header\d+\.xml$/.test(n)).map((n) => dzip.file(n)!.async('string')));
      assert.ok(headers.some((x) => x.includes('草稿（未印发）')));
      assert.ok((await dzip.file('word/document.xml')!.async('string')).includes('通法通〔2026〕　号'), 'the number is left open');
      await deleteCircular(office, draft.id, draft.version);
    });
  });
}
