/**
 * 督办单: issued by the office or a leader to one unit about one or more tasks, numbered in the
 * region's style (息法督〔2026〕3号); the unit replies; the office returns an unsatisfactory reply or
 * closes the notice (销号). Every step is kept as an event and audited; the unit is notified.
 */
import { inTransaction } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { plansRepo } from '../db/repositories/plans.ts';
import { regionsRepo } from '../db/repositories/regions.ts';
import { supervisionRepo } from '../db/repositories/supervision.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import type { SupervisionNoticeRow } from '../db/schema.ts';
import { formatChineseDate, yearOf } from '../domain/dates.ts';
import { documentNumber, regionAbbr } from '../domain/supervision.ts';
import { writeNoticeDocx } from '../exports/notice-docx.ts';
import { NOTICE_STATE_LABEL, type IssueNoticeRequest, type Notice, type NoticeDetail, type NoticeQuery, type NoticeState } from '../shared/api/supervision.ts';
import { todayIn } from '../shared/clock.ts';
import { AppError, STALE } from '../shared/errors.ts';
import { recordAudit } from './audit.ts';
import { nowIso, type ServiceContext } from './context.ts';
import { notify, officeRecipients, recipientsOfUnit } from './notifications.ts';
import { authorize, canDecideIn, canReadDirectory, canReadUnitSupervision, canSupervise, canWriteFor, readsRegion, requireUser } from './policies.ts';
import { regionOf } from './supervision-settings.ts';
import { taskNumber } from '../domain/task-number.ts';

const ACTION_LABEL: Record<string, string> = { issue: '签发', reply: '反馈', return: '退回重办', close: '销号', escalate: '逾期升级' };

/** The issuing body as printed on the notice. */
export const issuerOrgOf = (regionName: string) => `中共${regionName}委全面依法治${regionName.slice(-1)}委员会办公室`;

async function present(ctx: ServiceContext, rows: SupervisionNoticeRow[]): Promise<Notice[]> {
  const links = await supervisionRepo.noticeTaskIds(ctx.db, rows.map((r) => r.id));
  const tasks = new Map((await plansRepo.tasksByIds(ctx.db, [...new Set(links.map((l) => l.task_id))])).map((t) => [t.id, t]));
  const units = new Map((await unitsRepo.findByIds(ctx.db, [...new Set(rows.map((r) => r.unit_id))])).map((u) => [u.id, u.name]));
  const today = todayIn(ctx.clock);
  return rows.map((r) => ({
    id: r.id,
    regionId: r.region_id,
    number: r.number,
    unitId: r.unit_id,
    unitName: units.get(r.unit_id) ?? '',
    issuerName: r.issuer_name,
    issuerOrg: r.issuer_org,
    problem: r.problem,
    requirement: r.requirement,
    replyDue: r.reply_due,
    state: r.state as NoticeState,
    stateLabel: NOTICE_STATE_LABEL[r.state as NoticeState],
    overdue: r.state === 'open' && r.reply_due < today,
    reply: r.reply,
    repliedAt: r.replied_at,
    closedAt: r.closed_at,
    closeNote: r.close_note,
    escalatedAt: r.escalated_at,
    tasks: links
      .filter((l) => l.notice_id === r.id)
      .map((l) => tasks.get(l.task_id))
      .filter((t) => t !== undefined)
      .map((t) => ({ id: t.id, number: taskNumber(t.path_json), text: t.text, planId: t.plan_id })),
    version: r.version,
    createdAt: r.created_at,
  }));
}

async function load(ctx: ServiceContext, id: string): Promise<SupervisionNoticeRow> {
  const n = await supervisionRepo.findNotice(ctx.db, id);
  if (!n || !canReadUnitSupervision(ctx.actor, n.unit_id, n.region_id)) throw new AppError('NOT_FOUND', '督办单不存在或您无权查看');
  return n;
}

export async function getNotice(ctx: ServiceContext, id: string): Promise<NoticeDetail> {
  const n = await load(ctx, id);
  const [view] = await present(ctx, [n]);
  const events = await supervisionRepo.noticeEvents(ctx.db, id);
  return { ...view!, events: events.map((e) => ({ action: e.action, actionLabel: ACTION_LABEL[e.action] ?? e.action, actorName: e.actor_name, text: e.text, createdAt: e.created_at })) };
}

