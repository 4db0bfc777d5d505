/**
 * 督察: the office (or the region's inspectors) draws up an inspection plan — which units, when, by
 * whom, and which of the plan's tasks or chapters — and each unit's checklist is derived from the
 * tasks it owns there. The inspectors record the visit (each checklist line's result, what they saw);
 * the problems found become the unit's numbered 问题清单 (督法察〔2026〕1号), each with its 整改要求 and
 * deadline (see inspections-problems.ts). Coverage shows which units were inspected in the plan period.
 */
import { inTransaction } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { inspectionsRepo } from '../db/repositories/inspections.ts';
import { plansRepo } from '../db/repositories/plans.ts';
import { regionsRepo } from '../db/repositories/regions.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import type { InspectionPlanRow, InspectionProblemRow, InspectionVisitRow, PlanHeadingRow, TaskRow } from '../db/schema.ts';
import { formatChineseDate, yearOf } from '../domain/dates.ts';
import { documentNumber, regionAbbr } from '../domain/supervision.ts';
import {
  VISIT_STATE_LABEL,
  type ChecklistItem,
  type Coverage,
  type CreateInspectionPlanRequest,
  type InspectionPlan,
  type InspectionPlanDetail,
  type RecordVisitRequest,
  type Scope,
  type UpdateInspectionPlanRequest,
  type Visit,
  type VisitInput,
} from '../shared/api/inspections.ts';
import { todayIn } from '../shared/clock.ts';
import { AppError, STALE } from '../shared/errors.ts';
import { recordAudit } from './audit.ts';
import { nowIso, type ServiceContext } from './context.ts';
import { notify, recipientsOfUnit } from './notifications.ts';
import { authorize, canInspectVisit, canReadDirectory, canPlanInspections, canReadUnitInspection, readsRegion, requireUser } from './policies.ts';
import { regionOf } from './supervision-settings.ts';
import { taskNumber } from '../domain/task-number.ts';

/** 一、… for a chapter; （一）… and 1. … as printed */
const headingLabel = (h: Pick<PlanHeadingRow, 'number' | 'title'>) => `${h.number}${/^[一二三四五六七八九十百]+$/.test(h.number) ? '、' : ''}${h.title}`;

// ------------------------------------------------------------------ the checklist

/** The headings under (and including) the chosen ones. */
function subtree(headings: PlanHeadingRow[], chosen: string[]): Set<string> {
  const out = new Set(chosen);
  for (let grew = true; grew; ) {
    grew = false;
    for (const h of headings) if (h.parent_id && out.has(h.parent_id) && !out.has(h.id)) (out.add(h.id), (grew = true));
  }
  return out;
}

/**
 * A unit's checklist: each task it owns that was picked, or that lies under a picked chapter, in the
 * plan's order, with what to check for it (the lead unit answers for the whole task, a co-owner for its part).
 */
