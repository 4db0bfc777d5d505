import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import {
  type CalendarYear,
  CalendarGapError,
  addWorkingDays,
  addWorkingDaysAssumingWeekends,
  buildWorkCalendar,
  calendarYearToCsv,
  coverage,
  describeDay,
  diffCalendarYears,
  isWorkingDay,
  isWorkingDayAssumingWeekends,
  jsonErrorOffset,
  normalizeCalendarDate,
  parseCalendarCsv,
  parseCalendarJson,
  validateCalendarYear,
  workingDaysBetween,
  workingDaysBetweenAssumingWeekends,
  yearsBetween,
} from './calendar.ts';
import { addDays, eachDay, isWeekend } from './dates.ts';
import { AppError } from '../shared/errors.ts';

const SHIPPED = [2024, 2025, 2026] as const;

function loadShipped(year: number): CalendarYear {
  const text = readFileSync(new URL(`../../data/calendars/${year}.json`, import.meta.url), 'utf8');
  const r = parseCalendarJson(text, { year });
  assert.deepEqual(r.errors, [], `${year}.json should parse cleanly`);
  assert.ok(r.calendar);
  return r.calendar;
}

const shipped = buildWorkCalendar(SHIPPED.map(loadShipped));

// A synthetic year far from any real one. 2030-01-01 is a Tuesday; 2030-01-05 a Saturday.
const synthetic2030: CalendarYear = {
  year: 2030,
  holidays: ['2030-01-01', '2030-01-10', '2030-01-11'],
  workdays: ['2030-01-05', '2030-01-13'],
};
const synth = buildWorkCalendar([synthetic2030]);

test('shipped years: each is valid, and its working-day total equals weekdays minus statutory holidays', () => {
  // 调休 only moves days; the net days off beyond weekends equal the statutory holiday count:
  // 11 days until 2024, 13 from 2025 (春节 and 劳动节 +1 each, 全国年节及纪念日放假办法 2024 revision).
  const statutory: Record<number, number> = { 2024: 11, 2025: 13, 2026: 13 };
  for (const year of SHIPPED) {
    const weekdays = eachDay(`${year}-01-01`, `${year}-12-31`).filter((d) => !isWeekend(d)).length;
    assert.equal(workingDaysBetween(shipped, `${year - 1}-12-31`, `${year}-12-31`), weekdays - statutory[year]!, `year ${year}`);
  }
  assert.equal(workingDaysBetween(shipped, '2024-12-31', '2025-12-31'), 248);
  assert.equal(workingDaysBetween(shipped, '2023-12-31', '2024-12-31'), 251);
});

test('shipped 2025: 春节, 劳动节, 国庆中秋 and their 调休 days', () => {
  assert.equal(isWorkingDay(shipped, '2025-01-01'), false);
  assert.equal(isWorkingDay(shipped, '2025-01-26'), true); // Sunday, 上班
  assert.equal(isWorkingDay(shipped, '2025-01-28'), false); // 除夕
  assert.equal(isWorkingDay(shipped, '2025-02-04'), false);
  assert.equal(isWorkingDay(shipped, '2025-02-05'), true);
  assert.equal(isWorkingDay(shipped, '2025-02-08'), true); // Saturday, 上班
  assert.equal(isWorkingDay(shipped, '2025-02-09'), false); // ordinary Sunday
  assert.equal(isWorkingDay(shipped, '2025-04-04'), false);
  assert.equal(isWorkingDay(shipped, '2025-04-27'), true);
  assert.equal(isWorkingDay(shipped, '2025-05-05'), false);
  assert.equal(isWorkingDay(shipped, '2025-06-02'), false);
  assert.equal(isWorkingDay(shipped, '2025-09-28'), true);
  assert.equal(isWorkingDay(shipped, '2025-10-08'), false);
  assert.equal(isWorkingDay(shipped, '2025-10-11'), true);
  assert.equal(isWorkingDay(shipped, '2025-10-09'), true);
});

