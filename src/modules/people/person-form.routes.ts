import { uuidParam } from '../../http/path-params.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, type FieldIssue } from '../../http/errors.ts';
import { formErrorView } from '../../http/forms.ts';
import { auditRequest, auditRequestBatch } from '../../http/request-audit.ts';
import { listPractices } from '../accounts/practice.repository.ts';
import { duplicateCheckKey } from './duplicates.ts';
import { peopleMessage } from './people.content.ts';
import type { Patient, PatientDetails } from './people.model.ts';
import { PATIENT_FIELD_ORDER, parsePatientForm } from './people.schema.ts';
import {
  createPatient,
  findPatientById,
  findPossibleDuplicates,
  patientSummaries,
  updatePatient,
} from './people.service.ts';
import {
  candidateView,
  changedPatientFields,
  decodeOriginal,
  emptyPatientForm,
  encodeOriginal,
  patientFormItems,
  patientFormValues,
  patientToFormValues,
  PERSON_PATHS,
  personHref,
  type PatientFormValues,
} from './people.view-model.ts';
import { formText } from './person-fields.ts';
import { param, staffActor, todayOf, type PagesDeps } from './staff-request.ts';

// Creating a patient record (with the duplicate check) and changing one (optimistic locking on version,
// and a conflict page that names what changed meanwhile).

const FORM_TEMPLATE = 'people/views/person-form.njk';

interface FormView {
  mode: 'new' | 'edit';
  values: PatientFormValues;
  issues?: readonly FieldIssue[];
  patient?: Patient;
  /** Hidden fields of the edit form. */
  version?: number;
  original?: string;
  duplicates?: {
    sameNhsNumber: Record<string, string> | null;
    candidates: Record<string, string>[];
    checkKey: string;
  };
  conflict?: { changedFields: string[] };
}

async function renderForm(deps: PagesDeps, reply: FastifyReply, view: FormView): Promise<FastifyReply> {
  const practices = await listPractices(deps.db, deps.tenant.id);
  const errors = formErrorView(view.issues ?? [], PATIENT_FIELD_ORDER);
  return reply.view(FORM_TEMPLATE, {
    ...errors,
    mode: view.mode,
    form: view.values,
    ...patientFormItems(view.values, practices),
    action: view.patient === undefined ? PERSON_PATHS.list : personHref(view.patient.id),
    backHref: view.patient === undefined ? PERSON_PATHS.search : personHref(view.patient.id),
    personName: view.patient === undefined ? '' : `${view.patient.givenName} ${view.patient.familyName}`,
    version: view.version,
    original: view.original,
    duplicates: view.duplicates,
    conflict: view.conflict,
    csrfToken: reply.csrfToken(),
  });
}

async function newGet(deps: PagesDeps, _request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  return renderForm(deps, reply, { mode: 'new', values: emptyPatientForm() });
}

async function practiceIds(deps: PagesDeps): Promise<string[]> {
  return (await listPractices(deps.db, deps.tenant.id)).map((p) => p.id);
}

async function showDuplicates(
  deps: PagesDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  found: {
    values: PatientFormValues;
    details: PatientDetails;
    sameNhsNumber: Patient | null;
    sameNameAndBirth: Patient[];
  },
): Promise<FastifyReply> {
  const shown = [...(found.sameNhsNumber === null ? [] : [found.sameNhsNumber]), ...found.sameNameAndBirth];
  const summaries = await patientSummaries(
    deps.db,
    deps.tenant.id,
    shown.map((p) => p.id),
  );
  const view = (p: Patient): Record<string, string>[] => {
    const s = summaries.get(p.id);
    return s === undefined ? [] : [candidateView(s)];
  };
  await auditRequestBatch(
    deps.db,
    request,
    deps.tenant.id,
    shown.map((p) => ({
      action: 'read' as const,
      subjectType: 'patient' as const,
      subjectId: p.id,
      subjectLabel: 'Possible duplicate',
    })),
  );
  reply.status(409);
  return renderForm(deps, reply, {
    mode: 'new',
    values: found.values,
    duplicates: {
      sameNhsNumber: found.sameNhsNumber === null ? null : (view(found.sameNhsNumber)[0] ?? null),
      candidates: found.sameNameAndBirth.flatMap(view),
      checkKey: duplicateCheckKey(found.details),
    },
  });
}

