import { uuidParam } from '../../http/path-params.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, type FieldIssue } from '../../http/errors.ts';
import { formErrorView } from '../../http/forms.ts';
import { auditRequest } from '../../http/request-audit.ts';
import { findPractice } from '../accounts/practice.repository.ts';
import { findUserById } from '../accounts/user.repository.ts';
import { listOrganizationNames } from '../directory/organization-names.repository.ts';
import { findNeed } from '../directory/vocabulary.ts';
import { SOURCE_LABELS, STATUS_LABELS, STATUS_TAG_COLOURS } from '../referrals/referral.model.ts';
import { listReferralsForPatient } from '../referrals/referral.service.ts';
import {
  CONSENT_DECISIONS,
  CONSENT_KIND_LABELS,
  CONSENT_KINDS,
  CONSENT_METHOD_LABELS,
  CONSENT_METHODS,
  consentWording,
  parseConsentForm,
} from './consent.schema.ts';
import { consentHistory } from './consent.view-model.ts';
import type { Patient } from './people.model.ts';
import { findPatientById, listConsentEvents, listShareConsents, recordConsent } from './people.service.ts';
import { longDate, patientRows, personHref } from './people.view-model.ts';
import { formText } from './person-fields.ts';
import { param, staffActor, type PagesDeps } from './staff-request.ts';

// A person's record page: summary, consents now and their history, referrals, and recording a consent
// decision. Showing the page records a 'read' of the person in the audit trail.

const PERSON_TEMPLATE = 'people/views/person.njk';
const CONSENT_FIELDS = ['kind', 'decision', 'method', 'organizationId', 'referralId'];

const NOTICES: Readonly<Partial<Record<string, string>>> = {
  created: 'Record created',
  updated: 'Record updated',
  consent: 'Consent decision recorded',
};

async function consentFormOptions(
  deps: PagesDeps,
  patientId: string,
): Promise<{ organisations: Map<string, string>; referrals: { id: string; receivedAt: Date }[] }> {
  const [organisations, referrals] = await Promise.all([
    listOrganizationNames(deps.db, deps.tenant.id),
    listReferralsForPatient(deps.db, deps.tenant.id, patientId),
  ]);
  return {
    organisations: new Map(organisations.map((o) => [o.id, o.name])),
    referrals: referrals.map((r) => ({ id: r.id, receivedAt: r.receivedAt })),
  };
}

async function userNames(deps: PagesDeps, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  const users = await Promise.all(unique.map((id) => findUserById(deps.db, deps.tenant.id, id)));
  return new Map(users.flatMap((u) => (u === undefined ? [] : [[u.id, u.displayName] as const])));
}

