import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The folder holding package.json, whatever the working directory. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The platform's configuration, parsed once from the environment at start and frozen.
 * Nothing else in the code reads process.env (a lint rule enforces it).
 */
const boolish = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  GOA_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  GOA_DEMO: boolish.default(true),
  GOA_TIME_ZONE: z.string().default('Asia/Shanghai'),
  GOA_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GOA_SESSION_HOURS: z.coerce.number().positive().default(12),
  GOA_AUTH_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(3000),
  GOA_COOKIE_SECURE: boolish.default(false),
  GOA_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  GOA_LOGIN_LOCK_MINUTES: z.coerce.number().positive().default(15),
  GOA_BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  GOA_FILE_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1_048_576),
  GOA_FILE_TYPES: z
    .string()
    .default(
      'image/png,image/jpeg,image/webp,application/pdf,text/plain,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ),
  GOA_FILES_DIR: z.string().optional(),
  GOA_JOBS: boolish.default(true),
  GOA_JOB_POLL_MS: z.coerce.number().int().positive().default(1000),
  GOA_WEB_DIST: z.string().optional(),
  GOA_PUBLIC_URL: z.url().optional(),
  GOA_NOTIFY_WECOM_WEBHOOK: z.url().optional(),
  GOA_NOTIFY_DINGTALK_WEBHOOK: z.url().optional(),
  GOA_NOTIFY_DINGTALK_SECRET: z.string().min(1).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL must start with smtp:// or smtps://')
    .optional(),
  GOA_MAIL_FROM: z.string().default('goa <noreply@goa.localhost>'),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly poolSize: number;
  readonly demo: boolean;
  readonly timeZone: string;
  readonly logLevel: string;
  readonly sessionHours: number;
  readonly authCacheMs: number;
  readonly cookieSecure: boolean;
  readonly loginMaxFailures: number;
  readonly loginLockMinutes: number;
  readonly bodyLimitBytes: number;
  readonly fileMaxBytes: number;
  readonly fileTypes: readonly string[];
  readonly filesDir: string;
  readonly jobs: boolean;
  readonly jobPollMs: number;
  readonly webDist: string;
  /** where users reach the platform; links in chat and mail notifications start with it */
  readonly publicUrl: string;
  /** notifications beyond in-app: each channel is on when configured */
  readonly notify: {
    readonly wecomWebhook: string | undefined;
    readonly dingtalkWebhook: string | undefined;
    readonly dingtalkSecret: string | undefined;
    readonly smtpUrl: string | undefined;
    readonly mailFrom: string;
  };
  /**
   * The variables business modules read (GOA_*, MQTT_URL, SMTP_URL, OSRM_URL), snapshotted here; each
   * module parses its own with `moduleConfig()` in its config.ts and documents them in the README.
   */
  readonly moduleEnv: Readonly<Record<string, string>>;
}

const MODULE_ENV = /^(GOA_\w+|MQTT_URL|SMTP_URL|OSRM_URL)$/;

/** A module's settings from `config.moduleEnv`, parsed by its zod schema; bad values stop the start. */
/**
 * The variables a configuration error names, one `  NAME: problem` line each — or null when `e` is no
 * configuration error. loadConfig and moduleConfig throw them as `Invalid configuration:` followed by
 * those lines (modules checking more than a schema do the same); the CLI prints them without a stack.
 */
export function configProblems(e: unknown): string[] | null {
  if (!(e instanceof Error) || !e.message.startsWith('Invalid configuration:')) return null;
  return e.message.split('\n').slice(1);
}

export function moduleConfig<T extends z.ZodType>(config: Config, schema: T): z.output<T> {
  const parsed = schema.safeParse(config.moduleEnv);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.GOA_DATA_DIR);
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    poolSize: e.DATABASE_POOL_SIZE,
    demo: e.GOA_DEMO,
    timeZone: e.GOA_TIME_ZONE,
    logLevel: e.GOA_LOG_LEVEL,
    sessionHours: e.GOA_SESSION_HOURS,
    authCacheMs: e.GOA_AUTH_CACHE_MS,
    cookieSecure: e.GOA_COOKIE_SECURE,
    loginMaxFailures: e.GOA_LOGIN_MAX_FAILURES,
    loginLockMinutes: e.GOA_LOGIN_LOCK_MINUTES,
    bodyLimitBytes: e.GOA_BODY_LIMIT_BYTES,
    fileMaxBytes: e.GOA_FILE_MAX_BYTES,
    fileTypes: Object.freeze(e.GOA_FILE_TYPES.split(',').map((s) => s.trim())),
    filesDir: path.resolve(e.GOA_FILES_DIR ?? path.join(dataDir, 'files')),
    jobs: e.GOA_JOBS,
    jobPollMs: e.GOA_JOB_POLL_MS,
    webDist: path.resolve(e.GOA_WEB_DIST ?? path.join(PACKAGE_ROOT, 'web/dist')),
    publicUrl: (e.GOA_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    notify: Object.freeze({
      wecomWebhook: e.GOA_NOTIFY_WECOM_WEBHOOK,
      dingtalkWebhook: e.GOA_NOTIFY_DINGTALK_WEBHOOK,
      dingtalkSecret: e.GOA_NOTIFY_DINGTALK_SECRET,
      smtpUrl: e.SMTP_URL,
      mailFrom: e.GOA_MAIL_FROM,
    }),
    moduleEnv: Object.freeze(
      Object.fromEntries(
        Object.entries(env).filter(
          (kv): kv is [string, string] => MODULE_ENV.test(kv[0]) && kv[1] !== undefined,
        ),
      ),
    ),
  });
}