test('shipped 2024 and 2026 spot checks', () => {
  assert.equal(isWorkingDay(shipped, '2024-02-04'), true);
  assert.equal(isWorkingDay(shipped, '2024-02-09'), true); // 除夕 2024 was only "encouraged" off
  assert.equal(isWorkingDay(shipped, '2024-02-18'), true);
  assert.equal(isWorkingDay(shipped, '2024-05-11'), true);
  assert.equal(isWorkingDay(shipped, '2024-09-14'), true);
  assert.equal(isWorkingDay(shipped, '2024-10-12'), true);
  assert.equal(isWorkingDay(shipped, '2026-01-02'), false);
  assert.equal(isWorkingDay(shipped, '2026-01-04'), true);
  assert.equal(isWorkingDay(shipped, '2026-02-14'), true);
  assert.equal(isWorkingDay(shipped, '2026-02-23'), false);
  assert.equal(isWorkingDay(shipped, '2026-02-28'), true);
  assert.equal(isWorkingDay(shipped, '2026-05-09'), true);
  assert.equal(isWorkingDay(shipped, '2026-09-20'), true);
  assert.equal(isWorkingDay(shipped, '2026-10-10'), true);
});

test('addWorkingDays counts from the day after and skips a holiday block including 调休', () => {
  assert.equal(addWorkingDays(shipped, '2025-01-24', 1), '2025-01-26'); // Sunday make-up day
  assert.equal(addWorkingDays(shipped, '2025-01-24', 2), '2025-01-27');
  assert.equal(addWorkingDays(shipped, '2025-01-24', 3), '2025-02-05');
  assert.equal(addWorkingDays(shipped, '2025-09-30', 1), '2025-10-09');
  assert.equal(addWorkingDays(shipped, '2025-09-30', 2), '2025-10-10');
  assert.equal(addWorkingDays(shipped, '2025-09-30', 3), '2025-10-11'); // Saturday make-up day
  // across a year boundary: 2026-01-01..03 off, 01-04 (Sunday) on
  assert.equal(addWorkingDays(shipped, '2025-12-30', 3), '2026-01-05');
  assert.equal(addWorkingDays(shipped, '2025-12-30', 2), '2026-01-04');
  assert.equal(addWorkingDays(shipped, '2025-02-01', 0), '2025-02-01'); // n = 0: the date itself
  assert.throws(() => addWorkingDays(shipped, '2025-02-01', -1), AppError);
  assert.throws(() => addWorkingDays(shipped, '2025-02-01', 1.5), AppError);
});

test('synthetic calendar: 调休 weekend days count, holidays do not, plain weekends do not', () => {
  assert.equal(isWorkingDay(synth, '2030-01-01'), false); // Tuesday holiday
  assert.equal(isWorkingDay(synth, '2030-01-05'), true); // Saturday workday
  assert.equal(isWorkingDay(synth, '2030-01-06'), false); // plain Sunday
  assert.equal(isWorkingDay(synth, '2030-01-07'), true); // plain Monday
  // (01-01, 01-07]: 02 03 04 05(Sat, 班) 07 → 5
  assert.equal(workingDaysBetween(synth, '2030-01-01', '2030-01-07'), 5);
  // (01-09, 01-14]: 10 11 off, 12 Sat off, 13 Sun 班, 14 Mon → 2
  assert.equal(workingDaysBetween(synth, '2030-01-09', '2030-01-14'), 2);
  assert.equal(addWorkingDays(synth, '2030-01-09', 1), '2030-01-13');
  assert.equal(addWorkingDays(synth, '2030-01-09', 2), '2030-01-14');
});

test('workingDaysBetween is exclusive of a, inclusive of b, and negative backwards', () => {
  assert.equal(workingDaysBetween(synth, '2030-01-02', '2030-01-02'), 0);
  assert.equal(workingDaysBetween(synth, '2030-01-01', '2030-01-02'), 1); // b counted, a (holiday anyway) not
  assert.equal(workingDaysBetween(synth, '2030-01-02', '2030-01-03'), 1); // a is a working day, not counted
  assert.equal(workingDaysBetween(synth, '2030-01-03', '2030-01-02'), -1);
  assert.equal(workingDaysBetween(synth, '2030-01-07', '2030-01-01'), -5);
});

