/**
 * 考核 frameworks and campaigns. A framework is stored as rows of a tree and always validated whole
 * (domain/assessment.ts); a default one is built from a plan's own chapters and targets. A campaign
 * scores each unit: computed rules from the year's records (services/assessment-facts.ts), manual ones
 * from the assessor, with the unit's self-assessment beside them; the office approves (the results are
 * frozen with every indicator's explanation) and publishes (each unit then sees its own card and rank).
 */
import { inTransaction, type Executor } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { assessmentRepo } from '../db/repositories/assessment.ts';
import { plansRepo } from '../db/repositories/plans.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import { uploadsRepo } from '../db/repositories/reports.ts';
import type { AssessmentCampaignRow, AssessmentFrameworkRow, AssessmentIndicatorRow, AssessmentScoreRow } from '../db/schema.ts';
import { frameworkEditBlock, leavesOf, rank, rollUp, RULE_LABEL, scoreLeaf, validateFramework, whatIf as domainWhatIf, type IndicatorNode, type LeafScore, type ScoringRule, type UnitFacts } from '../domain/assessment.ts';
import {
  CAMPAIGN_STATE_LABEL,
  type Campaign,
  type CampaignState,
  type Framework,
  type FrameworkOptions,
  type IndicatorInputT,
  type IndicatorT,
  type Ranking,
  type SaveFrameworkRequest,
  type ScoreLine,
  type SelfEvidenceItem,
  type UnitScorecard,
} from '../shared/api/assessment.ts';
import { REPORT_STATE_LABEL, type ReportState } from '../shared/api/reports.ts';
import { todayIn } from '../shared/clock.ts';
import { formatChineseDate } from '../domain/dates.ts';
import { writeScorecardDocx } from '../exports/scorecard-docx.ts';
import { writeRankingWorkbook } from '../exports/ranking-xlsx.ts';
import { AppError, STALE } from '../shared/errors.ts';
import { recordAudit } from './audit.ts';
import { nowIso, type ServiceContext } from './context.ts';
import { unitFactsForYear, chapterIndex, type ProblemSource } from './assessment-facts.ts';
import { authorize, authorizeRead, canWriteFor, inRegion, officeOf, readsRegion, requireUser } from './policies.ts';
import { taskNumber } from '../domain/task-number.ts';

// ------------------------------------------------------------------ frameworks

function toTree(rows: AssessmentIndicatorRow[]): IndicatorT[] {
  const kids = new Map<string | null, AssessmentIndicatorRow[]>();
  for (const r of rows) kids.set(r.parent_id, [...(kids.get(r.parent_id) ?? []), r]);
  const build = (parent: string | null): IndicatorT[] =>
    (kids.get(parent) ?? []).map((r) => {
      const rule = r.rule_json ? (JSON.parse(r.rule_json) as ScoringRule) : null;
      return { id: r.id, level: r.level, name: r.name, points: r.points, rule, ruleLabel: rule ? RULE_LABEL[rule.kind] : null, criteria: r.criteria, evidence: r.evidence, taskIds: JSON.parse(r.task_ids_json) as string[], children: build(r.id) };
    });
  return build(null);
}

const asNodes = (tree: IndicatorT[]): IndicatorNode[] => tree.map((t) => ({ id: t.id, name: t.name, points: t.points, ...(t.rule ? { rule: t.rule } : {}), ...(t.children.length ? { children: asNodes(t.children) } : {}) }));

/** Rows for a tree given as input (new ids), in depth-first order. */
function toRows(frameworkId: string, regionId: string, input: IndicatorInputT[], ts: number): AssessmentIndicatorRow[] {
  const out: AssessmentIndicatorRow[] = [];
  const walk = (nodes: IndicatorInputT[], parent: string | null, level: number) => {
    for (const n of nodes) {
      const id = newId(ts);
      const leaf = !n.children?.length;
      out.push({ id, framework_id: frameworkId, region_id: regionId, parent_id: parent, level, sort_order: out.length, name: n.name, points: n.points, rule_json: leaf && n.rule ? JSON.stringify(n.rule) : null, criteria: n.criteria ?? null, evidence: n.evidence ?? null, task_ids_json: JSON.stringify(n.taskIds ?? []) });
      if (!leaf) walk(n.children!, id, level + 1);
    }
  };
  walk(input, null, 1);
  return out;
}

const inputOf = (tree: IndicatorT[]): IndicatorInputT[] => tree.map((t) => ({ name: t.name, points: t.points, rule: t.rule, criteria: t.criteria, evidence: t.evidence, taskIds: t.taskIds, ...(t.children.length ? { children: inputOf(t.children) } : {}) }));

/**
 * Validation of an input tree, plus what it names must exist in the region's plans: the metric of a
 * 指标达标 rule (a target), the chapter a rate is limited to, the 关联任务.
 */
