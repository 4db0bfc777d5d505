/**
 * The working-day calendar the rules count with (节假日与调休), one row per announced year in
 * `calendar_years`. The admin edits a year, imports it from a JSON or CSV file, or deletes it; the offices
 * read it and see which years their plans need that are missing. Every rule that counts working days gets
 * its WorkCalendar from loadCalendar, which reads the table each time (a few rows), so a save on one
 * server is seen by every other at once.
 *
 * Shipped data: data/calendars/<year>.json holds the years announced when the release was made. A year
 * the table has never held (not even as a deleted row) is inserted from there on first use — insert if
 * absent, so two servers starting together insert it once, and an admin's edit or deletion is never
 * overwritten by a later start.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db, Executor } from '../db/client.ts';
import { inTransaction } from '../db/client.ts';
import { calendarRepo } from '../db/repositories/calendar.ts';
import { regionsRepo } from '../db/repositories/regions.ts';
import type { CalendarYearRow } from '../db/schema.ts';
import {
  buildWorkCalendar,
  calendarYearToCsv,
  diffCalendarYears,
  parseCalendarCsv,
  parseCalendarJson,
  validateCalendarYear,
  type CalendarIssue,
  type CalendarYear,
  type WorkCalendar,
} from '../domain/calendar.ts';
import { decodeText } from '../parser/decode.ts';
import type { CalendarImportResult, CalendarMissing, CalendarNeed, CalendarOverview, CalendarYearDetail, CalendarYearSummary, SaveCalendarYearRequest } from '../shared/api/calendar.ts';
import { systemClock, todayIn, type Clock } from '../shared/clock.ts';
import { AppError, STALE } from '../shared/errors.ts';
import { recordAudit } from './audit.ts';
import { nowIso, systemActor, type Actor, type ServiceContext } from './context.ts';
import { authorize, authorizeRead, canManageCalendar, canReadCalendar, officeOf, visibleRegionIds } from './policies.ts';

export const SHIPPED_CALENDAR_DIR = fileURLToPath(new URL('../../data/calendars/', import.meta.url));
const SHIPPED_BY = '系统（随附数据）';

// ------------------------------------------------------------------ shipped files

/** The years in data/calendars, validated; a broken file is a release bug and throws. */
export function readShippedCalendarYears(dir = SHIPPED_CALENDAR_DIR): CalendarYear[] {
  const years: CalendarYear[] = [];
  for (const f of readdirSync(dir).filter((n) => /^\d{4}\.json$/.test(n)).sort()) {
    const r = parseCalendarJson(readFileSync(join(dir, f), 'utf8'), { year: Number(f.slice(0, 4)) });
    if (!r.calendar) throw new Error(`工作日历文件 ${f} 有误：${r.errors.map((e) => e.message).join('；')}`);
    years.push(r.calendar);
  }
  return years;
}

/** The shipped files alone as a calendar (tests and tools that have no database). */
export function loadShippedCalendar(dir = SHIPPED_CALENDAR_DIR): WorkCalendar {
  return buildWorkCalendar(readShippedCalendarYears(dir));
}

// ------------------------------------------------------------------ seeding and loading

const toYear = (r: CalendarYearRow): CalendarYear => ({
  year: Number(r.year),
  holidays: JSON.parse(r.holidays_json) as string[],
  workdays: JSON.parse(r.workdays_json) as string[],
  ...(r.source ? { source: r.source } : {}),
});

/**
 * Inserts every shipped year the table has never held; returns the years inserted. Idempotent and
 * safe with several servers (insert if absent); each insertion is audited by the one that made it.
 */
