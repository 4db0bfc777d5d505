import { z } from 'zod';
import { ROLES } from '../enums.ts';
import { Id, Name, OptionalText, Version } from './common.ts';
import { NewPassword } from './auth.ts';

export const Role = z.enum(ROLES, { message: '角色不正确' });
const Username = z
  .string({ message: '请填写用户名' })
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/, '用户名为 3–64 位字母、数字、点、下划线或连字符，以字母或数字开头');

export const CreateUserRequest = z
  .object({
    username: Username,
    displayName: Name('姓名', 50),
    role: Role,
    regionId: Id.nullish().transform((v) => v ?? null),
    extraRegionIds: z.array(Id).default([]),
    unitId: Id.nullish().transform((v) => v ?? null),
    phone: OptionalText('电话', 50),
    email: OptionalText('邮箱', 200),
    /** when absent, a temporary password is generated and returned once */
    password: NewPassword.optional(),
  })
  .strict();
export type CreateUserRequest = z.input<typeof CreateUserRequest>;

export const UpdateUserRequest = z
  .object({
    version: Version,
    displayName: Name('姓名', 50).optional(),
    role: Role.optional(),
    unitId: Id.nullish(),
    extraRegionIds: z.array(Id).optional(),
    phone: OptionalText('电话', 50),
    email: OptionalText('邮箱', 200),
    active: z.boolean().optional(),
  })
  .strict();
export type UpdateUserRequest = z.input<typeof UpdateUserRequest>;

export const UserListQuery = z.object({ regionId: Id, q: z.string().trim().max(64).optional(), role: Role.optional() }).strict();

export const User = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  roleLabel: z.string(),
  regionId: z.string().nullable(),
  regionIds: z.array(z.string()),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  version: z.number(),
});
export type User = z.infer<typeof User>;
export const UserList = z.object({ items: z.array(User) });
export const UserCreated = z.object({ user: User, temporaryPassword: z.string().nullable() });
export const PasswordReset = z.object({ temporaryPassword: z.string() });
