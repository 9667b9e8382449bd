import { dateInputValues, readDateInput, type DateInputValues } from '../../http/date-input.ts';
import type { Practice } from '../accounts/practice.repository.ts';
import { ETHNIC_CATEGORIES } from './ethnicity.ts';
import { formatNhsNumber, NHS_NUMBER_STATUS_LABELS } from './nhs-number.ts';
import type { Patient, PatientDetails, PatientSummary } from './people.model.ts';
import { GENDER_LABELS, GENDERS, PREFERRED_CONTACT_LABELS, PREFERRED_CONTACTS } from './people.schema.ts';
import { formText } from './person-fields.ts';

// What the people pages show: form values as typed, select and radio items, summary rows, consent history.

export interface SelectItem {
  value: string;
  text: string;
  selected?: boolean;
  checked?: boolean;
}

export const PERSON_PATHS = {
  search: '/app/people',
  create: '/app/people/new',
  list: '/app/people',
  person: '/app/people/:id',
  edit: '/app/people/:id/edit',
  consents: '/app/people/:id/consents',
} as const;

export const personHref = (id: string): string => `/app/people/${id}`;

const TEXT_FIELDS = [
  'nhsNumber',
  'nhsNumberStatus',
  'givenName',
  'familyName',
  'preferredName',
  'gender',
  'ethnicity',
  'addressLine1',
  'addressLine2',
  'town',
  'postcode',
  'phone',
  'email',
  'preferredContact',
  'preferredLanguage',
  'interpreterNeeded',
  'communicationNeeds',
  'practiceId',
] as const;

export type PatientFormValues = Record<(typeof TEXT_FIELDS)[number], string> & {
  dateOfBirth: DateInputValues;
};

/**
 * The patient form's values as typed, to show again after a rejection.
 * @param body - the posted form
 */
export function patientFormValues(body: unknown): PatientFormValues {
  const values = Object.fromEntries(TEXT_FIELDS.map((f) => [f, formText(body, f)])) as Record<
    (typeof TEXT_FIELDS)[number],
    string
  >;
  return { ...values, dateOfBirth: readDateInput(body, 'dateOfBirth') };
}

/**
 * The patient form's values for a stored record (the edit form).
 * @param p - the patient
 */
export function patientToFormValues(p: PatientDetails): PatientFormValues {
  return {
    nhsNumber: p.nhsNumber === null ? '' : formatNhsNumber(p.nhsNumber),
    nhsNumberStatus: p.nhsNumberStatus,
    givenName: p.givenName,
    familyName: p.familyName,
    preferredName: p.preferredName ?? '',
    gender: p.gender,
    ethnicity: p.ethnicity ?? '',
    addressLine1: p.addressLine1 ?? '',
    addressLine2: p.addressLine2 ?? '',
    town: p.town ?? '',
    postcode: p.postcode ?? '',
    phone: p.phone ?? '',
    email: p.email ?? '',
    preferredContact: p.preferredContact,
    preferredLanguage: p.preferredLanguage,
    interpreterNeeded: p.interpreterNeeded ? 'yes' : 'no',
    communicationNeeds: p.communicationNeeds ?? '',
    practiceId: p.practiceId ?? '',
    dateOfBirth: dateInputValues(p.dateOfBirth),
  };
}

/** A new, empty patient form. */
export function emptyPatientForm(): PatientFormValues {
  return {
    ...patientFormValues({}),
    preferredLanguage: 'English',
    interpreterNeeded: 'no',
    preferredContact: '',
    gender: 'unknown',
  };
}

/**
 * The select, radio and checkbox items of the patient form.
 * @param values - the form values
 * @param practices - the tenant's practices
 */
export function patientFormItems(
  values: PatientFormValues,
  practices: readonly Practice[],
): Record<string, SelectItem[]> {
  return {
    nhsNumberStatusItems: [
      { value: '', text: 'Choose a status', selected: values.nhsNumberStatus === '' },
      ...Object.entries(NHS_NUMBER_STATUS_LABELS).map(([code, label]) => ({
        value: code,
        text: `${code}: ${label}`,
        selected: code === values.nhsNumberStatus,
      })),
    ],
    genderItems: GENDERS.map((g) => ({ value: g, text: GENDER_LABELS[g], checked: g === values.gender })),
    ethnicityItems: [
      { value: '', text: 'Not recorded', selected: values.ethnicity === '' },
      ...Object.entries(ETHNIC_CATEGORIES).map(([code, label]) => ({
        value: code,
        text: label,
        selected: code === values.ethnicity,
      })),
    ],
    preferredContactItems: PREFERRED_CONTACTS.map((c) => ({
      value: c,
      text: PREFERRED_CONTACT_LABELS[c],
      checked: c === values.preferredContact,
    })),
    interpreterItems: [
      { value: 'yes', text: 'Yes', checked: values.interpreterNeeded === 'yes' },
      { value: 'no', text: 'No', checked: values.interpreterNeeded !== 'yes' },
    ],
    practiceItems: practiceItems(practices, values.practiceId, 'Not known'),
  };
}

