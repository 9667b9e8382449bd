import type { FastifyReply, FastifyRequest } from 'fastify';
import { auditRequest } from '../../http/request-audit.ts';
import { listPractices } from '../accounts/practice.repository.ts';
import { listWaitingCases } from '../casework/team.repository.ts';
import { nowOf, todayOf, type PagesDeps } from '../people/staff-request.ts';
import { triageHref, workingDaysText, workingDaysWaiting } from './referral.view-model.ts';
import { linkWorkerChoices } from './triage.service.ts';

// GET /app/team: each link worker's caseload against capacity and first contacts due, and the waiting list
// of accepted referrals no one has been allocated yet (position and waiting time). No names of people:
// the waiting list links to each referral's triage page.

const WAITING_SHOWN = 200;

/**
 * The team page.
 * @param deps - database, configuration, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function teamGet(
  deps: PagesDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const today = todayOf(deps);
  const [{ choices, settings }, waiting, practices] = await Promise.all([
    linkWorkerChoices(deps.db, deps.tenant.id, { practiceId: null, today, now: nowOf(deps) }),
    listWaitingCases(deps.db, deps.tenant.id, WAITING_SHOWN),
    listPractices(deps.db, deps.tenant.id),
  ]);
  const practiceNames = new Map(practices.map((p) => [p.id, p.name]));
  await auditRequest(deps.db, request, deps.tenant.id, {
    action: 'read',
    subjectType: 'referral',
    subjectLabel: 'Team caseloads and waiting list',
    details: { linkWorkers: choices.length, waiting: waiting.total },
  });
  return reply.view('referrals/views/team.njk', {
    settings,
    workers: choices.map((c) => ({
      name: c.displayName,
      active: c.caseload.active,
      activeOver: c.caseload.active >= settings.activeCaseloadCapacity,
      awaitingFirstContact: c.caseload.awaitingFirstContact,
      firstContactsOverdue: c.caseload.firstContactsOverdue,
      people: c.caseload.peopleLast12Months,
      peopleOver: c.caseload.peopleLast12Months >= settings.caseloadCapacity,
    })),
    waiting: waiting.cases.map((w, i) => ({
      position: i + 1,
      href: triageHref(w.referralId),
      acceptedAt: w.acceptedAt,
      waiting: workingDaysText(workingDaysWaiting(w.acceptedAt, today)),
      practice: w.practiceId === null ? 'Not known' : (practiceNames.get(w.practiceId) ?? 'Not known'),
    })),
    waitingTotal: waiting.total,
    waitingShown: WAITING_SHOWN,
  });
}
