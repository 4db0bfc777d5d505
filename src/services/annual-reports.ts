/**
 * Annual reports (法治政府建设年度报告): generating the draft from the records (annual-draft.ts), editing
 * it (every save a numbered version, optimistic concurrency, the sources of generated blocks kept),
 * reviewers' comments, and the workflow draft → review (内部审核) → approved (审定) → submitted (报送, to
 * whom and when; due 3月1日 of the next year by default) → published (公开 on the portal; due 4月1日).
 * A report carrying 【待补充：…】 markers is neither submitted nor published: the refusal names them.
 * Publishing writes a frozen public copy and its search terms; a published report is corrected by
 * reopening it (with a reason) and publishing again with a correction note: the new copy is numbered
 * next, the old one stays readable. Nobody but the portal's readers of published copies sees anything
 * without signing in; inside, a unit's report is its liaison's and the office's, read by the region's
 * leaders and inspectors; the region's own report is the office's.
 */
import { inTransaction } from '../db/client.ts';
import { isUniqueViolation } from '../db/dialect/errors.ts';
import { newId } from '../db/ids.ts';
import { annualRepo } from '../db/repositories/annual-reports.ts';
import { regionsRepo } from '../db/repositories/regions.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import type { AnnualReportRow, AnnualSettingsRow, RegionRow, UnitRow } from '../db/schema.ts';
import { annualDeadlines, DEFAULT_PUBLISH_DUE, DEFAULT_REMIND_DAYS, DEFAULT_SUBMIT_DUE, deadlineState, findMarkers, headingNumbers, plainText } from '../domain/annual-document.ts';
import { diffBlocks } from '../domain/annual-diff.ts';
import { formatChineseDate } from '../domain/dates.ts';
import { writeAnnualReportDocx } from '../exports/annual-report-docx.ts';
import {
  ANNUAL_RECIPIENT_LABEL,
  ANNUAL_STATE_LABEL,
  DEFAULT_RECIPIENTS,
  GenerateAnnualRequest as GenerateSchema,
  PublishAnnualRequest as PublishSchema,
  SubmitAnnualRequest as SubmitSchema,
  UpdateAnnualRequest as UpdateSchema,
  UpdateAnnualSettingsRequest as SettingsSchema,
  type AnnualBoard,
  type AnnualDiff,
  type AnnualFacts,
  type AnnualQuery,
  type AnnualRecipient,
  type AnnualReport,
  type AnnualSettings,
  type AnnualState,
  type AnnualSummary,
  type Block,
  type BoardRow,
  type GenerateAnnualRequest,
  type PublishAnnualRequest,
  type SourceRef,
  type SubmitAnnualRequest,
  type UpdateAnnualRequest,
} from '../shared/api/annual-reports.ts';
import { todayIn } from '../shared/clock.ts';
import { AppError, STALE } from '../shared/errors.ts';
import { recordAudit } from './audit.ts';
import { termsOf } from './annual-search.ts';
import { composeDraft } from './annual-draft.ts';
import { docxToPdf } from './pdf.ts';
import { nowIso, type ServiceContext } from './context.ts';
import { notify, officeRecipients, recipientsOfUnit } from './notifications.ts';
import { authorize, canApproveAnnual, canPublishAnnual, canReadAnnual, canWriteAnnual, inRegion, readsRegion, requireUser } from './policies.ts';
import { regionOf } from './supervision-settings.ts';
import { parseInput } from './validate.ts';

const ACTION_LABEL: Record<string, string> = {
  generate: '生成草稿',
  regenerate: '按最新数据重新生成',
  review: '提交内部审核',
  return: '退回修改',
  approve: '审定',
  submit: '报送',
  publish: '公开',
  correct: '更正后重新公开',
  revise: '启动更正',
};

const blocksOf = (r: Pick<AnnualReportRow, 'body_json'>) => JSON.parse(r.body_json) as Block[];
const chinaDay = (iso: string) => todayIn({ now: () => new Date(iso) });
const actorName = (ctx: ServiceContext) => (ctx.actor.kind === 'user' ? ctx.actor.displayName : ctx.actor.kind === 'system' ? ctx.actor.name : '公众');

// ------------------------------------------------------------------ settings

async function settingsRow(ctx: ServiceContext, regionId: string): Promise<AnnualSettingsRow> {
  return (await annualRepo.settings(ctx.db, regionId)) ?? { region_id: regionId, submit_due: DEFAULT_SUBMIT_DUE, publish_due: DEFAULT_PUBLISH_DUE, remind_days_json: JSON.stringify(DEFAULT_REMIND_DAYS), version: 0, updated_at: '' };
}
const presentSettings = (s: AnnualSettingsRow): AnnualSettings => ({ regionId: s.region_id, submitDue: s.submit_due, publishDue: s.publish_due, remindDays: JSON.parse(s.remind_days_json) as number[], version: s.version });

