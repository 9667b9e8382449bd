import type { WritableRow } from './bulk-upsert.repository.ts';
import type {
  OrukAttribute,
  OrukLocation,
  OrukOrganization,
  OrukService,
  OrukTaxonomyTerm,
} from './oruk/oruk.schema.ts';
import {
  DEFAULT_SIGNPOST_FIELDS,
  readSignpostAttributes,
  signpostFieldsToColumns,
  type SignpostFields,
} from './oruk/signpost-attributes.ts';

// Flattens nested ORUK services into the rows of each directory table (pure; no SQL).
// Shared entities (organizations, locations, terms) appear once per id: later copies fill in or
// override fields, but a copy that omits a nested list never erases the list another copy sent.

export interface ImportedService {
  service: OrukService;
  /** Signpost's own fields; they win over Signpost attributes in the payload. */
  signpost?: Partial<SignpostFields>;
}

export type OwnerKind = 'service' | 'organization' | 'location';

export interface ServiceGraphRows {
  /** One per id: the last copy met, as written. */
  terms: OrukTaxonomyTerm[];
  organizations: OrukOrganization[];
  locations: OrukLocation[];
  /** Services whose payload carried Signpost fields (every column is written)... */
  servicesWithSignpost: WritableRow<'service'>[];
  /** ...and services without (Signpost columns keep their stored values). */
  servicesOrukOnly: WritableRow<'service'>[];
  serviceIds: string[];
  schedules: WritableRow<'schedule'>[];
  contacts: WritableRow<'contact'>[];
  phones: WritableRow<'phone'>[];
  costOptions: WritableRow<'cost_option'>[];
  languages: WritableRow<'language'>[];
  serviceAreas: WritableRow<'service_area'>[];
  funding: WritableRow<'funding'>[];
  serviceAtLocations: WritableRow<'service_at_location'>[];
  attributes: WritableRow<'attribute'>[];
  /** Entities whose attribute lists were sent (their other attributes are deleted). */
  attributeLinks: { entity: string; id: string }[];
  /** Which service, organization or location each attribute-bearing entity belongs to. */
  owners: Map<string, { kind: OwnerKind; id: string }>;
  /**
   * Ids whose attribute lists more than one owner sent (say two services with a contact of the same id): for
   * those, `owners` names only the last, so the rows cannot be split by owner (see withoutServices).
   */
  sharedLinkIds: Set<string>;
}

/** Merges two copies of the same object: defined fields of `next` win. */
function merge<T extends object>(prev: T | undefined, next: T): T {
  if (prev === undefined) {
    return next;
  }
  const out: T = { ...prev };
  for (const [key, value] of Object.entries(next) as [keyof T, T[keyof T]][]) {
    if (value !== undefined) {
      out[key] = value;
    }
  }
  return out;
}

function nullable<T>(value: T | undefined): T | null {
  return value ?? null;
}

class GraphBuilder {
  readonly rows: ServiceGraphRows = {
    terms: [],
    organizations: [],
    locations: [],
    servicesWithSignpost: [],
    servicesOrukOnly: [],
    serviceIds: [],
    schedules: [],
    contacts: [],
    phones: [],
    costOptions: [],
    languages: [],
    serviceAreas: [],
    funding: [],
    serviceAtLocations: [],
    attributes: [],
    attributeLinks: [],
    owners: new Map(),
    sharedLinkIds: new Set(),
  };
  private readonly orgs = new Map<string, OrukOrganization>();
  private readonly locs = new Map<string, OrukLocation>();
  /** Terms by id, the last copy met last (the order `lastById` gives). */
  private readonly terms = new Map<string, OrukTaxonomyTerm>();

  constructor(private readonly tenantId: string) {}

