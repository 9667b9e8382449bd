import { uuidParam } from '../../http/path-params.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../http/errors.ts';
import { findPractice } from '../accounts/practice.repository.ts';
import { findUserById } from '../accounts/user.repository.ts';
import { findTaskById, type StaffTask } from '../casework/task.repository.ts';
import { formatNhsNumber } from '../people/nhs-number.ts';
import { findPatientById } from '../people/people.service.ts';
import { staffActor, type StaffActor } from '../people/staff-request.ts';
import { auditNavigation } from './navigate-page.ts';
import type { NavigationDeps } from './navigation.deps.ts';
import { findNavigationRecord, type NavigationRecord } from './navigation-record.repository.ts';
import { findProtocolVersion } from './protocol.repository.ts';
import { RED_FLAG_ACTIONS, type RedFlagOutcome } from './protocol.model.ts';

// What the duty clinician sees of a navigation that a red flag stopped (GET /app/navigate/:id/escalation,
// DOMAIN.md 2.3 rule 4): the action, the flag, the patient's exact words, when and how it was found, who
// recorded it, who the patient is, the handover and whether the task is done (marking it done on the task
// list confirms receipt). Read-only: the escalation itself is immutable.

const WHEN = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  dateStyle: 'long',
  timeStyle: 'short',
});

const CHANNELS = { desk: 'At the desk', phone: 'On the phone', online: 'Online' } as const;

async function patientView(
  deps: NavigationDeps,
  patientId: string | null,
  canOpenRecord: boolean,
): Promise<Record<string, string | null> | null> {
  const patient = patientId === null ? undefined : await findPatientById(deps.db, deps.tenant.id, patientId);
  if (patient === undefined) {
    return null;
  }
  return {
    name: `${patient.givenName} ${patient.familyName}`,
    nhsNumber: patient.nhsNumber === null ? null : formatNhsNumber(patient.nhsNumber),
    dateOfBirth: patient.dateOfBirth,
    phone: patient.phone,
    href: canOpenRecord ? `/app/people/${patient.id}` : null,
  };
}

async function taskView(deps: NavigationDeps, task: StaffTask | undefined): Promise<Record<string, unknown>> {
  if (task?.doneAt === null || task?.doneAt === undefined) {
    return { done: false, title: task?.title ?? null };
  }
  const doneBy =
    task.assignedTo === null ? undefined : await findUserById(deps.db, deps.tenant.id, task.assignedTo);
  return {
    done: true,
    title: task.title,
    doneAt: WHEN.format(task.doneAt),
    doneBy: doneBy?.displayName ?? null,
  };
}

async function escalationView(
  deps: NavigationDeps,
  record: NavigationRecord,
  actor: StaffActor,
): Promise<Record<string, unknown>> {
  const { db } = deps;
  const tenantId = deps.tenant.id;
  const protocol = await findProtocolVersion(db, tenantId, record.protocolId);
  const flag = protocol?.content.redFlags.find((f) => f.key === record.redFlagKey);
  const navigator = await findUserById(db, tenantId, record.navigatorUserId);
  const practice =
    record.practiceId === null ? undefined : await findPractice(db, tenantId, { id: record.practiceId });
  const task =
    record.escalationTaskId === null ? undefined : await findTaskById(db, tenantId, record.escalationTaskId);
  return {
    action: RED_FLAG_ACTIONS[record.redFlagOutcome as RedFlagOutcome].title,
    question: flag?.question ?? record.redFlagKey,
    words: (record.redFlagWords ?? '').split('\n'),
    when: record.redFlagAt === null ? null : WHEN.format(record.redFlagAt),
    whenIso: record.redFlagAt?.toISOString() ?? null,
    source:
      record.redFlagSource === 'free-text'
        ? 'Found in the words the navigator typed'
        : 'Chosen on the red-flag screen',
    navigatorName: navigator?.displayName ?? 'Unknown',
    practiceName: practice?.name ?? null,
    channel: CHANNELS[record.channel],
    patient: await patientView(deps, record.patientId, actor.permissions.has('people:read')),
    handedTo: record.redFlagHandedTo,
    task: await taskView(deps, task),
  };
}

/**
 * GET /app/navigate/:id/escalation: what the navigator recorded when a red flag stopped the navigation.
 * Any other navigation, or an id that is not a UUID, is a 404.
 * @param deps - database, configuration, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function escalationGet(
  deps: NavigationDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const id = uuidParam((request.params as { id?: unknown }).id);
  const record = await findNavigationRecord(deps.db, deps.tenant.id, id);
  if (record === undefined || record.outcome !== 'red-flag') {
    throw ApiError.notFound('Page not found');
  }
  const view = await escalationView(deps, record, staffActor(request));
  await auditNavigation(deps, request, { action: 'read', record, details: { page: 'escalation' } });
  return reply.view('navigation/views/navigate-escalation.njk', view);
}
