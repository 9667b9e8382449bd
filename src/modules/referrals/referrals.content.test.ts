import { describe, expect, it } from 'vitest';
import { peopleContent } from '../people/people.content.ts';
import { referralsContent } from './referrals.content.ts';

// The validation messages of the people and referrals pages (STYLE.md rule 15): keyed
// pages.<page>.<field>.validationError.<rule>, in the NHS.UK error message style, each said once.

const entries = [...Object.entries(peopleContent), ...Object.entries(referralsContent)];

describe('people and referrals page content', () => {
  it('keys every message pages.<page>.<field>.validationError.<rule>', () => {
    for (const [key] of entries) {
      expect(key).toMatch(/^pages\.[a-z][A-Za-z]*\.[a-z][A-Za-z0-9]*\.validationError\.[a-z][A-Za-z]*$/);
    }
  });

  it.each(entries)('%s is tidy typography', (_key, message) => {
    expect(message).toBe(message.trim());
    expect(message).not.toMatch(/\s{2,}/);
    expect(message).toMatch(/^[A-Z0-9]/);
    expect(message).not.toMatch(/[.!]$/);
    expect(message).not.toMatch(/e\.g\./);
  });

  it('has no duplicate messages across the two modules', () => {
    const messages = entries.map(([, message]) => message);
    expect(new Set(messages).size).toBe(messages.length);
  });
});
