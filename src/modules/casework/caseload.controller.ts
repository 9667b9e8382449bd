import { uuidParam } from '../../http/path-params.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../http/errors.ts';
import { auditRequest, auditRequestBatch } from '../../http/request-audit.ts';
import { nowOf, requireAuth, todayOf, type CaseworkDeps } from './case-access.ts';
import { noticeOf } from './case-page.controller.ts';
import { loadCaseloadDashboard, type CaseloadEntry } from './caseload.service.ts';
import { findPatientLabels, findStaffName, listStaffWithRole } from './casework.peers.ts';
import { listFlags } from './safeguarding.repository.ts';
import { finishTask } from './safeguarding.service.ts';
import { listOpenTasksFor } from './task.repository.ts';

// The caseload dashboard (a link worker's own; a supervisor may look at any link worker's) and the tasks
// page (the signed-in person's open tasks, urgent first).

const TARGET_TAGS = {
  met: { text: 'Within target', classes: 'nhsuk-tag--green' },
  due: { text: 'Due today', classes: 'nhsuk-tag--yellow' },
  missed: { text: 'Target missed', classes: 'nhsuk-tag--red' },
} as const;

function entryView(e: CaseloadEntry): Record<string, unknown> {
  return {
    href: `/app/cases/${e.id}`,
    name: e.person?.name ?? 'Unknown person',
    nhsNumber: e.person?.nhsNumberFormatted ?? 'No NHS number',
    nextContactDue: e.nextContactDue,
    lastContactDays: e.daysSinceContact,
    contactReason: e.contactReason,
    reviewDate: e.reviewDate,
    overdueActions: e.overdueActions,
    flagSince: e.openFlagSince,
    acceptedAt: e.acceptedAt,
    waitingWorkingDays: e.waitingWorkingDays,
    target: e.firstContactTarget === null ? null : TARGET_TAGS[e.firstContactTarget],
  };
}

function workerOf(request: FastifyRequest): string {
  const auth = requireAuth(request);
  const asked = (request.query as { worker?: unknown } | undefined)?.worker;
  if (asked === undefined || asked === '' || asked === auth.user.id) {
    return auth.user.id;
  }
  // Only supervisors look at another worker's caseload; to anyone else the page does not exist.
  if (!auth.permissions.has('casework:oversee')) {
    throw ApiError.notFound('Page not found');
  }
  return uuidParam(asked);
}