async function deriveChecklist(ctx: ServiceContext, planId: string, unitId: string, v: { taskIds: string[]; headingIds: string[] }): Promise<ChecklistItem[]> {
  const [tasks, headings, mine] = await Promise.all([plansRepo.tasks(ctx.db, planId), plansRepo.headings(ctx.db, planId), plansRepo.assignmentsOfUnit(ctx.db, unitId)]);
  const role = new Map<string, 'lead' | 'co'>();
  for (const a of mine) if (a.plan_id === planId) role.set(a.task_id, a.role === 'lead' || role.get(a.task_id) === 'lead' ? 'lead' : 'co');
  const headingIds = new Set(headings.map((h) => h.id));
  const badHeading = v.headingIds.find((h) => !headingIds.has(h));
  if (badHeading) throw new AppError('VALIDATION', '所选章节不属于该规划', [{ field: 'headingIds', message: '章节不存在' }]);
  const under = subtree(headings, v.headingIds);
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const picked = new Set(v.taskIds);
  for (const id of picked) {
    const t = byId.get(id);
    if (!t) throw new AppError('VALIDATION', '所选任务不属于该规划', [{ field: 'taskIds', message: '任务不存在' }]);
    if (!role.has(id)) throw new AppError('VALIDATION', `任务 ${taskNumber(t)} 不由该单位承担，不能列入其督察清单`, [{ field: 'taskIds', message: '不是该单位的任务' }]);
  }
  const chapter = new Map(headings.map((h) => [h.id, h]));
  const topOf = (id: string | null): PlanHeadingRow | null => {
    let h = id ? chapter.get(id) : undefined;
    while (h?.parent_id && chapter.get(h.parent_id)) h = chapter.get(h.parent_id);
    return h ?? null;
  };
  const items = tasks
    .filter((t) => role.has(t.id) && (picked.has(t.id) || (t.heading_id !== null && under.has(t.heading_id))))
    .map((t) => {
      const top = topOf(t.heading_id);
      return {
        key: t.id,
        taskId: t.id,
        number: taskNumber(t),
        chapter: top ? headingLabel(top) : null,
        text: t.text,
        check: role.get(t.id) === 'lead' ? '牵头落实情况：工作进度是否符合序时要求，措施是否到位，成效和佐证材料是否齐全' : '配合落实情况：承担的工作是否完成，是否按时向牵头单位报送，佐证材料是否齐全',
      };
    });
  if (!items.length) throw new AppError('VALIDATION', '所选章节中没有该单位承担的任务，督察清单为空', [{ field: 'headingIds', message: '没有该单位的任务' }]);
  return items;
}

/** The plan's chapters and the unit's tasks in it: what the editor offers. */
export async function inspectionScope(ctx: ServiceContext, q: { planId: string; unitId: string }): Promise<Scope> {
  const plan = await plansRepo.findById(ctx.db, q.planId);
  if (!plan || !canPlanInspections(ctx.actor, plan.region_id)) throw new AppError('NOT_FOUND', '规划不存在或您无权查看');
  const unit = await unitsRepo.findById(ctx.db, q.unitId);
  if (!unit || unit.region_id !== plan.region_id) throw new AppError('NOT_FOUND', '单位不存在或您无权查看');
  const [tasks, headings, mine] = await Promise.all([plansRepo.tasks(ctx.db, plan.id), plansRepo.headings(ctx.db, plan.id), plansRepo.assignmentsOfUnit(ctx.db, unit.id)]);
  const role = new Map<string, 'lead' | 'co'>();
  for (const a of mine) if (a.plan_id === plan.id) role.set(a.task_id, a.role === 'lead' || role.get(a.task_id) === 'lead' ? 'lead' : 'co');
  const own = tasks.filter((t) => role.has(t.id));
  return {
    headings: headings.map((h) => ({ id: h.id, number: h.number, title: h.title, depth: h.depth, taskCount: own.filter((t) => t.heading_id !== null && subtree(headings, [h.id]).has(t.heading_id)).length })),
    tasks: own.map((t) => ({ id: t.id, number: taskNumber(t), text: t.text, headingId: t.heading_id, role: role.get(t.id)! })),
  };
}

/** The region's inspector accounts, to pick a visit's inspectors from. */
export async function listInspectors(ctx: ServiceContext, regionIdIn?: string): Promise<{ id: string; name: string }[]> {
  const regionId = regionOf(ctx.actor, regionIdIn);
  if (!canPlanInspections(ctx.actor, regionId)) throw new AppError('NOT_FOUND', '地区不存在或您无权查看');
  return (await inspectionsRepo.inspectorsOfRegion(ctx.db, regionId)).map((u) => ({ id: u.id, name: u.display_name }));
}

// ------------------------------------------------------------------ presenting

