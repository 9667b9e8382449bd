import { v5 as uuidv5 } from 'uuid';
import type { ImportedService } from '../src/modules/directory/directory.repository.ts';
import type { OrukService } from '../src/modules/directory/oruk/oruk.schema.ts';
import { signpostAttributesFor } from '../src/modules/directory/oruk/signpost-attributes.ts';
import type { CapacityStatus } from '../src/modules/directory/vocabulary.ts';
import {
  AUDIENCE_SENTENCES,
  ORGANISATION_KINDS,
  THEMES,
  WEEKDAYS,
  type Theme,
} from './synthetic-directory.words.ts';
import { createRandom, readEnglishSectors, type Sector } from './synthetic-directory.places.ts';

export { createRandom, readEnglishSectors, type Sector } from './synthetic-directory.places.ts';

// A deterministic synthetic directory: the same count, seed and as-of date give the same services,
// ids included. Services are spread over England's postcode sectors (the geo module's shipped ONS
// centroids), weighted by how many postcodes a sector has, so cities get more services than moors.

const NAMESPACE = '5b0f2a4e-6d0c-4b59-9d3e-0a8f6c1d2e3f';
const DAY_MS = 86_400_000;

export interface GenerateOptions {
  /** Capacity and assurance dates are set relative to this day. */
  asOf: Date;
  sectors?: Sector[];
}

class SyntheticDirectory {
  private readonly random: () => number;
  private readonly cumulative: number[];
  private readonly sectors: Sector[];

  constructor(
    readonly seed: number,
    private readonly asOf: Date,
    sectors: Sector[],
  ) {
    this.random = createRandom(seed);
    this.sectors = sectors;
    let total = 0;
    this.cumulative = sectors.map((s) => (total += s.postcodes));
  }

  private pick<T>(list: readonly T[]): T {
    const item = list[Math.floor(this.random() * list.length)];
    if (item === undefined) {
      throw new Error('cannot pick from an empty list');
    }
    return item;
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  private id(...parts: (string | number)[]): string {
    return uuidv5(`${this.seed}:${parts.join(':')}`, NAMESPACE);
  }

  private sector(): Sector {
    const target = this.random() * (this.cumulative.at(-1) ?? 0);
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] ?? 0) < target) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    const sector = this.sectors.at(lo);
    if (sector === undefined) {
      throw new Error('no sectors to place services in');
    }
    return sector;
  }

  private daysAgo(days: number): Date {
    return new Date(this.asOf.getTime() - days * DAY_MS);
  }

  private capacity(): ImportedService['signpost'] {
    const roll = this.random();
    const status: CapacityStatus =
      roll < 0.45
        ? 'accepting'
        : roll < 0.65
          ? 'waitlist'
          : roll < 0.7
            ? 'paused'
            : roll < 0.72
              ? 'closed'
              : roll < 0.8
                ? 'assessment_required'
                : 'unknown';
    return {
      capacityStatus: status,
      capacityWaitWeeks: status === 'waitlist' ? 1 + Math.floor(this.random() * 12) : null,
      capacityUpdatedAt: status === 'unknown' ? null : this.daysAgo(Math.floor(this.random() * 40)),
      capacityUpdatedBy: status === 'unknown' ? null : 'provider',
    };
  }

  private organization(sector: Sector): NonNullable<OrukService['organization']> {
    const district = sector.sector.split(' ')[0] ?? sector.sector;
    const kind = this.pick(ORGANISATION_KINDS);
    const name = kind.replace('{town}', sector.town);
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    return {
      id: this.id('organization', district, kind),
      name: `${name} (${district})`,
      description: `${name} is a registered charity working in ${sector.town}.`,
      website: `https://${slug}.example.org`,
    };
  }

  private location(i: number, sector: Sector): NonNullable<OrukService['service_at_locations']>[number] {
    const letters = 'ABDEFGHJLNPQRSTUWXYZ';
    const letter = (): string => letters.charAt(Math.floor(this.random() * letters.length));
    const unit = `${letter()}${letter()}`;
    // About a kilometre of jitter around the sector centroid.
    const latitude = Number((sector.latitude + (this.random() - 0.5) * 0.018).toFixed(5));
    const longitude = Number((sector.longitude + (this.random() - 0.5) * 0.03).toFixed(5));
    const locationId = this.id('location', i);
    return {
      id: this.id('service_at_location', i),
      location: {
        id: locationId,
        location_type: 'physical',
        name: `${sector.town} Community Centre`,
        latitude,
        longitude,
        addresses: [
          {
            id: this.id('address', i),
            address_1: `${1 + Math.floor(this.random() * 200)} High Street`,
            city: sector.town,
            state_province: 'England',
            postal_code: `${sector.sector}${unit}`,
            country: 'GB',
            address_type: 'physical',
          },
        ],
      },
    };
  }

  private description(theme: Theme, town: string): string {
    const [first, second] = [this.pick(theme.sentences), this.pick(theme.sentences)];
    const extra = first === second ? '' : ` ${second}`;
    return `${first}${extra} ${this.pick(AUDIENCE_SENTENCES)} Based in ${town}.`;
  }

  service(i: number): ImportedService {
    const sector = this.sector();
    const theme = this.pick(THEMES);
    const kind = this.pick(theme.kinds);
    const organization = this.organization(sector);
    const second = this.chance(0.3) ? this.pick(THEMES).need : theme.need;
    const modes = theme.modes.filter((_mode, index) => index === 0 || this.chance(0.5));
    const paid = this.chance(0.1);
    const minimumAge = this.chance(0.4) ? this.pick([16, 18, 18, 50, 65]) : undefined;
    const service: OrukService = {
      id: this.id('service', i),
      name: `${sector.town} ${kind}`,
      description: this.description(theme, sector.town),
      url: `${organization.website ?? 'https://example.org'}/services/${i}`,
      email: `hello${i}@example.org`,
      status: this.chance(0.97) ? 'active' : this.pick(['inactive', 'temporarily closed'] as const),
      minimum_age: minimumAge,
      maximum_age: minimumAge === undefined && this.chance(0.1) ? this.pick([18, 25]) : undefined,
      assured_date: this.daysAgo(Math.floor(this.random() * 730))
        .toISOString()
        .slice(0, 10),
      last_modified: this.daysAgo(Math.floor(this.random() * 365)).toISOString(),
      organization_id: organization.id,
      organization,
      service_at_locations: [this.location(i, sector)],
      schedules: [
        {
          id: this.id('schedule', i),
          freq: 'WEEKLY',
          byday: this.pick(WEEKDAYS),
          opens_at: this.pick(['09:30', '10:00', '13:00', '18:00']),
          closes_at: this.pick(['12:00', '15:00', '20:00']),
        },
      ],
      phones: [{ id: this.id('phone', i), number: `0113 ${String(4960000 + (i % 10000))}` }],
      cost_options: paid
        ? [{ id: this.id('cost', i), option: 'Per session', amount: this.pick([2, 3, 5, 10]) }]
        : undefined,
      attributes: [
        {
          id: this.id('attribute', i),
          taxonomy_term: {
            id: this.id('term', theme.need),
            name: theme.term,
            description: `Services tagged ${theme.term}`,
            taxonomy: 'syntheticServiceType',
          },
        },
      ],
    };
    return {
      service,
      signpost: {
        ...this.capacity(),
        needs: [...new Set([theme.need, second])],
        deliveryModes: modes,
        referralRoutes: this.chance(0.7) ? ['self_referral', 'direct_referral'] : ['direct_referral'],
      },
    };
  }
}

