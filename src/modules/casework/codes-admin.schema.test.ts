import { describe, expect, it } from 'vitest';
import {
  checkCodeStateForm,
  conceptIdProblem,
  hasValidVerhoeffCheckDigit,
  readCodeStateForm,
} from './codes-admin.schema.ts';
import { SNOMED_CODE_SEEDS } from './snomed-codes.ts';

describe('SNOMED CT concept IDs', () => {
  // Concept IDs from DOMAIN.md 3.4, short and long (namespace) format.
  it.each([
    '871731000000106',
    '871711000000103',
    '871691000000100',
    '390893007',
    '734163000',
    '103698003',
    '306238000',
  ])('%s is a well-formed concept ID', (id) => {
    expect(hasValidVerhoeffCheckDigit(id)).toBe(true);
    expect(conceptIdProblem(id)).toBeNull();
  });

  it.each([
    ['871731000000107', 'checkDigit'],
    ['390893070', 'checkDigit'],
    ['38983007', 'checkDigit'],
    ['12345', 'length'],
    ['1234567890123456789', 'length'],
    ['39089300A', 'notDigits'],
    ['-390893007', 'notDigits'],
  ] as const)('%s is refused (%s)', (id, problem) => {
    expect(conceptIdProblem(id)).toBe(problem);
  });

  it('refuses a description ID (partition 01), however good its check digit', () => {
    const base = '1234501';
    const check = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'].find((d) =>
      hasValidVerhoeffCheckDigit(`${base}${d}`),
    );
    expect(check).toBeDefined();
    expect(conceptIdProblem(`${base}${check ?? ''}`)).toBe('notConcept');
  });

  it('accepts every concept ID Signpost ships', () => {
    for (const seed of SNOMED_CODE_SEEDS.filter((s) => s.conceptId !== null)) {
      expect(conceptIdProblem(seed.conceptId ?? '')).toBeNull();
    }
  });
});

describe('the code state form', () => {
  it('reads the fields as a browser posts them, ignoring spaces in the ID', () => {
    expect(readCodeStateForm({ conceptId: ' 8717 3100 0000 106 ', confirmed: 'yes', enabled: 'on' })).toEqual(
      {
        conceptId: '871731000000106',
        confirmed: true,
        enabled: true,
      },
    );
    expect(readCodeStateForm({ enabled: 'off' })).toEqual({
      conceptId: '',
      confirmed: false,
      enabled: false,
    });
  });

  it.each([
    [{ conceptId: '871731000000106', confirmed: true, enabled: true }, []],
    [{ conceptId: '', confirmed: false, enabled: false }, []],
    [{ conceptId: '871731000000106', confirmed: false, enabled: false }, []],
    [{ conceptId: '', confirmed: true, enabled: false }, ['offered-conceptId']],
    [{ conceptId: '871731000000106', confirmed: false, enabled: true }, ['offered-confirmed']],
    [
      { conceptId: '871731000000107', confirmed: false, enabled: true },
      ['offered-conceptId', 'offered-confirmed'],
    ],
  ])('%o has problems with %o', (form, fields) => {
    expect(checkCodeStateForm('offered', form).map((i) => i.field)).toEqual(fields);
  });
});
