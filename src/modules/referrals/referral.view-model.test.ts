import { describe, expect, it } from 'vitest';
import type { Referral } from './referral.model.ts';
import { firstContactTarget, referralHistory, workingDaysWaiting } from './referral.view-model.ts';
import { decodeCursor, encodeCursor } from './triage.service.ts';

// Monday 2 March 2026, 10:00 in London; the target is 5 working days: Monday 9 March.
const received = new Date('2026-03-02T10:00:00Z');

describe('the first-contact target', () => {
  it.each([
    ['2026-03-04', null, 'on-track'],
    ['2026-03-06', null, 'at-risk'],
    ['2026-03-09', null, 'at-risk'],
    ['2026-03-10', null, 'missed'],
    ['2026-03-20', new Date('2026-03-09T16:00:00Z'), 'met'],
    ['2026-03-20', new Date('2026-03-10T09:00:00Z'), 'missed'],
  ])('on %s with first contact %s it is %s', (today, firstContact, state) => {
    expect(firstContactTarget(received, firstContact, { today, workingDays: 5 })).toEqual({
      due: '2026-03-09',
      state,
    });
  });

  it('counts waiting in working days', () => {
    expect(workingDaysWaiting(received, '2026-03-09')).toBe(5);
    expect(workingDaysWaiting(received, '2026-03-01')).toBe(0);
  });
});

describe('the referral history', () => {
  const referral = {
    receivedAt: received,
    triagedAt: new Date('2026-03-03T10:00:00Z'),
    status: 'declined',
    redirectedTo: null,
  } as Pick<Referral, 'receivedAt' | 'triagedAt' | 'status' | 'redirectedTo'> as Referral;

  it('tells what happened, in order', () => {
    expect(
      referralHistory(referral, {
        triagedByName: 'Sue',
        declineReasonLabel: 'Duplicate referral',
        linkWorkerName: null,
        progress: undefined,
      }).map((h) => h.text),
    ).toEqual(['Referral received', 'Declined by Sue: Duplicate referral']);
    const accepted = { ...referral, status: 'accepted' } as Referral;
    const progress = {
      allocatedAt: new Date('2026-03-04T10:00:00Z'),
      firstContactAt: new Date('2026-03-05T10:00:00Z'),
      dischargedAt: null,
    };
    expect(
      referralHistory(accepted, {
        triagedByName: null,
        declineReasonLabel: null,
        linkWorkerName: 'Ann',
        progress,
      }).map((h) => h.text),
    ).toEqual([
      'Referral received',
      'Accepted for social prescribing',
      'Allocated to Ann',
      'First contact with the link worker',
    ]);
  });
});

describe('triage queue cursors', () => {
  it('round-trip, and anything else reads as no cursor', () => {
    const cursor = {
      flagged: true,
      urgency: 'soon' as const,
      receivedAt: received,
      id: '0d6b2a56-8a0f-4a64-9d8e-2a4a6f0b7c11',
    };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor('garbage')).toBeUndefined();
    expect(decodeCursor(undefined)).toBeUndefined();
    expect(decodeCursor(Buffer.from('1~later~2026-03-02T10:00:00Z~x').toString('base64url'))).toBeUndefined();
  });
});
