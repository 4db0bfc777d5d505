/**
 * A small load generator over loopback: `clients` concurrent loops sharing `total` requests. With
 * thinkMs = 0 it is a closed loop (each client fires as soon as its answer arrives: latency then
 * measures queueing, p95 ≈ clients ÷ throughput); with thinkMs > 0 each client pauses like a person
 * between requests, which is how 50 people at their desks load the server.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { percentile } from './harness.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Starts `fazhi serve` in a child process and waits for /healthz. BENCH_CPU_PROF=DIR writes the server's CPU profile there. */
export async function startServerProcess(env: Record<string, string>): Promise<{ base: string; stop(): Promise<void> }> {
  const port = await freePort();
  const root = new URL('..', import.meta.url).pathname;
  const child = spawn(process.execPath, [...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), '--import', 'tsx', 'src/cli/main.ts', 'serve', '--no-demo'], { cwd: root, env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (i > 300) throw new Error('server did not start within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface LoadResult {
  p50: number;
  p95: number;
  rps: number;
  errors: number;
}

export async function closedLoop(total: number, clients: number, request: (i: number) => Promise<Response>, thinkMs = 0): Promise<LoadResult> {
  const times: number[] = [];
  let errors = 0;
  let next = 0;
  const t0 = performance.now();
  const loop = async () => {
    while (next < total) {
      const i = next++;
      const s = performance.now();
      const res = await request(i);
      await res.arrayBuffer();
      times.push(performance.now() - s);
      if (res.status !== 200) errors++;
      // jitter the pauses so the clients do not march in step
      if (thinkMs > 0) await new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random())));
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
  const secs = (performance.now() - t0) / 1000;
  return { p50: percentile(times, 50), p95: percentile(times, 95), rps: total / secs, errors };
}

/** Logs in and returns the session cookie. */
export async function login(base: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}

/** Runs a `fazhi` command in a child process and returns what it printed. */
export function runCli(args: string[], env: Record<string, string>): string {
  const root = new URL('..', import.meta.url).pathname;
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`fazhi ${args[0]} failed: ${r.stderr}`);
  return r.stdout;
}
