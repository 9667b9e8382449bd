import { DEFAULT_SIGNPOST_FIELDS } from './signpost-attributes.ts';
import { describe, expect, it } from 'vitest';
import { createOrukSpecValidator } from '../../../../test/support/oruk-spec-validator.ts';
import type {
  AttributeGraph,
  LocationGraph,
  OrganizationGraph,
  ServiceGraph,
  TaxonomyTermRecord,
} from '../directory-read.model.ts';
import {
  compact,
  serializeOrganization,
  serializeService,
  serializeServiceAtLocation,
  serializeTaxonomy,
  serializeTaxonomyTerm,
} from './oruk.serializer.ts';

const TENANT = '11111111-1111-4111-8111-111111111111';
const validate = createOrukSpecValidator();

const term: TaxonomyTermRecord = {
  id: '22222222-2222-4222-8222-222222222222',
  code: 'BEF',
  name: 'Befriending',
  description: 'Befriending services.',
  parentId: null,
  taxonomy: 'esdServiceType',
  taxonomyId: '33333333-3333-4333-8333-333333333333',
  termUri: null,
  term: '12',
};

function attribute(linkId: string): AttributeGraph {
  return {
    id: `${linkId.slice(0, 35)}9`,
    linkId,
    linkType: null,
    linkEntity: 'service',
    taxonomyTermId: term.id,
    value: null,
    label: 'A label the UK profile does not have',
    taxonomyTerm: term,
  };
}

const location: LocationGraph = {
  id: '44444444-4444-4444-8444-444444444444',
  locationType: 'physical',
  name: 'Community Centre',
  description: null,
  latitude: 53.8,
  longitude: -1.55,
  externalIdentifier: null,
  externalIdentifierType: null,
  addresses: [
    {
      id: '55555555-5555-4555-8555-555555555555',
      locationId: '44444444-4444-4444-8444-444444444444',
      attention: null,
      address1: '1 Town Street',
      city: 'Leeds',
      region: null,
      stateProvince: 'West Yorkshire',
      postalCode: 'LS7 4NA',
      country: 'GB',
      addressType: 'physical',
      attributes: [],
    },
  ],
  accessibility: [],
  attributes: [],
};

const organization: OrganizationGraph = {
  id: '66666666-6666-4666-8666-666666666666',
  name: 'Leeds Trust',
  description: 'A charity.',
  email: null,
  website: 'https://trust.example.org',
  logo: null,
  uri: null,
  parentOrganizationId: null,
  createdAt: new Date(),
  updatedAt: new Date(),
  identifiers: [],
  attributes: [],
};

function graph(overrides: Partial<ServiceGraph> = {}): ServiceGraph {
  const id = '77777777-7777-4777-8777-777777777777';
  return {
    id,
    organizationId: organization.id,
    name: 'Friendship Café',
    description: null,
    url: null,
    email: 'cafe@example.org',
    status: 'active',
    fees: null,
    accreditations: null,
    minimumAge: 18,
    maximumAge: null,
    assuredDate: '2026-09-01',
    assurerEmail: null,
    alert: null,
    lastModified: new Date('2026-09-01T09:00:00.123Z'),
    ...DEFAULT_SIGNPOST_FIELDS,
    createdAt: new Date(),
    updatedAt: new Date(),
    organization,
    schedules: [],
    serviceAreas: [],
    serviceAtLocations: [
      {
        id: '88888888-8888-4888-8888-888888888888',
        serviceId: id,
        locationId: location.id,
        location,
        schedules: [],
      },
    ],
    languages: [],
    funding: [],
    costOptions: [
      {
        id: '99999999-9999-4999-8999-999999999999',
        serviceId: id,
        validFrom: '2026-01-01',
        validTo: null,
        option: null,
        amount: 2.5,
        amountDescription: null,
      },
    ],
    contacts: [],
    phones: [
      {
        id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
        serviceId: id,
        contactId: null,
        locationId: null,
        organizationId: null,
        number: '0113 496 0000',
        extension: null,
        type: null,
        description: null,
      },
    ],
    attributes: [attribute(id)],
    ...overrides,
  };
}

describe('compact', () => {
  it('drops null, undefined and empty lists but keeps zero, false and empty text', () => {
    expect(compact({ a: null, b: undefined, c: [], d: 0, e: false, f: '', g: [1] })).toEqual({
      d: 0,
      e: false,
      f: '',
      g: [1],
    });
  });
});

