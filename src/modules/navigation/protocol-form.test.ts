import { describe, expect, it } from 'vitest';
import { DEFAULT_PROTOCOL } from './default-protocol.ts';
import {
  addYears,
  approvalValuesFromBody,
  parseApproval,
  type ApprovalFormValues,
} from './protocol-approval.form.ts';
import {
  applySectionForm,
  formItemsFromBody,
  formItemsFromContent,
  type FormItem,
  type SectionResult,
  type SectionPath,
} from './protocol-form.ts';

// The section forms (which work without JavaScript) read back into protocol content, and their problems
// named by the form's own fields; and the sign-off form.

/** The body a browser posts for a section shown unchanged, then edited by `change`. */
function body(
  section: SectionPath,
  change: (b: Record<string, string>) => void = () => undefined,
): Record<string, string> {
  const items = formItemsFromContent(section, DEFAULT_PROTOCOL);
  const b: Record<string, string> = { count: String(items.length) };
  for (const item of items) {
    b[`item-${item.index}-key`] = item.key;
    for (const [name, value] of Object.entries(item.fields)) {
      if (value !== undefined && value !== '') {
        b[`item-${item.index}-${name}`] = value;
      }
    }
  }
  change(b);
  return b;
}

const apply = (section: SectionPath, b: Record<string, string>): SectionResult =>
  applySectionForm(section, formItemsFromBody(section, b), DEFAULT_PROTOCOL);

const index = (section: SectionPath, key: string): number =>
  formItemsFromContent(section, DEFAULT_PROTOCOL).findIndex((i: FormItem) => i.key === key);

describe('section forms', () => {
  it.each(['red-flags', 'quick-picks', 'destinations'] as const)(
    'reads an unchanged %s form back as the same content',
    (section) => {
      expect(apply(section, body(section))).toEqual({ ok: true, content: DEFAULT_PROTOCOL });
    },
  );

  it('reads trigger phrases one per line, dropping blank lines, and removes a ticked red flag', () => {
    const chest = index('red-flags', 'chest-pain');
    const fits = index('red-flags', 'fits');
    const result = apply(
      'red-flags',
      body('red-flags', (b) => {
        b[`item-${chest}-phrases`] = ' chest pain \r\n\r\ncrushing\n';
        b[`item-${fits}-remove`] = 'yes';
      }),
    );
    if (!result.ok) {
      throw new Error(JSON.stringify(result.issues));
    }
    expect(result.content.redFlags.find((f) => f.key === 'chest-pain')?.phrases).toEqual([
      'chest pain',
      'crushing',
    ]);
    expect(result.content.redFlags.some((f) => f.key === 'fits')).toBe(false);
  });

  it('adds the blank item only when it has words, with a key made from them that is not taken', () => {
    const n = DEFAULT_PROTOCOL.quickPicks.length;
    const untouched = apply(
      'quick-picks',
      body('quick-picks', (b) => (b[`item-${n}-dest-1`] = 'gp')),
    );
    expect(untouched.ok && untouched.content.quickPicks).toHaveLength(n);
    const added = apply(
      'quick-picks',
      body('quick-picks', (b) => {
        b[`item-${n}-label`] = 'Teeth!';
        b[`item-${n}-dest-1`] = 'dentist';
        b[`item-${n}-dest-2`] = 'dentist';
        b[`item-${n}-dest-3`] = 'gp';
        b[`item-${n}-need-housing`] = 'yes';
      }),
    );
    expect(added.ok && added.content.quickPicks.at(-1)).toEqual({
      key: 'teeth-2',
      label: 'Teeth!',
      needs: ['housing'],
      destinations: ['dentist', 'gp'],
    });
  });

  it('names the field of each problem, in page order, and keeps a destination a quick pick offers', () => {
    const dentist = index('destinations', 'dentist');
    const nurse = index('destinations', 'practice-nurse');
    const result = apply(
      'destinations',
      body('destinations', (b) => {
        b[`item-${dentist}-remove`] = 'yes';
        b[`item-${nurse}-readAloud`] = '   ';
        b[`item-${nurse}-notSuitableWhen`] = 'x'.repeat(401);
      }),
    );
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          field: `item-${nurse}-readAloud`,
          message: `Enter the words to read aloud for destination ${nurse + 1}`,
        },
        {
          field: `item-${nurse}-notSuitableWhen`,
          message: `Not suitable when must be 400 characters or fewer for destination ${nurse + 1}`,
        },
        {
          field: `item-${dentist}-remove`,
          message: 'Take this destination off the quick picks that offer it before removing it: Teeth',
        },
      ].sort((a, b) => Number(a.field.split('-')[1]) - Number(b.field.split('-')[1])),
    });
  });

  it('links a rule about the whole section to a field that can fix it', () => {
    const gp = index('destinations', 'gp');
    const noGp = apply(
      'destinations',
      body('destinations', (b) => (b[`item-${gp}-enabled`] = '')),
    );
    expect(noGp.ok || noGp.issues.map((i) => i.field)).toEqual([`item-${gp}-kind`]);
    const noFlags = apply(
      'red-flags',
      body('red-flags', (b) => {
        DEFAULT_PROTOCOL.redFlags.forEach((_, i) => (b[`item-${i}-remove`] = 'yes'));
      }),
    );
    expect(noFlags).toEqual({
      ok: false,
      issues: [{ field: 'item-0-remove', message: 'A protocol needs at least one red flag' }],
    });
  });

  it('refuses an outcome that is not one of the four fixed ones', () => {
    const result = apply(
      'red-flags',
      body('red-flags', (b) => (b['item-0-outcome'] = 'ignore')),
    );
    expect(result.ok || result.issues).toEqual([
      { field: 'item-0-outcome', message: 'Select what the navigator must do for red flag 1' },
    ]);
  });
});

describe('the sign-off form', () => {
  const today = '2026-11-23';
  const form = (fields: Record<string, string>): ApprovalFormValues =>
    approvalValuesFromBody({
      statement: 'yes',
      approverName: 'Dr Kim Patel',
      'reviewDue[day]': '23',
      'reviewDue[month]': '11',
      'reviewDue[year]': '2027',
      ...fields,
    });

  it('takes a review date in the future, within three years', () => {
    expect(parseApproval(form({}), today)).toEqual({
      ok: true,
      value: { approverName: 'Dr Kim Patel', reviewDue: '2027-11-23', notes: '' },
    });
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
  });

  it.each([
    [{ statement: '' }, 'statement', 'Confirm that you have reviewed the protocol'],
    [{ approverName: ' ' }, 'approverName', 'Enter your name as it should be shown'],
    [{ 'reviewDue[year]': '2026' }, 'reviewDue-day', 'Review due date must be in the future'],
    [
      { 'reviewDue[day]': '23', 'reviewDue[year]': '2026', 'reviewDue[month]': '11' },
      'reviewDue-day',
      'in the future',
    ],
    [{ 'reviewDue[year]': '2030' }, 'reviewDue-day', 'within 3 years'],
    [{ 'reviewDue[month]': '' }, 'reviewDue-day', 'Review due date must include a month'],
  ])('refuses %j', (fields, field, message) => {
    const result = parseApproval(form(fields), today);
    expect(result.ok).toBe(false);
    expect(result.ok || result.issues).toEqual([
      { field, message: expect.stringContaining(message) as string },
    ]);
  });
});
