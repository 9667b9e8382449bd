import type { EthnicCategory } from './ethnicity.ts';
import type {
  ConsentKind,
  ConsentMethod,
  Gender,
  NhsNumberStatus,
  PreferredContact,
  SocialPrescribingConsent,
} from './people.tables.ts';

// The people module's domain types: a patient with the PRSB demographics, their consents, and the small
// summary other modules show. Services return these, never rows.

export type {
  ConsentKind,
  ConsentMethod,
  Gender,
  NhsNumberStatus,
  PreferredContact,
  SocialPrescribingConsent,
};

/** A person's demographics as entered (validated): what the patient form and other modules supply. */
export interface PatientDetails {
  /** Ten digits, or null when not known. */
  nhsNumber: string | null;
  nhsNumberStatus: NhsNumberStatus;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  /** 'YYYY-MM-DD' */
  dateOfBirth: string;
  gender: Gender;
  ethnicity: EthnicCategory | null;
  addressLine1: string | null;
  addressLine2: string | null;
  town: string | null;
  /** Normalised, like `LS6 1AN`. */
  postcode: string | null;
  phone: string | null;
  email: string | null;
  preferredContact: PreferredContact;
  preferredLanguage: string;
  interpreterNeeded: boolean;
  communicationNeeds: string | null;
  practiceId: string | null;
}

/**
 * What creating a patient needs: names and date of birth; everything else has a default. With no
 * verification status, the status is 'Trace required' (03) when there is a number, else 'Number not
 * present and trace not required' (07).
 */
export type NewPatient = Pick<PatientDetails, 'givenName' | 'familyName' | 'dateOfBirth'> &
  Partial<Omit<PatientDetails, 'givenName' | 'familyName' | 'dateOfBirth'>>;

export interface Patient extends PatientDetails {
  id: string;
  consentSocialPrescribing: SocialPrescribingConsent;
  consentSms: boolean;
  consentEmail: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What other modules show about a person: name, NHS number, date of birth, practice. */
export interface PatientSummary {
  id: string;
  /** "Given Family" */
  name: string;
  givenName: string;
  familyName: string;
  /** Ten digits, or null. */
  nhsNumber: string | null;
  /** `999 000 0018`, or null. */
  nhsNumberFormatted: string | null;
  nhsNumberStatus: NhsNumberStatus;
  dateOfBirth: string;
  postcode: string | null;
  practiceId: string | null;
  practiceName: string | null;
}

/** One recorded consent decision (append-only). */
export interface ConsentEvent {
  id: string;
  patientId: string;
  referralId: string | null;
  kind: ConsentKind;
  organizationId: string | null;
  purpose: string | null;
  granted: boolean;
  method: ConsentMethod;
  wording: string | null;
  recordedBy: string | null;
  recordedAt: Date;
}

/** A change of consent to record. Social prescribing can be declined; the others are given or withdrawn. */
export type ConsentChange =
  | { kind: 'social-prescribing'; decision: 'given' | 'declined' | 'withdrawn' }
  | { kind: 'contact-sms' | 'contact-email'; granted: boolean }
  | {
      kind: 'share-with-organisation';
      granted: boolean;
      /** The directory organisation (VCSE) the person agrees to share with. */
      organizationId: string;
      /** Consent to share is per referral. */
      referralId: string;
      purpose?: string | null;
    };

export interface ConsentRecord {
  change: ConsentChange;
  method: ConsentMethod;
  /** The words shown or read to the person. */
  wording: string;
  /** The referral the consent was taken for (social prescribing and contact consents may name one). */
  referralId?: string | null;
}

/** The share-with-organisation consent in force for one organisation and referral. */
export interface ShareConsent {
  organizationId: string;
  referralId: string | null;
  granted: boolean;
  recordedAt: Date;
}
