import { describe, expect, it } from 'vitest';
import { MAX_COPY_SMS, patientCopySms, patientCopyText, type CopyContent } from './navigate-copy.ts';

// The patient's copy: plain words, the place and how to reach it; a text message under 612 characters.

const signpost: CopyContent = {
  outcome: 'signposted',
  practiceName: 'Hyde Park Surgery',
  destinationName: 'Hyde Park Walking Group',
  howToAccess: 'People can refer themselves',
  contactLines: [
    'Phone: 0113 496 0000',
    'Address: Hyde Park Corner, Leeds, LS6 1AN',
    'Open: Tuesdays 10am to 12pm',
  ],
};

describe('the patient copy', () => {
  it('says what was agreed, how to get there and that they can still see a GP', () => {
    expect(patientCopyText(signpost)).toBe(
      [
        'From Hyde Park Surgery.',
        'What we agreed today: you will contact Hyde Park Walking Group.',
        'People can refer themselves',
        'Phone: 0113 496 0000',
        'Address: Hyde Park Corner, Leeds, LS6 1AN',
        'Open: Tuesdays 10am to 12pm',
        'You can still ask to see a GP. Call 999 in an emergency.',
      ].join('\n'),
    );
  });

  it.each([
    ['referred-link-worker', 'we have referred you to our social prescribing link worker'],
    ['gp', 'you will see a GP'],
    ['declined', 'You chose not to use the options'],
  ] as const)('words the %s outcome', (outcome, words) => {
    const text = patientCopyText({ ...signpost, outcome, destinationName: null, contactLines: [] });
    expect(text).toContain(words);
    expect(text).not.toContain('undefined');
  });

  it('keeps a short copy whole in a text message', () => {
    expect(patientCopySms(signpost)).toBe(patientCopyText(signpost));
  });

  it('clips how to access first, keeping the phone number, to stay under 612 characters', () => {
    const long = { ...signpost, howToAccess: 'Walk in. '.repeat(100) };
    const sms = patientCopySms(long);
    expect(sms.length).toBeLessThan(MAX_COPY_SMS);
    expect(sms).toContain('Phone: 0113 496 0000');
    expect(sms).toContain('…');
  });

  it('drops contact lines from the end when they alone are too long', () => {
    const lines = Array.from({ length: 12 }, (_, i) => `Line ${String(i)}: ${'x'.repeat(60)}`);
    const sms = patientCopySms({ ...signpost, contactLines: lines });
    expect(sms.length).toBeLessThan(MAX_COPY_SMS);
    expect(sms).toContain('Line 0:');
    expect(sms).not.toContain('Line 11:');
    expect(sms.endsWith('Call 999 in an emergency.')).toBe(true);
  });
});
