/**
 * The 任务分解表 as an Excel round trip. The office exports a plan as the sheet it already keeps,
 * edits owners, deadlines and wording in Excel, and uploads it back: the upload changes nothing —
 * it is read into a list of changes (shown as a diff) and problems (each with its row number), and
 * kept as a pending import. Only when the office confirms are the changes applied, all in one
 * transaction, each against the task version the sheet was read with.
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { inTransaction } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { plansRepo } from '../db/repositories/plans.ts';
import { periodsRepo, reportsRepo } from '../db/repositories/reports.ts';
import { taskSheetRepo } from '../db/repositories/task-sheet.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import type { AssignmentRow, TaskDeadlineRow, TaskOwnerRow } from '../db/schema.ts';
import { TASK_STATUSES } from '../domain/schedule.ts';
import { META_SHEET, TASK_SHEET_COLUMNS, writeTaskSheet, type TaskSheetKey, type TaskSheetRow } from '../exports/task-sheet.ts';
import { cellText, loadXlsx } from '../exports/xlsx.ts';
import { parseDeadlineClauses } from '../parser/deadlines.ts';
import { COMPLETION_LABEL } from '../shared/api/reports.ts';
import { TASK_SHEET_FIELD_LABEL, type TaskSheetApplyResult, type TaskSheetChange, type TaskSheetField, type TaskSheetPreview, type TaskSheetProblem } from '../shared/api/task-sheet.ts';
import type { PlanDeadline } from '../shared/plan-draft.ts';
import { AppError } from '../shared/errors.ts';
import { recordAudit } from './audit.ts';
import { nowIso, type ServiceContext } from './context.ts';
import { DirectoryIndex } from './directory-index.ts';
import { getPlan } from './plans.ts';
import { authorize, canManageDirectory, canReadReport } from './policies.ts';
import { taskNumber } from '../domain/task-number.ts';

/** More data rows than any plan has tasks: such a sheet is not a 任务分解表. */
export const MAX_SHEET_ROWS = 5000;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export { XLSX_TYPE };

const splitNames = (s: string) => [...new Set(s.split(/[、，,；;\n/]/).map((x) => x.trim()).filter(Boolean))];
const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
const dlKey = (d: { due: string | null; ongoing: boolean | number; recurring: string | null }) => `${d.due ?? ''}|${d.ongoing ? 1 : 0}|${d.recurring ?? ''}`;
const normText = (s: string) => s.replace(/\s+/g, '');

// ------------------------------------------------------------------ export

/**
 * The plan as a 任务分解表. Everyone of the region reads a plan; a liaison's sheet holds only the
 * tasks of their unit, and 最新进展 shows only reports the reader may read.
 */