async function problemsOf(ctx: ServiceContext, regionId: string, input: IndicatorInputT[], total: number) {
  const scratch = toRows('check', regionId, input, 0);
  const tree = toTree(scratch);
  const nodes = asNodes(tree);
  const problems = validateFramework(nodes, { total });
  const metricIds = leavesOf(nodes).flatMap((l) => (l.node.rule?.kind === 'metric_target' ? [{ id: l.node.rule.metricId, path: l.path.join(' › ') }] : []));
  const chapterIds = leavesOf(nodes).flatMap((l) => (l.node.rule && 'chapterId' in l.node.rule && l.node.rule.chapterId ? [{ id: l.node.rule.chapterId, path: l.path.join(' › ') }] : []));
  const linked: { ids: string[]; path: string }[] = [];
  const walk = (ts: IndicatorT[], trail: string[]) => {
    for (const t of ts) {
      const here = [...trail, t.name || '（未命名）'];
      if (t.taskIds.length) linked.push({ ids: t.taskIds, path: here.join(' › ') });
      walk(t.children, here);
    }
  };
  walk(tree, []);
  if (metricIds.length || chapterIds.length || linked.length) {
    const known = { metrics: new Set<string>(), chapters: new Set<string>(), tasks: new Set<string>() };
    for (const p of await plansRepo.list(ctx.db, regionId)) {
      if (metricIds.length) for (const t of await plansRepo.targetsOfPlan(ctx.db, p.id)) known.metrics.add(t.id);
      if (chapterIds.length) for (const h of await plansRepo.headings(ctx.db, p.id)) if (!h.parent_id) known.chapters.add(h.id);
      if (linked.length) for (const t of await plansRepo.tasks(ctx.db, p.id)) known.tasks.add(t.id);
    }
    for (const m of metricIds) if (!known.metrics.has(m.id)) problems.push({ path: m.path, message: '评分规则引用的量化指标不存在（可能已随方案修订删除），请重新选择' });
    for (const c of chapterIds) if (!known.chapters.has(c.id)) problems.push({ path: c.path, message: '评分规则限定的方案章节不存在，请重新选择' });
    for (const l of linked) {
      const gone = l.ids.filter((t) => !known.tasks.has(t)).length;
      if (gone) problems.push({ path: l.path, message: `有 ${gone} 项关联任务不存在或已从方案中删除，请重新选择` });
    }
  }
  return problems;
}

async function loadFramework(ctx: ServiceContext, id: string): Promise<AssessmentFrameworkRow> {
  const f = await assessmentRepo.findFramework(ctx.db, id);
  if (!f || !readsRegion(ctx.actor, f.region_id)) throw new AppError('NOT_FOUND', '考核指标体系不存在或您无权查看');
  return f;
}

export async function getFramework(ctx: ServiceContext, id: string): Promise<Framework> {
  const f = await loadFramework(ctx, id);
  const tree = toTree(await assessmentRepo.indicators(ctx.db, id));
  const usedBy = await assessmentRepo.campaignsUsingFramework(ctx.db, id);
  return { id: f.id, regionId: f.region_id, year: f.year, name: f.name, totalPoints: f.total_points, sourcePlanId: f.source_plan_id, indicators: tree, problems: validateFramework(asNodes(tree), { total: f.total_points }), inUse: usedBy.length > 0, editBlock: frameworkEditBlock(usedBy), version: f.version };
}

/**
 * The named guard of every edit of a framework: none while any campaign uses it (its scores hang off
 * the indicators a saved tree would replace). CONFLICT, naming the campaigns.
 */
export async function assertFrameworkEditable(db: Executor, id: string): Promise<void> {
  const block = frameworkEditBlock(await assessmentRepo.campaignsUsingFramework(db, id));
  if (block) throw new AppError('CONFLICT', block);
}


/** What the editor offers to pick: the region's plans with their chapters, active tasks and targets. */
export async function frameworkOptions(ctx: ServiceContext, id: string): Promise<FrameworkOptions> {
  const f = await loadFramework(ctx, id);
  const out: FrameworkOptions = { plans: [], chapters: [], tasks: [], metrics: [] };
  for (const p of await plansRepo.list(ctx.db, f.region_id)) {
    const [headings, tasks, targets] = await Promise.all([plansRepo.headings(ctx.db, p.id), plansRepo.tasks(ctx.db, p.id), plansRepo.targetsOfPlan(ctx.db, p.id)]);
    out.plans.push({ id: p.id, title: p.title });
    for (const h of headings) if (!h.parent_id) out.chapters.push({ id: h.id, planId: p.id, label: `${h.number}${h.title}`.replace(/^([一二三四五六七八九十]+)、?/, '$1、') });
    const number = new Map(tasks.map((t) => [t.id, taskNumber(t.path_json)]));
    for (const t of tasks) out.tasks.push({ id: t.id, planId: p.id, number: number.get(t.id)!, text: t.text.slice(0, 120) });
    for (const t of targets) if (number.has(t.task_id)) out.metrics.push({ id: t.id, planId: p.id, taskId: t.task_id, taskNumber: number.get(t.task_id)!, name: (t.metric ?? t.raw).slice(0, 60), raw: t.raw });
  }
  return out;
}

export async function listFrameworks(ctx: ServiceContext, regionId: string) {
  authorizeRead(readsRegion(ctx.actor, regionId), '该地区');
  return { items: (await assessmentRepo.listFrameworks(ctx.db, regionId)).map((f) => ({ id: f.id, year: f.year, name: f.name, totalPoints: f.total_points, version: f.version })) };
}

async function insertFramework(ctx: ServiceContext, regionId: string, head: { year: number; name: string; total: number; sourcePlanId: string | null; copiedFrom: string | null }, input: IndicatorInputT[], action: string): Promise<Framework> {
  authorize(officeOf(ctx.actor, regionId), '制定考核指标体系');
  if (await assessmentRepo.frameworkByName(ctx.db, regionId, head.year, head.name)) throw new AppError('CONFLICT', `${head.year}年已有名为「${head.name}」的指标体系，请换一个名称`);
  const problems = await problemsOf(ctx, regionId, input, head.total);
  if (problems.length) throw new AppError('VALIDATION', `指标体系有 ${problems.length} 处问题：${problems.slice(0, 3).map((p) => `${p.path}：${p.message}`).join('；')}`, problems.map((p) => ({ field: p.path, message: p.message })));
  const now = nowIso(ctx);
  const id = newId(ctx.clock.now().getTime());
  await inTransaction(ctx.db, async (trx) => {
    await assessmentRepo.insertFramework(trx, { id, region_id: regionId, year: head.year, name: head.name, total_points: head.total, source_plan_id: head.sourcePlanId, copied_from_id: head.copiedFrom, version: 1, created_at: now, updated_at: now }, toRows(id, regionId, input, ctx.clock.now().getTime()));
    await recordAudit(trx, ctx, { action, entityType: 'assessment_framework', entityId: id, regionId, summary: `${action === 'framework.copy' ? '复制' : action === 'framework.import' ? '导入' : '生成'}考核指标体系「${head.name}」（${head.year}年）`, after: { name: head.name, year: head.year, total: head.total } });
  });
  return getFramework(ctx, id);
}

