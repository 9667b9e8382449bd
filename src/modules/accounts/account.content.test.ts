import { describe, expect, it } from 'vitest';
import { accountContent } from './account.content.ts';

const entries = Object.entries(accountContent);

describe('account page content', () => {
  it('keys every message pages.<page>.<field>.validationError.<rule>', () => {
    for (const [key] of entries) {
      expect(key).toMatch(/^pages\.[a-z][A-Za-z]*\.[a-z][A-Za-z]*\.validationError\.[a-z][A-Za-z]*$/);
    }
  });

  it.each(entries)('%s is tidy typography', (_key, message) => {
    expect(message).toBe(message.trim());
    expect(message).not.toMatch(/\s{2,}/);
    // The NHS.UK error message pattern: a capital letter and no closing full stop.
    expect(message).toMatch(/^[A-Z0-9]/);
    expect(message).not.toMatch(/[.!]$/);
    expect(message).not.toMatch(/e\.g\.|"/);
  });

  it('has no duplicate messages', () => {
    const messages = entries.map(([, message]) => message);
    expect(new Set(messages).size).toBe(messages.length);
  });
});
