/**
 * The framework's Excel round trip: export the sheet, let the office edit it in Excel, import it back
 * as a new framework (or over an unused one). Every problem is reported with its row number and
 * nothing is saved unless the whole sheet is sound.
 */
import type ExcelJS from 'exceljs';
import { plansRepo } from '../db/repositories/plans.ts';
import { FRAMEWORK_COLUMNS, writeFrameworkWorkbook } from '../exports/framework-xlsx.ts';
import { cellText, loadXlsx } from '../exports/xlsx.ts';
import { RULE_LABEL, type ScoringRule } from '../domain/assessment.ts';
import { ScoringRuleSchema, type Framework, type IndicatorInputT, type IndicatorT } from '../shared/api/assessment.ts';
import { AppError } from '../shared/errors.ts';
import { getFramework, importedFramework, replaceFrameworkTree } from './assessment.ts';
import type { ServiceContext } from './context.ts';
import { authorize, officeOf } from './policies.ts';
import { taskNumber } from '../domain/task-number.ts';


/** The 评分方式 cell of a leaf. */
export function ruleText(rule: ScoringRule | null): string {
  if (!rule) return '';
  switch (rule.kind) {
    case 'metric_target':
      return rule.mode === 'proportional' ? '指标达标（按比例）' : '指标达标（达标得满分）';
    case 'deduction':
      return `扣分：${rule.per === 'overdue_notice' ? '逾期督办单' : '逾期未整改问题'}每件${rule.pointsEach}分`;
    default:
      return RULE_LABEL[rule.kind];
  }
}

/** Reads a 评分方式 cell back; a 规则代码 of the same kind keeps what the text cannot say (chapter, target). */
function parseRule(text: string, code: string): ScoringRule | string {
  let kept: ScoringRule | null = null;
  if (code) {
    try {
      const r = ScoringRuleSchema.safeParse(JSON.parse(code));
      if (r.success) kept = r.data as ScoringRule;
    } catch {
      /* a damaged code is ignored: the text decides */
    }
  }
  const t = text.replace(/\s/g, '');
  const ded = /^扣分[:：](逾期督办单|逾期未整改问题)每件(\d+(?:\.\d+)?)分$/.exec(t);
  if (ded) return { kind: 'deduction', per: ded[1] === '逾期督办单' ? 'overdue_notice' : 'unrectified_problem', pointsEach: Number(ded[2]) };
  const simple: Record<string, ScoringRule['kind']> = { 人工评分: 'manual', 任务按期完成率: 'tasks_on_time', 按时报送率: 'reports_on_time', 报送一次通过率: 'reports_first_pass' };
  const kind = simple[t];
  if (kind) return kept && kept.kind === kind ? kept : ({ kind } as ScoringRule);
  const metric = /^指标达标[(（](按比例|达标得满分)[)）]$/.exec(t);
  if (metric) {
    if (kept?.kind !== 'metric_target') return '「指标达标」须对应方案中的量化指标：请在导出的表格上修改（保留隐藏的规则代码列），或改为人工评分';
    return { ...kept, mode: metric[1] === '按比例' ? 'proportional' : 'all_or_nothing' };
  }
  return `评分方式「${text}」无法识别，应为：人工评分、任务按期完成率、按时报送率、报送一次通过率、指标达标（按比例）、指标达标（达标得满分）、扣分：逾期督办单每件N分、扣分：逾期未整改问题每件N分`;
}

export async function exportFramework(ctx: ServiceContext, id: string): Promise<{ fileName: string; data: Buffer }> {
  const f = await getFramework(ctx, id);
  const numbers = new Map<string, string>();
  if (f.sourcePlanId) for (const t of await plansRepo.tasks(ctx.db, f.sourcePlanId)) numbers.set(t.id, taskNumber(t.path_json));
  const data = await writeFrameworkWorkbook(`${f.name}（${f.year}年）`, f.indicators, (tid) => numbers.get(tid) ?? '', (i: IndicatorT) => ruleText(i.rule));
  return { fileName: `${f.name}.xlsx`, data };
}

interface Parsed {
  row: number;
  path: string[];
  points: number;
  rule: string;
  code: string;
  criteria: string;
  evidence: string;
  tasks: string;
}

/**
 * Reads the sheet into a tree. Rows give their path (一级 / 二级 / 三级); a row whose path has rows
 * below it is a parent and states the points its children must add up to; a parent without a row of
 * its own takes the sum of its children.
 */