/** Sibling names must differ: a name used more than once gets its qualifier (the task it belongs to). */
export function uniqueNames(items: { name: string; qualifier: string }[]): string[] {
  const count = new Map<string, number>();
  for (const i of items) count.set(i.name, (count.get(i.name) ?? 0) + 1);
  const seen = new Set<string>();
  return items.map((i) => {
    let n = count.get(i.name)! > 1 ? `${i.name}（${i.qualifier}）` : i.name;
    for (let k = 2; seen.has(n); k++) n = `${i.name}（${i.qualifier}·${k}）`;
    seen.add(n);
    return n;
  });
}

/** Largest-remainder split of `total` points over weights, in whole points. */
export function splitPoints(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!sum) return weights.map(() => 0);
  const raw = weights.map((w) => (w / sum) * total);
  const out = raw.map(Math.floor);
  const order = raw.map((r, i) => ({ i, rem: r - Math.floor(r) })).sort((a, b) => b.rem - a.rem);
  const short = total - out.reduce((a, b) => a + b, 0);
  for (let k = 0; k < short; k++) out[order[k % order.length]!.i]!++;
  return out;
}

/**
 * A county's default framework from its plan (100 points): one first-level indicator per chapter that
 * has tasks (70 points by their number of tasks; each split 60/40 into 任务按期完成 and 进展按时报送 of
 * that chapter), one for the plan's numeric targets (20 points, proportional to the target), and one for
 * 督办 and 督察 (10 points of deductions). Without numeric targets their points go to the chapters.
 */
export async function defaultFramework(ctx: ServiceContext, req: { planId: string; year: number; name?: string }): Promise<Framework> {
  const plan = await plansRepo.findById(ctx.db, req.planId);
  if (!plan || !readsRegion(ctx.actor, plan.region_id)) throw new AppError('NOT_FOUND', '方案不存在或您无权查看');
  const [headings, tasks, targets] = await Promise.all([plansRepo.headings(ctx.db, plan.id), plansRepo.tasks(ctx.db, plan.id), plansRepo.targetsOfPlan(ctx.db, plan.id)]);
  const active = tasks.filter((t) => t.active === 1);
  const chapterOf = chapterIndex(headings, active);
  const chapters = headings.filter((h) => !h.parent_id).map((h) => ({ h, tasks: active.filter((t) => chapterOf.get(t.id) === h.id) })).filter((c) => c.tasks.length);
  if (!chapters.length) throw new AppError('UNPROCESSABLE', '该方案没有按章节归属的任务，无法生成默认指标体系，请手工制定');
  const numeric = targets.filter((t) => t.value_num !== null && t.op && t.op !== 'achieve' && t.op !== 'done' && active.some((a) => a.id === t.task_id)).slice(0, 10);
  const targetPoints = numeric.length ? 20 : 0;
  const chapterPoints = splitPoints(90 - targetPoints, chapters.map((c) => c.tasks.length));
  const input: IndicatorInputT[] = chapters.map((c, i) => {
    const p = chapterPoints[i]!;
    const onTime = Math.round(p * 0.6);
    return {
      name: `${c.h.number}${c.h.title}`.replace(/^([一二三四五六七八九十]+)、?/, '$1、'),
      points: p,
      taskIds: c.tasks.map((t) => t.id),
      children: [
        { name: '任务按期完成', points: onTime, rule: { kind: 'tasks_on_time', chapterId: c.h.id }, criteria: '本章节牵头任务按期完成率 × 分值；本年度无到期任务的按满分计', evidence: '任务完成的进展报送及佐证材料' },
        { name: '进展按时报送', points: p - onTime, rule: { kind: 'reports_on_time', chapterId: c.h.id }, criteria: '本章节任务进展按时报送率 × 分值', evidence: '平台报送记录' },
      ],
    };
  });
  if (numeric.length) {
    const each = splitPoints(targetPoints, numeric.map(() => 1));
    const number = new Map(active.map((t) => [t.id, taskNumber(t.path_json)]));
    const names = uniqueNames(numeric.map((t) => ({ name: (t.metric ?? t.raw).slice(0, 50), qualifier: `任务${number.get(t.task_id) ?? ''}` })));
    input.push({ name: '量化指标完成', points: targetPoints, children: numeric.map((t, i) => ({ name: names[i]!, points: each[i]!, rule: { kind: 'metric_target', metricId: t.id, mode: 'proportional' }, criteria: `${t.raw}；按实际值与目标值之比计分，达标得满分`, evidence: '进展报送中填报的指标值及统计材料', taskIds: [t.task_id] })) });
  }
  input.push({
    name: '督办督察落实',
    points: 10,
    children: [
      { name: '督办单按期反馈', points: 5, rule: { kind: 'deduction', per: 'overdue_notice', pointsEach: 1 }, criteria: '督办单逾期未反馈或逾期反馈的，每件扣1分，扣完为止', evidence: '督办单办理记录' },
      { name: '督察问题按期整改', points: 5, rule: { kind: 'deduction', per: 'unrectified_problem', pointsEach: 1 }, criteria: '督察发现问题逾期未整改销号的，每个扣1分，扣完为止', evidence: '问题清单及整改报告' },
    ],
  });
  // chapters take 90 − targets, then 督办督察 10: 100 in all
  return insertFramework(ctx, plan.region_id, { year: req.year, name: req.name ?? `${req.year}年度法治政府建设考核指标`, total: 100, sourcePlanId: plan.id, copiedFrom: null }, input, 'framework.generate');
}

/** A framework read from an Excel sheet (services/assessment-sheet.ts). */
export const importedFramework = (ctx: ServiceContext, regionId: string, head: { year: number; name: string; total: number; sourcePlanId: string | null }, input: IndicatorInputT[]) =>
  insertFramework(ctx, regionId, { ...head, copiedFrom: null }, input, 'framework.import');

