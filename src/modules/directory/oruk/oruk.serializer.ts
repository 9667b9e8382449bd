import type {
  AttributeGraph,
  LocationGraph,
  LocationRecord,
  OrganizationGraph,
  OrganizationRecord,
  ServiceAtLocationGraph,
  ServiceGraph,
  ServiceRecord,
  ServiceSummary,
  TaxonomyRecord,
  TaxonomyTermRecord,
} from '../directory-read.model.ts';
import type {
  OrukAttribute,
  OrukLocation,
  OrukOrganization,
  OrukService,
  OrukServiceAtLocation,
  OrukTaxonomy,
  OrukTaxonomyTerm,
} from './oruk.schema.ts';
import { signpostAttributesFor } from './signpost-attributes.ts';

// Domain records -> ORUK 3.0 resources, shaped exactly as OpenReferralUK/uk-profile schema/compiled/*.json:
// - only fields the UK profile keeps (so no service phones, no language name/code, no contact email, no
//   term code), with one deliberate exception: attribute `value` (see serializeAttribute);
// - absent values and empty lists are omitted, never null;
// - a nested object omits the foreign keys that point at its parent or at an object embedded beside it
//   (a schedule inside a service has no service_id; an attribute has no link_id / taxonomy_term_id since
//   its term is embedded), as the official examples do;
// - NUMERIC and double columns are JSON numbers, dates YYYY-MM-DD, last_modified an ISO 8601 date-time.

/** Payload types: the ORUK input types (oruk.schema.ts) are also the output types. */
export type OrukServiceAtLocationOut = OrukServiceAtLocation & { service?: OrukService };
export type OrukOrganizationOut = OrukOrganization & { services?: OrukService[] };

type Present<T> = { [K in keyof T]: Exclude<T[K], null> };

/**
 * Drops keys whose value is null, undefined or an empty list, so absent data is absent in the JSON.
 * @param fields - the candidate fields
 */
export function compact<T extends object>(fields: T): Present<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(
      ([, value]) => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0),
    ),
  ) as Present<T>;
}

/**
 * A taxonomy term. Inside its own taxonomy the taxonomy_id is the parent's id and is omitted.
 * `code` is an HSDS 3.0 field the UK profile drops.
 * @param term - the term
 * @param options - `inTaxonomy` when nested in its taxonomy
 */
export function serializeTaxonomyTerm(
  term: TaxonomyTermRecord,
  options: { inTaxonomy?: boolean } = {},
): OrukTaxonomyTerm {
  return compact({
    id: term.id,
    name: term.name,
    description: term.description,
    parent_id: term.parentId,
    taxonomy: term.taxonomy,
    taxonomy_id: options.inTaxonomy === true ? null : term.taxonomyId,
    term_uri: term.termUri,
    term: term.term,
  });
}

/**
 * A taxonomy, with its terms when given (the `/taxonomies/{id}` shape).
 * @param taxonomy - the taxonomy
 * @param terms - its terms, or undefined for the list shape
 */
export function serializeTaxonomy(
  taxonomy: TaxonomyRecord,
  terms?: readonly TaxonomyTermRecord[],
): OrukTaxonomy {
  return compact({
    id: taxonomy.id,
    name: taxonomy.name,
    description: taxonomy.description,
    uri: taxonomy.uri,
    version: taxonomy.version,
    taxonomy_terms: terms?.map((t) => serializeTaxonomyTerm(t, { inTaxonomy: true })),
  });
}

/**
 * An attribute nested in the record it describes: its term embedded, so neither link_id nor
 * taxonomy_term_id is repeated. `value` is kept although the UK profile drops it (it is an HSDS 3.0
 * attribute field, so it stays valid against both specs): Signpost's listing attributes (wait weeks,
 * access criteria, red flags, ...) carry their text in it, and without it our own export would not
 * re-import losslessly (signpost-attributes.ts).
 * @param attribute - a stored attribute or one from signpostAttributesFor
 */
export function serializeAttribute(attribute: OrukAttribute): OrukAttribute {
  const term = attribute.taxonomy_term;
  return compact({
    id: attribute.id,
    link_type: attribute.link_type,
    value: attribute.value,
    taxonomy_term:
      term === undefined
        ? undefined
        : compact({
            id: term.id,
            name: term.name,
            description: term.description,
            parent_id: term.parent_id,
            taxonomy: term.taxonomy,
            taxonomy_id: term.taxonomy_id,
            term_uri: term.term_uri,
            term: term.term,
          }),
  });
}

