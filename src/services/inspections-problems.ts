/**
 * The 问题清单: each problem found on a visit, with its evidence and photos, the 整改要求 and deadline;
 * the unit's rectification report (with evidence: a report without any is refused); the inspector's
 * check — returned, or closed (销号). Every step is an event and audited; the other side is notified.
 */
import type { Readable } from 'node:stream';
import type { Executor } from '../db/client.ts';
import { inTransaction } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { inspectionsRepo } from '../db/repositories/inspections.ts';
import { plansRepo } from '../db/repositories/plans.ts';
import { uploadsRepo } from '../db/repositories/reports.ts';
import { regionsRepo } from '../db/repositories/regions.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import type { InspectionProblemRow, InspectionVisitRow } from '../db/schema.ts';
import { formatChineseDate } from '../domain/dates.ts';
import { writeProblemListDocx, type ProblemListDoc } from '../exports/problem-list-docx.ts';
import { writeProblemList, type ProblemListRow } from '../exports/problem-list-xlsx.ts';
import { PROBLEM_STATE_LABEL, type AddProblemRequest, type ProblemExportQuery, type ChecklistItem, type Problem, type ProblemDetail, type ProblemQuery, type ProblemState, type RectifyRequest } from '../shared/api/inspections.ts';
import type { Evidence } from '../shared/api/reports.ts';
import { todayIn } from '../shared/clock.ts';
import { AppError, STALE } from '../shared/errors.ts';
import { recordAudit } from './audit.ts';
import { nowIso, type ServiceContext } from './context.ts';
import { storeUpload } from './evidence.ts';
import { loadVisit } from './inspections.ts';
import { issuerOrgOf } from './notices.ts';
import { notify, officeRecipients, recipientsOfUnit } from './notifications.ts';
import { authorize, canInspectVisit, canReadUnitInspection, canWriteFor, readsRegion, requireUser } from './policies.ts';
import { regionOf } from './supervision-settings.ts';
import { allPages, EXPORT_PAGE } from './paging.ts';
import { taskNumber } from '../domain/task-number.ts';

const ACTION_LABEL: Record<string, string> = { issue: '列入问题清单', rectify: '提交整改报告', return: '退回重新整改', close: '销号', escalate: '逾期升级' };

export const problemNumber = (listNumber: string | null, seq: number) => (listNumber ? `${listNumber} 第${seq}项` : `第${seq}项（待提交记录）`);

const evidenceView = (u: { id: string; file_name: string; kind: string; mime: string; size: number; sha256: string; created_at: string }): Evidence => ({ uploadId: u.id, fileName: u.file_name, kind: u.kind, mime: u.mime, size: u.size, sha256: u.sha256, uploadedAt: u.created_at });