/** Next year's framework starts as a copy of this one. */
export async function copyFramework(ctx: ServiceContext, id: string, req: { year: number; name?: string }): Promise<Framework> {
  const f = await getFramework(ctx, id);
  return insertFramework(ctx, f.regionId, { year: req.year, name: req.name ?? f.name.replace(String(f.year), String(req.year)), total: f.totalPoints, sourcePlanId: f.sourcePlanId, copiedFrom: f.id }, inputOf(f.indicators), 'framework.copy');
}

/** The same as saving from the editor; the sheet import uses it to replace an unused framework. */
export const replaceFrameworkTree = (ctx: ServiceContext, id: string, req: SaveFrameworkRequest) => saveFramework(ctx, id, req);

/** Saves an edited tree whole. A framework a campaign uses is frozen: copy it instead. */
export async function saveFramework(ctx: ServiceContext, id: string, req: SaveFrameworkRequest): Promise<Framework> {
  const f = await loadFramework(ctx, id);
  authorize(officeOf(ctx.actor, f.region_id), '修改考核指标体系');
  await assertFrameworkEditable(ctx.db, id);
  const problems = await problemsOf(ctx, f.region_id, req.indicators, req.totalPoints);
  if (problems.length) throw new AppError('VALIDATION', `指标体系有 ${problems.length} 处问题：${problems.slice(0, 3).map((p) => `${p.path}：${p.message}`).join('；')}`, problems.map((p) => ({ field: p.path, message: p.message })));
  await inTransaction(ctx.db, async (trx) => {
    await assertFrameworkEditable(trx, id);
    if (!(await assessmentRepo.replaceTree(trx, id, req.version, { name: req.name, total_points: req.totalPoints, updated_at: nowIso(ctx) }, toRows(id, f.region_id, req.indicators, ctx.clock.now().getTime())))) throw new AppError('CONFLICT', '指标体系已被他人修改，请刷新后再改', STALE);
    await recordAudit(trx, ctx, { action: 'framework.update', entityType: 'assessment_framework', entityId: id, regionId: f.region_id, summary: `修改考核指标体系「${req.name}」`, before: { name: f.name, total: f.total_points }, after: { name: req.name, total: req.totalPoints, leaves: leavesOf(asNodes(toTree(toRows(id, f.region_id, req.indicators, 0)))).length } });
  });
  return getFramework(ctx, id);
}

// ------------------------------------------------------------------ campaigns

const presentCampaign = (c: AssessmentCampaignRow, frameworkName: string): Campaign => ({
  id: c.id,
  regionId: c.region_id,
  frameworkId: c.framework_id,
  frameworkName,
  year: c.year,
  name: c.name,
  state: c.state as CampaignState,
  stateLabel: CAMPAIGN_STATE_LABEL[c.state as CampaignState],
  unitIds: JSON.parse(c.unit_ids_json) as string[],
  assessorIds: JSON.parse(c.assessor_ids_json) as string[],
  approvedAt: c.approved_at,
  publishedAt: c.published_at,
  version: c.version,
});

/** Who may see a campaign at all: the office and leaders; its assessors; the units in it. */
function seesCampaign(ctx: ServiceContext, c: AssessmentCampaignRow): boolean {
  const a = ctx.actor;
  if (officeOf(a, c.region_id)) return true;
  if (a.kind !== 'user' || !inRegion(a, c.region_id)) return false;
  if (a.role === 'leader') return true;
  if (a.role === 'inspector') return (JSON.parse(c.assessor_ids_json) as string[]).includes(a.userId);
  return a.role === 'liaison' && !!a.unitId && (JSON.parse(c.unit_ids_json) as string[]).includes(a.unitId);
}
const isAssessor = (ctx: ServiceContext, c: AssessmentCampaignRow) => officeOf(ctx.actor, c.region_id) || (ctx.actor.kind === 'user' && ctx.actor.role === 'inspector' && (JSON.parse(c.assessor_ids_json) as string[]).includes(ctx.actor.userId));

async function loadCampaign(ctx: ServiceContext, id: string): Promise<AssessmentCampaignRow> {
  const c = await assessmentRepo.findCampaign(ctx.db, id);
  if (!c || !seesCampaign(ctx, c)) throw new AppError('NOT_FOUND', '考核不存在或您无权查看');
  return c;
}

export async function createCampaign(ctx: ServiceContext, req: { frameworkId: string; name: string; unitIds: string[]; assessorIds: string[] }): Promise<Campaign> {
  const f = await loadFramework(ctx, req.frameworkId);
  authorize(officeOf(ctx.actor, f.region_id), '组织考核');
  const fw = await getFramework(ctx, f.id);
  if (fw.problems.length) throw new AppError('VALIDATION', '指标体系尚有问题，请先修正后再组织考核', fw.problems.map((p) => ({ field: p.path, message: p.message })));
  const units = await unitsRepo.findByIds(ctx.db, [...new Set(req.unitIds)]);
  if (units.length !== new Set(req.unitIds).size || units.some((u) => u.region_id !== f.region_id)) throw new AppError('VALIDATION', '所选单位不存在或不属于本地区', [{ field: 'unitIds', message: '单位不存在' }]);
  const now = nowIso(ctx);
  const row: AssessmentCampaignRow = { id: newId(ctx.clock.now().getTime()), region_id: f.region_id, framework_id: f.id, year: f.year, name: req.name, state: 'self_assess', unit_ids_json: JSON.stringify(units.map((u) => u.id)), assessor_ids_json: JSON.stringify([...new Set(req.assessorIds)]), approved_at: null, approved_by_name: null, published_at: null, version: 1, created_at: now, updated_at: now };
  await inTransaction(ctx.db, async (trx) => {
    await assessmentRepo.insertCampaign(trx, row);
    await recordAudit(trx, ctx, { action: 'assessment.create', entityType: 'assessment_campaign', entityId: row.id, regionId: f.region_id, summary: `组织考核「${req.name}」（${units.length} 个单位）`, after: { frameworkId: f.id, units: units.length } });
  });
  return presentCampaign(row, f.name);
}

