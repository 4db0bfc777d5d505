import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalBlobStore } from '../db/blob-store.ts';
import { openDatabase, type DbHandle } from '../db/client.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { systemActor } from '../services/context.ts';
import { DEMO_PASSWORD, loadDemo, type DemoAccount, type DemoRegion } from '../services/demo.ts';
import { systemClock, type Clock } from '../shared/clock.ts';
import { buildApp, type App } from './app.ts';
import type { Config } from './config.ts';
import { startScheduler } from '../services/scheduler.ts';
import { startDeliveryWorker, type Channels } from '../services/deliveries.ts';
import { smtpSender } from '../notify/email.ts';
import { httpWebhookSender } from '../notify/webhook.ts';
import { loadCalendar as loadDbCalendar } from '../services/work-calendar.ts';

/** Opens the configured database and brings its schema up to date. */
export async function openAndMigrate(config: Pick<Config, 'databaseUrl'>): Promise<DbHandle> {
  const handle = openDatabase(config.databaseUrl);
  await migrateToLatest(handle.db);
  return handle;
}

export function readDemoRegions(root = process.cwd()): DemoRegion[] {
  return (JSON.parse(readFileSync(join(root, 'data/demo/regions.json'), 'utf8')) as { regions: DemoRegion[] }).regions;
}

export interface Running {
  app: App;
  handle: DbHandle;
  url: string;
  demoAccounts: DemoAccount[] | null;
  stop(): Promise<void>;
}

/** Everything `fazhi serve` does: open, migrate, load the demo on an empty database, listen. */
export async function startServer(config: Config, opts: { clock?: Clock; webDir?: string } = {}): Promise<Running> {
  const clock = opts.clock ?? systemClock;
  const handle = await openAndMigrate(config);
  const demoAccounts = config.demo
    ? await loadDemo({ db: handle.db, clock, actor: systemActor('演示数据'), blobs: new LocalBlobStore(join(config.dataDir, 'files')) }, readDemoRegions(), (f) => new Uint8Array(readFileSync(join(process.cwd(), 'data/plans', f))), { history: config.demoHistory })
    : null;
  // read from the database on every use (a few rows): an admin's save on any server counts at once
  const loadCalendar = async () => loadDbCalendar(handle.db, clock);
  const channels: Channels = { email: config.smtpUrl ? smtpSender(config.smtpUrl, config.mailFrom) : null, webhook: httpWebhookSender(), publicUrl: config.publicUrl };
  const worker: { kick: () => void; stop: () => Promise<void> } = { kick: () => undefined, stop: async () => undefined };
  const app = await buildApp({ config, handle, clock, webDir: opts.webDir, loadCalendar, kickDeliveries: () => worker.kick() });
  await app.listen({ port: config.port, host: config.host });
  // the daily supervision rules: a catch-up now, then every few minutes (a day runs once per region)
  const stopScheduler = config.scheduler ? startScheduler({ db: handle.db, clock, loadCalendar }, app.log) : async () => undefined;
  // the notification sender: email and robots from the outbox, with retries
  if (config.scheduler) Object.assign(worker, startDeliveryWorker({ db: handle.db, clock, channels }, app.log));
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  return {
    app,
    handle,
    url,
    demoAccounts,
    async stop() {
      await stopScheduler();
      await worker.stop();
      channels.email?.close();
      await app.close();
      await handle.close();
    },
  };
}

export function printBanner(r: Running, config: Config, log: (s: string) => void = console.log): void {
  log('');
  log(`fazhi 法治政府建设管理平台已启动：${r.url}`);
  log(`数据库：${r.handle.dialect === 'sqlite' ? config.databaseUrl : 'PostgreSQL'}　文件目录：${config.dataDir}`);
  if (config.demo) {
    log('');
    log(`演示账号（密码均为 ${DEMO_PASSWORD}）：`);
    log('  admin                 系统管理员（全部地区）');
    for (const slug of ['xifeng', 'minquan', 'anning', 'biyang', 'suixi']) {
      log(`  ${`${slug}.office`.padEnd(20)}  依法治办　　${`${slug}.liaison`.padEnd(17)} 单位联络员　${`${slug}.leader`.padEnd(15)} 领导　${slug}.inspector 督察考核`);
    }
    if (r.demoAccounts === null) log('  （数据库已有数据，未重新载入演示数据；删除 data/fazhi.db 可重建）');
  }
  log('');
}