function storedAttribute(attribute: AttributeGraph): OrukAttribute {
  const t = attribute.taxonomyTerm;
  return serializeAttribute(
    compact({
      id: attribute.id,
      link_type: attribute.linkType,
      value: attribute.value,
      taxonomy_term: compact({
        id: t.id,
        name: t.name,
        description: t.description,
        parent_id: t.parentId,
        taxonomy: t.taxonomy,
        taxonomy_id: t.taxonomyId,
        term_uri: t.termUri,
        term: t.term,
      }),
    }),
  );
}

function attributesOf(record: { attributes: readonly AttributeGraph[] }): OrukAttribute[] {
  return record.attributes.map(storedAttribute);
}

/**
 * An organization's own fields (the list shape).
 * @param organization - the organization
 */
export function serializeOrganizationSummary(organization: OrganizationRecord): OrukOrganization {
  return compact({
    id: organization.id,
    name: organization.name,
    description: organization.description,
    email: organization.email,
    website: organization.website,
    logo: organization.logo,
    uri: organization.uri,
    parent_organization_id: organization.parentOrganizationId,
  });
}

function serializeOrganizationNested(organization: OrganizationGraph): OrukOrganization {
  return compact({
    ...serializeOrganizationSummary(organization),
    organization_identifiers: organization.identifiers.map((i) =>
      compact({
        id: i.id,
        identifier_scheme: i.identifierScheme,
        identifier_type: i.identifierType,
        identifier: i.identifier,
        attributes: attributesOf(i),
      }),
    ),
    attributes: attributesOf(organization),
  });
}

/**
 * A service's one-to-one fields. The organization, when embedded, replaces organization_id.
 * @param service - the service
 * @param organization - the embedded organization, or undefined to leave it out
 */
function serviceFields(service: ServiceRecord, organization: OrukOrganization | undefined): OrukService {
  return compact({
    id: service.id,
    organization_id: organization === undefined ? service.organizationId : null,
    name: service.name,
    description: service.description,
    url: service.url,
    email: service.email,
    status: service.status,
    fees: service.fees,
    accreditations: service.accreditations,
    minimum_age: service.minimumAge,
    maximum_age: service.maximumAge,
    assured_date: service.assuredDate,
    assurer_email: service.assurerEmail,
    alert: service.alert,
    last_modified: service.lastModified?.toISOString(),
    organization,
  });
}

/**
 * A service in a list: one-to-one fields and its organization (uk-profile compiled/service_list.json).
 * @param summary - the service with its organization
 */
export function serializeServiceSummary(summary: ServiceSummary): OrukService {
  return serviceFields(
    summary,
    summary.organization === null ? undefined : serializeOrganizationSummary(summary.organization),
  );
}

/**
 * A location's one-to-one fields (the shape nested in list items).
 * @param location - the location
 */
export function serializeLocationSummary(location: LocationRecord): OrukLocation {
  return compact({
    id: location.id,
    location_type: location.locationType,
    name: location.name,
    description: location.description,
    latitude: location.latitude,
    longitude: location.longitude,
    external_identifier: location.externalIdentifier,
    external_identifier_type: location.externalIdentifierType,
  });
}

/**
 * A location with its addresses, accessibility and attributes.
 * @param location - the location
 */
export function serializeLocation(location: LocationGraph): OrukLocation {
  return compact({
    ...serializeLocationSummary(location),
    addresses: location.addresses.map((a) =>
      compact({
        id: a.id,
        attention: a.attention,
        address_1: a.address1,
        city: a.city,
        region: a.region,
        state_province: a.stateProvince,
        postal_code: a.postalCode,
        country: a.country,
        address_type: a.addressType,
        attributes: attributesOf(a),
      }),
    ),
    accessibility: location.accessibility.map((a) =>
      compact({
        id: a.id,
        description: a.description,
        details: a.details,
        url: a.url,
        accessibility: a.accessibility,
        attributes: attributesOf(a),
      }),
    ),
    attributes: attributesOf(location),
  });
}

function serializeServiceAtLocationNested(sal: ServiceAtLocationGraph): OrukServiceAtLocation {
  return compact({ id: sal.id, location: serializeLocation(sal.location) });
}

export interface ServiceSerializeOptions {
  /** Embed the organization (false when the service is nested in its organization). */
  withOrganization?: boolean;
  /** Embed service_at_locations (false when the service is nested in a service_at_location). */
  withServiceAtLocations?: boolean;
}

/**
 * A fully nested service (uk-profile compiled/service.json), with Signpost's fields appended as
 * attributes under its local taxonomies.
 * @param tenantId - the tenant (Signpost term and attribute ids are per tenant)
 * @param graph - the complete service
 * @param options - what to embed, depending on where the service is nested
 */