export async function listCampaigns(ctx: ServiceContext, regionId: string): Promise<{ items: Campaign[] }> {
  authorizeRead(inRegion(ctx.actor, regionId) || officeOf(ctx.actor, regionId), '该地区');
  const rows = (await assessmentRepo.listCampaigns(ctx.db, regionId)).filter((c) => seesCampaign(ctx, c));
  const names = new Map((await assessmentRepo.listFrameworks(ctx.db, regionId)).map((f) => [f.id, f.name]));
  return { items: rows.map((c) => presentCampaign(c, names.get(c.framework_id) ?? '')) };
}

export async function getCampaign(ctx: ServiceContext, id: string): Promise<Campaign> {
  const c = await loadCampaign(ctx, id);
  return presentCampaign(c, (await assessmentRepo.findFramework(ctx.db, c.framework_id))?.name ?? '');
}

interface Computed {
  tree: IndicatorNode[];
  leaves: { node: IndicatorNode; path: string[] }[];
  byUnit: Map<string, { lines: ScoreLine[]; scores: Map<string, number | null> }>;
}

/** Every unit's lines: computed scores from the records, the self-assessment, the assessor's score. */
async function compute(ctx: ServiceContext, c: AssessmentCampaignRow, unitIds: string[], problems?: ProblemSource): Promise<Computed> {
  const tree = asNodes(toTree(await assessmentRepo.indicators(ctx.db, c.framework_id)));
  const leaves = leavesOf(tree);
  const asOf = todayIn(ctx.clock) < `${c.year + 1}-01-01` ? todayIn(ctx.clock) : `${c.year + 1}-01-01`;
  const byUnit: Computed['byUnit'] = new Map();
  const stored = await assessmentRepo.scores(ctx.db, c.id);
  const fileNames = new Map((await uploadsRepo.findMany(ctx.db, [...new Set(stored.flatMap((s) => JSON.parse(s.self_upload_ids_json) as string[]))])).map((u) => [u.id, u.file_name]));
  const evidenceOf = (s: AssessmentScoreRow | undefined) => (s ? (JSON.parse(s.self_upload_ids_json) as string[]).filter((u) => fileNames.has(u)).map((u) => ({ uploadId: u, fileName: fileNames.get(u)! })) : []);
  for (const unitId of unitIds) {
    const facts: UnitFacts = await unitFactsForYear(ctx.db, { regionId: c.region_id, unitId, year: c.year, asOf, problems });
    const scores = new Map<string, number | null>();
    const lines: ScoreLine[] = leaves.map(({ node, path }) => {
      const s = stored.find((x) => x.unit_id === unitId && x.indicator_id === node.id);
      const computed: LeafScore = scoreLeaf(node.rule!, node.points, facts, node.rule!.kind === 'manual' ? (s?.review_score ?? null) : null);
      const final = s?.review_score ?? computed.score;
      scores.set(node.id, final);
      return { indicatorId: node.id, path, points: node.points, rule: RULE_LABEL[node.rule!.kind], computed: node.rule!.kind === 'manual' ? null : computed.score, explanation: computed.explanation, sources: computed.sources, selfScore: s?.self_score ?? null, selfNote: s?.self_note ?? null, selfEvidence: evidenceOf(s), reviewScore: s?.review_score ?? null, reviewNote: s?.review_note ?? null, dispute: s?.dispute ?? null, final: final === null ? null : Math.min(node.points, final), version: s?.version ?? null };
    });
    byUnit.set(unitId, { lines, scores });
  }
  return { tree, leaves, byUnit };
}

function rankOf(tree: IndicatorNode[], byUnit: Computed['byUnit']): Map<string, { total: number | null; rank: number | null; missing: string[] }> {
  const totals = [...byUnit].map(([unitId, u]) => ({ unitId, ...rollUp(tree, u.scores) }));
  const ranked = new Map(rank(totals.filter((t) => t.total !== null).map((t) => ({ unitId: t.unitId, total: t.total! }))).map((r) => [r.unitId, r.rank]));
  return new Map(totals.map((t) => [t.unitId, { total: t.total, rank: ranked.get(t.unitId) ?? null, missing: t.missing }]));
}

interface Card {
  lines: ScoreLine[];
  total: number | null;
  rank: number | null;
  missing: string[];
}

/** Frozen lines written before the card carried the self-assessment's files. */
const withEvidence = (l: ScoreLine): ScoreLine => ({ ...l, selfEvidence: l.selfEvidence ?? [] });

/**
 * Every unit's card in one pass, as its assessors see it: the frozen results once approved, else the
 * scores computed once for all units (a rank needs everyone's total anyway).
 */
async function cardsOf(ctx: ServiceContext, c: AssessmentCampaignRow, units: string[], problems?: ProblemSource): Promise<{ frozen: boolean; cards: Map<string, Card> }> {
  if (c.state === 'approved' || c.state === 'published') {
    const rows = await assessmentRepo.results(ctx.db, c.id);
    return {
      frozen: true,
      cards: new Map(rows.map((r) => {
        const detail = JSON.parse(r.detail_json) as { lines: ScoreLine[]; missing: string[] };
        return [r.unit_id, { lines: detail.lines.map(withEvidence), total: r.total, rank: r.rank, missing: detail.missing }];
      })),
    };
  }
  const comp = await compute(ctx, c, units, problems);
  const ranks = rankOf(comp.tree, comp.byUnit);
  return { frozen: false, cards: new Map(units.map((u) => [u, { lines: comp.byUnit.get(u)!.lines, ...ranks.get(u)! }])) };
}

