/**
 * The closed set of error codes the platform answers with. Every layer throws AppError;
 * the HTTP edge maps the code to a status (see STATUS_OF), the CLI to an exit status.
 * Messages are in Chinese and say what to fix.
 */
export const ERROR_CODES = [
  'VALIDATION', // 400: a field is missing or wrong; `details` names each
  'UNAUTHENTICATED', // 401: no session, or it expired
  'FORBIDDEN', // 403: signed in, but the action is not allowed (reads that are not allowed answer NOT_FOUND)
  'NOT_FOUND', // 404
  'CONFLICT', // 409: version mismatch, duplicate, state does not allow the action
  'TOO_LARGE', // 413
  'UNSUPPORTED', // 415: unreadable or unsupported file
  'UNPROCESSABLE', // 422: the input was read but cannot be used (no tasks found, scanned pdf …)
  'RATE_LIMITED', // 429: login throttling, lockout
  'INTERNAL', // 500
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const STATUS_OF: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  UNSUPPORTED: 415,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

export interface ErrorDetail {
  /** dotted path of the field, e.g. "aliases.0" */
  field?: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];
  constructor(code: ErrorCode, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** The JSON body of every error answer. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: ErrorDetail[]; requestId?: string };
}

/** The details of a CONFLICT caused by a stale version: someone else saved first; reload, never overwrite. */
export const STALE: ErrorDetail[] = [{ field: 'version', message: '内容已被他人修改，请刷新后再改' }];
