/**
 * A small typed fetch client. Same-origin cookies carry the session; every non-GET request
 * (except login) carries the CSRF token from the last Me we saw. Errors become ApiError.
 */
import type { ErrorCode, ErrorDetail } from '@shared/errors.ts';

/** A save refused because someone else saved first (the server marks it with a `version` detail). */
export const isStaleVersion = (e: unknown): e is ApiError => e instanceof ApiError && e.status === 409 && e.details.some((d) => d.field === 'version');

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK';
  readonly details: ErrorDetail[];
  readonly requestId: string | undefined;
  constructor(status: number, code: ErrorCode | 'NETWORK', message: string, details: ErrorDetail[] = [], requestId?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

let csrfToken: string | null = null;
export const setCsrfToken = (t: string | null) => {
  csrfToken = t;
};

type Listener = (e: ApiError) => void;
const unauthenticatedListeners = new Set<Listener>();
/** Called on any 401 from an endpoint other than login: the session is gone. */
export const onUnauthenticated = (l: Listener) => {
  unauthenticatedListeners.add(l);
  return () => unauthenticatedListeners.delete(l);
};

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `${path}?${s}` : path;
}

const FALLBACK_MESSAGE: Record<number, string> = {
  401: '登录已失效，请重新登录',
  403: '您没有权限执行此操作',
  404: '请求的内容不存在',
  413: '文件过大',
  429: '操作过于频繁，请稍后再试',
  500: '服务器出错，请稍后再试',
  502: '服务暂不可用，请稍后再试',
  503: '服务暂不可用，请稍后再试',
};

async function toError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON */
  }
  const err = (body as { error?: { code?: string; message?: string; details?: ErrorDetail[]; requestId?: string } } | null)?.error;
  const code = (err?.code as ErrorCode | undefined) ?? (res.status === 401 ? 'UNAUTHENTICATED' : res.status === 404 ? 'NOT_FOUND' : 'INTERNAL');
  const message = err?.message ?? FALLBACK_MESSAGE[res.status] ?? `请求失败（${res.status}）`;
  return new ApiError(res.status, code, message, Array.isArray(err?.details) ? err.details : [], err?.requestId);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  /** a FormData body is sent as multipart */
  form?: FormData;
  signal?: AbortSignal;
  /** do not treat a 401 as "session ended" (login itself) */
  noAuthRedirect?: boolean;
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), { method, headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  if (!res.ok) {
    const err = await toError(res);
    if (res.status === 401 && !opts.noAuthRedirect) for (const l of unauthenticatedListeners) l(err);
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>(path, { method: 'POST', body: body ?? {}, query }),
  patch: <T>(path: string, body: unknown) => request<T>(path, { method: 'PATCH', body }),
  put: <T>(path: string, body: unknown) => request<T>(path, { method: 'PUT', body }),
  del: <T>(path: string) => request<T>(path, { method: 'DELETE' }),
  upload: <T>(path: string, form: FormData, query?: Query) => request<T>(path, { method: 'POST', form, query }),
};

/** A human message for any thrown value. */
export function errorMessage(e: unknown): string {
  if (isApiError(e)) return e.message;
  if (e instanceof Error) return e.message;
  return '操作失败';
}
