// The NHS.UK date input (day, month, year boxes) as a form field: read the three boxes, keep what was
// typed, and turn it into a calendar date or a reason it is not one. The nhsuk-frontend dateInput macro
// with `namePrefix: "dateOfBirth"` names its boxes `dateOfBirth[day]`, `dateOfBirth[month]`,
// `dateOfBirth[year]` and gives the first box the id `dateOfBirth-day` (the error summary links there).

export interface DateInputValues {
  day: string;
  month: string;
  year: string;
}

export type DateInputProblem = 'required' | 'missingDay' | 'missingMonth' | 'missingYear' | 'notReal';

export type DateInputResult = { ok: true; value: string } | { ok: false; problem: DateInputProblem };

/**
 * The three boxes of a date input as typed (trimmed; missing boxes are empty).
 * @param body - the posted form or query
 * @param prefix - the macro's `namePrefix`
 */
export function readDateInput(body: unknown, prefix: string): DateInputValues {
  const fields = (body ?? {}) as Record<string, unknown>;
  const box = (part: keyof DateInputValues): string => {
    const value = fields[`${prefix}[${part}]`];
    return typeof value === 'string' ? value.trim().slice(0, 10) : '';
  };
  return { day: box('day'), month: box('month'), year: box('year') };
}

/**
 * A real calendar date from the three boxes, as 'YYYY-MM-DD'.
 * @param values - the boxes as typed
 */
export function parseDateInput(values: DateInputValues): DateInputResult {
  const { day, month, year } = values;
  if (day === '' && month === '' && year === '') {
    return { ok: false, problem: 'required' };
  }
  if (day === '') {
    return { ok: false, problem: 'missingDay' };
  }
  if (month === '') {
    return { ok: false, problem: 'missingMonth' };
  }
  if (year === '') {
    return { ok: false, problem: 'missingYear' };
  }
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { ok: false, problem: 'notReal' };
  }
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, problem: 'notReal' };
  }
  return { ok: true, value: date.toISOString().slice(0, 10) };
}

/**
 * The three boxes showing a stored date (for an edit form).
 * @param date - 'YYYY-MM-DD'
 */
export function dateInputValues(date: string): DateInputValues {
  const [year = '', month = '', day = ''] = date.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}
