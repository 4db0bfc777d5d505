/**
 * List exports as background jobs. A job is a row (export_jobs) with its filters and progress; it
 * runs in the process that started it, reads its list page by page through the list's own service
 * (or, for reports, a keyset query under the same rule), and streams each row into the workbook
 * (exceljs' streaming writer commits rows to disk as it goes), so 100,000 rows never sit in memory.
 * Permissions are the lists' own, checked when the job starts and applied while it runs: a
 * liaison's export holds only its unit's rows. A job and its file are seen by whoever started it.
 */
import { createReadStream, mkdirSync, renameSync, rmSync, statSync, type ReadStream } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { exportJobsRepo, type ReportExportFilter } from '../db/repositories/export-jobs.ts';
import { plansRepo } from '../db/repositories/plans.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import { newId } from '../db/ids.ts';
import type { ExportJobRow } from '../db/schema.ts';
import { EXPORT_KIND_LABEL, StartExportRequest, type ExportFilters, type ExportJob, type ExportKind } from '../shared/api/dashboard.ts';
import { COMPLETION_LABEL, REPORT_STATE_LABEL } from '../shared/api/reports.ts';
import { ALERT_KIND_LABEL, NOTICE_STATES } from '../shared/api/supervision.ts';
import type { TaskListItem, TaskListQuery } from '../shared/api/tasks.ts';
import { AppError, isAppError } from '../shared/errors.ts';
import { listAlerts } from './alerts.ts';
import { nowIso, type ServiceContext } from './context.ts';
import { listNotices } from './notices.ts';
import { listTasks } from './task-list.ts';
import { reviewQueue } from './reports.ts';
import { inRegion, readsRegion, requireUser } from './policies.ts';
import { regionOf } from './supervision-settings.ts';
import { parseInput } from './validate.ts';
import { allPages, EXPORT_PAGE } from './paging.ts';
import { taskNumber } from '../domain/task-number.ts';

const PAGE = 1000;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Column {
  header: string;
  key: string;
  width: number;
}

interface Source {
  title: string;
  columns: Column[];
  total: number | null;
  rows: () => AsyncGenerator<Record<string, string | number>>;
}

const REVIEW_STATE_LABEL = { submitted: '待审核', returned: '已退回', accepted: '已通过' } as const;
const NOTICE_STATE_LABEL: Record<(typeof NOTICE_STATES)[number], string> = { open: '待反馈', replied: '已反馈', closed: '已销号' };
const chinaTime = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