export async function getAnnualSettings(ctx: ServiceContext, regionIdIn?: string): Promise<AnnualSettings> {
  const regionId = regionOf(ctx.actor, regionIdIn);
  if (!readsRegion(ctx.actor, regionId)) throw new AppError('NOT_FOUND', '地区不存在或您无权查看');
  return presentSettings(await settingsRow(ctx, regionId));
}

export async function updateAnnualSettings(ctx: ServiceContext, regionIdIn: string | undefined, raw: unknown): Promise<AnnualSettings> {
  const req = parseInput(SettingsSchema, raw);
  const regionId = regionOf(ctx.actor, regionIdIn);
  if (!readsRegion(ctx.actor, regionId)) throw new AppError('NOT_FOUND', '地区不存在或您无权查看');
  authorize(canPublishAnnual(ctx.actor, regionId), '修改年度报告时限');
  const before = await settingsRow(ctx, regionId);
  if (before.version !== req.version) throw new AppError('CONFLICT', '年度报告时限已被他人修改，请刷新后再改', STALE);
  const patch = { submit_due: req.submitDue, publish_due: req.publishDue, remind_days_json: JSON.stringify([...new Set(req.remindDays)].sort((a, b) => b - a)), updated_at: nowIso(ctx) };
  await inTransaction(ctx.db, async (trx) => {
    if (before.version === 0) {
      try {
        await annualRepo.insertSettings(trx, { region_id: regionId, ...patch, version: 1 });
      } catch (e) {
        if (isUniqueViolation(e)) throw new AppError('CONFLICT', '年度报告时限已被他人修改，请刷新后再改', STALE);
        throw e;
      }
    } else if (!(await annualRepo.updateSettings(trx, regionId, req.version, patch))) throw new AppError('CONFLICT', '年度报告时限已被他人修改，请刷新后再改', STALE);
    await recordAudit(trx, ctx, { action: 'annual.settings', entityType: 'annual_settings', entityId: regionId, regionId, summary: `年度报告时限：报送 ${req.submitDue}，公开 ${req.publishDue}`, before: presentSettings(before), after: patch });
  });
  return getAnnualSettings(ctx, regionId);
}

// ------------------------------------------------------------------ reading

interface Names {
  regions: Map<string, RegionRow>;
  units: Map<string, UnitRow>;
}
async function namesOf(ctx: ServiceContext, rows: AnnualReportRow[]): Promise<Names> {
  const regions = new Map<string, RegionRow>();
  for (const id of new Set(rows.map((r) => r.region_id))) {
    const r = await regionsRepo.findById(ctx.db, id);
    if (r) regions.set(id, r);
  }
  const units = new Map((await unitsRepo.findByIds(ctx.db, [...new Set(rows.map((r) => r.unit_id).filter((x): x is string => !!x))])).map((u) => [u.id, u]));
  return { regions, units };
}

