import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.ts';
import {
  costOptionRowToRecord,
  rowToRecord,
  serviceRowToRecord,
  type AttributeGraph,
  type LocationGraph,
  type OrganizationGraph,
  type ContactRecord,
  type CostOptionRecord,
  type FundingRecord,
  type LanguageRecord,
  type OrganizationRecord,
  type PhoneRecord,
  type ScheduleRecord,
  type ServiceAreaRecord,
  type ServiceAtLocationRecord,
  type ServiceGraph,
  type ServiceRecord,
  type ServiceSummary,
} from './directory-read.model.ts';

// Loads complete services in a fixed number of set-based queries whatever the number of services
// (three rounds: the service's own tables, then organizations / locations / phones / schedules, then every
// attribute of everything loaded), so a page of 200 services costs the same ~16 queries as one.

type Db = Kysely<Database>;

function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k !== null) {
      const group = groups.get(k);
      if (group === undefined) {
        groups.set(k, [item]);
      } else {
        group.push(item);
      }
    }
  }
  return groups;
}

function unique(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))];
}

/**
 * Every attribute linked to any of these ids (services, organizations, locations, contacts, ...), with
 * its taxonomy term, grouped by the id it is linked to.
 * @param db - the database
 * @param tenantId - the tenant
 * @param linkIds - ids of the records whose attributes are wanted
 */
export async function loadAttributesByLink(
  db: Db,
  tenantId: string,
  linkIds: readonly string[],
): Promise<Map<string, AttributeGraph[]>> {
  if (linkIds.length === 0) {
    return new Map();
  }
  const rows = await db
    .selectFrom('attribute as a')
    .innerJoin('taxonomy_term as t', (join) =>
      join.onRef('t.tenant_id', '=', 'a.tenant_id').onRef('t.id', '=', 'a.taxonomy_term_id'),
    )
    .selectAll('a')
    .select([
      't.code as term_code',
      't.name as term_name',
      't.description as term_description',
      't.parent_id as term_parent_id',
      't.taxonomy as term_taxonomy',
      't.taxonomy_id as term_taxonomy_id',
      't.term_uri as term_term_uri',
      't.term as term_term',
    ])
    .where('a.tenant_id', '=', tenantId)
    .where('a.link_id', 'in', linkIds)
    .orderBy('a.id')
    .execute();
  const attributes: AttributeGraph[] = rows.map((r) => ({
    id: r.id,
    linkId: r.link_id,
    linkType: r.link_type,
    linkEntity: r.link_entity,
    taxonomyTermId: r.taxonomy_term_id,
    value: r.value,
    label: r.label,
    taxonomyTerm: {
      id: r.taxonomy_term_id,
      code: r.term_code,
      name: r.term_name,
      description: r.term_description,
      parentId: r.term_parent_id,
      taxonomy: r.term_taxonomy,
      taxonomyId: r.term_taxonomy_id,
      termUri: r.term_term_uri,
      term: r.term_term,
    },
  }));
  return groupBy(attributes, (a) => a.linkId);
}

/**
 * Organizations with their identifiers (attributes are filled in by the caller's attribute round).
 * @param db - the database
 * @param tenantId - the tenant
 * @param ids - organization ids
 */
async function loadOrganizationsWithIdentifiers(
  db: Db,
  tenantId: string,
  ids: readonly string[],
): Promise<OrganizationGraph[]> {
  if (ids.length === 0) {
    return [];
  }
  const [organizations, identifiers] = await Promise.all([
    db
      .selectFrom('organization')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', ids)
      .execute(),
    db
      .selectFrom('organization_identifier')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('organization_id', 'in', ids)
      .orderBy('id')
      .execute(),
  ]);
  const identifiersByOrg = groupBy(identifiers.map(rowToRecord), (i) => i.organizationId);
  return organizations.map((row) => ({
    ...rowToRecord(row),
    identifiers: (identifiersByOrg.get(row.id) ?? []).map((i) => ({ ...i, attributes: [] })),
    attributes: [],
  }));
}

/**
 * Locations with their addresses and accessibility (attributes are filled in by the attribute round).
 * @param db - the database
 * @param tenantId - the tenant
 * @param ids - location ids
 */
