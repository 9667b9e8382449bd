import { describe, expect, it } from 'vitest';
import { directoryContent } from './directory.content.ts';

const entries = Object.entries(directoryContent);

describe('directory page content', () => {
  it('keys every message pages.directory.<field>.validationError.<rule>', () => {
    for (const [key] of entries) {
      expect(key).toMatch(/^pages\.directory\.[a-z][A-Za-z]*\.validationError\.[a-z][A-Za-z]*$/);
    }
  });

  it.each(entries)('%s is tidy typography', (_key, message) => {
    expect(message).toBe(message.trim());
    expect(message).not.toMatch(/\s{2,}/);
    // The NHS.UK error message pattern: a sentence with a capital letter and no closing full stop.
    expect(message).toMatch(/^[A-Z]/);
    expect(message).not.toMatch(/[.!]$/);
    // Straight quotes and "e.g." are not NHS.UK style.
    expect(message).not.toMatch(/e\.g\.|"/);
  });

  it('has no duplicate messages', () => {
    const messages = entries.map(([, message]) => message);
    expect(new Set(messages).size).toBe(messages.length);
  });
});
