import { z } from 'zod';
import { resolve } from 'node:path';

/**
 * Configuration comes from the environment and is validated once at start-up; a bad value stops
 * the server with a message naming the variable. Defaults serve the demo.
 */
const bool = (def: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return def;
      if (['1', 'true', 'yes', 'on'].includes(v.toLowerCase())) return true;
      if (['0', 'false', 'no', 'off'].includes(v.toLowerCase())) return false;
      ctx.addIssue({ code: 'custom', message: '应为 1 或 0' });
      return z.NEVER;
    });

const EnvSchema = z.object({
  PORT: z.coerce.number({ message: '应为端口号' }).int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().min(1).default('./data/fazhi.db'),
  FAZHI_DATA_DIR: z.string().min(1).default('./data'),
  FAZHI_DEMO: bool(true),
  FAZHI_DEMO_HISTORY: bool(true),
  FAZHI_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  FAZHI_SESSION_DAYS: z.coerce.number().positive().default(7),
  FAZHI_BODY_LIMIT_MB: z.coerce.number().positive().default(2),
  FAZHI_UPLOAD_LIMIT_MB: z.coerce.number().positive().default(50),
  FAZHI_SECURE_COOKIE: bool(false),
  FAZHI_TRUST_PROXY: bool(false),
  FAZHI_SCHEDULER: bool(true),
  FAZHI_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, '应为 smtp://用户:密码@主机:端口 或 smtps://…')
    .optional(),
  FAZHI_MAIL_FROM: z.string().min(3).default('法治政府建设工作平台 <fazhi@localhost>'),
  FAZHI_PUBLIC_URL: z.url({ message: '应为网址，例如 https://fazhi.example.gov.cn' }).optional(),
});

export interface Config {
  port: number;
  host: string;
  /** a SQLite file path (absolute) or a postgres:// URL */
  databaseUrl: string;
  dataDir: string;
  demo: boolean;
  /** the demo county's quarters of progress reports (off: the plan and accounts only, every period unreported) */
  demoHistory: boolean;
  logLevel: string;
  sessionDays: number;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  secureCookie: boolean;
  trustProxy: boolean;
  /** run the daily supervision rules (and the notification sender) in this process */
  scheduler: boolean;
  /** SMTP server for email notifications; null: email is recorded but not sent */
  smtpUrl: string | null;
  mailFrom: string;
  /** the address users reach the platform at, for links in email and robot messages */
  publicUrl: string | null;
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const r = EnvSchema.safeParse(env);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${String(i.path[0])}：${i.message}（当前值：${JSON.stringify(env[String(i.path[0])])}）`);
    throw new ConfigError(`配置有误，请修正以下环境变量后重新启动：\n${lines.join('\n')}`);
  }
  const e = r.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: normalizeDatabaseUrl(e.DATABASE_URL),
    dataDir: resolve(e.FAZHI_DATA_DIR),
    demo: e.FAZHI_DEMO,
    demoHistory: e.FAZHI_DEMO_HISTORY,
    logLevel: e.FAZHI_LOG_LEVEL,
    sessionDays: e.FAZHI_SESSION_DAYS,
    bodyLimitBytes: Math.round(e.FAZHI_BODY_LIMIT_MB * 1024 * 1024),
    uploadLimitBytes: Math.round(e.FAZHI_UPLOAD_LIMIT_MB * 1024 * 1024),
    secureCookie: e.FAZHI_SECURE_COOKIE,
    trustProxy: e.FAZHI_TRUST_PROXY,
    scheduler: e.FAZHI_SCHEDULER,
    smtpUrl: e.FAZHI_SMTP_URL ?? null,
    mailFrom: e.FAZHI_MAIL_FROM,
    publicUrl: e.FAZHI_PUBLIC_URL ?? null,
  };
}

/** `file:` prefixes are accepted for SQLite; relative paths resolve against the working directory. */
export function normalizeDatabaseUrl(url: string): string {
  if (/^postgres(ql)?:\/\//.test(url)) return url;
  const path = url.replace(/^file:(\/\/)?/, '');
  return path === ':memory:' ? path : resolve(path);
}
