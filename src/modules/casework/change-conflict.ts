import { z } from 'zod';

// Optimistic locking's "this record changed while you were editing it" page needs to say WHAT changed.
// A form carries, beside the version it was based on, the values it showed (`shown`: base64url JSON of
// display strings). On a version conflict, those are compared with the record as it is now. The values
// only ever describe the record back to the same user, so a tampered field can mislead no one else; a
// missing or unreadable one just gives an empty list.

export type ShownValues = Record<string, string>;

export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

const shownSchema = z.record(z.string(), z.string().max(10_000));

/**
 * The values a form showed, for its hidden `shown` field.
 * @param values - display strings by field
 */
export function encodeShown(values: ShownValues): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/**
 * The values a form showed, read back from its hidden field; null when missing or unreadable.
 * @param value - the posted `shown` field
 */
export function decodeShown(value: unknown): ShownValues | null {
  if (typeof value !== 'string' || value.length > 60_000) {
    return null;
  }
  try {
    const parsed = shownSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const display = (value: string | undefined): string =>
  value === undefined || value === '' ? 'Nothing' : value;

/**
 * The fields whose values differ between what the form showed and the record now, in label order.
 * @param shown - what the form showed (null when unknown)
 * @param current - the record now
 * @param labels - the fields to compare, with their labels, in display order
 */
export function changedFields(
  shown: ShownValues | null,
  current: ShownValues,
  labels: Readonly<Record<string, string>>,
): FieldChange[] {
  if (shown === null) {
    return [];
  }
  return Object.entries(labels)
    .filter(([field]) => (shown[field] ?? '') !== (current[field] ?? ''))
    .map(([field, label]) => ({
      field,
      label,
      before: display(shown[field] as string | undefined),
      after: display(current[field] as string | undefined),
    }));
}
