import { describe, expect, it } from 'vitest';
import { DEFAULT_PROTOCOL } from './default-protocol.ts';
import { RED_FLAG_OUTCOMES } from './protocol.model.ts';
import { detectRedFlags } from './red-flag-detector.ts';
import { findScenario, scenariosFor, TRAINING_SCENARIOS } from './training-scenarios.ts';

// The shipped scenario cards checked against the shipped default protocol: every key they name exists,
// they cover every destination and every red-flag outcome, and the phrase detector agrees with each card.

const flags = new Map(DEFAULT_PROTOCOL.redFlags.map((f) => [f.key, f]));
const picks = new Map(DEFAULT_PROTOCOL.quickPicks.map((p) => [p.key, p]));
const destinationKeys = DEFAULT_PROTOCOL.destinations.map((d) => d.key);
const redFlagCards = TRAINING_SCENARIOS.flatMap((s) =>
  s.answer.kind === 'red-flag' ? [{ ...s, answer: s.answer }] : [],
);
const signpostCards = TRAINING_SCENARIOS.flatMap((s) =>
  s.answer.kind === 'signpost' ? [{ ...s, answer: s.answer }] : [],
);

describe('the shipped scenario cards', () => {
  it('are at least 24, with unique keys, titles and words', () => {
    expect(TRAINING_SCENARIOS.length).toBeGreaterThanOrEqual(24);
    for (const field of ['key', 'title', 'patientWords'] as const) {
      expect(new Set(TRAINING_SCENARIOS.map((s) => s[field])).size).toBe(TRAINING_SCENARIOS.length);
    }
    expect(TRAINING_SCENARIOS.every((s) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(s.key))).toBe(true);
    expect(TRAINING_SCENARIOS.every((s) => s.why.length > 40)).toBe(true);
  });

  it.each(redFlagCards)('$key names a default flag with its outcome', (card) => {
    expect(flags.get(card.answer.flag)?.outcome).toBe(card.answer.outcome);
  });

  it.each(signpostCards)('$key names default quick picks that offer its destinations', (card) => {
    expect(card.answer.quickPicks.length).toBeGreaterThan(0);
    expect(card.answer.destinations.length).toBeGreaterThan(0);
    const offered = new Set([
      'gp',
      ...card.answer.quickPicks.flatMap((k) => picks.get(k)?.destinations ?? []),
    ]);
    for (const key of card.answer.quickPicks) {
      expect(picks.has(key), key).toBe(true);
    }
    for (const key of card.answer.destinations) {
      expect(destinationKeys, key).toContain(key);
      expect(offered.has(key), `${key} is offered by the right quick picks`).toBe(true);
    }
  });

  it('cover every destination of the default protocol', () => {
    const covered = new Set(signpostCards.flatMap((s) => s.answer.destinations));
    expect(destinationKeys.filter((k) => !covered.has(k))).toEqual([]);
  });

  it('cover every red-flag outcome, with hidden red flags among them', () => {
    expect(new Set(redFlagCards.map((s) => s.answer.outcome))).toEqual(new Set(RED_FLAG_OUTCOMES));
    const hidden = redFlagCards.filter((s) => s.answer.hidden).map((s) => s.answer.outcome);
    expect(new Set(hidden)).toEqual(new Set(['call-999', 'duty-gp-now']));
  });

  it.each(redFlagCards.filter((s) => s.answer.hidden))(
    'the detector catches the hidden red flag in $key',
    (card) => {
      expect(detectRedFlags([card.patientWords], DEFAULT_PROTOCOL).decisive?.flag.outcome).toBe(
        card.answer.outcome,
      );
    },
  );

  it('include the patient who wants to end it all, caught from their words', () => {
    const card = TRAINING_SCENARIOS.find((s) => s.patientWords.includes('I want to end it all'));
    expect(card?.answer).toMatchObject({ kind: 'red-flag', outcome: 'duty-gp-now', hidden: true });
  });

  it('are listed so their order gives no red flag away', () => {
    const kinds = TRAINING_SCENARIOS.map((s) => s.answer.kind);
    expect(kinds[0]).toBe('signpost');
    expect(kinds.some((k, i) => k === 'red-flag' && kinds[i + 1] === 'red-flag')).toBe(false);
  });

  it('include a patient who insists on the GP', () => {
    expect(findScenario('insists-on-the-gp')?.answer).toMatchObject({ destinations: ['gp'] });
  });

  it.each(redFlagCards)('the detector never gives $key a different outcome', (card) => {
    const found = detectRedFlags([card.patientWords], DEFAULT_PROTOCOL).decisive;
    expect([undefined, card.answer.outcome]).toContain(found?.flag.outcome);
  });

  it.each(signpostCards)('the detector finds no red flag in $key', (card) => {
    expect(detectRedFlags([card.patientWords], DEFAULT_PROTOCOL).matches).toEqual([]);
  });
});

describe('scenariosFor', () => {
  it('trains on every card with the default protocol', () => {
    expect(scenariosFor(DEFAULT_PROTOCOL)).toHaveLength(TRAINING_SCENARIOS.length);
  });

  it('leaves out cards a local protocol cannot answer', () => {
    const local = {
      redFlags: DEFAULT_PROTOCOL.redFlags.filter((f) => f.outcome !== 'nhs-111'),
      destinations: DEFAULT_PROTOCOL.destinations.map((d) =>
        d.key === 'health-coach' || d.key === 'optometrist' ? { ...d, enabled: false } : d,
      ),
    };
    const keys = scenariosFor(local).map((s) => s.key);
    expect(keys).not.toContain('friday-earache');
    expect(keys).not.toContain('gritty-red-eye');
    expect(keys).toContain('get-more-active');
    expect(keys).toHaveLength(TRAINING_SCENARIOS.length - 2);
  });
});
