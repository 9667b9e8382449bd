import {
  parseDateInput,
  readDateInput,
  type DateInputProblem,
  type DateInputValues,
} from '../../http/date-input.ts';
import type { FieldIssue } from '../../http/errors.ts';
import { addDays } from '../casework/working-days.ts';

// The reports' filters (GET query): one practice or all, and a date range of whole days in UK time,
// "to" inclusive. With no dates the last 28 days are shown. Dates come from the NHS.UK date input's
// three boxes (`from[day]` ...) or, in links such as the CSV downloads, as `from=YYYY-MM-DD`.

export const DEFAULT_REPORT_DAYS = 28;
/** A year and a day: the day chart stays readable and the queries stay small. */
export const MAX_REPORT_DAYS = 366;
export const REPORT_FILTER_FIELDS = ['practice', 'from-day', 'to-day'];

export interface ReportFilter {
  /** Null: every practice (and navigations recorded without one). */
  practiceId: string | null;
  from: string;
  to: string;
}

export type ReportFilterResult =
  | { ok: true; value: ReportFilter; typed: TypedFilter }
  | { ok: false; issues: FieldIssue[]; typed: TypedFilter };

/** The filters as typed, for showing the form again. */
export interface TypedFilter {
  practice: string;
  from: DateInputValues;
  to: DateInputValues;
}

type Query = Record<string, unknown>;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const DATE_MESSAGES: Record<'from' | 'to', Record<DateInputProblem, string>> = {
  from: {
    required: "Enter the 'From' date",
    missingDay: "'From' date must include a day",
    missingMonth: "'From' date must include a month",
    missingYear: "'From' date must include a year",
    notReal: "'From' date must be a real date",
  },
  to: {
    required: "Enter the 'To' date",
    missingDay: "'To' date must include a day",
    missingMonth: "'To' date must include a month",
    missingYear: "'To' date must include a year",
    notReal: "'To' date must be a real date",
  },
};

/**
 * The boxes showing a 'YYYY-MM-DD' date.
 * @param date - the date
 */
export function boxesOf(date: string): DateInputValues {
  return {
    day: String(Number(date.slice(8, 10))),
    month: String(Number(date.slice(5, 7))),
    year: date.slice(0, 4),
  };
}

function readDate(
  query: Query,
  name: 'from' | 'to',
  fallback: string,
): { typed: DateInputValues; value: string | null; issue: FieldIssue | null } {
  const plain = query[name];
  const typed =
    typeof plain === 'string' && ISO_DATE.test(plain)
      ? boxesOf(plain)
      : query[`${name}[day]`] === undefined &&
          query[`${name}[month]`] === undefined &&
          query[`${name}[year]`] === undefined
        ? boxesOf(fallback)
        : readDateInput(query, name);
  const parsed = parseDateInput(typed);
  return parsed.ok
    ? { typed, value: parsed.value, issue: null }
    : { typed, value: null, issue: { field: `${name}-day`, message: DATE_MESSAGES[name][parsed.problem] } };
}

/**
 * Reads and checks the filters.
 * @param query - the request's query string
 * @param practiceIds - the tenant's practices (the only ids accepted)
 * @param today - today in UK time, 'YYYY-MM-DD' (the default range ends today)
 */
export function parseReportFilter(
  query: unknown,
  practiceIds: readonly string[],
  today: string,
): ReportFilterResult {
  const q = (query ?? {}) as Query;
  const practice = typeof q.practice === 'string' ? q.practice.trim() : '';
  const from = readDate(q, 'from', addDays(today, 1 - DEFAULT_REPORT_DAYS));
  const to = readDate(q, 'to', today);
  const typed = { practice, from: from.typed, to: to.typed };
  const issues: FieldIssue[] = [];
  if (practice !== '' && !practiceIds.includes(practice)) {
    issues.push({ field: 'practice', message: 'Select a practice from the list' });
  }
  for (const issue of [from.issue, to.issue]) {
    if (issue !== null) {
      issues.push(issue);
    }
  }
  if (from.value !== null && to.value !== null) {
    if (to.value < from.value) {
      issues.push({ field: 'to-day', message: "'To' date must be the same as or after the 'From' date" });
    } else if (addDays(from.value, MAX_REPORT_DAYS) <= to.value) {
      issues.push({ field: 'to-day', message: 'Choose a period of no more than a year' });
    }
  }
  if (issues.length > 0 || from.value === null || to.value === null) {
    return { ok: false, issues, typed };
  }
  return {
    ok: true,
    value: { practiceId: practice === '' ? null : practice, from: from.value, to: to.value },
    typed,
  };
}

/**
 * The filters as a query string for links (the CSV downloads).
 * @param filter - the accepted filters
 */
export function filterQuery(filter: ReportFilter): string {
  return new URLSearchParams({
    practice: filter.practiceId ?? '',
    from: filter.from,
    to: filter.to,
  }).toString();
}

/**
 * Every day of the range, oldest first.
 * @param filter - the accepted filters
 */
export function daysOf(filter: Pick<ReportFilter, 'from' | 'to'>): string[] {
  const days: string[] = [];
  for (let day = filter.from; day <= filter.to; day = addDays(day, 1)) {
    days.push(day);
  }
  return days;
}