async function present(ctx: ServiceContext, rows: InspectionProblemRow[]): Promise<Problem[]> {
  const visits = new Map<string, InspectionVisitRow>();
  for (const id of new Set(rows.map((r) => r.visit_id))) visits.set(id, (await inspectionsRepo.findVisit(ctx.db, id))!);
  const titles = new Map<string, string>();
  for (const id of new Set(rows.map((r) => r.inspection_id))) titles.set(id, (await inspectionsRepo.findPlan(ctx.db, id))?.title ?? '');
  const units = new Map((await unitsRepo.findByIds(ctx.db, [...new Set(rows.map((r) => r.unit_id))])).map((u) => [u.id, u.name]));
  const tasks = new Map((await plansRepo.tasksByIds(ctx.db, [...new Set(rows.map((r) => r.task_id).filter((x) => x !== null))])).map((t) => [t.id, t]));
  const links = await inspectionsRepo.filesOf(ctx.db, rows.map((r) => r.id));
  const uploads = new Map((await uploadsRepo.findMany(ctx.db, [...new Set(links.map((l) => l.upload_id))])).map((u) => [u.id, u]));
  const filesOf = (id: string, purpose: string) => links.filter((l) => l.problem_id === id && l.purpose === purpose).map((l) => uploads.get(l.upload_id)).filter((u) => u !== undefined).map(evidenceView);
  const today = todayIn(ctx.clock);
  return rows.map((r) => {
    const t = r.task_id ? tasks.get(r.task_id) : undefined;
    return {
      id: r.id,
      regionId: r.region_id,
      number: problemNumber(visits.get(r.visit_id)?.list_number ?? null, r.seq),
      visitId: r.visit_id,
      inspectionId: r.inspection_id,
      inspectionTitle: titles.get(r.inspection_id) ?? '',
      unitId: r.unit_id,
      unitName: units.get(r.unit_id) ?? '',
      year: r.year,
      seq: r.seq,
      checklistKey: r.checklist_key,
      taskId: r.task_id,
      taskNumber: t ? taskNumber(t.path_json) : null,
      taskText: t?.text ?? null,
      description: r.description,
      evidenceNote: r.evidence_note,
      requirement: r.requirement,
      deadline: r.deadline,
      state: r.state as ProblemState,
      stateLabel: PROBLEM_STATE_LABEL[r.state as ProblemState],
      overdue: r.state === 'open' && r.deadline < today,
      rectification: r.rectification,
      rectifiedOn: r.rectified_on,
      rectifiedByName: r.rectified_by_name,
      returnReason: r.return_reason,
      closeNote: r.close_note,
      closedOn: r.closed_on,
      closedByName: r.closed_by_name,
      escalatedAt: r.escalated_at,
      findingFiles: filesOf(r.id, 'finding'),
      rectificationFiles: filesOf(r.id, 'rectification'),
      version: r.version,
      createdAt: r.created_at,
    };
  });
}

const canReadProblem = (ctx: ServiceContext, p: InspectionProblemRow) => readsRegion(ctx.actor, p.region_id) || (p.state !== 'draft' && canReadUnitInspection(ctx.actor, p.unit_id, p.region_id));

async function load(ctx: ServiceContext, id: string): Promise<InspectionProblemRow> {
  const p = await inspectionsRepo.findProblem(ctx.db, id);
  if (!p || !canReadProblem(ctx, p)) throw new AppError('NOT_FOUND', '问题不存在或您无权查看');
  return p;
}

export async function getProblem(ctx: ServiceContext, id: string): Promise<ProblemDetail> {
  const p = await load(ctx, id);
  const visit = (await inspectionsRepo.findVisit(ctx.db, p.visit_id))!;
  const [view] = await present(ctx, [p]);
  const events = await inspectionsRepo.events(ctx.db, id);
  return {
    ...view!,
    events: events.map((e) => ({ action: e.action, actionLabel: ACTION_LABEL[e.action] ?? e.action, actorName: e.actor_name, text: e.text, createdAt: e.created_at })),
    canInspect: canInspectVisit(ctx.actor, visit),
    canRectify: p.state === 'open' && ctx.actor.kind === 'user' && ctx.actor.role === 'liaison' && canWriteFor(ctx.actor, p.unit_id, p.region_id),
  };
}

/** The 问题清单: the region's readers see all (or one unit's, one plan's, one visit's); a liaison its own unit's. */
export async function listProblems(ctx: ServiceContext, q: ProblemQuery): Promise<{ items: Problem[]; total: number }> {
  const regionId = regionOf(ctx.actor, q.regionId);
  const a = ctx.actor;
  const all = readsRegion(a, regionId);
  const unitId = all ? q.unitId : a.kind === 'user' && a.role === 'liaison' && a.unitId ? a.unitId : null;
  if (unitId === null) throw new AppError('NOT_FOUND', '地区不存在或您无权查看');
  if (unitId && !canReadUnitInspection(a, unitId, regionId)) throw new AppError('NOT_FOUND', '单位不存在或您无权查看');
  if (!all && q.state === 'draft') return { items: [], total: 0 };
  const page = q.page ?? 1;
  const size = q.pageSize ?? 50;
  const { rows, total } = await inspectionsRepo.listProblems(ctx.db, {
    regionId,
    unitId,
    inspectionId: q.inspectionId,
    visitId: q.visitId,
    state: q.state,
    includeDrafts: all && !!q.visitId,
    overdueOn: q.overdue ? todayIn(ctx.clock) : undefined,
    year: q.year,
    limit: size,
    offset: (page - 1) * size,
  });
  return { items: await present(ctx, rows), total };
}

