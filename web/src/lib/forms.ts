/**
 * Bridges the shared zod contracts and antd forms: one schema validates on both sides.
 */
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { z } from 'zod';
import { isApiError } from '../api/client.ts';

/** An antd rule that runs a zod schema (usually one field of a contract) against the value. */
export function zodRule(schema: z.ZodType, opts: { required?: boolean } = {}): Rule {
  return {
    required: opts.required,
    validator: async (_rule, value: unknown) => {
      const r = schema.safeParse(value === undefined && !opts.required ? undefined : value);
      if (!r.success) throw new Error(r.error.issues[0]?.message ?? '格式不正确');
    },
  };
}

/** Field path "aliases.0" → antd name path ['aliases', 0]. */
function namePath(field: string): (string | number)[] {
  return field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Puts zod issues or server error details onto the form's fields. Returns the messages that
 * matched no field (show those in a banner or toast).
 */
export function applyErrors(form: FormInstance, err: unknown, knownFields: string[]): string[] {
  const items: { field?: string; message: string }[] = [];
  if (isApiError(err)) items.push(...err.details);
  else if (err && typeof err === 'object' && 'issues' in err) {
    for (const i of (err as z.ZodError).issues) items.push({ field: i.path.join('.'), message: i.message });
  }
  const byField = new Map<string, string[]>();
  const loose: string[] = [];
  for (const d of items) {
    const top = d.field?.split('.')[0];
    if (d.field && top && knownFields.includes(top)) {
      const key = knownFields.includes(d.field) ? d.field : top;
      byField.set(key, [...(byField.get(key) ?? []), d.message]);
    } else loose.push(d.message);
  }
  form.setFields([...byField].map(([f, errors]) => ({ name: namePath(f), errors })));
  return loose;
}

/** Empty strings from inputs → null, so optional text fields clear cleanly. */
export function blankToNull<T extends object>(v: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) out[k] = typeof val === 'string' && val.trim() === '' ? null : val;
  return out as T;
}
