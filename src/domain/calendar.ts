/**
 * China's working-day calendar, as data.
 *
 * Why data: statutory holidays and 调休 make-up working days are announced by the State Council
 * (国务院办公厅关于××年部分节假日安排的通知) each autumn for the next year, so the office imports
 * a new year every year; nothing here knows any particular year.
 *
 * A day is a working day when it is listed in `workdays` (调休上班), otherwise when it is
 * Monday–Friday and not listed in `holidays`. Weekend days inside a holiday block may be listed
 * in `holidays` (harmless, and useful for display).
 *
 * Missing years — the choice made here: the strict functions (isWorkingDay, addWorkingDays,
 * workingDaysBetween) THROW CalendarGapError as soon as they need a year the calendar lacks. A
 * caller that must still produce a provisional answer (e.g. due dates in a five-year plan whose
 * later years are not announced yet) calls the `…AssumingWeekends` variants, which answer with
 * `assumedWeekendsOnly: true` and the list of assumed years, so the answer can be flagged to the
 * user. Nothing silently assumes weekends only. `coverage()` lists missing years up front.
 */
import { AppError } from '../shared/errors.ts';
import {
  type IsoDate,
  addDays,
  assertIsoDate,
  compareDates,
  dayOfWeek,
  formatChineseDate,
  isValidIsoDate,
  isWeekend,
  yearOf,
} from './dates.ts';

/** One year of the calendar as announced. Dates are 'YYYY-MM-DD' within `year`. */
export interface CalendarYear {
  year: number;
  /** days off: statutory holidays and the days moved into a holiday block (may include weekend days) */
  holidays: string[];
  /** 调休 make-up working days that fall on a Saturday or Sunday */
  workdays: string[];
  /** where the data comes from, e.g. the notice's title; informational */
  source?: string;
}

/** An immutable, indexed calendar built from a list of years. Build it with buildWorkCalendar. */
export interface WorkCalendar {
  /** covered years, ascending */
  readonly years: readonly number[];
  readonly holidays: ReadonlySet<string>;
  readonly workdays: ReadonlySet<string>;
}

/** Thrown when a computation needs a year the calendar does not contain. */
export class CalendarGapError extends AppError {
  readonly missingYears: number[];
  constructor(missingYears: number[]) {
    const list = missingYears.map((y) => `${y}年`).join('、');
    super('UNPROCESSABLE', `工作日历缺少${list}的节假日安排，请先导入该年度日历`, [
      { field: 'calendar', message: `缺少年度：${missingYears.join(',')}` },
    ]);
    this.name = 'CalendarGapError';
    this.missingYears = missingYears;
  }
}

export const isCalendarGapError = (e: unknown): e is CalendarGapError => e instanceof CalendarGapError;

/** A result computed with weekends-only assumed for years the calendar lacks. */
export interface AssumedResult<T> {
  value: T;
  /** true when at least one needed year was missing and treated as "Mon–Fri work, no holidays" */
  assumedWeekendsOnly: boolean;
  /** the missing years that were assumed, ascending */
  assumedYears: number[];
}

export interface Coverage {
  /** requested years present in the calendar */
  covered: number[];
  /** requested years absent from the calendar: warn the user, or import them */
  missing: number[];
  complete: boolean;
}

// ---------------------------------------------------------------- validation

/** One problem found in calendar data; `line` is 1-based when the input had lines. */
export interface CalendarIssue {
  line?: number;
  message: string;
  /** the list the offending date is in, when the problem is about one date */
  field?: 'holidays' | 'workdays';
  /** the offending date as written */
  date?: string;
}

const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

const at = (line: number | undefined, message: string): CalendarIssue =>
  line === undefined ? { message } : { line, message: `第${line}行：${message}` };

interface Entry {
  date: string;
  kind: 'holiday' | 'workday';
  line?: number;
}

/**
 * Checks entries against the rules every announced year obeys: real dates, all in one year,
 * no date listed twice, and a 调休 workday falls on a weekend (a weekday "workday" is a typo).
 */