  attributesOf(
    entity: string,
    id: string,
    list: readonly OrukAttribute[] | undefined,
    owner: { kind: OwnerKind; id: string },
  ): void {
    // A service's and its contacts' lists are replaced wholesale (absent = none); shared entities' only when sent.
    if (list === undefined && entity !== 'service' && entity !== 'contact') {
      return;
    }
    this.rows.attributeLinks.push({ entity, id });
    const known = this.rows.owners.get(id);
    if (known !== undefined && (known.kind !== owner.kind || known.id !== owner.id)) {
      this.rows.sharedLinkIds.add(id);
    }
    this.rows.owners.set(id, owner);
    for (const attr of list ?? []) {
      const termId = attr.taxonomy_term?.id ?? attr.taxonomy_term_id;
      if (termId === undefined) {
        throw new Error(`Attribute ${attr.id} of ${entity} ${id} has no taxonomy term`);
      }
      if (attr.taxonomy_term !== undefined) {
        this.terms.delete(termId);
        this.terms.set(termId, attr.taxonomy_term);
      }
      this.rows.attributes.push({
        id: attr.id,
        link_id: id,
        link_type: nullable(attr.link_type),
        link_entity: entity,
        taxonomy_term_id: termId,
        value: nullable(attr.value),
        label: nullable(attr.label),
      });
    }
  }

  organization(org: OrukOrganization): void {
    this.orgs.set(org.id, merge(this.orgs.get(org.id), org));
  }

  location(loc: OrukLocation): void {
    this.locs.set(loc.id, merge(this.locs.get(loc.id), loc));
  }

  service(item: ImportedService): void {
    const s = item.service;
    const owner = { kind: 'service' as const, id: s.id };
    if (s.organization !== undefined) {
      this.organization(s.organization);
    }
    const read = readSignpostAttributes(s.attributes, this.tenantId);
    this.attributesOf('service', s.id, read.others, owner);
    const base = {
      id: s.id,
      organization_id: s.organization?.id ?? nullable(s.organization_id),
      name: s.name,
      description: nullable(s.description),
      url: nullable(s.url),
      email: nullable(s.email),
      status: s.status,
      fees: nullable(s.fees),
      accreditations: nullable(s.accreditations),
      minimum_age: nullable(s.minimum_age),
      maximum_age: nullable(s.maximum_age),
      assured_date: nullable(s.assured_date),
      assurer_email: nullable(s.assurer_email),
      alert: nullable(s.alert),
      last_modified: nullable(s.last_modified),
    };
    this.rows.serviceIds.push(s.id);
    if (read.signpost === null && item.signpost === undefined) {
      this.rows.servicesOrukOnly.push(base);
    } else {
      const fields = { ...DEFAULT_SIGNPOST_FIELDS, ...read.signpost, ...item.signpost };
      this.rows.servicesWithSignpost.push({ ...base, ...signpostFieldsToColumns(fields) });
    }
    this.children(s);
  }

