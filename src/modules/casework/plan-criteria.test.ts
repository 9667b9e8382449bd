import { describe, expect, it } from 'vitest';
import { PCSP_CRITERION_KEYS } from './casework.vocabulary.ts';
import { criteriaRecord, pcspStatus } from './plan-criteria.ts';

describe('the five PCSP criteria', () => {
  it('counts a plan as a PCSP only when all five hold', () => {
    expect(pcspStatus(criteriaRecord(PCSP_CRITERION_KEYS))).toMatchObject({ isPcsp: true, missing: [] });
  });

  it.each(PCSP_CRITERION_KEYS)('is not a PCSP without %s, and says so', (left) => {
    const status = pcspStatus(criteriaRecord(PCSP_CRITERION_KEYS.filter((k) => k !== left)));
    expect(status.isPcsp).toBe(false);
    expect(status.missing.map((m) => m.key)).toEqual([left]);
    expect(status.missing[0]?.label).toMatch(/^[A-Z]/);
  });

  it('lists what is missing in the NHS England order', () => {
    const status = pcspStatus(criteriaRecord(['planShareable']));
    expect(status.missing.map((m) => m.key)).toEqual([
      'personCentral',
      'fromConversations',
      'outcomesAgreed',
      'reviewArranged',
    ]);
    expect(status.met).toEqual(['planShareable']);
  });
});
