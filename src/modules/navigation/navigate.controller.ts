import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, type FieldIssue } from '../../http/errors.ts';
import { formErrorView } from '../../http/forms.ts';
import { auditRequest } from '../../http/request-audit.ts';
import { readDateInput } from '../../http/date-input.ts';
import { formText } from '../people/person-fields.ts';
import { nowOf, staffActor, todayOf } from '../people/staff-request.ts';
import { agreedDestination } from './navigate-copy.service.ts';
import { patientCopyText } from './navigate-copy.ts';
import { actingPracticeOf, auditNavigation, loadNavigation, renderStep } from './navigate-page.ts';
import { parseStart, START_FIELD_ORDER } from './navigate.schema.ts';
import { startNavigation } from './navigate-start.service.ts';
import type { NavigationDeps } from './navigation.deps.ts';
import { findProtocolInForce } from './protocol.repository.ts';

// The start of a navigation (GET and POST /app/navigate), the page of the step it is at
// (GET /app/navigate/:id) and the printed social prescription (GET /app/navigate/:id/print).

const START_TEMPLATE = 'navigation/views/navigate-start.njk';

async function renderStart(
  deps: NavigationDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  state: { body?: unknown; issues?: readonly FieldIssue[]; status?: number } = {},
): Promise<FastifyReply> {
  const practiceId = await actingPracticeOf(deps, staffActor(request));
  const protocol = await findProtocolInForce(deps.db, deps.tenant.id, practiceId);
  const body = state.body ?? {};
  reply.status(state.status ?? 200);
  return reply.view(START_TEMPLATE, {
    ...formErrorView(state.issues ?? [], START_FIELD_ORDER),
    protocol: {
      version: protocol.version,
      locallyApproved: protocol.locallyApproved,
      approvedByName: protocol.approvedByName,
      reviewDue: protocol.reviewDue,
    },
    form: {
      channel: formText(body, 'channel'),
      nhsNumber: formText(body, 'nhsNumber'),
      givenName: formText(body, 'givenName'),
      familyName: formText(body, 'familyName'),
      dateOfBirth: readDateInput(body, 'dateOfBirth'),
      postcode: formText(body, 'postcode'),
    },
    csrfToken: reply.csrfToken(),
  });
}

/**
 * GET /app/navigate: start a navigation.
 * @param deps - database, configuration, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function startGet(
  deps: NavigationDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  return renderStart(deps, request, reply);
}

/**
 * POST /app/navigate: find or create the patient's record and start the navigation.
 * @param deps - database, configuration, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function startPost(
  deps: NavigationDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const body = request.body;
  const parsed = parseStart(body, todayOf(deps));
  if (!parsed.ok) {
    return renderStart(deps, request, reply, { body, issues: parsed.issues, status: 400 });
  }
  const actor = staffActor(request);
  const practiceId = await actingPracticeOf(deps, actor);
  const protocol = await findProtocolInForce(deps.db, deps.tenant.id, practiceId);
  const started = await deps.db.transaction().execute(async (trx) => {
    const result = await startNavigation(trx, deps.tenant.id, {
      navigatorUserId: actor.userId,
      practiceId,
      channel: parsed.value.channel,
      person: parsed.value.person,
      protocolId: protocol.id,
      now: nowOf(deps),
    });
    if (result.ok) {
      if (result.patientCreated && result.patientId !== null) {
        await auditRequest(trx, request, deps.tenant.id, {
          action: 'create',
          subjectType: 'patient',
          subjectId: result.patientId,
          subjectLabel: 'Patient record',
          details: { navigationId: result.id },
        });
      }
      await auditNavigation({ db: trx, tenant: deps.tenant }, request, {
        action: 'create',
        record: { id: result.id, patientId: result.patientId },
        details: { protocolId: protocol.id },
      });
    }
    return result;
  });
  if (!started.ok) {
    return renderStart(deps, request, reply, { body, issues: started.issues, status: 400 });
  }
  return reply.redirect(`/app/navigate/${started.id}`, 303);
}

/**
 * GET /app/navigate/:id: the step the navigation is at.
 * @param deps - database, configuration, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function stepGet(
  deps: NavigationDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  return renderStep(deps, request, reply, await loadNavigation(deps, request));
}

/**
 * GET /app/navigate/:id/print: the one-page social prescription of what was agreed.
 * @param deps - database, configuration, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function printGet(
  deps: NavigationDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const nav = await loadNavigation(deps, request);
  const { record } = nav;
  if (record.outcome === null || record.outcome === 'red-flag') {
    throw ApiError.notFound('Page not found');
  }
  const agreed = await agreedDestination(
    deps.db,
    { tenantId: deps.tenant.id, config: deps.config, now: nowOf(deps) },
    nav,
  );
  await auditNavigation(deps, request, { action: 'read', record, details: { step: 'print' } });
  return reply.view('navigation/views/navigate-print.njk', {
    id: record.id,
    href: `/app/navigate/${record.id}`,
    agreed,
    text: patientCopyText(agreed.content),
    date: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'long' }).format(
      record.completedAt ?? nowOf(deps),
    ),
  });
}