async function presentVisits(ctx: ServiceContext, rows: InspectionVisitRow[], titles: Map<string, string>): Promise<Visit[]> {
  const units = new Map((await unitsRepo.findByIds(ctx.db, [...new Set(rows.map((r) => r.unit_id))])).map((u) => [u.id, u.name]));
  const people = await inspectionsRepo.userNames(ctx.db, [...new Set(rows.flatMap((r) => JSON.parse(r.inspector_ids_json) as string[]))]);
  const problems = await inspectionsRepo.problemsOfVisits(ctx.db, rows.map((r) => r.id));
  return rows.map((r) => {
    const mine = problems.filter((p) => p.visit_id === r.id);
    return {
      id: r.id,
      inspectionId: r.inspection_id,
      inspectionTitle: titles.get(r.inspection_id) ?? '',
      regionId: r.region_id,
      unitId: r.unit_id,
      unitName: units.get(r.unit_id) ?? '',
      scheduledOn: r.scheduled_on,
      inspectors: (JSON.parse(r.inspector_ids_json) as string[]).map((id) => ({ id, name: people.get(id) ?? '' })),
      taskIds: JSON.parse(r.task_ids_json) as string[],
      headingIds: JSON.parse(r.heading_ids_json) as string[],
      checklist: JSON.parse(r.checklist_json) as ChecklistItem[],
      state: r.state as Visit['state'],
      stateLabel: VISIT_STATE_LABEL[r.state as Visit['state']],
      visitedOn: r.visited_on,
      summary: r.summary,
      results: JSON.parse(r.results_json) as Visit['results'],
      listNumber: r.list_number,
      recordedByName: r.recorded_by_name,
      recordedAt: r.recorded_at,
      problemCount: mine.length,
      openProblemCount: mine.filter((p) => p.state === 'open' || p.state === 'submitted').length,
      canInspect: canInspectVisit(ctx.actor, r),
      version: r.version,
    };
  });
}

async function presentPlans(ctx: ServiceContext, rows: InspectionPlanRow[]): Promise<{ plans: InspectionPlan[]; visits: InspectionVisitRow[] }> {
  const visits = await inspectionsRepo.visitsOfPlans(ctx.db, rows.map((r) => r.id));
  const problems = await inspectionsRepo.problemsOfVisits(ctx.db, visits.map((v) => v.id));
  const planTitles = new Map<string, string>();
  for (const id of new Set(rows.map((r) => r.plan_id).filter((x) => x !== null))) planTitles.set(id, (await plansRepo.findById(ctx.db, id))?.title ?? '');
  const plans = rows.map((r) => {
    const vs = visits.filter((v) => v.inspection_id === r.id);
    const ps = problems.filter((p) => p.inspection_id === r.id && p.state !== 'draft');
    return {
      id: r.id,
      regionId: r.region_id,
      year: r.year,
      title: r.title,
      planId: r.plan_id,
      planTitle: r.plan_id ? (planTitles.get(r.plan_id) ?? null) : null,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      note: r.note,
      createdByName: r.created_by_name,
      unitCount: vs.length,
      recordedCount: vs.filter((v) => v.state === 'recorded').length,
      problemCount: ps.length,
      openProblemCount: ps.filter((p) => p.state !== 'closed').length,
      version: r.version,
      createdAt: r.created_at,
    };
  });
  return { plans, visits };
}

async function loadPlan(ctx: ServiceContext, id: string): Promise<InspectionPlanRow> {
  const p = await inspectionsRepo.findPlan(ctx.db, id);
  if (!p || !readsRegion(ctx.actor, p.region_id)) throw new AppError('NOT_FOUND', '督察计划不存在或您无权查看');
  return p;
}

export async function listInspectionPlans(ctx: ServiceContext, q: { regionId?: string; year?: number }): Promise<InspectionPlan[]> {
  const regionId = regionOf(ctx.actor, q.regionId);
  if (!readsRegion(ctx.actor, regionId)) throw new AppError('NOT_FOUND', '地区不存在或您无权查看');
  return (await presentPlans(ctx, await inspectionsRepo.listPlans(ctx.db, { regionId, year: q.year }))).plans;
}

export async function getInspectionPlan(ctx: ServiceContext, id: string): Promise<InspectionPlanDetail> {
  const row = await loadPlan(ctx, id);
  const { plans, visits } = await presentPlans(ctx, [row]);
  return { ...plans[0]!, visits: await presentVisits(ctx, visits, new Map([[row.id, row.title]])) };
}