function checkEntries(year: number, entries: Entry[]): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  const seen = new Map<string, Entry>();
  const about = (e: Entry, message: string): CalendarIssue => ({ ...at(e.line, message), field: e.kind === 'holiday' ? 'holidays' : 'workdays', date: e.date });
  for (const e of entries) {
    if (!isValidIsoDate(e.date)) {
      issues.push(about(e, `日期「${e.date}」无效，应为 YYYY-MM-DD 格式的真实日期`));
      continue;
    }
    if (yearOf(e.date) !== year) {
      issues.push(about(e, `日期 ${e.date} 不属于 ${year} 年`));
      continue;
    }
    const prev = seen.get(e.date);
    if (prev) {
      const where = prev.line !== undefined ? `（第${prev.line}行）` : '';
      issues.push(
        about(e, prev.kind === e.kind ? `日期 ${e.date} 重复列出${where}` : `日期 ${e.date} 既列为放假又列为上班${where}`),
      );
      continue;
    }
    seen.set(e.date, e);
    if (e.kind === 'workday' && !isWeekend(e.date)) {
      issues.push(about(e, `调休上班日 ${e.date}（${WEEKDAY_NAMES[dayOfWeek(e.date)]}）不是周末，本来就是工作日`));
    }
  }
  return issues;
}

function checkYear(year: unknown): CalendarIssue[] {
  return Number.isInteger(year) && (year as number) >= 1949 && (year as number) <= 9999
    ? []
    : [{ message: `年度「${String(year)}」无效` }];
}

/** Validates a CalendarYear value; returns issues (empty when valid). */
export function validateCalendarYear(cy: CalendarYear): CalendarIssue[] {
  const yearIssues = checkYear(cy.year);
  if (yearIssues.length) return yearIssues;
  const entries: Entry[] = [
    ...cy.holidays.map((date) => ({ date, kind: 'holiday' as const })),
    ...cy.workdays.map((date) => ({ date, kind: 'workday' as const })),
  ];
  return checkEntries(cy.year, entries);
}

// ---------------------------------------------------------------- building

/** Builds a calendar; throws AppError('VALIDATION') listing every problem if any year is invalid or repeated. */
export function buildWorkCalendar(years: readonly CalendarYear[]): WorkCalendar {
  const issues: CalendarIssue[] = [];
  const seenYears = new Set<number>();
  for (const cy of years) {
    if (seenYears.has(cy.year)) issues.push({ message: `${cy.year}年的日历重复提供` });
    seenYears.add(cy.year);
    issues.push(...validateCalendarYear(cy).map((i) => ({ message: `${cy.year}年：${i.message}` })));
  }
  if (issues.length) {
    throw new AppError('VALIDATION', `工作日历数据有误：${issues[0]!.message}`, issues.map((i) => ({ field: 'calendar', message: i.message })));
  }
  return {
    years: [...seenYears].sort((a, b) => a - b),
    holidays: new Set(years.flatMap((y) => y.holidays)),
    workdays: new Set(years.flatMap((y) => y.workdays)),
  };
}

/** Which of the requested years the calendar covers; call it before a long computation to warn early. */
export function coverage(calendar: WorkCalendar, years: Iterable<number>): Coverage {
  const wanted = [...new Set(years)].sort((a, b) => a - b);
  const covered = wanted.filter((y) => calendar.years.includes(y));
  const missing = wanted.filter((y) => !calendar.years.includes(y));
  return { covered, missing, complete: missing.length === 0 };
}

