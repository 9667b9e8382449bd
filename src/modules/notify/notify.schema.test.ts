import { describe, expect, it } from 'vitest';
import { validateEmailMessage, type EmailMessage } from './notify.schema.ts';

const valid = {
  to: 'ada.lovelace@example.nhs.uk',
  subject: 'Reset your Signpost password',
  text: 'Use this link to reset your password.',
  template: 'password-reset',
} satisfies EmailMessage;

describe('validateEmailMessage', () => {
  it('accepts a message, with or without an HTML body, and trims the address and subject', () => {
    expect(validateEmailMessage(valid)).toEqual({ ok: true, value: valid });
    expect(validateEmailMessage({ ...valid, html: '<p>Hi</p>' })).toEqual({
      ok: true,
      value: { ...valid, html: '<p>Hi</p>' },
    });
    expect(validateEmailMessage({ ...valid, to: '  ada@example.com ', subject: ' Hello ' })).toMatchObject({
      ok: true,
      value: { to: 'ada@example.com', subject: 'Hello' },
    });
  });

  it.each([
    ['an empty address', ''],
    ['no @', 'ada.example.com'],
    ['no domain', 'ada@'],
    ['no top-level domain', 'ada@localhost'],
    ['a display name', 'Ada <ada@example.com>'],
    ['two addresses', 'ada@example.com, bob@example.com'],
    ['two addresses with a semicolon', 'ada@example.com;bob@example.com'],
    ['a header injection', 'ada@example.com\r\nBcc: eve@example.com'],
    ['a space inside', 'ada lovelace@example.com'],
    ['more than 254 characters', `${'a'.repeat(64)}@${'b'.repeat(186)}.com`],
  ])('rejects %s', (_case, to) => {
    const result = validateEmailMessage({ ...valid, to });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.error.map((e) => e.field)).toEqual(['to']);
  });

  it('reports every bad field by name, never with its value', () => {
    const result = validateEmailMessage({
      to: 'secret-person@',
      subject: 'Line one\nBcc: eve@example.com',
      text: '',
      html: '',
      template: 'Password Reset',
    });
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.error;
    expect(issues.map((i) => i.field).sort()).toEqual(['html', 'subject', 'template', 'text', 'to']);
    expect(JSON.stringify(issues)).not.toMatch(/secret-person|eve@/);
    expect(issues.find((i) => i.field === 'subject')?.message).toBe('Subject must be a single line');
  });

  it('rejects a missing subject or text and a non-object', () => {
    expect(validateEmailMessage({ ...valid, subject: '   ' }).ok).toBe(false);
    expect(validateEmailMessage({ to: valid.to, template: valid.template }).ok).toBe(false);
    expect(validateEmailMessage(null).ok).toBe(false);
  });
});