// ------------------------------------------------------------------ writing a plan

async function checkPlanInput(ctx: ServiceContext, regionId: string, req: Omit<CreateInspectionPlanRequest, 'regionId'>) {
  if (req.endsOn < req.startsOn) throw new AppError('VALIDATION', '督察结束日期不能早于开始日期', [{ field: 'endsOn', message: '不能早于开始日期' }]);
  if (!req.planId) throw new AppError('VALIDATION', '请选择督察依据的规划（任务和章节来自该规划）', [{ field: 'planId', message: '请选择规划' }]);
  const plan = await plansRepo.findById(ctx.db, req.planId);
  if (!plan || plan.region_id !== regionId) throw new AppError('VALIDATION', '所选规划不存在或不属于本地区', [{ field: 'planId', message: '规划不存在' }]);
  const unitIds = req.visits.map((v) => v.unitId);
  const dup = unitIds.find((u, i) => unitIds.indexOf(u) !== i);
  const units = new Map((await unitsRepo.findByIds(ctx.db, [...new Set(unitIds)])).map((u) => [u.id, u]));
  if (dup) throw new AppError('VALIDATION', `「${units.get(dup)?.name ?? dup}」在计划中出现了两次`, [{ field: 'visits', message: '单位重复' }]);
  const inspectors = new Set((await inspectionsRepo.inspectorsOfRegion(ctx.db, regionId)).map((u) => u.id));
  for (const [i, v] of req.visits.entries()) {
    const u = units.get(v.unitId);
    if (!u || u.region_id !== regionId) throw new AppError('VALIDATION', '所选单位不存在或不属于本地区', [{ field: `visits.${i}.unitId`, message: '单位不存在' }]);
    if (u.active !== 1) throw new AppError('VALIDATION', `「${u.name}」已停用，不能列入督察计划`, [{ field: `visits.${i}.unitId`, message: '单位已停用' }]);
    if (v.scheduledOn < req.startsOn || v.scheduledOn > req.endsOn) throw new AppError('VALIDATION', `「${u.name}」的督察日期应在计划起止日期之内`, [{ field: `visits.${i}.scheduledOn`, message: '不在计划期内' }]);
    const notInspector = v.inspectorIds.find((x) => !inspectors.has(x));
    if (notInspector) throw new AppError('VALIDATION', `「${u.name}」的督察人员应为本地区的督察考核人员`, [{ field: `visits.${i}.inspectorIds`, message: '不是督察人员' }]);
  }
  return { plan, units };
}

const visitRow = (ctx: ServiceContext, base: { inspectionId: string; regionId: string; sort: number; now: string }, v: VisitInput, checklist: ChecklistItem[]): InspectionVisitRow => ({
  id: newId(ctx.clock.now().getTime()),
  inspection_id: base.inspectionId,
  region_id: base.regionId,
  unit_id: v.unitId,
  scheduled_on: v.scheduledOn,
  inspector_ids_json: JSON.stringify([...new Set(v.inspectorIds)]),
  task_ids_json: JSON.stringify([...new Set(v.taskIds)]),
  heading_ids_json: JSON.stringify([...new Set(v.headingIds)]),
  checklist_json: JSON.stringify(checklist),
  state: 'planned',
  visited_on: null,
  summary: null,
  results_json: '{}',
  list_year: null,
  list_seq: null,
  list_number: null,
  recorded_by_name: null,
  recorded_at: null,
  sort_order: base.sort,
  version: 1,
  created_at: base.now,
  updated_at: base.now,
});

