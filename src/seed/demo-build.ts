import type { ImportedService } from '../modules/directory/directory.repository.ts';
import type {
  OrukLocation,
  OrukOrganization,
  OrukSchedule,
  OrukService,
} from '../modules/directory/oruk/oruk.schema.ts';
import { findVenue } from './demo-areas.data.ts';
import { demoSignpostFields, demoStatusAndAlert, type DemoClock } from './demo-capacity.ts';
import { demoContact } from './demo-contacts.ts';
import { demoId, DemoRandom } from './demo-random.ts';
import { serviceTypeTerm } from './demo-service-types.data.ts';
import type { VenuePostcodes } from './demo-venues.ts';
import type { DemoOrganisationSpec, DemoSchedule, DemoService, OrganisationKind } from './demo.types.ts';

// Turns the demo catalogue into ORUK 3.0 services (with Signpost's own fields alongside) for the directory's
// write path. Pure apart from the postcode lookup it is given.

const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English',
  ur: 'Urdu',
  pa: 'Punjabi',
  pl: 'Polish',
  ar: 'Arabic',
  bn: 'Bengali',
  ro: 'Romanian',
  fa: 'Persian',
  ti: 'Tigrinya',
  ku: 'Kurdish',
  fr: 'French',
  hi: 'Hindi',
  gu: 'Gujarati',
  bfi: 'British Sign Language',
};

const FUNDING: Record<OrganisationKind, string> = {
  network: 'Leeds City Council neighbourhood networks grant, and local fundraising',
  charity: 'Grants, contracts and donations',
  cic: 'Trading income and grants',
  council: 'Leeds City Council',
  nhs: 'NHS West Yorkshire Integrated Care Board',
  faith: 'Donations from the congregation',
  group: 'Members’ subscriptions and small grants',
};

export interface BuildContext {
  tenantId: string;
  clock: DemoClock;
  postcodes: VenuePostcodes;
  organisations: Map<string, DemoOrganisationSpec>;
}

export function slugOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * The ORUK organization for a demo organisation.
 * @param tenantId - the tenant being seeded
 * @param org - the organisation
 */
export function buildOrganization(tenantId: string, org: DemoOrganisationSpec): OrukOrganization {
  const slug = slugOf(org.name);
  return {
    id: demoId(tenantId, 'organization', org.key),
    name: org.name,
    description: org.description,
    email: `${slug}@example.org`,
    website: `https://example.org/${slug}`,
  };
}

function buildLocation(ctx: BuildContext, venueKey: string): OrukLocation {
  const { venue, area } = findVenue(venueKey);
  const point = ctx.postcodes.forVenue(venue);
  const id = demoId(ctx.tenantId, 'location', venue.key);
  return {
    id,
    location_type: 'physical',
    name: venue.name,
    description: `${venue.name}, ${area.name}`,
    latitude: point.latitude,
    longitude: point.longitude,
    addresses: [
      {
        id: demoId(ctx.tenantId, 'address', venue.key),
        location_id: id,
        address_1: `${venue.name}, ${venue.street}`,
        city: point.postcode.startsWith('LS21') ? 'Otley' : 'Leeds',
        state_province: 'West Yorkshire',
        postal_code: point.postcode,
        country: 'GB',
        address_type: 'physical',
      },
    ],
    accessibility: venue.accessibility.map((text, i) => ({
      id: demoId(ctx.tenantId, 'accessibility', `${venue.key}:${String(i)}`),
      location_id: id,
      description: text,
    })),
  };
}

function buildSchedule(tenantId: string, serviceId: string, s: DemoSchedule, i: number): OrukSchedule {
  return {
    id: demoId(tenantId, 'schedule', `${serviceId}:${String(i)}`),
    service_id: serviceId,
    freq: s.freq,
    interval: s.interval ?? 1,
    byday: s.byday,
    opens_at: s.opensAt,
    closes_at: s.closesAt,
  };
}

function costOptions(
  tenantId: string,
  serviceId: string,
  service: DemoService,
): Pick<OrukService, 'fees' | 'cost_options'> {
  if (service.fee === undefined) {
    return { fees: 'Free' };
  }
  return {
    fees: service.fee.description,
    cost_options: [
      {
        id: demoId(tenantId, 'cost_option', serviceId),
        service_id: serviceId,
        option: 'Per session',
        amount: service.fee.amount,
        amount_description: service.fee.description,
      },
    ],
  };
}

/**
 * One demo service as an ORUK service plus Signpost's fields, ready for `upsertServiceGraphs`.
 * @param ctx - tenant, clock, postcodes and organisations
 * @param service - the catalogue entry
 * @param index - its position in the catalogue (phone numbers are allocated by it)
 */
export function buildService(ctx: BuildContext, service: DemoService, index: number): ImportedService {
  const { tenantId } = ctx;
  const org = ctx.organisations.get(service.organisation);
  if (org === undefined) {
    throw new Error(`Demo service ${service.key} names unknown organisation ${service.organisation}`);
  }
  const id = demoId(tenantId, 'service', service.key);
  const rng = new DemoRandom(`service:${service.key}`);
  const contact = demoContact({ tenantId, serviceId: id, org, index, rng });
  const signpost = demoSignpostFields({ service, contact, clock: ctx.clock, rng });
  const { status, alert } = demoStatusAndAlert(signpost.capacityStatus, rng, ctx.clock);
  const term = serviceTypeTerm(tenantId, service.serviceType);
  const orukService: OrukService = {
    id,
    organization_id: demoId(tenantId, 'organization', org.key),
    name: service.name,
    description: service.description,
    url: `https://example.org/${slugOf(org.name)}/${slugOf(service.name)}`,
    email: contact.email,
    status,
    ...costOptions(tenantId, id, service),
    ...(service.minimumAge === undefined ? {} : { minimum_age: service.minimumAge }),
    ...(service.maximumAge === undefined ? {} : { maximum_age: service.maximumAge }),
    assured_date: ctx.clock.assuredDate(rng),
    assurer_email: contact.email,
    ...(alert === undefined ? {} : { alert }),
    last_modified: signpost.capacityUpdatedAt.toISOString(),
    organization: buildOrganization(tenantId, org),
    schedules: service.schedules.map((s, i) => buildSchedule(tenantId, id, s, i)),
    service_areas: [
      {
        id: demoId(tenantId, 'service_area', id),
        service_id: id,
        name: service.serviceArea ?? 'Leeds',
        description: `People living in ${service.serviceArea ?? 'Leeds'}`,
      },
    ],
    service_at_locations:
      service.venue === null
        ? []
        : [
            {
              id: demoId(tenantId, 'service_at_location', `${service.key}:${service.venue}`),
              service_id: id,
              location_id: demoId(tenantId, 'location', service.venue),
              location: buildLocation(ctx, service.venue),
            },
          ],
    languages: (service.languages ?? ['en']).map((code) => ({
      id: demoId(tenantId, 'language', `${id}:${code}`),
      service_id: id,
      name: LANGUAGE_NAMES[code] ?? code,
      code,
    })),
    funding: [{ id: demoId(tenantId, 'funding', id), service_id: id, source: FUNDING[org.kind] }],
    contacts: [contact.oruk],
    attributes: [
      {
        id: demoId(tenantId, 'attribute', `${id}:${term.id}`),
        link_id: id,
        link_type: 'service_type',
        link_entity: 'service',
        taxonomy_term_id: term.id,
        taxonomy_term: term,
      },
    ],
  };
  return { service: orukService, signpost };
}