/**
 * GET /app/caseload[?worker=<id>]
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function caseloadGet(
  deps: CaseworkDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const auth = requireAuth(request);
  const workerId = workerOf(request);
  const oversee = auth.permissions.has('casework:oversee');
  const workers = oversee ? await listStaffWithRole(deps.db, deps.tenant.id, 'link_worker') : [];
  if (workerId !== auth.user.id && !workers.some((w) => w.id === workerId)) {
    throw ApiError.notFound('Page not found');
  }
  const dashboard = await loadCaseloadDashboard(deps.db, deps.tenant.id, workerId, todayOf(deps));
  const workerName = await findStaffName(deps.db, deps.tenant.id, workerId);
  const everyone = [...dashboard.active, ...dashboard.waitingList];
  await auditRequestBatch(deps.db, request, deps.tenant.id, [
    {
      action: 'read',
      subjectType: 'user',
      subjectId: workerId,
      subjectLabel: 'Caseload',
      details: { openCases: dashboard.counts.open },
    },
    ...everyone.map((e) => ({
      action: 'read' as const,
      subjectType: 'patient' as const,
      subjectId: e.patientId,
      subjectLabel: 'Caseload entry',
      details: { caseId: e.id },
    })),
  ]);
  return reply.view('casework/views/caseload.njk', {
    own: workerId === auth.user.id,
    workerName: workerName ?? '',
    workerItems: oversee
      ? [
          { value: '', text: 'Select a link worker' },
          ...workers.map((w) => ({ value: w.id, text: w.displayName, selected: w.id === workerId })),
        ]
      : [],
    dashboard,
    needsContact: dashboard.needsContact.map(entryView),
    reviewsDue: dashboard.reviewsDue.map(entryView),
    waitingList: dashboard.waitingList.map(entryView),
    safeguarding: dashboard.safeguarding.map(entryView),
    active: dashboard.active.map(entryView),
    overdueActions: dashboard.overdueActions.map((a) => ({
      ...a,
      href: `/app/cases/${a.caseId}/plan`,
      name: a.person?.name ?? 'Unknown person',
    })),
  });
}

/**
 * GET /app/tasks
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function tasksGet(
  deps: CaseworkDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const auth = requireAuth(request);
  const tasks = await listOpenTasksFor(deps.db, deps.tenant.id, {
    userId: auth.user.id,
    clinical: auth.permissions.has('tasks:clinical'),
  });
  const people = await findPatientLabels(
    deps.db,
    deps.tenant.id,
    tasks.flatMap((t) => (t.patientId === null ? [] : [t.patientId])),
  );
  const views = [];
  for (const task of tasks) {
    const concerns =
      task.kind === 'safeguarding-escalation' && task.caseId !== null
        ? (await listFlags(deps.db, deps.tenant.id, task.caseId)).filter((f) => f.resolvedAt === null)
        : [];
    const raisers = new Map<string, string>();
    for (const concern of concerns) {
      raisers.set(concern.raisedBy, (await findStaffName(deps.db, deps.tenant.id, concern.raisedBy)) ?? '');
    }
    views.push({
      ...task,
      concerns: concerns.map((c) => ({ ...c, raisedByName: raisers.get(c.raisedBy) ?? '' })),
      person: task.patientId === null ? null : (people.get(task.patientId) ?? null),
      personHref: task.patientId === null ? null : `/app/people/${task.patientId}`,
      caseHref:
        task.caseId !== null && auth.permissions.has('casework:read') ? `/app/cases/${task.caseId}` : null,
      // What the navigator recorded when a red flag raised the task (the words, time, flag and handover).
      escalationHref:
        task.navigationId !== null && auth.permissions.has('tasks:clinical')
          ? `/app/navigate/${task.navigationId}/escalation`
          : null,
      doneAction: `/app/tasks/${task.id}/done`,
    });
  }
  await auditRequestBatch(deps.db, request, deps.tenant.id, [
    {
      action: 'read',
      subjectType: 'user',
      subjectId: auth.user.id,
      subjectLabel: 'Tasks',
      details: { open: tasks.length },
    },
    ...[...people.keys()].map((patientId) => ({
      action: 'read' as const,
      subjectType: 'patient' as const,
      subjectId: patientId,
      subjectLabel: 'Task',
    })),
  ]);
  return reply.view('casework/views/tasks.njk', {
    tasks: views,
    notice: noticeOf(request, { done: 'pages.tasks.notice.done' }),
    csrfToken: reply.csrfToken(),
  });
}

/**
 * POST /app/tasks/:id/done
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function taskDonePost(
  deps: CaseworkDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const auth = requireAuth(request);
  const taskId = uuidParam((request.params as { id?: unknown }).id);
  const task = await deps.db.transaction().execute(async (trx) => {
    const done = await finishTask(trx, deps.tenant.id, {
      taskId,
      userId: auth.user.id,
      clinical: auth.permissions.has('tasks:clinical'),
      now: nowOf(deps),
    });
    if (done !== undefined) {
      await auditRequest(trx, request, deps.tenant.id, {
        action: 'update',
        subjectType: done.patientId === null ? null : 'patient',
        subjectId: done.patientId,
        subjectLabel: 'Task',
        details: { taskId: done.id, kind: done.kind, done: true },
      });
    }
    return done;
  });
  if (task === undefined) {
    throw ApiError.notFound('Page not found');
  }
  return reply.redirect('/app/tasks?done=done', 303);
}