export async function seedShippedCalendars(db: Db, clock: Clock, dir = SHIPPED_CALENDAR_DIR): Promise<number[]> {
  const known = new Set(await calendarRepo.knownYears(db));
  const todo = readShippedCalendarYears(dir).filter((cy) => !known.has(cy.year));
  const inserted: number[] = [];
  const ctx: ServiceContext = { db, clock, actor: systemActor('工作日历初始化') };
  for (const cy of todo) {
    await inTransaction(db, async (trx) => {
      const at = nowIso(ctx);
      const row: CalendarYearRow = { year: cy.year, holidays_json: JSON.stringify(cy.holidays), workdays_json: JSON.stringify(cy.workdays), source: cy.source ?? null, version: 1, updated_at: at, updated_by_name: SHIPPED_BY, deleted_at: null };
      if (!(await calendarRepo.insertIfAbsent(trx, row))) return;
      inserted.push(cy.year);
      await recordAudit(trx, ctx, { action: 'calendar.seed', entityType: 'calendar_year', entityId: String(cy.year), regionId: null, summary: `载入随系统提供的${cy.year}年节假日安排：放假 ${cy.holidays.length} 天，调休上班 ${cy.workdays.length} 天`, after: { holidays: cy.holidays, workdays: cy.workdays, source: cy.source ?? null } });
    });
  }
  return inserted;
}

/** Seeding runs once per process and database; a failure is not remembered, so the next use retries. */
const seeding = new WeakMap<object, Promise<unknown>>();
export async function ensureCalendarSeeded(db: Db, clock: Clock = systemClock): Promise<void> {
  let p = seeding.get(db);
  if (!p) {
    p = seedShippedCalendars(db, clock).catch((e: unknown) => {
      seeding.delete(db);
      throw e;
    });
    seeding.set(db, p);
  }
  await p;
}

/** The calendar as the database holds it now, for every rule that counts working days. */
export async function loadCalendar(db: Db, clock: Clock = systemClock): Promise<WorkCalendar> {
  await ensureCalendarSeeded(db, clock);
  return buildWorkCalendar((await calendarRepo.years(db)).map(toYear));
}

// ------------------------------------------------------------------ reading

const summary = (r: CalendarYearRow): CalendarYearSummary => {
  const cy = toYear(r);
  return { year: cy.year, source: r.source, holidayCount: cy.holidays.length, workdayCount: cy.workdays.length, version: r.version, updatedAt: r.updated_at, updatedByName: r.updated_by_name };
};

const detail = (r: CalendarYearRow): CalendarYearDetail => {
  const cy = toYear(r);
  return { ...summary(r), holidays: cy.holidays, workdays: cy.workdays };
};

export const missingYearMessage = (year: number) => `${year}年节假日安排未导入，涉及工作日的规则将按周一至周五计算并标注`;

function missingHint(year: number, currentYear: number): string {
  if (year > currentYear + 1) return `${year}年的安排通常于${year - 1}年第四季度由国务院办公厅公布，公布后由系统管理员导入`;
  if (year === currentYear + 1) return `国务院办公厅通常于每年第四季度公布下一年度安排；公布后由系统管理员导入或录入${year}年安排`;
  return `${year}年的安排早已公布，请系统管理员尽快导入或录入`;
}

