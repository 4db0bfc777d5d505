import { z } from 'zod';

/** Shared building blocks of the API contracts. Messages are what a user reads next to a field. */
export const Id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, '编号格式不正确');
export const IdParams = z.object({ id: Id }).strict();
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const Version = z.number({ message: '缺少版本号' }).int().positive();

/** A required name: trimmed, not empty, bounded. Stored verbatim (HTML and SQL are just text). */
export const Name = (label: string, max = 100) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过${max}个字`);
export const OptionalText = (label: string, max = 200) =>
  z
    .string()
    .trim()
    .max(max, `${label}不能超过${max}个字`)
    .nullish()
    // absent stays absent (a partial update leaves the field alone); empty means cleared
    .transform((v) => (v === undefined ? undefined : v ? v : null));

export const Ok = z.object({ ok: z.literal(true) });

export const Page = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ field: z.string().optional(), message: z.string() })),
    requestId: z.string().optional(),
  }),
});
