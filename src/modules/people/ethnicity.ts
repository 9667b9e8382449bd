// Ethnic category (NHS Data Dictionary "Ethnic Category", the 2001 census categories), the code set of the
// UK Core Extension-UKCore-EthnicCategory. Stored as the one-letter code; the migration's CHECK allows
// exactly these letters.

export const ETHNIC_CATEGORIES = {
  A: 'White: British',
  B: 'White: Irish',
  C: 'White: any other White background',
  D: 'Mixed: White and Black Caribbean',
  E: 'Mixed: White and Black African',
  F: 'Mixed: White and Asian',
  G: 'Mixed: any other mixed background',
  H: 'Asian or Asian British: Indian',
  J: 'Asian or Asian British: Pakistani',
  K: 'Asian or Asian British: Bangladeshi',
  L: 'Asian or Asian British: any other Asian background',
  M: 'Black or Black British: Caribbean',
  N: 'Black or Black British: African',
  P: 'Black or Black British: any other Black background',
  R: 'Other ethnic groups: Chinese',
  S: 'Other ethnic groups: any other ethnic group',
  Z: 'Not stated',
} as const;

export type EthnicCategory = keyof typeof ETHNIC_CATEGORIES;

/**
 * Is this one of the ethnic category codes?
 * @param code - a candidate code
 */
export function isEthnicCategory(code: string): code is EthnicCategory {
  return Object.hasOwn(ETHNIC_CATEGORIES, code);
}