test('addWorkingDays inverts workingDaysBetween whenever b is a working day (2025, shipped data)', () => {
  const days = eachDay('2025-01-01', '2025-12-31');
  let checked = 0;
  for (let i = 0; i < days.length; i += 11) {
    for (let j = i; j < Math.min(days.length, i + 40); j += 3) {
      const a = days[i]!;
      const b = days[j]!;
      if (!isWorkingDay(shipped, b) || a === b) continue;
      assert.equal(addWorkingDays(shipped, a, workingDaysBetween(shipped, a, b)), b, `${a} → ${b}`);
      checked++;
    }
  }
  assert.ok(checked > 200);
});

test('a missing year throws CalendarGapError naming the year', () => {
  const only2025 = buildWorkCalendar([loadShipped(2025)]);
  assert.throws(
    () => addWorkingDays(only2025, '2025-12-30', 3),
    (e: unknown) => e instanceof CalendarGapError && e.missingYears.join() === '2026' && e.message.includes('2026年') && e.code === 'UNPROCESSABLE',
  );
  assert.throws(() => isWorkingDay(only2025, '2027-03-01'), CalendarGapError);
  assert.throws(() => workingDaysBetween(only2025, '2025-12-01', '2026-01-10'), CalendarGapError);
  // the year before a is not needed: counting starts the day after
  assert.equal(workingDaysBetween(only2025, '2024-12-31', '2025-01-02'), 1);
});

test('the assuming variants go on with weekends only and say so', () => {
  const only2025 = buildWorkCalendar([loadShipped(2025)]);
  const r = addWorkingDaysAssumingWeekends(only2025, '2025-12-30', 3);
  // 12-31 (1), then 2026 treated as plain Mon–Fri: 01-01 Thu (2), 01-02 Fri (3)
  assert.deepEqual(r, { value: '2026-01-02', assumedWeekendsOnly: true, assumedYears: [2026] });
  const inside = addWorkingDaysAssumingWeekends(only2025, '2025-01-24', 3);
  assert.deepEqual(inside, { value: '2025-02-05', assumedWeekendsOnly: false, assumedYears: [] });
  const between = workingDaysBetweenAssumingWeekends(only2025, '2025-12-31', '2027-01-01');
  assert.equal(between.assumedWeekendsOnly, true);
  assert.deepEqual(between.assumedYears, [2026, 2027]);
  assert.deepEqual(isWorkingDayAssumingWeekends(only2025, '2026-01-01'), { value: true, assumedWeekendsOnly: true, assumedYears: [2026] });
});

test('coverage lists missing years', () => {
  assert.deepEqual(coverage(shipped, [2026, 2024, 2027, 2025, 2027]), { covered: [2024, 2025, 2026], missing: [2027], complete: false });
  assert.deepEqual(coverage(shipped, yearsBetween('2024-03-01', '2026-02-01')), { covered: [2024, 2025, 2026], missing: [], complete: true });
  assert.deepEqual(yearsBetween('2026-02-01', '2024-03-01'), [2024, 2025, 2026]);
  assert.deepEqual(shipped.years, [2024, 2025, 2026]);
});

test('buildWorkCalendar rejects bad data', () => {
  assert.throws(() => buildWorkCalendar([synthetic2030, synthetic2030]), (e: unknown) => e instanceof AppError && e.message.includes('重复'));
  assert.throws(
    () => buildWorkCalendar([{ year: 2030, holidays: [], workdays: ['2030-01-07'] }]), // a Monday
    (e: unknown) => e instanceof AppError && e.message.includes('不是周末'),
  );
  assert.throws(() => buildWorkCalendar([{ year: 2030, holidays: ['2031-01-01'], workdays: [] }]), /不属于 2030 年/);
  assert.throws(() => buildWorkCalendar([{ year: 2030, holidays: ['2030-01-05'], workdays: ['2030-01-05'] }]), /既列为放假又列为上班/);
  assert.deepEqual(validateCalendarYear(synthetic2030), []);
  assert.equal(validateCalendarYear({ year: 2030, holidays: ['2030-02-30'], workdays: [] }).length, 1);
});

