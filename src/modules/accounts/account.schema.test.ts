import { describe, expect, it } from 'vitest';
import { accountContent } from './account.content.ts';
import {
  parseChangePasswordForm,
  parseCodeForm,
  parseDisableTwoStepForm,
  parseForgotForm,
  parseNewPasswordForm,
} from './account.schema.ts';

const personal = { email: 'ada.lovelace@example.org', name: 'Ada Lovelace' };
const GOOD = 'violet harbour lantern';

describe('account forms', () => {
  it.each([
    ['123456', '123456'],
    [' 123 456 ', '123456'],
    ['123-456', '123456'],
  ])('reads the code %j', (typed, code) => {
    expect(parseCodeForm({ code: typed })).toEqual({ ok: true, value: { code } });
  });

  it.each([
    [{}, accountContent['pages.verify.code.validationError.required']],
    [{ code: '  ' }, accountContent['pages.verify.code.validationError.required']],
    [{ code: '12345' }, accountContent['pages.verify.code.validationError.format']],
    [{ code: '12345a' }, accountContent['pages.verify.code.validationError.format']],
  ])('refuses the code form %j', (body, message) => {
    expect(parseCodeForm(body)).toEqual({ ok: false, issues: [{ field: 'code', message }] });
  });

  it.each([
    [{}, accountContent['pages.forgotPassword.email.validationError.required']],
    [{ email: '  ' }, accountContent['pages.forgotPassword.email.validationError.required']],
    [{ email: 'not an address' }, accountContent['pages.forgotPassword.email.validationError.format']],
    [
      { email: `${'a'.repeat(250)}@example.org` },
      accountContent['pages.forgotPassword.email.validationError.tooLong'],
    ],
  ])('refuses the forgotten-password form %j', (body, message) => {
    expect(parseForgotForm(body)).toEqual({ ok: false, issues: [{ field: 'email', message }] });
  });

  it('trims the email address', () => {
    expect(parseForgotForm({ email: ' ada@example.org ' })).toEqual({
      ok: true,
      value: { email: 'ada@example.org' },
    });
  });

  it('accepts a good new password typed twice', () => {
    expect(parseNewPasswordForm({ newPassword: GOOD, confirmPassword: GOOD }, personal)).toEqual({
      ok: true,
      value: { newPassword: GOOD },
    });
  });

  it.each([
    [
      {},
      [
        {
          field: 'newPassword',
          message: accountContent['pages.newPassword.newPassword.validationError.required'],
        },
        {
          field: 'confirmPassword',
          message: accountContent['pages.newPassword.confirmPassword.validationError.required'],
        },
      ],
    ],
    [
      { newPassword: GOOD, confirmPassword: 'violet harbour lanterns' },
      [
        {
          field: 'confirmPassword',
          message: accountContent['pages.newPassword.confirmPassword.validationError.mismatch'],
        },
      ],
    ],
    [
      { newPassword: 'short', confirmPassword: 'short' },
      [
        {
          field: 'newPassword',
          message: 'Password must be 12 characters or more. Three random words work well',
        },
      ],
    ],
    [
      { newPassword: 'adalovelace2024', confirmPassword: 'adalovelace2024' },
      [{ field: 'newPassword', message: 'Password must not contain your name or email address' }],
    ],
  ])('refuses the new password form %j', (body, issues) => {
    expect(parseNewPasswordForm(body, personal)).toEqual({ ok: false, issues });
  });

  it('asks for the current password when changing it, and checks the new one too', () => {
    expect(parseChangePasswordForm({ newPassword: GOOD, confirmPassword: GOOD }, personal)).toEqual({
      ok: false,
      issues: [
        {
          field: 'currentPassword',
          message: accountContent['pages.changePassword.currentPassword.validationError.required'],
        },
      ],
    });
    expect(
      parseChangePasswordForm(
        { currentPassword: 'old one', newPassword: GOOD, confirmPassword: GOOD },
        personal,
      ),
    ).toEqual({ ok: true, value: { currentPassword: 'old one', newPassword: GOOD } });
  });

  it('asks for the password to turn two-step verification off', () => {
    expect(parseDisableTwoStepForm({ password: '' })).toEqual({
      ok: false,
      issues: [
        {
          field: 'password',
          message: accountContent['pages.twoStepDisable.password.validationError.required'],
        },
      ],
    });
  });
});
