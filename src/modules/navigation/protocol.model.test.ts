import { describe, expect, it } from 'vitest';
import { DEFAULT_PROTOCOL } from './default-protocol.ts';
import { protocolContentSchema, RED_FLAG_OUTCOMES } from './protocol.model.ts';
import { detectRedFlags } from './red-flag-detector.ts';

describe('the shipped default protocol', () => {
  it('is a valid protocol', () => {
    expect(protocolContentSchema.safeParse(DEFAULT_PROTOCOL).success).toBe(true);
  });

  it('has a red flag for every outcome and the quick picks the issue names', () => {
    expect(new Set(DEFAULT_PROTOCOL.redFlags.map((f) => f.outcome))).toEqual(new Set(RED_FLAG_OUTCOMES));
    expect(DEFAULT_PROTOCOL.quickPicks.map((p) => p.label)).toEqual([
      'Medication question',
      'Minor illness',
      'Muscle or joint pain',
      'Mental wellbeing',
      'Eyes',
      'Teeth',
      'Loneliness',
      'Money worries',
      'Housing',
      'Caring for someone',
      'Bereavement',
      'Wanting to get active',
      'Something else',
    ]);
  });
});

describe('protocolContentSchema', () => {
  const withDestinations = (destinations: typeof DEFAULT_PROTOCOL.destinations): unknown => ({
    ...DEFAULT_PROTOCOL,
    destinations,
  });

  it('refuses a protocol without a GP destination switched on', () => {
    const result = protocolContentSchema.safeParse(
      withDestinations(
        DEFAULT_PROTOCOL.destinations.map((d) => (d.kind === 'gp' ? { ...d, enabled: false } : d)),
      ),
    );
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContain(
      'Keep exactly one GP destination switched on: the patient can always choose the GP',
    );
  });

  it('refuses a quick pick that offers an unknown destination, and duplicate keys', () => {
    const result = protocolContentSchema.safeParse({
      ...DEFAULT_PROTOCOL,
      quickPicks: [{ key: 'eyes', label: 'Eyes', needs: [], destinations: ['nowhere'] }],
      redFlags: [DEFAULT_PROTOCOL.redFlags[0], DEFAULT_PROTOCOL.redFlags[0]],
    });
    expect(result.error?.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining([
        'Eyes offers nowhere, which is not a destination',
        'The key unconscious is used twice',
      ]),
    );
  });
});

describe('detectRedFlags', () => {
  it('finds phrases at the start of words, ignoring case, apostrophes and hyphens', () => {
    const found = detectRedFlags(['He says he can’t BREATHE properly', null], DEFAULT_PROTOCOL);
    expect(found.decisive).toMatchObject({
      flag: { key: 'breathing', outcome: 'call-999' },
      phrase: 'cant breathe',
    });
    expect(detectRedFlags(['thinking about SUICIDE'], DEFAULT_PROTOCOL).decisive?.flag.key).toBe('suicidal');
    expect(detectRedFlags(['feeling self-harmy'], DEFAULT_PROTOCOL).decisive?.flag.key).toBe('self-harm');
  });

  it('lets the most urgent outcome decide when several flags match', () => {
    const found = detectRedFlags(['I want to die and I have taken too many tablets'], DEFAULT_PROTOCOL);
    expect(found.matches.map((m) => m.flag.key).sort()).toEqual(['overdose', 'suicidal']);
    expect(found.decisive?.flag.outcome).toBe('call-999');
  });

  it('finds nothing in ordinary words', () => {
    expect(detectRedFlags(['lonely since my husband died, money is tight', ''], DEFAULT_PROTOCOL)).toEqual({
      matches: [],
      decisive: undefined,
    });
    expect(detectRedFlags(['a painful chestnut allergy? no: a splinter'], DEFAULT_PROTOCOL).matches).toEqual(
      [],
    );
  });
});
