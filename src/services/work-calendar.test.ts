import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { DIALECTS, type TestDb } from '../../test/db.ts';
import { ctxAs, makeCounty, makeUser, systemCtx } from '../../test/factories.ts';
import { auditRepo } from '../db/repositories/audit.ts';
import { addWorkingDaysAssumingWeekends, isWorkingDay, parseCalendarCsv } from '../domain/calendar.ts';
import { FixedClock } from '../shared/clock.ts';
import type { ServiceContext } from './context.ts';
import { commitImport, uploadPlan } from './plan-import.ts';
import {
  deleteCalendarYear,
  exportCalendarYear,
  getCalendarYear,
  importCalendarFile,
  listCalendarYears,
  loadCalendar,
  readShippedCalendarYears,
  saveCalendarYear,
  seedShippedCalendars,
} from './work-calendar.ts';

const code = (c: string, message?: RegExp) => (e: unknown) => (e as { code?: string }).code === c && (!message || message.test((e as Error).message));
const SHIPPED_YEARS = [2021, 2022, 2023, 2024, 2025, 2026];
const utf8 = (s: string) => new TextEncoder().encode(s);

// Synthetic years (test data only, not any announced arrangement): 2030-01-01 is a Tuesday, 01-05 a Saturday;
// 2029-01-01 a Monday, 01-06 a Saturday; 2028-01-01 a Saturday, 01-08 a Saturday.
const Y2030 = { year: 2030, source: '测试数据', holidays: ['2030-01-01', '2030-01-10', '2030-01-11'], workdays: ['2030-01-05'] };

