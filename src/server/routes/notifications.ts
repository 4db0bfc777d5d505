import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, IdParams, Ok } from '../../shared/api/common.ts';
import {
  CreateWebhookRequest,
  Delivery,
  DeliveryList,
  DeliveryQuery,
  MarkReadRequest,
  NotificationList,
  NotificationPrefs,
  NotificationQuery,
  UnreadCount,
  UpdateNotificationPrefsRequest,
  UpdateWebhookRequest,
  Webhook,
  WebhookList,
} from '../../shared/api/notifications.ts';
import { createWebhook, listDeliveries, listWebhooks, resendDelivery, testWebhook, updateWebhook } from '../../services/deliveries.ts';
import { getMyPrefs, listMyNotifications, markRead, unreadCount, updateMyPrefs } from '../../services/notifications.ts';
import type { AppDeps } from '../app.ts';
import { ctxOf } from '../auth.ts';

const tags = ['通知'];

export const notificationRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/', { schema: { tags, summary: '我的消息（最新在前）', querystring: NotificationQuery, response: { 200: NotificationList } } }, async (req) => listMyNotifications(ctxOf(deps, req), req.query));
  app.get('/unread', { schema: { tags, summary: '未读消息数（铃铛）', response: { 200: UnreadCount } } }, async (req) => unreadCount(ctxOf(deps, req)));
  app.post('/read', { schema: { tags, summary: '标为已读（指定消息或全部）', body: MarkReadRequest, response: { 200: UnreadCount } } }, async (req) => markRead(ctxOf(deps, req), req.body));
  app.get('/prefs', { schema: { tags, summary: '我的通知设置', response: { 200: NotificationPrefs } } }, async (req) => getMyPrefs(ctxOf(deps, req)));
  app.put('/prefs', { schema: { tags, summary: '修改我的通知设置（邮件、免打扰时段）', body: UpdateNotificationPrefsRequest, response: { 200: NotificationPrefs } } }, async (req) => updateMyPrefs(ctxOf(deps, req), req.body));

  app.get('/webhooks', { schema: { tags, summary: '本地区的群机器人（依法治办）', querystring: z.object({ regionId: Id.optional() }).strict(), response: { 200: WebhookList } } }, async (req) => listWebhooks(ctxOf(deps, req), req.query.regionId));
  app.post('/webhooks', { schema: { tags, summary: '新增群机器人（钉钉、企业微信或通用签名接口）', body: CreateWebhookRequest, response: { 200: Webhook } } }, async (req) => createWebhook(ctxOf(deps, req), req.body));
  app.put('/webhooks/:id', { schema: { tags, summary: '修改群机器人', params: IdParams, body: UpdateWebhookRequest, response: { 200: Webhook } } }, async (req) => updateWebhook(ctxOf(deps, req), req.params.id, req.body));
  app.post('/webhooks/:id/test', { schema: { tags, summary: '向群机器人发送一条测试消息', params: IdParams, response: { 200: Ok } } }, async (req) => testWebhook(ctxOf(deps, req), req.params.id));

  app.get('/deliveries', { schema: { tags, summary: '通知发送记录（邮件、机器人）', querystring: DeliveryQuery, response: { 200: DeliveryList } } }, async (req) => listDeliveries(ctxOf(deps, req), req.query, deps.config.smtpUrl !== null));
  app.post('/deliveries/:id/resend', { schema: { tags, summary: '重发失败的通知', params: IdParams, response: { 200: Delivery } } }, async (req) => resendDelivery(ctxOf(deps, req), req.params.id));
};
