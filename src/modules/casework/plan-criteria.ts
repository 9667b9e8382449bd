import { PCSP_CRITERIA, PCSP_CRITERION_KEYS, type PcspCriterion } from './casework.vocabulary.ts';

// A plan counts as a personalised care and support plan only when all five NHS England criteria hold
// (DOMAIN.md 3.3); reports count only those. One checkbox per criterion, recorded by the link worker.

export interface PcspStatus {
  isPcsp: boolean;
  met: PcspCriterion[];
  /** The criteria not yet met, with their wording, in the NHS England order. */
  missing: { key: PcspCriterion; label: string }[];
}

/**
 * Which of the five criteria a plan meets, and whether it therefore counts as a PCSP.
 * @param criteria - the plan's checkboxes
 */
export function pcspStatus(criteria: Readonly<Record<PcspCriterion, boolean>>): PcspStatus {
  const met = PCSP_CRITERION_KEYS.filter((key) => criteria[key]);
  const missing = PCSP_CRITERION_KEYS.filter((key) => !criteria[key]).map((key) => ({
    key,
    label: PCSP_CRITERIA[key],
  }));
  return { isPcsp: missing.length === 0, met, missing };
}

/**
 * The criteria as a record of checkboxes, from the list of those ticked.
 * @param ticked - the criteria ticked
 */
export function criteriaRecord(ticked: readonly PcspCriterion[]): Record<PcspCriterion, boolean> {
  return Object.fromEntries(PCSP_CRITERION_KEYS.map((key) => [key, ticked.includes(key)])) as Record<
    PcspCriterion,
    boolean
  >;
}
