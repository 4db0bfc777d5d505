import { inTransaction, type Executor } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { groupsRepo } from '../db/repositories/groups.ts';
import { plansRepo } from '../db/repositories/plans.ts';
import { regionsRepo } from '../db/repositories/regions.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import type { AssignmentRow, PlanHeadingRow, PlanImportRow, PlanRow, TaskDeadlineRow, TaskOwnerRow, TaskRow, TaskTargetRow } from '../db/schema.ts';
import { diffPlans, type DiffTask, type PlanDiff } from '../domain/plan-diff.ts';
import { guessUnitKind } from '../domain/unit-kind.ts';
import { parseDocument } from '../parser/index.ts';
import type { z } from 'zod';
import { UnitDecision as UnitDecisionSchema, CommitImportRequest as CommitSchema, type CommitImportRequest, type CommitResult, type PlanImport, type PrintedName, type UnitDecision } from '../shared/api/plans.ts';
import { PlanDraftSchema, type PlanDraft, type PlanHeading, type PlanTask } from '../shared/plan-draft.ts';
import { AppError } from '../shared/errors.ts';
import { recordAudit } from './audit.ts';
import { nowIso, type ServiceContext } from './context.ts';
import { DirectoryIndex, looksLikeGroup } from './directory-index.ts';
import { resolveMembers } from './groups.ts';
import { ensurePeriods } from './periods.ts';
import { similarity } from './names.ts';
import { authorize, authorizeRead, canManageDirectory, canReadDirectory } from './policies.ts';
import { addAlias, createUnit } from './units.ts';
import { parseInput } from './validate.ts';

/** Importing plans is the office's work (the same people who keep the directory). */
const canImport = canManageDirectory;

type Role = 'lead' | 'responsible';

/** Every distinct owner name printed in the draft, with how often and in which roles. */
export function printedNames(draft: PlanDraft): { printed: string; uses: number; roles: Role[] }[] {
  const m = new Map<string, { uses: number; roles: Set<Role> }>();
  for (const t of draft.tasks) {
    for (const [role, list] of [['lead', t.lead_units], ['responsible', t.responsible_units]] as const) {
      for (const raw of list) {
        const printed = raw.trim();
        if (!printed) continue;
        const e = m.get(printed) ?? { uses: 0, roles: new Set<Role>() };
        e.uses++;
        e.roles.add(role);
        m.set(printed, e);
      }
    }
  }
  return [...m.entries()].map(([printed, e]) => ({ printed, uses: e.uses, roles: [...e.roles] }));
}

async function describeNames(db: Executor, regionId: string, draft: PlanDraft): Promise<PrintedName[]> {
  const index = await DirectoryIndex.load(db, regionId);
  const out: PrintedName[] = [];
  for (const n of printedNames(draft)) {
    const resolution = index.resolve(n.printed);
    let groupMembers: PrintedName['groupMembers'] = [];
    if (resolution.group) {
      const g = (await groupsRepo.findById(db, resolution.group.groupId))!;
      const members = await resolveMembers(db, g.region_id, g.mode as 'rule' | 'explicit', g.rule_kinds ? JSON.parse(g.rule_kinds) : [], await groupsRepo.memberIds(db, g.id));
      groupMembers = members.map((m) => ({ id: m.id, name: m.name }));
    }
    out.push({ ...n, resolution, looksLikeGroup: !resolution.match && (!!resolution.group || looksLikeGroup(n.printed)), groupMembers });
  }
  return out.sort((a, b) => Number(!!a.resolution.match) - Number(!!b.resolution.match) || b.uses - a.uses);
}

async function present(ctx: ServiceContext, row: PlanImportRow): Promise<PlanImport> {
  const draft = JSON.parse(row.draft_json) as PlanDraft;
  const dup = row.status === 'pending' ? await plansRepo.findVersionBySha(ctx.db, row.region_id, row.sha256) : undefined;
  const dupPlan = dup ? await plansRepo.findById(ctx.db, dup.plan_id) : undefined;
  const title = draft.document.title ?? '';
  const candidatePlans = (await plansRepo.list(ctx.db, row.region_id))
    .map((p) => ({ id: p.id, title: p.title, score: Math.round(similarity(p.title, title) * 100) / 100 }))
    .filter((p) => p.score >= 0.5)
    .sort((a, b) => b.score - a.score);
  return {
    id: row.id,
    regionId: row.region_id,
    fileName: row.file_name,
    sha256: row.sha256,
    format: row.format,
    status: row.status as PlanImport['status'],
    sourceText: row.source_text,
    draft,
    names: await describeNames(ctx.db, row.region_id, draft),
    duplicateOf: dup && dupPlan ? { planId: dupPlan.id, planTitle: dupPlan.title, versionNo: dup.version_no, label: dup.label } : null,
    candidatePlans,
    createdAt: row.created_at,
  };
}