async function tellInspectors(ctx: ServiceContext, plan: { id: string; title: string; region_id: string }, visits: InspectionVisitRow[], unitName: (id: string) => string) {
  for (const v of visits) {
    await notify(ctx as ServiceContext & { db: typeof ctx.db }, {
      regionId: plan.region_id,
      userIds: JSON.parse(v.inspector_ids_json) as string[],
      kind: 'inspection',
      title: `【督察】${formatChineseDate(v.scheduled_on)}督察${unitName(v.unit_id)}`,
      body: `您被安排参加「${plan.title}」，督察清单共 ${(JSON.parse(v.checklist_json) as unknown[]).length} 项。`,
      link: `/inspection/plans/visits/${v.id}`,
      dedupeKey: `inspection-visit:${v.id}:${v.scheduled_on}:${v.inspector_ids_json}`,
    });
  }
}

export async function createInspectionPlan(ctx: ServiceContext, req: CreateInspectionPlanRequest): Promise<InspectionPlanDetail> {
  const a = requireUser(ctx.actor);
  const regionId = regionOf(a, req.regionId);
  if (!canReadDirectory(a, regionId)) throw new AppError('NOT_FOUND', '地区不存在或您无权查看');
  authorize(canPlanInspections(a, regionId), '制定督察计划');
  const { units } = await checkPlanInput(ctx, regionId, req);
  const checklists = await Promise.all(req.visits.map((v) => deriveChecklist(ctx, req.planId!, v.unitId, { taskIds: v.taskIds, headingIds: v.headingIds })));
  const id = newId(ctx.clock.now().getTime());
  const now = nowIso(ctx);
  await inTransaction(ctx.db, async (trx) => {
    const row: InspectionPlanRow = { id, region_id: regionId, year: req.year, title: req.title, plan_id: req.planId, starts_on: req.startsOn, ends_on: req.endsOn, note: req.note ?? '', created_by_name: a.displayName, version: 1, created_at: now, updated_at: now };
    await inspectionsRepo.insertPlan(trx, row);
    const visits = req.visits.map((v, i) => visitRow(ctx, { inspectionId: id, regionId, sort: i + 1, now }, v, checklists[i]!));
    await inspectionsRepo.insertVisits(trx, visits);
    await recordAudit(trx, ctx, { action: 'inspection.create', entityType: 'inspection_plan', entityId: id, regionId, summary: `制定督察计划「${req.title}」（${visits.length} 个单位）`, after: { title: req.title, planId: req.planId, units: visits.map((v) => v.unit_id) } });
    await tellInspectors({ ...ctx, db: trx as typeof ctx.db }, row, visits, (u) => units.get(u)?.name ?? '');
  });
  return getInspectionPlan(ctx, id);
}

/**
 * Changes a plan: its fields, and its units (added, changed, removed). A unit already inspected keeps its
 * visit as recorded; it cannot be removed, nor can a planned visit that already has problems noted.
 */