async function renderPerson(
  deps: PagesDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  view: { patient: Patient; body?: unknown; issues?: readonly FieldIssue[]; notice?: string },
): Promise<FastifyReply> {
  const { patient } = view;
  const actor = staffActor(request);
  const [practice, events, shares, referrals, options] = await Promise.all([
    patient.practiceId === null
      ? Promise.resolve(undefined)
      : findPractice(deps.db, deps.tenant.id, { id: patient.practiceId }),
    listConsentEvents(deps.db, deps.tenant.id, patient.id),
    listShareConsents(deps.db, deps.tenant.id, patient.id),
    listReferralsForPatient(deps.db, deps.tenant.id, patient.id),
    consentFormOptions(deps, patient.id),
  ]);
  const users = await userNames(
    deps,
    events.map((e) => e.recordedBy),
  );
  const body = view.body ?? {};
  const chosen = (field: string): string => formText(body, field);
  await auditRequest(deps.db, request, deps.tenant.id, {
    action: 'read',
    subjectType: 'patient',
    subjectId: patient.id,
    subjectLabel: 'Patient record',
  });
  return reply.view(PERSON_TEMPLATE, {
    ...formErrorView(view.issues ?? [], CONSENT_FIELDS),
    notice: view.notice,
    person: {
      id: patient.id,
      name: `${patient.givenName} ${patient.familyName}`,
      editHref: `${personHref(patient.id)}/edit`,
      consentAction: `${personHref(patient.id)}/consents`,
    },
    rows: patientRows(patient, practice?.name ?? null),
    consentsNow: [
      {
        key: { text: 'Social prescribing' },
        value: {
          text: {
            given: 'Given',
            declined: 'Declined',
            withdrawn: 'Withdrawn',
            'not-asked': 'Not asked yet',
          }[patient.consentSocialPrescribing],
        },
      },
      {
        key: { text: 'Contact by text message' },
        value: { text: patient.consentSms ? 'Given' : 'Not given' },
      },
      { key: { text: 'Contact by email' }, value: { text: patient.consentEmail ? 'Given' : 'Not given' } },
      ...shares.map((s) => ({
        key: {
          text: `Share details with ${options.organisations.get(s.organizationId) ?? 'an organisation no longer listed'}`,
        },
        value: {
          text: `${s.granted ? 'Given' : 'Withdrawn'} for the referral of ${referralDate(options.referrals, s.referralId)}`,
        },
      })),
    ],
    history: consentHistory(events, { organisations: options.organisations, users }),
    referrals: referrals.map((r) => ({
      href: `/app/referrals/${r.id}`,
      receivedAt: r.receivedAt,
      source: SOURCE_LABELS[r.source],
      needs: r.needs.map((code) => findNeed(code)?.label ?? code).join(', '),
      status: STATUS_LABELS[r.status],
      statusColour: STATUS_TAG_COLOURS[r.status],
      flagged: r.flaggedForClinician,
    })),
    canRecordConsent: actor.permissions.has('people:write'),
    consentForm: {
      kindItems: CONSENT_KINDS.map((k) => ({
        value: k,
        text: CONSENT_KIND_LABELS[k],
        checked: k === chosen('kind'),
        hint: { text: consentWording(k, 'the organisation you choose') },
      })),
      decisionItems: CONSENT_DECISIONS.map((d) => ({
        value: d,
        text: { given: 'Given', declined: 'Declined', withdrawn: 'Withdrawn' }[d],
        checked: d === chosen('decision'),
      })),
      methodItems: CONSENT_METHODS.map((m) => ({
        value: m,
        text: CONSENT_METHOD_LABELS[m],
        checked: m === chosen('method'),
      })),
      organisationItems: [
        { value: '', text: 'Choose an organisation', selected: chosen('organizationId') === '' },
        ...[...options.organisations].map(([id, name]) => ({
          value: id,
          text: name,
          selected: id === chosen('organizationId'),
        })),
      ],
      referralItems: [
        { value: '', text: 'Choose a referral', selected: chosen('referralId') === '' },
        ...options.referrals.map((r) => ({
          value: r.id,
          text: `Referral received ${longDate(r.receivedAt.toISOString().slice(0, 10))}`,
          selected: r.id === chosen('referralId'),
        })),
      ],
    },
    csrfToken: reply.csrfToken(),
  });
}

function referralDate(referrals: readonly { id: string; receivedAt: Date }[], id: string | null): string {
  const found = referrals.find((r) => r.id === id);
  return found === undefined ? 'an earlier referral' : longDate(found.receivedAt.toISOString().slice(0, 10));
}

/**
 * GET /app/people/:id: the person's record.
 * @param deps - database, configuration, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function personGet(
  deps: PagesDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const patient = await findPatientById(deps.db, deps.tenant.id, uuidParam(param(request, 'id')));
  if (patient === undefined) {
    throw ApiError.notFound('Page not found');
  }
  const done = formText(request.query, 'done');
  return renderPerson(deps, request, reply, {
    patient,
    ...(NOTICES[done] === undefined ? {} : { notice: NOTICES[done] }),
  });
}

/**
 * POST /app/people/:id/consents: records a consent decision (and its audit entry) in one transaction.
 * @param deps - database, configuration, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function consentsPost(
  deps: PagesDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const actor = staffActor(request);
  const patient = await findPatientById(deps.db, deps.tenant.id, uuidParam(param(request, 'id')));
  if (patient === undefined) {
    throw ApiError.notFound('Page not found');
  }
  const options = await consentFormOptions(deps, patient.id);
  const parsed = parseConsentForm(request.body, {
    organisations: options.organisations,
    referralIds: options.referrals.map((r) => r.id),
  });
  if (!parsed.ok) {
    reply.status(400);
    return renderPerson(deps, request, reply, { patient, body: request.body, issues: parsed.issues });
  }
  const { record } = parsed.value;
  await deps.db.transaction().execute(async (trx) => {
    await recordConsent(trx, deps.tenant.id, patient.id, record, actor.userId);
    await auditRequest(trx, request, deps.tenant.id, {
      action: 'update',
      subjectType: 'patient',
      subjectId: patient.id,
      subjectLabel: 'Consent',
      details: {
        consent: record.change.kind,
        granted:
          record.change.kind === 'social-prescribing'
            ? record.change.decision === 'given'
            : record.change.granted,
        method: record.method,
      },
    });
  });
  return reply.redirect(`${personHref(patient.id)}?done=consent#consents`, 303);
}
