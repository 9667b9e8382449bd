import { describe, expect, it } from 'vitest';
import { adminContent } from './admin.content.ts';

const entries = Object.entries(adminContent);

describe('administration page content', () => {
  it('keys every message pages.<page>.<field>.validationError.<rule> or pages.<page>.notice.<event>', () => {
    for (const [key] of entries) {
      expect(key).toMatch(
        /^pages\.admin[A-Z][A-Za-z]*\.([a-z][A-Za-z]*\.validationError|notice)\.[a-z][A-Za-z]*$/,
      );
    }
  });

  it.each(entries)('%s is tidy typography', (_key, message) => {
    expect(message).toBe(message.trim());
    expect(message).not.toMatch(/\s{2,}/);
    expect(message).toMatch(/^[A-Z]/);
    expect(message).not.toMatch(/[.!]$/);
    expect(message).not.toMatch(/e\.g\.|"|'/);
  });

  it('has no duplicate messages', () => {
    const messages = entries.map(([, message]) => message);
    expect(new Set(messages).size).toBe(messages.length);
  });
});
