import { uuidParam } from '../../http/path-params.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readDateInput } from '../../http/date-input.ts';
import { ApiError, type FieldIssue } from '../../http/errors.ts';
import { formErrorView } from '../../http/forms.ts';
import { auditRequest } from '../../http/request-audit.ts';
import { findOrganisationById } from '../accounts/organisation.repository.ts';
import { searchOnwardServices } from '../casework/onward.service.ts';
import { findPatientById, patientSummary } from '../people/people.service.ts';
import { formText } from '../people/person-fields.ts';
import { nowOf, staffActor, type StaffActor } from '../people/staff-request.ts';
import { agreedDestination } from './navigate-copy.service.ts';
import { patientCopyText } from './navigate-copy.ts';
import { rankOptions, type ServiceCandidate } from './navigate-options.ts';
import { inStep, recordOffered } from './navigate.service.ts';
import { currentStep, type NavigationStep } from './navigate.state.ts';
import {
  baseView,
  clockTime,
  optionViews,
  quickPickButtons,
  redFlagGroups,
  stoppedView,
} from './navigate.view-model.ts';
import type { NavigationDeps } from './navigation.deps.ts';
import { findNavigationRecord, type NavigationRecord } from './navigation-record.repository.ts';
import { findProtocolVersion, toNavigationProtocol } from './protocol.repository.ts';
import type { NavigationProtocol } from './protocol.model.ts';

// Loading a navigation for the person continuing it, and rendering the step it is at. Only the navigator
// who started a navigation may continue it; anyone else gets the 404 of a record that does not exist.

export interface Navigation {
  record: NavigationRecord;
  protocol: NavigationProtocol;
  actor: StaffActor;
}

/**
 * The practice of the acting role's organisation when it is a GP practice, else null.
 * @param deps - database and tenant
 * @param actor - who is acting
 */
export async function actingPracticeOf(deps: NavigationDeps, actor: StaffActor): Promise<string | null> {
  if (actor.organisationKind !== 'practice') {
    return null;
  }
  return (await findOrganisationById(deps.db, deps.tenant.id, actor.organisationId))?.practiceId ?? null;
}

/**
 * The navigation named by the request's `:id`, if this navigator started it; else a 404.
 * @param deps - database and tenant
 * @param request - the request
 */
export async function loadNavigation(deps: NavigationDeps, request: FastifyRequest): Promise<Navigation> {
  const actor = staffActor(request);
  const id = uuidParam((request.params as { id?: unknown }).id);
  const record = await findNavigationRecord(deps.db, deps.tenant.id, id);
  if (record === undefined || record.navigatorUserId !== actor.userId) {
    throw ApiError.notFound('Page not found');
  }
  const row = await findProtocolVersion(deps.db, deps.tenant.id, record.protocolId);
  if (row === undefined) {
    throw new Error('A navigation names a protocol version that does not exist');
  }
  return { record, protocol: toNavigationProtocol(row), actor };
}

/**
 * Records that this request showed or changed a navigation, about its patient if known.
 * @param deps - database and tenant
 * @param request - the request
 * @param entry - the action, the record and any small facts
 */
export async function auditNavigation(
  deps: Pick<NavigationDeps, 'db' | 'tenant'>,
  request: FastifyRequest,
  entry: {
    action: 'read' | 'create' | 'update';
    record: Pick<NavigationRecord, 'id' | 'patientId'>;
    details?: Record<string, string | null>;
  },
): Promise<void> {
  await auditRequest(deps.db, request, deps.tenant.id, {
    action: entry.action,
    subjectType: 'patient',
    subjectId: entry.record.patientId,
    subjectLabel: 'Care navigation',
    details: { navigationId: entry.record.id, ...entry.details },
  });
}

/**
 * The navigation with the options it offers stored: the first time they are shown, ranked now with each
 * service's capacity at this moment.
 * @param deps - the dependencies
 * @param nav - a navigation at the options step
 */
async function withOffered(deps: NavigationDeps, nav: Navigation): Promise<Navigation> {
  const { record, protocol } = nav;
  if (record.optionsOffered !== null) {
    return nav;
  }
  const picks = protocol.content.quickPicks.filter((p) => record.needs.includes(p.key));
  const needs = [...new Set(picks.flatMap((p) => p.needs))];
  const services: ServiceCandidate[] = [];
  if (needs.length > 0) {
    const search = (postcode: string): ReturnType<typeof searchOnwardServices> =>
      searchOnwardServices(deps.db, {
        tenantId: deps.tenant.id,
        search: { text: '', needs, postcode },
        now: nowOf(deps),
        capacityStaleDays: deps.config.capacityStaleDays,
        listingStaleDays: deps.config.listingStaleDays,
      });
    // A postcode missing from the postcode data only loses the sorting by distance.
    let found = await search(record.patientPostcode ?? '');
    if (!found.ok) {
      found = await search('');
    }
    if (found.ok) {
      for (const hit of [...found.taking, ...found.notTaking]) {
        services.push({ id: hit.id, name: hit.name, capacity: hit.capacity.effective });
      }
    }
  }
  const ranked = rankOptions({ protocol: protocol.content, picks, services });
  await inStep(deps.db, deps.tenant.id, { id: record.id, step: 'options', version: null }, (trx, locked) =>
    recordOffered(trx, deps.tenant.id, locked, ranked),
  );
  const fresh = await findNavigationRecord(deps.db, deps.tenant.id, record.id);
  return fresh === undefined ? nav : { ...nav, record: fresh };
}