/** Years touched by the dates from a to b inclusive — the input for coverage(). */
export function yearsBetween(a: IsoDate, b: IsoDate): number[] {
  const [lo, hi] = compareDates(a, b) <= 0 ? [yearOf(a), yearOf(b)] : [yearOf(b), yearOf(a)];
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

// ---------------------------------------------------------------- day arithmetic

/** What to do when a day of a missing year is needed: throw (strict) or note the year (assuming weekends). */
type GapPolicy = (year: number) => void;

const strictGap: GapPolicy = (year) => {
  throw new CalendarGapError([year]);
};

function dayIsWorking(calendar: WorkCalendar, date: IsoDate, onGap: GapPolicy): boolean {
  const year = yearOf(date);
  if (!calendar.years.includes(year)) onGap(year);
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  return !isWeekend(date);
}

function addWorkingDaysWith(calendar: WorkCalendar, date: IsoDate, n: number, onGap: GapPolicy): IsoDate {
  assertIsoDate(date);
  if (!Number.isInteger(n) || n < 0) throw new AppError('VALIDATION', `工作日天数必须为非负整数：${n}`);
  let current = date;
  let left = n;
  while (left > 0) {
    current = addDays(current, 1);
    if (dayIsWorking(calendar, current, onGap)) left--;
  }
  return current;
}

function countWorkingDaysWith(calendar: WorkCalendar, a: IsoDate, b: IsoDate, onGap: GapPolicy): number {
  const sign = compareDates(a, b);
  if (sign === 0) return 0;
  const [from, to] = sign < 0 ? [a, b] : [b, a];
  let count = 0;
  for (let d = addDays(from, 1); compareDates(d, to) <= 0; d = addDays(d, 1)) {
    if (dayIsWorking(calendar, d, onGap)) count++;
  }
  return sign < 0 ? count : -count;
}

function collectingGap(): { policy: GapPolicy; years: Set<number> } {
  const years = new Set<number>();
  return { policy: (y) => void years.add(y), years };
}

function assumed<T>(value: T, years: Set<number>): AssumedResult<T> {
  const list = [...years].sort((x, y) => x - y);
  return { value, assumedWeekendsOnly: list.length > 0, assumedYears: list };
}

/** Is the date a working day? Throws CalendarGapError if its year is not in the calendar. */
export function isWorkingDay(calendar: WorkCalendar, date: IsoDate): boolean {
  return dayIsWorking(calendar, assertIsoDate(date), strictGap);
}

/**
 * The n-th working day after `date` (counting starts the day after, as legal time limits do:
 * "收到之日起7个工作日内" ends on the 7th working day after receipt). n = 0 returns `date` itself.
 * Throws CalendarGapError when a day of a missing year is reached.
 */
export function addWorkingDays(calendar: WorkCalendar, date: IsoDate, n: number): IsoDate {
  return addWorkingDaysWith(calendar, date, n, strictGap);
}

/**
 * Working days in (a, b] — exclusive of a, inclusive of b — so that
 * addWorkingDays(a, workingDaysBetween(a, b)) = b whenever b is a working day.
 * When b is before a the result is negative: −(working days in (b, a]), e.g. "overdue by 3 working days".
 * Throws CalendarGapError when a day of a missing year is needed.
 */
export function workingDaysBetween(calendar: WorkCalendar, a: IsoDate, b: IsoDate): number {
  return countWorkingDaysWith(calendar, a, b, strictGap);
}

/** isWorkingDay, but a missing year is treated as Mon–Fri working and reported in the result. */
export function isWorkingDayAssumingWeekends(calendar: WorkCalendar, date: IsoDate): AssumedResult<boolean> {
  const gap = collectingGap();
  return assumed(dayIsWorking(calendar, assertIsoDate(date), gap.policy), gap.years);
}

/** addWorkingDays, but missing years are treated as Mon–Fri working and reported in the result. */
export function addWorkingDaysAssumingWeekends(calendar: WorkCalendar, date: IsoDate, n: number): AssumedResult<IsoDate> {
  const gap = collectingGap();
  return assumed(addWorkingDaysWith(calendar, date, n, gap.policy), gap.years);
}

/** workingDaysBetween, but missing years are treated as Mon–Fri working and reported in the result. */
export function workingDaysBetweenAssumingWeekends(calendar: WorkCalendar, a: IsoDate, b: IsoDate): AssumedResult<number> {
  const gap = collectingGap();
  return assumed(countWorkingDaysWith(calendar, a, b, gap.policy), gap.years);
}

// ---------------------------------------------------------------- import

export interface CalendarImportResult {
  /** the parsed year, or null when there were errors */
  calendar: CalendarYear | null;
  /** blocking problems, each message in Chinese naming the line when known */
  errors: CalendarIssue[];
  /** non-blocking remarks (e.g. no holidays listed at all) */
  warnings: CalendarIssue[];
}

export interface CalendarImportOptions {
  /** the year the office says it is importing; every date must belong to it */
  year?: number;
}

const HOLIDAY_WORDS = new Set(['休', '假', '放假', '休息', '休假', '节假日', 'holiday', 'off', 'h']);
const WORKDAY_WORDS = new Set(['班', '上班', '补班', '调休上班', 'workday', 'work', 'w']);

function kindOf(word: string): 'holiday' | 'workday' | null {
  const w = word.trim().toLowerCase();
  if (HOLIDAY_WORDS.has(w)) return 'holiday';
  if (WORKDAY_WORDS.has(w)) return 'workday';
  return null;
}

function finish(year: number | null, entries: Entry[], errors: CalendarIssue[], source?: string): CalendarImportResult {
  const warnings: CalendarIssue[] = [];
  if (year !== null) errors.push(...checkEntries(year, entries));
  // in the order of the file: problems without a line (the whole file) first, then line by line
  errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  if (year !== null && !entries.some((e) => e.kind === 'holiday')) {
    warnings.push({ message: `${year}年的日历未列出任何放假日期，请核对` });
  }
  if (errors.length || year === null) return { calendar: null, errors, warnings };
  const pick = (k: Entry['kind']) => entries.filter((e) => e.kind === k).map((e) => e.date).sort();
  const calendar: CalendarYear = { year, holidays: pick('holiday'), workdays: pick('workday') };
  if (source) calendar.source = source;
  return { calendar, errors, warnings };
}

/** Decides the file's year: the option, else the year of the first valid date; a conflict is an error. */
function resolveYear(entries: Entry[], declared: number | undefined, errors: CalendarIssue[]): number | null {
  if (declared !== undefined) {
    const bad = checkYear(declared);
    if (bad.length) {
      errors.push(...bad);
      return null;
    }
    return declared;
  }
  const first = entries.find((e) => isValidIsoDate(e.date));
  if (!first) {
    errors.push({ message: '没有找到任何有效日期，无法确定年度' });
    return null;
  }
  return yearOf(first.date);
}

const DATE_HEADER = /^(date|日期)$/i;
const KIND_HEADER = /^(type|kind|类型|类别)$/i;

/** One CSV cell: trimmed, surrounding double quotes removed ("" inside stands for one "). */
function cellValue(raw: string): string {
  const t = raw.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/""/g, '"').trim() : t;
}