export function serializeService(
  tenantId: string,
  graph: ServiceGraph,
  options: ServiceSerializeOptions = {},
): OrukService {
  const organization =
    options.withOrganization === false || graph.organization === null
      ? undefined
      : serializeOrganizationNested(graph.organization);
  const signpost = signpostAttributesFor(tenantId, {
    id: graph.id,
    capacity_status: graph.capacityStatus,
    capacity_wait_weeks: graph.capacityWaitWeeks,
    capacity_updated_at: graph.capacityUpdatedAt,
    capacity_updated_by: graph.capacityUpdatedBy,
    delivery_modes: graph.deliveryModes,
    referral_routes: graph.referralRoutes,
    needs: graph.needs,
    access_criteria: graph.accessCriteria,
    red_flags: graph.redFlags,
    listing_owner: graph.listingOwner,
  });
  return compact({
    ...serviceFields(graph, organization),
    // Never repeated: the organization is embedded, or the service is nested in it, or there is none.
    organization_id: null,
    schedules: graph.schedules.map((s) =>
      compact({
        id: s.id,
        service_at_location_id: s.serviceAtLocationId,
        valid_from: s.validFrom,
        valid_to: s.validTo,
        dtstart: s.dtstart,
        freq: s.freq,
        interval: s.interval,
        byday: s.byday,
        bymonthday: s.bymonthday,
        description: s.description,
        opens_at: s.opensAt,
        closes_at: s.closesAt,
        schedule_link: s.scheduleLink,
        attending_type: s.attendingType,
        notes: s.notes,
      }),
    ),
    service_areas: graph.serviceAreas.map((a) =>
      compact({
        id: a.id,
        name: a.name,
        extent: a.extent,
        extent_type: a.extentType,
        uri: a.uri,
        service_area: a.serviceArea,
      }),
    ),
    service_at_locations:
      options.withServiceAtLocations === false
        ? []
        : graph.serviceAtLocations.map(serializeServiceAtLocationNested),
    languages: graph.languages.map((l) => compact({ id: l.id, phone_id: l.phoneId })),
    funding: graph.funding.map((f) => compact({ id: f.id, source: f.source })),
    cost_options: graph.costOptions.map((c) =>
      compact({
        id: c.id,
        valid_from: c.validFrom,
        valid_to: c.validTo,
        option: c.option,
        amount: c.amount,
        amount_description: c.amountDescription,
      }),
    ),
    contacts: graph.contacts.map((c) =>
      compact({ id: c.id, name: c.name, title: c.title, attributes: attributesOf(c) }),
    ),
    attributes: [...attributesOf(graph), ...signpost.map(serializeAttribute)],
  });
}

/**
 * A fully nested service_at_location (uk-profile compiled/service_at_location.json): its location in full
 * and its service in full, without the service's other locations.
 * @param tenantId - the tenant
 * @param graph - the complete service
 * @param sal - one of graph.serviceAtLocations
 */
export function serializeServiceAtLocation(
  tenantId: string,
  graph: ServiceGraph,
  sal: ServiceAtLocationGraph,
): OrukServiceAtLocationOut {
  return compact({
    id: sal.id,
    location: serializeLocation(sal.location),
    service: serializeService(tenantId, graph, { withServiceAtLocations: false }),
  });
}

/**
 * A service_at_location in a list: its location's and its service's one-to-one fields
 * (uk-profile compiled/service_at_location_list.json).
 * @param sal - the service_at_location id
 * @param location - its location
 * @param service - its service with organization
 */
export function serializeServiceAtLocationSummary(
  sal: { id: string },
  location: LocationRecord,
  service: ServiceSummary,
): OrukServiceAtLocationOut {
  return compact({
    id: sal.id,
    location: serializeLocationSummary(location),
    service: serializeServiceSummary(service),
  });
}

/**
 * A fully nested organization with its services (uk-profile compiled/organization.json): services as
 * one-to-one fields by default, fully nested with `full_service`.
 * @param tenantId - the tenant
 * @param organization - the organization
 * @param services - its services: summaries, or complete graphs for full_service
 */
export function serializeOrganization(
  tenantId: string,
  organization: OrganizationGraph,
  services: { summaries: readonly ServiceRecord[] } | { graphs: readonly ServiceGraph[] },
): OrukOrganizationOut {
  const nested =
    'graphs' in services
      ? services.graphs.map((g) => serializeService(tenantId, g, { withOrganization: false }))
      : services.summaries.map((s) => compact({ ...serviceFields(s, undefined), organization_id: null }));
  return compact({ ...serializeOrganizationNested(organization), services: nested });
}
