import { z } from 'zod';

const positiveInt = (name: string, fallback: number): z.ZodType<number> =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int({ error: `${name} must be a whole number` })
    .positive({ error: `${name} must be greater than 0` })
    .default(fallback);

const boolFlag = (fallback: boolean): z.ZodType<boolean> =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

const configSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, { error: 'DATABASE_URL must start with postgres:// or postgresql://' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  PORT: z.coerce
    .number({ error: 'PORT must be a number' })
    .int({ error: 'PORT must be a whole number' })
    .min(0, { error: 'PORT must be between 0 and 65535' })
    .max(65535, { error: 'PORT must be between 0 and 65535' })
    .default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PUBLIC_BASE_URL: z
    .url({ error: 'PUBLIC_BASE_URL must be a full URL such as https://signpost.example.nhs.uk' })
    .optional(),
  TRUST_PROXY: boolFlag(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TENANT_SLUG: z
    .string()
    .regex(/^[a-z0-9-]{2,40}$/, { error: 'TENANT_SLUG must be 2-40 lower-case letters, digits or hyphens' })
    .default('demo-pcn'),
  SEED_DEMO: boolFlag(true),
  CAPACITY_STALE_DAYS: positiveInt('CAPACITY_STALE_DAYS', 14),
  LISTING_STALE_DAYS: positiveInt('LISTING_STALE_DAYS', 183),
  DB_POOL_SIZE: positiveInt('DB_POOL_SIZE', 10),
  DB_STATEMENT_TIMEOUT_MS: positiveInt('DB_STATEMENT_TIMEOUT_MS', 15000),
});

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  publicBaseUrl: string;
  /** Believe X-Forwarded-* headers: only behind a reverse proxy that sets them. */
  trustProxy: boolean;
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  tenantSlug: string;
  seedDemo: boolean;
  capacityStaleDays: number;
  listingStaleDays: number;
  dbPoolSize: number;
  dbStatementTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates configuration from environment variables.
 * @param env - the environment (normally `process.env`)
 * @returns the validated configuration; throws ConfigError naming every bad variable
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        return issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    port: e.PORT,
    host: e.HOST,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    tenantSlug: e.TENANT_SLUG,
    seedDemo: e.SEED_DEMO,
    capacityStaleDays: e.CAPACITY_STALE_DAYS,
    listingStaleDays: e.LISTING_STALE_DAYS,
    dbPoolSize: e.DB_POOL_SIZE,
    dbStatementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
  };
}