export interface StepState {
  issues?: readonly FieldIssue[];
  body?: unknown;
  status?: number;
}

const TEMPLATES: Record<NavigationStep, string> = {
  'red-flags': 'navigation/views/navigate-red-flags.njk',
  stopped: 'navigation/views/navigate-stopped.njk',
  needs: 'navigation/views/navigate-needs.njk',
  options: 'navigation/views/navigate-options.njk',
  copy: 'navigation/views/navigate-copy.njk',
  done: 'navigation/views/navigate-done.njk',
};

async function stepView(
  deps: NavigationDeps,
  nav: Navigation,
  step: NavigationStep,
  body: unknown,
): Promise<Record<string, unknown>> {
  const { record, protocol } = nav;
  switch (step) {
    case 'red-flags':
      return {
        groups: redFlagGroups(protocol, formText(body, 'flag')),
        form: { words: formText(body, 'words'), said: formText(body, 'said') },
      };
    case 'stopped':
      return { stop: stoppedView(record, protocol), form: { handedTo: formText(body, 'handedTo') } };
    case 'needs':
      return { picks: quickPickButtons(protocol), form: { needText: formText(body, 'needText') } };
    case 'options': {
      const options = await optionViews(deps.db, deps.tenant.id, record.optionsOffered ?? [], protocol);
      return {
        options,
        needsPatient: record.patientId === null,
        picked: protocol.content.quickPicks
          .filter((p) => record.needs.includes(p.key))
          .map((p) => p.label)
          .join(', '),
        needText: record.needText,
        form: {
          consent: formText(body, 'consent') === 'yes',
          nhsNumber: formText(body, 'nhsNumber'),
          givenName: formText(body, 'givenName'),
          familyName: formText(body, 'familyName'),
          postcode: formText(body, 'postcode'),
          dateOfBirth: readDateInput(body, 'dateOfBirth'),
        },
      };
    }
    case 'copy':
    case 'done': {
      const agreed = await agreedDestination(
        deps.db,
        { tenantId: deps.tenant.id, config: deps.config, now: nowOf(deps) },
        nav,
      );
      const patient =
        record.patientId === null
          ? undefined
          : await findPatientById(deps.db, deps.tenant.id, record.patientId);
      return {
        agreed,
        copyPreview: patientCopyText(agreed.content),
        outcome: record.outcome,
        copyChannel: record.copyChannel,
        copyRecipient: record.copyRecipient,
        completedAt: record.completedAt === null ? null : clockTime(record.completedAt),
        form: {
          phone: formText(body, 'phone') || (patient?.phone ?? ''),
          email: formText(body, 'email') || (patient?.email ?? ''),
          contactConsent: formText(body, 'contactConsent') === 'yes',
        },
      };
    }
  }
}

/**
 * Renders the step a navigation is at (with a form's errors and values after a bad POST), and records
 * that the patient's navigation was shown.
 * @param deps - database, configuration, tenant and clock
 * @param request - the request
 * @param reply - the reply
 * @param shown - the navigation
 * @param state - issues, the posted form and the status, after a bad POST
 */
export async function renderStep(
  deps: NavigationDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  shown: Navigation,
  state: StepState = {},
): Promise<FastifyReply> {
  const step = currentStep(shown.record);
  const nav = step === 'options' ? await withOffered(deps, shown) : shown;
  const view = await stepView(deps, nav, step, state.body ?? {});
  const summary =
    nav.record.patientId === null
      ? undefined
      : await patientSummary(deps.db, deps.tenant.id, nav.record.patientId);
  const label =
    summary === undefined
      ? null
      : [summary.name, summary.nhsNumberFormatted].filter((v) => v !== null).join(', NHS number ');
  await auditNavigation(deps, request, { action: 'read', record: nav.record, details: { step } });
  reply.status(state.status ?? 200);
  return reply.view(TEMPLATES[step], {
    ...formErrorView(state.issues ?? []),
    ...baseView(nav.record, nowOf(deps), label),
    ...view,
    step,
    protocolVersion: nav.protocol.version,
    csrfToken: reply.csrfToken(),
  });
}
