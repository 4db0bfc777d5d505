import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS, type TestDb } from '../../test/db.ts';
import { ctxAs, makeCounty, makeUnit, systemCtx } from '../../test/factories.ts';
import { FixedClock } from '../shared/clock.ts';
import type { AnnualReport, PortalQuery } from '../shared/api/annual-reports.ts';
import { approveAnnualReport, generateAnnualReport, publishAnnualReport, reviseAnnualReport, sendAnnualToReview, submitAnnualReport, updateAnnualReport } from './annual-reports.ts';
import { portalReport, portalSearch } from './annual-portal.ts';
import type { ServiceContext } from './context.ts';

/**
 * Portal search (公开平台检索) over reports published through the real workflow, on both databases:
 * words found inside longer words, phrases spanning words, region and year filters, paging past the
 * end, ranking, unpublished reports never found, corrections; and the same answers on both.
 */
const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;
const anonymous = (s: ServiceContext): ServiceContext => ({ ...s, actor: { kind: 'anonymous' } });

const TEXT = {
  r1: ['全面推行行政复议体制改革，推进府院联动机制建设。', '办理行政复议案件36件，行政复议纠错率下降。'],
  r2: ['开展人民调解工作，调解矛盾纠纷120件。', '推进府院联动，诉源治理成效明显。'],
  r3: ['行政复议体制改革稳步实施，规范性文件备案审查全覆盖。'],
  r4: ['深入开展行政复议宣传，数字政府平台上线运行。'],
  draft: ['行政复议保密草稿内容，不应公开。'],
  corrected1: ['推行网格化管理，组织执法人员培训86人次。'],
  corrected2: ['推行综合执法改革，组织执法人员培训96人次。'],
};

/** What a search answers, without the ids (which differ between the databases). */
type Answer = { total: number; items: { title: string; no: number; year: number; regionName: string; unitName: string | null; corrected: boolean; snippet: string }[] };
const answers: Record<string, Record<string, Answer>> = {};