/**
 * A date as people and spreadsheets write it, made 'YYYY-MM-DD': 2026-1-1, 2026/1/1 (Excel saving a CSV
 * in a Chinese locale), 2026.1.1, 2026年1月1日, 20260101. Anything else is returned unchanged, so the
 * error message shows what was written.
 */
export function normalizeCalendarDate(text: string): string {
  const t = text.trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : t;
}

/**
 * Parses CSV lines `date,kind` (kind 休/假/放假 or 班/上班/补班, or holiday/workday; a third column, e.g.
 * the holiday's name, is allowed and ignored). A header line (日期,类型 or date,type — in either order),
 * blank lines, lines starting with #, quoted cells, a UTF-8 BOM, CRLF line ends, and the dates as Excel
 * writes them (2026/1/1) are tolerated. Collects every error rather than stopping at the first.
 */
export function parseCalendarCsv(text: string, options: CalendarImportOptions = {}): CalendarImportResult {
  const errors: CalendarIssue[] = [];
  const entries: Entry[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let seenContent = false;
  let dateCol = 0;
  let kindCol = 1;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const content = raw.trim();
    if (!content || content.startsWith('#')) return;
    const cells = content.split(/[,，\t;；]/).map(cellValue);
    if (cells.every((c) => !c)) return; // a row of empty cells, as spreadsheets save them
    if (!seenContent && cells.some((c) => DATE_HEADER.test(c) || KIND_HEADER.test(c))) {
      seenContent = true;
      const d = cells.findIndex((c) => DATE_HEADER.test(c));
      const k = cells.findIndex((c) => KIND_HEADER.test(c));
      if (d < 0 || k < 0) errors.push(at(line, `表头应包含「日期」和「类型」两列（或 date、type）`));
      else [dateCol, kindCol] = [d, k];
      return; // header line
    }
    seenContent = true;
    const date = normalizeCalendarDate(cells[dateCol] ?? '');
    const kindWord = cells[kindCol] ?? '';
    if (!date) {
      errors.push(at(line, `缺少日期，应为「日期,休」或「日期,班」`));
      return;
    }
    if (!kindWord) {
      errors.push(at(line, `缺少类型列，应为「日期,休」或「日期,班」`));
      return;
    }
    const kind = kindOf(kindWord);
    if (!kind) {
      errors.push(at(line, `类型「${kindWord}」无法识别，应为 休 / 班（或 holiday / workday）`));
      return;
    }
    entries.push({ date, kind, line });
  });
  const year = resolveYear(entries, options.year, errors);
  return finish(year, entries, errors);
}

