import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('uses the embedded database and port 3000 by default', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe('./data');
    expect(config.publicBaseUrl).toBe('http://localhost:3000');
  });

  it('names every bad variable with a clear reason', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', CAPACITY_STALE_DAYS: '-3' });
      expect.fail('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT must be a number');
      expect(problems).toContain('DATABASE_URL must start with postgres://');
      expect(problems).toContain('CAPACITY_STALE_DAYS must be greater than 0');
    }
  });

  it.each([
    ['true', true],
    ['0', false],
  ])('reads SEED_DEMO=%s as %s', (value, expected) => {
    expect(loadConfig({ SEED_DEMO: value }).seedDemo).toBe(expected);
  });
});

describe('loadConfig: GOV.UK Notify', () => {
  const SERVICE = '26785a09-ab16-4eb0-8407-a37497a57506';
  const SECRET = '3d844edf-8d35-48ac-975b-e847b4f122b0';
  const KEY = `signpost_live-${SERVICE}-${SECRET}`;
  const TEMPLATE = 'f33517ff-2a88-4f6e-b855-c550268ce08a';

  function problemsOf(env: Record<string, string>): string[] {
    try {
      loadConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) {
        return error.problems;
      }
      throw error;
    }
    return expect.fail('expected a ConfigError');
  }

  it('is off without NOTIFY_API_KEY, and reads the key, base URL and template ids when set', () => {
    expect(loadConfig({}).notify).toBeUndefined();
    expect(loadConfig({ NOTIFY_API_KEY: '' }).notify).toBeUndefined();
    expect(loadConfig({ NOTIFY_API_KEY: ` ${KEY} `, NOTIFY_SMS_TEMPLATE_ID: TEMPLATE }).notify).toEqual({
      apiKey: KEY,
      baseUrl: 'https://api.notifications.service.gov.uk',
      smsTemplateId: TEMPLATE,
      emailTemplateId: undefined,
    });
    expect(
      loadConfig({
        NOTIFY_API_KEY: KEY,
        NOTIFY_SMS_TEMPLATE_ID: TEMPLATE,
        NOTIFY_EMAIL_TEMPLATE_ID: SERVICE,
        NOTIFY_BASE_URL: 'http://127.0.0.1:6011/',
      }).notify,
    ).toMatchObject({ baseUrl: 'http://127.0.0.1:6011', emailTemplateId: SERVICE });
  });

  it('refuses a malformed key without repeating it', () => {
    const problems = problemsOf({
      NOTIFY_API_KEY: `${SERVICE}-not-a-secret`,
      NOTIFY_SMS_TEMPLATE_ID: TEMPLATE,
    });
    expect(problems).toEqual([
      'NOTIFY_API_KEY must be a GOV.UK Notify API key: key name, service id and secret (name-<uuid>-<uuid>)',
    ]);
    expect(problems.join()).not.toContain(SERVICE);
  });

  it.each([
    [{ NOTIFY_API_KEY: KEY }, 'NOTIFY_API_KEY needs NOTIFY_SMS_TEMPLATE_ID'],
    [
      { NOTIFY_SMS_TEMPLATE_ID: TEMPLATE },
      'NOTIFY_SMS_TEMPLATE_ID and NOTIFY_EMAIL_TEMPLATE_ID need NOTIFY_API_KEY',
    ],
    [
      { NOTIFY_API_KEY: KEY, NOTIFY_SMS_TEMPLATE_ID: 'sms-template' },
      'NOTIFY_SMS_TEMPLATE_ID must be the id of',
    ],
    [{ NOTIFY_BASE_URL: 'api.notifications.service.gov.uk' }, 'NOTIFY_BASE_URL must be a full URL'],
    [{ NOTIFY_BASE_URL: 'http://notify.example.org' }, 'NOTIFY_BASE_URL must use https://'],
  ])('explains %o', (env, problem) => {
    expect(problemsOf(env).join('\n')).toContain(problem);
  });
});
