import { CITYWIDE_ACTIVE } from './demo-citywide-active.data.ts';
import { CITYWIDE_COMMUNITY } from './demo-citywide-community.data.ts';
import { CITYWIDE_FAMILY } from './demo-citywide-family.data.ts';
import { CITYWIDE_HOUSING_WORK } from './demo-citywide-housing-work.data.ts';
import { CITYWIDE_LIVING } from './demo-citywide-living.data.ts';
import { CITYWIDE_MIND } from './demo-citywide-mind.data.ts';
import { CITYWIDE_MONEY } from './demo-citywide-money.data.ts';
import { CITYWIDE_PEER } from './demo-citywide-peer.data.ts';
import { CITYWIDE_SUPPORT } from './demo-citywide-support.data.ts';
import { CITY_CENTRE, DEMO_AREAS, findVenue, NEIGHBOURHOODS } from './demo-areas.data.ts';
import { LOCAL_GROUPS } from './demo-local-groups.data.ts';
import { NEIGHBOURHOOD_NETWORKS } from './demo-neighbourhood.data.ts';
import { DemoRandom } from './demo-random.ts';
import type { DemoArea, DemoOrganisationSpec, DemoService, DemoTemplate, DemoVenue } from './demo.types.ts';

// Expands the organisations' service templates into concrete services at venues (pure, deterministic).

export const DEMO_ORGANISATIONS: DemoOrganisationSpec[] = [
  ...NEIGHBOURHOOD_NETWORKS,
  ...LOCAL_GROUPS,
  ...CITYWIDE_MONEY,
  ...CITYWIDE_HOUSING_WORK,
  ...CITYWIDE_SUPPORT,
  ...CITYWIDE_MIND,
  ...CITYWIDE_ACTIVE,
  ...CITYWIDE_LIVING,
  ...CITYWIDE_PEER,
  ...CITYWIDE_FAMILY,
  ...CITYWIDE_COMMUNITY,
];

interface Placement {
  venue: DemoVenue | null;
  area: DemoArea | null;
  /** Suffix that keeps the service key unique when a template is placed more than once. */
  suffix: string;
}

function areaOf(key: string | undefined): DemoArea | null {
  return DEMO_AREAS.find((a) => a.key === key) ?? null;
}

function place(org: DemoOrganisationSpec, template: DemoTemplate, rng: DemoRandom): Placement[] {
  const at = template.at;
  if ('venues' in at) {
    return at.venues.map((key) => {
      const { venue, area } = findVenue(key);
      return { venue, area, suffix: at.venues.length > 1 ? key : '' };
    });
  }
  if ('neighbourhoods' in at) {
    const chosen = NEIGHBOURHOODS.filter(() => rng.chance(at.neighbourhoods));
    const areas = chosen.length > 0 ? chosen : [rng.pick(NEIGHBOURHOODS)];
    return areas.map((area) => ({ venue: rng.pick(area.venues), area, suffix: area.key }));
  }
  if ('ownArea' in at) {
    const area = areaOf(org.area);
    if (area === null) {
      throw new Error(`Demo organisation ${org.key} has an ownArea service but no area`);
    }
    if (template.chance !== undefined && !rng.chance(template.chance)) {
      return [];
    }
    return [{ venue: rng.pick(area.venues), area, suffix: '' }];
  }
  // A remote service is anchored to its office (a neighbourhood organisation's first venue by default),
  // which gives it a locality and a distance; services with no office, such as refuges, have no location.
  const area = areaOf(org.area);
  if (at.base !== undefined) {
    return [{ ...findVenue(at.base), suffix: '' }];
  }
  return [{ venue: area?.venues[0] ?? null, area, suffix: '' }];
}

function fill(text: string, values: { area: string; venue: string; org: string }): string {
  return text
    .replaceAll('{area}', values.area)
    .replaceAll('{venue}', values.venue)
    .replaceAll('{org}', values.org);
}

function expandTemplate(org: DemoOrganisationSpec, template: DemoTemplate): DemoService[] {
  const rng = new DemoRandom(`${org.key}:${template.key}`);
  return place(org, template, rng).map((p) => {
    const values = {
      area: p.area?.name ?? 'Leeds',
      venue: p.venue?.name ?? 'our office',
      org: org.name,
    };
    const schedules =
      typeof template.schedules === 'function'
        ? template.schedules((items) => rng.pick(items))
        : template.schedules;
    const [minimumAge, maximumAge] = template.ages ?? [null, null];
    const remote = 'remote' in template.at;
    return {
      key: [org.key, template.key, p.suffix].filter((s) => s !== '').join(':'),
      name: fill(template.name, values),
      description: fill(template.description, values),
      organisation: org.key,
      // A remote service's base is its office, not a place people go; it still gives it a locality.
      venue: p.venue?.key ?? null,
      serviceType: template.type,
      needs: template.needs,
      deliveryModes: template.modes,
      referralRoutes: template.routes,
      ...(minimumAge === null ? {} : { minimumAge }),
      ...(maximumAge === null ? {} : { maximumAge }),
      ...(template.fee === undefined ? {} : { fee: template.fee }),
      schedules,
      accessCriteria: fill(template.access, values),
      ...(template.redFlags === undefined ? {} : { redFlags: fill(template.redFlags, values) }),
      ...(template.languages === undefined ? {} : { languages: template.languages }),
      serviceArea:
        (remote && org.area === undefined) || p.area === null || p.area.key === CITY_CENTRE
          ? 'Leeds'
          : p.area.name,
    };
  });
}

/** Every demo service, in a stable order. */
export function demoServices(): DemoService[] {
  const services = DEMO_ORGANISATIONS.flatMap((org) => org.services.flatMap((t) => expandTemplate(org, t)));
  const seen = new Set<string>();
  for (const s of services) {
    if (seen.has(s.key)) {
      throw new Error(`Duplicate demo service key ${s.key}`);
    }
    seen.add(s.key);
  }
  return services;
}