/**
 * Reads an uploaded plan and keeps it as a pending import for the office to review.
 * Nothing about plans or units changes until the import is committed.
 */
export async function uploadPlan(ctx: ServiceContext, input: { regionId: string; fileName: string; bytes: Uint8Array; maxBytes?: number }): Promise<PlanImport> {
  authorizeRead(canReadDirectory(ctx.actor, input.regionId), '该地区');
  authorize(canImport(ctx.actor, input.regionId), '导入方案');
  if (!(await regionsRepo.findById(ctx.db, input.regionId))) throw new AppError('NOT_FOUND', '地区不存在');
  const opts = { fileName: input.fileName, maxBytes: input.maxBytes };
  const { draft, text, format } = await parseDocument(input.bytes, opts);
  const row: PlanImportRow = {
    id: newId(),
    region_id: input.regionId,
    created_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
    file_name: draft.source?.file ?? input.fileName,
    sha256: draft.source?.sha256 ?? '',
    format,
    source_text: text,
    draft_json: JSON.stringify(draft),
    status: 'pending',
    plan_id: null,
    created_at: nowIso(ctx),
  };
  await plansRepo.insertImport(ctx.db, row);
  return present(ctx, row);
}

async function visibleImport(ctx: ServiceContext, id: string): Promise<PlanImportRow> {
  const row = await plansRepo.findImport(ctx.db, id);
  if (!row || !canReadDirectory(ctx.actor, row.region_id) || !canImport(ctx.actor, row.region_id)) throw new AppError('NOT_FOUND', '导入记录不存在或您无权查看');
  return row;
}

export async function getImport(ctx: ServiceContext, id: string): Promise<PlanImport> {
  return present(ctx, await visibleImport(ctx, id));
}

export async function cancelImport(ctx: ServiceContext, id: string): Promise<void> {
  const row = await visibleImport(ctx, id);
  if (!(await plansRepo.setImportStatus(ctx.db, row.id, 'cancelled', null))) throw new AppError('CONFLICT', '该导入已提交或已取消');
}

// ---------------------------------------------------------------------------------------------
// turning a draft into rows

interface Expansion {
  unitIds: string[];
  unitId: string | null;
  groupId: string | null;
}

function flattenOutline(outline: PlanHeading[], planId: string, regionId: string): { rows: PlanHeadingRow[]; byPath: Map<string, string> } {
  const rows: PlanHeadingRow[] = [];
  const byPath = new Map<string, string>();
  const walk = (hs: PlanHeading[], parentId: string | null, path: string[], depth: number) => {
    for (const h of hs) {
      const id = newId();
      const p = [...path, h.number];
      rows.push({ id, plan_id: planId, region_id: regionId, parent_id: parentId, number: h.number, title: h.title, depth, sort_order: rows.length, line: h.line ?? null });
      byPath.set(p.join('\u0001'), id);
      walk(h.children ?? [], id, p, depth + 1);
    }
  };
  walk(outline, null, [], 0);
  return { rows, byPath };
}

/** The deepest heading whose numbering is a prefix of the task's path. */
function headingOf(path: string[], byPath: Map<string, string>): string | null {
  for (let n = path.length; n > 0; n--) {
    const id = byPath.get(path.slice(0, n).join('\u0001'));
    if (id) return id;
  }
  return null;
}

