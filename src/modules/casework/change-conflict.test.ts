import { describe, expect, it } from 'vitest';
import { changedFields, decodeShown, encodeShown } from './change-conflict.ts';

const LABELS = { status: 'Status', firstContact: 'First contact', notes: 'Notes' };

describe('what changed while someone was editing', () => {
  it('round-trips the shown values, accents and all', () => {
    const shown = { status: 'Open', notes: 'Café on Tuesdays' };
    expect(decodeShown(encodeShown(shown))).toEqual(shown);
  });

  it('lists the fields that differ, in label order, with "Nothing" for empty values', () => {
    const before = { status: 'Open', firstContact: '', notes: 'a' };
    const after = { status: 'Open', firstContact: '2026-03-02', notes: 'b' };
    expect(changedFields(before, after, LABELS)).toEqual([
      { field: 'firstContact', label: 'First contact', before: 'Nothing', after: '2026-03-02' },
      { field: 'notes', label: 'Notes', before: 'a', after: 'b' },
    ]);
  });

  it.each([
    undefined,
    '',
    'not base64 json',
    encodeShown({}).slice(1),
    Buffer.from('[1,2]').toString('base64url'),
  ])('reads a missing or unreadable field (%s) as unknown', (value) => {
    expect(decodeShown(value)).toBeNull();
  });

  it('lists nothing when it cannot know what was shown', () => {
    expect(changedFields(null, { status: 'Open' }, LABELS)).toEqual([]);
  });
});