function summary(r: AnnualReportRow, names: Names, publications: number): AnnualSummary {
  const blocks = blocksOf(r);
  return {
    id: r.id,
    regionId: r.region_id,
    regionName: names.regions.get(r.region_id)?.name ?? '',
    unitId: r.unit_id,
    unitName: r.unit_id ? (names.units.get(r.unit_id)?.name ?? '') : null,
    year: r.year,
    title: r.title,
    state: r.state as AnnualState,
    stateLabel: ANNUAL_STATE_LABEL[r.state as AnnualState],
    submitDue: r.submit_due,
    publishDue: r.publish_due,
    recipients: JSON.parse(r.recipients_json) as AnnualRecipient[],
    submittedAt: r.submitted_at,
    publishedAt: r.published_at,
    publications,
    markers: findMarkers(r.title, blocks).length,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

async function load(ctx: ServiceContext, id: string): Promise<AnnualReportRow> {
  const r = await annualRepo.findById(ctx.db, id);
  if (!r || !canReadAnnual(ctx.actor, r)) throw new AppError('NOT_FOUND', '年度报告不存在或您无权查看');
  return r;
}

export async function getAnnualReport(ctx: ServiceContext, id: string): Promise<AnnualReport> {
  const r = await load(ctx, id);
  const [names, pubs, comments, events, versions] = await Promise.all([namesOf(ctx, [r]), annualRepo.countPublications(ctx.db, [r.id]), annualRepo.comments(ctx.db, r.id), annualRepo.events(ctx.db, r.id), annualRepo.versions(ctx.db, r.id)]);
  const blocks = blocksOf(r);
  const writer = canWriteAnnual(ctx.actor, r);
  const approver = canApproveAnnual(ctx.actor, r.region_id);
  const publisher = canPublishAnnual(ctx.actor, r.region_id);
  const state = r.state as AnnualState;
  return {
    ...summary(r, names, pubs.get(r.id) ?? 0),
    blocks,
    facts: JSON.parse(r.facts_json) as AnnualFacts,
    markerList: findMarkers(r.title, blocks),
    comments: comments.map((c) => ({ id: c.id, blockId: c.block_id, text: c.text, authorName: c.author_name, resolved: !!c.resolved_at, createdAt: c.created_at })),
    events: events.map((e) => ({ action: e.action, label: ACTION_LABEL[e.action] ?? e.action, fromState: e.from_state, toState: e.to_state, note: e.note, actorName: e.actor_name, createdAt: e.created_at })),
    versions: versions.map((v) => ({ no: v.no, note: v.note, actorName: v.actor_name, createdAt: v.created_at })),
    can: {
      edit: writer && state === 'draft',
      regenerate: writer && state === 'draft',
      sendToReview: writer && state === 'draft',
      approve: approver && state === 'review',
      sendBack: approver && (state === 'review' || state === 'approved'),
      submit: writer && state === 'approved' && !r.submitted_at,
      publish: publisher && (state === 'submitted' || (state === 'approved' && !!r.submitted_at)),
      revise: publisher && state === 'published',
      comment: state !== 'published',
    },
  };
}

/** The reports the actor may read: a liaison its unit's, the region's readers all of the region's. */
export async function listAnnualReports(ctx: ServiceContext, q: AnnualQuery): Promise<{ items: AnnualSummary[]; total: number }> {
  const regionId = regionOf(ctx.actor, q.regionId);
  if (!inRegion(ctx.actor, regionId)) throw new AppError('NOT_FOUND', '地区不存在或您无权查看');
  const whole = readsRegion(ctx.actor, regionId);
  const scopeKeys = whole ? undefined : ctx.actor.kind === 'user' && ctx.actor.unitId ? [ctx.actor.unitId] : [];
  const page = q.page ?? 1;
  const size = q.pageSize ?? 50;
  const { rows, total } = await annualRepo.list(ctx.db, { regionId, year: q.year, unitId: q.unitId, state: q.state, scopeKeys, limit: size, offset: (page - 1) * size });
  const [names, pubs] = await Promise.all([namesOf(ctx, rows), annualRepo.countPublications(ctx.db, rows.map((r) => r.id))]);
  return { items: rows.map((r) => summary(r, names, pubs.get(r.id) ?? 0)), total };
}

// ------------------------------------------------------------------ generating

async function scopeOf(ctx: ServiceContext, regionId: string, unitId: string | null | undefined): Promise<{ region: RegionRow; unit: UnitRow | null }> {
  const region = await regionsRepo.findById(ctx.db, regionId);
  if (!region || !inRegion(ctx.actor, regionId)) throw new AppError('NOT_FOUND', '地区不存在或您无权查看');
  let unit: UnitRow | null = null;
  if (unitId) {
    const u = await unitsRepo.findById(ctx.db, unitId);
    if (!u || u.region_id !== regionId) throw new AppError('NOT_FOUND', '单位不存在或您无权查看', [{ field: 'unitId', message: '不是该地区的单位' }]);
    unit = u;
  }
  return { region, unit };
}

const event = (ctx: ServiceContext, r: Pick<AnnualReportRow, 'id' | 'region_id'>, action: string, from: string | null, to: string | null, note: string | null = null) => ({
  id: newId(ctx.clock.now().getTime()),
  report_id: r.id,
  region_id: r.region_id,
  action,
  from_state: from,
  to_state: to,
  note,
  actor_name: actorName(ctx),
  created_at: nowIso(ctx),
});

/** Drafts the report of a unit (or of the region) for a year from the records; one report per scope and year. */
export async function generateAnnualReport(ctx: ServiceContext, raw: GenerateAnnualRequest): Promise<AnnualReport> {
  const req = parseInput(GenerateSchema, raw);
  requireUser(ctx.actor);
  const { region, unit } = await scopeOf(ctx, req.regionId, req.unitId);
  authorize(canWriteAnnual(ctx.actor, { region_id: region.id, unit_id: unit?.id ?? null }), '起草该年度报告');
  const today = todayIn(ctx.clock);
  if (req.year > Number(today.slice(0, 4))) throw new AppError('VALIDATION', `${req.year}年还没有开始，不能起草该年度的报告`, [{ field: 'year', message: '年度不能晚于今年' }]);
  const scopeKey = unit?.id ?? 'region';
  const exists = () => new AppError('CONFLICT', `${unit?.name ?? region.name}${req.year}年度的报告已经起草，请打开它修改或按最新数据重新生成`, [{ field: 'year', message: '该年度已有报告' }]);
  if (await annualRepo.findByScope(ctx.db, region.id, scopeKey, req.year)) throw exists();
  const draft = await composeDraft(ctx.db, { region, unit, year: req.year, today });
  const settings = await settingsRow(ctx, region.id);
  const due = annualDeadlines(req.year, settings.submit_due, settings.publish_due);
  const id = newId(ctx.clock.now().getTime());
  const now = nowIso(ctx);
  const row: AnnualReportRow = {
    id,
    region_id: region.id,
    unit_id: unit?.id ?? null,
    scope_key: scopeKey,
    year: req.year,
    title: draft.title,
    state: 'draft',
    body_json: JSON.stringify(draft.blocks),
    facts_json: JSON.stringify(draft.facts),
    recipients_json: JSON.stringify(unit ? DEFAULT_RECIPIENTS.unit : DEFAULT_RECIPIENTS.region),
    submit_due: due.submitDue,
    publish_due: due.publishDue,
    submitted_at: null,
    submitted_by_name: null,
    published_at: null,
    created_by_name: actorName(ctx),
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await inTransaction(ctx.db, async (trx) => {
    await annualRepo.insert(trx, row);
    await annualRepo.insertVersion(trx, { id: newId(ctx.clock.now().getTime()), report_id: id, region_id: region.id, no: 1, title: draft.title, body_json: row.body_json, note: '按平台数据生成', actor_name: actorName(ctx), created_at: now });
    await annualRepo.insertEvent(trx, event(ctx, row, 'generate', null, 'draft'));
    await recordAudit(trx, ctx, { action: 'annual.generate', entityType: 'annual_report', entityId: id, regionId: region.id, summary: `生成年度报告草稿：${draft.title}`, after: { year: req.year, unitId: unit?.id ?? null, facts: draft.facts } });
  }).catch((e: unknown) => {
    throw isUniqueViolation(e) ? exists() : e;
  });
  return getAnnualReport(ctx, id);
}

/** Loads a report the actor may change in one of the given states. */
async function changeable(ctx: ServiceContext, id: string, version: number, states: AnnualState[], what: string, allowed: (r: AnnualReportRow) => boolean): Promise<AnnualReportRow> {
  const r = await load(ctx, id);
  authorize(allowed(r), what);
  if (r.version !== version) throw stale(r);
  if (!states.includes(r.state as AnnualState)) throw new AppError('CONFLICT', `报告当前状态为「${ANNUAL_STATE_LABEL[r.state as AnnualState]}」，不能${what}`);
  return r;
}
const stale = (r: AnnualReportRow) => new AppError('CONFLICT', `「${r.title}」已被他人修改，请刷新后再改（您的修改仍保留在编辑器中）`, STALE);

/** Replaces a draft's text by a new draft from today's records (the old text stays as a version). */
export async function regenerateAnnualReport(ctx: ServiceContext, id: string, version: number): Promise<AnnualReport> {
  const r = await changeable(ctx, id, version, ['draft'], '重新生成年度报告', (x) => canWriteAnnual(ctx.actor, x));
  const { region, unit } = await scopeOf(ctx, r.region_id, r.unit_id);
  const draft = await composeDraft(ctx.db, { region, unit, year: r.year, today: todayIn(ctx.clock) });
  await saveText(ctx, r, { title: draft.title, blocks: draft.blocks, facts: draft.facts, note: '按最新数据重新生成', action: 'regenerate' });
  return getAnnualReport(ctx, id);
}

async function saveText(ctx: ServiceContext, r: AnnualReportRow, t: { title: string; blocks: Block[]; facts?: AnnualFacts; note: string | null; action: 'edit' | 'regenerate' }) {
  await inTransaction(ctx.db, async (trx) => {
    const now = nowIso(ctx);
    const patch: Partial<AnnualReportRow> = { title: t.title, body_json: JSON.stringify(t.blocks), updated_at: now, ...(t.facts ? { facts_json: JSON.stringify(t.facts) } : {}) };
    if (!(await annualRepo.update(trx, r.id, r.version, patch, ['draft']))) throw stale(r);
    const no = await annualRepo.nextVersionNo(trx, r.id);
    await annualRepo.insertVersion(trx, { id: newId(ctx.clock.now().getTime()), report_id: r.id, region_id: r.region_id, no, title: t.title, body_json: patch.body_json!, note: t.note, actor_name: actorName(ctx), created_at: now });
    if (t.action === 'regenerate') await annualRepo.insertEvent(trx, event(ctx, r, 'regenerate', 'draft', 'draft'));
    await recordAudit(trx, ctx, { action: `annual.${t.action}`, entityType: 'annual_report', entityId: r.id, regionId: r.region_id, summary: `${t.action === 'edit' ? '修改' : '重新生成'}年度报告（第${no}版）：${t.title}`, before: { title: r.title, version: r.version }, after: { title: t.title, versionNo: no } });
  }).catch((e: unknown) => {
    // two saves at once may draw the same version number: the second is a stale write
    throw isUniqueViolation(e) ? stale(r) : e;
  });
}

/**
 * Saves the editor's text as a new version. The sources stay the system's: a block keeps those it had;
 * a new block (split, copied) may carry only sources the document already had.
 */
export async function updateAnnualReport(ctx: ServiceContext, id: string, raw: UpdateAnnualRequest): Promise<AnnualReport> {
  const req = parseInput(UpdateSchema, raw);
  const r = await changeable(ctx, id, req.version, ['draft'], '修改年度报告', (x) => canWriteAnnual(ctx.actor, x));
  const before = blocksOf(r);
  const byId = new Map(before.map((b) => [b.id, b]));
  const known = new Map<string, SourceRef>();
  for (const b of before) for (const s of b.sources) known.set(`${s.kind}:${s.id}`, s);
  const ids = new Set<string>();
  const blocks = req.blocks.map((b) => {
    if (ids.has(b.id)) throw new AppError('VALIDATION', '段落编号重复，请刷新后再改', [{ field: 'blocks', message: `重复的段落编号 ${b.id}` }]);
    ids.add(b.id);
    const old = byId.get(b.id);
    const sources = old ? old.sources : b.sources.map((s) => known.get(`${s.kind}:${s.id}`)).filter((s): s is SourceRef => !!s);
    const clean: Block = { id: b.id, type: b.type, sources, ...(b.section ?? old?.section ? { section: b.section ?? old?.section } : {}) };
    if (b.type === 'heading') Object.assign(clean, { level: b.level ?? 1, text: b.text ?? '' });
    else if (b.type === 'paragraph') Object.assign(clean, { text: b.text ?? '' });
    else if (b.type === 'list') Object.assign(clean, { items: b.items ?? [] });
    else Object.assign(clean, { rows: b.rows ?? [] });
    return clean;
  });
  await saveText(ctx, r, { title: req.title, blocks, note: req.note ?? null, action: 'edit' });
  return getAnnualReport(ctx, id);
}

// ------------------------------------------------------------------ the workflow

function refuseMarkers(r: AnnualReportRow, what: string) {
  const ms = findMarkers(r.title, blocksOf(r));
  if (!ms.length) return;
  throw new AppError(
    'UNPROCESSABLE',
    `报告中还有${ms.length}处待补充的内容，补充完整后才能${what}：${ms.slice(0, 5).map((m) => `「${m.heading}」中的${m.text}`).join('；')}${ms.length > 5 ? ' 等' : ''}`,
    ms.map((m) => ({ field: `blocks.${m.blockId}`, message: `${m.heading}：${m.text}` })),
  );
}

async function transition(ctx: ServiceContext, r: AnnualReportRow, to: AnnualState, action: string, note: string | null, patch: Partial<AnnualReportRow> = {}, after?: (trx: ServiceContext['db']) => Promise<void>) {
  await inTransaction(ctx.db, async (trx) => {
    const now = nowIso(ctx);
    if (!(await annualRepo.update(trx, r.id, r.version, { state: to, updated_at: now, ...patch }, [r.state]))) throw stale(r);
    await annualRepo.insertEvent(trx, event(ctx, r, action, r.state, to, note));
    await recordAudit(trx, ctx, { action: `annual.${action}`, entityType: 'annual_report', entityId: r.id, regionId: r.region_id, summary: `${ACTION_LABEL[action]}年度报告：${r.title}${note ? `（${note}）` : ''}`, before: { state: r.state }, after: { state: to, ...patch } });
    if (after) await after(trx as never);
  });
}

/** Who is told about a step: the unit's liaisons for a unit's report, the office for the region's. */
async function tell(ctx: ServiceContext, r: AnnualReportRow, who: 'author' | 'office', title: string, body: string, key: string) {
  const userIds = who === 'office' || !r.unit_id ? await officeRecipients(ctx, r.region_id) : await recipientsOfUnit(ctx, r.unit_id);
  await notify(ctx, { regionId: r.region_id, userIds, kind: 'annual', title, body, link: `/annual-reports/${r.id}`, dedupeKey: key });
}

export async function sendAnnualToReview(ctx: ServiceContext, id: string, version: number): Promise<AnnualReport> {
  const r = await changeable(ctx, id, version, ['draft'], '提交审核', (x) => canWriteAnnual(ctx.actor, x));
  await transition(ctx, r, 'review', 'review', null, {}, async (trx) => tell({ ...ctx, db: trx }, r, 'office', `【年度报告】${r.title} 已提交审核`, `${actorName(ctx)}提交了${r.title}，请审核。`, `annual-review:${r.id}:${r.version}`));
  return getAnnualReport(ctx, id);
}

export async function returnAnnualReport(ctx: ServiceContext, id: string, version: number, reason: string | null | undefined): Promise<AnnualReport> {
  const why = (reason ?? '').trim();
  if (!why) throw new AppError('VALIDATION', '请填写退回原因', [{ field: 'note', message: '请填写退回原因' }]);
  // under review, or approved but not yet submitted (the reviewer takes it back for more work)
  const r = await changeable(ctx, id, version, ['review', 'approved'], '退回年度报告', (x) => canApproveAnnual(ctx.actor, x.region_id));
  await transition(ctx, r, 'draft', 'return', why, {}, async (trx) => tell({ ...ctx, db: trx }, r, 'author', `【年度报告】${r.title} 被退回修改`, `退回原因：${why}`, `annual-return:${r.id}:${r.version}`));
  return getAnnualReport(ctx, id);
}

export async function approveAnnualReport(ctx: ServiceContext, id: string, version: number, note: string | null | undefined): Promise<AnnualReport> {
  const r = await changeable(ctx, id, version, ['review'], '审定年度报告', (x) => canApproveAnnual(ctx.actor, x.region_id));
  await transition(ctx, r, 'approved', 'approve', note?.trim() || null, {}, async (trx) => tell({ ...ctx, db: trx }, r, 'author', `【年度报告】${r.title} 已审定`, `请于${formatChineseDate(r.submit_due)}前报送。`, `annual-approve:${r.id}:${r.version}`));
  return getAnnualReport(ctx, id);
}

/** 报送: records to whom and when; refused while markers remain. */
export async function submitAnnualReport(ctx: ServiceContext, id: string, raw: SubmitAnnualRequest): Promise<AnnualReport> {
  const req = parseInput(SubmitSchema, raw);
  const r = await changeable(ctx, id, req.version, ['approved'], '报送年度报告', (x) => canWriteAnnual(ctx.actor, x));
  if (r.submitted_at) throw new AppError('CONFLICT', '该报告已经报送过，更正后请直接公开');
  refuseMarkers(r, '报送');
  const recipients = [...new Set(req.recipients)];
  const now = nowIso(ctx);
  const to = recipients.map((x) => ANNUAL_RECIPIENT_LABEL[x]).join('、');
  const late = chinaDay(now) > r.submit_due;
  await transition(ctx, r, 'submitted', 'submit', `报送${to}${late ? `（逾期，时限为${formatChineseDate(r.submit_due)}）` : ''}${req.note ? `；${req.note}` : ''}`, { recipients_json: JSON.stringify(recipients), submitted_at: now, submitted_by_name: actorName(ctx) }, async (trx) =>
    r.unit_id ? tell({ ...ctx, db: trx }, r, 'office', `【年度报告】${r.title} 已报送`, `已报送${to}，请于${formatChineseDate(r.publish_due)}前公开。`, `annual-submit:${r.id}`) : Promise.resolve(),
  );
  return getAnnualReport(ctx, id);
}

/**
 * 公开: freezes a public copy (numbered; the previous one, if any, is kept and marked superseded) and
 * indexes its words. A correction must say what was corrected; the note is shown on the copy.
 */
export async function publishAnnualReport(ctx: ServiceContext, id: string, raw: PublishAnnualRequest): Promise<AnnualReport> {
  const req = parseInput(PublishSchema, raw);
  const r = await changeable(ctx, id, req.version, ['submitted', 'approved'], '公开年度报告', (x) => canPublishAnnual(ctx.actor, x.region_id));
  if (r.state === 'approved' && !r.submitted_at) throw new AppError('CONFLICT', '报告审定后须先报送，才能公开');
  refuseMarkers(r, '公开');
  const prior = await annualRepo.publicationsOf(ctx.db, r.id);
  const note = req.correctionNote?.trim() || null;
  if (prior.length && !note) throw new AppError('VALIDATION', '这是已公开报告的更正，请填写更正说明（将在公开页面显示）', [{ field: 'correctionNote', message: '请填写更正说明' }]);
  const { region, unit } = await scopeOf(ctx, r.region_id, r.unit_id);
  const blocks = blocksOf(r);
  const numbers = headingNumbers(blocks);
  const publicBlocks = blocks.map((b, i) => ({ type: b.type, ...(b.type === 'heading' ? { level: b.level ?? 1, number: numbers[i]! } : {}), ...(b.section === 'annex' ? { section: 'annex' as const } : {}), ...(b.text !== undefined ? { text: b.text } : {}), ...(b.items ? { items: b.items } : {}), ...(b.rows ? { rows: b.rows } : {}) }));
  const text = plainText(r.title, blocks);
  const terms = termsOf(text);
  const now = nowIso(ctx);
  const pubId = newId(ctx.clock.now().getTime());
  await transition(ctx, r, 'published', prior.length ? 'correct' : 'publish', note, { published_at: prior.length ? (r.published_at ?? now) : now }, async (trx) => {
    await annualRepo.supersede(trx, r.id, now);
    const no = await annualRepo.nextPublicationNo(trx, r.id);
    await annualRepo.insertPublication(trx, { id: pubId, report_id: r.id, region_id: r.region_id, unit_id: r.unit_id, year: r.year, no, title: r.title, region_name: region.name, unit_name: unit?.name ?? null, body_json: JSON.stringify(publicBlocks), plain_text: text, correction_note: note, published_by_name: actorName(ctx), published_at: now, superseded_at: null });
    await annualRepo.insertTerms(trx, [...terms].map(([term, tf]) => ({ term, publication_id: pubId, region_id: r.region_id, year: r.year, tf })));
    if (r.unit_id) await tell({ ...ctx, db: trx }, r, 'author', `【年度报告】${r.title} 已${prior.length ? '更正后重新' : ''}公开`, `已在公开平台发布，地址：/portal/reports/${r.id}`, `annual-publish:${r.id}:${no}`);
  });
  return getAnnualReport(ctx, id);
}

/** Reopens a published report for a correction: it goes back to draft; its public copy stays as it is until the correction is published. */
export async function reviseAnnualReport(ctx: ServiceContext, id: string, version: number, reason: string): Promise<AnnualReport> {
  const why = reason.trim();
  if (!why) throw new AppError('VALIDATION', '请填写更正原因', [{ field: 'reason', message: '请填写更正原因' }]);
  const r = await changeable(ctx, id, version, ['published'], '更正年度报告', (x) => canPublishAnnual(ctx.actor, x.region_id));
  await transition(ctx, r, 'draft', 'revise', why);
  return getAnnualReport(ctx, id);
}

// ------------------------------------------------------------------ comments, versions, diff

export async function addAnnualComment(ctx: ServiceContext, id: string, input: { blockId?: string | null; text: string }): Promise<AnnualReport> {
  const a = requireUser(ctx.actor);
  const r = await load(ctx, id);
  if (r.state === 'published') throw new AppError('CONFLICT', '报告已公开，不能再提意见；如需更正请先启动更正');
  const text = input.text.trim();
  if (!text) throw new AppError('VALIDATION', '请填写意见', [{ field: 'text', message: '请填写意见' }]);
  if (input.blockId && !blocksOf(r).some((b) => b.id === input.blockId)) throw new AppError('VALIDATION', '意见所指的段落已不存在，请刷新后再提', [{ field: 'blockId', message: '段落不存在' }]);
  const cid = newId(ctx.clock.now().getTime());
  await inTransaction(ctx.db, async (trx) => {
    await annualRepo.insertComment(trx, { id: cid, report_id: r.id, region_id: r.region_id, block_id: input.blockId ?? null, text, author_id: a.userId, author_name: a.displayName, resolved_at: null, resolved_by_name: null, created_at: nowIso(ctx) });
    await recordAudit(trx, ctx, { action: 'annual.comment', entityType: 'annual_report', entityId: r.id, regionId: r.region_id, summary: `对年度报告提出意见：${text.slice(0, 60)}`, after: { blockId: input.blockId ?? null, text } });
    if (canApproveAnnual(ctx.actor, r.region_id) && r.unit_id) await tell({ ...ctx, db: trx }, r, 'author', `【年度报告】${r.title} 有新的审核意见`, text.slice(0, 200), `annual-comment:${cid}`);
  });
  return getAnnualReport(ctx, id);
}

export async function resolveAnnualComment(ctx: ServiceContext, id: string, commentId: string): Promise<AnnualReport> {
  const r = await load(ctx, id);
  const c = await annualRepo.findComment(ctx.db, commentId);
  if (!c || c.report_id !== r.id) throw new AppError('NOT_FOUND', '意见不存在');
  authorize(canWriteAnnual(ctx.actor, r) || canApproveAnnual(ctx.actor, r.region_id), '处理该意见');
  await inTransaction(ctx.db, async (trx) => {
    if (!(await annualRepo.resolveComment(trx, c.id, nowIso(ctx), actorName(ctx)))) throw new AppError('CONFLICT', '该意见已经处理');
    await recordAudit(trx, ctx, { action: 'annual.comment.resolve', entityType: 'annual_report', entityId: r.id, regionId: r.region_id, summary: `处理年度报告意见：${c.text.slice(0, 60)}` });
  });
  return getAnnualReport(ctx, id);
}

export async function getAnnualVersion(ctx: ServiceContext, id: string, no: number) {
  const r = await load(ctx, id);
  const v = await annualRepo.findVersion(ctx.db, r.id, no);
  if (!v) throw new AppError('NOT_FOUND', `第${no}版不存在`);
  return { no: v.no, title: v.title, blocks: JSON.parse(v.body_json) as Block[], note: v.note, actorName: v.actor_name, createdAt: v.created_at };
}

export async function diffAnnualVersions(ctx: ServiceContext, id: string, from: number, to: number): Promise<AnnualDiff> {
  const a = await getAnnualVersion(ctx, id, from);
  const b = await getAnnualVersion(ctx, id, to);
  return { from, to, titleBefore: a.title, titleAfter: b.title, changes: diffBlocks(a.blocks, b.blocks) };
}

// ------------------------------------------------------------------ the tracking board

/** Every unit's report of the year (and the region's) against the deadlines, with the on-time rates. */
export async function annualBoard(ctx: ServiceContext, q: { regionId?: string; year: number }): Promise<AnnualBoard> {
  const regionId = regionOf(ctx.actor, q.regionId);
  if (!readsRegion(ctx.actor, regionId)) throw new AppError('NOT_FOUND', '地区不存在或您无权查看');
  const region = (await regionsRepo.findById(ctx.db, regionId))!;
  const settings = await settingsRow(ctx, regionId);
  const today = todayIn(ctx.clock);
  const rows = await annualRepo.boardOf(ctx.db, regionId, q.year);
  const byScope = new Map(rows.map((r) => [r.scope_key, r]));
  const units = (await unitsRepo.list(ctx.db, { regionId, active: true })).filter((u) => !u.merged_into_id);
  const scopes = [{ key: 'region', unitId: null as string | null, name: `${region.name}（本级）` }, ...units.map((u) => ({ key: u.id, unitId: u.id, name: u.name }))];
  // reports of units no longer active still count
  for (const r of rows) if (!scopes.some((s) => s.key === r.scope_key)) scopes.push({ key: r.scope_key, unitId: r.unit_id, name: (await unitsRepo.findById(ctx.db, r.unit_id!))?.name ?? '' });
  const defaults = annualDeadlines(q.year, settings.submit_due, settings.publish_due);
  const out: BoardRow[] = scopes.map((s) => {
    const r = byScope.get(s.key);
    const submitted = r?.submitted_at ?? null;
    const published = r?.published_at ?? null;
    return {
      unitId: s.unitId,
      unitName: s.name,
      reportId: r?.id ?? null,
      state: (r?.state as AnnualState) ?? null,
      stateLabel: r ? ANNUAL_STATE_LABEL[r.state as AnnualState] : '未起草',
      submittedAt: submitted,
      publishedAt: published,
      submit: deadlineState(submitted ? chinaDay(submitted) : null, defaults.submitDue, today),
      publish: deadlineState(published ? chinaDay(published) : null, defaults.publishDue, today),
      markers: r ? findMarkers('', JSON.parse(r.body_json) as Block[]).length : 0,
    };
  });
  const expected = out.length;
  const n = (f: (r: BoardRow) => boolean) => out.filter(f).length;
  const rate = (k: number) => (expected ? Math.round((k / expected) * 1000) / 10 : 0);
  const submittedOnTime = n((r) => r.submit === 'on_time');
  const publishedOnTime = n((r) => r.publish === 'on_time');
  return {
    regionId,
    year: q.year,
    asOf: today,
    submitDue: defaults.submitDue,
    publishDue: defaults.publishDue,
    rows: out,
    totals: { expected, drafted: n((r) => !!r.reportId), submitted: n((r) => !!r.submittedAt), submittedOnTime, published: n((r) => !!r.publishedAt), publishedOnTime, submitRate: rate(submittedOnTime), publishRate: rate(publishedOnTime) },
  };
}

// ------------------------------------------------------------------ files

/** The report as Word (GB/T 9704 layout); a draft is marked as such. */
export async function annualDocx(ctx: ServiceContext, id: string): Promise<{ fileName: string; data: Buffer }> {
  const r = await getAnnualReport(ctx, id);
  const data = await writeAnnualReportDocx({ title: r.title, author: r.unitName ?? `${r.regionName}人民政府`, date: r.publishedAt ?? r.submittedAt ? chinaDay((r.publishedAt ?? r.submittedAt)!) : todayIn(ctx.clock), blocks: r.blocks, draft: r.state !== 'published' && r.state !== 'submitted' });
  return { fileName: `${r.title}${r.state === 'published' || r.state === 'submitted' ? '' : '（草稿）'}.docx`, data };
}


/** The report as PDF (LibreOffice on the server). */
export async function annualPdf(ctx: ServiceContext, id: string): Promise<{ fileName: string; data: Buffer }> {
  const w = await annualDocx(ctx, id);
  return { fileName: w.fileName.replace(/\.docx$/, '.pdf'), data: await docxToPdf(w.data) };
}
