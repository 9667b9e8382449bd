import type { FastifyReply, FastifyRequest } from 'fastify';
import { auditRequest } from '../../http/request-audit.ts';
import { listPractices } from '../accounts/practice.repository.ts';
import { loadCaseworkSettings } from '../casework/case.repository.ts';
import { formText } from '../people/person-fields.ts';
import { todayOf, type PagesDeps } from '../people/staff-request.ts';
import { SOURCE_LABELS, URGENCY_LABELS } from './referral.model.ts';
import {
  firstContactTarget,
  needLabels,
  TARGET_COLOURS,
  TARGET_LABELS,
  triageHref,
  workingDaysText,
  workingDaysWaiting,
} from './referral.view-model.ts';
import {
  countTriageQueue,
  cursorAfter,
  decodeCursor,
  encodeCursor,
  listTriageQueue,
} from './triage.service.ts';

// GET /app/triage: new referrals, flagged for a clinician first, then urgent, then the longest waiting,
// 50 a page (keyset paging over referral_triage_queue_idx), each with its first-contact target. The queue
// shows no names: the audit entry records that the queue was read and how many referrals it showed.

const PAGE_SIZE = 50;

/**
 * The triage queue page.
 * @param deps - database, configuration, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function queueGet(
  deps: PagesDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const after = decodeCursor(formText(request.query, 'after') || undefined);
  const [items, total, practices, settings] = await Promise.all([
    listTriageQueue(deps.db, deps.tenant.id, { limit: PAGE_SIZE, ...(after === undefined ? {} : { after }) }),
    countTriageQueue(deps.db, deps.tenant.id),
    listPractices(deps.db, deps.tenant.id),
    loadCaseworkSettings(deps.db, deps.tenant.id),
  ]);
  const practiceNames = new Map(practices.map((p) => [p.id, p.name]));
  const today = todayOf(deps);
  await auditRequest(deps.db, request, deps.tenant.id, {
    action: 'read',
    subjectType: 'referral',
    subjectLabel: 'Triage queue',
    details: { shown: items.length, waiting: total },
  });
  const last = items.at(-1);
  return reply.view('referrals/views/triage-queue.njk', {
    total,
    firstContactDays: settings.firstContactWorkingDays,
    rows: items.map((item) => {
      const target = firstContactTarget(item.receivedAt, null, {
        today,
        workingDays: settings.firstContactWorkingDays,
      });
      return {
        href: triageHref(item.id),
        receivedAt: item.receivedAt,
        waiting: workingDaysText(workingDaysWaiting(item.receivedAt, today)),
        source: SOURCE_LABELS[item.source],
        needs: needLabels(item.needs).join(', '),
        practice:
          item.practiceId === null ? 'Not known' : (practiceNames.get(item.practiceId) ?? 'Not known'),
        urgency: URGENCY_LABELS[item.urgency],
        urgent: item.urgency === 'urgent',
        flagged: item.flaggedForClinician,
        target: { due: target.due, text: TARGET_LABELS[target.state], colour: TARGET_COLOURS[target.state] },
      };
    }),
    nextHref:
      items.length === PAGE_SIZE && last !== undefined
        ? `/app/triage?after=${encodeCursor(cursorAfter(last))}`
        : null,
    firstPage: after === undefined,
  });
}