async function loadLocations(db: Db, tenantId: string, ids: readonly string[]): Promise<LocationGraph[]> {
  if (ids.length === 0) {
    return [];
  }
  const [locations, addresses, accessibility] = await Promise.all([
    db.selectFrom('location').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', ids).execute(),
    db
      .selectFrom('address')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('location_id', 'in', ids)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('accessibility')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('location_id', 'in', ids)
      .orderBy('id')
      .execute(),
  ]);
  const addressesByLocation = groupBy(addresses.map(rowToRecord), (a) => a.locationId);
  const accessibilityByLocation = groupBy(accessibility.map(rowToRecord), (a) => a.locationId);
  return locations.map((row) => ({
    ...rowToRecord(row),
    addresses: (addressesByLocation.get(row.id) ?? []).map((a) => ({ ...a, attributes: [] })),
    accessibility: (accessibilityByLocation.get(row.id) ?? []).map((a) => ({ ...a, attributes: [] })),
    attributes: [],
  }));
}

interface ServiceTables {
  services: ServiceRecord[];
  serviceAtLocations: ServiceAtLocationRecord[];
  schedules: ScheduleRecord[];
  serviceAreas: ServiceAreaRecord[];
  languages: LanguageRecord[];
  funding: FundingRecord[];
  costOptions: CostOptionRecord[];
  contacts: ContactRecord[];
}

/** Round one: the service rows and every table keyed by service_id. */
async function loadServiceTables(db: Db, tenantId: string, ids: readonly string[]): Promise<ServiceTables> {
  const [services, serviceAtLocations, schedules, serviceAreas, languages, funding, costOptions, contacts] =
    await Promise.all([
      db.selectFrom('service').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', ids).execute(),
      db
        .selectFrom('service_at_location')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('service_id', 'in', ids)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('schedule')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('service_id', 'in', ids)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('service_area')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('service_id', 'in', ids)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('language')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('service_id', 'in', ids)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('funding')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('service_id', 'in', ids)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('cost_option')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('service_id', 'in', ids)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('contact')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('service_id', 'in', ids)
        .orderBy('id')
        .execute(),
    ]);
  return {
    services: services.map(serviceRowToRecord),
    serviceAtLocations: serviceAtLocations.map(rowToRecord),
    schedules: schedules.map(rowToRecord),
    serviceAreas: serviceAreas.map(rowToRecord),
    languages: languages.map(rowToRecord),
    funding: funding.map(rowToRecord),
    costOptions: costOptions.map(costOptionRowToRecord),
    contacts: contacts.map(rowToRecord),
  };
}

interface LinkedTables {
  organizations: OrganizationGraph[];
  locations: LocationGraph[];
  phones: PhoneRecord[];
  salSchedules: ScheduleRecord[];
}