/** What the job reads, after checking that the actor may read that list (NOT_FOUND otherwise). */
async function sourceOf(ctx: ServiceContext, kind: ExportKind, regionIdIn: string | undefined, f: ExportFilters): Promise<{ regionId: string; source: Source }> {
  const a = requireUser(ctx.actor);
  const liaisonUnit = a.role === 'liaison' ? a.unitId : null;
  if (kind === 'reports') {
    const regionId = regionOf(a, regionIdIn);
    let unitId = f.unitId;
    if (!readsRegion(a, regionId)) {
      if (!liaisonUnit || !inRegion(a, regionId) || (unitId && unitId !== liaisonUnit)) throw new AppError('NOT_FOUND', '地区不存在或您无权查看');
      unitId = liaisonUnit;
    }
    const filter: ReportExportFilter = { regionId, planId: f.planId, periodId: f.periodId, state: f.state, unitId };
    return {
      regionId,
      source: {
        title: '报送记录',
        total: await exportJobsRepo.countReports(ctx.db, filter),
        columns: [
          { header: '方案', key: 'plan', width: 28 },
          { header: '报送周期', key: 'period', width: 16 },
          { header: '任务编号', key: 'number', width: 10 },
          { header: '任务', key: 'text', width: 50 },
          { header: '单位', key: 'unit', width: 22 },
          { header: '角色', key: 'role', width: 8 },
          { header: '状态', key: 'state', width: 10 },
          { header: '完成情况', key: 'completion', width: 12 },
          { header: '进度（%）', key: 'percent', width: 10 },
          { header: '进展情况', key: 'narrative', width: 60 },
          { header: '提交时间', key: 'submitted', width: 17 },
          { header: '审核时间', key: 'reviewed', width: 17 },
          { header: '退回原因', key: 'returnReason', width: 30 },
        ],
        async *rows() {
          let after = '';
          for (;;) {
            const page = await exportJobsRepo.reportsPage(ctx.db, filter, after, PAGE);
            for (const r of page) {
              yield {
                plan: r.plan_title,
                period: r.period_label,
                number: taskNumber(r.path_json),
                text: r.text,
                unit: r.unit_name,
                role: r.role === 'lead' ? '牵头' : '责任',
                state: REPORT_STATE_LABEL[r.state as keyof typeof REPORT_STATE_LABEL] ?? r.state,
                completion: r.completion ? (COMPLETION_LABEL[r.completion as keyof typeof COMPLETION_LABEL] ?? r.completion) : '',
                percent: r.percent ?? '',
                narrative: r.narrative,
                submitted: chinaTime(r.submitted_at),
                reviewed: chinaTime(r.reviewed_at),
                returnReason: r.return_reason ?? '',
              };
            }
            if (page.length < PAGE) return;
            after = page[page.length - 1]!.id;
          }
        },
      },
    };
  }
  if (kind === 'tasks') {
    // the 「任务」 list itself, page by page, with every filter it takes: the file holds exactly its rows
    const planRow = f.planId ? await plansRepo.findById(ctx.db, f.planId) : undefined;
    const regionId = regionIdIn ?? planRow?.region_id ?? regionOf(a, undefined);
    const q: TaskListQuery = { regionId, planId: f.planId, headingId: f.headingId, unitId: f.unitId, status: f.status as TaskListQuery['status'], dueFrom: f.dueFrom, dueTo: f.dueTo, q: f.q || undefined };
    const first = await listTasks(ctx, { ...q, page: 1, pageSize: EXPORT_PAGE });
    // the cockpit's drill-down narrows further to the tasks a unit of a kind takes part in
    let keep: Set<string> | null = null;
    if (f.unitKind) {
      const kindOf = new Map((await unitsRepo.list(ctx.db, { regionId })).map((u) => [u.id, u.kind]));
      keep = new Set<string>();
      for (const p of await plansRepo.list(ctx.db, regionId)) {
        if (f.planId && p.id !== f.planId) continue;
        for (const x of await plansRepo.assignmentsOfPlan(ctx.db, p.id)) if (x.active === 1 && kindOf.get(x.unit_id) === f.unitKind) keep.add(x.task_id);
      }
    }
    const wanted = (t: TaskListItem) => !keep || keep.has(t.id);
    const several = first.plans.length > 1 && !f.planId;
    return {
      regionId,
      source: {
        title: `${planRow ? planRow.title : ''}任务清单`,
        total: keep ? null : first.total,
        columns: [
          { header: '编号', key: 'number', width: 10 },
          { header: '章节', key: 'chapter', width: 20 },
          { header: '任务', key: 'text', width: 60 },
          { header: '牵头单位', key: 'lead', width: 22 },
          { header: '责任单位', key: 'co', width: 28 },
          { header: '完成时限', key: 'due', width: 20 },
          { header: '状态', key: 'status', width: 10 },
          { header: '状态说明', key: 'reason', width: 30 },
          ...(several ? [{ header: '方案', key: 'plan', width: 28 }] : []),
        ],
        async *rows() {
          for await (const t of allPages(first, (page) => listTasks(ctx, { ...q, page, pageSize: EXPORT_PAGE }))) {
            if (!wanted(t)) continue;
            yield {
                number: t.number,
                chapter: t.chapter ?? '',
                text: t.text,
                lead: t.leadUnits.join('、'),
                co: t.coUnits.join('、'),
                due: t.deadline,
                status: t.status,
                reason: t.statusReason,
                ...(several ? { plan: t.planTitle } : {}),
              };
          }
        },
      },
    };
  }
  if (kind === 'review') {
    // the 报送审核 list as the office has it on screen: its own service, so the same rows and the same policy
    const regionId = regionOf(a, regionIdIn);
    const state = (f.state ?? 'submitted') as 'submitted' | 'returned' | 'accepted';
    if (!['submitted', 'returned', 'accepted'].includes(state)) throw new AppError('VALIDATION', '审核状态应为待审核、已退回或已通过', [{ field: 'filters.state', message: '审核状态应为 submitted、returned 或 accepted' }]);
    const items = await reviewQueue(ctx, { regionId, state, periodId: f.periodId });
    return {
      regionId,
      source: {
        title: `报送审核（${REVIEW_STATE_LABEL[state]}）`,
        total: items.length,
        columns: [
          { header: '编号', key: 'number', width: 10 },
          { header: '任务内容', key: 'text', width: 60 },
          { header: '报送单位', key: 'unit', width: 24 },
          { header: '周期', key: 'period', width: 16 },
          { header: '完成情况', key: 'completion', width: 14 },
          { header: '佐证材料（个）', key: 'evidence', width: 12 },
          { header: '提交时间', key: 'submitted', width: 17 },
        ],
        async *rows() {
          for (const i of items) {
            yield {
              number: i.number,
              text: i.text,
              unit: i.unitName,
              period: i.periodLabel,
              completion: i.completion ? `${COMPLETION_LABEL[i.completion]}${i.completion === 'in_progress' && i.percent !== null ? `（${i.percent}%）` : ''}` : '—',
              evidence: i.evidenceCount,
              submitted: chinaTime(i.submittedAt),
            };
          }
        },
      },
    };
  }
  if (kind === 'notices') {
    const q = { regionId: regionIdIn, state: f.state as (typeof NOTICE_STATES)[number] | undefined, unitId: f.unitId, year: f.year };
    const first = await listNotices(ctx, { ...q, page: 1, pageSize: EXPORT_PAGE });
    return {
      regionId: regionOf(a, regionIdIn),
      source: {
        title: '督办单',
        total: first.total,
        columns: [
          { header: '编号', key: 'number', width: 20 },
          { header: '承办单位', key: 'unit', width: 24 },
          { header: '状态', key: 'state', width: 10 },
          { header: '反馈期限', key: 'replyDue', width: 12 },
          { header: '是否逾期', key: 'overdue', width: 10 },
          { header: '签发时间', key: 'issued', width: 17 },
        ],
        async *rows() {
          for await (const n of allPages(first, (page) => listNotices(ctx, { ...q, page, pageSize: EXPORT_PAGE }))) yield { number: n.number, unit: n.unitName, state: NOTICE_STATE_LABEL[n.state], replyDue: n.replyDue, overdue: n.overdue ? '逾期' : '', issued: chinaTime(n.createdAt) };
        },
      },
    };
  }
  const alertKind = f.alertKind ?? 'warning';
  const q = { regionId: regionIdIn, kind: alertKind, status: f.state as 'open' | 'answered' | 'escalated' | undefined, unitId: f.unitId, year: f.year };
  const first = await listAlerts(ctx, { ...q, page: 1, pageSize: EXPORT_PAGE });
  return {
    regionId: regionOf(a, regionIdIn),
    source: {
      title: `${ALERT_KIND_LABEL[alertKind]}清单`,
      total: first.total,
      columns: [
        { header: '编号', key: 'number', width: 20 },
        { header: '类别', key: 'rule', width: 14 },
        { header: '单位', key: 'unit', width: 24 },
        { header: '任务', key: 'task', width: 40 },
        { header: '事项', key: 'title', width: 40 },
        { header: '到期日', key: 'due', width: 12 },
        { header: '答复', key: 'answer', width: 40 },
        { header: '升级时间', key: 'escalated', width: 17 },
      ],
      async *rows() {
        for await (const x of allPages(first, (page) => listAlerts(ctx, { ...q, page, pageSize: EXPORT_PAGE }))) yield { number: x.number, rule: x.ruleLabel, unit: x.unitName, task: x.taskNumber ? `${x.taskNumber} ${x.taskText ?? ''}` : '', title: x.title, due: x.dueDate ?? '', answer: x.answer ?? '', escalated: chinaTime(x.escalatedAt) };
      },
    },
  };
}