test('CSV import: header, BOM, CRLF, comments, Chinese and English kinds, a name column', () => {
  const csv = '\uFEFFdate,kind\r\n# 元旦\r\n2030-01-01,休,元旦\r\n\r\n2030-01-05,班\r\n2030-01-10,holiday\r\n2030-01-13,workday\r\n2030-01-11,放假\r\n';
  const r = parseCalendarCsv(csv);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.calendar, {
    year: 2030,
    holidays: ['2030-01-01', '2030-01-10', '2030-01-11'],
    workdays: ['2030-01-05', '2030-01-13'],
  });
});

test('CSV import reports every error with its line, in Chinese', () => {
  const csv = ['日期,类型', '2030-01-01,休', '2030-02-30,休', '2030-01-02,调', '2030-01-07,班', '2031-01-01,休', '2030-01-01,休', '2030-01-08'].join('\n');
  const r = parseCalendarCsv(csv);
  assert.equal(r.calendar, null);
  const messages = r.errors.map((e) => e.message);
  assert.deepEqual(r.errors.map((e) => e.line).sort(), [3, 4, 5, 6, 7, 8]);
  assert.ok(messages.some((m) => m.startsWith('第3行') && m.includes('2030-02-30')), messages.join('\n'));
  assert.ok(messages.some((m) => m.startsWith('第4行') && m.includes('「调」')));
  assert.ok(messages.some((m) => m.startsWith('第5行') && m.includes('周一')));
  assert.ok(messages.some((m) => m.startsWith('第6行') && m.includes('不属于 2030 年')));
  assert.ok(messages.some((m) => m.startsWith('第7行') && m.includes('重复') && m.includes('第2行')));
  assert.ok(messages.some((m) => m.startsWith('第8行') && m.includes('缺少类型')));
});

test('CSV import checks the declared year and warns on a year without holidays', () => {
  const wrong = parseCalendarCsv('2030-01-01,休\n', { year: 2031 });
  assert.equal(wrong.calendar, null);
  assert.match(wrong.errors[0]!.message, /^第1行：.*不属于 2031 年/);
  const noHolidays = parseCalendarCsv('2030-01-05,班\n');
  assert.deepEqual(noHolidays.errors, []);
  assert.equal(noHolidays.warnings.length, 1);
  assert.match(noHolidays.warnings[0]!.message, /未列出任何放假日期/);
  assert.match(parseCalendarCsv('# nothing\n').errors[0]!.message, /没有找到任何有效日期/);
});

test('JSON import names the line of a bad value and of a syntax error', () => {
  const text = '{\n  "year": 2030,\n  "holidays": [\n    "2030-01-01",\n    "2030-02-30"\n  ],\n  "workdays": [5]\n}\n';
  const r = parseCalendarJson(text);
  assert.equal(r.calendar, null);
  assert.ok(r.errors.some((e) => e.line === 5 && e.message.startsWith('第5行') && e.message.includes('2030-02-30')), JSON.stringify(r.errors));
  assert.ok(r.errors.some((e) => e.message.includes('workdays 第1项')));
  const broken = parseCalendarJson('{\n  "year": 2030,\n  "holidays": [\n    "2030-01-01",,\n  ]\n}');
  assert.equal(broken.calendar, null);
  assert.equal(broken.errors[0]!.line, 4);
  assert.match(broken.errors[0]!.message, /^第4行：JSON 格式错误/);
  const mismatch = parseCalendarJson('{"year": 2030, "holidays": ["2030-01-01"], "workdays": []}', { year: 2031 });
  assert.ok(mismatch.errors.some((e) => e.message.includes('不一致')));
  assert.match(parseCalendarJson('[]').errors[0]!.message, /应为对象/);
});