for (const dialect of DIALECTS) {
  describe(`portal search (公开平台检索) (${dialect.name})`, () => {
    let h: TestDb;
    let sys: ServiceContext;
    let office: ServiceContext;
    let otherOffice: ServiceContext;
    let pub: ServiceContext;
    let regionA: string;
    let regionB: string;
    const ids: Record<string, string> = {};
    const mine: Record<string, Answer> = {};
    answers[dialect.name] = mine;

    const blocksOf = (paras: string[]) => [{ id: 'h1', type: 'heading' as const, level: 1 as const, text: '主要举措和成效' }, ...paras.map((text, i) => ({ id: `p${i}`, type: 'paragraph' as const, text }))];
    const write = async (ctx: ServiceContext, r: AnnualReport, paras: string[]) => updateAnnualReport(ctx, r.id, { version: r.version, title: r.title, blocks: blocksOf(paras) });
    /** generate → write → review → approve → submit (→ publish) */
    const report = async (ctx: ServiceContext, regionId: string, unitName: string, year: number, paras: string[], publish = true) => {
      const unit = await makeUnit(sys, regionId, { name: unitName });
      let r = await generateAnnualReport(ctx, { regionId, unitId: unit.id, year });
      r = await write(ctx, r, paras);
      r = await sendAnnualToReview(ctx, r.id, r.version);
      r = await approveAnnualReport(ctx, r.id, r.version, null);
      r = await submitAnnualReport(ctx, r.id, { version: r.version, recipients: ['party_committee'] });
      if (publish) r = await publishAnnualReport(ctx, r.id, { version: r.version });
      return r;
    };
    const search = async (q: PortalQuery, key?: string) => {
      const res = await portalSearch(pub, q);
      if (key) mine[key] = { total: res.total, items: res.items.map((x) => ({ title: x.title, no: x.no, year: x.year, regionName: x.regionName, unitName: x.unitName, corrected: x.corrected, snippet: x.snippet })) };
      return res;
    };
    const titles = (res: { items: { title: string }[] }) => res.items.map((x) => x.title.replace(/\d{4}年法治政府建设情况报告$/, ''));

    before(async () => {
      h = await dialect.open();
      sys = systemCtx(h.db, new FixedClock('2027-01-10T02:00:00Z'));
      pub = anonymous(sys);
      const a = await makeCounty(sys, '检索甲县');
      const b = await makeCounty(sys, '检索乙县');
      regionA = a.region.id;
      regionB = b.region.id;
      office = await ctxAs(sys, a.office.id);
      otherOffice = await ctxAs(sys, b.office.id);
      // published in this order: ties in the ranking go to the newest copy
      ids.r1 = (await report(office, regionA, '检索甲县司法局', 2026, TEXT.r1)).id;
      ids.r2 = (await report(office, regionA, '检索甲县信访局', 2026, TEXT.r2)).id;
      ids.r3 = (await report(otherOffice, regionB, '检索乙县司法局', 2026, TEXT.r3)).id;
      ids.r4 = (await report(otherOffice, regionB, '检索乙县数据局', 2025, TEXT.r4)).id;
      // submitted, not published: never on the portal
      ids.draft = (await report(office, regionA, '检索甲县保密局', 2026, TEXT.draft, false)).id;
      // published, then corrected and published again
      let c = await report(office, regionA, '检索甲县执法局', 2025, TEXT.corrected1);
      ids.corrected = c.id;
      c = await reviseAnnualReport(office, c.id, c.version, '表述有误');
      c = await write(office, c, TEXT.corrected2);
      c = await sendAnnualToReview(office, c.id, c.version);
      c = await approveAnnualReport(office, c.id, c.version, null);
      c = await publishAnnualReport(office, c.id, { version: c.version, correctionNote: '网格化管理更正为综合执法改革，培训人数86更正为96' });
      assert.equal(c.publications, 2);
    });
    after(() => h.dispose());

    test('a two-character word is found inside longer words; ranked by how often it occurs, then the newest', async () => {
      const res = await search({ q: '复议', page: 1, pageSize: 20 }, 'two-char');
      // r1 says 行政复议 three times; r3 and r4 once each (r4 published later, so first)
      assert.deepEqual(titles(res), ['检索甲县司法局', '检索乙县数据局', '检索乙县司法局']);
      assert.equal(res.total, 3);
      assert.ok(res.items.every((x) => x.snippet.includes('复议')), JSON.stringify(res.items.map((x) => x.snippet)));
      assert.deepEqual(res.items.map((x) => x.reportId), [ids.r1, ids.r4, ids.r3]);
      assert.deepEqual(titles(await search({ q: '调解', page: 1, pageSize: 20 }, 'two-char-2')), ['检索甲县信访局']);
    });

    test('a phrase spanning words finds the reports holding every word of it, the snippet at the phrase', async () => {
      const both = await search({ q: '推进府院联动', page: 1, pageSize: 20 }, 'phrase');
      assert.deepEqual(titles(both), ['检索甲县信访局', '检索甲县司法局']);
      assert.ok(both.items.every((x) => x.snippet.includes('推进府院联动')), JSON.stringify(both.items.map((x) => x.snippet)));
      // 府院联动机制: 联动机制 is only in r1
      assert.deepEqual(titles(await search({ q: '府院联动机制', page: 1, pageSize: 20 }, 'phrase-2')), ['检索甲县司法局']);
      // words typed apart must all be there
      assert.deepEqual(titles(await search({ q: '行政复议 数字政府', page: 1, pageSize: 20 }, 'two-words')), ['检索乙县数据局']);
      assert.equal((await search({ q: '人民调解 行政复议', page: 1, pageSize: 20 }, 'no-match')).total, 0);
    });

    test('region and year filters, alone and together', async () => {
      assert.deepEqual(titles(await search({ q: '行政复议', regionId: regionB, page: 1, pageSize: 20 }, 'region')), ['检索乙县数据局', '检索乙县司法局']);
      assert.deepEqual(titles(await search({ q: '行政复议', year: 2025, page: 1, pageSize: 20 }, 'year')), ['检索乙县数据局']);
      assert.deepEqual(titles(await search({ q: '行政复议', regionId: regionB, year: 2026, page: 1, pageSize: 20 }, 'region-year')), ['检索乙县司法局']);
      assert.equal((await search({ q: '行政复议', regionId: regionA, year: 2025, page: 1, pageSize: 20 })).total, 0);
      // 培训 is in the corrected report only (region A, 2025)
      assert.deepEqual(titles(await search({ q: '培训', regionId: regionA, page: 1, pageSize: 20 })), ['检索甲县执法局']);
    });

    test('pages: the count is of all matches, also on a page past the last one', async () => {
      const p2 = await search({ q: '行政复议', page: 2, pageSize: 1 }, 'page-2');
      assert.equal(p2.total, 3);
      assert.deepEqual(titles(p2), ['检索乙县数据局']);
      const past = await search({ q: '行政复议', page: 9, pageSize: 1 }, 'page-past');
      assert.deepEqual([past.total, past.items], [3, []]);
      const pastNone = await search({ q: '数字政府 人民调解', page: 3, pageSize: 20 });
      assert.deepEqual([pastNone.total, pastNone.items], [0, []]);
      assert.deepEqual(await search({ q: '的 了', page: 1, pageSize: 20 }), { items: [], total: 0 }, 'only words too common to search by');
    });

    test('a report not published is never found, nor served', async () => {
      assert.equal((await search({ q: '保密草稿', page: 1, pageSize: 20 })).total, 0);
      assert.ok(!(await search({ q: '行政复议', page: 1, pageSize: 50 })).items.some((x) => x.reportId === ids.draft));
      assert.ok(!(await search({ page: 1, pageSize: 50 })).items.some((x) => x.reportId === ids.draft), 'nor listed');
      await assert.rejects(portalReport(pub, ids.draft!), code('NOT_FOUND'));
    });

    test('a corrected report is found by its new text, as the new copy; the old text finds nothing; the old copy stays available', async () => {
      const now = await search({ q: '综合执法改革', page: 1, pageSize: 20 }, 'corrected-new');
      assert.deepEqual(now.items.map((x) => [x.reportId, x.no, x.corrected]), [[ids.corrected, 2, true]]);
      assert.ok(now.items[0]!.snippet.includes('综合执法改革'));
      // only the current copy is indexed: words that were only in the first copy find nothing
      assert.equal((await search({ q: '网格化管理', page: 1, pageSize: 20 }, 'corrected-old')).total, 0);
      // words in both copies find the report once, as its current copy
      assert.deepEqual((await search({ q: '执法人员培训', page: 1, pageSize: 20 }, 'corrected-both')).items.map((x) => [x.reportId, x.no]), [[ids.corrected, 2]]);
      const first = await portalReport(pub, ids.corrected!, 1);
      assert.ok(first.blocks.some((b) => b.text?.includes('网格化管理')), 'the first copy is unchanged');
      assert.deepEqual(first.versions.map((v) => v.no), [1, 2]);
      assert.equal((await portalReport(pub, ids.corrected!)).no, 2);
    });
  });
}

describe('portal search: the same answers on SQLite and PostgreSQL', () => {
  test('every search above answers alike on both databases', () => {
    const [a, b] = DIALECTS.map((d) => answers[d.name]!);
    assert.ok(Object.keys(a!).length >= 12, 'the searches ran on the first database');
    assert.deepEqual(b, a);
  });
});
