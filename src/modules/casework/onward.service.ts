import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { FieldIssue } from '../../http/errors.ts';
import { loadServiceSummaries } from '../directory/directory-read.repository.ts';
import { capacityCutoff } from '../directory/search/search-ranking.ts';
import { searchDirectory } from '../directory/search/search.service.ts';
import type { DirectorySearchHit } from '../directory/search/search.types.ts';
import { CAPACITY_STATUSES, type CapacityStatus } from '../directory/vocabulary.ts';
import type { SpCase } from './case.repository.ts';
import { recordShareConsent, shareConsentGiven } from './casework.peers.ts';
import { caseworkMessage as m } from './casework.content.ts';
import { ONWARD_DECLINE_REASONS } from './casework.vocabulary.ts';
import { changeOnwardStatus, findOnwardReferral, insertOnwardReferral } from './onward.repository.ts';
import type { OnwardInput, OnwardStatusInput } from './onward.schema.ts';
import { addDays, londonDate } from './working-days.ts';

// Onward referrals and signposts from a case to directory services (DOMAIN.md 3.6). The picker searches
// the directory with live capacity; services not taking people (paused or closed) are listed after the
// others, never hidden, so the link worker sees the gap. A referral shares the person's details with the
// provider, so it needs their consent to share with that organisation for this referral (HZ-07).

type Db = Kysely<Database>;

/** Capacities that mean "not taking people now": ranked last in the picker. */
export const NOT_TAKING: readonly CapacityStatus[] = ['paused', 'closed'];
const TAKING = CAPACITY_STATUSES.filter((c) => !NOT_TAKING.includes(c));

export interface OnwardSearch {
  text: string;
  needs: string[];
  postcode: string;
}

export type OnwardSearchResult =
  | { ok: true; taking: DirectorySearchHit[]; notTaking: DirectorySearchHit[]; total: number }
  | { ok: false; issue: FieldIssue };

/**
 * Directory services for an onward referral: those taking people first, then paused and closed ones.
 * @param db - the database
 * @param options - the tenant, the search, the clock and the capacity and listing ageing settings
 */
export async function searchOnwardServices(
  db: Db,
  options: {
    tenantId: string;
    search: OnwardSearch;
    now: Date;
    capacityStaleDays: number;
    listingStaleDays: number;
  },
): Promise<OnwardSearchResult> {
  const run = (capacity: CapacityStatus[], perPage: number): ReturnType<typeof searchDirectory> =>
    searchDirectory(db, {
      tenantId: options.tenantId,
      now: options.now,
      capacityStaleDays: options.capacityStaleDays,
      listingStaleDays: options.listingStaleDays,
      query: {
        text: options.search.text,
        needs: options.search.needs,
        postcode: options.search.postcode,
        capacity,
        perPage,
      },
    });
  const taking = await run(TAKING, 30);
  if (!taking.ok) {
    return {
      ok: false,
      issue: { field: 'postcode', message: m('pages.onward.postcode.validationError.invalid') },
    };
  }
  const notTaking = await run([...NOT_TAKING], 20);
  const notTakingHits = notTaking.ok ? notTaking.value.hits : [];
  return {
    ok: true,
    taking: taking.value.hits,
    notTaking: notTakingHits,
    total: taking.value.total + (notTaking.ok ? notTaking.value.total : 0),
  };
}

export type CreateOnwardResult = { ok: true; id: string } | { ok: false; issues: FieldIssue[] };

/** The words of the consent question on the onward referral form (recorded with the consent). */
export const SHARE_CONSENT_WORDING =
  'Do you agree that we share your name, contact details and why we are referring you with this service, so they can contact you about this referral?';

/**
 * Records an onward referral or signpost from a case: a snapshot of the service's name and capacity,
 * status 'sent' and a response deadline. A referral needs the person's consent to share with the
 * service's organisation for this referral: one already recorded, or given now (recorded through the
 * people service).
 * @param trx - the caller's transaction
 * @param tenantId - the tenant
 * @param request - the case, the form, who and when, and the settings
 */
export async function createOnwardReferral(
  trx: Transaction<Database>,
  tenantId: string,
  request: {
    spCase: SpCase;
    input: OnwardInput;
    actorUserId: string;
    now: Date;
    responseDays: number;
    capacityStaleDays: number;
  },
): Promise<CreateOnwardResult> {
  const { spCase, input } = request;
  const service = (await loadServiceSummaries(trx, tenantId, [input.serviceId])).get(input.serviceId);
  if (service === undefined) {
    return {
      ok: false,
      issues: [{ field: 'serviceId', message: m('pages.onward.serviceId.validationError.required') }],
    };
  }
  const organizationId = service.organization?.id ?? null;
  if (input.kind === 'referral') {
    const refused: CreateOnwardResult = {
      ok: false,
      issues: [{ field: 'shareConsent', message: m('pages.onward.shareConsent.validationError.required') }],
    };
    if (organizationId === null) {
      return refused;
    }
    const share = { patientId: spCase.patientId, organizationId, referralId: spCase.referralId };
    if (!(await shareConsentGiven(trx, tenantId, share))) {
      if (!input.shareConsent) {
        return refused;
      }
      await recordShareConsent(trx, tenantId, {
        ...share,
        wording: SHARE_CONSENT_WORDING,
        recordedBy: request.actorUserId,
      });
    }
  }
  const stale =
    service.capacityUpdatedAt === null ||
    service.capacityUpdatedAt < capacityCutoff(request.now, request.capacityStaleDays);
  const capacity = stale ? 'unknown' : service.capacityStatus;
  const id = await insertOnwardReferral(trx, tenantId, {
    caseId: spCase.id,
    serviceId: service.id,
    serviceName: service.name,
    organizationId,
    kind: input.kind,
    reason: input.reason,
    capacityAtReferral: capacity,
    respondBy: addDays(londonDate(request.now), request.responseDays),
    createdBy: request.actorUserId,
  });
  return { ok: true, id };
}

/**
 * Records a new status of an onward referral of this case (appended to its history).
 * @param trx - the caller's transaction
 * @param tenantId - the tenant
 * @param request - the case, the onward referral, the new status and who recorded it
 * @returns false when the case has no such onward referral
 */
export async function updateOnwardStatus(
  trx: Db,
  tenantId: string,
  request: { caseId: string; onwardId: string; input: OnwardStatusInput; actorUserId: string },
): Promise<boolean> {
  const onward = await findOnwardReferral(trx, tenantId, {
    caseId: request.caseId,
    onwardId: request.onwardId,
  });
  if (onward === undefined) {
    return false;
  }
  const { input } = request;
  const reason =
    input.declineReason === null
      ? input.note
      : `${ONWARD_DECLINE_REASONS[input.declineReason]}${input.note === null ? '' : `: ${input.note}`}`;
  await changeOnwardStatus(trx, tenantId, {
    onwardId: onward.id,
    status: input.status,
    reason: input.declineReason ?? input.note,
    waitlistWeeks: input.waitlistWeeks,
    recordedBy: request.actorUserId,
    eventReason: reason,
  });
  return true;
}