async function loadSalSchedules(
  db: Db,
  tenantId: string,
  salIds: readonly string[],
): Promise<ScheduleRecord[]> {
  if (salIds.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('schedule')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('service_at_location_id', 'in', salIds)
    .orderBy('id')
    .execute();
  return rows.map(rowToRecord);
}

async function loadPhones(
  db: Db,
  tenantId: string,
  serviceIds: readonly string[],
  contactIds: readonly string[],
): Promise<PhoneRecord[]> {
  const rows = await db
    .selectFrom('phone')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where((eb) =>
      eb.or([
        eb('service_id', 'in', serviceIds),
        ...(contactIds.length > 0 ? [eb('contact_id', 'in', contactIds)] : []),
      ]),
    )
    .orderBy('id')
    .execute();
  return rows.map(rowToRecord);
}

/** Round two: what the service's own tables point at. */
async function loadLinkedTables(db: Db, tenantId: string, tables: ServiceTables): Promise<LinkedTables> {
  const [organizations, locations, phones, salSchedules] = await Promise.all([
    loadOrganizationsWithIdentifiers(db, tenantId, unique(tables.services.map((s) => s.organizationId))),
    loadLocations(db, tenantId, unique(tables.serviceAtLocations.map((s) => s.locationId))),
    loadPhones(
      db,
      tenantId,
      tables.services.map((s) => s.id),
      tables.contacts.map((c) => c.id),
    ),
    loadSalSchedules(
      db,
      tenantId,
      tables.serviceAtLocations.map((s) => s.id),
    ),
  ]);
  return { organizations, locations, phones, salSchedules };
}

function attributeOwnerIds(tables: ServiceTables, linked: LinkedTables): string[] {
  return [
    ...tables.services.map((s) => s.id),
    ...tables.contacts.map((c) => c.id),
    ...linked.organizations.flatMap((o) => [o.id, ...o.identifiers.map((i) => i.id)]),
    ...linked.locations.flatMap((l) => [
      l.id,
      ...l.addresses.map((a) => a.id),
      ...l.accessibility.map((a) => a.id),
    ]),
  ];
}

function withAttributes<T extends { id: string }>(
  record: T,
  attributes: Map<string, AttributeGraph[]>,
): T & { attributes: AttributeGraph[] } {
  return { ...record, attributes: attributes.get(record.id) ?? [] };
}

function attachOrganizationAttributes(
  organization: OrganizationGraph,
  attributes: Map<string, AttributeGraph[]>,
): OrganizationGraph {
  return {
    ...withAttributes(organization, attributes),
    identifiers: organization.identifiers.map((i) => withAttributes(i, attributes)),
  };
}

function attachLocationAttributes(
  location: LocationGraph,
  attributes: Map<string, AttributeGraph[]>,
): LocationGraph {
  return {
    ...withAttributes(location, attributes),
    addresses: location.addresses.map((a) => withAttributes(a, attributes)),
    accessibility: location.accessibility.map((a) => withAttributes(a, attributes)),
  };
}

function assembleGraphs(
  tables: ServiceTables,
  linked: LinkedTables,
  attributes: Map<string, AttributeGraph[]>,
): Map<string, ServiceGraph> {
  const organizations = new Map(
    linked.organizations.map((o) => [o.id, attachOrganizationAttributes(o, attributes)]),
  );
  const locations = new Map(linked.locations.map((l) => [l.id, attachLocationAttributes(l, attributes)]));
  const salSchedules = groupBy(linked.salSchedules, (s) => s.serviceAtLocationId);
  const phonesByService = groupBy(linked.phones, (p) => p.serviceId);
  const phonesByContact = groupBy(linked.phones, (p) => p.contactId);
  const by = <T extends { serviceId: string | null }>(items: T[]): Map<string, T[]> =>
    groupBy(items, (i) => i.serviceId);
  const schedules = by(tables.schedules);
  const serviceAreas = by(tables.serviceAreas);
  const languages = by(tables.languages);
  const funding = by(tables.funding);
  const costOptions = by(tables.costOptions);
  const contacts = by(tables.contacts);
  const serviceAtLocations = by(tables.serviceAtLocations);

  const graphs = new Map<string, ServiceGraph>();
  for (const service of tables.services) {
    const organization =
      service.organizationId === null ? undefined : organizations.get(service.organizationId);
    graphs.set(service.id, {
      ...service,
      organization: organization ?? null,
      schedules: schedules.get(service.id) ?? [],
      serviceAreas: serviceAreas.get(service.id) ?? [],
      serviceAtLocations: (serviceAtLocations.get(service.id) ?? []).flatMap((sal) => {
        const location = locations.get(sal.locationId);
        // The foreign key makes a missing location impossible; skip rather than emit a broken link.
        return location === undefined
          ? []
          : [{ ...sal, location, schedules: salSchedules.get(sal.id) ?? [] }];
      }),
      languages: languages.get(service.id) ?? [],
      funding: funding.get(service.id) ?? [],
      costOptions: costOptions.get(service.id) ?? [],
      contacts: (contacts.get(service.id) ?? []).map((c) => ({
        ...withAttributes(c, attributes),
        phones: phonesByContact.get(c.id) ?? [],
      })),
      phones: phonesByService.get(service.id) ?? [],
      attributes: attributes.get(service.id) ?? [],
    });
  }
  return graphs;
}

/**
 * Loads complete services (organization, schedules, service areas, locations with addresses and
 * accessibility, languages, funding, cost options, contacts with phones, phones, and every attribute with
 * its taxonomy term) in a fixed number of set-based queries.
 * @param db - the database (or a transaction)
 * @param tenantId - the tenant that owns the services
 * @param ids - service ids; unknown ids are simply absent from the result
 * @returns the graphs by service id
 */
export async function loadServiceGraphs(
  db: Db,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, ServiceGraph>> {
  const wanted = unique(ids);
  if (wanted.length === 0) {
    return new Map();
  }
  const tables = await loadServiceTables(db, tenantId, wanted);
  if (tables.services.length === 0) {
    return new Map();
  }
  const linked = await loadLinkedTables(db, tenantId, tables);
  const attributes = await loadAttributesByLink(db, tenantId, attributeOwnerIds(tables, linked));
  return assembleGraphs(tables, linked, attributes);
}

/**
 * Loads organizations with their identifiers and attributes.
 * @param db - the database
 * @param tenantId - the tenant
 * @param ids - organization ids; unknown ids are absent from the result
 */
export async function loadOrganizationGraphs(
  db: Db,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, OrganizationGraph>> {
  const organizations = await loadOrganizationsWithIdentifiers(db, tenantId, unique(ids));
  const attributes = await loadAttributesByLink(
    db,
    tenantId,
    organizations.flatMap((o) => [o.id, ...o.identifiers.map((i) => i.id)]),
  );
  return new Map(organizations.map((o) => [o.id, attachOrganizationAttributes(o, attributes)]));
}

/**
 * Loads services' one-to-one fields and their organizations (no nested lists): what list pages show.
 * @param db - the database
 * @param tenantId - the tenant
 * @param ids - service ids
 */
export async function loadServiceSummaries(
  db: Db,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, ServiceSummary>> {
  const wanted = unique(ids);
  if (wanted.length === 0) {
    return new Map();
  }
  // One query: the organization's columns come alongside, prefixed `org_`.
  const rows = await db
    .selectFrom('service as s')
    .leftJoin('organization as o', (join) =>
      join.onRef('o.tenant_id', '=', 's.tenant_id').onRef('o.id', '=', 's.organization_id'),
    )
    .selectAll('s')
    .select([
      'o.id as org_id',
      'o.name as org_name',
      'o.description as org_description',
      'o.email as org_email',
      'o.website as org_website',
      'o.logo as org_logo',
      'o.uri as org_uri',
      'o.parent_organization_id as org_parent_organization_id',
      'o.created_at as org_created_at',
      'o.updated_at as org_updated_at',
    ])
    .where('s.tenant_id', '=', tenantId)
    .where('s.id', 'in', wanted)
    .execute();
  return new Map(
    rows.map((row) => {
      const { org_id, org_name, org_description, org_created_at, org_updated_at } = row;
      const organization: OrganizationRecord | null =
        org_id === null ||
        org_name === null ||
        org_description === null ||
        org_created_at === null ||
        org_updated_at === null
          ? null
          : {
              id: org_id,
              name: org_name,
              description: org_description,
              email: row.org_email,
              website: row.org_website,
              logo: row.org_logo,
              uri: row.org_uri,
              parentOrganizationId: row.org_parent_organization_id,
              createdAt: org_created_at,
              updatedAt: org_updated_at,
            };
      const service = Object.fromEntries(
        Object.entries(row).filter(([key]) => !key.startsWith('org_')),
      ) as Selectable<Database['service']>;
      return [row.id, { ...serviceRowToRecord(service), organization }];
    }),
  );
}

/**
 * Ids of the services tagged (through a service attribute) with any of these taxonomy terms.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param termIds - taxonomy term ids
 */
export async function findServiceIdsTaggedWith(
  db: Kysely<Database>,
  tenantId: string,
  termIds: readonly string[],
): Promise<string[]> {
  if (termIds.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('attribute')
    .select('link_id')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('link_entity', '=', 'service')
    .where('taxonomy_term_id', 'in', [...termIds])
    .execute();
  return rows.map((r) => r.link_id);
}
