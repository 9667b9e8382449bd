import { z } from 'zod';
import type { FieldIssue } from '../../http/errors.ts';
import { AUDIT_ACTIONS, AUDIT_SUBJECT_TYPES } from './audit.model.ts';
import type { AuditExportFilter } from './audit-csv.ts';

// The audit search form (GET query): by person (the record looked at), by user (who looked), by date and
// by action. Dates are whole days in UK time, "to" inclusive.

export interface AuditSearchForm {
  subjectType: string;
  subjectId: string;
  user: string;
  action: string;
  from: string;
  to: string;
}

export const AUDIT_FORM_FIELDS: (keyof AuditSearchForm)[] = [
  'subjectType',
  'subjectId',
  'user',
  'action',
  'from',
  'to',
];

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/**
 * The form's fields as typed (for redisplay).
 * @param query - the request's query string
 */
export function readAuditSearchForm(query: unknown): AuditSearchForm {
  const q = (query ?? {}) as Record<string, unknown>;
  return {
    subjectType: text(q.subjectType),
    subjectId: text(q.subjectId),
    user: text(q.user),
    action: text(q.action),
    from: text(q.from),
    to: text(q.to),
  };
}

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date like 2026-11-21' })
  .refine(isRealDate, { error: 'must be a real date' });

/** A YYYY-MM-DD string naming a day that exists (not 30 February). */
function isRealDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const schema = z
  .object({
    subjectType: z.enum(AUDIT_SUBJECT_TYPES, { error: 'Choose a kind of record from the list' }).optional(),
    subjectId: z.string().max(200, { error: 'Record id must be 200 characters or fewer' }).optional(),
    user: z.uuid({ error: 'Choose a user from the list' }).optional(),
    action: z.enum(AUDIT_ACTIONS, { error: 'Choose an action from the list' }).optional(),
    from: day.optional(),
    to: day.optional(),
  })
  .refine((v) => v.subjectId === undefined || v.subjectType !== undefined, {
    error: 'Choose what kind of record the id belongs to',
    path: ['subjectType'],
  })
  .refine((v) => v.from === undefined || v.to === undefined || v.from <= v.to, {
    error: "'To' date must be the same as or after 'From' date",
    path: ['to'],
  });

const MESSAGES: Record<string, string> = {
  from: "'From' date must be a real date, like 2026-11-21",
  to: "'To' date must be a real date, like 2026-11-21",
};

/** Midnight UK time at the start of a YYYY-MM-DD day, as an instant. */
function ukMidnight(date: string): Date {
  const utc = new Date(`${date}T00:00:00Z`);
  const londonHour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' }).format(
      utc,
    ),
  );
  return new Date(utc.getTime() - londonHour * 3_600_000);
}

/**
 * Checks the form and turns it into audit search filters.
 * @param form - the fields as typed
 */
export function parseAuditSearchForm(
  form: AuditSearchForm,
): { ok: true; filter: AuditExportFilter } | { ok: false; issues: FieldIssue[] } {
  const blankToUndefined = Object.fromEntries(
    Object.entries(form).map(([k, v]) => [k, v === '' ? undefined : v]),
  );
  const parsed = schema.safeParse(blankToUndefined);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => {
        const field = String(issue.path[0] ?? 'subjectType');
        const message = issue.code === 'custom' ? issue.message : (MESSAGES[field] ?? issue.message);
        return { field, message };
      }),
    };
  }
  const v = parsed.data;
  const filter: AuditExportFilter = {
    ...(v.subjectType === undefined ? {} : { subjectType: v.subjectType }),
    ...(v.subjectId === undefined ? {} : { subjectId: v.subjectId }),
    ...(v.user === undefined ? {} : { actorUserId: v.user }),
    ...(v.action === undefined ? {} : { action: v.action }),
    ...(v.from === undefined ? {} : { from: ukMidnight(v.from) }),
    ...(v.to === undefined ? {} : { to: new Date(ukMidnight(v.to).getTime() + 86_400_000) }),
  };
  return { ok: true, filter };
}

/**
 * The filters as small audit details (ids and dates only) for the entry recording the search itself.
 * @param form - the fields as typed and accepted
 */
export function searchDetails(form: AuditSearchForm): Record<string, string> {
  return Object.fromEntries(Object.entries(form).filter(([, v]) => v !== ''));
}