function present(j: ExportJobRow): ExportJob {
  const progress = j.status === 'done' ? 100 : j.total_rows ? Math.min(99, Math.floor((j.done_rows / j.total_rows) * 100)) : 0;
  return { id: j.id, kind: j.kind as ExportKind, kindLabel: EXPORT_KIND_LABEL[j.kind as ExportKind] ?? j.kind, status: j.status as ExportJob['status'], doneRows: j.done_rows, totalRows: j.total_rows, progress, fileName: j.file_name, size: j.size, error: j.error, createdAt: j.created_at, finishedAt: j.finished_at };
}

const running = new Map<string, Promise<void>>();

/** Bytes written into a streamed sheet and not yet taken by the zip (0 if exceljs changes its internals). */
function queuedBytes(ws: ExcelJS.Worksheet): number {
  const pipes = (ws as unknown as { stream?: { pipes?: { _writableState?: { length?: number } }[] } }).stream?.pipes ?? [];
  return pipes.reduce((n, p) => n + (p._writableState?.length ?? 0), 0);
}

/**
 * Starts an export of the list the actor has on screen, with its filters. Answers at once with the
 * queued job; the rows are written in the background (`waitForExportJob` awaits it).
 */
export async function startExportJob(ctx: ServiceContext, raw: StartExportRequest, opts: { dir: string }): Promise<ExportJob> {
  const input = parseInput(StartExportRequest, raw);
  const a = requireUser(ctx.actor);
  const { regionId, source } = await sourceOf(ctx, input.kind, input.regionId, input.filters);
  const now = nowIso(ctx);
  const stamp = now.slice(0, 10).replace(/-/g, '');
  const row: ExportJobRow = { id: newId(ctx.clock.now().getTime()), region_id: regionId, created_by: a.userId, kind: input.kind, params_json: JSON.stringify({ regionId: input.regionId ?? null, filters: input.filters }), status: 'queued', done_rows: 0, total_rows: source.total, file_name: `${source.title}（${stamp}）.xlsx`, file_path: null, size: null, error: null, created_at: now, started_at: null, finished_at: null };
  await exportJobsRepo.insert(ctx.db, row);
  const p = new Promise<void>((resolve) => setImmediate(resolve)).then(() => runExportJob(ctx, row.id, source, opts.dir)).finally(() => running.delete(row.id));
  running.set(row.id, p);
  return present(row);
}