test('jsonErrorOffset finds where JSON breaks, and -1 for valid JSON', () => {
  assert.equal(jsonErrorOffset('{"a": [1, 2]}'), -1);
  assert.equal(jsonErrorOffset('{"a": [1,, 2]}'), 9);
  assert.equal(jsonErrorOffset('{"a" 1}'), 5);
  assert.equal(jsonErrorOffset('{"a": tru}'), 6);
  assert.equal(jsonErrorOffset('{"a": "x\\"y"}'), -1);
  assert.equal(jsonErrorOffset('{"a": 1} x'), 9);
  assert.equal(jsonErrorOffset('{"a": "open'), 11);
});

test('CSV export round-trips', () => {
  const cy = loadShipped(2026);
  const back = parseCalendarCsv(calendarYearToCsv(cy));
  assert.deepEqual(back.errors, []);
  assert.deepEqual(back.calendar, { year: cy.year, holidays: cy.holidays, workdays: cy.workdays });
});

test('describeDay', () => {
  assert.equal(describeDay(shipped, '2025-02-08'), '2025年2月8日（周六，调休上班）');
  assert.equal(describeDay(shipped, '2025-10-08'), '2025年10月8日（周三，放假）');
  assert.equal(describeDay(shipped, '2025-10-09'), '2025年10月9日（周四，工作日）');
  assert.equal(describeDay(shipped, addDays('2025-10-11', 1)), '2025年10月12日（周日，休息日）');
});

test('every shipped file parses cleanly, is named after its year and says where it comes from', () => {
  const files = readdirSync(new URL('../../data/calendars/', import.meta.url)).filter((f) => f.endsWith('.json')).sort();
  assert.deepEqual(files, ['2021.json', '2022.json', '2023.json', '2024.json', '2025.json', '2026.json']);
  for (const f of files) {
    const cy = loadShipped(Number(f.slice(0, 4)));
    assert.match(cy.source ?? '', new RegExp(`^国务院办公厅关于${cy.year}年部分节假日安排的通知`), f);
  }
});

test('shipped 2021–2023: 11 statutory days each, and the announced 调休 days', () => {
  const older = buildWorkCalendar([2021, 2022, 2023].map(loadShipped));
  for (const year of [2021, 2022, 2023]) {
    const weekdays = eachDay(`${year}-01-01`, `${year}-12-31`).filter((d) => !isWeekend(d)).length;
    assert.equal(workingDaysBetween(older, `${year}-01-01`, `${year}-12-31`) + (isWorkingDay(older, `${year}-01-01`) ? 1 : 0), weekdays - 11, `year ${year}`);
  }
  // 2021: 春节 02-11..17 with 02-07 (Sun) and 02-20 (Sat) on; 国庆 with 09-26 (Sun) and 10-09 (Sat) on
  assert.equal(isWorkingDay(older, '2021-02-07'), true);
  assert.equal(isWorkingDay(older, '2021-02-17'), false);
  assert.equal(isWorkingDay(older, '2021-02-20'), true);
  assert.equal(isWorkingDay(older, '2021-09-18'), true);
  assert.equal(isWorkingDay(older, '2021-09-21'), false);
  // 2022: 春节 01-31..02-06 with 01-29 and 01-30 on; 清明 with 04-02 (Sat) on; 国庆 with 10-08 and 10-09 on
  assert.equal(isWorkingDay(older, '2022-01-30'), true);
  assert.equal(isWorkingDay(older, '2022-02-04'), false);
  assert.equal(isWorkingDay(older, '2022-04-02'), true);
  assert.equal(isWorkingDay(older, '2022-10-09'), true);
  // 2023: 元旦 ends 01-02 (Mon); 端午 06-22..24 with 06-25 (Sun) on; 中秋国庆 09-29..10-06 with 10-07 and 10-08 on
  assert.equal(isWorkingDay(older, '2023-01-02'), false);
  assert.equal(isWorkingDay(older, '2023-01-03'), true);
  assert.equal(isWorkingDay(older, '2023-06-25'), true);
  assert.equal(isWorkingDay(older, '2023-10-06'), false);
  assert.equal(isWorkingDay(older, '2023-10-08'), true);
});

