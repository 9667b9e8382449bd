import type { Role } from '../accounts/roles.ts';
import type { ConsentRecord, NewPatient } from '../people/people.service.ts';
import type { ReferralSource, ReferralStatus, ReferralUrgency } from './referrals.tables.ts';

// The referrals module's domain types. A referral comes from a staff or partner form, the public
// self-referral form or the JSON API; all three build a NewReferral for the one entry point,
// createReferral, so a FHIR ServiceRequest adapter can do the same later.

export type { ReferralSource, ReferralStatus, ReferralUrgency };

export interface Referral {
  id: string;
  patientId: string;
  source: ReferralSource;
  referrerUserId: string | null;
  referrerName: string | null;
  referrerOrganisation: string | null;
  referrerEmail: string | null;
  practiceId: string | null;
  reason: string;
  needs: string[];
  urgency: ReferralUrgency;
  riskInformation: string | null;
  consentConfirmed: boolean;
  status: ReferralStatus;
  flaggedForClinician: boolean;
  declineReason: string | null;
  redirectedTo: string | null;
  triageNote: string | null;
  triagedBy: string | null;
  triagedAt: Date | null;
  receivedAt: Date;
  version: number;
}

/** Who the referral is about: a known patient, or details to find or create one by. */
export type ReferralPerson = { patientId: string } | { details: NewPatient };

export interface Referrer {
  userId: string;
  name: string;
  organisation: string | null;
  email: string | null;
}

/** A validated referral, from any channel. */
export interface NewReferral {
  person: ReferralPerson;
  source: ReferralSource;
  /** The member of staff or partner referring; null for a self-referral. */
  referrer: Referrer | null;
  practiceId: string | null;
  reason: string;
  /** Need codes from the directory's controlled list (NEEDS). */
  needs: readonly string[];
  urgency: ReferralUrgency;
  riskInformation: string | null;
  /** The person agreed to be referred; every channel requires it. */
  consentConfirmed: true;
  /** Consent decisions taken with the referral, recorded for the person against it. */
  consents: readonly ConsentRecord[];
  /**
   * Makes creation idempotent: a second submission with the same key returns the first referral. Each
   * channel namespaces its keys (see referralKey).
   */
  idempotencyKey: string | null;
}

export const URGENCIES: readonly ReferralUrgency[] = ['routine', 'soon', 'urgent'];

export const URGENCY_LABELS: Record<ReferralUrgency, string> = {
  routine: 'Routine',
  soon: 'Soon (within 2 weeks)',
  urgent: 'Urgent (within 2 working days)',
};

export const SOURCE_LABELS: Record<ReferralSource, string> = {
  clinician: 'GP or clinician',
  'practice-staff': 'Practice or PCN staff',
  'care-navigator': 'Care navigator',
  self: 'Self-referral',
  council: 'Council or adult social care',
  housing: 'Housing',
  'mental-health': 'Mental health services',
  'hospital-community': 'Hospital or community services',
  vcse: 'Voluntary or community organisation',
  'family-friend-carer': 'Family, friend or carer',
  other: 'Other',
};

export const STATUS_LABELS: Record<ReferralStatus, string> = {
  new: 'Received',
  accepted: 'Accepted',
  declined: 'Declined',
  redirected: 'Redirected',
  closed: 'Closed',
};

export const STATUS_TAG_COLOURS: Record<ReferralStatus, string> = {
  new: 'blue',
  accepted: 'green',
  declined: 'red',
  redirected: 'yellow',
  closed: 'grey',
};

/**
 * The source a referral gets from the role of the person making it.
 * @param role - the role they are acting in
 */
export function sourceForRole(role: Role): ReferralSource {
  switch (role) {
    case 'clinician':
      return 'clinician';
    case 'care_navigator':
      return 'care-navigator';
    case 'link_worker':
      return 'practice-staff';
    case 'vcse_staff':
      return 'vcse';
    case 'supervisor':
    case 'commissioner':
    case 'tenant_admin':
      return 'other';
  }
}

/**
 * The stored idempotency key of a submission: namespaced by channel and, for signed-in channels, by user,
 * so one person's key can never return another person's referral.
 * @param channel - where the referral came from
 * @param key - the form's submission id or the API's Idempotency-Key header
 * @param userId - the signed-in user (staff form and API)
 */
export function referralKey(
  channel: 'form' | 'api' | 'self',
  key: string,
  userId: string | null = null,
): string {
  return userId === null ? `${channel}:${key}` : `${channel}:${userId}:${key}`;
}