/** One unit's card. A unit sees its own only once results are published; frozen figures once approved. */
export async function scorecard(ctx: ServiceContext, id: string, unitId: string, deps: { problems?: ProblemSource } = {}): Promise<UnitScorecard> {
  const c = await loadCampaign(ctx, id);
  const units = JSON.parse(c.unit_ids_json) as string[];
  if (!units.includes(unitId)) throw new AppError('NOT_FOUND', '该单位不在本次考核中');
  const a = ctx.actor;
  if (a.kind === 'user' && a.role === 'liaison' && (a.unitId !== unitId || (c.state !== 'published' && c.state !== 'self_assess'))) throw new AppError('NOT_FOUND', '考核结果尚未公布');
  const unitName = (await unitsRepo.findById(ctx.db, unitId))?.name ?? '';
  const { frozen, cards } = await cardsOf(ctx, c, units, deps.problems);
  const mine = cards.get(unitId)!;
  if (frozen) return { campaignId: c.id, unitId, unitName, lines: mine.lines, total: mine.total, rank: mine.rank, frozen: true, missing: mine.missing };
  const selfView = a.kind === 'user' && a.role === 'liaison';
  const lines = mine.lines.map((l) => (selfView ? { ...l, reviewScore: null, reviewNote: null, final: null } : l));
  return { campaignId: c.id, unitId, unitName, lines, total: selfView ? null : mine.total, rank: selfView ? null : mine.rank, frozen: false, missing: mine.missing };
}

/** The ranking rows from the cards: frozen ones in their stored order, live ones by rank then name. */
function rankingFrom(units: string[], names: Map<string, string>, r: { frozen: boolean; cards: Map<string, Card> }): Ranking {
  if (r.frozen) return { items: [...r.cards].map(([u, k]) => ({ unitId: u, unitName: names.get(u) ?? '', total: k.total, rank: k.rank, missing: 0 })), frozen: true };
  const items = units.map((u) => ({ unitId: u, unitName: names.get(u) ?? '', total: r.cards.get(u)!.total, rank: r.cards.get(u)!.rank, missing: r.cards.get(u)!.missing.length }));
  items.sort((x, y) => (x.rank ?? 1e9) - (y.rank ?? 1e9) || x.unitName.localeCompare(y.unitName, 'zh-Hans-CN'));
  return { items, frozen: false };
}

/** The ranking: the office, leaders and the campaign's assessors; units once published. */
export async function ranking(ctx: ServiceContext, id: string, deps: { problems?: ProblemSource } = {}): Promise<Ranking> {
  const c = await loadCampaign(ctx, id);
  const a = ctx.actor;
  if (a.kind === 'user' && a.role === 'liaison' && c.state !== 'published') throw new AppError('NOT_FOUND', '考核结果尚未公布');
  const units = JSON.parse(c.unit_ids_json) as string[];
  const names = new Map((await unitsRepo.findByIds(ctx.db, units)).map((u) => [u.id, u.name]));
  return rankingFrom(units, names, await cardsOf(ctx, c, units, deps.problems));
}

async function upsertScore(ctx: ServiceContext, c: AssessmentCampaignRow, unitId: string, indicatorId: string, version: number, patch: Partial<AssessmentScoreRow>, what: string): Promise<void> {
  const ind = (await assessmentRepo.indicators(ctx.db, c.framework_id)).find((i) => i.id === indicatorId);
  if (!ind || !ind.rule_json) throw new AppError('NOT_FOUND', '指标不存在或不是末级指标');
  for (const k of ['self_score', 'review_score'] as const) if (typeof patch[k] === 'number' && patch[k]! > ind.points) throw new AppError('VALIDATION', `「${ind.name}」满分 ${ind.points} 分，得分不能超过满分`, [{ field: 'score', message: `不能超过 ${ind.points} 分` }]);
  await inTransaction(ctx.db, async (trx) => {
    const s = await assessmentRepo.findScore(trx, c.id, unitId, indicatorId);
    const now = nowIso(ctx);
    if (!s) {
      if (version !== 0) throw new AppError('CONFLICT', '评分已被他人修改，请刷新后再改', STALE);
      await assessmentRepo.insertScore(trx, { id: newId(ctx.clock.now().getTime()), campaign_id: c.id, region_id: c.region_id, unit_id: unitId, indicator_id: indicatorId, self_score: null, self_note: null, self_upload_ids_json: '[]', review_score: null, review_note: null, reviewer_name: null, dispute: null, version: 1, updated_at: now, ...patch });
    } else if (s.version !== version || !(await assessmentRepo.updateScore(trx, s.id, version, { ...patch, updated_at: now }))) throw new AppError('CONFLICT', '评分已被他人修改，请刷新后再改', STALE);
    await recordAudit(trx, ctx, { action: `assessment.${what}`, entityType: 'assessment_campaign', entityId: c.id, regionId: c.region_id, summary: `${what === 'self' ? '单位自评' : '考核评分'}：${ind.name}`, after: { unitId, indicatorId, ...patch } });
  });
}

/** Who may self-assess a unit, and list its evidence for it: its own liaison, or the region's office. */
const selfAssessesFor = (ctx: ServiceContext, c: AssessmentCampaignRow, unitId: string) => canWriteFor(ctx.actor, unitId, c.region_id);

/**
 * A unit scores itself (during 自评): its liaison for its own unit. Evidence is given as upload ids —
 * files the unit uploaded now or already attached to its reports; an id that is not one of the unit's
 * own files is refused (NOT_FOUND), so no unit can cite, or open through its card, another's file.
 * Without `uploadIds` the files attached before are kept.
 */
