/**
 * The delivery worker: sends what `notify` queued in the outbox. Each delivery is claimed with a
 * conditional update (only one of several servers sends it), sent, and marked sent; a failure is
 * recorded with its reason and retried later (1, 5, 30 minutes, 2 and 12 hours), then given up as
 * failed for the admin to see and resend. Channels are independent: a mail server that is down
 * delays only the email, never the robots, the in-app message or the action that caused it.
 */
import type { Db } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { notificationsRepo } from '../db/repositories/notifications.ts';
import { regionsRepo } from '../db/repositories/regions.ts';
import type { DeliveryRow, WebhookRow } from '../db/schema.ts';
import { nextRetryAt } from '../domain/quiet-hours.ts';
import type { EmailSender } from '../notify/email.ts';
import { ChannelError, type OutboundMessage } from '../notify/message.ts';
import type { WebhookFormat, WebhookSender } from '../notify/webhook.ts';
import { DELIVERY_STATE_LABEL, NOTIFICATION_KIND_LABEL, WEBHOOK_FORMAT_LABEL, type Delivery, type DeliveryList, type NotificationKind, type Webhook, type WebhookInput } from '../shared/api/notifications.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError, STALE } from '../shared/errors.ts';
import { inTransaction } from '../db/client.ts';
import { recordAudit } from './audit.ts';
import { nowIso, type ServiceContext } from './context.ts';
import { authorize, authorizeRead, officeOf, requireUser, visibleRegionIds } from './policies.ts';

export interface Channels {
  /** null when no SMTP server is configured: email deliveries are recorded as not sent, with the reason */
  email: EmailSender | null;
  webhook: WebhookSender;
  /** the server's public address, for absolute links in messages */
  publicUrl: string | null;
}

export interface DeliveryDeps {
  db: Db;
  clock: Clock;
  channels: Channels;
}

/** a 'sending' claim older than this belongs to a worker that died mid-send */
const STALE_CLAIM_MS = 5 * 60_000;

export interface DeliveryRunResult {
  sent: number;
  failed: number;
  retried: number;
  skipped: number;
}

/** Sends every delivery that is due now. Safe to run from several servers at once. */
export async function deliverDue(deps: DeliveryDeps, opts: { limit?: number } = {}): Promise<DeliveryRunResult> {
  const now = deps.clock.now();
  const out: DeliveryRunResult = { sent: 0, failed: 0, retried: 0, skipped: 0 };
  const due = await notificationsRepo.due(deps.db, now.toISOString(), new Date(now.getTime() - STALE_CLAIM_MS).toISOString(), opts.limit ?? 100);
  const regions = new Map<string, string>();
  const webhooks = new Map<string, WebhookRow | undefined>();
  for (const d of due) {
    if (!(await notificationsRepo.claim(deps.db, d, deps.clock.now().toISOString()))) continue;
    const attempts = d.attempts + 1;
    if (!regions.has(d.region_id)) regions.set(d.region_id, (await regionsRepo.findById(deps.db, d.region_id))?.name ?? '');
    const message: OutboundMessage = {
      id: d.id,
      kind: d.kind,
      kindLabel: NOTIFICATION_KIND_LABEL[d.kind as NotificationKind] ?? d.kind,
      title: d.title,
      body: d.body,
      url: d.link && deps.channels.publicUrl ? new URL(d.link, deps.channels.publicUrl).toString() : null,
      regionName: regions.get(d.region_id)!,
      createdAt: d.created_at,
    };
    try {
      if (d.channel === 'email') {
        if (!deps.channels.email) {
          await notificationsRepo.finish(deps.db, d.id, { state: 'skipped', last_error: '未配置邮件服务器（FAZHI_SMTP_URL），邮件未发送', claimed_at: null });
          out.skipped++;
          continue;
        }
        await deps.channels.email.send(d.target, message);
      } else {
        if (!webhooks.has(d.target)) webhooks.set(d.target, await notificationsRepo.findWebhook(deps.db, d.target));
        const w = webhooks.get(d.target);
        if (!w || !w.active) {
          await notificationsRepo.finish(deps.db, d.id, { state: 'skipped', last_error: '机器人已删除或停用', claimed_at: null });
          out.skipped++;
          continue;
        }
        await deps.channels.webhook.send({ format: w.format as WebhookFormat, url: w.url, secret: w.secret }, message);
      }
      await notificationsRepo.finish(deps.db, d.id, { state: 'sent', sent_at: deps.clock.now().toISOString(), last_error: null, claimed_at: null });
      out.sent++;
    } catch (e) {
      const error = e instanceof ChannelError ? e.message : `发送出错：${e instanceof Error ? e.message : String(e)}`;
      const retryAt = e instanceof ChannelError && !e.retry ? null : nextRetryAt(deps.clock.now(), attempts);
      if (retryAt) {
        await notificationsRepo.finish(deps.db, d.id, { state: 'pending', next_attempt_at: retryAt.toISOString(), last_error: error, claimed_at: null });
        out.retried++;
      } else {
        await notificationsRepo.finish(deps.db, d.id, { state: 'failed', last_error: error, claimed_at: null });
        out.failed++;
      }
    }
  }
  return out;
}

