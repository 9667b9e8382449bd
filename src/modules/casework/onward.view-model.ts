import type { DirectorySearchHit } from '../directory/search/search.types.ts';
import { CAPACITY_LABELS, findNeed } from '../directory/vocabulary.ts';
import type { CaseworkDeps } from './case-access.ts';
import type { SpCase } from './case.repository.ts';
import {
  labelOf,
  ONWARD_DECLINE_REASONS,
  ONWARD_STATUSES,
  ONWARD_STATUS_LABELS,
  ONWARD_STATUS_TAGS,
} from './casework.vocabulary.ts';
import { listOnwardEvents, listOnwardReferrals } from './onward.repository.ts';
import { NOT_TAKING } from './onward.service.ts';

// What the onward referrals page shows: each search result with its live capacity, and each referral so
// far with its status, history and the status form's choices.

const CAPACITY_TAGS: Record<string, string> = {
  accepting: 'nhsuk-tag--green',
  waitlist: 'nhsuk-tag--yellow',
  assessment_required: 'nhsuk-tag--blue',
  unknown: 'nhsuk-tag--grey',
  paused: 'nhsuk-tag--orange',
  closed: 'nhsuk-tag--red',
};

/**
 * A search result as a choice in the picker.
 * @param hit - the directory search hit
 * @param chosen - the service id the form chose, if any
 */
export function hitView(hit: DirectorySearchHit, chosen: string): Record<string, unknown> {
  const capacity = hit.capacity.effective;
  const wait =
    capacity === 'waitlist' && hit.capacity.waitWeeks !== null
      ? `, about ${String(hit.capacity.waitWeeks)} weeks`
      : '';
  return {
    value: hit.id,
    text: hit.name,
    checked: hit.id === chosen,
    organizationName: hit.organizationName,
    capacityLabel: `${CAPACITY_LABELS[capacity]}${wait}`,
    capacityTag: CAPACITY_TAGS[capacity] ?? 'nhsuk-tag--grey',
    notTaking: NOT_TAKING.includes(capacity),
    distance: hit.distanceKm === null ? null : `${hit.distanceKm.toFixed(1)} km away`,
    needs: hit.needs.map((n) => findNeed(n)?.label ?? n).join(', '),
    href: `/directory/services/${hit.id}`,
  };
}

/**
 * A case's onward referrals with their histories and status choices.
 * @param deps - the database and tenant
 * @param spCase - the case
 * @param today - today in England
 */
export async function onwardList(
  deps: CaseworkDeps,
  spCase: SpCase,
  today: string,
): Promise<Record<string, unknown>[]> {
  const onward = await listOnwardReferrals(deps.db, deps.tenant.id, spCase.id);
  const events = await listOnwardEvents(
    deps.db,
    deps.tenant.id,
    onward.map((o) => o.id),
  );
  return onward.map((o) => ({
    ...o,
    kindLabel: o.kind === 'referral' ? 'Referral' : 'Signpost',
    statusLabel: ONWARD_STATUS_LABELS[o.status],
    statusTag: ONWARD_STATUS_TAGS[o.status],
    capacityLabel: labelOf(CAPACITY_LABELS, o.capacityAtReferral),
    overdue: o.status === 'sent' && o.respondBy !== null && o.respondBy < today,
    history: events
      .filter((e) => e.onwardReferralId === o.id)
      .map((e) => ({ ...e, statusLabel: ONWARD_STATUS_LABELS[e.status] })),
    statusAction: `/app/cases/${spCase.id}/onward/${o.id}/status`,
    statusItems: [
      { value: '', text: 'Select the new status' },
      ...ONWARD_STATUSES.filter((s) => s !== 'sent').map((s) => ({
        value: s,
        text: ONWARD_STATUS_LABELS[s],
      })),
    ],
    declineItems: [
      { value: '', text: 'Select a reason (when declined)' },
      ...Object.entries(ONWARD_DECLINE_REASONS).map(([value, text]) => ({ value, text })),
    ],
  }));
}