function detailRows(task: PlanTask, taskId: string, regionId: string, expansions: Map<string, Expansion>) {
  const owners: TaskOwnerRow[] = [];
  const push = (role: string, printed: string) => {
    const e = expansions.get(printed.trim());
    owners.push({ id: newId(), task_id: taskId, region_id: regionId, role, printed, unit_id: e?.unitId ?? null, group_id: e?.groupId ?? null, sort_order: owners.length });
  };
  task.lead_units.forEach((u) => push('lead', u));
  task.responsible_units.forEach((u) => push('responsible', u));
  task.lead_leaders.forEach((u) => push('leader', u));
  const deadlines: TaskDeadlineRow[] = task.deadlines.map((d, i) => ({ id: newId(), task_id: taskId, region_id: regionId, raw: d.raw, due: d.due, ongoing: d.ongoing ? 1 : 0, recurring: d.recurring, at: d.at ?? null, sort_order: i }));
  const targets: TaskTargetRow[] = task.targets.map((t, i) => ({
    id: newId(),
    task_id: taskId,
    region_id: regionId,
    raw: t.raw,
    metric: t.metric ?? null,
    op: t.op ?? null,
    value_num: typeof t.value === 'number' ? t.value : null,
    value_text: typeof t.value === 'string' ? t.value : null,
    unit: t.unit,
    by_date: t.by ?? null,
    scope: t.scope ?? null,
    sort_order: i,
  }));
  return { owners, deadlines, targets };
}

/** The units a task is assigned to by its printed owners: leads first; a unit that leads is not also a co-owner. */
function desiredAssignments(task: PlanTask, expansions: Map<string, Expansion>): Map<string, 'lead' | 'co'> {
  const out = new Map<string, 'lead' | 'co'>();
  for (const p of task.lead_units) for (const u of expansions.get(p.trim())?.unitIds ?? []) out.set(u, 'lead');
  for (const p of task.responsible_units) for (const u of expansions.get(p.trim())?.unitIds ?? []) if (!out.has(u)) out.set(u, 'co');
  return out;
}

const toDiffTask = (key: string, t: PlanTask): DiffTask => ({
  key,
  path: t.path,
  text: t.text,
  owners: [...t.lead_units.map((name) => ({ role: 'lead', name })), ...t.responsible_units.map((name) => ({ role: 'responsible', name })), ...t.lead_leaders.map((name) => ({ role: 'leader', name }))],
  deadlines: t.deadlines.map((d) => ({ due: d.due, ongoing: d.ongoing, recurring: d.recurring })),
});

async function currentDiffTasks(db: Executor, planId: string): Promise<DiffTask[]> {
  const tasks = await plansRepo.tasks(db, planId);
  const owners = await plansRepo.ownersOfPlan(db, planId);
  const deadlines = await plansRepo.deadlinesOfPlan(db, planId);
  return tasks.map((t) => ({
    key: t.id,
    path: JSON.parse(t.path_json) as string[],
    text: t.text,
    owners: owners.filter((o) => o.task_id === t.id).map((o) => ({ role: o.role, name: o.printed })),
    deadlines: deadlines.filter((d) => d.task_id === t.id).map((d) => ({ due: d.due, ongoing: d.ongoing === 1, recurring: d.recurring })),
  }));
}

export async function previewDiff(ctx: ServiceContext, importId: string, planId: string, edited?: PlanDraft): Promise<PlanDiff> {
  const row = await visibleImport(ctx, importId);
  const plan = await plansRepo.findById(ctx.db, planId);
  if (!plan || plan.region_id !== row.region_id) throw new AppError('NOT_FOUND', '方案不存在');
  const draft = edited ?? (JSON.parse(row.draft_json) as PlanDraft);
  return diffPlans(await currentDiffTasks(ctx.db, planId), draft.tasks.map((t, i) => toDiffTask(`n${i}`, t)));
}

/**
 * Settles every printed owner name: a decision of the office, or an exact directory match.
 * Names left undecided are refused all together, so the office sees the whole list at once.
 */