export async function exportTaskSheet(ctx: ServiceContext, planId: string): Promise<{ fileName: string; data: Buffer }> {
  const plan = await getPlan(ctx, planId);
  const a = ctx.actor;
  const unitId = a.kind === 'user' && a.role === 'liaison' ? a.unitId : null;
  const tasks = plan.tasks.filter((t) => !unitId || t.assignments.some((x) => x.unitId === unitId));
  const byHeading = new Map(plan.headings.map((h) => [h.id, h]));
  const chapterOf = (hid: string | null) => {
    let h = hid ? byHeading.get(hid) : undefined;
    while (h?.parentId) h = byHeading.get(h.parentId);
    return h ? `${h.number}、${h.title}` : '';
  };
  const assignments = (await plansRepo.assignmentsOfPlan(ctx.db, plan.id)).filter((x) => x.active === 1);
  const periods = new Map((await periodsRepo.ofPlan(ctx.db, plan.id)).map((p) => [p.id, p]));
  const reports = (await reportsRepo.ofTasks(ctx.db, tasks.map((t) => t.id))).filter((r) => r.state !== 'draft' && canReadReport(a, r, assignments.filter((x) => x.task_id === r.task_id)));
  const latest = (taskId: string) => {
    const mine = reports.filter((r) => r.task_id === taskId && (!unitId || r.unit_id === unitId || r.role === 'lead'));
    const lead = mine.filter((r) => r.role === 'lead');
    const speaking = (lead.length ? lead : mine).sort((x, y) => (periods.get(x.period_id)?.start_date ?? '').localeCompare(periods.get(y.period_id)?.start_date ?? ''));
    const r = speaking.pop();
    if (!r) return '';
    const state = r.completion ? `（${COMPLETION_LABEL[r.completion as keyof typeof COMPLETION_LABEL]}${r.percent !== null ? `，${r.percent}%` : ''}）` : '';
    return `${periods.get(r.period_id)?.label ?? ''}：${r.narrative}${state}`;
  };
  const rows: TaskSheetRow[] = tasks.map((t, i) => ({
    seq: i + 1,
    chapter: chapterOf(t.headingId),
    text: t.text,
    lead: t.assignments.filter((x) => x.role === 'lead').map((x) => x.unitName).join('、'),
    co: t.assignments.filter((x) => x.role === 'co').map((x) => x.unitName).join('、'),
    leader: t.owners.filter((o) => o.role === 'leader').map((o) => o.printed).join('、'),
    deadline: t.deadlines.map((d) => d.raw).join('；'),
    status: t.status,
    progress: latest(t.id),
    id: t.id,
  }));
  const unitNames = (await unitsRepo.list(ctx.db, { regionId: plan.regionId, active: true })).filter((u) => !u.merged_into_id).map((u) => u.name);
  const data = await writeTaskSheet({ title: `${plan.title}任务分解表`, planId: plan.id, regionId: plan.regionId, exportedAt: nowIso(ctx), rows, unitNames, statuses: TASK_STATUSES });
  return { fileName: `${plan.title}任务分解表.xlsx`, data };
}

// ------------------------------------------------------------------ reading a sheet


/** Header texts each column is recognised by (a header that is none of them is reported). */
const HEADERS: Record<TaskSheetKey, string[]> = {
  seq: ['序号'],
  chapter: ['章节', '所属章节'],
  text: ['任务', '工作任务', '任务内容', '重点任务'],
  lead: ['牵头单位'],
  co: ['责任单位'],
  leader: ['牵头领导', '责任领导', '牵头县领导'],
  deadline: ['完成时限', '完成时间'],
  status: ['状态', '任务状态'],
  progress: ['最新进展', '进展情况'],
  id: ['编号', '编号请勿修改'],
};
const REQUIRED: TaskSheetKey[] = ['text', 'lead', 'co', 'leader', 'deadline'];
const headerOf = (key: TaskSheetKey) => TASK_SHEET_COLUMNS.find((c) => c.key === key)!.header;

const loadWorkbook = (bytes: Uint8Array): Promise<ExcelJS.Workbook> => loadXlsx(bytes, '任务分解表');

/** An Excel serial date (days since 1899-12-30) as YYYY-MM-DD. */
function serialDate(n: number): string | null {
  if (!Number.isFinite(n) || n < 1 || n > 2958465) return null;
  return new Date(Date.UTC(1899, 11, 30) + Math.round(n) * 86400000).toISOString().slice(0, 10);
}

/** The text of a 完成时限 cell: a date cell or an Excel serial number becomes YYYY-MM-DD. */
function deadlineText(v: ExcelJS.CellValue): string {
  if (typeof v === 'number') return serialDate(v) ?? String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (v && typeof v === 'object' && 'result' in v) return deadlineText(v.result as ExcelJS.CellValue);
  return cellText(v);
}

interface ApplyChange {
  row: number;
  taskId: string;
  version: number;
  text?: string;
  lead?: string[];
  co?: string[];
  leader?: string[];
  deadlines?: PlanDeadline[];
}

interface Reading {
  rows: number;
  unchanged: number;
  changes: TaskSheetChange[];
  apply: ApplyChange[];
  errors: TaskSheetProblem[];
  warnings: TaskSheetProblem[];
}

