import { describe, expect, it } from 'vitest';
import { trainingContent } from './training.content.ts';

const entries = Object.entries(trainingContent);

describe('training page content', () => {
  it('keys every message pages.<page>.<field>.validationError.<rule>', () => {
    for (const [key] of entries) {
      expect(key).toMatch(/^pages\.training[A-Z][A-Za-z]*\.[a-z][A-Za-z]*\.validationError\.[a-z][A-Za-z]*$/);
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