for (const dialect of DIALECTS) {
  describe(`working-day calendar in the database (${dialect.name})`, () => {
    let h: TestDb;
    let clock: FixedClock;
    let sys: ServiceContext;
    let admin: ServiceContext;
    let office: ServiceContext;
    let liaison: ServiceContext;
    let otherOffice: ServiceContext;
    let county: Awaited<ReturnType<typeof makeCounty>>;
    let other: Awaited<ReturnType<typeof makeCounty>>;
    const audits = async (action: string) => (await auditRepo.search(h.db, { entityType: 'calendar_year', limit: 500, offset: 0 })).rows.filter((r) => r.action === action);

    before(async () => {
      h = await dialect.open();
      clock = new FixedClock('2026-03-02T02:00:00Z');
      sys = systemCtx(h.db, clock);
      county = await makeCounty(sys, '日历县');
      other = await makeCounty(sys, '别的县');
      const adminUser = await makeUser(sys, { role: 'admin' });
      [admin, office, liaison, otherOffice] = await Promise.all([ctxAs(sys, adminUser.id), ctxAs(sys, county.office.id), ctxAs(sys, county.liaison.id), ctxAs(sys, other.office.id)]);
      const plan = utf8('日历县法治政府建设实施方案（2026—2030年）\n一、总体任务\n1.推进依法行政。（牵头单位：日历县甲局）\n');
      await commitImport(sys, (await uploadPlan(sys, { regionId: county.region.id, fileName: 'p.txt', bytes: plan })).id, {});
    });
    after(() => h.dispose());

    test('first use seeds the shipped years once, even from two servers at the same moment', async () => {
      const [a, b] = await Promise.all([seedShippedCalendars(h.db, clock), seedShippedCalendars(h.db, clock)]);
      assert.deepEqual([...a, ...b].sort(), SHIPPED_YEARS, 'every shipped year inserted by exactly one of them');
      assert.deepEqual(await seedShippedCalendars(h.db, clock), [], 'a later start inserts nothing');
      assert.equal((await audits('calendar.seed')).length, SHIPPED_YEARS.length);
      const cal = await loadCalendar(h.db, clock);
      assert.deepEqual(cal.years, SHIPPED_YEARS);
      assert.equal(isWorkingDay(cal, '2026-10-10'), true, '调休 Saturday from the shipped 2026 data');
      assert.equal(isWorkingDay(cal, '2026-10-07'), false);
      const y2026 = await getCalendarYear(office, 2026);
      const shipped2026 = readShippedCalendarYears().find((y) => y.year === 2026)!;
      assert.deepEqual({ holidays: y2026.holidays, workdays: y2026.workdays, source: y2026.source }, { holidays: shipped2026.holidays, workdays: shipped2026.workdays, source: shipped2026.source });
      assert.equal(y2026.updatedByName, '系统（随附数据）');
    });

    test('coverage: the years the region’s plans need, and a warning for each missing one', async () => {
      const o = await listCalendarYears(office, {});
      assert.equal(o.canEdit, false);
      assert.deepEqual(o.years.map((y) => y.year), SHIPPED_YEARS);
      assert.deepEqual(o.needed.map((n) => [n.year, n.covered]), [[2026, true], [2027, false], [2028, false], [2029, false], [2030, false]]);
      assert.deepEqual(o.missing.map((m) => m.year), [2027, 2028, 2029, 2030]);
      assert.equal(o.missing[0]!.message, '2027年节假日安排未导入，涉及工作日的规则将按周一至周五计算并标注');
      assert.deepEqual(o.missing[0]!.reasons, ['日历县：日历县法治政府建设实施方案（2026—2030年）']);
      assert.match(o.missing[0]!.hint, /第四季度/);
      assert.ok(o.needed[0]!.reasons.includes('当前年度（督办规则每天按工作日计算）'));
      // another county without plans needs only the current year; the admin sees every region's plans
      assert.deepEqual((await listCalendarYears(otherOffice, {})).missing, []);
      const all = await listCalendarYears(admin, {});
      assert.equal(all.canEdit, true);
      assert.deepEqual(all.missing.map((m) => m.year), [2027, 2028, 2029, 2030]);
      assert.deepEqual((await listCalendarYears(admin, { regionId: other.region.id })).missing, []);
      // the rules see the gap too: counting into 2027 assumes Monday–Friday and says so
      const r = addWorkingDaysAssumingWeekends(await loadCalendar(h.db, clock), '2026-12-30', 3);
      assert.deepEqual(r.assumedYears, [2027]);
    });

    test('reading: the office reads, a liaison and another region’s office do not see what is not theirs', async () => {
      await assert.rejects(listCalendarYears(liaison, {}), code('NOT_FOUND'));
      await assert.rejects(getCalendarYear(liaison, 2026), code('NOT_FOUND'));
      await assert.rejects(exportCalendarYear(liaison, 2026, 'csv'), code('NOT_FOUND'));
      await assert.rejects(listCalendarYears(otherOffice, { regionId: county.region.id }), code('NOT_FOUND'));
      await assert.rejects(getCalendarYear(office, 2027), code('NOT_FOUND', /2027年的节假日安排尚未导入/));
    });

    test('only the admin writes: the office and a liaison are refused and nothing changes', async () => {
      const body = { holidays: ['2027-01-01'], workdays: [], source: '越权' };
      for (const who of [office, liaison, otherOffice]) {
        await assert.rejects(saveCalendarYear(who, 2027, body), code('FORBIDDEN'));
        await assert.rejects(deleteCalendarYear(who, 2026, 1), code('FORBIDDEN'));
        await assert.rejects(importCalendarFile(who, { fileName: 'x.csv', bytes: utf8('2027-01-01,休\n') }), code('FORBIDDEN'));
      }
      await assert.rejects(getCalendarYear(admin, 2027), code('NOT_FOUND'));
      assert.equal((await getCalendarYear(admin, 2026)).version, 1);
    });

    test('save refuses bad data with every problem named, and writes nothing', async () => {
      const bad = { holidays: ['2030-01-01', '2031-01-01', '2030-01-05'], workdays: ['2030-01-05', '2030-01-07'], source: '测试' };
      await assert.rejects(saveCalendarYear(admin, 2030, bad), (e: unknown) => {
        const err = e as { code: string; message: string; details: { field: string; message: string }[] };
        assert.equal(err.code, 'VALIDATION');
        assert.match(err.message, /^2030年日历有误：.*（共 3 处）$/);
        assert.deepEqual(err.details.map((d) => d.field), ['holidays', 'workdays', 'workdays']);
        assert.match(err.details[0]!.message, /2031-01-01 不属于 2030 年/);
        assert.match(err.details[1]!.message, /既列为放假又列为上班/);
        assert.match(err.details[2]!.message, /2030-01-07（周一）不是周末/);
        return true;
      });
      await assert.rejects(saveCalendarYear(admin, 2030, { holidays: [], workdays: ['2030-01-05'], source: '测试' }), code('VALIDATION', /没有列出任何放假日期/));
      await assert.rejects(getCalendarYear(admin, 2030), code('NOT_FOUND'));
      assert.equal((await audits('calendar.create')).length, 0);
    });

    test('save creates, changes with the version read, and refuses a stale version; every other server sees it at once', async () => {
      const created = await saveCalendarYear(admin, 2030, { holidays: ['2030-01-11', '2030-01-01', '2030-01-10'], workdays: ['2030-01-05'], source: '  测试数据  ' });
      assert.equal(created.version, 1);
      assert.deepEqual(created.holidays, ['2030-01-01', '2030-01-10', '2030-01-11'], 'stored sorted');
      assert.equal(created.source, '测试数据');
      await assert.rejects(saveCalendarYear(admin, 2030, { ...Y2030 }), code('CONFLICT', /已存在/), 'creating a year that exists is a conflict');
      const changed = await saveCalendarYear(admin, 2030, { holidays: ['2030-01-01'], workdays: ['2030-01-05', '2030-01-13'], source: '测试数据', version: 1 });
      assert.equal(changed.version, 2);
      await assert.rejects(saveCalendarYear(admin, 2030, { ...Y2030, version: 1 }), (e: unknown) => code('CONFLICT')(e) && (e as { details: { field: string }[] }).details[0]!.field === 'version');
      assert.deepEqual((await getCalendarYear(admin, 2030)).workdays, ['2030-01-05', '2030-01-13'], 'the stale save changed nothing');
      const cal = await loadCalendar(h.db, clock);
      assert.equal(isWorkingDay(cal, '2030-01-13'), true);
      assert.equal(isWorkingDay(cal, '2030-01-10'), true, 'no longer a holiday');
      const [update] = await audits('calendar.update');
      assert.match(update!.summary ?? '', /^修改2030年节假日安排：取消放假 2030-01-10、2030-01-11；新增调休上班 2030-01-13$/);
      assert.deepEqual(JSON.parse(update!.before_json!).holidays, ['2030-01-01', '2030-01-10', '2030-01-11']);
      assert.deepEqual((await listCalendarYears(office, {})).missing.map((m) => m.year), [2027, 2028, 2029]);
    });

    test('import JSON in the shape of data/calendars; importing again replaces the year', async () => {
      const json = JSON.stringify({ year: 2029, source: '测试通知', holidays: ['2029-01-01'], workdays: ['2029-01-06'] }, null, 2);
      const r = await importCalendarFile(admin, { fileName: '2029.json', bytes: utf8(json) });
      assert.deepEqual(r, { applied: true, year: 2029, format: 'json', encoding: 'utf-8', holidayCount: 1, workdayCount: 1, replaced: false, errors: [], warnings: [] });
      assert.equal((await getCalendarYear(office, 2029)).source, '测试通知');
      const again = await importCalendarFile(admin, { fileName: 'whatever', bytes: utf8(JSON.stringify({ year: 2029, holidays: ['2029-01-01', '2029-01-02'], workdays: [] })), source: '测试通知（修订）' });
      assert.equal(again.format, 'json', 'recognized by content');
      assert.equal(again.replaced, true);
      const y = await getCalendarYear(admin, 2029);
      assert.deepEqual([y.holidays, y.workdays, y.source, y.version], [['2029-01-01', '2029-01-02'], [], '测试通知（修订）', 2]);
      assert.equal((await audits('calendar.import')).length, 2);
    });

    test('import CSV: UTF-8 with a BOM, and GBK as Excel saves it', async () => {
      const bom = await importCalendarFile(admin, { fileName: '2029.csv', bytes: utf8('\uFEFF日期,类型\r\n2029-01-01,休\r\n2029-01-06,班\r\n'), year: 2029 });
      assert.equal(bom.applied, true, JSON.stringify(bom.errors));
      assert.equal(bom.encoding, 'utf-8');
      assert.deepEqual((await getCalendarYear(admin, 2029)).workdays, ['2029-01-06']);
      assert.match((await getCalendarYear(admin, 2029)).source ?? '', /^从文件「2029\.csv」导入（2026-03-02）$/);
      const gbk = iconv.encode('日期,类型,说明\r\n2028/1/1,休,元旦\r\n2028/1/2,假,\r\n2028/1/8,班,调休上班\r\n', 'gbk');
      assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk), 'the fixture really is not UTF-8');
      const r = await importCalendarFile(admin, { fileName: '2028年节假日.csv', bytes: gbk });
      assert.equal(r.applied, true, JSON.stringify(r.errors));
      assert.equal(r.encoding, 'gb18030');
      const y = await getCalendarYear(admin, 2028);
      assert.deepEqual([y.holidays, y.workdays], [['2028-01-01', '2028-01-02'], ['2028-01-08']]);
      assert.deepEqual((await listCalendarYears(office, {})).missing.map((m) => m.year), [2027]);
    });

    test('a file with bad lines: every one reported by line number in Chinese, nothing applied', async () => {
      const beforeYear = await getCalendarYear(admin, 2030);
      const importsBefore = (await audits('calendar.import')).length;
      const csv = ['日期,类型', '2030-01-01,休', '2030-02-30,休', '2030-01-02,调', '2030-01-07,班', '2031-01-01,休', '2030-01-20'].join('\r\n');
      const r = await importCalendarFile(admin, { fileName: '2030.csv', bytes: iconv.encode(csv, 'gbk') });
      assert.equal(r.applied, false);
      assert.deepEqual(r.errors.map((e) => e.line), [3, 4, 5, 6, 7]);
      assert.match(r.errors[0]!.message, /^第3行：日期「2030-02-30」无效/);
      assert.match(r.errors[1]!.message, /^第4行：类型「调」无法识别/);
      assert.match(r.errors[2]!.message, /^第5行：调休上班日 2030-01-07（周一）不是周末/);
      assert.match(r.errors[3]!.message, /^第6行：日期 2031-01-01 不属于 2030 年/);
      assert.match(r.errors[4]!.message, /^第7行：缺少类型列/);
      const after = await getCalendarYear(admin, 2030);
      assert.deepEqual(after, beforeYear, 'the year is untouched');
      assert.equal((await audits('calendar.import')).length, importsBefore);
      // a declared year the file does not match, a JSON syntax error, a file with only 调休 days
      assert.match((await importCalendarFile(admin, { fileName: 'a.csv', bytes: utf8('2030-01-01,休\n'), year: 2031 })).errors[0]!.message, /^第1行：日期 2030-01-01 不属于 2031 年/);
      const broken = await importCalendarFile(admin, { fileName: 'a.json', bytes: utf8('{\n  "year": 2030,\n  "holidays": ["2030-01-01",,]\n}') });
      assert.deepEqual([broken.applied, broken.errors[0]!.line], [false, 3]);
      assert.match((await importCalendarFile(admin, { fileName: 'a.csv', bytes: utf8('2030-01-05,班\n') })).errors[0]!.message, /没有任何放假日期/);
      assert.deepEqual(await getCalendarYear(admin, 2030), beforeYear);
      // not a text file at all
      await assert.rejects(importCalendarFile(admin, { fileName: 'a.xlsx', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]) }), code('UNSUPPORTED', /另存为」CSV/));
      await assert.rejects(importCalendarFile(admin, { fileName: 'a.csv', bytes: new Uint8Array() }), code('VALIDATION'));
      await assert.rejects(importCalendarFile(admin, { fileName: 'big.csv', bytes: new Uint8Array(1024 * 1024 + 1).fill(0x31) }), code('TOO_LARGE'));
    });

    test('export gives back what import reads', async () => {
      const csv = await exportCalendarYear(office, 2026, 'csv');
      assert.equal(csv.fileName, '2026年节假日安排.csv');
      const text = csv.data.toString('utf8');
      assert.ok(text.startsWith('\uFEFF日期,类型\n'));
      const y = await getCalendarYear(office, 2026);
      assert.deepEqual(parseCalendarCsv(text).calendar, { year: 2026, holidays: y.holidays, workdays: y.workdays });
      const json = JSON.parse((await exportCalendarYear(office, 2026, 'json')).data.toString('utf8'));
      assert.deepEqual(json, { year: 2026, source: y.source, holidays: y.holidays, workdays: y.workdays });
    });

    test('delete: stale version refused; a deleted year is missing again, never re-seeded, and can be imported back', async () => {
      const y = await getCalendarYear(admin, 2024);
      await assert.rejects(deleteCalendarYear(admin, 2024, y.version + 1), code('CONFLICT'));
      await deleteCalendarYear(admin, 2024, y.version);
      await assert.rejects(getCalendarYear(admin, 2024), code('NOT_FOUND'));
      await assert.rejects(deleteCalendarYear(admin, 2024, y.version + 1), code('NOT_FOUND'));
      assert.equal((await loadCalendar(h.db, clock)).years.includes(2024), false);
      assert.deepEqual(await seedShippedCalendars(h.db, clock), [], 'the shipped 2024 does not come back by itself');
      assert.equal((await loadCalendar(h.db, clock)).years.includes(2024), false);
      assert.equal((await audits('calendar.delete')).length, 1);
      // saving with the old version is a conflict; saving it as new brings it back with a fresh version
      await assert.rejects(saveCalendarYear(admin, 2024, { holidays: ['2024-01-01'], workdays: [], source: 'x', version: y.version }), code('CONFLICT'));
      const shipped = readShippedCalendarYears().find((c) => c.year === 2024)!;
      const r = await importCalendarFile(admin, { fileName: '2024.json', bytes: utf8(JSON.stringify(shipped)) });
      assert.deepEqual([r.applied, r.replaced], [true, false]);
      const back = await getCalendarYear(admin, 2024);
      assert.equal(back.version, y.version + 2, 'versions are never reused');
      assert.deepEqual(back.holidays, shipped.holidays);
      assert.equal((await loadCalendar(h.db, clock)).years.includes(2024), true);
    });
  });
}
