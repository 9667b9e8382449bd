import { describe, expect, it } from 'vitest';
import { DEFAULT_PROTOCOL } from './default-protocol.ts';
import { isTakingPeople, MAX_SERVICES, rankOptions, type ServiceCandidate } from './navigate-options.ts';
import type { NavigationProtocolContent, QuickPick } from './protocol.model.ts';

// Ranking the options offered: the quick picks' own destinations first (enabled ones, best first), then
// directory services taking people, the link worker, always the GP, and services not taking people last.

const pick = (key: string): QuickPick => {
  const found = DEFAULT_PROTOCOL.quickPicks.find((p) => p.key === key);
  if (found === undefined) {
    throw new Error(`no quick pick ${key}`);
  }
  return found;
};
const service = (id: string, capacity: ServiceCandidate['capacity']): ServiceCandidate => ({
  id,
  name: `Service ${id}`,
  capacity,
});
const keys = (options: ReturnType<typeof rankOptions>): string[] => options.map((o) => `${o.kind}:${o.key}`);

describe('rankOptions', () => {
  it('ranks destinations, taking services, the link worker, the GP, then services not taking people', () => {
    const options = rankOptions({
      protocol: DEFAULT_PROTOCOL,
      picks: [pick('bereavement')],
      services: [
        service('a', 'paused'),
        service('b', 'accepting'),
        service('c', 'closed'),
        service('d', 'waitlist'),
      ],
    });
    expect(keys(options)).toEqual([
      'protocol:talking-therapies',
      'service:b',
      'service:d',
      'protocol:link-worker',
      'protocol:gp',
      'service:a',
      'service:c',
    ]);
    expect(options.map((o) => o.rank)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(options.find((o) => o.key === 'a')?.capacity).toBe('paused');
  });

  it('always offers the GP, and leaves out switched-off destinations', () => {
    const protocol: NavigationProtocolContent = {
      ...DEFAULT_PROTOCOL,
      destinations: DEFAULT_PROTOCOL.destinations.map((d) =>
        d.key === 'community-pharmacy' ? { ...d, enabled: false } : d,
      ),
    };
    const options = rankOptions({ protocol, picks: [pick('medication')], services: [] });
    expect(keys(options)).toEqual(['protocol:clinical-pharmacist', 'protocol:link-worker', 'protocol:gp']);
  });

  it('offers each destination once across several picks, in the picks order', () => {
    const options = rankOptions({
      protocol: DEFAULT_PROTOCOL,
      picks: [pick('minor-illness'), pick('medication')],
      services: [],
    });
    expect(keys(options).slice(0, 4)).toEqual([
      'protocol:community-pharmacy',
      'protocol:practice-nurse',
      'protocol:nhs-111-online',
      'protocol:clinical-pharmacist',
    ]);
  });

  it(`offers at most ${String(MAX_SERVICES)} services of each kind`, () => {
    const services = Array.from({ length: 8 }, (_, i) =>
      service(`s${String(i)}`, i % 2 === 0 ? 'accepting' : 'closed'),
    );
    const options = rankOptions({ protocol: DEFAULT_PROTOCOL, picks: [pick('loneliness')], services });
    expect(options.filter((o) => o.kind === 'service' && isTakingPeople(o))).toHaveLength(4);
    expect(options.filter((o) => !isTakingPeople(o))).toHaveLength(4);
    const many = Array.from({ length: 9 }, (_, i) => service(`t${String(i)}`, 'accepting'));
    expect(
      rankOptions({ protocol: DEFAULT_PROTOCOL, picks: [], services: many }).filter(
        (o) => o.kind === 'service',
      ),
    ).toHaveLength(MAX_SERVICES);
  });
});
