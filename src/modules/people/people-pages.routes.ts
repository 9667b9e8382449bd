import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readDateInput } from '../../http/date-input.ts';
import { formErrorView, NO_FORM_ERRORS } from '../../http/forms.ts';
import { auditRequest, auditRequestBatch } from '../../http/request-audit.ts';
import { parsePeopleSearch } from './people.schema.ts';
import { patientSummaries, searchPatients } from './people.service.ts';
import { candidateView, PERSON_PATHS } from './people.view-model.ts';
import { formText } from './person-fields.ts';
import { consentsPost, personGet } from './person-page.controller.ts';
import { todayOf, type PagesDeps } from './staff-request.ts';

// The people pages: search and a person's record (person-page.controller.ts). Every page that shows a
// person records a 'read' of them in the audit trail.

const SEARCH_TEMPLATE = 'people/views/people-search.njk';

async function searchGet(
  deps: PagesDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const query = request.query;
  const form = {
    nhsNumber: formText(query, 'nhsNumber'),
    familyName: formText(query, 'familyName'),
    dateOfBirth: readDateInput(query, 'dateOfBirth'),
  };
  const parsed = parsePeopleSearch(query, todayOf(deps));
  if (parsed === null || !parsed.ok) {
    await auditRequest(deps.db, request, deps.tenant.id, {
      action: 'search',
      subjectType: 'patient',
      subjectLabel: 'People search',
      outcome: parsed === null ? 'success' : 'failure',
      details: { by: 'none', results: 0 },
    });
    if (parsed !== null) {
      reply.status(400);
    }
    return reply.view(SEARCH_TEMPLATE, {
      ...(parsed === null
        ? NO_FORM_ERRORS
        : formErrorView(parsed.issues, ['nhsNumber', 'familyName', 'dateOfBirth-day'])),
      form,
      searched: false,
    });
  }
  const patients = await searchPatients(deps.db, deps.tenant.id, parsed.value);
  const summaries = await patientSummaries(
    deps.db,
    deps.tenant.id,
    patients.map((p) => p.id),
  );
  await auditRequestBatch(deps.db, request, deps.tenant.id, [
    {
      action: 'search',
      subjectType: 'patient',
      subjectLabel: 'People search',
      details: { by: parsed.value.by, results: patients.length },
    },
    ...patients.map((p) => ({
      action: 'read' as const,
      subjectType: 'patient' as const,
      subjectId: p.id,
      subjectLabel: 'Search result',
    })),
  ]);
  return reply.view(SEARCH_TEMPLATE, {
    ...NO_FORM_ERRORS,
    form,
    searched: true,
    results: patients.flatMap((p) => {
      const s = summaries.get(p.id);
      return s === undefined ? [] : [candidateView(s)];
    }),
  });
}

/**
 * The people pages: search, a person's record, and their consents.
 * @param app - the Fastify instance
 * @param deps - database, configuration, tenant and clock
 */
export function peoplePagesRoutes(app: FastifyInstance, deps: PagesDeps): void {
  app.get(PERSON_PATHS.search, async (request, reply) => searchGet(deps, request, reply));
  app.get(PERSON_PATHS.person, async (request, reply) => personGet(deps, request, reply));
  app.post(PERSON_PATHS.consents, async (request, reply) => consentsPost(deps, request, reply));
}
