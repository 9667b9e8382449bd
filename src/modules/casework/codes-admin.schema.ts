import type { FieldIssue } from '../../http/errors.ts';

// The SNOMED CT code table's form (one per code on /app/admin/codes): the concept ID, the administrator's
// confirmation that they checked it against the current UK edition, and the on/off switch. A concept ID
// is checked as SNOMED CT defines an SCTID: 6 to 18 digits, the last a Verhoeff check digit, and the two
// before it a partition identifier that says "concept" (00 short format, 10 with a namespace).

const VERHOEFF_D: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/**
 * Does a string of digits end in a correct Verhoeff check digit (as every SNOMED CT identifier does)?
 * @param digits - the whole identifier, check digit last
 */
export function hasValidVerhoeffCheckDigit(digits: string): boolean {
  let check = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = Number(digits.charAt(digits.length - 1 - i));
    check = VERHOEFF_D[check]?.[VERHOEFF_P[i % 8]?.[digit] ?? 0] ?? 0;
  }
  return check === 0;
}

export type ConceptIdProblem = 'notDigits' | 'length' | 'checkDigit' | 'notConcept';

/**
 * Why a concept ID is not one, or null when it is well formed.
 * @param conceptId - the ID as typed (spaces removed)
 */
export function conceptIdProblem(conceptId: string): ConceptIdProblem | null {
  if (!/^\d+$/.test(conceptId)) {
    return 'notDigits';
  }
  if (conceptId.length < 6 || conceptId.length > 18) {
    return 'length';
  }
  if (!hasValidVerhoeffCheckDigit(conceptId)) {
    return 'checkDigit';
  }
  const partition = conceptId.slice(-3, -1);
  return partition === '00' || partition === '10' ? null : 'notConcept';
}

const CONCEPT_MESSAGES: Record<ConceptIdProblem, string> = {
  notDigits: 'Concept ID must contain only numbers',
  length: 'Concept ID must be between 6 and 18 digits',
  checkDigit: 'Concept ID is not a valid SNOMED CT identifier: check you copied every digit',
  notConcept: 'That is a description or relationship ID: enter the concept ID',
};

export interface CodeStateForm {
  conceptId: string;
  confirmed: boolean;
  enabled: boolean;
}

/** The fields of an event's form, in page order (ids are prefixed with the event: one form per code). */
export const codeFormFields = (event: string): string[] => [
  `${event}-conceptId`,
  `${event}-confirmed`,
  `${event}-enabled`,
];

/**
 * The posted form as typed.
 * @param body - the posted form
 */
export function readCodeStateForm(body: unknown): CodeStateForm {
  const b = (body ?? {}) as Record<string, unknown>;
  return {
    conceptId: typeof b.conceptId === 'string' ? b.conceptId.replace(/\s+/g, '').slice(0, 40) : '',
    confirmed: b.confirmed === 'yes',
    enabled: b.enabled === 'on',
  };
}

/**
 * Checks a code's new state: a confirmed code needs a well-formed concept ID, and only a confirmed code
 * may be switched on (a code written to GP records has been checked by a person).
 * @param event - the event the form is for (prefixes the field ids)
 * @param form - the form as typed
 * @returns the problems, empty when the state can be saved
 */
export function checkCodeStateForm(event: string, form: CodeStateForm): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (form.conceptId === '') {
    if (form.confirmed || form.enabled) {
      issues.push({
        field: `${event}-conceptId`,
        message: 'Enter the concept ID before confirming the code',
      });
    }
  } else {
    const problem = conceptIdProblem(form.conceptId);
    if (problem !== null) {
      issues.push({ field: `${event}-conceptId`, message: CONCEPT_MESSAGES[problem] });
    }
  }
  if (form.enabled && !form.confirmed) {
    issues.push({
      field: `${event}-confirmed`,
      message: 'Confirm you have checked the concept against the current UK edition before switching it on',
    });
  }
  return issues;
}
