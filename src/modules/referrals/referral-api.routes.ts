import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../http/errors.ts';
import { auditRequest } from '../../http/request-audit.ts';
import { listPractices } from '../accounts/practice.repository.ts';
import { staffActor, todayOf, type PagesDeps } from '../people/staff-request.ts';
import type { Referral } from './referral.model.ts';
import { parseReferralApiBody } from './referral-api.schema.ts';
import { actingPracticeId, auditNewReferral, resolvePerson, staffReferral } from './referral-intake.ts';
import { referralKey, submitReferral } from './referral.service.ts';
import { selectReferralByKey } from './referral.repository.ts';
import { referralHref } from './referral.view-model.ts';

// POST /api/referrals: the referral form as JSON, for other systems (session auth; the CSRF token rides in
// the x-csrf-token header). An Idempotency-Key header is required: the first request with a key creates
// the referral (201), a retry with the same key returns the same referral (200) and never a second one.

export const REFERRAL_API_PATHS = { referrals: '/api/referrals' } as const;

export interface ReferralJson {
  id: string;
  status: Referral['status'];
  source: Referral['source'];
  patientId: string;
  practiceId: string | null;
  needs: string[];
  urgency: Referral['urgency'];
  flaggedForClinician: boolean;
  receivedAt: string;
  href: string;
}

/**
 * A referral as the API returns it.
 * @param r - the referral
 */
export function referralJson(r: Referral): ReferralJson {
  return {
    id: r.id,
    status: r.status,
    source: r.source,
    patientId: r.patientId,
    practiceId: r.practiceId,
    needs: r.needs,
    urgency: r.urgency,
    flaggedForClinician: r.flaggedForClinician,
    receivedAt: r.receivedAt.toISOString(),
    href: referralHref(r.id),
  };
}

const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,200}$/;

function idempotencyKeyOf(request: FastifyRequest): string {
  const header = request.headers['idempotency-key'];
  if (typeof header !== 'string' || !IDEMPOTENCY_KEY.test(header)) {
    throw ApiError.validation([
      {
        field: 'Idempotency-Key',
        message: 'Send an Idempotency-Key header: 1 to 200 printable characters, unique per referral',
      },
    ]);
  }
  return header;
}

function send(reply: FastifyReply, referral: Referral, created: boolean): FastifyReply {
  return reply
    .status(created ? 201 : 200)
    .header('location', referralHref(referral.id))
    .type('application/json; charset=utf-8')
    .send(referralJson(referral));
}

async function referralsPost(
  deps: PagesDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const actor = staffActor(request);
  const key = referralKey('api', idempotencyKeyOf(request), actor.userId);
  const earlier = await selectReferralByKey(deps.db, deps.tenant.id, key);
  if (earlier !== undefined) {
    await auditRequest(deps.db, request, deps.tenant.id, {
      action: 'read',
      subjectType: 'referral',
      subjectId: earlier.id,
      subjectLabel: 'Referral (repeated API request)',
    });
    return send(reply, earlier, false);
  }
  const actingPractice = await actingPracticeId(deps, actor);
  const practices = await listPractices(deps.db, deps.tenant.id);
  const parsed = parseReferralApiBody(request.body, {
    today: todayOf(deps),
    practiceIds: practices.map((p) => p.id),
    practiceRequired: actingPractice === null,
  });
  if (!parsed.ok) {
    throw ApiError.validation(parsed.issues);
  }
  const practiceId = parsed.value.practiceId ?? actingPractice;
  const person = await resolvePerson(deps, parsed.value, practiceId, 'dateOfBirth');
  if (!person.ok) {
    throw ApiError.validation(person.issues);
  }
  const result = await submitReferral(
    deps.db,
    { tenantId: deps.tenant.id },
    staffReferral(parsed.value, { person: person.person, actor, practiceId, key }),
    {
      actor: { userId: actor.userId },
      afterCreate: (trx, created) => auditNewReferral(trx, request, deps.tenant.id, created),
    },
  );
  return send(reply, result.referral, result.created);
}

/**
 * The referrals JSON API.
 * @param app - the Fastify instance
 * @param deps - database, configuration, tenant and clock
 */
export function referralApiRoutes(app: FastifyInstance, deps: PagesDeps): void {
  app.post(REFERRAL_API_PATHS.referrals, async (request, reply) => referralsPost(deps, request, reply));
}