/** 1-based line of a character offset. */
function lineOfOffset(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** Line of the first occurrence of a JSON string literal, to point the user at it. */
function lineOfLiteral(text: string, value: string, fromLine = 1): number | undefined {
  const lines = text.split('\n');
  const needle = JSON.stringify(value);
  for (let i = fromLine - 1; i < lines.length; i++) if (lines[i]!.includes(needle)) return i + 1;
  return undefined;
}

/**
 * Offset of the first JSON syntax error. Node's JSON.parse messages do not always carry a position
 * (Node 20: "Unexpected token ',', ...\"01\",, is not valid JSON"), so a small recursive-descent
 * scan finds it; it runs only after JSON.parse has already failed.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => (text.startsWith(word, i) ? void (i += word.length) : fail());
  const string = () => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) fail();
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) fail();
    i += m![0].length;
  };
  const sequence = (close: string, item: () => void) => {
    i++;
    ws();
    if (text[i] === close) return void i++;
    for (;;) {
      item();
      ws();
      if (text[i] === ',') {
        i++;
        ws();
      } else if (text[i] === close) return void i++;
      else fail();
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      sequence('}', () => {
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
      });
    } else if (c === '[') sequence(']', value);
    else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else number();
  };
  try {
    value();
    ws();
    return i < text.length ? i : -1;
  } catch (at) {
    return typeof at === 'number' ? at : 0;
  }
}

function jsonSyntaxIssue(text: string): CalendarIssue {
  const offset = jsonErrorOffset(text);
  return at(offset >= 0 ? lineOfOffset(text, offset) : undefined, 'JSON 格式错误，无法解析');
}

/**
 * Parses a JSON calendar year: { "year": 2025, "holidays": [...], "workdays": [...], "source"?: "..." }.
 * Errors name the line of the offending value where it can be found in the text.
 */
export function parseCalendarJson(text: string, options: CalendarImportOptions = {}): CalendarImportResult {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { calendar: null, errors: [jsonSyntaxIssue(text.replace(/^\uFEFF/, ''))], warnings: [] };
  }
  const errors: CalendarIssue[] = [];
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { calendar: null, errors: [{ message: '日历 JSON 应为对象：{"year":…, "holidays":[…], "workdays":[…]}' }], warnings: [] };
  }
  const obj = data as Record<string, unknown>;
  const entries: Entry[] = [];
  for (const [field, kind] of [['holidays', 'holiday'], ['workdays', 'workday']] as const) {
    const list = obj[field];
    if (!Array.isArray(list)) {
      errors.push({ message: `缺少 ${field} 数组` });
      continue;
    }
    let searchFrom = 1;
    list.forEach((v, idx) => {
      const date = typeof v === 'string' ? v : JSON.stringify(v);
      const line = typeof v === 'string' ? lineOfLiteral(text, v, searchFrom) : undefined;
      if (line !== undefined) searchFrom = line;
      if (typeof v !== 'string') errors.push(at(line, `${field} 第${idx + 1}项「${date}」应为日期字符串`));
      else entries.push(line === undefined ? { date, kind } : { date, kind, line });
    });
  }
  if (obj.year !== undefined && options.year !== undefined && obj.year !== options.year) {
    errors.push({ message: `文件中的年度 ${String(obj.year)} 与导入的年度 ${options.year} 不一致` });
  }
  const declared = options.year ?? (obj.year === undefined ? undefined : (obj.year as number));
  const year = resolveYear(entries, declared, errors);
  const source = typeof obj.source === 'string' ? obj.source : undefined;
  return finish(year, entries, errors, source);
}

/**
 * Serializes a year as the CSV parseCalendarCsv reads (for export and round trips). `chineseHeader`
 * writes 日期,类型 — what an office opening the file in Excel expects.
 */
export function calendarYearToCsv(cy: CalendarYear, options: { chineseHeader?: boolean } = {}): string {
  const rows = [
    ...cy.holidays.map((d) => [d, '休'] as const),
    ...cy.workdays.map((d) => [d, '班'] as const),
  ].sort((x, y) => x[0].localeCompare(y[0]));
  return [options.chineseHeader ? '日期,类型' : 'date,kind', ...rows.map(([d, k]) => `${d},${k}`)].join('\n') + '\n';
}

/** What changed between two versions of a year (for the audit summary and the editor). */
export interface CalendarYearChanges {
  addedHolidays: string[];
  removedHolidays: string[];
  addedWorkdays: string[];
  removedWorkdays: string[];
}

export function diffCalendarYears(before: Pick<CalendarYear, 'holidays' | 'workdays'> | null, after: Pick<CalendarYear, 'holidays' | 'workdays'>): CalendarYearChanges {
  const minus = (a: readonly string[], b: readonly string[]) => {
    const other = new Set(b);
    return [...new Set(a)].filter((d) => !other.has(d)).sort();
  };
  const bh = before?.holidays ?? [];
  const bw = before?.workdays ?? [];
  return {
    addedHolidays: minus(after.holidays, bh),
    removedHolidays: minus(bh, after.holidays),
    addedWorkdays: minus(after.workdays, bw),
    removedWorkdays: minus(bw, after.workdays),
  };
}

/** Chinese one-liner for a day, e.g. '2025年2月8日（周六，调休上班）'; throws on a gap. */
export function describeDay(calendar: WorkCalendar, date: IsoDate): string {
  const working = isWorkingDay(calendar, date);
  const wd = WEEKDAY_NAMES[dayOfWeek(date)];
  const note = calendar.workdays.has(date) ? '调休上班' : calendar.holidays.has(date) ? '放假' : working ? '工作日' : '休息日';
  return `${formatChineseDate(date)}（${wd}，${note}）`;
}
