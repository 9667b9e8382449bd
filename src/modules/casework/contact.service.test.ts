import { describe, expect, it } from 'vitest';
import { contactInstant, isFirstContact } from './contact.service.ts';

// DOMAIN.md 3.4: 871731000000106 only when the person accepts, and only at the FIRST contact of an episode.

describe('which contact is the first contact (the only one coded 871731000000106)', () => {
  const none = { firstContactAt: null };
  const already = { firstContactAt: new Date('2026-03-02T10:00:00Z') };

  it.each([
    ['an attended contact on a case with none yet', none, false, true],
    ['a contact they did not attend', none, true, false],
    ['a later attended contact', already, false, false],
    ['a later missed contact', already, true, false],
  ])('%s: %s', (_label, spCase, didNotAttend, expected) => {
    expect(isFirstContact(spCase, didNotAttend)).toBe(expected);
  });
});

describe('when a contact happened', () => {
  it('is now for a contact today, midday for an earlier day', () => {
    const now = new Date('2026-06-30T23:30:00Z'); // 00:30 on 1 July in England
    expect(contactInstant('2026-07-01', now)).toBe(now);
    expect(contactInstant('2026-06-29', now).toISOString()).toBe('2026-06-29T12:00:00.000Z');
  });
});
