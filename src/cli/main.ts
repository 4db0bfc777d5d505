import { Command, CommanderError } from 'commander';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../server/config.ts';
import { openAndMigrate, printBanner, startServer } from '../server/runtime.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { openDatabase } from '../db/client.ts';
import { systemActor, type ServiceContext } from '../services/context.ts';
import { createUser, findUserIdByUsername, resetPassword } from '../services/users.ts';
import { regionsRepo } from '../db/repositories/regions.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import { systemClock } from '../shared/clock.ts';
import { AppError, isAppError } from '../shared/errors.ts';
import { ROLES, type Role } from '../shared/enums.ts';
import { VERSION } from '../shared/version.ts';
import { registerParseCommand } from './parse.ts';
import { generateCounty } from '../services/demo-generate.ts';

/** `fazhi` commands: thin wrappers over the services, the same ones the HTTP API calls. */
const program = new Command();
program.name('fazhi').description('fazhi 法治政府建设管理平台').version(VERSION, '-v, --version', '显示版本号').helpOption('-h, --help', '显示帮助');
program.configureOutput({ outputError: (s, write) => write(s) });

function config() {
  return loadConfig(process.env);
}

async function withContext<T>(fn: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  const handle = await openAndMigrate(config());
  try {
    return await fn({ db: handle.db, clock: systemClock, actor: systemActor('命令行') });
  } finally {
    await handle.close();
  }
}

program
  .command('serve')
  .description('启动平台（自动迁移数据库；--demo 在空库中载入演示数据）')
  .option('--demo', '在空数据库中载入演示数据（默认跟随 FAZHI_DEMO，缺省为 1）')
  .option('--no-demo', '不载入演示数据')
  .action(async (opts: { demo?: boolean }) => {
    const env = { ...process.env };
    if (opts.demo === false) env.FAZHI_DEMO = '0';
    const cfg = loadConfig(env);
    const running = await startServer(cfg);
    printBanner(running, cfg);
    const stop = async () => {
      await running.stop();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('migrate')
  .description('把数据库结构升级到最新版本')
  .action(async () => {
    const handle = openDatabase(config().databaseUrl);
    try {
      const r = await migrateToLatest(handle.db);
      console.log(r.applied.length ? `已执行迁移：${r.applied.join('、')}` : '数据库已是最新版本');
    } finally {
      await handle.close();
    }
  });

const user = program.command('user').description('账号管理');
user
  .command('add')
  .description('新建账号（未给密码时生成临时密码，首次登录须修改）')
  .requiredOption('-u, --username <name>', '用户名')
  .requiredOption('-n, --name <displayName>', '姓名')
  .requiredOption('-r, --role <role>', `角色：${ROLES.join(' | ')}`)
  .option('--region <name>', '所属地区名称（系统管理员可省略）')
  .option('--unit <name>', '所属单位（全称或别名；单位联络员必填）')
  .option('-p, --password <password>', '初始密码')
  .action(async (o: { username: string; name: string; role: string; region?: string; unit?: string; password?: string }) => {
    if (!ROLES.includes(o.role as Role)) throw new AppError('VALIDATION', `角色应为：${ROLES.join('、')}`);
    await withContext(async (ctx) => {
      const region = o.region ? (await regionsRepo.list(ctx.db)).find((r) => r.name === o.region) : undefined;
      if (o.region && !region) throw new AppError('NOT_FOUND', `地区「${o.region}」不存在`);
      let unitId: string | null = null;
      if (o.unit) {
        if (!region) throw new AppError('VALIDATION', '指定单位时须同时指定 --region');
        const unit = (await unitsRepo.findByName(ctx.db, region.id, o.unit)) ?? (await unitsRepo.findAlias(ctx.db, region.id, o.unit).then((a) => (a ? unitsRepo.findById(ctx.db, a.unit_id) : undefined)));
        if (!unit) throw new AppError('NOT_FOUND', `单位「${o.unit}」不在${region.name}的名录中`);
        unitId = unit.id;
      }
      const r = await createUser(ctx, { username: o.username, displayName: o.name, role: o.role as Role, regionId: region?.id ?? null, unitId, password: o.password });
      console.log(`已创建账号 ${r.user.username}（${r.user.roleLabel}）`);
      if (r.temporaryPassword) console.log(`临时密码：${r.temporaryPassword}（首次登录须修改）`);
    });
  });
user
  .command('reset-password')
  .description('重置密码：生成临时密码，注销该账号所有登录，首次登录须修改')
  .argument('<username>', '用户名')
  .action(async (username: string) => {
    await withContext(async (ctx) => {
      const temp = await resetPassword(ctx, await findUserIdByUsername(ctx, username));
      console.log(`已重置 ${username} 的密码。临时密码：${temp}`);
    });
  });

program
  .command('backup')
  .description('在线备份 SQLite 数据库（PostgreSQL 请使用 pg_dump）')
  .option('-o, --out <file>', '备份文件路径（默认 data/backups/fazhi-时间.db）')
  .action(async (o: { out?: string }) => {
    const cfg = config();
    const handle = openDatabase(cfg.databaseUrl);
    try {
      if (handle.dialect !== 'sqlite' || !handle.sqlite) {
        throw new AppError('UNSUPPORTED', 'PostgreSQL 数据库请使用 pg_dump 备份，例如：pg_dump "$DATABASE_URL" -Fc -f fazhi.dump');
      }
      const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
      const out = o.out ?? join(cfg.dataDir, 'backups', `fazhi-${stamp}.db`);
      mkdirSync(join(out, '..'), { recursive: true });
      // better-sqlite3's backup uses SQLite's online backup API: consistent while the server runs
      await handle.sqlite.backup(out);
      console.log(`已备份到 ${out}`);
    } finally {
      await handle.close();
    }
  });

registerParseCommand(program);

program
  .command('generate')
  .description('生成县级规模的演示数据（60 个单位、150 项任务、20 个季度的报送），用于体验和基准测试')
  .option('--units <n>', '单位数', '60')
  .option('--tasks <n>', '任务数', '150')
  .option('--today <date>', '以哪一天为“今天”生成已过去各期的报送', '2025-11-20')
  .option('-p, --password <password>', '生成账号的密码', 'Fazhi@2026')
  .action(async (o: { units: string; tasks: string; today: string; password: string }) => {
    await withContext(async (ctx) => {
      const g = await generateCounty(ctx.db, { today: o.today, password: o.password, units: Number(o.units), tasks: Number(o.tasks) });
      console.log(`已生成：${g.unitIds.length} 个单位、${g.taskIds.length} 项任务、${g.reports} 份报送。`);
      console.log(`依法治办账号 ${g.office}，联络员账号 ${g.liaisons[0]} … ${g.liaisons[g.liaisons.length - 1]}，密码 ${o.password}`);
    });
  });

program
  .command('version')
  .description('显示版本号')
  .action(() => console.log(`fazhi ${VERSION}`));


try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) process.exit(e.exitCode);
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(2);
  }
  if (isAppError(e)) {
    console.error(`错误：${e.message}`);
    for (const d of e.details) console.error(`  ${d.field ? `${d.field}：` : ''}${d.message}`);
    process.exit(2);
  }
  throw e;
}