/** Plans with no period, or an absurd one, add no years (at most 20 years per plan). */
function yearsOfPlan(start: number | null, end: number | null): number[] {
  const lo = start ?? end;
  const hi = end ?? start;
  if (lo === null || hi === null || hi < lo || hi - lo > 20) return [];
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

/** The regions whose plans an actor's overview covers: the one asked for, else all the actor may see as office. */
function overviewRegions(a: Actor, regionId: string | undefined): string[] | null {
  if (regionId) {
    if (!officeOf(a, regionId)) throw new AppError('NOT_FOUND', '地区不存在或您无权查看');
    return [regionId];
  }
  const visible = visibleRegionIds(a);
  return visible === null ? null : visible.filter((r) => officeOf(a, r));
}

/**
 * The years in the calendar, the years the region's plans (and today's rules) need, and the missing ones,
 * each with the warning the page shows. The admin without a region sees every region's plans.
 */
export async function listCalendarYears(ctx: ServiceContext, q: { regionId?: string } = {}): Promise<CalendarOverview> {
  authorizeRead(canReadCalendar(ctx.actor), '工作日历');
  const regionIds = overviewRegions(ctx.actor, q.regionId);
  await ensureCalendarSeeded(ctx.db, ctx.clock);
  const rows = await calendarRepo.years(ctx.db);
  const have = new Set(rows.map((r) => Number(r.year)));
  const today = todayIn(ctx.clock);
  const currentYear = Number(today.slice(0, 4));
  const regionName = new Map((await regionsRepo.list(ctx.db)).map((r) => [r.id, r.name]));
  const reasons = new Map<number, string[]>();
  const need = (year: number, why: string) => {
    const list = reasons.get(year) ?? [];
    if (!list.includes(why)) list.push(why);
    reasons.set(year, list);
  };
  need(currentYear, '当前年度（督办规则每天按工作日计算）');
  for (const p of await calendarRepo.planPeriods(ctx.db, regionIds)) {
    const years = yearsOfPlan(p.period_start, p.period_end);
    if (!years.length) continue;
    const span = years.length > 1 ? `${years[0]}—${years[years.length - 1]}年` : `${years[0]}年`;
    for (const y of years) need(y, `${regionName.get(p.region_id) ?? ''}：${p.title}（${span}）`);
  }
  const needed: CalendarNeed[] = [...reasons.keys()].sort((a, b) => a - b).map((year) => ({ year, covered: have.has(year), reasons: reasons.get(year)! }));
  const missing: CalendarMissing[] = needed.filter((n) => !n.covered).map((n) => ({ year: n.year, message: missingYearMessage(n.year), hint: missingHint(n.year, currentYear), reasons: n.reasons }));
  return { today, years: rows.map(summary), needed, missing, canEdit: canManageCalendar(ctx.actor) };
}

async function findInForce(db: Executor, year: number): Promise<CalendarYearRow> {
  const row = await calendarRepo.find(db, year);
  if (!row || row.deleted_at) throw new AppError('NOT_FOUND', `${year}年的节假日安排尚未导入`);
  return row;
}

export async function getCalendarYear(ctx: ServiceContext, year: number): Promise<CalendarYearDetail> {
  authorizeRead(canReadCalendar(ctx.actor), '工作日历');
  await ensureCalendarSeeded(ctx.db, ctx.clock);
  return detail(await findInForce(ctx.db, year));
}

/** A year as a file: CSV (日期,类型, with a BOM so Excel reads the Chinese) or JSON (the shape of data/calendars). */
export async function exportCalendarYear(ctx: ServiceContext, year: number, format: 'csv' | 'json'): Promise<{ fileName: string; data: Buffer; type: string }> {
  authorizeRead(canReadCalendar(ctx.actor), '工作日历');
  await ensureCalendarSeeded(ctx.db, ctx.clock);
  const cy = toYear(await findInForce(ctx.db, year));
  if (format === 'json') {
    const text = `${JSON.stringify({ year: cy.year, source: cy.source ?? null, holidays: cy.holidays, workdays: cy.workdays }, null, 2)}\n`;
    return { fileName: `${year}年节假日安排.json`, data: Buffer.from(text, 'utf8'), type: 'application/json; charset=utf-8' };
  }
  return { fileName: `${year}年节假日安排.csv`, data: Buffer.from(`\uFEFF${calendarYearToCsv(cy, { chineseHeader: true })}`, 'utf8'), type: 'text/csv; charset=utf-8' };
}

// ------------------------------------------------------------------ writing

const actorName = (a: Actor) => (a.kind === 'user' ? a.displayName : a.kind === 'system' ? a.name : '公众');

const sortDates = (list: readonly string[]) => [...list].sort();

/** Problems that make a year unusable: the domain's checks, and a year without a single day off. */
function yearIssues(cy: CalendarYear): CalendarIssue[] {
  const issues = validateCalendarYear(cy);
  if (!cy.holidays.length) issues.push({ field: 'holidays', message: `${cy.year}年没有列出任何放假日期：请按国务院办公厅的通知列出放假日期` });
  return issues;
}

function changeSummary(before: CalendarYear | null, after: CalendarYear): string {
  const c = diffCalendarYears(before, after);
  const part = (label: string, list: string[]) => (list.length ? `${label} ${list.slice(0, 5).join('、')}${list.length > 5 ? ` 等 ${list.length} 天` : ''}` : null);
  const parts = [part('新增放假', c.addedHolidays), part('取消放假', c.removedHolidays), part('新增调休上班', c.addedWorkdays), part('取消调休上班', c.removedWorkdays)].filter(Boolean);
  if (!before) return `放假 ${after.holidays.length} 天，调休上班 ${after.workdays.length} 天`;
  return parts.length ? parts.join('；') : before.source !== after.source ? '修改数据来源' : '内容未变';
}

const auditValue = (cy: CalendarYear | null) => (cy ? { holidays: cy.holidays, workdays: cy.workdays, source: cy.source ?? null } : undefined);

/**
 * Writes a year in one transaction: create (no version: the year must not be in force), change (the
 * version read), or replace whatever is there (import: `version: 'any'`). A deleted year is brought back.
 * Returns the row before and whether one was in force.
 */
async function writeYear(trx: Executor, ctx: ServiceContext, cy: CalendarYear, version: number | undefined | 'any'): Promise<CalendarYearRow | undefined> {
  const before = await calendarRepo.find(trx, cy.year);
  const patch = { holidays_json: JSON.stringify(cy.holidays), workdays_json: JSON.stringify(cy.workdays), source: cy.source ?? null, updated_at: nowIso(ctx), updated_by_name: actorName(ctx.actor) };
  const conflict = () => new AppError('CONFLICT', `${cy.year}年的节假日安排已被他人修改，请刷新后再改`, STALE);
  const inForce = before && !before.deleted_at;
  if (version === undefined && inForce) throw new AppError('CONFLICT', `${cy.year}年的节假日安排已存在（可能刚被他人录入），请刷新后在原有基础上修改`, STALE);
  if (typeof version === 'number' && !inForce) throw conflict();
  let ok: boolean;
  if (!before) ok = await calendarRepo.insertIfAbsent(trx, { year: cy.year, ...patch, version: 1, deleted_at: null });
  else if (before.deleted_at) ok = await calendarRepo.revive(trx, cy.year, before.version, patch);
  else ok = await calendarRepo.update(trx, cy.year, version === 'any' || version === undefined ? before.version : version, patch);
  if (!ok) throw conflict();
  return inForce ? before : undefined;
}

/** Creates or changes a year (admin). Dates must belong to the year; a 调休 workday is a Saturday or Sunday; no date is both. */
export async function saveCalendarYear(ctx: ServiceContext, year: number, req: SaveCalendarYearRequest): Promise<CalendarYearDetail> {
  authorize(canManageCalendar(ctx.actor), '修改工作日历');
  const cy: CalendarYear = { year, holidays: sortDates(req.holidays), workdays: sortDates(req.workdays), source: req.source.trim() };
  const issues = yearIssues(cy);
  if (issues.length) {
    throw new AppError('VALIDATION', `${year}年日历有误：${issues[0]!.message}${issues.length > 1 ? `（共 ${issues.length} 处）` : ''}`, issues.map((i) => ({ field: i.field ?? 'calendar', message: i.message })));
  }
  await inTransaction(ctx.db, async (trx) => {
    const before = await writeYear(trx, ctx, cy, req.version);
    const old = before ? toYear(before) : null;
    await recordAudit(trx, ctx, { action: before ? 'calendar.update' : 'calendar.create', entityType: 'calendar_year', entityId: String(year), regionId: null, summary: `${before ? '修改' : '录入'}${year}年节假日安排：${changeSummary(old, cy)}`, before: auditValue(old), after: auditValue(cy) });
  });
  return detail(await findInForce(ctx.db, year));
}

/** Deletes a year (admin): the rules then count it Monday to Friday and say so. Kept as a deleted row. */
export async function deleteCalendarYear(ctx: ServiceContext, year: number, version: number): Promise<void> {
  authorize(canManageCalendar(ctx.actor), '删除工作日历');
  const row = await findInForce(ctx.db, year);
  await inTransaction(ctx.db, async (trx) => {
    if (!(await calendarRepo.markDeleted(trx, year, version, nowIso(ctx), actorName(ctx.actor)))) throw new AppError('CONFLICT', `${year}年的节假日安排已被他人修改，请刷新后再删除`, STALE);
    await recordAudit(trx, ctx, { action: 'calendar.delete', entityType: 'calendar_year', entityId: String(year), regionId: null, summary: `删除${year}年节假日安排（涉及该年的工作日将按周一至周五计算并标注）`, before: auditValue(toYear(row)) });
  });
}

/** a year is a few dozen lines; anything this large is the wrong file */
const MAX_IMPORT_BYTES = 1024 * 1024;
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);
const issue = (i: CalendarIssue) => ({ line: i.line ?? null, message: i.message });