/** Resolves when the job (started in this process) has finished, whatever its outcome. */
export async function waitForExportJob(id: string): Promise<void> {
  await running.get(id);
}

async function runExportJob(ctx: ServiceContext, id: string, source: Source, dir: string): Promise<void> {
  if (!(await exportJobsRepo.claim(ctx.db, id, nowIso(ctx)))) return;
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `${id}.xlsx.part`);
  const file = join(dir, `${id}.xlsx`);
  let done = 0;
  try {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useStyles: true, useSharedStrings: false });
    wb.creator = 'fazhi';
    const ws = wb.addWorksheet(source.title.slice(0, 31).replace(/[\\/?*[\]:]/g, ''), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = source.columns.map((c) => ({ header: c.header, key: c.key, width: c.width, style: { alignment: { vertical: 'top', wrapText: true } } }));
    const header = ws.getRow(1);
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    header.commit();
    for await (const r of source.rows()) {
      ws.addRow(r).commit();
      if (++done % PAGE === 0) {
        await exportJobsRepo.update(ctx.db, id, { done_rows: done });
        // backpressure: exceljs writes the sheet's XML into the zip without waiting for it to be
        // compressed and written out, so a fast reader would pile up the whole sheet in memory. Wait
        // while more than a few MB are queued in front of the zip.
        while (queuedBytes(ws) > 4 << 20) await new Promise((r) => setTimeout(r, 2));
      }
    }
    ws.commit();
    await wb.commit();
    renameSync(tmp, file);
    await exportJobsRepo.update(ctx.db, id, { status: 'done', done_rows: done, total_rows: done, file_path: file, size: statSync(file).size, finished_at: nowIso(ctx) });
  } catch (e) {
    rmSync(tmp, { force: true });
    const message = isAppError(e) ? e.message : '导出失败，请稍后重试';
    await exportJobsRepo.update(ctx.db, id, { status: 'failed', done_rows: done, error: message, finished_at: nowIso(ctx) }).catch(() => undefined);
  }
}

async function ownJob(ctx: ServiceContext, id: string): Promise<ExportJobRow> {
  const a = requireUser(ctx.actor);
  const j = await exportJobsRepo.findById(ctx.db, id);
  if (!j || j.created_by !== a.userId) throw new AppError('NOT_FOUND', '导出任务不存在或您无权查看');
  return j;
}

export async function getExportJob(ctx: ServiceContext, id: string): Promise<ExportJob> {
  return present(await ownJob(ctx, id));
}

export async function listExportJobs(ctx: ServiceContext): Promise<ExportJob[]> {
  const a = requireUser(ctx.actor);
  return (await exportJobsRepo.ofUser(ctx.db, a.userId)).map(present);
}

/** The finished file, streamed from disk. */
export async function openExportFile(ctx: ServiceContext, id: string): Promise<{ fileName: string; type: string; size: number; stream: ReadStream }> {
  const j = await ownJob(ctx, id);
  if (j.status !== 'done' || !j.file_path) throw new AppError('CONFLICT', j.status === 'failed' ? `导出失败：${j.error ?? ''}` : '导出尚未完成，请稍候');
  return { fileName: j.file_name ?? `${id}.xlsx`, type: XLSX_TYPE, size: j.size ?? 0, stream: createReadStream(j.file_path) };
}
