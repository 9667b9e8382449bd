import {
  sharedEntityIdsOf,
  withoutServices,
  withoutSharedEntities,
  type ServiceGraphRows,
} from '../directory.repository.ts';
import type { OrukService } from '../oruk/oruk.schema.ts';

// Which services of a batch can be written while other batches are still being written (pure). See the
// import README, "Two writers".

/** What the batches being written write. */
export interface BusyRows {
  service: (id: string) => boolean;
  /** Organizations, locations and taxonomy terms. */
  entity: (id: string) => boolean;
}

/**
 * Splits a batch into the services that can be written now and those held back for the next batch.
 * A service is held back when it is, carries or refers to a row that a batch being written writes: written
 * now, it would wait for that batch's commit on PostgreSQL's row locks, or refer to a row not committed yet.
 * So is every service with the same id as a held-back one, or sharing with one an organization, location or
 * term that this batch writes: the two parts then write disjoint rows, and the copies of a row stay
 * together in feed order, so the later copy in the feed still wins.
 * @param items - the batch's services, in feed order
 * @param busy - what the batches being written write
 * @param written - ids of the organizations, locations and terms this batch writes (not those it leaves out)
 * @returns both parts, each in feed order
 */
export function holdBack<T extends { service: OrukService }>(
  items: readonly T[],
  busy: BusyRows,
  written: ReadonlySet<string>,
): { now: T[]; later: T[] } {
  const ids = items.map((item) => sharedEntityIdsOf(item.service));
  const held = items.map(
    (item, k) => busy.service(item.service.id) || (ids[k] ?? []).some((id) => busy.entity(id)),
  );
  if (!held.includes(true)) {
    return { now: [...items], later: [] };
  }
  // Service ids and written rows of the held-back services: a service that meets one is held back too.
  const taken = new Set<string>();
  const hold = (k: number): void => {
    held[k] = true;
    taken.add(items[k]?.service.id ?? '');
    for (const id of ids[k] ?? []) {
      if (written.has(id)) {
        taken.add(id);
      }
    }
  };
  held.forEach((isHeld, k) => {
    if (isHeld) {
      hold(k);
    }
  });
  for (let grew = true; grew;) {
    grew = false;
    items.forEach((item, k) => {
      if (!held[k] && (taken.has(item.service.id) || (ids[k] ?? []).some((id) => taken.has(id)))) {
        hold(k);
        grew = true;
      }
    });
  }
  return { now: items.filter((_, k) => !held[k]), later: items.filter((_, k) => held[k]) };
}

/**
 * The rows of the services written now, split from the batch's rows rather than built again: the batch's
 * rows without the held-back services, their own rows and the organizations, locations and terms they meet
 * (holdBack leaves none of those to a service written now). Undefined when the rows cannot be split (see
 * withoutServices): build them again from the services written now.
 * @param rows - the batch's rows, as it would write them
 * @param later - the services holdBack held back
 */
export function rowsWrittenNow(
  rows: ServiceGraphRows,
  later: readonly { service: OrukService }[],
): ServiceGraphRows | undefined {
  return withoutServices(
    withoutSharedEntities(rows, new Set(later.flatMap((item) => sharedEntityIdsOf(item.service)))),
    new Set(later.map((item) => item.service.id)),
  );
}
