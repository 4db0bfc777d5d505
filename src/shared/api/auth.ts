import { z } from 'zod';
import { ROLES } from '../enums.ts';
import { Id } from './common.ts';

export const LoginRequest = z
  .object({
    username: z.string({ message: '请输入用户名' }).trim().min(1, '请输入用户名').max(64, '用户名过长'),
    password: z.string({ message: '请输入密码' }).min(1, '请输入密码').max(200, '密码过长'),
  })
  .strict();
export type LoginRequest = z.infer<typeof LoginRequest>;

export const PASSWORD_RULE = '密码至少 8 位，且同时包含字母和数字';
export const NewPassword = z
  .string({ message: '请输入新密码' })
  .min(8, PASSWORD_RULE)
  .max(128, '密码不能超过 128 位')
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), PASSWORD_RULE);

export const ChangePasswordRequest = z
  .object({ oldPassword: z.string().min(1, '请输入原密码'), newPassword: NewPassword })
  .strict();
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const SwitchRegionRequest = z.object({ regionId: Id }).strict();

export const RegionRef = z.object({ id: z.string(), name: z.string(), level: z.enum(['province', 'city', 'county']), parentId: z.string().nullable() });

export const Me = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  roleLabel: z.string(),
  unit: z.object({ id: z.string(), name: z.string() }).nullable(),
  regions: z.array(RegionRef),
  currentRegionId: z.string().nullable(),
  mustChangePassword: z.boolean(),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof Me>;

export const SessionInfo = z.object({
  id: z.string(),
  current: z.boolean(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;
export const SessionList = z.object({ items: z.array(SessionInfo) });
export const SessionIdParams = z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, '会话编号格式不正确') }).strict();