async function createPost(
  deps: PagesDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const actor = staffActor(request);
  const values = patientFormValues(request.body);
  const parsed = parsePatientForm(request.body, {
    today: todayOf(deps),
    practiceIds: await practiceIds(deps),
  });
  if (!parsed.ok) {
    reply.status(400);
    return renderForm(deps, reply, { mode: 'new', values, issues: parsed.issues });
  }
  const details = parsed.value;
  const matches = await findPossibleDuplicates(deps.db, deps.tenant.id, details);
  const confirmed = formText(request.body, 'duplicatesChecked') === duplicateCheckKey(details);
  if (matches.sameNhsNumber !== null || (matches.sameNameAndBirth.length > 0 && !confirmed)) {
    return showDuplicates(deps, request, reply, { values, details, ...matches });
  }
  const result = await deps.db.transaction().execute(async (trx) => {
    const created = await createPatient(trx, deps.tenant.id, details, actor.userId);
    if (created.ok) {
      await auditRequest(trx, request, deps.tenant.id, {
        action: 'create',
        subjectType: 'patient',
        subjectId: created.patient.id,
        subjectLabel: 'Patient record',
        details: { duplicateCandidatesConfirmedDifferent: matches.sameNameAndBirth.length },
      });
    }
    return created;
  });
  if (!result.ok) {
    return showDuplicates(deps, request, reply, {
      values,
      details,
      sameNhsNumber: result.existing,
      sameNameAndBirth: [],
    });
  }
  return reply.redirect(`${personHref(result.patient.id)}?done=created`, 303);
}

async function editGet(deps: PagesDeps, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const patient = await findPatientById(deps.db, deps.tenant.id, uuidParam(param(request, 'id')));
  if (patient === undefined) {
    throw ApiError.notFound('Page not found');
  }
  await auditRequest(deps.db, request, deps.tenant.id, {
    action: 'read',
    subjectType: 'patient',
    subjectId: patient.id,
    subjectLabel: 'Patient record (edit)',
  });
  return renderForm(deps, reply, {
    mode: 'edit',
    patient,
    values: patientToFormValues(patient),
    version: patient.version,
    original: encodeOriginal(patient),
  });
}

async function updatePost(
  deps: PagesDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const actor = staffActor(request);
  const patient = await findPatientById(deps.db, deps.tenant.id, uuidParam(param(request, 'id')));
  if (patient === undefined) {
    throw ApiError.notFound('Page not found');
  }
  const values = patientFormValues(request.body);
  const versionText = formText(request.body, 'version');
  const expectedVersion = /^[1-9]\d{0,8}$/.test(versionText) ? Number(versionText) : 0;
  const original = formText(request.body, 'original');
  const parsed = parsePatientForm(request.body, {
    today: todayOf(deps),
    practiceIds: await practiceIds(deps),
  });
  if (!parsed.ok) {
    reply.status(400);
    return renderForm(deps, reply, {
      mode: 'edit',
      patient,
      values,
      issues: parsed.issues,
      version: expectedVersion,
      original,
    });
  }
  const result = await deps.db.transaction().execute(async (trx) => {
    const updated = await updatePatient(trx, deps.tenant.id, {
      id: patient.id,
      expectedVersion,
      details: parsed.value,
      actorUserId: actor.userId,
    });
    if (updated.ok) {
      await auditRequest(trx, request, deps.tenant.id, {
        action: 'update',
        subjectType: 'patient',
        subjectId: patient.id,
        subjectLabel: 'Patient record',
        details: { changed: changedPatientFields(patient, updated.patient) },
      });
    }
    return updated;
  });
  if (result.ok) {
    return reply.redirect(`${personHref(patient.id)}?done=updated`, 303);
  }
  switch (result.error) {
    case 'NotFound':
      throw ApiError.notFound('Page not found');
    case 'DuplicateNhsNumber':
      reply.status(400);
      return renderForm(deps, reply, {
        mode: 'edit',
        patient,
        values,
        version: expectedVersion,
        original,
        issues: [
          { field: 'nhsNumber', message: peopleMessage('pages.person.nhsNumber.validationError.taken') },
        ],
      });
    case 'VersionConflict':
      reply.status(409);
      return renderForm(deps, reply, {
        mode: 'edit',
        patient: result.current,
        values,
        version: result.current.version,
        original: encodeOriginal(result.current),
        conflict: { changedFields: changedPatientFields(decodeOriginal(original), result.current) },
      });
  }
}

/**
 * The patient record forms: new (with the duplicate check) and edit (with optimistic locking).
 * @param app - the Fastify instance
 * @param deps - database, configuration, tenant and clock
 */
export function personFormRoutes(app: FastifyInstance, deps: PagesDeps): void {
  app.get(PERSON_PATHS.create, async (request, reply) => newGet(deps, request, reply));
  app.post(PERSON_PATHS.list, async (request, reply) => createPost(deps, request, reply));
  app.get(PERSON_PATHS.edit, async (request, reply) => editGet(deps, request, reply));
  app.post(PERSON_PATHS.person, async (request, reply) => updatePost(deps, request, reply));
}
