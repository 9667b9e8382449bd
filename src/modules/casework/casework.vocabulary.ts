import type { CaseStatus, ContactMode, OnwardStatus } from './casework.tables.ts';

// Casework's controlled lists: their codes are stored, their labels are shown. Decline and closure reasons
// follow DOMAIN.md 3.5 (design; configurable later), onward statuses DOMAIN.md 3.6.

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  waiting: 'Waiting for a link worker',
  active: 'Open',
  discharged: 'Discharged',
};

export const CONTACT_MODES: readonly ContactMode[] = [
  'face-to-face',
  'phone',
  'video',
  'home-visit',
  'group',
];

export const CONTACT_MODE_LABELS: Record<ContactMode, string> = {
  'face-to-face': 'Face to face',
  phone: 'Phone',
  video: 'Video call',
  'home-visit': 'Home visit',
  group: 'Group session',
};

export const ONWARD_STATUSES: readonly OnwardStatus[] = [
  'sent',
  'accepted',
  'declined',
  'waitlisted',
  'attended',
  'not_attended',
  'completed',
  'cancelled',
  'expired',
];

export const ONWARD_STATUS_LABELS: Record<OnwardStatus, string> = {
  sent: 'Sent, waiting for a reply',
  accepted: 'Accepted',
  declined: 'Declined',
  waitlisted: 'On a waiting list',
  attended: 'Attended',
  not_attended: 'Did not attend',
  completed: 'Completed',
  cancelled: 'Cancelled',
  expired: 'No reply by the deadline',
};

/** NHS.UK tag colours for onward statuses. */
export const ONWARD_STATUS_TAGS: Record<OnwardStatus, string> = {
  sent: 'nhsuk-tag--blue',
  accepted: 'nhsuk-tag--green',
  declined: 'nhsuk-tag--red',
  waitlisted: 'nhsuk-tag--yellow',
  attended: 'nhsuk-tag--green',
  not_attended: 'nhsuk-tag--orange',
  completed: 'nhsuk-tag--grey',
  cancelled: 'nhsuk-tag--grey',
  expired: 'nhsuk-tag--red',
};

/** Why a provider declined an onward referral (DOMAIN.md 3.5): feeds the unmet-need report. */
export const ONWARD_DECLINE_REASONS = {
  at_capacity: 'The service is full',
  not_eligible: 'The person is not eligible',
  out_of_area: 'The person lives outside the area',
  needs_higher_support: 'The person needs more support than the service offers',
  unable_to_contact: 'The service could not contact the person',
  service_paused_or_closed: 'The service is paused or closed',
  duplicate: 'Duplicate referral',
  other: 'Another reason',
} as const;
export type OnwardDeclineReason = keyof typeof ONWARD_DECLINE_REASONS;

export const DISCHARGE_REASONS = {
  goals_met: 'Goals met',
  declined_further_support: 'Person declined further support',
  unable_to_contact: 'Unable to contact',
  moved_away: 'Moved away',
  needs_clinical_care: 'Needs clinical care instead',
  died: 'Died',
  other: 'Other reason',
} as const;
export type DischargeReason = keyof typeof DISCHARGE_REASONS;

/**
 * Triage decline reasons (issue #4: not eligible, needs clinical care instead, declined by patient,
 * unable to contact, duplicate, other), for the message back. PATIENT_DECLINED is the one that means the
 * person declined social prescribing, the only decline coded 871711000000103.
 */
export const TRIAGE_DECLINE_REASONS: Record<string, string> = {
  not_eligible: 'Not eligible for social prescribing',
  needs_clinical_care: 'Needs clinical care instead',
  declined_by_patient: 'The person declined social prescribing',
  unable_to_contact: 'Unable to contact the person',
  duplicate: 'Duplicate referral',
  other: 'Another reason',
};
export const PATIENT_DECLINED = 'declined_by_patient';

/** Who a plan is shared with. */
export const SHARED_WITH = {
  person: 'The person',
  gp: 'Their GP practice',
  referrer: 'The referrer',
  carer: 'A carer or family member',
  providers: 'Services they were referred to',
} as const;
export type SharedWith = keyof typeof SHARED_WITH;

/** The five NHS England criteria of a personalised care and support plan (DOMAIN.md 3.3), in order. */
export const PCSP_CRITERIA = {
  personCentral: 'The person was central to developing the plan',
  fromConversations: 'It came from proactive, personalised conversations about what matters to them',
  outcomesAgreed: 'Health and wellbeing outcomes were agreed with them',
  planShareable: 'A plan they can share records what matters, the outcomes and how they will be achieved',
  reviewArranged: 'Formal and informal review is arranged',
} as const;
export type PcspCriterion = keyof typeof PCSP_CRITERIA;
export const PCSP_CRITERION_KEYS = Object.keys(PCSP_CRITERIA) as PcspCriterion[];

/**
 * A code's label from a list, or the code itself when the list does not know it.
 * @param list - the labels by code
 * @param code - the code
 */
export function labelOf(list: Readonly<Record<string, string>>, code: string | null): string {
  if (code === null) {
    return '';
  }
  return list[code] ?? code;
}