/**
 * Imports one year from a file (admin): JSON in the shape of data/calendars/<year>.json, or CSV
 * (日期,类型 with 休/假/holiday and 班/work; header optional) in UTF-8 with or without BOM, or GBK as
 * Excel saves it. All or nothing: when any line is wrong, nothing changes and every bad line is listed
 * with its number. A year already in force is replaced (audited with what it was).
 */
export async function importCalendarFile(ctx: ServiceContext, input: { fileName: string; bytes: Uint8Array; year?: number; source?: string }): Promise<CalendarImportResult> {
  authorize(canManageCalendar(ctx.actor), '导入工作日历');
  const { fileName, bytes } = input;
  if (!bytes.length) throw new AppError('VALIDATION', '上传的文件是空的，请选择填好的 CSV 或 JSON 文件', [{ field: 'file', message: '文件为空' }]);
  if (bytes.length > MAX_IMPORT_BYTES) throw new AppError('TOO_LARGE', '日历文件不应超过 1 MB：一个年度只有几十行，请检查是否选错了文件');
  if (startsWith(bytes, ZIP) || startsWith(bytes, OLE)) throw new AppError('UNSUPPORTED', '这是 Excel 文件：请在 Excel 中「另存为」CSV（逗号分隔）后再导入，或上传 JSON 文件');
  const { text, encoding } = decodeText(bytes);
  const format: 'json' | 'csv' = /\.json$/i.test(fileName) || (!/\.(csv|txt)$/i.test(fileName) && text.trimStart().startsWith('{')) ? 'json' : 'csv';
  const parsed = format === 'json' ? parseCalendarJson(text, { year: input.year }) : parseCalendarCsv(text, { year: input.year });
  const errors = parsed.errors.map(issue);
  const warnings = parsed.warnings.map(issue);
  const result = (over: Partial<CalendarImportResult>): CalendarImportResult => ({ applied: false, year: parsed.calendar?.year ?? input.year ?? null, format, encoding, holidayCount: 0, workdayCount: 0, replaced: false, errors, warnings, ...over });
  if (!parsed.calendar || errors.length) return result({});
  if (!parsed.calendar.holidays.length) {
    return result({ errors: [{ line: null, message: `文件中没有任何放假日期（只有调休上班日），未导入：请按国务院办公厅的通知列出${parsed.calendar.year}年的放假日期` }], warnings: [] });
  }
  const cy: CalendarYear = { ...parsed.calendar, source: input.source?.trim() || parsed.calendar.source || `从文件「${fileName}」导入（${todayIn(ctx.clock)}）` };
  const before = await inTransaction(ctx.db, async (trx) => {
    const b = await writeYear(trx, ctx, cy, 'any');
    const old = b ? toYear(b) : null;
    await recordAudit(trx, ctx, { action: 'calendar.import', entityType: 'calendar_year', entityId: String(cy.year), regionId: null, summary: `导入${cy.year}年节假日安排（${fileName}）：${old ? `替换原有数据；${changeSummary(old, cy)}` : changeSummary(null, cy)}`, before: auditValue(old), after: auditValue(cy) });
    return b;
  });
  return result({ applied: true, year: cy.year, holidayCount: cy.holidays.length, workdayCount: cy.workdays.length, replaced: !!before });
}