export async function selfAssess(ctx: ServiceContext, id: string, req: { unitId: string; indicatorId: string; score: number | null; note?: string | null; uploadIds?: string[]; version: number }): Promise<UnitScorecard> {
  const c = await loadCampaign(ctx, id);
  authorize(selfAssessesFor(ctx, c, req.unitId), '为该单位自评');
  if (!(JSON.parse(c.unit_ids_json) as string[]).includes(req.unitId)) throw new AppError('NOT_FOUND', '该单位不在本次考核中');
  if (c.state !== 'self_assess') throw new AppError('CONFLICT', '自评阶段已结束');
  const patch: Partial<AssessmentScoreRow> = { self_score: req.score, self_note: req.note ?? null };
  if (req.uploadIds) {
    const ids = [...new Set(req.uploadIds)];
    const own = new Set((await uploadsRepo.findMany(ctx.db, ids)).filter((u) => u.unit_id === req.unitId).map((u) => u.id));
    const foreign = ids.filter((u) => !own.has(u));
    if (foreign.length) throw new AppError('NOT_FOUND', `有 ${foreign.length} 个佐证材料不存在或不是本单位的文件，请重新选择`, foreign.map((u) => ({ field: 'uploadIds', message: `材料 ${u} 不存在或不属于本单位` })));
    patch.self_upload_ids_json = JSON.stringify(ids);
  }
  await upsertScore(ctx, c, req.unitId, req.indicatorId, req.version, patch, 'self');
  return scorecard(ctx, id, req.unitId);
}

/**
 * The unit's files already attached to its progress reports of the campaign's year (periods ending in
 * it), newest first, each with the reports (task and period) it was handed in with — to attach again
 * to the self-assessment without uploading. Only for whoever may self-assess the unit; others NOT_FOUND.
 */
export async function selfEvidence(ctx: ServiceContext, id: string, unitId: string): Promise<{ items: SelfEvidenceItem[] }> {
  const c = await loadCampaign(ctx, id);
  if (!selfAssessesFor(ctx, c, unitId) || !(JSON.parse(c.unit_ids_json) as string[]).includes(unitId)) throw new AppError('NOT_FOUND', '该单位不在本次考核中或您无权查看其材料');
  const rows = await assessmentRepo.unitReportEvidence(ctx.db, unitId, `${c.year}-01-01`, `${c.year}-12-31`);
  const byUpload = new Map<string, SelfEvidenceItem>();
  for (const r of rows) {
    let item = byUpload.get(r.upload_id);
    if (!item) byUpload.set(r.upload_id, (item = { uploadId: r.upload_id, fileName: r.file_name, kind: r.kind, size: Number(r.size), uploadedAt: r.created_at, uses: [] }));
    item.uses.push({ reportId: r.report_id, taskId: r.task_id, taskNumber: taskNumber(r.path_json), taskText: r.task_text.slice(0, 80), periodKey: r.period_key, periodLabel: r.period_label, reportState: REPORT_STATE_LABEL[r.report_state as ReportState] ?? r.report_state });
  }
  return { items: [...byUpload.values()].sort((x, y) => (x.uploadedAt < y.uploadedAt ? 1 : x.uploadedAt > y.uploadedAt ? -1 : 0)) };
}

/** An assessor scores (manual indicators) or overrides a computed score, or notes a dispute. */
export async function reviewScore(ctx: ServiceContext, id: string, req: { unitId: string; indicatorId: string; score: number | null; note?: string | null; dispute?: string | null; version: number }, deps: { problems?: ProblemSource } = {}): Promise<UnitScorecard> {
  const c = await loadCampaign(ctx, id);
  authorize(isAssessor(ctx, c), '评分');
  if (c.state !== 'review') throw new AppError('CONFLICT', c.state === 'self_assess' ? '尚在单位自评阶段，请先转入考核评分' : '考核结果已审定，不能再改分');
  if (!(JSON.parse(c.unit_ids_json) as string[]).includes(req.unitId)) throw new AppError('NOT_FOUND', '该单位不在本次考核中');
  const a = requireUser(ctx.actor);
  await upsertScore(ctx, c, req.unitId, req.indicatorId, req.version, { review_score: req.score, review_note: req.note ?? null, dispute: req.dispute ?? null, reviewer_name: a.displayName }, 'review');
  return scorecard(ctx, id, req.unitId, deps);
}

const NEXT: Record<CampaignState, CampaignState[]> = { self_assess: ['review'], review: ['approved', 'self_assess'], approved: ['published', 'review'], published: [] };

/**
 * Moves the campaign on. Approving freezes every unit's total, rank and lines (a unit not fully scored
 * blocks it, named); re-opening an approved campaign drops the frozen results and is audited with its
 * reason; publishing lets each unit see its own card and the ranking.
 */
