import type { z } from 'zod';
import type { FieldIssue } from './errors.ts';

/** What a page with a form needs to show the NHS.UK error summary and each field's error message. */
export interface FormErrorView {
  errorList: { text: string; href: string }[];
  errors: Record<string, { text: string }>;
}

/**
 * Turns field issues into the NHS.UK error summary (in the given field order) and per-field messages.
 * @param issues - the problems, by field name (the field's id on the page)
 * @param order - the order the fields appear on the page
 */
export function formErrorView(issues: readonly FieldIssue[], order: readonly string[] = []): FormErrorView {
  const rank = (field: string): number => {
    const i = order.indexOf(field);
    return i === -1 ? order.length : i;
  };
  const firstPerField = new Map<string, string>();
  for (const issue of [...issues].sort((a, b) => rank(a.field) - rank(b.field))) {
    if (!firstPerField.has(issue.field)) {
      firstPerField.set(issue.field, issue.message);
    }
  }
  return {
    errorList: [...firstPerField].map(([field, text]) => ({ text, href: `#${field}` })),
    errors: Object.fromEntries([...firstPerField].map(([field, text]) => [field, { text }])),
  };
}

/** A form's typed values, or its problems by field (the field's id on the page, for the error summary). */
export type FormResult<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

/**
 * Parses a posted form (or a query string) with its schema.
 * @param schema - the form's zod schema
 * @param body - the posted form; a missing body is an empty form
 */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.output<S>> {
  const parsed = schema.safeParse(body ?? {});
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, issues: zodFieldIssues(parsed.error) };
}

/** No errors: the view of a form shown for the first time. */
export const NO_FORM_ERRORS: FormErrorView = { errorList: [], errors: {} };

/**
 * Field issues from a failed zod parse (the first path segment names the field).
 * @param error - the zod error
 */
export function zodFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ field: String(issue.path[0] ?? 'form'), message: issue.message }));
}

// A path on this site as a browser sends it: printable ASCII only (anything else arrives percent-encoded).
// Browsers drop tabs and line breaks from a URL and read a backslash as a slash, so "/<tab>/evil.example"
// or "/\evil.example" would leave the site; a Location header cannot carry other characters at all.
const SITE_PATH = /^\/(?![/\\])[\x21-\x5b\x5d-\x7e]*$/;

/**
 * A safe place to go back to after sign-in: a path on this site, never another site.
 * @param next - the requested path (from a query string or form)
 * @param fallback - where to go when it is missing or unsafe
 */
export function safeNextPath(next: unknown, fallback = '/app'): string {
  if (typeof next !== 'string' || next.length > 500 || !SITE_PATH.test(next)) {
    return fallback;
  }
  return next;
}