async function readSheet(ctx: ServiceContext, plan: Awaited<ReturnType<typeof getPlan>>, wb: ExcelJS.Workbook): Promise<Reading> {
  const out: Reading = { rows: 0, unchanged: 0, changes: [], apply: [], errors: [], warnings: [] };
  const fail = (message: string, row: number | null = null, column: string | null = null) => out.errors.push({ row, column, message });
  const meta = wb.getWorksheet(META_SHEET);
  const metaPlan = meta ? cellText(meta.getCell('B1').value) : '';
  if (metaPlan && metaPlan !== plan.id) {
    const other = await plansRepo.findById(ctx.db, metaPlan);
    fail(other && other.region_id === plan.regionId ? `这是「${other.title}」的任务分解表，不是「${plan.title}」的：请在对应方案中导入，或导出本方案的任务分解表编辑` : `这不是「${plan.title}」的任务分解表：请导出本方案的任务分解表编辑后再导入`);
    return out;
  }
  const ws = wb.getWorksheet('任务分解表') ?? wb.worksheets.find((w) => w.state === 'visible' && w.name !== META_SHEET);
  if (!ws) {
    fail('Excel 文件中没有工作表');
    return out;
  }
  const dataRows = ws.actualRowCount - 1;
  if (dataRows > MAX_SHEET_ROWS) {
    fail(`表格有 ${dataRows} 行数据，而本方案只有 ${plan.tasks.length} 项任务（任务分解表最多 ${MAX_SHEET_ROWS} 行）：请确认上传的是本方案导出的任务分解表`);
    return out;
  }
  // the header row: columns by their text, so a reordered sheet still reads
  const colOf = new Map<TaskSheetKey, number>();
  const unknown: string[] = [];
  ws.getRow(1).eachCell((c, col) => {
    const raw = cellText(c.value);
    const h = raw.replace(/[\s（）()]/g, '');
    if (!h) return;
    const key = (Object.keys(HEADERS) as TaskSheetKey[]).find((k) => HEADERS[k].some((x) => x === h) || (k === 'id' && h.startsWith('编号')));
    if (!key) return void unknown.push(raw);
    if (colOf.has(key)) return void fail(`「${raw}」列出现了两次`, 1, raw);
    colOf.set(key, col);
  });
  const missing = REQUIRED.filter((k) => !colOf.has(k));
  if (missing.length) {
    const renamed = unknown.length ? `；表中有不认识的列「${unknown.join('」「')}」，是否被改名？` : '';
    fail(`第 1 行缺少${missing.map((k) => `「${headerOf(k)}」`).join('')}列${renamed}请恢复导出时的表头（列的顺序可以调整）`, 1);
    return out;
  }
  for (const u of unknown) out.warnings.push({ row: 1, column: u, message: `「${u}」列不是任务分解表的列，导入时不读取` });
  if (!colOf.has('id')) out.warnings.push({ row: 1, column: null, message: '表中没有隐藏的「编号」列，已按任务内容对应方案中的任务；内容被改写的任务无法对应' });
  // merged cells in a column that is read would hide which row a value belongs to
  const readCols = new Map([...colOf].filter(([k]) => TASK_SHEET_COLUMNS.find((c) => c.key === k)!.imported).map(([k, c]) => [c, k]));
  for (const range of (ws.model as { merges?: string[] }).merges ?? []) {
    const [a, b] = range.split(':');
    const tl = ws.getCell(a!);
    const br = ws.getCell(b ?? a!);
    const cols: TaskSheetKey[] = [];
    for (let c = Number(tl.col); c <= Number(br.col); c++) if (readCols.has(c)) cols.push(readCols.get(c)!);
    if (!cols.length) continue;
    const rows = Number(tl.row) === Number(br.row) ? `第 ${tl.row} 行` : `第 ${tl.row}—${br.row} 行`;
    fail(`${rows}的${cols.map((k) => `「${headerOf(k)}」`).join('')}列有合并单元格（${range}）：请取消合并，并在每一行填写完整`, Number(tl.row), headerOf(cols[0]!));
  }
  if (out.errors.length) return out;

  const dir = await DirectoryIndex.load(ctx.db, plan.regionId);
  const tasks = new Map(plan.tasks.map((t) => [t.id, t]));
  const byText = new Map(plan.tasks.map((t) => [normText(t.text), t]));
  const rowsRead: { n: number; r: ExcelJS.Row; id: string }[] = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const get = (k: TaskSheetKey) => (colOf.has(k) ? cellText(r.getCell(colOf.get(k)!).value) : '');
    if (!REQUIRED.some((k) => get(k)) && !get('id')) return;
    rowsRead.push({ n, r, id: get('id') });
  });
  out.rows = rowsRead.length;
  const strangers = await taskSheetRepo.tasksByIdsAnyPlan(ctx.db, rowsRead.map((x) => x.id).filter((id) => id && !tasks.has(id) && /^[0-9a-f-]{36}$/.test(id)));
  const seen = new Map<string, number>();
  const versions = new Map((await plansRepo.tasksByIds(ctx.db, plan.tasks.map((t) => t.id))).map((t) => [t.id, t.version]));
  for (const { n, r, id } of rowsRead) {
    const get = (k: TaskSheetKey) => cellText(r.getCell(colOf.get(k)!).value);
    let task = id ? tasks.get(id) : byText.get(normText(get('text')));
    if (!task) {
      if (id && strangers.some((s) => s.id === id)) fail(`第 ${n} 行的任务属于另一个方案，不能导入到「${plan.title}」`, n, headerOf('id'));
      else if (id) fail(`第 ${n} 行的编号「${id.slice(0, 12)}…」对应不到本方案的任务：请不要修改或复制隐藏的编号列`, n, headerOf('id'));
      else fail(`第 ${n} 行对应不到本方案的任务（没有编号，任务内容也与方案不一致）：新增任务请导入新版本的方案`, n, headerOf('text'));
      continue;
    }
    if (seen.has(task.id)) {
      fail(`第 ${n} 行与第 ${seen.get(task.id)} 行是同一项任务`, n, null);
      continue;
    }
    seen.set(task.id, n);
    const fields: TaskSheetChange['fields'] = [];
    const apply: ApplyChange = { row: n, taskId: task.id, version: versions.get(task.id) ?? 1 };
    const change = (field: TaskSheetField, before: string, after: string) => fields.push({ field, label: TASK_SHEET_FIELD_LABEL[field], before, after });
    const rowErrors = out.errors.length;

    const text = get('text');
    if (!text) fail(`第 ${n} 行的任务内容是空的`, n, headerOf('text'));
    else if (text.length > 4000) fail(`第 ${n} 行的任务内容超过 4000 字`, n, headerOf('text'));
    else if (text !== task.text.trim()) {
      change('text', task.text, text);
      apply.text = text;
    }

    const resolveAll = (key: 'lead' | 'co') => {
      const ids: string[] = [];
      for (const name of splitNames(get(key))) {
        const m = dir.resolve(name).match;
        const unit = m ? dir.unit(m.unitId) : undefined;
        if (!unit) fail(`第 ${n} 行「${headerOf(key)}」中的「${name}」不在本地区单位名录中：请从下拉列表选择，或先在单位名录中添加`, n, headerOf(key));
        else if (unit.active !== 1) fail(`第 ${n} 行「${headerOf(key)}」中的「${unit.name}」已停用，不能承担任务`, n, headerOf(key));
        else if (!ids.includes(unit.id)) ids.push(unit.id);
      }
      return ids;
    };
    const lead = resolveAll('lead');
    const co = resolveAll('co');
    const both = lead.filter((u) => co.includes(u));
    if (both.length) fail(`第 ${n} 行「${dir.unit(both[0]!)!.name}」同时列为牵头单位和责任单位`, n, headerOf('co'));
    const curLead = task.assignments.filter((x) => x.role === 'lead');
    const curCo = task.assignments.filter((x) => x.role === 'co');
    const names = (ids: string[]) => ids.map((u) => dir.unit(u)?.name ?? '').join('、');
    if (!sameSet(lead, curLead.map((x) => x.unitId))) {
      change('lead', curLead.map((x) => x.unitName).join('、'), names(lead));
      apply.lead = lead;
    }
    if (!sameSet(co, curCo.map((x) => x.unitId))) {
      change('co', curCo.map((x) => x.unitName).join('、'), names(co));
      apply.co = co;
    }

    const leader = splitNames(get('leader'));
    const curLeader = task.owners.filter((o) => o.role === 'leader').map((o) => o.printed);
    if (!sameSet(leader, curLeader)) {
      if (leader.some((l) => l.length > 50)) fail(`第 ${n} 行的牵头领导超过 50 字`, n, headerOf('leader'));
      change('leader', curLeader.join('、'), leader.join('、'));
      apply.leader = leader;
    }

    const dlCell = r.getCell(colOf.get('deadline')!).value;
    const dlText = deadlineText(dlCell);
    const curDl = task.deadlines.map((d) => d.raw).join('；');
    if (dlText !== curDl) {
      const parsed = dlText ? parseDeadlineClauses(dlText, '', { year: plan.period?.[0] ?? null }) : [];
      const bad = parsed.filter((d) => !d.due && !d.ongoing && !d.recurring);
      if (bad.length) fail(`第 ${n} 行的完成时限「${dlText}」无法识别：请写成「2026年12月31日前」「2026-12-31」「2026年底前」或「长期坚持」`, n, headerOf('deadline'));
      else if (parsed.map(dlKey).join(';') !== task.deadlines.map(dlKey).join(';')) {
        const describe = (ds: { due: string | null; ongoing: boolean; recurring: string | null; raw: string }[]) => ds.map((d) => d.raw).join('；') || '（未填写）';
        change('deadline', describe(task.deadlines), describe(parsed));
        apply.deadlines = parsed;
      }
    }
    if (out.errors.length > rowErrors) continue;
    if (!fields.length) {
      out.unchanged++;
      continue;
    }
    out.changes.push({ row: n, taskId: task.id, number: taskNumber(task.path), text: task.text.slice(0, 60), fields });
    out.apply.push(apply);
  }
  const absent = plan.tasks.filter((t) => !seen.has(t.id)).length;
  if (absent && !out.errors.length) out.warnings.push({ row: null, column: null, message: `表中没有本方案的 ${absent} 项任务，这些任务不作修改（删除任务请导入新版本的方案）` });
  out.errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return out;
}