  private children(s: OrukService): void {
    const service_id = s.id;
    for (const x of s.schedules ?? []) {
      this.rows.schedules.push({
        id: x.id,
        service_id,
        service_at_location_id: nullable(x.service_at_location_id),
        location_id: null,
        valid_from: nullable(x.valid_from),
        valid_to: nullable(x.valid_to),
        dtstart: nullable(x.dtstart),
        freq: nullable(x.freq),
        interval: nullable(x.interval),
        byday: nullable(x.byday),
        bymonthday: nullable(x.bymonthday),
        description: nullable(x.description),
        opens_at: nullable(x.opens_at),
        closes_at: nullable(x.closes_at),
        schedule_link: nullable(x.schedule_link),
        attending_type: nullable(x.attending_type),
        notes: nullable(x.notes),
      });
    }
    for (const x of s.service_areas ?? []) {
      this.rows.serviceAreas.push({
        id: x.id,
        service_id,
        service_at_location_id: null,
        name: nullable(x.name),
        description: nullable(x.description),
        extent: nullable(x.extent),
        extent_type: nullable(x.extent_type),
        uri: nullable(x.uri),
        service_area: nullable(x.service_area),
      });
    }
    for (const x of s.service_at_locations ?? []) {
      const locationId = x.location?.id ?? x.location_id;
      if (locationId === undefined) {
        throw new Error(`service_at_location ${x.id} of service ${service_id} has no location`);
      }
      if (x.location !== undefined) {
        this.location(x.location);
      }
      this.rows.serviceAtLocations.push({ id: x.id, service_id, location_id: locationId });
    }
    for (const x of s.languages ?? []) {
      this.rows.languages.push({
        id: x.id,
        service_id,
        location_id: null,
        phone_id: nullable(x.phone_id),
        name: nullable(x.name),
        code: nullable(x.code),
        note: nullable(x.note),
      });
    }
    for (const x of s.funding ?? []) {
      this.rows.funding.push({ id: x.id, service_id, organization_id: null, source: nullable(x.source) });
    }
    for (const x of s.cost_options ?? []) {
      this.rows.costOptions.push({
        id: x.id,
        service_id,
        valid_from: nullable(x.valid_from),
        valid_to: nullable(x.valid_to),
        option: nullable(x.option),
        amount: nullable(x.amount),
        amount_description: nullable(x.amount_description),
      });
    }
    this.contactsAndPhones(s);
  }

  private contactsAndPhones(s: OrukService): void {
    const service_id = s.id;
    const phone = (p: NonNullable<OrukService['phones']>[number], contactId: string | null): void => {
      this.rows.phones.push({
        id: p.id,
        service_id,
        contact_id: contactId,
        location_id: null,
        organization_id: null,
        number: p.number,
        extension: nullable(p.extension),
        type: nullable(p.type),
        description: nullable(p.description),
      });
    };
    for (const p of s.phones ?? []) {
      phone(p, null);
    }
    for (const c of s.contacts ?? []) {
      this.rows.contacts.push({
        id: c.id,
        service_id,
        organization_id: null,
        location_id: null,
        name: nullable(c.name),
        title: nullable(c.title),
        department: nullable(c.department),
        email: nullable(c.email),
      });
      for (const p of c.phones ?? []) {
        phone(p, c.id);
      }
      this.attributesOf('contact', c.id, c.attributes, { kind: 'service', id: service_id });
    }
  }

  finish(): ServiceGraphRows {
    for (const org of this.orgs.values()) {
      this.rows.organizations.push(org);
      const owner = { kind: 'organization' as const, id: org.id };
      this.attributesOf('organization', org.id, org.attributes, owner);
      for (const ident of org.organization_identifiers ?? []) {
        this.attributesOf('organization_identifier', ident.id, ident.attributes, owner);
      }
    }
    for (const loc of this.locs.values()) {
      this.rows.locations.push(loc);
      const owner = { kind: 'location' as const, id: loc.id };
      this.attributesOf('location', loc.id, loc.attributes, owner);
      for (const address of loc.addresses ?? []) {
        this.attributesOf('address', address.id, address.attributes, owner);
      }
      for (const access of loc.accessibility ?? []) {
        this.attributesOf('accessibility', access.id, access.attributes, owner);
      }
    }
    this.rows.terms.push(...this.terms.values());
    return this.rows;
  }
}

/**
 * The table rows for a batch of nested services. Throws when an attribute has no taxonomy term or a
 * service_at_location no location: callers validate first (see `checkImportable`).
 * @param tenantId - the tenant (to recognise Signpost terms by id)
 * @param services - the services and their Signpost fields
 */
export function serviceGraphRows(tenantId: string, services: readonly ImportedService[]): ServiceGraphRows {
  const builder = new GraphBuilder(tenantId);
  const lastCopies = new Map<string, ImportedService>();
  for (const item of services) {
    lastCopies.delete(item.service.id);
    lastCopies.set(item.service.id, item);
  }
  for (const item of lastCopies.values()) {
    builder.service(item);
  }
  return builder.finish();
}

