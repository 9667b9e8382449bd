import { describe, expect, it } from 'vitest';
import { parseContact, parseDischarge } from './casework.schema.ts';
import { parseOnward, parseOnwardStatus } from './onward.schema.ts';
import { parseAction, parsePlan } from './plan.schema.ts';

const DATES = { today: '2026-04-15', acceptedOn: '2026-04-01' };
const date = (prefix: string, iso: string): Record<string, string> => {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { [`${prefix}[day]`]: day, [`${prefix}[month]`]: month, [`${prefix}[year]`]: year };
};
const fields = (result: { ok: boolean; issues?: { field: string }[] }): string[] =>
  result.ok ? [] : (result.issues ?? []).map((i) => i.field);

describe('the contact form', () => {
  const valid = { ...date('date', '2026-04-14'), mode: 'home-visit', attended: 'no', duration: '45' };

  it('reads a contact the person did not attend', () => {
    expect(parseContact(valid, DATES)).toEqual({
      ok: true,
      value: {
        date: '2026-04-14',
        mode: 'home-visit',
        didNotAttend: true,
        durationMinutes: 45,
        notes: null,
        nextContactDue: null,
      },
    });
  });

  it.each([
    ['a missing month', { ...valid, 'date[month]': '' }, ['date-day']],
    ['a day after today', { ...valid, ...date('date', '2026-04-16') }, ['date-day']],
    ['a day before acceptance', { ...valid, ...date('date', '2026-03-31') }, ['date-day']],
    ['an unknown mode', { ...valid, mode: 'carrier pigeon' }, ['mode']],
    ['no attendance answer', { ...valid, attended: '' }, ['attended']],
    ['a duration over ten hours', { ...valid, duration: '601' }, ['duration']],
    ['a negative duration', { ...valid, duration: '-5' }, ['duration']],
    ['a next contact in the past', { ...valid, ...date('nextContact', '2026-04-14') }, ['nextContact-day']],
    ['notes over 4,000 characters', { ...valid, notes: 'x'.repeat(4001) }, ['notes']],
  ])('refuses %s', (_label, body, expected) => {
    expect(fields(parseContact(body, DATES))).toEqual(expected);
  });
});

describe('the plan form', () => {
  it('needs a review date when review is ticked as arranged', () => {
    expect(fields(parsePlan({ criteria: 'reviewArranged' }, '2026-04-15'))).toEqual(['reviewDate-day']);
    expect(
      parsePlan({ criteria: 'reviewArranged', ...date('reviewDate', '2026-07-01') }, '2026-04-15').ok,
    ).toBe(true);
  });

  it('refuses needs, criteria and sharing outside their lists, and an agreement in the future', () => {
    const body = {
      needs: ['loneliness', 'made_up'],
      criteria: 'wishful',
      sharedWith: 'everyone',
      ...date('agreedDate', '2026-04-16'),
    };
    expect(fields(parsePlan(body, '2026-04-15'))).toEqual([
      'needs',
      'criteria',
      'agreedDate-day',
      'sharedWith',
    ]);
  });

  it('reads several ticked boxes, once each', () => {
    const result = parsePlan(
      { whatMatters: ' My garden ', needs: ['housing', 'housing', 'benefits'] },
      '2026-04-15',
    );
    expect(result).toMatchObject({
      ok: true,
      value: { whatMatters: 'My garden', needs: ['housing', 'benefits'] },
    });
  });

  it('takes an action only for one of the case goals', () => {
    expect(fields(parseAction({ goalId: 'other', actionText: 'Call', owner: 'Jo' }, ['g1']))).toEqual([
      'goalId',
    ]);
  });
});

describe('onward referral forms', () => {
  it('needs a service, referral or signpost, and why', () => {
    expect(fields(parseOnward({ serviceId: 'x', kind: 'both' }))).toEqual(['serviceId', 'kind', 'reason']);
  });

  it.each([
    [{ status: 'sent' }, ['status']],
    [{ status: 'declined', declineReason: 'bored' }, ['declineReason']],
    [{ status: 'waitlisted', weeks: 'six' }, ['weeks']],
    [{ status: 'waitlisted', weeks: '105' }, ['weeks']],
    [{ status: 'cancelled', statusNote: '' }, ['statusNote']],
  ])('refuses the status change %o', (body, expected) => {
    expect(fields(parseOnwardStatus(body))).toEqual(expected);
  });

  it('keeps the reason only for a decline and the weeks only for a waiting list', () => {
    expect(parseOnwardStatus({ status: 'waitlisted', weeks: '6', declineReason: 'at_capacity' })).toEqual({
      ok: true,
      value: { status: 'waitlisted', declineReason: null, waitlistWeeks: 6, note: null },
    });
  });
});

describe('the discharge form', () => {
  it('needs a reason from the list and a summary', () => {
    expect(fields(parseDischarge({ reason: 'bored', summary: ' ' }))).toEqual(['reason', 'summary']);
    expect(parseDischarge({ reason: 'died', summary: 'Died at home' }).ok).toBe(true);
  });
});