export async function listNotices(ctx: ServiceContext, q: NoticeQuery): Promise<{ items: Notice[]; total: number }> {
  const regionId = regionOf(ctx.actor, q.regionId);
  const a = ctx.actor;
  // a liaison sees its own unit's notices; the region's readers see all (or one unit's)
  const unitId = readsRegion(a, regionId) ? q.unitId : a.kind === 'user' && a.role === 'liaison' && a.unitId ? a.unitId : null;
  if (unitId === null) throw new AppError('NOT_FOUND', '地区不存在或您无权查看');
  if (unitId && !canReadUnitSupervision(a, unitId, regionId)) throw new AppError('NOT_FOUND', '单位不存在或您无权查看');
  const page = q.page ?? 1;
  const size = q.pageSize ?? 50;
  const { rows, total } = await supervisionRepo.listNotices(ctx.db, { regionId, unitId, taskId: q.taskId, state: q.state, year: q.year, limit: size, offset: (page - 1) * size });
  return { items: await present(ctx, rows), total };
}

export async function issueNotice(ctx: ServiceContext, req: IssueNoticeRequest): Promise<NoticeDetail> {
  const a = requireUser(ctx.actor);
  const unit = await unitsRepo.findById(ctx.db, req.unitId);
  if (!unit || !canReadDirectory(a, unit.region_id)) throw new AppError('NOT_FOUND', '单位不存在或您无权查看');
  authorize(canSupervise(a, unit.region_id), '签发督办单');
  if (unit.active !== 1) throw new AppError('VALIDATION', `「${unit.name}」已停用，不能督办`, [{ field: 'unitId', message: '单位已停用' }]);
  const taskIds = [...new Set(req.taskIds)];
  const tasks = await plansRepo.tasksByIds(ctx.db, taskIds);
  if (tasks.length !== taskIds.length || tasks.some((t) => t.region_id !== unit.region_id)) throw new AppError('VALIDATION', '所选任务不存在或不属于本地区', [{ field: 'taskIds', message: '任务不存在' }]);
  const today = todayIn(ctx.clock);
  if (req.replyDue < today) throw new AppError('VALIDATION', '反馈期限不能早于今天', [{ field: 'replyDue', message: '不能早于今天' }]);
  const region = (await regionsRepo.findById(ctx.db, unit.region_id))!;
  const id = newId(ctx.clock.now().getTime());
  await inTransaction(ctx.db, async (trx) => {
    const year = yearOf(today);
    const seq = await supervisionRepo.nextNoticeSeq(trx, region.id, year);
    const number = documentNumber(regionAbbr(region), '督', year, seq);
    const now = nowIso(ctx);
    await supervisionRepo.insertNotice(
      trx,
      {
        id,
        region_id: region.id,
        year,
        seq,
        number,
        unit_id: unit.id,
        issuer_id: a.userId,
        issuer_name: a.displayName,
        issuer_org: issuerOrgOf(region.name),
        problem: req.problem,
        requirement: req.requirement,
        reply_due: req.replyDue,
        state: 'open',
        reply: null,
        replied_at: null,
        replied_by: null,
        closed_at: null,
        close_note: null,
        escalated_at: null,
        version: 1,
        created_at: now,
        updated_at: now,
      },
      taskIds,
    );
    await supervisionRepo.insertNoticeEvent(trx, { id: newId(ctx.clock.now().getTime()), notice_id: id, region_id: region.id, action: 'issue', actor_name: a.displayName, text: `请于${formatChineseDate(req.replyDue)}前反馈`, created_at: now });
    await recordAudit(trx, ctx, { action: 'notice.issue', entityType: 'supervision_notice', entityId: id, regionId: region.id, summary: `签发督办单 ${number}（${unit.name}）`, after: { number, unitId: unit.id, taskIds, replyDue: req.replyDue } });
    await notify({ ...ctx, db: trx }, {
      regionId: region.id,
      userIds: await recipientsOfUnit({ ...ctx, db: trx }, unit.id),
      kind: 'supervision',
      title: `【督办】${number}：请于${formatChineseDate(req.replyDue)}前反馈`,
      body: `存在问题：${req.problem}\n督办要求：${req.requirement}`,
      link: `/supervision/notices/${id}`,
      dedupeKey: `notice-issue:${id}`,
    });
  });
  return getNotice(ctx, id);
}