/**
 * A select of the tenant's practices.
 * @param practices - the practices
 * @param chosen - the practice chosen
 * @param noneText - the text of the empty choice
 */
export function practiceItems(
  practices: readonly Practice[],
  chosen: string,
  noneText: string,
): SelectItem[] {
  return [
    { value: '', text: noneText, selected: chosen === '' },
    ...practices.map((p) => ({ value: p.id, text: p.name, selected: p.id === chosen })),
  ];
}

/** Labels of the patient's fields, for the "what changed" list. */
export const PATIENT_FIELD_LABELS: Record<keyof PatientDetails, string> = {
  nhsNumber: 'NHS number',
  nhsNumberStatus: 'NHS number verification status',
  givenName: 'Given name',
  familyName: 'Family name',
  preferredName: 'Preferred name',
  dateOfBirth: 'Date of birth',
  gender: 'Gender',
  ethnicity: 'Ethnic category',
  addressLine1: 'Address line 1',
  addressLine2: 'Address line 2',
  town: 'Town or city',
  postcode: 'Postcode',
  phone: 'Phone number',
  email: 'Email address',
  preferredContact: 'Preferred contact method',
  preferredLanguage: 'Preferred language',
  interpreterNeeded: 'Interpreter needed',
  communicationNeeds: 'Communication needs',
  practiceId: 'GP practice',
};

/**
 * Which of the patient's fields differ between two versions of the record.
 * @param before - the details the editor started from
 * @param after - the details now stored
 */
export function changedPatientFields(before: Partial<PatientDetails>, after: PatientDetails): string[] {
  return (Object.keys(PATIENT_FIELD_LABELS) as (keyof PatientDetails)[])
    .filter((key) => (before[key] ?? null) !== after[key])
    .map((key) => PATIENT_FIELD_LABELS[key]);
}

/**
 * The details the editor started from, carried through the edit form (so a conflict can say what changed).
 * @param p - the patient as loaded
 */
export function encodeOriginal(p: PatientDetails): string {
  const details = Object.fromEntries(
    Object.keys(PATIENT_FIELD_LABELS).map((k) => [k, p[k as keyof PatientDetails]]),
  );
  return Buffer.from(JSON.stringify(details)).toString('base64url');
}

/**
 * Reads the carried details back; anything unreadable gives an empty object (every field then counts as
 * changed, which errs on the side of telling the editor).
 * @param encoded - the hidden field's value
 */
export function decodeOriginal(encoded: string): Partial<PatientDetails> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

/**
 * The summary list rows of a patient record.
 * @param p - the patient
 * @param practiceName - their practice's name
 */
export function patientRows(
  p: Patient,
  practiceName: string | null,
): { key: { text: string }; value: { text: string } }[] {
  const row = (key: string, value: string | null): { key: { text: string }; value: { text: string } } => ({
    key: { text: key },
    value: { text: value === null || value === '' ? 'Not recorded' : value },
  });
  const address = [p.addressLine1, p.addressLine2, p.town, p.postcode]
    .filter((x) => x !== null && x !== '')
    .join(', ');
  return [
    row('NHS number', p.nhsNumber === null ? null : formatNhsNumber(p.nhsNumber)),
    row('Verification status', `${p.nhsNumberStatus}: ${NHS_NUMBER_STATUS_LABELS[p.nhsNumberStatus]}`),
    row('Name', `${p.givenName} ${p.familyName}`),
    row('Preferred name', p.preferredName),
    row('Date of birth', longDate(p.dateOfBirth)),
    row('Gender', GENDER_LABELS[p.gender]),
    row('Ethnic category', p.ethnicity === null ? null : ETHNIC_CATEGORIES[p.ethnicity]),
    row('Address', address),
    row('Phone number', p.phone),
    row('Email address', p.email),
    row('Preferred contact', PREFERRED_CONTACT_LABELS[p.preferredContact]),
    row('Preferred language', p.preferredLanguage + (p.interpreterNeeded ? ' (needs an interpreter)' : '')),
    row('Communication needs', p.communicationNeeds),
    row('GP practice', practiceName),
  ];
}

/**
 * A date the NHS way: 12 April 1960.
 * @param date - 'YYYY-MM-DD'
 */
export function longDate(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/**
 * A duplicate candidate as shown on the new-person page.
 * @param p - the candidate
 */
export function candidateView(p: PatientSummary): Record<string, string> {
  return {
    href: personHref(p.id),
    name: p.name,
    nhsNumber: p.nhsNumberFormatted ?? 'Not recorded',
    dateOfBirth: longDate(p.dateOfBirth),
    postcode: p.postcode ?? 'Not recorded',
    practice: p.practiceName ?? 'Not recorded',
  };
}
