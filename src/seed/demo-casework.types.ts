import type { DischargeReason, OnwardDeclineReason } from '../modules/casework/casework.vocabulary.ts';
import type { ContactMode, OnwardStatus } from '../modules/casework/casework.tables.ts';
import type { PcspCriterion, SharedWith } from '../modules/casework/casework.vocabulary.ts';
import type { NewPatient } from '../modules/people/people.service.ts';
import type { ReferralSource, ReferralUrgency } from '../modules/referrals/referral.service.ts';
import type { TriageDeclineReason } from '../modules/referrals/triage.service.ts';

// The demo caseload as plain data (built by demo-casework-stories.ts, written by demo-casework-steps.ts):
// one story per referral, from the person and the referral to triage, contacts, the plan, onward
// referrals, safeguarding and discharge. Every instant is before the seeding moment.

/** Where a referral has got to. */
export type DemoStage = 'new' | 'declined' | 'redirected' | 'waiting' | 'allocated' | 'active' | 'discharged';

/** Staff in the demo, by key (see demo-casework-staff.ts). */
export type StaffKey =
  'lw1' | 'lw2' | 'lw3' | 'lw4' | 'gp1' | 'gp2' | 'gp3' | 'nurse' | 'nav1' | 'nav2' | 'provider' | 'manager';

/** A person: the demographics of NewPatient, with the practice by its demo key instead of an id. */
export type DemoPerson = Omit<NewPatient, 'practiceId'> & { nhsNumber: string; practiceKey: string };

export interface DemoReferral {
  receivedAt: Date;
  source: ReferralSource;
  /** The member of staff referring; null for self-referrals and agencies without an account. */
  referrer: StaffKey | null;
  practiceKey: string;
  reason: string;
  needs: string[];
  urgency: ReferralUrgency;
  riskInformation: string | null;
  smsConsent: boolean;
  emailConsent: boolean;
}

export type DemoTriageDecision =
  | { kind: 'accept'; worker: StaffKey | null }
  | { kind: 'decline'; reason: TriageDeclineReason; note: string | null }
  | { kind: 'redirect'; to: string };

export interface DemoTriage {
  at: Date;
  by: StaffKey;
  decision: DemoTriageDecision;
}

export interface DemoContact {
  /** 'YYYY-MM-DD' */
  date: string;
  mode: ContactMode;
  minutes: number;
  didNotAttend: boolean;
  notes: string | null;
  /** 'YYYY-MM-DD': the next contact agreed. */
  nextDue: string | null;
}

export interface DemoPlan {
  /** 'YYYY-MM-DD': when it was written (and, when agreed, agreed). */
  date: string;
  whatMatters: string;
  needs: string[];
  criteria: PcspCriterion[];
  reviewDate: string;
  agreed: boolean;
  sharedWith: SharedWith[];
  goals: {
    text: string;
    actions: { text: string; owner: string; due: string; doneOn: string | null }[];
  }[];
}

export interface DemoOnwardStep {
  status: Exclude<OnwardStatus, 'sent'>;
  at: Date;
  declineReason: OnwardDeclineReason | null;
  weeks: number | null;
  note: string | null;
}

export interface DemoOnward {
  at: Date;
  /** The need the service is searched by. */
  need: string;
  kind: 'signpost' | 'referral';
  reason: string;
  steps: DemoOnwardStep[];
}

export interface DemoSafeguarding {
  at: Date;
  description: string;
  clinician: StaffKey;
  resolved: { at: Date; resolution: string } | null;
}

export interface DemoStory {
  /** Stable key; the referral's idempotency key is made from it. */
  key: string;
  stage: DemoStage;
  /** The person, or the key of an earlier story whose person is referred again. */
  person: DemoPerson | { sameAs: string };
  referral: DemoReferral;
  triage: DemoTriage | null;
  /** The link worker the case is allocated to (null when waiting or not accepted). */
  worker: StaffKey | null;
  contacts: DemoContact[];
  plan: DemoPlan | null;
  onward: DemoOnward[];
  safeguarding: DemoSafeguarding | null;
  discharge: { at: Date; reason: DischargeReason; summary: string } | null;
}
