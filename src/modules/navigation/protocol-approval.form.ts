import { parseDateInput, readDateInput, type DateInputValues } from '../../http/date-input.ts';
import type { FieldIssue } from '../../http/errors.ts';
import type { FormResult } from '../../http/forms.ts';
import { protocolMessage as m } from './protocol.content.ts';
import type { ApprovalInput } from './protocol-versions.service.ts';

// The clinical safety sign-off form: the statement ticked, the approver's name as it will be shown, the
// review due date (in the future, within three years) and optional notes.

export const APPROVAL_FIELD_ORDER = ['statement', 'approverName', 'reviewDue-day', 'notes'];
const MAX_REVIEW_YEARS = 3;

/** What the approval form shows: as typed after a problem, else the defaults. */
export interface ApprovalFormValues {
  statement: boolean;
  approverName: string;
  reviewDue: DateInputValues;
  notes: string;
}

const text = (body: Record<string, unknown>, name: string): string => {
  const value = body[name];
  return typeof value === 'string' ? value.trim() : '';
};

/**
 * Adds whole years to a calendar date ('YYYY-MM-DD'); 29 February becomes 28 February.
 * @param date - the date
 * @param years - how many years
 */
export function addYears(date: string, years: number): string {
  const [y = 0, mo = 1, d = 1] = date.split('-').map(Number);
  const day = mo === 2 && d === 29 ? 28 : d;
  return `${String(y + years).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The approval form as first shown: the approver's own name, a review in twelve months.
 * @param displayName - the signed-in clinician's name
 * @param today - today in England ('YYYY-MM-DD')
 */
export function defaultApprovalValues(displayName: string, today: string): ApprovalFormValues {
  const [year = '', month = '', day = ''] = addYears(today, 1).split('-');
  return {
    statement: false,
    approverName: displayName,
    reviewDue: { day: String(Number(day)), month: String(Number(month)), year },
    notes: '',
  };
}

/**
 * The approval form as posted.
 * @param body - the posted form
 */
export function approvalValuesFromBody(body: Record<string, unknown>): ApprovalFormValues {
  return {
    statement: text(body, 'statement') === 'yes',
    approverName: text(body, 'approverName'),
    reviewDue: readDateInput(body, 'reviewDue'),
    notes: text(body, 'notes'),
  };
}

/**
 * Checks the approval form.
 * @param values - the form as posted
 * @param today - today in England ('YYYY-MM-DD')
 */
export function parseApproval(values: ApprovalFormValues, today: string): FormResult<ApprovalInput> {
  const issues: FieldIssue[] = [];
  if (!values.statement) {
    issues.push({
      field: 'statement',
      message: m('pages.protocolApprove.statement.validationError.required'),
    });
  }
  if (values.approverName === '') {
    issues.push({
      field: 'approverName',
      message: m('pages.protocolApprove.approverName.validationError.required'),
    });
  } else if (values.approverName.length > 120) {
    issues.push({
      field: 'approverName',
      message: m('pages.protocolApprove.approverName.validationError.tooLong'),
    });
  }
  const due = parseDateInput(values.reviewDue);
  if (!due.ok) {
    issues.push({
      field: 'reviewDue-day',
      message: m(`pages.protocolApprove.reviewDue.validationError.${due.problem}`),
    });
  } else if (due.value <= today) {
    issues.push({
      field: 'reviewDue-day',
      message: m('pages.protocolApprove.reviewDue.validationError.future'),
    });
  } else if (due.value > addYears(today, MAX_REVIEW_YEARS)) {
    issues.push({
      field: 'reviewDue-day',
      message: m('pages.protocolApprove.reviewDue.validationError.tooFar'),
    });
  }
  if (values.notes.length > 2000) {
    issues.push({ field: 'notes', message: m('pages.protocolApprove.notes.validationError.tooLong') });
  }
  if (issues.length > 0 || !due.ok) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    value: { approverName: values.approverName, reviewDue: due.value, notes: values.notes },
  };
}
