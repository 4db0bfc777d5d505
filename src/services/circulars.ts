/**
 * Circulars (通报). For a plan and one of its reporting periods whose due date has passed, the office
 * generates a draft from the records: per unit, the reports the period asked of it, which were first
 * submitted on or before the due date (report_events, in China time), which after it, which not at all,
 * which were returned at least once and which accepted; and the tasks it leads that trail 序时进度 or
 * are overdue. Units are grouped into 按时报送 / 逾期报送 / 未报送 / 被退回 / 任务滞后, and every sentence
 * the draft says about them is written from those counts. The office edits the wording (optimistic
 * version, audited) — never the groups or the unit table — and issues it: the number (息法通〔2026〕2号)
 * is taken then, per region and year, the circular is frozen, and the units listed are notified.
 * Drafts are the office's; an issued circular is read by everyone of its region; nobody else sees one.
 */
import { inTransaction } from '../db/client.ts';
import { isUniqueViolation } from '../db/dialect/errors.ts';
import { newId } from '../db/ids.ts';
import { circularsRepo } from '../db/repositories/circulars.ts';
import { plansRepo } from '../db/repositories/plans.ts';
import { periodsRepo } from '../db/repositories/reports.ts';
import { regionsRepo } from '../db/repositories/regions.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import type { CircularRow, PlanRow, ReportingPeriodRow, TaskRow } from '../db/schema.ts';
import { formatChineseDate, yearOf } from '../domain/dates.ts';
import { documentNumber, regionAbbr } from '../domain/supervision.ts';
import { writeCircularDocx } from '../exports/circular-docx.ts';
import {
  CIRCULAR_STATE_LABEL,
  GenerateCircularRequest as GenerateSchema,
  UpdateCircularRequest as UpdateCircularSchema,
  type Circular,
  type CircularBody,
  type CircularFacts,
  type CircularGroupUnit,
  type CircularQuery,
  type CircularSection,
  type CircularSectionKey,
  type CircularState,
  type CircularSummary,
  type CircularUnitRow,
  type GenerateCircularRequest,
  type UpdateCircularRequest,
} from '../shared/api/circulars.ts';
import { todayIn } from '../shared/clock.ts';
import { AppError, STALE } from '../shared/errors.ts';
import { recordAudit } from './audit.ts';
import { nowIso, type ServiceContext } from './context.ts';
import { issuerOrgOf } from './notices.ts';
import { notify, recipientsOfUnit } from './notifications.ts';
import { planSnapshot } from './obligations.ts';
import { authorize, canReadCircular, canReadDirectory, canWriteCirculars, inRegion, requireUser } from './policies.ts';
import { regionOf } from './supervision-settings.ts';
import { parseInput } from './validate.ts';
import { planTaskStatuses } from './task-status.ts';
import { taskNumber } from '../domain/task-number.ts';

const HEADING: Record<CircularSectionKey, string> = {
  summary: '总体情况',
  on_time: '按时报送的单位',
  late: '逾期报送的单位',
  missing: '未报送的单位',
  returned: '被退回修改的单位',
  behind: '任务推进滞后的单位',
};

/** The calendar day (Asia/Shanghai) of an ISO timestamp: a report sent at 23:30 on the due date is on time. */
const chinaDay = (iso: string) => todayIn({ now: () => new Date(iso) });
/** A task as a circular names it: its number and the first clause of its text. */
function taskLabel(t: TaskRow): string {
  const clause = (t.title ?? t.text).split(/[，。；：,;]/)[0]!.trim();
  return `${taskNumber(t)}「${clause.length > 24 ? `${clause.slice(0, 24)}…` : clause}」`;
}
const d = formatChineseDate;

interface Tally extends CircularUnitRow {
  behindTasks: string[];
  overdueTasks: string[];
}

interface Collected {
  facts: CircularFacts;
  table: CircularUnitRow[];
  groups: Record<Exclude<CircularSectionKey, 'summary'>, CircularGroupUnit[]>;
  tallies: Tally[];
}