// ------------------------------------------------------------------ import: preview, then apply

/**
 * Reads an edited 任务分解表 and answers what it would change; nothing is written to the plan. A
 * sheet without errors and with changes is kept as a pending import for `applyTaskSheet`.
 */
export async function previewTaskSheet(ctx: ServiceContext, planId: string, file: { fileName: string; bytes: Uint8Array }): Promise<TaskSheetPreview> {
  const plan = await getPlan(ctx, planId);
  authorize(canManageDirectory(ctx.actor, plan.regionId), '导入任务分解表');
  const wb = await loadWorkbook(file.bytes);
  const r = await readSheet(ctx, plan, wb);
  let importId: string | null = null;
  if (!r.errors.length && r.apply.length) {
    importId = newId(ctx.clock.now().getTime());
    await taskSheetRepo.insert(ctx.db, {
      id: importId,
      region_id: plan.regionId,
      plan_id: plan.id,
      created_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      file_name: file.fileName,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      changes_json: JSON.stringify({ apply: r.apply, changes: r.changes }),
      status: 'pending',
      created_at: nowIso(ctx),
      applied_at: null,
    });
  }
  return { importId, planId: plan.id, fileName: file.fileName, rows: r.rows, unchanged: r.unchanged, changes: r.changes, errors: r.errors, warnings: r.warnings };
}