/**
 * Generates `count` synthetic ORUK services with Signpost fields, one at a time.
 * @param count - how many services
 * @param seed - the PRNG seed: the same seed gives the same services
 * @param options - the as-of date for capacity and assurance dates, and optionally the sectors to use
 */
export function* generateServices(
  count: number,
  seed: number,
  options: GenerateOptions,
): Generator<ImportedService, void, undefined> {
  const generator = new SyntheticDirectory(seed, options.asOf, options.sectors ?? readEnglishSectors());
  for (let i = 0; i < count; i++) {
    yield generator.service(i);
  }
}

/**
 * The same services in batches, the unit the import writes in one transaction.
 * @param services - the services
 * @param size - batch size
 */
export function* inBatches<T>(services: Iterable<T>, size: number): Generator<T[], void, undefined> {
  let batch: T[] = [];
  for (const service of services) {
    batch.push(service);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) {
    yield batch;
  }
}

/**
 * The service as an ORUK feed would carry it: Signpost's fields become Signpost attributes, which the
 * import maps back to columns.
 * @param tenantId - the tenant (Signpost attribute and term ids are per tenant)
 * @param item - a generated service
 */
export function toOrukRecord(tenantId: string, item: ImportedService): OrukService {
  const { service, signpost } = item;
  const attributes = signpostAttributesFor(tenantId, {
    id: service.id,
    capacity_status: signpost?.capacityStatus ?? 'unknown',
    capacity_wait_weeks: signpost?.capacityWaitWeeks ?? null,
    capacity_updated_at: signpost?.capacityUpdatedAt ?? null,
    capacity_updated_by: signpost?.capacityUpdatedBy ?? null,
    delivery_modes: signpost?.deliveryModes ?? [],
    referral_routes: signpost?.referralRoutes ?? [],
    needs: signpost?.needs ?? [],
    access_criteria: null,
    red_flags: null,
    listing_owner: null,
  });
  return { ...service, attributes: [...(service.attributes ?? []), ...attributes] };
}
