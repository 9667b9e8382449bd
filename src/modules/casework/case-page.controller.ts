import type { FastifyReply, FastifyRequest } from 'fastify';
import { readDateInput, type DateInputValues } from '../../http/date-input.ts';
import { ApiError, type FieldIssue } from '../../http/errors.ts';
import { formErrorView } from '../../http/forms.ts';
import { auditRequest } from '../../http/request-audit.ts';
import { loadCaseFor, nowOf, requireAuth, todayOf, type CaseworkDeps } from './case-access.ts';
import { findCaseById, type SpCase } from './case.repository.ts';
import { caseFormState, CASE_FIELD_LABELS, loadCasePage } from './case-page.view-model.ts';
import { caseworkMessage as m, type CaseworkContentKey } from './casework.content.ts';
import { expectedVersion, parseContact, textField } from './casework.schema.ts';
import { CONTACT_MODES, CONTACT_MODE_LABELS } from './casework.vocabulary.ts';
import { changedFields, decodeShown, type FieldChange } from './change-conflict.ts';
import { recordContact } from './contact.service.ts';
import { londonDate } from './working-days.ts';

// The case page and its contact form (the safeguarding forms on it post to safeguarding.controller.ts).

const TEMPLATE = 'casework/views/case.njk';
const FIELD_ORDER = [
  'date-day',
  'mode',
  'attended',
  'duration',
  'notes',
  'nextContact-day',
  'description',
  'clinicianId',
];

export type Body = Record<string, unknown>;

export interface CasePageState {
  issues?: readonly FieldIssue[];
  body?: Body;
  conflict?: FieldChange[] | null;
  status?: number;
}

const NOTICES: Record<string, CaseworkContentKey> = {
  contactAdded: 'pages.case.notice.contactAdded',
  firstContact: 'pages.case.notice.firstContact',
  discharged: 'pages.case.notice.discharged',
  raised: 'pages.safeguarding.notice.raised',
  resolved: 'pages.safeguarding.notice.resolved',
  sent: 'pages.onward.notice.sent',
  signposted: 'pages.onward.notice.signposted',
  status: 'pages.onward.notice.status',
};

/**
 * The success message named by `?done=`, if any.
 * @param request - the request
 * @param notices - the messages a page knows
 */
export function noticeOf(
  request: FastifyRequest,
  notices: Record<string, CaseworkContentKey>,
): string | null {
  const done = (request.query as { done?: unknown } | undefined)?.done;
  return typeof done === 'string' && done in notices ? m(notices[done]) : null;
}

function contactForm(body: Body, today: string): Record<string, unknown> {
  const typed = (prefix: string, fallback: DateInputValues): DateInputValues =>
    Object.keys(body).length === 0 ? fallback : readDateInput(body, prefix);
  const [year = '', month = '', day = ''] = today.split('-');
  const mode = textField(body, 'mode');
  const attended = textField(body, 'attended');
  return {
    date: typed('date', { day: String(Number(day)), month: String(Number(month)), year }),
    nextContact: typed('nextContact', { day: '', month: '', year: '' }),
    modeItems: CONTACT_MODES.map((value) => ({
      value,
      text: CONTACT_MODE_LABELS[value],
      checked: value === mode,
    })),
    attendedItems: [
      { value: 'yes', text: 'Yes, they attended', checked: attended === 'yes' },
      { value: 'no', text: 'No, they did not attend', checked: attended === 'no' },
    ],
    duration: textField(body, 'duration'),
    notes: textField(body, 'notes'),
    description: textField(body, 'description'),
    clinicianId: textField(body, 'clinicianId'),
  };
}

/**
 * Renders the case page (recording the read in the audit trail).
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 * @param spCase - the case
 * @param state - the problems, what was typed, a conflict, and the status code
 */