/**
 * Starts the worker loop (every `everyMs`, and whenever `kick` is called). A failing run is logged and
 * the loop goes on. Returns stop (waits for a run in progress) and kick.
 */
export function startDeliveryWorker(deps: DeliveryDeps, log: { info: (o: object, m: string) => void; error: (o: object, m: string) => void }, everyMs = 15_000): { stop: () => Promise<void>; kick: () => void } {
  let running: Promise<unknown> | null = null;
  let again = false;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = deliverDue(deps)
      .then((r) => {
        if (r.sent || r.failed || r.retried || r.skipped) log.info({ deliveries: r }, '通知已发送');
      })
      .catch((e: unknown) => log.error({ err: e }, '通知发送出错'))
      .finally(() => {
        running = null;
        if (again && !stopped) {
          again = false;
          tick();
        }
      });
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    kick: tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

// ------------------------------------------------------------------ the delivery log

function regionScope(ctx: ServiceContext, regionId: string | undefined): string[] | null {
  const a = requireUser(ctx.actor);
  if (regionId) {
    authorizeRead(officeOf(ctx.actor, regionId), '该地区');
    return [regionId];
  }
  const visible = visibleRegionIds(ctx.actor);
  if (visible === null) return null;
  const mine = visible.filter((r) => officeOf(ctx.actor, r));
  authorize(mine.length > 0 || a.role === 'admin', '查看通知发送记录');
  return mine;
}

export async function listDeliveries(ctx: ServiceContext, q: { page: number; pageSize: number; regionId?: string; state?: string; channel?: string }, emailConfigured: boolean): Promise<DeliveryList> {
  const regionIds = regionScope(ctx, q.regionId);
  const r = await notificationsRepo.listDeliveries(ctx.db, { regionIds, state: q.state, channel: q.channel, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  const hooks = new Map<string, string>();
  for (const d of r.rows) if (d.channel === 'webhook' && !hooks.has(d.target)) hooks.set(d.target, (await notificationsRepo.findWebhook(ctx.db, d.target))?.name ?? '（已删除的机器人）');
  return {
    items: r.rows.map((d) => presentDelivery(d, d.channel === 'webhook' ? hooks.get(d.target)! : d.target)),
    total: r.total,
    counts: await notificationsRepo.countsByState(ctx.db, regionIds),
    emailConfigured,
  };
}

const presentDelivery = (d: DeliveryRow, targetLabel: string): Delivery => ({
  id: d.id,
  regionId: d.region_id,
  channel: d.channel as Delivery['channel'],
  target: d.channel === 'email' ? d.target : d.target,
  targetLabel,
  kind: d.kind,
  title: d.title,
  state: d.state as Delivery['state'],
  stateLabel: DELIVERY_STATE_LABEL[d.state as Delivery['state']] ?? d.state,
  attempts: d.attempts,
  nextAttemptAt: d.state === 'pending' ? d.next_attempt_at : null,
  lastError: d.last_error,
  sentAt: d.sent_at,
  createdAt: d.created_at,
});

/** The office sends a failed (or skipped) delivery again, now. */
export async function resendDelivery(ctx: ServiceContext, id: string): Promise<Delivery> {
  const d = await notificationsRepo.findDelivery(ctx.db, id);
  if (!d) throw new AppError('NOT_FOUND', '发送记录不存在');
  authorizeRead(officeOf(ctx.actor, d.region_id), '发送记录');
  if (d.state !== 'failed' && d.state !== 'skipped') throw new AppError('CONFLICT', `该记录${DELIVERY_STATE_LABEL[d.state as Delivery['state']] ?? ''}，无需重发`);
  await inTransaction(ctx.db, async (trx) => {
    await notificationsRepo.finish(trx, id, { state: 'pending', attempts: 0, next_attempt_at: nowIso(ctx), last_error: d.last_error });
    await recordAudit(trx, ctx, { action: 'delivery.resend', entityType: 'delivery', entityId: id, regionId: d.region_id, summary: `重发通知「${d.title}」`, before: { state: d.state } });
  });
  return presentDelivery((await notificationsRepo.findDelivery(ctx.db, id))!, d.target);
}

// ------------------------------------------------------------------ robots (webhooks)

const presentWebhook = (w: WebhookRow): Webhook => ({
  id: w.id,
  regionId: w.region_id,
  name: w.name,
  format: w.format as Webhook['format'],
  url: maskUrl(w.url),
  hasSecret: !!w.secret,
  kinds: JSON.parse(w.kinds_json) as string[],
  active: w.active === 1,
  version: w.version,
});

/** Robot URLs carry their access token: shown with the token masked. */
function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    for (const [k, v] of u.searchParams) if (v.length > 8) u.searchParams.set(k, `${v.slice(0, 4)}…${v.slice(-4)}`);
    return decodeURIComponent(u.toString());
  } catch {
    return url;
  }
}

function regionOfActor(ctx: ServiceContext, regionId: string | undefined): string {
  const a = requireUser(ctx.actor);
  const r = regionId ?? a.currentRegionId;
  if (!r) throw new AppError('VALIDATION', '请先选择地区');
  return r;
}

export async function listWebhooks(ctx: ServiceContext, regionId?: string): Promise<{ items: Webhook[] }> {
  const r = regionOfActor(ctx, regionId);
  authorizeRead(officeOf(ctx.actor, r), '该地区');
  return { items: (await notificationsRepo.webhooksOfRegion(ctx.db, r, false)).map(presentWebhook) };
}

export async function createWebhook(ctx: ServiceContext, input: WebhookInput & { regionId?: string }): Promise<Webhook> {
  const regionId = regionOfActor(ctx, input.regionId);
  authorize(officeOf(ctx.actor, regionId), '配置群机器人');
  const now = nowIso(ctx);
  const row: WebhookRow = { id: newId(ctx.clock.now().getTime()), region_id: regionId, name: input.name, format: input.format, url: input.url, secret: input.secret || null, kinds_json: JSON.stringify([...new Set(input.kinds)]), active: input.active ? 1 : 0, version: 1, created_at: now, updated_at: now };
  await inTransaction(ctx.db, async (trx) => {
    await notificationsRepo.insertWebhook(trx, row);
    await recordAudit(trx, ctx, { action: 'webhook.create', entityType: 'webhook', entityId: row.id, regionId, summary: `新增群机器人「${row.name}」（${WEBHOOK_FORMAT_LABEL[input.format]}）`, after: { ...row, url: maskUrl(row.url), secret: row.secret ? '******' : null } });
  });
  return presentWebhook(row);
}

export async function updateWebhook(ctx: ServiceContext, id: string, input: WebhookInput & { version: number }): Promise<Webhook> {
  const w = await notificationsRepo.findWebhook(ctx.db, id);
  if (!w) throw new AppError('NOT_FOUND', '群机器人不存在');
  authorizeRead(officeOf(ctx.actor, w.region_id), '群机器人');
  // the URL is shown masked: sending the masked form back keeps the stored one
  const url = input.url === maskUrl(w.url) ? w.url : input.url;
  const patch = { name: input.name, format: input.format, url, secret: input.secret === undefined ? w.secret : input.secret || null, kinds_json: JSON.stringify([...new Set(input.kinds)]), active: input.active ? 1 : 0, updated_at: nowIso(ctx) };
  await inTransaction(ctx.db, async (trx) => {
    if (!(await notificationsRepo.updateWebhook(trx, id, input.version, patch))) throw new AppError('CONFLICT', `群机器人「${w.name}」已被他人修改，请刷新后再试`, STALE);
    await recordAudit(trx, ctx, { action: 'webhook.update', entityType: 'webhook', entityId: id, regionId: w.region_id, summary: `修改群机器人「${input.name}」`, before: { name: w.name, format: w.format, active: w.active }, after: { name: patch.name, format: patch.format, active: patch.active } });
  });
  return presentWebhook((await notificationsRepo.findWebhook(ctx.db, id))!);
}

/** Queues a test message to one robot (sent by the worker like any other, and logged). */
export async function testWebhook(ctx: ServiceContext, id: string): Promise<{ ok: true }> {
  const a = requireUser(ctx.actor);
  const w = await notificationsRepo.findWebhook(ctx.db, id);
  if (!w) throw new AppError('NOT_FOUND', '群机器人不存在');
  authorizeRead(officeOf(ctx.actor, w.region_id), '群机器人');
  const now = nowIso(ctx);
  await notificationsRepo.enqueue(ctx.db, [{ id: newId(ctx.clock.now().getTime()), region_id: w.region_id, channel: 'webhook', target: w.id, user_id: a.userId, kind: 'system', title: '测试消息', body: `这是${a.displayName}从法治政府建设工作平台发送的测试消息，收到说明机器人配置正确。`, link: null, dedupe_key: `test:${newId()}`, state: 'pending', attempts: 0, next_attempt_at: now, claimed_at: null, last_error: null, sent_at: null, created_at: now }]);
  return { ok: true };
}
