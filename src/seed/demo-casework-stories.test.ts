import { beforeAll, describe, expect, it } from 'vitest';
import { londonDate } from '../modules/casework/working-days.ts';
import { NEED_CODES } from '../modules/directory/vocabulary.ts';
import { parseNhsNumber } from '../modules/people/nhs-number.ts';
import { findUrgentPhrases } from '../modules/referrals/urgent-phrases.ts';
import { buildDemoStories, DEMO_STAGE_COUNTS } from './demo-casework-stories.ts';
import type { DemoPerson, DemoStory } from './demo-casework.types.ts';
import { loadVenuePostcodes, type VenuePostcodes } from './demo-venues.ts';

const NOW = new Date('2026-11-18T10:30:00Z');
const TODAY = londonDate(NOW);
let postcodes: VenuePostcodes;
let stories: DemoStory[];

beforeAll(async () => {
  postcodes = await loadVenuePostcodes();
  stories = buildDemoStories({ now: NOW, postcodes });
});

const people = (): DemoPerson[] => stories.flatMap((s) => ('sameAs' in s.person ? [] : [s.person]));

describe('buildDemoStories', () => {
  it('is deterministic for a seeding moment', () => {
    expect(buildDemoStories({ now: NOW, postcodes })).toEqual(stories);
  });

  it('has the planned number of stories at each stage, new referrals last', () => {
    const counts = new Map<string, number>();
    for (const s of stories) {
      counts.set(s.stage, (counts.get(s.stage) ?? 0) + 1);
    }
    expect([...counts]).toEqual(DEMO_STAGE_COUNTS.map(([stage, n]) => [stage, n]));
    expect(stories.at(-1)?.stage).toBe('new');
    expect(new Set(stories.map((s) => s.key)).size).toBe(stories.length);
  });

  it('gives every person a distinct NHS number from the 999 range that passes modulus 11', () => {
    const numbers = people().map((p) => p.nhsNumber);
    expect(numbers.length).toBeGreaterThan(290);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const n of numbers) {
      expect(n).toMatch(/^999\d{7}$/);
      expect(parseNhsNumber(n)).toEqual({ ok: true, value: n });
    }
  });

  it('refers a few people again, always after their earlier story', () => {
    const keys = stories.map((s) => s.key);
    const again = stories.flatMap((s, i) => ('sameAs' in s.person ? [[i, s.person.sameAs] as const] : []));
    expect(again.length).toBeGreaterThan(0);
    for (const [i, earlier] of again) {
      expect(keys.indexOf(earlier)).toBeLessThan(i);
    }
  });

  it('flags exactly one referral for a clinician by its words, and no other text holds an urgent phrase', () => {
    const flagged = stories.filter(
      (s) => findUrgentPhrases([s.referral.reason, s.referral.riskInformation]).length > 0,
    );
    expect(flagged.map((s) => [s.stage, s.referral.urgency])).toEqual([['new', 'urgent']]);
  });

  it('uses only known needs, and puts every instant before the seeding moment', () => {
    for (const s of stories) {
      expect(s.referral.needs.every((n) => NEED_CODES.includes(n))).toBe(true);
      const instants = [
        s.referral.receivedAt,
        s.triage?.at,
        ...s.onward.flatMap((o) => [o.at, ...o.steps.map((x) => x.at)]),
        s.safeguarding?.at,
        s.discharge?.at,
      ].filter((d): d is Date => d !== undefined);
      expect(instants.every((d) => d < NOW)).toBe(true);
      expect(s.contacts.every((c) => c.date <= TODAY)).toBe(true);
    }
  });

  it('keeps each episode in order: received, triaged, contacts, discharge', () => {
    for (const s of stories) {
      const triaged = s.triage === null ? null : londonDate(s.triage.at);
      if (triaged !== null) {
        expect(triaged >= londonDate(s.referral.receivedAt)).toBe(true);
        expect(s.contacts.every((c) => c.date >= triaged)).toBe(true);
      }
      const days = s.contacts.map((c) => c.date);
      expect([...days].sort()).toEqual(days);
      if (s.discharge !== null) {
        const discharged = londonDate(s.discharge.at);
        expect(days.every((d) => d < discharged)).toBe(true);
        expect(s.onward.every((o) => londonDate(o.at) < discharged)).toBe(true);
      }
    }
  });

  it('covers every stage of the work: waiting, allocated without contact, active, discharged', () => {
    const of = (stage: string): DemoStory[] => stories.filter((s) => s.stage === stage);
    expect(of('waiting').every((s) => s.triage?.decision.kind === 'accept' && s.worker === null)).toBe(true);
    expect(of('allocated').every((s) => s.worker !== null && s.contacts.every((c) => c.didNotAttend))).toBe(
      true,
    );
    expect(of('active').every((s) => s.contacts.some((c) => !c.didNotAttend) && s.discharge === null)).toBe(
      true,
    );
    expect(of('discharged').every((s) => s.discharge !== null)).toBe(true);
    expect(of('declined').map((s) => s.triage?.decision.kind)).toEqual(of('declined').map(() => 'decline'));
    expect(new Set(stories.map((s) => s.worker).filter((w) => w !== null))).toEqual(
      new Set(['lw1', 'lw2', 'lw3', 'lw4']),
    );
  });

  it('has plans with overdue actions, onward referrals in every closed-loop status, and an open concern', () => {
    const open = stories.filter((s) => s.stage === 'active');
    const overdue = open.flatMap((s) =>
      (s.plan?.goals ?? []).flatMap((g) => g.actions.filter((a) => a.doneOn === null && a.due < TODAY)),
    );
    expect(overdue.length).toBeGreaterThan(0);
    const statuses = new Set(stories.flatMap((s) => s.onward.map((o) => o.steps.at(-1)?.status ?? 'sent')));
    expect([...statuses].sort()).toEqual([
      'accepted',
      'attended',
      'cancelled',
      'completed',
      'declined',
      'expired',
      'not_attended',
      'sent',
      'waitlisted',
    ]);
    expect(open.filter((s) => s.safeguarding !== null && s.safeguarding.resolved === null)).not.toHaveLength(
      0,
    );
  });
});
