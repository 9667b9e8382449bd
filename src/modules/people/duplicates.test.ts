import { describe, expect, it } from 'vitest';
import { classifyDuplicates, duplicateCheckKey, matchableName } from './duplicates.ts';

const record = (
  id: string,
  nhsNumber: string | null,
  familyName: string,
  dateOfBirth = '1960-01-02',
): { id: string; nhsNumber: string | null; familyName: string; dateOfBirth: string } => ({
  id,
  nhsNumber,
  familyName,
  dateOfBirth,
});

describe('duplicate patient rules', () => {
  it('compares family names without case, accents or extra spaces', () => {
    expect(matchableName('  Zoë   De  Souza ')).toBe('zoe de souza');
    expect(matchableName('OKAFOR')).toBe(matchableName('okafor'));
  });

  it('treats the same NHS number as the same person', () => {
    const same = record('a', '9990000018', 'Someone Else', '2000-01-01');
    expect(
      classifyDuplicates({ nhsNumber: '9990000018', familyName: 'Jones', dateOfBirth: '1960-01-02' }, [same])
        .sameNhsNumber,
    ).toBe(same);
  });

  it('offers the same family name and date of birth, but not a different valid NHS number', () => {
    const unnumbered = record('a', null, 'JONES');
    const sameNumber = record('b', '9990000018', 'jones');
    const otherNumber = record('c', '9990000026', 'Jones');
    const otherBirth = record('d', null, 'Jones', '1960-01-03');
    const otherName = record('e', null, 'Jonas');
    const candidates = [unnumbered, sameNumber, otherNumber, otherBirth, otherName];
    const withNumber = classifyDuplicates(
      { nhsNumber: '9990000018', familyName: 'Jones', dateOfBirth: '1960-01-02' },
      candidates,
    );
    expect(withNumber.sameNhsNumber).toBe(sameNumber);
    expect(withNumber.sameNameAndBirth).toEqual([unnumbered]);
    const withoutNumber = classifyDuplicates(
      { nhsNumber: null, familyName: 'jones', dateOfBirth: '1960-01-02' },
      candidates,
    );
    expect(withoutNumber.sameNhsNumber).toBeNull();
    expect(withoutNumber.sameNameAndBirth).toEqual([unnumbered, sameNumber, otherNumber]);
  });

  it('keys the "different people" confirmation to the name and date of birth it was given for', () => {
    expect(duplicateCheckKey({ familyName: 'De Souza', dateOfBirth: '1960-01-02' })).toBe(
      duplicateCheckKey({ familyName: 'de  souza', dateOfBirth: '1960-01-02' }),
    );
    expect(duplicateCheckKey({ familyName: 'De Souza', dateOfBirth: '1960-01-02' })).not.toBe(
      duplicateCheckKey({ familyName: 'De Souza', dateOfBirth: '1960-01-03' }),
    );
  });
});