export async function advanceCampaign(ctx: ServiceContext, id: string, req: { to: CampaignState; version: number; reason?: string }, deps: { problems?: ProblemSource } = {}): Promise<Campaign> {
  const c = await loadCampaign(ctx, id);
  authorize(officeOf(ctx.actor, c.region_id), '审定考核结果');
  if (!NEXT[c.state as CampaignState].includes(req.to)) throw new AppError('CONFLICT', `「${CAMPAIGN_STATE_LABEL[c.state as CampaignState]}」阶段不能转为「${CAMPAIGN_STATE_LABEL[req.to]}」`);
  if (c.state === 'approved' && req.to === 'review' && !req.reason?.trim()) throw new AppError('VALIDATION', '重新打开已审定的考核须说明原因', [{ field: 'reason', message: '请填写原因' }]);
  const a = requireUser(ctx.actor);
  const now = nowIso(ctx);
  let frozen: { unitId: string; total: number; rank: number; lines: ScoreLine[]; missing: string[] }[] = [];
  if (req.to === 'approved') {
    const units = JSON.parse(c.unit_ids_json) as string[];
    const comp = await compute(ctx, c, units, deps.problems);
    const ranks = rankOf(comp.tree, comp.byUnit);
    const open = units.filter((u) => ranks.get(u)!.total === null);
    if (open.length) {
      const names = new Map((await unitsRepo.findByIds(ctx.db, open)).map((u) => [u.id, u.name]));
      throw new AppError('UNPROCESSABLE', `还有 ${open.length} 个单位未评完，不能审定：${open.slice(0, 5).map((u) => `${names.get(u)}（${ranks.get(u)!.missing.slice(0, 2).join('、')}）`).join('；')}`);
    }
    frozen = units.map((u) => ({ unitId: u, total: ranks.get(u)!.total!, rank: ranks.get(u)!.rank!, lines: comp.byUnit.get(u)!.lines, missing: [] }));
  }
  await inTransaction(ctx.db, async (trx) => {
    const patch: Partial<AssessmentCampaignRow> = { state: req.to, updated_at: now };
    if (req.to === 'approved') Object.assign(patch, { approved_at: now, approved_by_name: a.displayName });
    if (req.to === 'published') patch.published_at = now;
    if (req.to === 'review' && c.state === 'approved') Object.assign(patch, { approved_at: null, approved_by_name: null });
    if (!(await assessmentRepo.updateCampaign(trx, id, req.version, patch))) throw new AppError('CONFLICT', '考核已被他人处理，请刷新后再试', STALE);
    if (req.to === 'approved') await assessmentRepo.insertResults(trx, frozen.map((f) => ({ campaign_id: id, unit_id: f.unitId, region_id: c.region_id, total: f.total, rank: f.rank, detail_json: JSON.stringify({ lines: f.lines, missing: f.missing }) })));
    if (c.state === 'approved' && req.to === 'review') await assessmentRepo.deleteResults(trx, id);
    await recordAudit(trx, ctx, { action: `assessment.${req.to}`, entityType: 'assessment_campaign', entityId: id, regionId: c.region_id, summary: `考核「${c.name}」：${CAMPAIGN_STATE_LABEL[c.state as CampaignState]} → ${CAMPAIGN_STATE_LABEL[req.to]}${req.reason ? `（${req.reason}）` : ''}`, before: { state: c.state }, after: { state: req.to, reason: req.reason ?? null } });
  });
  return getCampaign(ctx, id);
}

/** What a unit's total and rank would be if one indicator scored differently (the office, before approving). */
export async function whatIf(ctx: ServiceContext, id: string, req: { unitId: string; indicatorId: string; score: number }, deps: { problems?: ProblemSource } = {}) {
  const c = await loadCampaign(ctx, id);
  authorize(officeOf(ctx.actor, c.region_id), '模拟测算');
  const units = JSON.parse(c.unit_ids_json) as string[];
  if (!units.includes(req.unitId)) throw new AppError('NOT_FOUND', '该单位不在本次考核中');
  const comp = await compute(ctx, c, units, deps.problems);
  const leaf = comp.leaves.find((l) => l.node.id === req.indicatorId);
  if (!leaf) throw new AppError('NOT_FOUND', '指标不存在或不是末级指标');
  if (req.score > leaf.node.points) throw new AppError('VALIDATION', `「${leaf.node.name}」满分 ${leaf.node.points} 分`, [{ field: 'score', message: `不能超过 ${leaf.node.points} 分` }]);
  const r = domainWhatIf(comp.tree, comp.byUnit.get(req.unitId)!.scores, req.indicatorId, req.score);
  const rankBefore = rankOf(comp.tree, comp.byUnit).get(req.unitId)!.rank;
  const changed = new Map(comp.byUnit);
  const mine = changed.get(req.unitId)!;
  changed.set(req.unitId, { ...mine, scores: new Map([...mine.scores, [req.indicatorId, req.score]]) });
  return { ...r, rankBefore, rankAfter: rankOf(comp.tree, changed).get(req.unitId)!.rank };
}

// ------------------------------------------------------------------ documents

/** A unit's scorecard as Word (the unit itself once published, like the card). */
export async function scorecardDocx(ctx: ServiceContext, id: string, unitId: string, deps: { problems?: ProblemSource } = {}): Promise<{ fileName: string; data: Buffer }> {
  const c = await loadCampaign(ctx, id);
  const card = await scorecard(ctx, id, unitId, deps);
  const data = await writeScorecardDocx({ title: `${c.name}得分表`, card, date: formatChineseDate(todayIn(ctx.clock)) });
  return { fileName: `${c.name}-${card.unitName}得分表.docx`, data };
}

/**
 * The ranking as Excel, with each unit's first-level subtotals: every card is computed once (one pass
 * over the campaign, not one per unit). The subtotals are the units' cards, so the sheet is for those
 * who see every card — the office, leaders and the campaign's assessors, not the units.
 */
export async function rankingXlsx(ctx: ServiceContext, id: string, deps: { problems?: ProblemSource } = {}): Promise<{ fileName: string; data: Buffer }> {
  const c = await loadCampaign(ctx, id);
  if (ctx.actor.kind === 'user' && ctx.actor.role === 'liaison') throw new AppError('NOT_FOUND', '排名表含各单位分项得分，仅供依法治办、领导和考核组下载');
  const units = JSON.parse(c.unit_ids_json) as string[];
  const names = new Map((await unitsRepo.findByIds(ctx.db, units)).map((u) => [u.id, u.name]));
  const all = await cardsOf(ctx, c, units, deps.problems);
  const r = rankingFrom(units, names, all);
  const tree = toTree(await assessmentRepo.indicators(ctx.db, c.framework_id));
  const byUnit = new Map<string, (number | null)[]>();
  for (const item of r.items) {
    const card = all.cards.get(item.unitId)!;
    byUnit.set(item.unitId, tree.map((top) => {
      const lines = card.lines.filter((l) => l.path[0] === top.name);
      return lines.some((l) => l.final === null) ? null : Math.round(lines.reduce((s, l) => s + (l.final ?? 0), 0) * 100) / 100;
    }));
  }
  return { fileName: `${c.name}排名.xlsx`, data: await writeRankingWorkbook(`${c.name}排名`, r, tree.map((t) => `${t.name}（${t.points}分）`), byUnit) };
}

// ------------------------------------------------------------------ the metrics board

/** All of a region's numeric targets against their latest accepted values, for the office and leaders. */
