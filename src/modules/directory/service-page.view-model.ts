import type { ServiceGraph } from './directory-read.model.ts';
import {
  capacityTag,
  deliveryModeLabels,
  formatAgeRange,
  formatLongDate,
  formatTimeAgo,
  formatWait,
  needLabels,
  referralRouteLabels,
  safeWebUrl,
  telHref,
  type CapacityTag,
} from './directory-format.ts';
import { describeSchedule } from './schedule-text.ts';
import { capacityCutoff, listingNeedsChecking } from './search/search-ranking.ts';
import { CAPACITY_LABELS, type CapacityStatus } from './vocabulary.ts';

// Turns a service graph into what a navigator needs to explain the service to a patient. Every value is
// plain text; the template decides which become links.

export interface SummaryRow {
  key: { text: string };
  value: { text: string };
}

export interface PhoneView {
  number: string;
  href: string | null;
  description: string | null;
}

export interface ContactView {
  name: string | null;
  email: string | null;
  phones: PhoneView[];
}

export interface PlaceView {
  name: string | null;
  lines: string[];
  description: string | null;
}

export interface ScheduleView {
  text: string | null;
  description: string | null;
  validity: string | null;
}

export interface ServicePageView {
  id: string;
  name: string;
  organisation: { name: string; website: string | null } | null;
  statusText: string | null;
  alert: string | null;
  glance: SummaryRow[];
  redFlags: string[] | null;
  description: string[];
  whoFor: SummaryRow[];
  referralRoutes: string[];
  phones: PhoneView[];
  email: string | null;
  website: string | null;
  contacts: ContactView[];
  schedules: ScheduleView[];
  places: PlaceView[];
  remoteText: string | null;
  cost: string[];
  capacity: { tag: CapacityTag; wait: string | null; stale: boolean; updated: string | null };
  checked: { text: string; needsChecking: boolean };
  listingRows: SummaryRow[];
}

export interface ServicePageOptions {
  now: Date;
  capacityStaleDays: number;
  listingStaleDays: number;
}

const STATUS_TEXT: Record<string, string | null> = {
  active: null,
  inactive: 'Not running at the moment',
  'temporarily closed': 'Temporarily closed',
  defunct: 'No longer running',
};

/**
 * Splits free text into paragraphs on blank lines (or single line breaks), dropping empty ones.
 * @param text - text from the directory
 */
export function paragraphs(text: string | null): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '');
}

function row(key: string, value: string): SummaryRow {
  return { key: { text: key }, value: { text: value } };
}

function effectiveCapacity(service: ServiceGraph, options: ServicePageOptions): CapacityStatus {
  const updatedAt = service.capacityUpdatedAt;
  if (updatedAt === null || updatedAt < capacityCutoff(options.now, options.capacityStaleDays)) {
    return 'unknown';
  }
  return service.capacityStatus;
}

function capacityView(service: ServiceGraph, options: ServicePageOptions): ServicePageView['capacity'] {
  const effective = effectiveCapacity(service, options);
  const recorded = service.capacityStatus;
  const updatedAt = service.capacityUpdatedAt;
  let updated: string | null = null;
  if (updatedAt !== null) {
    const ago = formatTimeAgo(updatedAt, options.now);
    const by = service.capacityUpdatedBy === null ? '' : ` by ${service.capacityUpdatedBy}`;
    const what =
      effective === 'unknown' && recorded !== 'unknown'
        ? `Last reported as ${CAPACITY_LABELS[recorded]}`
        : 'Updated';
    updated = `${what} ${ago}${by}`;
  }
  return {
    tag: capacityTag(effective),
    wait: effective === 'waitlist' ? formatWait(service.capacityWaitWeeks) : null,
    stale: effective === 'unknown' && recorded !== 'unknown',
    updated,
  };
}

function formatMoney(amount: number): string {
  return amount.toLocaleString('en-GB', {
    style: 'currency',
    currency: 'GBP',
    minimumFractionDigits: Number.isInteger(amount) ? 0 : 2,
  });
}

/**
 * The cost section: each cost option in words ("Home visit: £15 (per visit)") and the fees text, or a
 * note that no charges are listed.
 * @param service - the service
 */
export function costLines(service: ServiceGraph): string[] {
  const lines = service.costOptions.map((c) => {
    const amount = c.amount === null ? null : c.amount === 0 ? 'Free' : formatMoney(c.amount);
    const head = [c.option, amount].filter((p): p is string => p !== null && p.trim() !== '').join(': ');
    const detail = c.amountDescription?.trim() ?? '';
    if (head === '') {
      return detail;
    }
    return detail === '' ? head : `${head} (${detail})`;
  });
  lines.push(...paragraphs(service.fees));
  const shown = lines.filter((l) => l !== '');
  return shown.length > 0 ? shown : ['No charges are listed. Check with the service before the person goes.'];
}

function freeText(service: ServiceGraph): string {
  const paid =
    service.costOptions.some((c) => c.amount !== null && c.amount > 0) ||
    /£\s*[1-9]/.test(service.fees ?? '');
  if (paid) {
    return 'There is a cost';
  }
  const saysFree =
    /^\s*(free|no charge|no cost)/i.test(service.fees ?? '') ||
    service.costOptions.some((c) => c.amount === 0);
  return saysFree ? 'Free' : 'No charges listed';
}

function validity(from: string | null, to: string | null): string | null {
  const start = formatLongDate(from);
  const end = formatLongDate(to);
  if (start !== null && end !== null) {
    return `From ${start} to ${end}`;
  }
  if (start !== null) {
    return `From ${start}`;
  }
  return end === null ? null : `Until ${end}`;
}

