#!/usr/bin/env node
// `npm test`: checks what the suite needs (PostgreSQL, Chromium, CJK fonts), installs what it can,
// then runs every *.test.ts with node's test runner. Unit/service/API tests run first, browser
// flows (e2e/) after, so a broken build is reported before the slow part.
import { spawn, spawnSync, execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

const root = new URL('..', import.meta.url).pathname;
const isRoot = process.getuid?.() === 0;
const args = process.argv.slice(2);
const onlyArgs = args.filter((a) => !a.startsWith('--'));

function log(msg) { process.stderr.write(`[test] ${msg}\n`); }
function fail(msg) { log(msg); process.exit(1); }

function findTests(dir) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out.sort();
}

export const PG_ADMIN_URL = process.env.FAZHI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function pgReachable() {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try { await c.connect(); await c.query('select 1'); return true; } catch { return false; } finally { await c.end().catch(() => {}); }
}

async function ensurePostgres() {
  if (await pgReachable()) return;
  if (isRoot) {
    if (!existsSync('/etc/postgresql')) {
      log('PostgreSQL 未安装，正在用 apt-get 安装 postgresql …');
      execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql', { stdio: 'inherit' });
    }
    log('PostgreSQL 未运行，正在启动 …');
    spawnSync('sh', ['-c', 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql | head -1) main start'], { stdio: 'inherit' });
    for (let i = 0; i < 20 && !(await pgReachable()); i++) await new Promise((r) => setTimeout(r, 500));
    if (await pgReachable()) return;
  }
  fail(`无法连接 PostgreSQL（${PG_ADMIN_URL}）。数据层测试必须在 SQLite 和 PostgreSQL 上都运行。\n` +
    `请启动它：sudo pg_ctlcluster $(ls /etc/postgresql) main start ，或设置 FAZHI_TEST_PG_URL 指向一个可用的实例。`);
}

function ensureBrowser() {
  const haveChromium = existsSync('/usr/bin/chromium');
  const haveFonts = spawnSync('sh', ['-c', 'fc-list :lang=zh | grep -q .']).status === 0;
  if (haveChromium && haveFonts) return;
  const cmd = 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-noto-cjk';
  if (!isRoot) fail(`浏览器测试需要 Chromium 和中文字体。请运行：sudo sh -c '${cmd}'`);
  log('正在安装 Chromium 和中文字体（fonts-noto-cjk）…');
  const r = spawnSync('sh', ['-c', cmd], { stdio: 'inherit' });
  if (r.status !== 0) fail(`安装失败，请手动运行：${cmd}`);
}

function ensureWebBuild() {
  if (existsSync(join(root, 'dist/web/index.html')) && !process.env.CI) return;
  log('构建前端（vite build）…');
  const r = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) fail('前端构建失败');
}

const all = [...findTests(join(root, 'src')), ...findTests(join(root, 'test')), ...findTests(join(root, 'bench'))];
const e2e = findTests(join(root, 'e2e'));
let selected = onlyArgs.length ? [...all, ...e2e].filter((f) => onlyArgs.some((a) => f.includes(a))) : [...all, ...e2e];
if (selected.length === 0) fail('没有找到测试文件');

await ensurePostgres();
const needsBrowser = selected.some((f) => f.includes('/e2e/'));
if (needsBrowser) { ensureBrowser(); ensureWebBuild(); }

const env = { ...process.env, FAZHI_TEST_PG_URL: PG_ADMIN_URL, TZ: 'Asia/Shanghai', NODE_ENV: 'test', FAZHI_LOG_LEVEL: process.env.FAZHI_LOG_LEVEL ?? 'silent' };
const unit = selected.filter((f) => !f.includes('/e2e/'));
const browser = selected.filter((f) => f.includes('/e2e/'));
let status = 0;
const totals = { pass: 0, fail: 0 };
function runNodeTest(files, concurrency) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let tail = '';
    child.stdout.on('data', (buf) => { process.stdout.write(buf); tail = (tail + buf.toString()).slice(-4000); });
    child.on('close', (code) => {
      for (const key of ['pass', 'fail']) {
        const m = [...tail.matchAll(new RegExp(`^\\S*\\s*${key} (\\d+)$`, 'gm'))].pop();
        if (m) totals[key] += Number(m[1]);
      }
      resolve(code ?? 1);
    });
  });
}
for (const [files, concurrency] of [[unit, 2], [browser, 1]]) {
  if (!files.length) continue;
  const code = await runNodeTest(files, concurrency);
  if (code !== 0) status = code;
}
process.stdout.write(`\ntests: ${totals.pass} passed, ${totals.fail} failed\n`);
process.exit(status);