export async function updateInspectionPlan(ctx: ServiceContext, id: string, req: UpdateInspectionPlanRequest): Promise<InspectionPlanDetail> {
  requireUser(ctx.actor);
  const plan = await loadPlan(ctx, id);
  authorize(canPlanInspections(ctx.actor, plan.region_id), '修改督察计划');
  if (plan.version !== req.version) throw new AppError('CONFLICT', '督察计划已被他人修改，请刷新后再试', STALE);
  const existing = await inspectionsRepo.visitsOfPlans(ctx.db, [id]);
  const problems = await inspectionsRepo.problemsOfVisits(ctx.db, existing.map((v) => v.id));
  const byUnit = new Map(existing.map((v) => [v.unit_id, v]));
  const { units } = await checkPlanInput(ctx, plan.region_id, req);
  if (req.planId !== plan.plan_id && existing.some((v) => v.state === 'recorded')) throw new AppError('CONFLICT', '已有单位完成督察，不能更换督察依据的规划');
  const keep = new Set(req.visits.map((v) => v.unitId));
  for (const v of existing) {
    if (keep.has(v.unit_id)) continue;
    const name = units.get(v.unit_id)?.name ?? (await unitsRepo.findById(ctx.db, v.unit_id))?.name ?? '';
    if (v.state === 'recorded') throw new AppError('CONFLICT', `「${name}」已完成督察，不能移出计划`);
    if (problems.some((p) => p.visit_id === v.id)) throw new AppError('CONFLICT', `「${name}」已记录督察问题，不能移出计划`);
  }
  const now = nowIso(ctx);
  const checklists = await Promise.all(req.visits.map((v) => (byUnit.get(v.unitId)?.state === 'recorded' ? Promise.resolve(null) : deriveChecklist(ctx, req.planId!, v.unitId, { taskIds: v.taskIds, headingIds: v.headingIds }))));
  await inTransaction(ctx.db, async (trx) => {
    if (!(await inspectionsRepo.updatePlan(trx, id, req.version, { title: req.title, year: req.year, plan_id: req.planId, starts_on: req.startsOn, ends_on: req.endsOn, note: req.note ?? '', updated_at: now }))) throw new AppError('CONFLICT', '督察计划已被他人修改，请刷新后再试', STALE);
    for (const v of existing) if (!keep.has(v.unit_id)) await inspectionsRepo.deleteVisit(trx, v.id);
    const fresh: InspectionVisitRow[] = [];
    const changed: InspectionVisitRow[] = [];
    for (const [i, v] of req.visits.entries()) {
      const old = byUnit.get(v.unitId);
      const checklist = checklists[i];
      if (old?.state === 'recorded') {
        await inspectionsRepo.updateVisit(trx, old.id, old.version, { sort_order: i + 1, updated_at: now });
        continue;
      }
      if (!old) {
        fresh.push(visitRow(ctx, { inspectionId: id, regionId: plan.region_id, sort: i + 1, now }, v, checklist!));
        continue;
      }
      const patch = { scheduled_on: v.scheduledOn, inspector_ids_json: JSON.stringify([...new Set(v.inspectorIds)]), task_ids_json: JSON.stringify([...new Set(v.taskIds)]), heading_ids_json: JSON.stringify([...new Set(v.headingIds)]), checklist_json: JSON.stringify(checklist), sort_order: i + 1, updated_at: now };
      if (!(await inspectionsRepo.updateVisit(trx, old.id, old.version, patch))) throw new AppError('CONFLICT', '督察计划已被他人修改，请刷新后再试', STALE);
      if (patch.scheduled_on !== old.scheduled_on || patch.inspector_ids_json !== old.inspector_ids_json) changed.push({ ...old, ...patch });
    }
    await inspectionsRepo.insertVisits(trx, fresh);
    await recordAudit(trx, ctx, { action: 'inspection.update', entityType: 'inspection_plan', entityId: id, regionId: plan.region_id, summary: `修改督察计划「${req.title}」`, before: { title: plan.title, units: existing.map((v) => v.unit_id) }, after: { title: req.title, units: req.visits.map((v) => v.unitId) } });
    await tellInspectors({ ...ctx, db: trx as typeof ctx.db }, plan, [...fresh, ...changed], (u) => units.get(u)?.name ?? '');
  });
  return getInspectionPlan(ctx, id);
}

// ------------------------------------------------------------------ the visit

export async function loadVisit(ctx: ServiceContext, id: string): Promise<InspectionVisitRow> {
  const v = await inspectionsRepo.findVisit(ctx.db, id);
  // the unit sees its visit once it is recorded (the 问题清单 is then issued to it)
  if (!v || !(readsRegion(ctx.actor, v.region_id) || (v.state === 'recorded' && canReadUnitInspection(ctx.actor, v.unit_id, v.region_id)))) throw new AppError('NOT_FOUND', '督察记录不存在或您无权查看');
  return v;
}

export async function getVisit(ctx: ServiceContext, id: string): Promise<Visit> {
  const v = await loadVisit(ctx, id);
  const plan = (await inspectionsRepo.findPlan(ctx.db, v.inspection_id))!;
  return (await presentVisits(ctx, [v], new Map([[plan.id, plan.title]])))[0]!;
}

/**
 * Records the visit: every checklist line's result, what was seen, the day. The problems noted on the
 * visit become the unit's 问题清单, numbered in the region's style, and the unit is told.
 */