export async function renderCase(
  deps: CaseworkDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  spCase: SpCase,
  state: CasePageState = {},
): Promise<FastifyReply> {
  const auth = requireAuth(request);
  const page = await loadCasePage(deps, spCase, auth);
  const body = state.body ?? {};
  const view = formErrorView(state.issues ?? [], FIELD_ORDER);
  const clinicianItems = (page.context.clinicianItems as { value: string; text: string }[]).map((i) => ({
    ...i,
    selected: i.value !== '' && i.value === textField(body, 'clinicianId'),
  }));
  await auditRequest(deps.db, request, deps.tenant.id, {
    action: 'read',
    subjectType: 'patient',
    subjectId: spCase.patientId,
    subjectLabel: 'Social prescribing case',
    details: { caseId: spCase.id },
  });
  reply.status(state.status ?? 200);
  return reply.view(TEMPLATE, {
    ...page.context,
    ...view,
    clinicianItems,
    form: contactForm(body, todayOf(deps)),
    resolveFor: textField(body, 'flagId'),
    resolution: textField(body, 'resolution'),
    conflict: state.conflict ?? null,
    notice: noticeOf(request, NOTICES),
    csrfToken: reply.csrfToken(),
  });
}

/**
 * GET /app/cases/:id
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function caseGet(
  deps: CaseworkDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const spCase = await loadCaseFor(deps, request, 'read');
  return renderCase(deps, request, reply, spCase);
}

/**
 * The conflict shown when a case changed under a form: what changed since the form was shown.
 * @param deps - the database and tenant
 * @param caseId - the case
 * @param body - the posted form (its `shown` field)
 */
export async function caseConflict(
  deps: CaseworkDeps,
  caseId: string,
  body: Body,
): Promise<{ spCase: SpCase; changes: FieldChange[] }> {
  const spCase = await findCaseById(deps.db, deps.tenant.id, caseId);
  if (spCase === undefined) {
    throw ApiError.notFound('Page not found');
  }
  const now = await caseFormState(deps, spCase);
  return { spCase, changes: changedFields(decodeShown(body.shown), now.values, CASE_FIELD_LABELS) };
}

/**
 * POST /app/cases/:id/contacts
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function contactsPost(
  deps: CaseworkDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const spCase = await loadCaseFor(deps, request, 'write');
  const body = (request.body ?? {}) as Body;
  const now = nowOf(deps);
  const parsed = parseContact(body, { today: londonDate(now), acceptedOn: londonDate(spCase.acceptedAt) });
  if (!parsed.ok) {
    return renderCase(deps, request, reply, spCase, { issues: parsed.issues, body, status: 400 });
  }
  const auth = requireAuth(request);
  const result = await deps.db.transaction().execute(async (trx) => {
    const outcome = await recordContact(trx, deps.tenant.id, {
      caseId: spCase.id,
      expectedVersion: expectedVersion(body),
      input: parsed.value,
      actorUserId: auth.user.id,
      now,
    });
    if (outcome.ok) {
      await auditRequest(trx, request, deps.tenant.id, {
        action: 'create',
        subjectType: 'patient',
        subjectId: spCase.patientId,
        subjectLabel: 'Social prescribing contact',
        details: {
          caseId: spCase.id,
          contactId: outcome.contactId,
          firstContact: outcome.firstContact,
          codedEvent: outcome.coded?.written === true ? outcome.coded.code : null,
        },
      });
    }
    return outcome;
  });
  if (result.ok) {
    return reply.redirect(
      `/app/cases/${spCase.id}?done=${result.firstContact ? 'firstContact' : 'contactAdded'}#contacts`,
      303,
    );
  }
  const current = await caseConflict(deps, spCase.id, body);
  if (result.error === 'CaseDischarged' || current.spCase.status === 'discharged') {
    return renderCase(deps, request, reply, current.spCase, {
      issues: [{ field: 'date-day', message: m('pages.case.state.validationError.discharged') }],
      body,
      status: 409,
    });
  }
  return renderCase(deps, request, reply, current.spCase, { body, conflict: current.changes, status: 409 });
}