async function applyDecisions(tctx: ServiceContext, regionId: string, draft: PlanDraft, decisions: Record<string, SettledDecision>): Promise<{ expansions: Map<string, Expansion>; unitsCreated: number }> {
  const index = await DirectoryIndex.load(tctx.db, regionId);
  const expansions = new Map<string, Expansion>();
  const undecided: string[] = [];
  let unitsCreated = 0;
  for (const { printed } of printedNames(draft)) {
    const d = decisions[printed];
    if (!d) {
      const r = index.resolve(printed);
      if (r.match) expansions.set(printed, { unitIds: [r.match.unitId], unitId: r.match.unitId, groupId: null });
      else undecided.push(printed);
      continue;
    }
    if (d.action === 'skip') {
      expansions.set(printed, { unitIds: [], unitId: null, groupId: null });
    } else if (d.action === 'unit') {
      const unit = await unitsRepo.findById(tctx.db, d.unitId);
      if (!unit || unit.region_id !== regionId || unit.merged_into_id) throw new AppError('VALIDATION', `「${printed}」对应的单位不存在或不在本地区`, [{ field: `decisions.${printed}`, message: '单位不存在' }]);
      if (d.addAlias !== false && printed !== unit.name && !index.resolve(printed).match) await addAlias(tctx, unit.id, printed);
      expansions.set(printed, { unitIds: [unit.id], unitId: unit.id, groupId: null });
    } else if (d.action === 'create') {
      const existing = await unitsRepo.findByName(tctx.db, regionId, d.name);
      const unit = existing ?? (await createUnit(tctx, { regionId, name: d.name, kind: d.kind, sortOrder: 1000, aliases: d.addAlias !== false && printed !== d.name ? [printed] : [] }));
      if (!existing) unitsCreated++;
      expansions.set(printed, { unitIds: [unit.id], unitId: unit.id, groupId: null });
    } else {
      const units = await unitsRepo.findByIds(tctx.db, d.unitIds);
      if (units.some((u) => u.region_id !== regionId)) throw new AppError('VALIDATION', `「${printed}」的成员单位不在本地区`);
      let groupId = d.groupId ?? index.resolve(printed).group?.groupId ?? null;
      if (!groupId) {
        // remember the phrase as an explicit group, so the next plan that prints it resolves by itself
        const g = await groupsRepo.findByName(tctx.db, regionId, printed);
        groupId = g?.id ?? null;
        if (!g) {
          const now = nowIso(tctx);
          groupId = newId();
          await groupsRepo.insert(tctx.db, { id: groupId, region_id: regionId, name: printed, mode: 'explicit', rule_kinds: null, description: '导入方案时由依法治办确认的成员', version: 1, created_at: now, updated_at: now });
          await groupsRepo.setMembers(tctx.db, groupId, d.unitIds);
        }
      }
      expansions.set(printed, { unitIds: [...new Set(d.unitIds)], unitId: null, groupId });
    }
  }
  if (undecided.length) {
    throw new AppError(
      'VALIDATION',
      `还有 ${undecided.length} 个责任单位名称需要确认：${undecided.slice(0, 10).join('、')}${undecided.length > 10 ? ' 等' : ''}`,
      undecided.map((n) => ({ field: `decisions.${n}`, message: '请指定对应单位、新建单位、按分组展开或忽略' })),
    );
  }
  return { expansions, unitsCreated };
}
type SettledDecision = z.output<typeof UnitDecisionSchema>;

function taskRowFor(t: PlanTask, id: string, planId: string, regionId: string, headingId: string | null, versionId: string, now: string): TaskRow {
  return {
    id,
    plan_id: planId,
    region_id: regionId,
    heading_id: headingId,
    seq: t.seq,
    part: t.part,
    path_json: JSON.stringify(t.path),
    title: t.title ?? null,
    text: t.text,
    line: t.line ?? null,
    span_start: t.span?.start ?? null,
    span_end: t.span?.end ?? null,
    active: 1,
    created_version_id: versionId,
    updated_version_id: versionId,
    version: 1,
    created_at: now,
    updated_at: now,
  };
}

/**
 * Commits a reviewed import, atomically: the plan (or its new version), outline, tasks with their
 * printed owners, deadlines and targets, mechanisms, the task × unit assignments, any units and
 * aliases the office decided to create, and the audit entry. For a new version, tasks that are
 * unchanged or only reworded keep their identity (and the progress reported on them).
 */
