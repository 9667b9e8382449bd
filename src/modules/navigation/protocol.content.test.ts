import { describe, expect, it } from 'vitest';
import { APPROVAL_STATEMENT, protocolContent, protocolMessage } from './protocol.content.ts';

const entries = Object.entries(protocolContent);

describe('protocol page content', () => {
  it('keys every message pages.<page>.<field>.validationError.<rule> or pages.<page>.notice.<event>', () => {
    for (const [key] of entries) {
      // Section form rules are zod issue codes (too_small, invalid_value...).
      expect(key).toMatch(
        /^pages\.protocol[A-Za-z]*\.([a-z][A-Za-z]*\.validationError|notice)\.[a-z][A-Za-z_]*$/,
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

  it('falls back to the rule’s own message when a field has none for it', () => {
    expect(
      protocolMessage('pages.protocolSection.dest-1.validationError.custom' as never, 'Teeth offers x'),
    ).toBe('Teeth offers x');
    expect(APPROVAL_STATEMENT).toMatch(/clinically safe for use/);
  });
});
