import type { z } from 'zod';
import { AppError, type ErrorDetail } from '../shared/errors.ts';

/**
 * Validates a plain object against a contract schema, for callers other than HTTP (CLI, jobs,
 * tests); the HTTP edge validates with the same schemas before the service is called.
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  return throwValidation(r.error.issues.map((i) => ({ path: i.path.map(String), code: i.code, message: i.message, input: (i as { input?: unknown }).input, keys: (i as { keys?: string[] }).keys })));
}

export interface IssueLike {
  path: string[];
  code: string;
  message: string;
  input?: unknown;
  keys?: string[];
}

/** Zod's own messages are English; ours are Chinese. Translate the generic ones. */
export function describeIssue(i: IssueLike): string {
  if (i.code === 'unrecognized_keys') return `不认识的字段：${(i.keys ?? []).join('、')}（请删除）`;
  if (i.code === 'invalid_type' && i.input === undefined) return '缺少此项';
  if (i.code === 'invalid_type') return '类型不正确';
  if (/^[\x00-\x7F]*$/.test(i.message)) return `格式不正确（${i.message}）`;
  return i.message;
}

export function issuesToDetails(issues: IssueLike[], prefix?: string): ErrorDetail[] {
  return issues.map((i) => {
    const field = [prefix, ...i.path].filter(Boolean).join('.');
    return { field: field || undefined, message: describeIssue(i) };
  });
}

export function throwValidation(issues: IssueLike[], prefix?: string): never {
  const details = issuesToDetails(issues, prefix);
  const first = details[0];
  const summary = details.map((d) => (d.field ? `${d.field}：${d.message}` : d.message)).join('；');
  throw new AppError('VALIDATION', first ? `输入有误：${summary}` : '输入有误', details);
}