export async function recordVisit(ctx: ServiceContext, id: string, req: RecordVisitRequest): Promise<Visit> {
  const a = requireUser(ctx.actor);
  const v = await loadVisit(ctx, id);
  authorize(canInspectVisit(a, v), '记录此次督察');
  if (v.state === 'recorded') throw new AppError('CONFLICT', '此次督察已记录，不能重复提交');
  if (v.version !== req.version) throw new AppError('CONFLICT', '督察记录已被他人修改，请刷新后再试', STALE);
  const today = todayIn(ctx.clock);
  if (req.visitedOn > today) throw new AppError('VALIDATION', '督察日期不能晚于今天', [{ field: 'visitedOn', message: '不能晚于今天' }]);
  const checklist = JSON.parse(v.checklist_json) as ChecklistItem[];
  const missing = checklist.filter((c) => !req.results[c.key]);
  if (missing.length) throw new AppError('VALIDATION', `还有 ${missing.length} 项检查内容未填写结果（${missing.slice(0, 3).map((c) => c.number).join('、')}${missing.length > 3 ? '等' : ''}）`, missing.map((c) => ({ field: `results.${c.key}`, message: '请选择检查结果' })));
  const extra = Object.keys(req.results).find((k) => !checklist.some((c) => c.key === k));
  if (extra) throw new AppError('VALIDATION', '检查结果中有不属于本次督察清单的项目', [{ field: `results.${extra}`, message: '不在清单中' }]);
  const drafts = (await inspectionsRepo.problemsOfVisits(ctx.db, [id])).filter((p) => p.state === 'draft');
  const flagged = checklist.filter((c) => req.results[c.key]!.result === 'problem' && !drafts.some((p) => p.checklist_key === c.key));
  if (flagged.length) throw new AppError('VALIDATION', `检查项 ${flagged.map((c) => c.number).join('、')} 标为「发现问题」，请先记录相应问题及整改要求`, flagged.map((c) => ({ field: `results.${c.key}`, message: '未记录问题' })));
  const late = drafts.find((p) => p.deadline <= req.visitedOn);
  if (late) throw new AppError('VALIDATION', `问题「${late.description.slice(0, 20)}」的整改期限应晚于督察日期`, [{ field: 'deadline', message: '应晚于督察日期' }]);
  const region = (await regionsRepo.findById(ctx.db, v.region_id))!;
  const unit = (await unitsRepo.findById(ctx.db, v.unit_id))!;
  const year = yearOf(req.visitedOn);
  const now = nowIso(ctx);
  await inTransaction(ctx.db, async (trx) => {
    let number: string | null = null;
    let seq: number | null = null;
    if (drafts.length) {
      seq = await inspectionsRepo.nextListSeq(trx, region.id, year);
      number = documentNumber(regionAbbr(region), '察', year, seq);
    }
    const results = Object.fromEntries(Object.entries(req.results).map(([k, r]) => [k, { result: r.result, note: r.note ?? '' }]));
    const patch = { state: 'recorded', visited_on: req.visitedOn, summary: req.summary, results_json: JSON.stringify(results), list_year: number ? year : null, list_seq: seq, list_number: number, recorded_by_name: a.displayName, recorded_at: now, updated_at: now };
    if (!(await inspectionsRepo.updateVisit(trx, id, v.version, patch))) throw new AppError('CONFLICT', '督察记录已被他人修改，请刷新后再试', STALE);
    await inspectionsRepo.openDrafts(trx, id, year, now);
    for (const p of drafts) await inspectionsRepo.insertEvent(trx, { id: newId(ctx.clock.now().getTime()), problem_id: p.id, region_id: v.region_id, action: 'issue', actor_name: a.displayName, text: `列入问题清单 ${number}，请于${formatChineseDate(p.deadline)}前完成整改`, created_at: now });
    await recordAudit(trx, ctx, { action: 'inspection.record', entityType: 'inspection_visit', entityId: id, regionId: v.region_id, summary: `记录对${unit.name}的督察${number ? `，问题清单 ${number}（${drafts.length} 个问题）` : '，未发现问题'}`, before: { state: v.state }, after: { state: 'recorded', visitedOn: req.visitedOn, listNumber: number, problems: drafts.map((p) => p.id) } });
    const first = drafts.map((p) => p.deadline).sort()[0];
    await notify({ ...ctx, db: trx }, {
      regionId: v.region_id,
      userIds: await recipientsOfUnit({ db: trx }, v.unit_id),
      kind: 'inspection',
      title: number ? `【督察】问题清单 ${number}：${drafts.length} 个问题待整改` : `【督察】${formatChineseDate(req.visitedOn)}督察未发现问题`,
      body: number ? `${formatChineseDate(req.visitedOn)}督察发现 ${drafts.length} 个问题，请按整改要求逐项整改，并上传整改佐证材料。最早整改期限：${formatChineseDate(first!)}。` : req.summary,
      link: number ? `/inspection/my-problems` : `/inspection/plans/visits/${id}`,
      dedupeKey: `inspection-list:${id}`,
    });
  });
  return getVisit(ctx, id);
}

