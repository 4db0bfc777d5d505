/**
 * PlanDraft: a rule-of-law plan as parsed from its text, before import.
 * Mirrors /work/shared/schemas/plan-draft.schema.json (plan-draft/v1); extra properties are allowed
 * there, so the objects are `.passthrough()`-like (loose) where the parser adds offsets.
 */
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const RECURRENCES = ['monthly', 'quarterly', 'semiannual', 'yearly', 'biennial', 'per-term'] as const;
export const TARGET_OPS = ['>=', '>', '=', '<=', '<', 'achieve', 'done'] as const;
export const SOURCE_FORMATS = ['txt', 'md', 'docx', 'pdf', 'html'] as const;

export const PlanDeadlineSchema = z.looseObject({
  raw: z.string(),
  due: isoDate.nullable(),
  ongoing: z.boolean(),
  recurring: z.enum(RECURRENCES).nullable(),
  at: z.string().nullable().optional(),
});

export const PlanTargetSchema = z.looseObject({
  raw: z.string(),
  metric: z.string().nullable().optional(),
  op: z.enum(TARGET_OPS).optional(),
  value: z.union([z.number(), z.string()]).nullable(),
  unit: z.string().nullable(),
  by: isoDate.nullable().optional(),
  scope: z.string().nullable().optional(),
});

export const SpanSchema = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });

export const PlanTaskSchema = z.looseObject({
  seq: z.number().int().min(1),
  part: z.enum(['body', 'annex']),
  path: z.array(z.string()),
  title: z.string().nullable().optional(),
  text: z.string(),
  lead_units: z.array(z.string()),
  responsible_units: z.array(z.string()),
  lead_leaders: z.array(z.string()),
  deadlines: z.array(PlanDeadlineSchema),
  targets: z.array(PlanTargetSchema),
  line: z.number().int().optional(),
  span: SpanSchema.optional(),
});

export interface PlanHeading {
  number: string;
  title: string;
  line?: number;
  children?: PlanHeading[];
}

export const PlanHeadingSchema: z.ZodType<PlanHeading> = z.lazy(() =>
  z.looseObject({
    number: z.string(),
    title: z.string(),
    line: z.number().int().optional(),
    children: z.array(PlanHeadingSchema).optional(),
  }),
);

export const PlanMechanismSchema = z.looseObject({
  kind: z.string(),
  raw: z.string(),
  schedule: z.string().nullable().optional(),
  line: z.number().int().optional(),
});

export const PlanDocumentSchema = z.looseObject({
  title: z.string().nullable(),
  region: z.string().nullable(),
  province: z.string().nullable().optional(),
  prefecture: z.string().nullable().optional(),
  period: z.tuple([z.number().int(), z.number().int()]).nullable(),
  kind: z.string().nullable().optional(),
  draft: z.boolean().optional(),
  issuer: z.string().nullable().optional(),
  doc_number: z.string().nullable().optional(),
  issued_on: isoDate.nullable().optional(),
  parent_documents: z.array(z.string()).optional(),
});

export const PlanDraftSchema = z.looseObject({
  schema: z.literal('plan-draft/v1'),
  source: z
    .looseObject({
      file: z.string().optional(),
      sha256: z.string().optional(),
      format: z.enum(SOURCE_FORMATS).optional(),
      chars: z.number().int().optional(),
    })
    .optional(),
  document: PlanDocumentSchema,
  outline: z.array(PlanHeadingSchema),
  tasks: z.array(PlanTaskSchema),
  mechanisms: z.array(PlanMechanismSchema).optional(),
  units: z.array(z.string()).optional(),
  warnings: z.array(z.looseObject({ line: z.number().int().optional(), message: z.string().optional() })).optional(),
});

export type PlanDeadline = z.infer<typeof PlanDeadlineSchema>;
export type PlanTarget = z.infer<typeof PlanTargetSchema>;
export type PlanTask = z.infer<typeof PlanTaskSchema>;
export type PlanMechanism = z.infer<typeof PlanMechanismSchema>;
export type PlanDocument = z.infer<typeof PlanDocumentSchema>;
export type PlanDraft = z.infer<typeof PlanDraftSchema>;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];
export type Recurrence = (typeof RECURRENCES)[number];