/** Reads the period's facts: every count in the circular comes from here. */
async function collect(ctx: ServiceContext, plan: PlanRow, period: ReportingPeriodRow, today: string): Promise<Collected> {
  const snap = await planSnapshot(ctx.db, plan, today);
  const obligations = await snap.obligations(period);
  const reportIds = obligations.map((o) => o.reportId).filter((id): id is string => !!id);
  const firstSubmit = new Map<string, string>();
  const returns = new Map<string, number>();
  for (const e of await circularsRepo.reviewEventsOf(ctx.db, reportIds)) {
    if (e.action === 'submit' && !firstSubmit.has(e.report_id)) firstSubmit.set(e.report_id, e.created_at);
    if (e.action === 'return') returns.set(e.report_id, (returns.get(e.report_id) ?? 0) + 1);
  }
  const tallies = new Map<string, Tally>();
  const tally = (unitId: string) => {
    let t = tallies.get(unitId);
    if (!t) tallies.set(unitId, (t = { unitId, unitName: '', due: 0, onTime: 0, late: 0, missing: 0, returned: 0, accepted: 0, behind: 0, overdue: 0, behindTasks: [], overdueTasks: [] }));
    return t;
  };
  for (const o of obligations) {
    const t = tally(o.unitId);
    t.due++;
    // a report written before events were kept still carries its submission time
    const sentAt = (o.reportId && firstSubmit.get(o.reportId)) || (o.state !== 'none' && o.state !== 'draft' ? o.submittedAt : null);
    if (!sentAt) t.missing++;
    else if (chinaDay(sentAt) <= period.due) t.onTime++;
    else t.late++;
    if ((o.reportId && returns.has(o.reportId)) || o.state === 'returned') t.returned++;
    if (o.state === 'accepted') t.accepted++;
  }
  const statuses = await planTaskStatuses(ctx.db, plan, today);
  let behindTasks = 0;
  let overdueTasks = 0;
  for (const task of snap.tasks) {
    const st = statuses.get(task.id)?.status;
    if (st !== '滞后' && st !== '逾期') continue;
    if (st === '滞后') behindTasks++;
    else overdueTasks++;
    const assigned = snap.assignments.filter((a) => a.task_id === task.id);
    const leads = assigned.some((a) => a.role === 'lead') ? assigned.filter((a) => a.role === 'lead') : assigned;
    for (const a of leads) {
      const t = tally(a.unit_id);
      if (st === '滞后') {
        t.behind++;
        t.behindTasks.push(taskLabel(task));
      } else {
        t.overdue++;
        t.overdueTasks.push(taskLabel(task));
      }
    }
  }
  const units = await unitsRepo.findByIds(ctx.db, [...tallies.keys()]);
  const order = new Map(units.map((u) => [u.id, u]));
  const list = [...tallies.values()]
    .map((t) => ({ ...t, unitName: order.get(t.unitId)?.name ?? '' }))
    .sort((a, b) => (order.get(a.unitId)?.sort_order ?? 0) - (order.get(b.unitId)?.sort_order ?? 0) || a.unitName.localeCompare(b.unitName, 'zh-Hans-CN'));
  const sum = (k: keyof CircularUnitRow) => list.reduce((s, t) => s + (t[k] as number), 0);
  const unit = (t: Tally, count: number, detail: string | null = null): CircularGroupUnit => ({ unitId: t.unitId, unitName: t.unitName, count, detail });
  return {
    facts: {
      planTitle: plan.title,
      periodLabel: period.label,
      periodStart: period.start_date,
      periodEnd: period.end_date,
      due: period.due,
      asOf: today,
      units: list.filter((t) => t.due > 0).length,
      reports: sum('due'),
      onTime: sum('onTime'),
      late: sum('late'),
      missing: sum('missing'),
      returned: sum('returned'),
      accepted: sum('accepted'),
      behindTasks,
      overdueTasks,
    },
    table: list.map(({ behindTasks: _b, overdueTasks: _o, ...row }) => row),
    groups: {
      on_time: list.filter((t) => t.due > 0 && t.onTime === t.due).map((t) => unit(t, t.onTime)),
      late: list.filter((t) => t.late > 0).map((t) => unit(t, t.late)),
      missing: list.filter((t) => t.missing > 0).map((t) => unit(t, t.missing)),
      returned: list.filter((t) => t.returned > 0).map((t) => unit(t, t.returned)),
      behind: list.filter((t) => t.behind + t.overdue > 0).map((t) => unit(t, t.behind + t.overdue, [...t.behindTasks, ...t.overdueTasks].join('、'))),
    },
    tallies: list,
  };
}

