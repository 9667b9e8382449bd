import { NOT_TAKING } from '../casework/onward.service.ts';
import type { CapacityStatus } from '../directory/vocabulary.ts';
import type { OfferedOption } from './navigation.tables.ts';
import type { NavigationProtocolContent, QuickPick } from './protocol.model.ts';

// The options a navigator offers (issue #5 step 3), ranked: the practice's own and NHS alternatives for
// what the patient needs (the protocol's destinations for the quick picks, best first), then directory
// services near them that are taking people, then the link worker, then ALWAYS the GP (no one is refused
// a GP appointment, DOMAIN.md 2.1). Services that are paused or closed come last, shown as such: a gap
// the navigator can see, never hidden.

/** The most directory services offered of each kind (taking people, not taking people). */
export const MAX_SERVICES = 5;

export interface ServiceCandidate {
  id: string;
  name: string;
  /** The effective capacity (after ageing) at this moment. */
  capacity: CapacityStatus;
}

/**
 * Whether an offered option can be chosen now: protocol destinations always, services only while they take
 * people.
 * @param option - an offered option
 */
export function isTakingPeople(option: OfferedOption): boolean {
  return option.kind === 'protocol' || !NOT_TAKING.includes(option.capacity as CapacityStatus);
}

/**
 * The options to offer, ranked (rank 1 first).
 * @param input - the protocol in force, the quick picks chosen, and the directory services found
 */
export function rankOptions(input: {
  protocol: NavigationProtocolContent;
  picks: readonly QuickPick[];
  services: readonly ServiceCandidate[];
}): OfferedOption[] {
  const destinations = new Map(input.protocol.destinations.map((d) => [d.key, d]));
  const ranked: Omit<OfferedOption, 'rank'>[] = [];
  const seen = new Set<string>();
  const add = (option: Omit<OfferedOption, 'rank'>): void => {
    const id = `${option.kind}:${option.key}`;
    if (!seen.has(id)) {
      seen.add(id);
      ranked.push(option);
    }
  };
  const protocolOption = (key: string): void => {
    const d = destinations.get(key);
    if (d?.enabled === true) {
      add({ kind: 'protocol', key: d.key, name: d.name, capacity: null });
    }
  };
  for (const key of input.picks.flatMap((p) => p.destinations)) {
    const kind = destinations.get(key)?.kind;
    if (kind !== 'gp' && kind !== 'link-worker') {
      protocolOption(key);
    }
  }
  const service = (s: ServiceCandidate): Omit<OfferedOption, 'rank'> => ({
    kind: 'service',
    key: s.id,
    name: s.name,
    capacity: s.capacity,
  });
  const taking = input.services.filter((s) => !NOT_TAKING.includes(s.capacity));
  const notTaking = input.services.filter((s) => NOT_TAKING.includes(s.capacity));
  taking.slice(0, MAX_SERVICES).forEach((s) => {
    add(service(s));
  });
  input.protocol.destinations
    .filter((d) => d.kind === 'link-worker')
    .forEach((d) => {
      protocolOption(d.key);
    });
  input.protocol.destinations
    .filter((d) => d.kind === 'gp')
    .forEach((d) => {
      protocolOption(d.key);
    });
  notTaking.slice(0, MAX_SERVICES).forEach((s) => {
    add(service(s));
  });
  return ranked.map((option, i) => ({ ...option, rank: i + 1 }));
}