async function step(ctx: ServiceContext, id: string, version: number, guard: (n: SupervisionNoticeRow) => void, patch: (n: SupervisionNoticeRow) => Partial<SupervisionNoticeRow>, event: { action: string; text: string }, tell: (n: SupervisionNoticeRow, ctx: ServiceContext) => Promise<{ userIds: string[]; title: string; body: string }>): Promise<NoticeDetail> {
  const a = requireUser(ctx.actor);
  const n = await load(ctx, id);
  guard(n);
  if (n.version !== version) throw new AppError('CONFLICT', `督办单 ${n.number} 已被他人处理，请刷新后再试`, STALE);
  await inTransaction(ctx.db, async (trx) => {
    const now = nowIso(ctx);
    const p = { ...patch(n), updated_at: now };
    if (!(await supervisionRepo.updateNotice(trx, id, version, p))) throw new AppError('CONFLICT', `督办单 ${n.number} 已被他人处理，请刷新后再试`, STALE);
    await supervisionRepo.insertNoticeEvent(trx, { id: newId(ctx.clock.now().getTime()), notice_id: id, region_id: n.region_id, action: event.action, actor_name: a.displayName, text: event.text, created_at: now });
    await recordAudit(trx, ctx, { action: `notice.${event.action}`, entityType: 'supervision_notice', entityId: id, regionId: n.region_id, summary: `督办单 ${n.number}：${ACTION_LABEL[event.action]}`, before: { state: n.state }, after: { state: p.state ?? n.state, text: event.text } });
    const t = await tell(n, { ...ctx, db: trx });
    await notify({ ...ctx, db: trx }, { regionId: n.region_id, userIds: t.userIds, kind: 'supervision', title: t.title, body: t.body, link: `/supervision/notices/${id}`, dedupeKey: `notice-${event.action}:${id}:${version}` });
  });
  return getNotice(ctx, id);
}

/** The unit answers (办理情况). A returned notice is answered again the same way. */
export async function replyNotice(ctx: ServiceContext, id: string, version: number, reply: string): Promise<NoticeDetail> {
  return step(
    ctx,
    id,
    version,
    (n) => {
      authorize(canWriteFor(ctx.actor, n.unit_id, n.region_id), '反馈此督办单');
      if (n.state !== 'open') throw new AppError('CONFLICT', n.state === 'closed' ? `督办单 ${n.number} 已销号，不能再反馈` : `督办单 ${n.number} 已反馈，等待审核`);
    },
    () => ({ state: 'replied', reply, replied_at: nowIso(ctx), replied_by: ctx.actor.kind === 'user' ? ctx.actor.displayName : null }),
    { action: 'reply', text: reply },
    async (n, c) => ({ userIds: await officeRecipients(c, n.region_id), title: `督办单 ${n.number} 已反馈`, body: reply }),
  );
}

/** The office finds the reply wanting and sends it back with a reason; the unit must reply again. */
export async function returnNotice(ctx: ServiceContext, id: string, version: number, reason: string): Promise<NoticeDetail> {
  return step(
    ctx,
    id,
    version,
    (n) => {
      authorize(canDecideIn(ctx.actor, n.region_id), '退回督办反馈');
      if (n.state !== 'replied') throw new AppError('CONFLICT', `督办单 ${n.number} 尚未反馈或已销号，不能退回`);
    },
    () => ({ state: 'open' }),
    { action: 'return', text: reason },
    async (n, c) => ({ userIds: await recipientsOfUnit(c, n.unit_id), title: `督办单 ${n.number} 的反馈被退回`, body: reason }),
  );
}

/** 销号: the office has checked the reply and closes the notice. */
export async function closeNotice(ctx: ServiceContext, id: string, version: number, note: string): Promise<NoticeDetail> {
  return step(
    ctx,
    id,
    version,
    (n) => {
      authorize(canDecideIn(ctx.actor, n.region_id), '销号');
      if (n.state !== 'replied') throw new AppError('CONFLICT', n.state === 'closed' ? `督办单 ${n.number} 已销号` : `督办单 ${n.number} 尚未反馈，不能销号`);
    },
    () => ({ state: 'closed', closed_at: nowIso(ctx), close_note: note }),
    { action: 'close', text: note },
    async (n, c) => ({ userIds: await recipientsOfUnit(c, n.unit_id), title: `督办单 ${n.number} 已销号`, body: note }),
  );
}

/** The notice as a Word file in the official layout. */
export async function noticeDocx(ctx: ServiceContext, id: string): Promise<{ fileName: string; data: Buffer }> {
  const n = await getNotice(ctx, id);
  const data = await writeNoticeDocx(n);
  return { fileName: `督办单${n.number}（${n.unitName}）.docx`, data };
}
