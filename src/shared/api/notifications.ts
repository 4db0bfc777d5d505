import { z } from 'zod';
import { Id, Page, Version } from './common.ts';

/** What a message is about; the bell, the preferences and the robots filter by it. */
export const NOTIFICATION_KINDS = ['reminder', 'warning', 'escalation', 'supervision', 'extension', 'chase', 'report', 'circular', 'annual', 'inspection', 'system'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_KIND_LABEL: Record<NotificationKind, string> = {
  reminder: '提醒',
  warning: '警示',
  escalation: '升级督促',
  supervision: '督办单',
  extension: '延期申请',
  chase: '催办',
  report: '报送审核',
  circular: '通报',
  annual: '年度报告',
  inspection: '督察',
  system: '系统',
};
export const NotificationKindSchema = z.enum(NOTIFICATION_KINDS, { message: '消息类型不正确' });

export const Notification = z.object({
  id: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  read: z.boolean(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationQuery = Page.extend({ unread: z.enum(['1', '0']).optional() }).strict();
export const NotificationList = z.object({ items: z.array(Notification), total: z.number().int(), unread: z.number().int() });
export type NotificationList = z.infer<typeof NotificationList>;
export const UnreadCount = z.object({ unread: z.number().int() });

export const MarkReadRequest = z.union([z.object({ ids: z.array(Id).min(1).max(500) }).strict(), z.object({ all: z.literal(true) }).strict()]);
export type MarkReadRequest = z.infer<typeof MarkReadRequest>;

const Hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM，例如 22:00');

export const NotificationPrefs = z.object({
  emailEnabled: z.boolean(),
  emailMuted: z.array(z.string()),
  quietStart: z.string().nullable(),
  quietEnd: z.string().nullable(),
  /** the address mail goes to; null: the account has none (set it under 账号) */
  email: z.string().nullable(),
  version: z.number().int(),
});
export type NotificationPrefs = z.infer<typeof NotificationPrefs>;

export const UpdateNotificationPrefsRequest = z
  .object({
    emailEnabled: z.boolean(),
    emailMuted: z.array(NotificationKindSchema).max(NOTIFICATION_KINDS.length),
    quietStart: Hhmm.nullable(),
    quietEnd: Hhmm.nullable(),
    version: z.number().int().min(0),
  })
  .strict()
  .refine((v) => (v.quietStart === null) === (v.quietEnd === null), { message: '免打扰时段需同时填写开始和结束时间', path: ['quietEnd'] })
  .refine((v) => v.quietStart === null || v.quietStart !== v.quietEnd, { message: '免打扰的开始和结束时间不能相同', path: ['quietEnd'] });
export type UpdateNotificationPrefsRequest = z.infer<typeof UpdateNotificationPrefsRequest>;

// ------------------------------------------------------------------ robots

export const WEBHOOK_FORMATS = ['generic', 'dingtalk', 'wecom'] as const;
export const WEBHOOK_FORMAT_LABEL: Record<(typeof WEBHOOK_FORMATS)[number], string> = { generic: '通用（签名 JSON）', dingtalk: '钉钉群机器人', wecom: '企业微信群机器人' };

export const Webhook = z.object({
  id: z.string(),
  regionId: z.string(),
  name: z.string(),
  format: z.enum(WEBHOOK_FORMATS),
  url: z.string(),
  hasSecret: z.boolean(),
  kinds: z.array(z.string()),
  active: z.boolean(),
  version: z.number().int(),
});
export type Webhook = z.infer<typeof Webhook>;

const WebhookUrl = z
  .string({ message: '请填写机器人地址' })
  .trim()
  .max(1000, '地址过长')
  .refine((u) => {
    try {
      return ['http:', 'https:'].includes(new URL(u).protocol);
    } catch {
      return false;
    }
  }, '地址应以 http:// 或 https:// 开头');

export const WebhookInput = z
  .object({
    name: z.string({ message: '请填写名称' }).trim().min(1, '请填写名称').max(50, '名称不能超过50个字'),
    format: z.enum(WEBHOOK_FORMATS, { message: '请选择机器人类型' }),
    url: WebhookUrl,
    /** undefined: keep the stored secret; null or '': none */
    secret: z.string().trim().max(200, '密钥过长').nullish(),
    kinds: z.array(NotificationKindSchema).max(NOTIFICATION_KINDS.length),
    active: z.boolean(),
  })
  .strict();
export type WebhookInput = z.infer<typeof WebhookInput>;
export const CreateWebhookRequest = WebhookInput.extend({ regionId: Id.optional() }).strict();
export const UpdateWebhookRequest = WebhookInput.extend({ version: Version }).strict();
export const WebhookList = z.object({ items: z.array(Webhook) });

// ------------------------------------------------------------------ delivery log

export const DELIVERY_STATE_LABEL = { pending: '待发送', sending: '发送中', sent: '已发送', failed: '发送失败', skipped: '未发送' } as const;
export const Delivery = z.object({
  id: z.string(),
  regionId: z.string(),
  channel: z.enum(['email', 'webhook']),
  target: z.string(),
  targetLabel: z.string(),
  kind: z.string(),
  title: z.string(),
  state: z.enum(['pending', 'sending', 'sent', 'failed', 'skipped']),
  stateLabel: z.string(),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Delivery = z.infer<typeof Delivery>;
export const DeliveryQuery = Page.extend({ regionId: Id.optional(), state: z.enum(['pending', 'sending', 'sent', 'failed', 'skipped']).optional(), channel: z.enum(['email', 'webhook']).optional() }).strict();
export const DeliveryList = z.object({
  items: z.array(Delivery),
  total: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
  /** false when no SMTP server is configured: email is recorded but not sent */
  emailConfigured: z.boolean(),
});
export type DeliveryList = z.infer<typeof DeliveryList>;