const names = (us: CircularGroupUnit[], withCount = true) => us.map((u) => (withCount ? `${u.unitName}（${u.count}项）` : u.unitName)).join('、');

/** The draft's wording, written from the facts only. */
function compose(c: Collected): Pick<CircularBody, 'opening' | 'sections' | 'closingHeading' | 'closing'> {
  const f = c.facts;
  const g = c.groups;
  const section = (key: CircularSectionKey, paragraphs: string[], units: CircularGroupUnit[] = []): CircularSection => ({ key, heading: HEADING[key], paragraphs, units });
  // the tasks are named when they are few; otherwise the units with their counts (the table has the rest)
  const late = c.tallies.filter((t) => t.behind + t.overdue > 0);
  const counts = (t: Tally) => [t.behind ? `滞后${t.behind}项` : '', t.overdue ? `逾期未完成${t.overdue}项` : ''].filter(Boolean);
  const named = late.reduce((n, t) => n + t.behind + t.overdue, 0) <= 10;
  const behindParas = !late.length
    ? [`按照序时进度，截至${d(f.asOf)}，本方案没有滞后或逾期未完成的任务。`]
    : named
      ? [
          `按照序时进度，截至${d(f.asOf)}，以下${late.length}个单位牵头的任务滞后或逾期未完成：`,
          ...late.map((t) => `${t.unitName}：${[t.behind ? `滞后${t.behind}项（${t.behindTasks.join('、')}）` : '', t.overdue ? `逾期未完成${t.overdue}项（${t.overdueTasks.join('、')}）` : ''].filter(Boolean).join('；')}。`),
        ]
      : [`按照序时进度，截至${d(f.asOf)}，以下${late.length}个单位牵头的任务滞后或逾期未完成：${late.map((t) => `${t.unitName}（${counts(t).join('、')}）`).join('、')}。`];
  return {
    opening: [`为压紧压实法治政府建设工作责任，推动《${f.planTitle}》各项任务落地见效，现将${f.periodLabel}各单位任务进展报送及任务推进情况通报如下。`],
    sections: [
      section('summary', [
        `${f.periodLabel}（${d(f.periodStart)}至${d(f.periodEnd)}），共有${f.units}个单位应报送任务进展${f.reports}项，报送截止日期为${d(f.due)}。截至${d(f.asOf)}，按时报送${f.onTime}项，逾期报送${f.late}项，未报送${f.missing}项；经审核，退回修改${f.returned}项，审核通过${f.accepted}项。按照序时进度，滞后任务${f.behindTasks}项，逾期未完成任务${f.overdueTasks}项。各单位报送情况详见附件。`,
      ]),
      section('on_time', [g.on_time.length ? `以下${g.on_time.length}个单位在截止日期前报送了本期全部任务进展：${names(g.on_time, false)}。` : '本期没有单位在截止日期前报送全部任务进展。'], g.on_time),
      section('late', [g.late.length ? `以下${g.late.length}个单位有任务进展在截止日期后报送：${names(g.late)}。` : '本期没有逾期报送的任务进展。'], g.late),
      section('missing', [g.missing.length ? `截至${d(f.asOf)}，以下${g.missing.length}个单位仍有任务进展未报送：${names(g.missing)}。` : `截至${d(f.asOf)}，本期应报送的任务进展均已报送。`], g.missing),
      section('returned', [g.returned.length ? `以下${g.returned.length}个单位报送的任务进展经审核不符合要求，被退回修改：${names(g.returned)}。` : '本期没有被退回修改的任务进展。'], g.returned),
      section('behind', behindParas, g.behind),
    ],
    closingHeading: '下一步工作要求',
    closing: [
      '各单位要高度重视法治政府建设任务进展报送工作，严格按照报送时限如实报送任务进展和佐证材料。未报送的单位要尽快补报；被退回的单位要按照审核意见修改完善后重新报送；逾期报送的单位要认真查找原因，确保今后按时报送。',
      '任务推进滞后的单位要对照序时进度分析原因，制定整改措施，明确完成时限，确保各项任务按期完成。依法治办将持续跟踪问效，对问题突出的单位按规定予以督办。',
    ],
  };
}