function scheduleViews(service: ServiceGraph): ScheduleView[] {
  const atLocations = service.serviceAtLocations.flatMap((sal) =>
    sal.schedules.map((s) => ({ schedule: s, place: sal.location.name })),
  );
  const all = [
    ...service.schedules.map((s) => ({ schedule: s, place: null as string | null })),
    ...atLocations,
  ];
  return all.map(({ schedule: s, place }) => {
    const text = describeSchedule({
      freq: s.freq,
      interval: s.interval,
      byday: s.byday,
      bymonthday: s.bymonthday,
      opensAt: s.opensAt,
      closesAt: s.closesAt,
    });
    return {
      text: text !== null && place !== null ? `${text} at ${place}` : text,
      description: s.description,
      validity: validity(s.validFrom, s.validTo),
    };
  });
}

function placeViews(service: ServiceGraph): PlaceView[] {
  return service.serviceAtLocations
    .map((sal) => sal.location)
    .filter((location) => location.locationType !== 'virtual')
    .map((location) => {
      const address =
        location.addresses.find((a) => a.addressType === 'physical') ?? location.addresses.at(0);
      const lines =
        address === undefined
          ? []
          : [address.address1, address.city, address.postalCode].filter((l) => l.trim() !== '');
      return { name: location.name, lines, description: location.description };
    });
}

function remoteText(service: ServiceGraph, places: PlaceView[]): string | null {
  const virtual = service.serviceAtLocations.some((sal) => sal.location.locationType === 'virtual');
  const remoteModes = service.deliveryModes.some((m) => m === 'phone' || m === 'video');
  if (virtual || (places.length === 0 && remoteModes)) {
    return 'Online or by phone';
  }
  if (service.deliveryModes.includes('home_visit')) {
    return 'The service can visit the person at home';
  }
  return remoteModes ? 'Also available by phone or video call' : null;
}

function phoneView(p: { number: string; extension: string | null; description: string | null }): PhoneView {
  const number =
    p.extension === null || p.extension === '' ? p.number : `${p.number} (extension ${p.extension})`;
  return { number, href: telHref(p.number), description: p.description };
}

function whoForRows(service: ServiceGraph): SummaryRow[] {
  const rows = [row('Ages', formatAgeRange(service.minimumAge, service.maximumAge))];
  const needs = needLabels(service.needs);
  if (needs.length > 0) {
    rows.push(row('Helps with', needs.join(', ')));
  }
  if (service.accessCriteria !== null && service.accessCriteria.trim() !== '') {
    rows.push(row('Who can use it', service.accessCriteria.trim()));
  }
  const areas = service.serviceAreas
    .map((a) => a.name ?? a.description)
    .filter((a): a is string => a !== null);
  if (areas.length > 0) {
    rows.push(row('Area covered', areas.join(', ')));
  }
  // Ids are random, so the stored order means nothing: list languages alphabetically.
  const languages = service.languages
    .map((l) => l.name ?? l.code)
    .filter((l): l is string => l !== null)
    .sort((a, b) => a.localeCompare(b, 'en-GB'));
  if (languages.length > 0) {
    rows.push(row('Languages', languages.join(', ')));
  }
  return rows;
}

/**
 * Builds the service page (and its print view) from a service graph.
 * @param service - the complete service
 * @param options - the clock and the freshness settings
 */
export function buildServicePageView(service: ServiceGraph, options: ServicePageOptions): ServicePageView {
  const capacity = capacityView(service, options);
  const needsChecking = listingNeedsChecking(service.assuredDate, options.now, options.listingStaleDays);
  const assured = formatLongDate(service.assuredDate);
  const checked = {
    text: needsChecking || assured === null ? 'Needs checking' : `Last checked ${assured}`,
    needsChecking: needsChecking || assured === null,
  };
  const places = placeViews(service);
  const modes = deliveryModeLabels(service.deliveryModes);
  const glance = [
    row('Capacity', [capacity.tag.text, capacity.wait].filter((v): v is string => v !== null).join(', ')),
    row('Cost', freeText(service)),
    row('Ages', formatAgeRange(service.minimumAge, service.maximumAge)),
  ];
  if (modes.length > 0) {
    glance.push(row('How', modes.join(', ')));
  }
  glance.push(row('Listing', checked.text));
  const lastChanged = formatLongDate(service.lastModified);
  return {
    id: service.id,
    name: service.name,
    organisation:
      service.organization === null
        ? null
        : { name: service.organization.name, website: safeWebUrl(service.organization.website) },
    statusText: STATUS_TEXT[service.status] ?? null,
    alert: service.alert === null || service.alert.trim() === '' ? null : service.alert.trim(),
    glance,
    redFlags: paragraphs(service.redFlags).length > 0 ? paragraphs(service.redFlags) : null,
    description: paragraphs(service.description),
    whoFor: whoForRows(service),
    referralRoutes: referralRouteLabels(service.referralRoutes),
    phones: service.phones.map(phoneView),
    email: service.email,
    website: safeWebUrl(service.url),
    contacts: service.contacts
      .map((c) => ({
        name: [c.name, c.title].filter((v): v is string => v !== null && v !== '').join(', ') || null,
        email: c.email,
        phones: c.phones.map(phoneView),
      }))
      .filter((c) => c.name !== null || c.email !== null || c.phones.length > 0),
    schedules: scheduleViews(service),
    places,
    remoteText: remoteText(service, places),
    cost: costLines(service),
    capacity,
    checked,
    listingRows: [
      row(
        'Last checked',
        checked.needsChecking
          ? `Needs checking${assured === null ? '' : ` (last checked ${assured})`}`
          : (assured ?? ''),
      ),
      ...(lastChanged === null ? [] : [row('Last changed', lastChanged)]),
      ...(service.organization === null ? [] : [row('Run by', service.organization.name)]),
    ],
  };
}
