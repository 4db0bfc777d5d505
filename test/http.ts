/** Runs the real server on a free port over a fresh SQLite file, and a client with a cookie jar. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type App } from '../src/server/app.ts';
import { loadConfig, type Config } from '../src/server/config.ts';
import { openAndMigrate } from '../src/server/runtime.ts';
import type { DbHandle } from '../src/db/client.ts';
import { FixedClock } from '../src/shared/clock.ts';
import { loadShippedCalendar } from '../src/services/work-calendar.ts';

export interface TestServer {
  app: App;
  handle: DbHandle;
  base: string;
  clock: FixedClock;
  config: Config;
  close(): Promise<void>;
}

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-api-'));
  const config = loadConfig({ DATABASE_URL: join(dir, 'fazhi.db'), FAZHI_DATA_DIR: dir, FAZHI_LOG_LEVEL: 'silent', PORT: '0', ...env });
  const handle = await openAndMigrate(config);
  const clock = new FixedClock('2026-03-02T02:00:00Z');
  const app = await buildApp({ config, handle, clock, webDir: join(dir, 'no-web'), loadCalendar: async () => loadShippedCalendar() });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return {
    app, handle, base, clock, config,
    async close() {
      await app.close();
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A browser-like client: keeps the session cookie and sends the CSRF token it was given. */
export class Client {
  cookie = '';
  csrf = '';
  constructor(readonly base: string) {}

  async login(username: string, password: string): Promise<Res> {
    const r = await this.request('POST', '/api/auth/login', { username, password });
    if (r.status === 200) this.csrf = r.body.csrfToken;
    return r;
  }

  async request(method: string, path: string, body?: unknown, opts: { csrf?: boolean; raw?: string | Buffer | FormData; contentType?: string } = {}): Promise<Res> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (opts.csrf !== false && this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    let payload: RequestInit["body"] | undefined;
    if (opts.raw !== undefined) {
      payload = opts.raw as RequestInit["body"];
      if (opts.contentType) headers['content-type'] = opts.contentType;
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(this.base + path, { method, headers, body: payload });
    const set = res.headers.getSetCookie();
    for (const c of set) {
      const [pair] = c.split(';');
      if (pair!.startsWith('fazhi_session=')) this.cookie = /Expires=Thu, 01 Jan 1970/i.test(c) || pair === 'fazhi_session=' ? '' : pair!;
    }
    const type = res.headers.get('content-type') ?? '';
    const parsed = type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer());
    return { status: res.status, body: parsed, headers: res.headers };
  }
  get = (p: string) => this.request('GET', p);
  post = (p: string, b?: unknown) => this.request('POST', p, b ?? {});
  patch = (p: string, b: unknown) => this.request('PATCH', p, b);
  put = (p: string, b: unknown) => this.request('PUT', p, b);
  del = (p: string) => this.request('DELETE', p);
}

/** A client logged in as `username` with the factories' password; fails the test if the login does not succeed. */
export async function loginAs(base: string, username: string, password = 'Passw0rd!'): Promise<Client> {
  const c = new Client(base);
  const r = await c.login(username, password);
  if (r.status !== 200) throw new Error(`登录 ${username} 失败：${r.status} ${JSON.stringify(r.body)}`);
  return c;
}
