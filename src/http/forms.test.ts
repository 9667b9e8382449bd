import { describe, expect, it } from 'vitest';
import { formErrorView, safeNextPath } from './forms.ts';

describe('safeNextPath', () => {
  it.each([
    ['/app', '/app'],
    ['/app/people?q=smith&page=2', '/app/people?q=smith&page=2'],
    ['/directory/services/1#opening-times', '/directory/services/1#opening-times'],
    ['/app/people/%C3%A9', '/app/people/%C3%A9'],
  ])('keeps the path on this site %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it.each([
    ['another site', 'https://evil.example/'],
    ['a protocol-relative URL', '//evil.example/'],
    ['a backslash, which browsers read as a slash', '/\\evil.example/'],
    ['a scheme', 'javascript:alert(1)'],
    ['a relative path', 'app'],
    ['nothing', ''],
    // Browsers drop tabs and line breaks from URLs, so "/<tab>/evil.example" becomes "//evil.example".
    ['a tab between the slashes', '/\t/evil.example/'],
    ['a line break between the slashes', '/\n/evil.example/'],
    ['a carriage return', '/\r/evil.example/'],
    ['a space', '/app people'],
    ['a NUL', '/app\u0000'],
    // A Location header cannot carry characters outside Latin-1 (Node refuses it: a 500).
    ['characters a header cannot carry', '/app/\u20ac'],
    ['a path too long to be real', `/${'a'.repeat(600)}`],
  ])('falls back to /app for %s', (_what, next) => {
    expect(safeNextPath(next)).toBe('/app');
  });

  it('falls back for values that are not strings, to the fallback given', () => {
    expect(safeNextPath(undefined)).toBe('/app');
    expect(safeNextPath(['/app/people'])).toBe('/app');
    expect(safeNextPath(42, '/directory')).toBe('/directory');
  });
});

describe('formErrorView', () => {
  it('lists the first problem of each field, in the order of the fields on the page', () => {
    const view = formErrorView(
      [
        { field: 'password', message: 'Enter your password' },
        { field: 'email', message: 'Enter your email address' },
        { field: 'email', message: 'Email address is too long' },
      ],
      ['email', 'password'],
    );
    expect(view.errorList).toEqual([
      { text: 'Enter your email address', href: '#email' },
      { text: 'Enter your password', href: '#password' },
    ]);
    expect(view.errors).toEqual({
      email: { text: 'Enter your email address' },
      password: { text: 'Enter your password' },
    });
  });
});