/** Uploads of the unit that may be attached here (the unit's own files, or the inspectors' photos of it). */
async function checkUploads(db: Executor, ids: string[], unitId: string, field: string): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = await uploadsRepo.findMany(db, unique);
  if (found.length !== unique.length || found.some((u) => u.unit_id !== unitId)) throw new AppError('VALIDATION', '所选文件不存在或不属于该单位', [{ field, message: '文件不存在' }]);
  return unique;
}

/** Notes a problem found on a visit not yet recorded: what, its evidence and photos, the 整改要求 and deadline. */
export async function addProblem(ctx: ServiceContext, visitId: string, req: AddProblemRequest): Promise<ProblemDetail> {
  const a = requireUser(ctx.actor);
  const v = await loadVisit(ctx, visitId);
  authorize(canInspectVisit(a, v), '记录督察问题');
  if (v.state === 'recorded') throw new AppError('CONFLICT', '此次督察已记录，不能再添加问题');
  const today = todayIn(ctx.clock);
  if (req.deadline <= today) throw new AppError('VALIDATION', '整改期限应晚于今天', [{ field: 'deadline', message: '应晚于今天' }]);
  const checklist = JSON.parse(v.checklist_json) as ChecklistItem[];
  const item = req.checklistKey ? checklist.find((c) => c.key === req.checklistKey) : undefined;
  if (req.checklistKey && !item) throw new AppError('VALIDATION', '所选检查项不在本次督察清单中', [{ field: 'checklistKey', message: '不在清单中' }]);
  const uploadIds = await checkUploads(ctx.db, req.uploadIds ?? [], v.unit_id, 'uploadIds');
  const id = newId(ctx.clock.now().getTime());
  await inTransaction(ctx.db, async (trx) => {
    const now = nowIso(ctx);
    const seq = await inspectionsRepo.nextProblemSeq(trx, visitId);
    await inspectionsRepo.insertProblem(trx, {
      id,
      visit_id: visitId,
      inspection_id: v.inspection_id,
      region_id: v.region_id,
      unit_id: v.unit_id,
      year: Number(today.slice(0, 4)),
      seq,
      checklist_key: item?.key ?? null,
      task_id: item?.taskId ?? null,
      description: req.description,
      evidence_note: req.evidenceNote ?? '',
      requirement: req.requirement,
      deadline: req.deadline,
      state: 'draft',
      rectification: null,
      rectified_on: null,
      rectified_by_name: null,
      return_reason: null,
      close_note: null,
      closed_on: null,
      closed_by_name: null,
      escalated_at: null,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    await inspectionsRepo.attachFiles(trx, uploadIds.map((upload_id, i) => ({ problem_id: id, upload_id, purpose: 'finding', region_id: v.region_id, sort_order: i + 1 })));
    await recordAudit(trx, ctx, { action: 'inspection.problem.add', entityType: 'inspection_problem', entityId: id, regionId: v.region_id, summary: `记录督察问题：${req.description.slice(0, 40)}`, after: { visitId, description: req.description, requirement: req.requirement, deadline: req.deadline, uploadIds } });
  });
  return getProblem(ctx, id);
}

/** A problem noted on a visit not yet recorded may be dropped again. */
export async function deleteProblem(ctx: ServiceContext, id: string, version: number): Promise<{ ok: true }> {
  const p = await load(ctx, id);
  const v = (await inspectionsRepo.findVisit(ctx.db, p.visit_id))!;
  authorize(canInspectVisit(ctx.actor, v), '删除督察问题');
  if (p.state !== 'draft') throw new AppError('CONFLICT', '问题已列入问题清单，不能删除');
  await inTransaction(ctx.db, async (trx) => {
    if (!(await inspectionsRepo.deleteProblem(trx, id, version))) throw new AppError('CONFLICT', '问题已被他人修改，请刷新后再试', STALE);
    await recordAudit(trx, ctx, { action: 'inspection.problem.delete', entityType: 'inspection_problem', entityId: id, regionId: p.region_id, summary: `删除督察问题：${p.description.slice(0, 40)}`, before: { description: p.description } });
  });
  return { ok: true };
}

async function step(
  ctx: ServiceContext,
  id: string,
  version: number,
  guard: (p: InspectionProblemRow, v: InspectionVisitRow) => void,
  patch: (p: InspectionProblemRow) => Partial<InspectionProblemRow>,
  event: { action: string; text: string },
  tell: (p: InspectionProblemRow, v: InspectionVisitRow, db: Executor) => Promise<{ userIds: string[]; title: string; body: string }>,
  files?: { purpose: string; uploadIds: string[] },
): Promise<ProblemDetail> {
  const a = requireUser(ctx.actor);
  const p = await load(ctx, id);
  const v = (await inspectionsRepo.findVisit(ctx.db, p.visit_id))!;
  guard(p, v);
  if (p.version !== version) throw new AppError('CONFLICT', '该问题已被他人处理，请刷新后再试', STALE);
  const number = problemNumber(v.list_number, p.seq);
  await inTransaction(ctx.db, async (trx) => {
    const now = nowIso(ctx);
    const ch = { ...patch(p), updated_at: now };
    if (!(await inspectionsRepo.updateProblem(trx, id, version, ch))) throw new AppError('CONFLICT', '该问题已被他人处理，请刷新后再试', STALE);
    if (files) {
      await inspectionsRepo.detachFiles(trx, id, files.purpose);
      await inspectionsRepo.attachFiles(trx, files.uploadIds.map((upload_id, i) => ({ problem_id: id, upload_id, purpose: files.purpose, region_id: p.region_id, sort_order: i + 1 })));
    }
    await inspectionsRepo.insertEvent(trx, { id: newId(ctx.clock.now().getTime()), problem_id: id, region_id: p.region_id, action: event.action, actor_name: a.displayName, text: event.text, created_at: now });
    await recordAudit(trx, ctx, { action: `inspection.problem.${event.action}`, entityType: 'inspection_problem', entityId: id, regionId: p.region_id, summary: `督察问题 ${number}：${ACTION_LABEL[event.action]}`, before: { state: p.state }, after: { state: ch.state ?? p.state, text: event.text, uploadIds: files?.uploadIds } });
    const t = await tell(p, v, trx);
    await notify({ ...ctx, db: trx }, { regionId: p.region_id, userIds: t.userIds, kind: 'inspection', title: t.title, body: t.body, link: `/inspection/problems/${id}`, dedupeKey: `problem-${event.action}:${id}:${version}` });
  });
  return getProblem(ctx, id);
}

/** The unit's rectification report: what was done, with evidence (at least one file). */
export async function rectifyProblem(ctx: ServiceContext, id: string, req: RectifyRequest): Promise<ProblemDetail> {
  const p0 = await load(ctx, id);
  authorize(canWriteFor(ctx.actor, p0.unit_id, p0.region_id), '提交此问题的整改报告');
  if (!req.uploadIds.length) throw new AppError('VALIDATION', '整改报告须附整改佐证材料（照片、文件等），请上传后再提交', [{ field: 'uploadIds', message: '请上传整改佐证材料' }]);
  const uploadIds = await checkUploads(ctx.db, req.uploadIds, p0.unit_id, 'uploadIds');
  const today = todayIn(ctx.clock);
  return step(
    ctx,
    id,
    req.version,
    (p) => {
      if (p.state !== 'open') throw new AppError('CONFLICT', p.state === 'closed' ? '该问题已销号，不能再提交整改报告' : p.state === 'submitted' ? '整改报告已提交，等待核查' : '该问题尚未列入问题清单');
    },
    () => ({ state: 'submitted', rectification: req.rectification, rectified_on: today, rectified_by_name: ctx.actor.kind === 'user' ? ctx.actor.displayName : null }),
    { action: 'rectify', text: req.rectification },
    async (p, v, db) => ({ userIds: [...(JSON.parse(v.inspector_ids_json) as string[]), ...(await officeRecipients({ db }, p.region_id))], title: `督察问题 ${problemNumber(v.list_number, p.seq)} 已提交整改报告`, body: req.rectification }),
    { purpose: 'rectification', uploadIds },
  );
}

/** The inspector finds the rectification wanting and sends it back; the unit must rectify again. */
export async function returnProblem(ctx: ServiceContext, id: string, version: number, reason: string): Promise<ProblemDetail> {
  return step(
    ctx,
    id,
    version,
    (p, v) => {
      authorize(canInspectVisit(ctx.actor, v), '退回整改报告');
      if (p.state !== 'submitted') throw new AppError('CONFLICT', p.state === 'closed' ? '该问题已销号' : '整改报告尚未提交，不能退回');
    },
    () => ({ state: 'open', rectified_on: null, return_reason: reason }),
    { action: 'return', text: reason },
    async (p, v, db) => ({ userIds: await recipientsOfUnit({ db }, p.unit_id), title: `督察问题 ${problemNumber(v.list_number, p.seq)} 的整改报告被退回`, body: `${reason}\n整改期限：${formatChineseDate(p.deadline)}` }),
  );
}

/** 销号: the inspector has checked the rectification and closes the problem. */
export async function closeProblem(ctx: ServiceContext, id: string, version: number, note: string): Promise<ProblemDetail> {
  const today = todayIn(ctx.clock);
  return step(
    ctx,
    id,
    version,
    (p, v) => {
      authorize(canInspectVisit(ctx.actor, v), '销号');
      if (p.state !== 'submitted') throw new AppError('CONFLICT', p.state === 'closed' ? '该问题已销号' : '整改报告尚未提交，不能销号');
    },
    () => ({ state: 'closed', close_note: note, closed_on: today, closed_by_name: ctx.actor.kind === 'user' ? ctx.actor.displayName : null }),
    { action: 'close', text: note },
    async (p, v, db) => ({ userIds: await recipientsOfUnit({ db }, p.unit_id), title: `督察问题 ${problemNumber(v.list_number, p.seq)} 已销号`, body: note }),
  );
}

/**
 * For assessment (考核): the ids of a unit's problems found in `year` not rectified by their deadline as
 * of `asOf` — the deadline has passed and no standing rectification report was handed in on or before it.
 */
export function unrectifiedProblems(db: Executor, q: { unitId: string; year: number; asOf: string }): Promise<{ id: string }[]> {
  return inspectionsRepo.unrectified(db, q);
}

// ------------------------------------------------------------------ exports

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Every problem the list shows with these filters (all its pages), under the list's own rule. */
async function allProblems(ctx: ServiceContext, q: ProblemExportQuery): Promise<Problem[]> {
  const out: Problem[] = [];
  for await (const p of allPages(await listProblems(ctx, { ...q, page: 1, pageSize: EXPORT_PAGE }), (page) => listProblems(ctx, { ...q, page, pageSize: EXPORT_PAGE }))) out.push(p);
  return out;
}

/** The task's first clause, for a column: 「全面实行政府权责清单制度」. */
const clause = (text: string, max = 30) => {
  const c = text.split(/[，。；：,;]/)[0]!.trim();
  return c.length > max ? `${c.slice(0, max)}…` : c;
};

/** 待整改（逾期未整改）, 待整改（整改报告被退回）, 已销号（2026年3月25日） … */
export function problemStatusText(p: Problem): string {
  if (p.state === 'closed') return `${p.stateLabel}${p.closedOn ? `（${formatChineseDate(p.closedOn)}）` : ''}`;
  const notes = [p.state === 'open' && p.returnReason ? '整改报告被退回' : '', p.overdue ? '逾期未整改' : ''].filter(Boolean);
  return `${p.stateLabel}${notes.length ? `（${notes.join('，')}）` : ''}`;
}

function rectificationText(p: Problem): string {
  if (!p.rectification) return '尚未提交整改报告';
  const by = p.rectifiedOn ? `（${p.rectifiedByName ?? ''}${p.rectifiedByName ? '，' : ''}${formatChineseDate(p.rectifiedOn)}提交）` : '';
  const back = p.state === 'open' && p.returnReason ? `\n退回原因：${p.returnReason}` : '';
  return `${p.rectification}${by}${back}`;
}

/** What the filters select, in words, for the file's title: 息烽县，县政府办，2026年，待整改. */
async function exportScope(ctx: ServiceContext, q: ProblemExportQuery, items: Problem[]): Promise<{ regionName: string; parts: string[] }> {
  const regionId = regionOf(ctx.actor, q.regionId);
  const region = await regionsRepo.findById(ctx.db, regionId);
  const a = ctx.actor;
  const unitId = readsRegion(a, regionId) ? q.unitId : a.kind === 'user' ? (a.unitId ?? undefined) : undefined;
  const parts: string[] = [];
  if (q.inspectionId) {
    const plan = await inspectionsRepo.findPlan(ctx.db, q.inspectionId);
    if (plan && plan.region_id === regionId) parts.push(plan.title);
  }
  if (q.visitId) {
    const v = await inspectionsRepo.findVisit(ctx.db, q.visitId);
    if (v && v.region_id === regionId && v.list_number) parts.push(v.list_number);
  }
  if (unitId) {
    const u = items.find((p) => p.unitId === unitId)?.unitName ?? (await unitsRepo.findById(ctx.db, unitId))?.name;
    if (u) parts.push(u);
  }
  if (q.year) parts.push(`${q.year}年`);
  if (q.state) parts.push(PROBLEM_STATE_LABEL[q.state]);
  if (q.overdue) parts.push('逾期未整改');
  return { regionName: region?.name ?? '', parts };
}

/** The 问题清单 as Excel, exactly as filtered on the page; a liaison's holds only the unit's problems. */
export async function exportProblemsXlsx(ctx: ServiceContext, q: ProblemExportQuery): Promise<{ fileName: string; type: string; data: Buffer }> {
  const items = await allProblems(ctx, q);
  const scope = await exportScope(ctx, q, items);
  const title = `${scope.regionName}督察问题清单${scope.parts.length ? `（${scope.parts.join('，')}）` : ''}`;
  const rows: ProblemListRow[] = items.map((p, i) => ({
    seq: i + 1,
    number: p.number,
    unit: p.unitName,
    inspection: p.inspectionTitle,
    task: p.taskNumber ? `${p.taskNumber} ${clause(p.taskText ?? '')}`.trim() : '',
    description: p.description,
    requirement: p.requirement,
    deadline: p.deadline,
    status: problemStatusText(p),
    rectification: rectificationText(p),
    check: p.state === 'closed' ? `${p.closeNote ?? ''}${p.closedByName ? `（${p.closedByName}）` : ''}` : p.state === 'open' && p.returnReason ? `退回：${p.returnReason}` : '',
  }));
  return { fileName: `${title}.xlsx`, type: XLSX_TYPE, data: await writeProblemList(title, rows) };
}

/**
 * The 问题清单 as Word in the GB/T 9704 layout, one list a visit (a unit in an inspection plan, with its
 * number): the filters are the list page's, so one unit's, one plan's (every unit) or one visit's.
 */
export async function exportProblemsDocx(ctx: ServiceContext, q: ProblemExportQuery): Promise<{ fileName: string; type: string; data: Buffer }> {
  const items = await allProblems(ctx, q);
  if (!items.length) throw new AppError('UNPROCESSABLE', '没有符合条件的督察问题，无法生成问题清单，请调整筛选条件');
  const scope = await exportScope(ctx, q, items);
  const groups = new Map<string, Problem[]>();
  for (const p of items) groups.set(p.visitId, [...(groups.get(p.visitId) ?? []), p]);
  const lists: ProblemListDoc[] = [];
  for (const [visitId, ps] of groups) {
    const v = (await inspectionsRepo.findVisit(ctx.db, visitId))!;
    const names = await inspectionsRepo.userNames(ctx.db, JSON.parse(v.inspector_ids_json) as string[]);
    lists.push({
      number: v.list_number ?? '（督察记录尚未提交）',
      title: `${ps[0]!.inspectionTitle}问题清单`,
      unitName: ps[0]!.unitName,
      inspectionTitle: ps[0]!.inspectionTitle,
      visitedOn: v.visited_on ?? v.scheduled_on,
      inspectors: [...names.values()].join('、'),
      problems: ps
        .sort((a, b) => a.seq - b.seq)
        .map((p) => ({ label: `第${p.seq}项`, task: p.taskNumber ? `${p.taskNumber}` : null, description: p.description, requirement: p.requirement, deadline: p.deadline, rectification: rectificationText(p), status: problemStatusText(p) })),
    });
  }
  const title = lists.length === 1 && lists[0]!.number.startsWith('（') === false ? `问题清单${lists[0]!.number}（${lists[0]!.unitName}）` : `${scope.regionName}督察问题清单${scope.parts.length ? `（${scope.parts.join('，')}）` : ''}`;
  const data = await writeProblemListDocx({ title, issuerOrg: issuerOrgOf(scope.regionName), date: todayIn(ctx.clock), lists });
  return { fileName: `${title}.docx`, type: DOCX_TYPE, data };
}

// ------------------------------------------------------------------ files

/**
 * Stores a photo or document the inspectors took on a visit, as the unit's upload (so it sits with the
 * unit's evidence, stored once by content). The type is read from the bytes; a refused file leaves nothing.
 */
export async function uploadVisitFile(ctx: ServiceContext, visitId: string, input: { fileName: string; stream: Readable }): Promise<Evidence> {
  const v = await loadVisit(ctx, visitId);
  authorize(canInspectVisit(ctx.actor, v), '上传督察照片和材料');
  if (v.state === 'recorded') throw new AppError('CONFLICT', '此次督察已记录，不能再上传材料');
  return storeUpload(ctx, { regionId: v.region_id, unitId: v.unit_id, fileName: input.fileName, stream: input.stream, audit: { action: 'inspection.upload', summary: (name) => `上传督察照片或材料「${name}」`, extra: { visitId } } });
}

/** Opens a file attached to a problem the actor may read (or one the actor uploaded, before it is attached). */
export async function openInspectionFile(ctx: ServiceContext, uploadId: string): Promise<{ stream: Readable; mime: string; fileName: string; size: number; inline: boolean }> {
  const u = await uploadsRepo.findById(ctx.db, uploadId);
  if (!u) throw new AppError('NOT_FOUND', '文件不存在或您无权查看');
  let allowed = ctx.actor.kind === 'user' && u.uploaded_by === ctx.actor.userId;
  if (!allowed) for (const p of await inspectionsRepo.problemsOfUpload(ctx.db, u.id)) if ((allowed = canReadProblem(ctx, p))) break;
  if (!allowed) throw new AppError('NOT_FOUND', '文件不存在或您无权查看');
  if (!ctx.blobs) throw new AppError('INTERNAL', '文件存储未配置');
  if (!ctx.blobs.has(u.sha256)) throw new AppError('NOT_FOUND', '文件内容缺失，请联系管理员');
  return { stream: ctx.blobs.read(u.sha256), mime: u.mime, fileName: u.file_name, size: u.size, inline: u.kind === 'pdf' || u.kind === 'image' };
}
