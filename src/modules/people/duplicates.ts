// Duplicate patient detection (DOMAIN.md section 7, hazard HZ-03 "wrong patient"). The rules, pure so
// they can be tested on their own:
// 1. The same NHS number is the same person: there can only ever be one record (a unique index), so the
//    existing record must be used.
// 2. The same family name (ignoring case, accents and spacing) and the same date of birth may be the same
//    person: show the candidates and ask. A candidate whose NHS number differs from the one entered is a
//    different person (both numbers are valid and distinct), so it is not offered.

export interface DuplicateProbe {
  nhsNumber: string | null;
  familyName: string;
  dateOfBirth: string;
}

export interface DuplicateCandidate {
  id: string;
  nhsNumber: string | null;
  familyName: string;
  dateOfBirth: string;
}

export interface DuplicateMatches<C extends DuplicateCandidate> {
  /** The record with the same NHS number, if there is one. */
  sameNhsNumber: C | null;
  /** Records with the same family name and date of birth that could be the same person. */
  sameNameAndBirth: C[];
}

/**
 * A family name as compared for duplicates: lower case, no accents, single spaces.
 * @param name - a family name
 */
export function matchableName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * What the "these are different people" confirmation was given for: if the name or date of birth is then
 * changed, the check runs again.
 * @param probe - the family name and date of birth
 */
export function duplicateCheckKey(probe: Pick<DuplicateProbe, 'familyName' | 'dateOfBirth'>): string {
  return `${matchableName(probe.familyName)}|${probe.dateOfBirth}`;
}

/**
 * Sorts candidate records into the two kinds of match.
 * @param probe - the details being entered
 * @param candidates - records found by NHS number or by family name and date of birth
 */
export function classifyDuplicates<C extends DuplicateCandidate>(
  probe: DuplicateProbe,
  candidates: readonly C[],
): DuplicateMatches<C> {
  const sameNhsNumber =
    probe.nhsNumber === null ? null : (candidates.find((c) => c.nhsNumber === probe.nhsNumber) ?? null);
  const name = matchableName(probe.familyName);
  const sameNameAndBirth = candidates.filter(
    (c) =>
      c !== sameNhsNumber &&
      c.dateOfBirth === probe.dateOfBirth &&
      matchableName(c.familyName) === name &&
      (probe.nhsNumber === null || c.nhsNumber === null || c.nhsNumber === probe.nhsNumber),
  );
  return { sameNhsNumber, sameNameAndBirth };
}