/**
 * Applies a confirmed import: every change at once, or none — a task edited on the platform since
 * the sheet was read makes the whole import a CONFLICT (export again and redo the edit).
 */
export async function applyTaskSheet(ctx: ServiceContext, planId: string, importId: string): Promise<TaskSheetApplyResult> {
  const plan = await getPlan(ctx, planId);
  authorize(canManageDirectory(ctx.actor, plan.regionId), '导入任务分解表');
  return inTransaction(ctx.db, async (trx) => {
    const imp = await taskSheetRepo.findById(trx, importId);
    if (!imp || imp.plan_id !== plan.id) throw new AppError('NOT_FOUND', '导入记录不存在');
    const now = nowIso(ctx);
    if (!(await taskSheetRepo.claim(trx, imp.id, 'applied', now))) throw new AppError('CONFLICT', '这份任务分解表已经导入（或已取消），不能重复导入');
    const { apply, changes } = JSON.parse(imp.changes_json) as { apply: ApplyChange[]; changes: TaskSheetChange[] };
    const ids = apply.map((c) => c.taskId);
    const assignments = await plansRepo.assignmentsOfPlan(trx, plan.id);
    const owners = await plansRepo.ownersOfTasks(trx, ids);
    const deadlines = await plansRepo.deadlinesOfTasks(trx, ids);
    const targets = await plansRepo.targetsOfTasks(trx, ids);
    let fields = 0;
    for (const c of apply) {
      if (!(await taskSheetRepo.updateTaskVersioned(trx, c.taskId, c.version, { ...(c.text !== undefined ? { text: c.text } : {}), updated_at: now }))) {
        throw new AppError('CONFLICT', `第 ${c.row} 行的任务在导出后已在平台上修改过：请重新导出任务分解表，再次编辑后导入`);
      }
      fields += c.text !== undefined ? 1 : 0;
      if (c.lead || c.co) {
        const mine = assignments.filter((a) => a.task_id === c.taskId);
        const want = new Map<string, 'lead' | 'co'>();
        for (const u of c.lead ?? mine.filter((a) => a.active === 1 && a.role === 'lead').map((a) => a.unit_id)) want.set(u, 'lead');
        for (const u of c.co ?? mine.filter((a) => a.active === 1 && a.role === 'co').map((a) => a.unit_id)) if (!want.has(u)) want.set(u, 'co');
        for (const a of mine) {
          const role = want.get(a.unit_id);
          if (!role && a.active === 1) await plansRepo.updateAssignment(trx, a.id, { active: 0, updated_at: now });
          else if (role && (a.active !== 1 || a.role !== role)) await plansRepo.updateAssignment(trx, a.id, { active: 1, role, source: 'manual', updated_at: now });
        }
        const added: AssignmentRow[] = [...want].filter(([u]) => !mine.some((a) => a.unit_id === u)).map(([u, role]) => ({ id: newId(), task_id: c.taskId, region_id: plan.regionId, unit_id: u, role, source: 'manual', active: 1, created_at: now, updated_at: now }));
        await plansRepo.insertAssignments(trx, added);
        fields += (c.lead ? 1 : 0) + (c.co ? 1 : 0);
      }
      if (c.leader || c.deadlines) {
        const ow: TaskOwnerRow[] = owners.filter((o) => o.task_id === c.taskId);
        const dl: TaskDeadlineRow[] = deadlines.filter((d) => d.task_id === c.taskId);
        const newOwners = c.leader
          ? [...ow.filter((o) => o.role !== 'leader'), ...c.leader.map((printed, i) => ({ id: newId(), task_id: c.taskId, region_id: plan.regionId, role: 'leader', printed, unit_id: null, group_id: null, sort_order: 1000 + i }))]
          : ow;
        const newDeadlines = c.deadlines
          ? c.deadlines.map((d, i) => ({ id: newId(), task_id: c.taskId, region_id: plan.regionId, raw: d.raw, due: d.due, ongoing: d.ongoing ? 1 : 0, recurring: d.recurring ?? null, at: d.at ?? null, sort_order: i }))
          : dl;
        await plansRepo.replaceTaskDetails(trx, [c.taskId], { owners: newOwners, deadlines: newDeadlines, targets: targets.filter((t) => t.task_id === c.taskId) });
        fields += (c.leader ? 1 : 0) + (c.deadlines ? 1 : 0);
      }
    }
    await recordAudit(trx, ctx, {
      action: 'task-sheet.apply',
      entityType: 'plan',
      entityId: plan.id,
      regionId: plan.regionId,
      summary: `导入任务分解表「${imp.file_name}」：修改 ${apply.length} 项任务的 ${fields} 处内容`,
      after: { importId: imp.id, sha256: imp.sha256, changes },
    });
    return { tasks: apply.length, fields };
  });
}

/** Drops a pending import the office decided not to apply. */
export async function cancelTaskSheet(ctx: ServiceContext, planId: string, importId: string): Promise<void> {
  const plan = await getPlan(ctx, planId);
  authorize(canManageDirectory(ctx.actor, plan.regionId), '导入任务分解表');
  const imp = await taskSheetRepo.findById(ctx.db, importId);
  if (!imp || imp.plan_id !== plan.id) throw new AppError('NOT_FOUND', '导入记录不存在');
  if (!(await taskSheetRepo.claim(ctx.db, imp.id, 'cancelled', nowIso(ctx)))) throw new AppError('CONFLICT', '这份任务分解表已经导入或取消');
}