export async function commitImport(ctx: ServiceContext, importId: string, raw: CommitImportRequest): Promise<CommitResult> {
  const req = parseInput(CommitSchema, raw);
  const row = await visibleImport(ctx, importId);
  authorize(canImport(ctx.actor, row.region_id), '导入方案');
  const draft = req.draft ? parseInput(PlanDraftSchema, req.draft) : (JSON.parse(row.draft_json) as PlanDraft);
  if (draft.tasks.length === 0) throw new AppError('UNPROCESSABLE', '未识别到任务：方案中没有可导入的任务');
  if (!req.allowDuplicate && (await plansRepo.findVersionBySha(ctx.db, row.region_id, row.sha256))) {
    throw new AppError('CONFLICT', '同一文件已经导入过。如确需再次导入，请选择「作为新版本导入」或取消。');
  }
  const regionId = row.region_id;
  return inTransaction(ctx.db, async (trx) => {
    const tctx: ServiceContext = { ...ctx, db: trx as ServiceContext['db'] };
    // claim first: a second commit of the same import (double click, two tabs) finds it taken
    if (!(await plansRepo.setImportStatus(trx, row.id, 'committed', req.planId ?? null))) throw new AppError('CONFLICT', '该导入已提交或已取消，请勿重复提交');
    const { expansions, unitsCreated } = await applyDecisions(tctx, regionId, draft, req.decisions);
    const now = nowIso(ctx);
    const doc = draft.document;
    const versionId = newId();
    let plan: PlanRow;
    let versionNo = 1;
    let diff: PlanDiff | null = null;
    if (req.planId) {
      const existing = await plansRepo.findById(trx, req.planId);
      if (!existing || existing.region_id !== regionId) throw new AppError('NOT_FOUND', '要更新的方案不存在');
      plan = existing;
      versionNo = (await plansRepo.versions(trx, plan.id)).reduce((m, v) => Math.max(m, v.version_no), 0) + 1;
    } else {
      plan = {
        id: newId(),
        region_id: regionId,
        title: doc.title ?? row.file_name.replace(/\.[^.]+$/, ''),
        kind: doc.kind ?? null,
        period_start: doc.period?.[0] ?? null,
        period_end: doc.period?.[1] ?? null,
        current_version_id: null,
        default_due: null,
        report_frequency: 'quarterly',
        report_due_offset: 10,
        lag_margin: 15,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await plansRepo.insert(trx, plan);
    }
    const { rows: headingRows, byPath } = flattenOutline(draft.outline, plan.id, regionId);
    await plansRepo.replaceHeadings(trx, plan.id, headingRows);

    // which existing task each new one continues (new versions only)
    const continues = new Map<number, string>();
    if (req.planId) {
      diff = diffPlans(await currentDiffTasks(trx, plan.id), draft.tasks.map((t, i) => toDiffTask(`n${i}`, t)));
      for (const m of [...diff.unchanged, ...diff.reworded]) continues.set(Number(m.newKey.slice(1)), m.oldKey);
      for (const r of diff.removed) await plansRepo.updateTask(trx, r.oldKey, { active: 0, updated_version_id: versionId, updated_at: now });
    }
    const existingAssignments = req.planId ? await plansRepo.assignmentsOfPlan(trx, plan.id) : [];
    const removedIds = new Set(diff?.removed.map((r) => r.oldKey));
    for (const a of existingAssignments) if (removedIds.has(a.task_id) && a.active === 1) await plansRepo.updateAssignment(trx, a.id, { active: 0, updated_at: now });

    const newTasks: TaskRow[] = [];
    const details = { owners: [] as TaskOwnerRow[], deadlines: [] as TaskDeadlineRow[], targets: [] as TaskTargetRow[] };
    const taskIds: string[] = [];
    const newAssignments: AssignmentRow[] = [];
    let unassigned = 0;
    for (const [i, t] of draft.tasks.entries()) {
      const headingId = headingOf(t.path, byPath);
      const oldId = continues.get(i);
      const id = oldId ?? newId();
      taskIds.push(id);
      if (oldId) {
        const old = (await plansRepo.findTask(trx, oldId))!;
        await plansRepo.updateTask(trx, oldId, {
          heading_id: headingId, seq: t.seq, part: t.part, path_json: JSON.stringify(t.path), title: t.title ?? null, text: t.text,
          line: t.line ?? null, span_start: t.span?.start ?? null, span_end: t.span?.end ?? null, updated_version_id: versionId, version: old.version + 1, updated_at: now,
        });
      } else {
        newTasks.push(taskRowFor(t, id, plan.id, regionId, headingId, versionId, now));
      }
      const d = detailRows(t, id, regionId, expansions);
      details.owners.push(...d.owners);
      details.deadlines.push(...d.deadlines);
      details.targets.push(...d.targets);
      // assignments from the printed owners; the office's manual ones are left alone
      const desired = desiredAssignments(t, expansions);
      if (desired.size === 0) unassigned++;
      const mine = existingAssignments.filter((a) => a.task_id === id);
      for (const a of mine.filter((a) => a.source === 'import')) {
        const want = desired.get(a.unit_id);
        if (!want && a.active === 1) await plansRepo.updateAssignment(trx, a.id, { active: 0, updated_at: now });
        if (want && (a.active !== 1 || a.role !== want)) await plansRepo.updateAssignment(trx, a.id, { active: 1, role: want, updated_at: now });
      }
      for (const [unitId, role] of desired) {
        if (mine.some((a) => a.unit_id === unitId)) continue;
        newAssignments.push({ id: newId(), task_id: id, region_id: regionId, unit_id: unitId, role, source: 'import', active: 1, created_at: now, updated_at: now });
      }
    }
    await plansRepo.insertTasks(trx, newTasks);
    await plansRepo.replaceTaskDetails(trx, taskIds, details);
    await plansRepo.insertAssignments(trx, newAssignments);
    await plansRepo.replaceMechanisms(
      trx,
      plan.id,
      (draft.mechanisms ?? []).map((m) => ({ id: newId(), plan_id: plan.id, region_id: regionId, kind: m.kind, raw: m.raw, schedule: m.schedule ?? null, line: m.line ?? null })),
    );
    await plansRepo.insertVersion(trx, {
      id: versionId,
      plan_id: plan.id,
      region_id: regionId,
      version_no: versionNo,
      label: doc.draft && req.label === '正式稿' ? '征求意见稿' : req.label,
      draft: doc.draft ? 1 : 0,
      doc_number: doc.doc_number ?? null,
      issuer: doc.issuer ?? null,
      issued_on: doc.issued_on ?? null,
      source_file: row.file_name,
      source_sha256: row.sha256,
      source_format: row.format,
      source_text: row.source_text,
      draft_json: JSON.stringify(draft),
      changes_json: diff ? JSON.stringify(diff) : null,
      created_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      created_at: now,
    });
    await plansRepo.update(trx, plan.id, {
      title: doc.title ?? plan.title,
      kind: doc.kind ?? plan.kind,
      period_start: doc.period?.[0] ?? plan.period_start,
      period_end: doc.period?.[1] ?? plan.period_end,
      current_version_id: versionId,
      version: plan.version + (req.planId ? 1 : 0),
      updated_at: now,
    });
    await ensurePeriods(trx, (await plansRepo.findById(trx, plan.id))!);
    const assignments = (await plansRepo.assignmentsOfPlan(trx, plan.id)).filter((a) => a.active === 1).length;
    const summary = req.planId
      ? `导入「${plan.title}」第 ${versionNo} 版：新增 ${diff!.added.length}、删除 ${diff!.removed.length}、改写 ${diff!.reworded.length} 项任务`
      : `导入方案「${doc.title ?? plan.title}」：${draft.tasks.length} 项任务，${assignments} 条分工`;
    await recordAudit(trx, ctx, {
      action: req.planId ? 'plan.version' : 'plan.import',
      entityType: 'plan',
      entityId: plan.id,
      regionId,
      summary,
      after: { versionNo, file: row.file_name, sha256: row.sha256, tasks: draft.tasks.length, assignments, unitsCreated, decisions: req.decisions },
    });
    return { planId: plan.id, versionId, versionNo, tasks: draft.tasks.length, assignments, unitsCreated, unassignedTasks: unassigned, diff };
  });
}

/**
 * Decisions the demo loader and `fazhi plan import --auto` take without a person: exact matches as
 * they are, group phrases expanded to the group's current members, anything else created as a new
 * unit with a guessed kind. The interactive review is the normal path.
 */
export async function automaticDecisions(ctx: ServiceContext, imp: PlanImport): Promise<Record<string, UnitDecision>> {
  const out: Record<string, UnitDecision> = {};
  for (const n of imp.names) {
    if (n.resolution.match) continue;
    if (n.resolution.group) out[n.printed] = { action: 'group', groupId: n.resolution.group.groupId, unitIds: n.groupMembers.map((m) => m.id) };
    else if (n.looksLikeGroup) out[n.printed] = { action: 'group', groupId: null, unitIds: [] };
    else out[n.printed] = { action: 'create', name: n.printed, kind: guessUnitKind(n.printed) };
  }
  return out;
}