// ------------------------------------------------------------------ coverage

/**
 * Which units were inspected in the plan period (the 法治 plan's years; seed 000 asks for every unit by
 * 2025): per active unit, recorded visits, the last one, the next planned one, and its problems.
 */
export async function inspectionCoverage(ctx: ServiceContext, q: { regionId?: string; planId?: string; year?: number }): Promise<Coverage> {
  const regionId = regionOf(ctx.actor, q.regionId);
  if (!readsRegion(ctx.actor, regionId)) throw new AppError('NOT_FOUND', '地区不存在或您无权查看');
  let plan = q.planId ? await plansRepo.findById(ctx.db, q.planId) : undefined;
  if (q.planId && (!plan || plan.region_id !== regionId)) throw new AppError('NOT_FOUND', '规划不存在或您无权查看');
  const today = todayIn(ctx.clock);
  if (!plan) {
    const year = yearOf(today);
    const plans = (await plansRepo.list(ctx.db, regionId)).filter((p) => p.period_start !== null && p.period_end !== null);
    plan = plans.find((p) => p.period_start! <= year && year <= p.period_end!) ?? plans.sort((x, y) => y.period_end! - x.period_end!)[0];
  }
  const one = q.year ?? (plan?.period_start ? null : yearOf(today));
  const from = one ? `${one}-01-01` : `${plan!.period_start}-01-01`;
  const to = one ? `${one}-12-31` : `${plan!.period_end}-12-31`;
  if (q.year) plan = undefined;
  const units = (await unitsRepo.list(ctx.db, { regionId, active: true })).filter((u) => !u.merged_into_id);
  const visits = await inspectionsRepo.visitsOfRegion(ctx.db, regionId, { from, to });
  const problems: InspectionProblemRow[] = (await inspectionsRepo.problemsOfVisits(ctx.db, visits.map((v) => v.id))).filter((p) => p.state !== 'draft');
  const rows = units.map((u) => {
    const done = visits.filter((v) => v.unit_id === u.id && v.state === 'recorded').map((v) => v.visited_on!).sort();
    const planned = visits.filter((v) => v.unit_id === u.id && v.state === 'planned').map((v) => v.scheduled_on).sort();
    const ps = problems.filter((p) => p.unit_id === u.id);
    return {
      unitId: u.id,
      unitName: u.name,
      visits: done.length,
      lastVisitedOn: done.at(-1) ?? null,
      plannedOn: planned.find((d) => d >= today) ?? planned.at(-1) ?? null,
      problems: ps.length,
      openProblems: ps.filter((p) => p.state !== 'closed').length,
      overdueProblems: ps.filter((p) => p.state === 'open' && p.deadline < today).length,
    };
  });
  return {
    planId: plan?.id ?? null,
    planTitle: plan?.title ?? null,
    from,
    to,
    total: rows.length,
    covered: rows.filter((r) => r.visits > 0).length,
    planned: rows.filter((r) => r.visits === 0 && r.plannedOn !== null).length,
    units: rows,
  };
}