describe('serializeService', () => {
  it('emits only present UK-profile fields, numbers as numbers and an ISO last_modified', () => {
    const service = serializeService(TENANT, graph());
    expect(service).toEqual({
      id: '77777777-7777-4777-8777-777777777777',
      name: 'Friendship Café',
      email: 'cafe@example.org',
      status: 'active',
      minimum_age: 18,
      assured_date: '2026-09-01',
      last_modified: '2026-09-01T09:00:00.123Z',
      organization: {
        id: organization.id,
        name: 'Leeds Trust',
        description: 'A charity.',
        website: 'https://trust.example.org',
      },
      service_at_locations: [
        {
          id: '88888888-8888-4888-8888-888888888888',
          location: {
            id: location.id,
            location_type: 'physical',
            name: 'Community Centre',
            latitude: 53.8,
            longitude: -1.55,
            addresses: [
              {
                id: '55555555-5555-4555-8555-555555555555',
                address_1: '1 Town Street',
                city: 'Leeds',
                state_province: 'West Yorkshire',
                postal_code: 'LS7 4NA',
                country: 'GB',
                address_type: 'physical',
              },
            ],
          },
        },
      ],
      cost_options: [{ id: '99999999-9999-4999-8999-999999999999', valid_from: '2026-01-01', amount: 2.5 }],
      attributes: [
        {
          id: '77777777-7777-4777-8777-777777777779',
          taxonomy_term: {
            id: term.id,
            name: 'Befriending',
            description: 'Befriending services.',
            taxonomy: 'esdServiceType',
            taxonomy_id: term.taxonomyId,
            term: '12',
          },
        },
      ],
    });
    for (const spec of ['uk-profile', 'validator'] as const) {
      expect(validate(spec, '/services/{id}', service)).toEqual([]);
    }
  });

  it('appends Signpost attributes, keeping their value and dropping link_id, link_entity and term ids', () => {
    const service = serializeService(
      TENANT,
      graph({
        capacityStatus: 'waitlist',
        capacityWaitWeeks: 6,
        capacityUpdatedAt: new Date('2026-11-01T00:00:00Z'),
        needs: ['loneliness'],
      }),
    );
    const signpost = (service.attributes ?? []).filter((a) =>
      a.taxonomy_term?.taxonomy?.startsWith('signpost'),
    );
    expect(signpost.map((a) => [a.taxonomy_term?.term, a.value])).toEqual([
      ['waitlist', undefined],
      ['capacity_wait_weeks', '6'],
      ['capacity_updated_at', '2026-11-01T00:00:00.000Z'],
      ['loneliness', undefined],
    ]);
    for (const a of service.attributes ?? []) {
      expect(a).toHaveProperty('id');
      expect(a).not.toHaveProperty('link_id');
      expect(a).not.toHaveProperty('link_entity');
      expect(a).not.toHaveProperty('taxonomy_term_id');
      expect(a).not.toHaveProperty('label');
      expect(a.taxonomy_term).not.toHaveProperty('code');
    }
    for (const spec of ['uk-profile', 'validator'] as const) {
      expect(validate(spec, '/services/{id}', service)).toEqual([]);
    }
  });

  it('never exports phones, which the UK profile drops from service', () => {
    expect(serializeService(TENANT, graph())).not.toHaveProperty('phones');
  });

  it('gives organization_id only when there is no organization to embed', () => {
    const withoutOrganization = serializeService(TENANT, graph({ organization: null, organizationId: null }));
    expect(withoutOrganization).not.toHaveProperty('organization');
    expect(withoutOrganization).not.toHaveProperty('organization_id');
    const nested = serializeService(TENANT, graph(), { withOrganization: false });
    expect(nested).not.toHaveProperty('organization');
    expect(nested).not.toHaveProperty('organization_id');
  });
});

describe('other resources', () => {
  it('shapes a service_at_location with its location and its service without other locations', () => {
    const g = graph();
    const sal = g.serviceAtLocations.at(0);
    if (sal === undefined) {
      throw new Error('fixture has a location');
    }
    const body = serializeServiceAtLocation(TENANT, g, sal);
    expect(body.location?.addresses).toHaveLength(1);
    expect(body.service).not.toHaveProperty('service_at_locations');
    expect(body).not.toHaveProperty('service_id');
    expect(body).not.toHaveProperty('location_id');
    for (const spec of ['uk-profile', 'validator'] as const) {
      expect(validate(spec, '/service_at_locations/{id}', body)).toEqual([]);
    }
  });

  it('nests services in their organization without repeating it', () => {
    const body = serializeOrganization(TENANT, organization, { graphs: [graph()] });
    expect(body.services?.[0]).not.toHaveProperty('organization');
    expect(body.services?.[0]).not.toHaveProperty('organization_id');
    const simple = serializeOrganization(TENANT, organization, { summaries: [graph()] });
    expect(Object.keys(simple.services?.[0] ?? {})).not.toContain('service_at_locations');
    for (const spec of ['uk-profile', 'validator'] as const) {
      expect(validate(spec, '/organizations/{id}', body)).toEqual([]);
      expect(validate(spec, '/organizations/{id}', simple)).toEqual([]);
    }
  });

  it('omits a term’s taxonomy_id inside its own taxonomy only', () => {
    expect(serializeTaxonomyTerm(term)).toHaveProperty('taxonomy_id', term.taxonomyId);
    expect(serializeTaxonomyTerm(term)).not.toHaveProperty('code');
    const taxonomy = serializeTaxonomy(
      {
        id: term.taxonomyId ?? '',
        name: 'esdServiceType',
        description: 'Services',
        uri: null,
        version: null,
      },
      [term],
    );
    expect(taxonomy.taxonomy_terms?.[0]).not.toHaveProperty('taxonomy_id');
    expect(serializeTaxonomy({ ...taxonomy, uri: null, version: null }, [])).not.toHaveProperty(
      'taxonomy_terms',
    );
  });
});