/**
 * The rows for standalone organizations (with their identifiers' and their own attributes).
 * @param tenantId - the tenant
 * @param organizations - ORUK organizations
 */
export function organizationGraphRows(
  tenantId: string,
  organizations: readonly OrukOrganization[],
): ServiceGraphRows {
  const builder = new GraphBuilder(tenantId);
  for (const org of organizations) {
    builder.organization(org);
  }
  return builder.finish();
}

/**
 * The rows without some organizations, locations and taxonomy terms: with an organization or location go
 * its nested rows and every attribute of it or of its nested rows. For entities an earlier batch of the
 * same import stored exactly as this one would: writing them again changes nothing.
 * @param rows - serviceGraphRows(...)
 * @param skip - ids of the organizations, locations and terms to leave out
 */
export function withoutSharedEntities(rows: ServiceGraphRows, skip: ReadonlySet<string>): ServiceGraphRows {
  if (skip.size === 0) {
    return rows;
  }
  const ownedBySkipped = (linkId: string): boolean => {
    const owner = rows.owners.get(linkId);
    return owner !== undefined && owner.kind !== 'service' && skip.has(owner.id);
  };
  return {
    ...rows,
    terms: rows.terms.filter((t) => !skip.has(t.id)),
    organizations: rows.organizations.filter((o) => !skip.has(o.id)),
    locations: rows.locations.filter((l) => !skip.has(l.id)),
    attributes: rows.attributes.filter((a) => !ownedBySkipped(a.link_id)),
    attributeLinks: rows.attributeLinks.filter((l) => !ownedBySkipped(l.id)),
  };
}

/**
 * The rows without some services: with a service go its own rows (schedules, phones, contacts, locations'
 * links and the rest) and its and its contacts' attributes. Organizations, locations and terms stay: leave
 * them out with withoutSharedEntities. For a batch that holds services back for a later batch: splitting
 * its rows is cheaper than building them again, and gives the same rows. Undefined when the rows cannot be
 * split: an attribute list was sent by a service left out and by another owner (`sharedLinkIds`).
 * @param rows - serviceGraphRows(...)
 * @param serviceIds - ids of the services to leave out
 */
export function withoutServices(
  rows: ServiceGraphRows,
  serviceIds: ReadonlySet<string>,
): ServiceGraphRows | undefined {
  if (serviceIds.size === 0) {
    return rows;
  }
  if (rows.sharedLinkIds.size > 0) {
    return undefined;
  }
  const kept = (row: { service_id?: string | null }): boolean => !serviceIds.has(row.service_id ?? '');
  const ownedByLeftOut = (linkId: string): boolean => {
    const owner = rows.owners.get(linkId);
    return owner !== undefined && owner.kind === 'service' && serviceIds.has(owner.id);
  };
  return {
    ...rows,
    servicesWithSignpost: rows.servicesWithSignpost.filter((s) => !serviceIds.has(s.id)),
    servicesOrukOnly: rows.servicesOrukOnly.filter((s) => !serviceIds.has(s.id)),
    serviceIds: rows.serviceIds.filter((id) => !serviceIds.has(id)),
    schedules: rows.schedules.filter(kept),
    contacts: rows.contacts.filter(kept),
    phones: rows.phones.filter(kept),
    costOptions: rows.costOptions.filter(kept),
    languages: rows.languages.filter(kept),
    serviceAreas: rows.serviceAreas.filter(kept),
    funding: rows.funding.filter(kept),
    serviceAtLocations: rows.serviceAtLocations.filter(kept),
    attributes: rows.attributes.filter((a) => !ownedByLeftOut(a.link_id)),
    attributeLinks: rows.attributeLinks.filter((l) => !ownedByLeftOut(l.id)),
  };
}

export { checkImportable } from './service-graph.checks.ts';