export async function readFrameworkSheet(bytes: Uint8Array, taskIdOf: (number: string) => string | undefined, noPlanNote = ''): Promise<{ indicators: IndicatorInputT[]; errors: { row: number; message: string }[]; rowOfPath: Map<string, number> }> {
  const wb = await loadXlsx(bytes, '考核指标表');
  const ws = wb.worksheets[0]!;
  const col = new Map<string, number>();
  ws.getRow(1).eachCell((c, n) => {
    const h = cellText(c.value).replace(/\s/g, '');
    const def = FRAMEWORK_COLUMNS.find((d) => d.header === h);
    if (def) col.set(def.key, n);
  });
  for (const need of ['l1', 'points'] as const) if (!col.has(need)) throw new AppError('VALIDATION', `表头缺少「${FRAMEWORK_COLUMNS.find((d) => d.key === need)!.header}」列：请使用导出的考核指标表填写`);
  const errors: { row: number; message: string }[] = [];
  const rows: Parsed[] = [];
  const get = (r: ExcelJS.Row, k: string) => (col.has(k) ? cellText(r.getCell(col.get(k)!).value) : '');
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const names = [get(r, 'l1'), get(r, 'l2'), get(r, 'l3')];
    if (names.every((x) => !x) && !get(r, 'points')) return;
    const depth = names[2] ? 3 : names[1] ? 2 : 1;
    if (names.slice(0, depth).some((x) => !x)) return void errors.push({ row: n, message: '指标名称不完整：填写了下级指标就须同时填写其上级指标' });
    const p = Number(get(r, 'points'));
    if (!get(r, 'points') || !Number.isFinite(p) || p <= 0) return void errors.push({ row: n, message: `分值「${get(r, 'points')}」应为大于 0 的数` });
    rows.push({ row: n, path: names.slice(0, depth), points: p, rule: get(r, 'rule'), code: get(r, 'code'), criteria: get(r, 'criteria'), evidence: get(r, 'evidence'), tasks: get(r, 'tasks') });
  });
  if (!rows.length && !errors.length) throw new AppError('VALIDATION', '表格中没有指标');
  const key = (p: string[]) => p.join('\u0000');
  const declared = new Map<string, Parsed>();
  for (const r of rows) {
    if (declared.has(key(r.path))) errors.push({ row: r.row, message: `指标「${r.path.join(' › ')}」与第 ${declared.get(key(r.path))!.row} 行重复` });
    else declared.set(key(r.path), r);
  }
  const rowOfPath = new Map<string, number>();
  const build = (prefix: string[], level: number): IndicatorInputT[] => {
    const names: string[] = [];
    for (const r of rows) if (r.path.length >= level && key(r.path.slice(0, level - 1)) === key(prefix) && !names.includes(r.path[level - 1]!)) names.push(r.path[level - 1]!);
    return names.map((name) => {
      const path = [...prefix, name];
      const own = declared.get(key(path));
      const children = level < 3 ? build(path, level + 1) : [];
      const at = own?.row ?? rows.find((r) => key(r.path.slice(0, level)) === key(path))!.row;
      rowOfPath.set(path.join(' › '), at);
      const node: IndicatorInputT = { name, points: own?.points ?? children.reduce((s, c) => s + c.points, 0), criteria: own?.criteria || null, evidence: own?.evidence || null };
      if (children.length) {
        node.children = children;
        if (own?.rule) errors.push({ row: own.row, message: '该指标有下级指标，不设评分方式（得分由下级汇总）' });
      } else if (own) {
        if (!own.rule) errors.push({ row: own.row, message: '末级指标须填写评分方式' });
        else {
          const rule = parseRule(own.rule, own.code);
          if (typeof rule === 'string') errors.push({ row: own.row, message: rule });
          else node.rule = rule;
        }
      }
      if (own) {
        const ids: string[] = [];
        for (const num of own.tasks.split(/[、，,；;\s]+/).filter(Boolean)) {
          const id = taskIdOf(num);
          if (id) ids.push(id);
          else errors.push({ row: own.row, message: `关联任务「${num}」在方案中找不到${noPlanNote}` });
        }
        node.taskIds = ids;
      }
      return node;
    });
  };
  return { indicators: build([], 1), errors, rowOfPath };
}

/**
 * Imports the sheet: as a new framework of the region and year, or over an existing one not yet used
 * by a campaign (optimistic version). All rows are checked first; nothing is saved when any is wrong.
 */
export async function importFramework(ctx: ServiceContext, req: { regionId: string; year: number; name: string; planId?: string | null; frameworkId?: string; version?: number; bytes: Uint8Array }): Promise<Framework> {
  // who may, before reading a byte of the file
  authorize(officeOf(ctx.actor, req.regionId), '导入考核指标体系');
  const planId = req.frameworkId ? (await getFramework(ctx, req.frameworkId)).sourcePlanId : (req.planId ?? null);
  if (planId) {
    const plan = await plansRepo.findById(ctx.db, planId);
    if (!plan || plan.region_id !== req.regionId) throw new AppError('NOT_FOUND', '方案不存在或不属于本地区');
  }
  const numbers = new Map<string, string>();
  if (planId) for (const t of await plansRepo.tasks(ctx.db, planId)) numbers.set(taskNumber(t.path_json), t.id);
  const sheet = await readFrameworkSheet(req.bytes, (n) => numbers.get(n), planId ? '' : '（导入时未选择方案）');
  const rowMsg = (e: { row: number; message: string }) => ({ field: `第${e.row}行`, message: e.message });
  if (sheet.errors.length) throw new AppError('VALIDATION', `考核指标表有 ${sheet.errors.length} 处问题，未导入：${sheet.errors.slice(0, 3).map((e) => `第${e.row}行 ${e.message}`).join('；')}`, sheet.errors.map(rowMsg));
  const total = sheet.indicators.reduce((s, i) => s + i.points, 0);
  const withRows = (err: unknown): never => {
    // the tree's own checks name indicators; the sheet knows their rows
    if (err instanceof AppError && err.code === 'VALIDATION' && err.details.length) {
      const details = err.details.map((d) => ({ field: sheet.rowOfPath.has(d.field ?? '') ? `第${sheet.rowOfPath.get(d.field!)}行` : (d.field ?? ''), message: `${d.field}：${d.message}` }));
      throw new AppError('VALIDATION', `考核指标表有 ${details.length} 处问题，未导入：${details.slice(0, 3).map((d) => `${d.field} ${d.message}`).join('；')}`, details);
    }
    throw err;
  };
  if (req.frameworkId) return replaceFrameworkTree(ctx, req.frameworkId, { name: req.name, totalPoints: total, indicators: sheet.indicators, version: req.version ?? 0 }).catch(withRows);
  return importedFramework(ctx, req.regionId, { year: req.year, name: req.name, total, sourcePlanId: planId }, sheet.indicators).catch(withRows);
}