// ------------------------------------------------------------------ reading

const bodyOf = (r: CircularRow) => JSON.parse(r.body_json) as CircularBody;

function summary(r: CircularRow, body: CircularBody): CircularSummary {
  return {
    id: r.id,
    regionId: r.region_id,
    planId: r.plan_id,
    planTitle: body.facts.planTitle,
    periodId: r.period_id,
    periodLabel: body.facts.periodLabel,
    number: r.number,
    title: r.title,
    state: r.state as CircularState,
    stateLabel: CIRCULAR_STATE_LABEL[r.state as CircularState],
    issuedAt: r.issued_at,
    issuerName: r.issuer_name,
    issuerOrg: r.issuer_org,
    createdByName: r.created_by_name,
    facts: body.facts,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function present(ctx: ServiceContext, r: CircularRow): Circular {
  const body = bodyOf(r);
  const writable = r.state === 'draft' && canWriteCirculars(ctx.actor, r.region_id);
  return { ...summary(r, body), body, can: { edit: writable, issue: writable, delete: writable } };
}

async function load(ctx: ServiceContext, id: string, db = ctx.db): Promise<CircularRow> {
  const r = await circularsRepo.findById(db, id);
  if (!r || !canReadCircular(ctx.actor, r)) throw new AppError('NOT_FOUND', '通报不存在或您无权查看');
  return r;
}

export async function getCircular(ctx: ServiceContext, id: string): Promise<Circular> {
  return present(ctx, await load(ctx, id));
}

/** The office sees drafts and issued circulars; everyone else of the region the issued ones. */
export async function listCirculars(ctx: ServiceContext, q: CircularQuery): Promise<{ items: CircularSummary[]; total: number }> {
  const regionId = regionOf(ctx.actor, q.regionId);
  if (!inRegion(ctx.actor, regionId)) throw new AppError('NOT_FOUND', '地区不存在或您无权查看');
  const office = canWriteCirculars(ctx.actor, regionId);
  if (!office && q.state === 'draft') return { items: [], total: 0 };
  const page = q.page ?? 1;
  const size = q.pageSize ?? 50;
  const { rows, total } = await circularsRepo.list(ctx.db, { regionId, planId: q.planId, state: office ? q.state : 'issued', year: q.year, limit: size, offset: (page - 1) * size });
  return { items: rows.map((r) => summary(r, bodyOf(r))), total };
}

// ------------------------------------------------------------------ writing

export async function generateCircular(ctx: ServiceContext, raw: GenerateCircularRequest): Promise<Circular> {
  const req = parseInput(GenerateSchema, raw);
  const a = requireUser(ctx.actor);
  const plan = await plansRepo.findById(ctx.db, req.planId);
  if (!plan || !canReadDirectory(a, plan.region_id)) throw new AppError('NOT_FOUND', '方案不存在或您无权查看');
  authorize(canWriteCirculars(a, plan.region_id), '生成通报');
  const period = await periodsRepo.findById(ctx.db, req.periodId);
  if (!period || period.plan_id !== plan.id) throw new AppError('NOT_FOUND', '报送周期不存在', [{ field: 'periodId', message: '不是该方案的报送周期' }]);
  const today = todayIn(ctx.clock);
  if (today <= period.due) throw new AppError('VALIDATION', `${period.label}的报送截止日期（${d(period.due)}）还没有过，截止后才能生成通报`, [{ field: 'periodId', message: '报送尚未截止' }]);
  const region = (await regionsRepo.findById(ctx.db, plan.region_id))!;
  const c = await collect(ctx, plan, period, today);
  if (!c.table.length) throw new AppError('UNPROCESSABLE', `${period.label}没有应报送的任务进展，也没有滞后的任务，无可通报的内容`);
  const body: CircularBody = {
    addressee: '各有关单位：',
    ...compose(c),
    attachmentTitle: `${period.label}各单位任务进展报送情况统计表`,
    cc: '',
    table: c.table,
    facts: c.facts,
  };
  const id = newId(ctx.clock.now().getTime());
  const title = `关于${period.label}法治政府建设任务进展报送情况的通报`;
  const hasDraft = () => new AppError('CONFLICT', `${period.label}已有一份通报草稿，请在草稿上修改，或删除后重新生成`, [{ field: 'periodId', message: '本期已有通报草稿' }]);
  await inTransaction(ctx.db, async (trx) => {
    if (await circularsRepo.draftOf(trx, plan.id, period.id)) throw hasDraft();
    const now = nowIso(ctx);
    await circularsRepo.insert(trx, {
      id,
      region_id: plan.region_id,
      plan_id: plan.id,
      period_id: period.id,
      year: null,
      seq: null,
      number: null,
      title,
      body_json: JSON.stringify(body),
      state: 'draft',
      issued_at: null,
      issuer_id: null,
      issuer_name: null,
      issuer_org: issuerOrgOf(region.name),
      created_by_name: a.displayName,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, ctx, { action: 'circular.generate', entityType: 'circular', entityId: id, regionId: plan.region_id, summary: `生成通报草稿：${title}`, after: { planId: plan.id, periodId: period.id, facts: c.facts } });
  }).catch((e: unknown) => {
    // two offices generating the same period at once: the index lets one draft in
    throw isUniqueViolation(e) ? hasDraft() : e;
  });
  return getCircular(ctx, id);
}

/** Loads a circular the actor may change: visible (else NOT_FOUND), the office's (else FORBIDDEN), still a draft (else CONFLICT). */
async function writable(ctx: ServiceContext, id: string, what: string): Promise<CircularRow> {
  const r = await load(ctx, id);
  authorize(canWriteCirculars(ctx.actor, r.region_id), what);
  if (r.state !== 'draft') throw new AppError('CONFLICT', `通报 ${r.number ?? ''} 已印发，不能再${what.replace(/通报$/, '')}`);
  return r;
}
const stale = (r: CircularRow) => new AppError('CONFLICT', `通报「${r.title}」已被他人修改，请刷新后再改`, STALE);

export async function updateCircular(ctx: ServiceContext, id: string, raw: UpdateCircularRequest): Promise<Circular> {
  const req = parseInput(UpdateCircularSchema, raw);
  const r = await writable(ctx, id, '修改通报');
  if (r.version !== req.version) throw stale(r);
  const before = bodyOf(r);
  const edited = new Map(req.sections.map((s) => [s.key, s.paragraphs]));
  const body: CircularBody = {
    ...before,
    addressee: req.addressee,
    opening: req.opening,
    sections: before.sections.map((s) => (edited.has(s.key) ? { ...s, paragraphs: edited.get(s.key)! } : s)),
    closing: req.closing,
    cc: req.cc,
  };
  await inTransaction(ctx.db, async (trx) => {
    if (!(await circularsRepo.updateDraft(trx, id, req.version, { title: req.title, body_json: JSON.stringify(body), updated_at: nowIso(ctx) }))) throw stale(r);
    const text = (b: CircularBody, title: string) => ({ title, addressee: b.addressee, opening: b.opening, sections: Object.fromEntries(b.sections.map((s) => [s.key, s.paragraphs])), closing: b.closing, cc: b.cc });
    await recordAudit(trx, ctx, { action: 'circular.edit', entityType: 'circular', entityId: id, regionId: r.region_id, summary: `修改通报草稿：${req.title}`, before: text(before, r.title), after: text(body, req.title) });
  });
  return getCircular(ctx, id);
}

/** 印发: numbers the circular in the region's style for this year, freezes it and notifies the units listed. */
export async function issueCircular(ctx: ServiceContext, id: string, version: number): Promise<Circular> {
  const a = requireUser(ctx.actor);
  const r = await writable(ctx, id, '印发通报');
  if (r.version !== version) throw stale(r);
  const region = (await regionsRepo.findById(ctx.db, r.region_id))!;
  const body = bodyOf(r);
  const today = todayIn(ctx.clock);
  const year = yearOf(today);
  // two offices issuing at once may draw the same number: the unique index refuses the second, which draws again
  for (let attempt = 1; ; attempt++) {
    try {
      await inTransaction(ctx.db, async (trx) => {
        const seq = await circularsRepo.nextSeq(trx, r.region_id, year);
        const number = documentNumber(regionAbbr(region), '通', year, seq);
        const now = nowIso(ctx);
        if (!(await circularsRepo.updateDraft(trx, id, version, { state: 'issued', year, seq, number, issued_at: now, issuer_id: a.userId, issuer_name: a.displayName, updated_at: now }))) throw stale(r);
        await recordAudit(trx, ctx, { action: 'circular.issue', entityType: 'circular', entityId: id, regionId: r.region_id, summary: `印发通报 ${number}：${r.title}`, before: { state: 'draft' }, after: { state: 'issued', number } });
        const tctx = { ...ctx, db: trx };
        for (const u of body.table) {
          const mine = [u.onTime && `按时报送${u.onTime}项`, u.late && `逾期报送${u.late}项`, u.missing && `未报送${u.missing}项`, u.returned && `被退回${u.returned}项`, u.behind && `滞后任务${u.behind}项`, u.overdue && `逾期未完成任务${u.overdue}项`].filter(Boolean).join('，');
          await notify(tctx, {
            regionId: r.region_id,
            userIds: await recipientsOfUnit(tctx, u.unitId),
            kind: 'circular',
            title: `【通报】${number} ${r.title}`,
            body: `${body.facts.periodLabel}贵单位应报送任务进展${u.due}项${mine ? `：${mine}` : ''}。请查阅通报全文。`,
            link: `/supervision/circulars/${id}`,
            dedupeKey: `circular-issue:${id}`,
          });
        }
      });
      break;
    } catch (e) {
      if (!isUniqueViolation(e) || attempt >= 3) throw e;
    }
  }
  return getCircular(ctx, id);
}

export async function deleteCircular(ctx: ServiceContext, id: string, version: number): Promise<{ ok: true }> {
  const r = await writable(ctx, id, '删除通报');
  if (r.version !== version) throw stale(r);
  await inTransaction(ctx.db, async (trx) => {
    if (!(await circularsRepo.deleteDraft(trx, id, version))) throw stale(r);
    await recordAudit(trx, ctx, { action: 'circular.delete', entityType: 'circular', entityId: id, regionId: r.region_id, summary: `删除通报草稿：${r.title}`, before: { title: r.title, periodId: r.period_id } });
  });
  return { ok: true };
}

/** The circular as a Word file in the GB/T 9704 layout; a draft carries no number yet. */
export async function circularDocx(ctx: ServiceContext, id: string): Promise<{ fileName: string; data: Buffer }> {
  const c = await getCircular(ctx, id);
  const region = (await regionsRepo.findById(ctx.db, c.regionId))!;
  const day = c.issuedAt ? todayIn({ now: () => new Date(c.issuedAt!) }) : todayIn(ctx.clock);
  const number = c.number ?? `${regionAbbr(region)}法通〔${yearOf(day)}〕　号`;
  const data = await writeCircularDocx({ title: c.title, number, issuerOrg: c.issuerOrg, date: day, body: c.body, draft: c.state === 'draft' });
  return { fileName: c.number ? `通报${c.number}.docx` : `通报（草稿）${c.body.facts.periodLabel}.docx`, data };
}

