import { describe, expect, it } from 'vitest';
import { searchContent } from './search.content.ts';

const entries = Object.entries(searchContent);

describe('directory search content', () => {
  it('keys every message pages.directorySearch.<field>.validationError.<rule>', () => {
    for (const [key] of entries) {
      expect(key).toMatch(/^pages\.directorySearch\.[a-z][A-Za-z]*\.validationError\.[a-z][A-Za-z]*$/);
    }
  });

  it.each(entries)('%s follows NHS.UK error message typography', (_key, message) => {
    expect(message).toBe(message.trim());
    expect(message).not.toMatch(/\s{2,}/);
    expect(message).toMatch(/^[A-Z]/);
    expect(message).not.toMatch(/[.!]$/);
    expect(message).not.toMatch(/e\.g\.|"|please/i);
  });

  it('has no duplicate messages', () => {
    const messages = entries.map(([, message]) => message);
    expect(new Set(messages).size).toBe(messages.length);
  });
});
