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

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

// The messages never quote the value: NOTIFY_API_KEY is a secret.
const notifyTemplateId = (name: string): z.ZodType<string | undefined> =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^${UUID}$`, 'i'), {
      error: `${name} must be the id of a GOV.UK Notify template (a UUID)`,
    })
    .optional()
    .or(z.literal('').transform(() => undefined));

const configSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, { error: 'DATABASE_URL must start with postgres:// or postgresql://' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MIGRATION_DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, {
      error: 'MIGRATION_DATABASE_URL must start with postgres:// or postgresql://',
    })
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
  SESSION_SECRET: z
    .string()
    .min(32, { error: 'SESSION_SECRET must be at least 32 characters (e.g. `openssl rand -hex 32`)' })
    .optional(),
  SESSION_IDLE_MINUTES: positiveInt('SESSION_IDLE_MINUTES', 30),
  SESSION_ABSOLUTE_HOURS: positiveInt('SESSION_ABSOLUTE_HOURS', 12),
  SESSION_COOKIE_SECURE: boolFlag(true),
  SIGNIN_MAX_FAILURES: positiveInt('SIGNIN_MAX_FAILURES', 5),
  SIGNIN_LOCKOUT_MINUTES: positiveInt('SIGNIN_LOCKOUT_MINUTES', 15),
  FORM_RATE_LIMIT_PER_MINUTE: positiveInt('FORM_RATE_LIMIT_PER_MINUTE', 10),
  SMTP_URL: z
    .string()
    .trim()
    .regex(/^smtps?:\/\//, { error: 'SMTP_URL must start with smtp:// or smtps://' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MAIL_FROM: z.string().trim().min(3).default('Signpost <no-reply@signpost.invalid>'),
  NOTIFY_API_KEY: z
    .string()
    .trim()
    .regex(new RegExp(`^\\S+-${UUID}-${UUID}$`, 'i'), {
      error:
        'NOTIFY_API_KEY must be a GOV.UK Notify API key: key name, service id and secret (name-<uuid>-<uuid>)',
    })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  NOTIFY_BASE_URL: z
    .url({
      protocol: /^https?$/,
      error: 'NOTIFY_BASE_URL must be a full URL such as https://api.notifications.service.gov.uk',
    })
    .default('https://api.notifications.service.gov.uk'),
  NOTIFY_SMS_TEMPLATE_ID: notifyTemplateId('NOTIFY_SMS_TEMPLATE_ID'),
  NOTIFY_EMAIL_TEMPLATE_ID: notifyTemplateId('NOTIFY_EMAIL_TEMPLATE_ID'),
  OIDC_ISSUER: z.url({ error: 'OIDC_ISSUER must be the issuer URL of the OpenID provider' }).optional(),
  OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_SCOPES: z.string().trim().min(1).default('openid profile email'),
  OIDC_EMAIL_CLAIM: z.string().trim().min(1).default('email'),
  OIDC_NAME_CLAIM: z.string().trim().min(1).default('name'),
  OIDC_LABEL: z.string().trim().min(1).default('Sign in with NHS Care Identity'),
});

export interface Config {
  databaseUrl: string | undefined;
  /**
   * The schema owner's PostgreSQL URL, for migrations only. Set it (and DATABASE_URL to a role without
   * ownership) so that row-level security and the append-only audit grants bind the application.
   */
  migrationDatabaseUrl: string | undefined;
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
  /** Signs cookies. Unset: a random secret per start (sessions survive, sign-in forms in flight do not). */
  sessionSecret: string | undefined;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Secure cookies (`__Host-` prefix). Browsers accept them on http://localhost too. */
  sessionCookieSecure: boolean;
  signinMaxFailures: number;
  signinLockoutMinutes: number;
  /** Sign-in and public form posts allowed per client address per minute. */
  formRateLimitPerMinute: number;
  /** smtp:// or smtps:// URL; unset, email stays in the outbox and admins see a banner. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** GOV.UK Notify: text messages, and email too when SMTP_URL is unset. Unset, text messages stay queued. */
  notify: NotifyConfig | undefined;
  /** OpenID Connect sign-in (e.g. NHS CIS2); all three of issuer, client id and secret, or none. */
  oidc: OidcConfig | undefined;
}

export interface NotifyConfig {
  /** `name-<service id>-<secret>`, as Notify shows it once. A secret: never log it. */
  apiKey: string;
  /** Without a trailing slash. */
  baseUrl: string;
  /** A text message template whose whole content is `((body))`. */
  smsTemplateId: string;
  /** An email template with subject `((subject))` and content `((body))`; used only without SMTP_URL. */
  emailTemplateId: string | undefined;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  emailClaim: string;
  nameClaim: string;
  label: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function isLoopbackUrl(url: URL): boolean {
  return (
    url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname)
  );
}

function readNotifyConfig(e: z.infer<typeof configSchema>): NotifyConfig | undefined {
  const baseUrl = new URL(e.NOTIFY_BASE_URL);
  if (baseUrl.protocol !== 'https:' && !isLoopbackUrl(baseUrl)) {
    throw new ConfigError(['NOTIFY_BASE_URL must use https:// (http:// only for a server on this machine)']);
  }
  if (e.NOTIFY_API_KEY === undefined) {
    if (e.NOTIFY_SMS_TEMPLATE_ID !== undefined || e.NOTIFY_EMAIL_TEMPLATE_ID !== undefined) {
      throw new ConfigError(['NOTIFY_SMS_TEMPLATE_ID and NOTIFY_EMAIL_TEMPLATE_ID need NOTIFY_API_KEY']);
    }
    return undefined;
  }
  if (e.NOTIFY_SMS_TEMPLATE_ID === undefined) {
    throw new ConfigError([
      'NOTIFY_API_KEY needs NOTIFY_SMS_TEMPLATE_ID: the id of a Notify text message template whose content is ((body))',
    ]);
  }
  return {
    apiKey: e.NOTIFY_API_KEY,
    baseUrl: e.NOTIFY_BASE_URL.replace(/\/+$/, ''),
    smsTemplateId: e.NOTIFY_SMS_TEMPLATE_ID,
    emailTemplateId: e.NOTIFY_EMAIL_TEMPLATE_ID,
  };
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
  const oidcParts = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET];
  if (oidcParts.some((v) => v !== undefined) && oidcParts.some((v) => v === undefined)) {
    throw new ConfigError([
      'OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together (or none of them)',
    ]);
  }
  if (e.MIGRATION_DATABASE_URL !== undefined && e.DATABASE_URL === undefined) {
    throw new ConfigError(['MIGRATION_DATABASE_URL needs DATABASE_URL (the embedded database has one user)']);
  }
  return {
    databaseUrl: e.DATABASE_URL,
    migrationDatabaseUrl: e.MIGRATION_DATABASE_URL,
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
    sessionSecret: e.SESSION_SECRET,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    sessionCookieSecure: e.SESSION_COOKIE_SECURE,
    signinMaxFailures: e.SIGNIN_MAX_FAILURES,
    signinLockoutMinutes: e.SIGNIN_LOCKOUT_MINUTES,
    formRateLimitPerMinute: e.FORM_RATE_LIMIT_PER_MINUTE,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    notify: readNotifyConfig(e),
    oidc:
      e.OIDC_ISSUER !== undefined && e.OIDC_CLIENT_ID !== undefined && e.OIDC_CLIENT_SECRET !== undefined
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            scopes: e.OIDC_SCOPES,
            emailClaim: e.OIDC_EMAIL_CLAIM,
            nameClaim: e.OIDC_NAME_CLAIM,
            label: e.OIDC_LABEL,
          }
        : undefined,
  };
}
