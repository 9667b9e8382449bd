import { describe, expect, it } from 'vitest';
import { navigateContent } from './navigate.content.ts';

const entries = Object.entries(navigateContent);

describe('navigation flow content', () => {
  it('keys every message pages.<page>.<field>.validationError.<rule>', () => {
    for (const [key] of entries) {
      expect(key).toMatch(/^pages\.[a-z][A-Za-z]*\.[a-z][A-Za-z]*\.validationError\.[a-z][A-Za-z]*$/);
    }
  });

  it.each(entries)('%s is tidy typography', (_key, message) => {
    expect(message).toBe(message.trim());
    expect(message).not.toMatch(/\s{2,}/);
    expect(message).toMatch(/^[A-Z]/);
    expect(message).not.toMatch(/[.!]$/);
    expect(message).not.toMatch(/e\.g\.|"|'/);
  });
});
