/**
 * End-to-end helpers: a real server (demo data, throwaway database) and a headless Chromium.
 * The built UI must exist in dist/web (`npx vite build --config web/vite.config.ts`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type APIRequestContext, type Browser, type BrowserContext, type Page } from 'playwright-core';
import assert from 'node:assert/strict';
import { after, before } from 'node:test';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SCREENSHOT_DIR = join(ROOT, 'e2e', 'screenshots');
export const DEMO_PASSWORD = 'Fazhi@2026';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface TestServer {
  url: string;
  port: number;
  dataDir: string;
  /** everything the server printed, for failure messages */
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts `fazhi serve --demo` on a free port with its own database; resolves once /healthz answers. */
export async function startServer(opts: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<TestServer> {
  if (!existsSync(join(ROOT, 'dist/web/index.html'))) throw new Error('dist/web/index.html 不存在：请先运行 npx vite build --config web/vite.config.ts');
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'fazhi-e2e-'));
  let out = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--demo'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: join(dataDir, 'fazhi.db'),
      FAZHI_DATA_DIR: dataDir,
      FAZHI_LOG_LEVEL: 'warn',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => child.on('exit', () => ((exited = true), resolve())));

  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exitedPromise;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (exited) {
      await stop();
      throw new Error(`服务启动失败：\n${out}`);
    }
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return { url, port, dataDir, output: () => out, stop };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`服务在规定时间内未就绪：\n${out}`);
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A fresh context (own cookies) with a desktop viewport and Chinese locale. */
export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  context.setDefaultTimeout(30_000); // CI machines are slower than a desk; every wait still ends on a visible state
  const page = await context.newPage();
  return { context, page };
}

/** Writes e2e/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  // let antd's enter/leave motions finish so the picture shows the settled page
  await page.waitForFunction('document.getAnimations().every((a) => a.playState !== "running")', undefined, { timeout: 5000 }).catch(() => undefined);
  await page.screenshot({ path, fullPage: opts.fullPage ?? false, animations: 'disabled' });
  return path;
}

/** Signs in through the login form and waits for the 工作台. */
export async function login(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/auth/login') && r.request().method() === 'POST'),
    page.getByRole('button', { name: /登\s*录/ }).click(),
  ]);
  await page.getByRole('navigation', { name: '主导航' }).waitFor();
}

/**
 * The shared set-up of a browser suite: a demo server, Chromium and a scratch directory, started
 * before the suite's tests and removed after them. Read the fields inside tests (they are filled in `before`).
 */
export function browserSuite(prefix: string, opts: { env?: Record<string, string> } = {}): { server: TestServer; browser: Browser; dir: string } {
  const s = {} as { server: TestServer; browser: Browser; dir: string };
  before(async () => {
    s.dir = mkdtempSync(join(tmpdir(), prefix));
    s.server = await startServer({ env: opts.env });
    s.browser = await launchBrowser();
  });
  after(async () => {
    await s.browser?.close();
    await s.server?.stop();
    if (s.dir) rmSync(s.dir, { recursive: true, force: true });
  });
  return s;
}

/** Calls the API with a page's session (and its CSRF token), failing the test on any error answer. */
export async function apiCall<T>(req: APIRequestContext, base: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const r = await apiResult<T>(req, base, method, path, body);
  assert.ok(r.status >= 200 && r.status < 300, `${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Calls the API like apiCall, but answers the status and body whatever they are (to check a refusal). */
export async function apiResult<T>(req: APIRequestContext, base: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const me = await req.get(`${base}/api/auth/me`);
  const csrf = ((await me.json()) as { csrfToken: string }).csrfToken;
  const res = method === 'GET' ? await req.get(`${base}${path}`) : await req.post(`${base}${path}`, { data: body ?? {}, headers: { 'x-csrf-token': csrf } });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON: the text itself */
  }
  return { status: res.status(), body: parsed as T };
}

/**
 * Opens a page from the main navigation: the item `label`, unfolding its group first (the submenu whose
 * title ends with `group`, e.g. 督察考核) when the item is hidden, then waits for `url`.
 */
export async function openMenu(page: Page, group: string, label: string, url: string | RegExp): Promise<void> {
  const nav = page.getByRole('navigation', { name: '主导航' });
  const item = nav.getByRole('menuitem', { name: label, exact: true });
  if (!(await item.isVisible())) {
    await nav.getByRole('menuitem', { name: new RegExp(`${group}$`) }).click();
    await item.waitFor();
    // let the submenu finish opening: a click during its motion can land on nothing
    await page.waitForFunction('document.getAnimations().every((a) => a.playState !== "running")');
  }
  await Promise.all([page.waitForURL(url), item.click()]);
}