test('normalizeCalendarDate reads the ways people and Excel write a date', () => {
  assert.equal(normalizeCalendarDate('2030-01-05'), '2030-01-05');
  assert.equal(normalizeCalendarDate('2030/1/5'), '2030-01-05');
  assert.equal(normalizeCalendarDate(' 2030.01.5 '), '2030-01-05');
  assert.equal(normalizeCalendarDate('2030年1月5日'), '2030-01-05');
  assert.equal(normalizeCalendarDate('20300105'), '2030-01-05');
  assert.equal(normalizeCalendarDate('明年元旦'), '明年元旦', 'unreadable text is left as written, for the error message');
  assert.equal(normalizeCalendarDate('2030/13/40'), '2030-13-40', 'shape only: validity is checked later');
});

test('CSV import: header in either order, quoted cells, Excel dates, empty-cell rows, semicolons', () => {
  const csv = '类型,日期,名称\r\n"休","2030/1/1","元旦"\r\n,,\r\n班,2030年1月5日,\r\n休;2030-01-10\r\n补班,2030-01-13\r\n';
  const r = parseCalendarCsv(csv);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.calendar, { year: 2030, holidays: ['2030-01-01', '2030-01-10'], workdays: ['2030-01-05', '2030-01-13'] });
  const noHeader = parseCalendarCsv('2030-01-01,假\n2030-01-05,work\n');
  assert.deepEqual(noHeader.calendar, { year: 2030, holidays: ['2030-01-01'], workdays: ['2030-01-05'] });
  const badHeader = parseCalendarCsv('日期,说明\n2030-01-01,休\n');
  assert.equal(badHeader.calendar, null);
  assert.match(badHeader.errors[0]!.message, /^第1行：表头应包含「日期」和「类型」/);
});

test('issues about a date say which list and which date', () => {
  const issues = validateCalendarYear({ year: 2030, holidays: ['2030-01-01', '2031-01-01'], workdays: ['2030-01-07', '2030-01-01'] });
  assert.deepEqual(
    issues.map((i) => [i.field, i.date]),
    [['holidays', '2031-01-01'], ['workdays', '2030-01-07'], ['workdays', '2030-01-01']],
  );
  const csv = parseCalendarCsv('2030-01-01,休\n2030-01-07,班\n');
  assert.deepEqual(csv.errors, [{ line: 2, message: '第2行：调休上班日 2030-01-07（周一）不是周末，本来就是工作日', field: 'workdays', date: '2030-01-07' }]);
});

test('diffCalendarYears lists what was added and removed', () => {
  assert.deepEqual(diffCalendarYears({ holidays: ['2030-01-01', '2030-01-10'], workdays: ['2030-01-05'] }, { holidays: ['2030-01-10', '2030-01-11', '2030-01-11'], workdays: ['2030-01-13'] }), {
    addedHolidays: ['2030-01-11'],
    removedHolidays: ['2030-01-01'],
    addedWorkdays: ['2030-01-13'],
    removedWorkdays: ['2030-01-05'],
  });
  assert.deepEqual(diffCalendarYears(null, synthetic2030), { addedHolidays: synthetic2030.holidays, removedHolidays: [], addedWorkdays: synthetic2030.workdays, removedWorkdays: [] });
});

test('CSV export with the Chinese header round-trips', () => {
  const text = calendarYearToCsv(synthetic2030, { chineseHeader: true });
  assert.equal(text.split('\n')[0], '日期,类型');
  assert.deepEqual(parseCalendarCsv(text).calendar, synthetic2030);
});
