import { DEFAULT_SIGNPOST_FIELDS } from './oruk/signpost-attributes.ts';
import { describe, expect, it } from 'vitest';
import type { LocationGraph, ServiceGraph } from './directory-read.model.ts';
import { buildServicePageView, costLines, paragraphs } from './service-page.view-model.ts';

const NOW = new Date('2026-03-10T12:00:00Z');
const OPTIONS = { now: NOW, capacityStaleDays: 14, listingStaleDays: 183 };

function service(overrides: Partial<ServiceGraph> = {}): ServiceGraph {
  return {
    id: '6f1c2b9e-8d3a-4f5b-9c7d-1e2f3a4b5c6d',
    organizationId: null,
    name: 'Friendship Café',
    description: null,
    url: null,
    email: null,
    status: 'active',
    fees: null,
    accreditations: null,
    minimumAge: null,
    maximumAge: null,
    assuredDate: null,
    assurerEmail: null,
    alert: null,
    lastModified: null,
    ...DEFAULT_SIGNPOST_FIELDS,
    createdAt: NOW,
    updatedAt: NOW,
    organization: null,
    schedules: [],
    serviceAreas: [],
    serviceAtLocations: [],
    languages: [],
    funding: [],
    costOptions: [],
    contacts: [],
    phones: [],
    attributes: [],
    ...overrides,
  };
}

function location(overrides: Partial<LocationGraph> = {}): LocationGraph {
  return {
    id: 'a1c2b9e0-8d3a-4f5b-9c7d-1e2f3a4b5c6d',
    locationType: 'physical',
    name: 'Community Centre',
    description: null,
    latitude: null,
    longitude: null,
    externalIdentifier: null,
    externalIdentifierType: null,
    addresses: [],
    accessibility: [],
    attributes: [],
    ...overrides,
  };
}

describe('buildServicePageView: capacity', () => {
  it('shows a recent status with its wait and who updated it', () => {
    const view = buildServicePageView(
      service({
        capacityStatus: 'waitlist',
        capacityWaitWeeks: 4,
        capacityUpdatedAt: new Date('2026-03-08T09:00:00Z'),
        capacityUpdatedBy: 'Sam at the front desk',
      }),
      OPTIONS,
    );
    expect(view.capacity).toEqual({
      tag: { text: 'Waiting list', colour: 'yellow' },
      wait: "About 4 weeks' wait",
      stale: false,
      updated: 'Updated 2 days ago by Sam at the front desk',
    });
    expect(view.glance[0]).toEqual({
      key: { text: 'Capacity' },
      value: { text: "Waiting list, About 4 weeks' wait" },
    });
  });

  it('ages a status older than the limit to unknown and says what it was', () => {
    const view = buildServicePageView(
      service({ capacityStatus: 'accepting', capacityUpdatedAt: new Date('2026-02-01T12:00:00Z') }),
      OPTIONS,
    );
    expect(view.capacity.tag.text).toBe('Capacity unknown');
    expect(view.capacity.stale).toBe(true);
    expect(view.capacity.updated).toBe('Last reported as Accepting people 5 weeks ago');
  });

  it('treats a status with no update time as unknown', () => {
    const view = buildServicePageView(service({ capacityStatus: 'accepting' }), OPTIONS);
    expect(view.capacity.tag.text).toBe('Capacity unknown');
    expect(view.capacity.updated).toBeNull();
  });
});

describe('buildServicePageView: the rest', () => {
  it('describes freshness from the assured date', () => {
    expect(buildServicePageView(service({ assuredDate: '2026-03-03' }), OPTIONS).checked).toEqual({
      text: 'Last checked 3 March 2026',
      needsChecking: false,
    });
    expect(buildServicePageView(service({ assuredDate: '2024-01-01' }), OPTIONS).checked.text).toBe(
      'Needs checking',
    );
    expect(buildServicePageView(service(), OPTIONS).checked.text).toBe('Needs checking');
  });

  it('says where: addresses for places, "Online or by phone" for virtual services', () => {
    const withAddress = buildServicePageView(
      service({
        serviceAtLocations: [
          {
            id: 'b1c2b9e0-8d3a-4f5b-9c7d-1e2f3a4b5c6d',
            serviceId: 'x',
            locationId: 'y',
            schedules: [],
            location: location({
              addresses: [
                {
                  id: 'c1c2b9e0-8d3a-4f5b-9c7d-1e2f3a4b5c6d',
                  locationId: 'y',
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
            }),
          },
        ],
      }),
      OPTIONS,
    );
    expect(withAddress.places).toEqual([
      { name: 'Community Centre', lines: ['1 Town Street', 'Leeds', 'LS7 4NA'], description: null },
    ]);
    expect(withAddress.remoteText).toBeNull();

    const virtual = buildServicePageView(
      service({
        serviceAtLocations: [
          {
            id: 'b1c2b9e0-8d3a-4f5b-9c7d-1e2f3a4b5c6d',
            serviceId: 'x',
            locationId: 'y',
            schedules: [],
            location: location({ locationType: 'virtual' }),
          },
        ],
      }),
      OPTIONS,
    );
    expect(virtual.places).toEqual([]);
    expect(virtual.remoteText).toBe('Online or by phone');
    expect(buildServicePageView(service({ deliveryModes: ['phone'] }), OPTIONS).remoteText).toBe(
      'Online or by phone',
    );
  });

  it('shows the status of a service that is not running, and the alert', () => {
    const view = buildServicePageView(
      service({ status: 'temporarily closed', alert: '  Closed in August  ' }),
      OPTIONS,
    );
    expect(view.statusText).toBe('Temporarily closed');
    expect(view.alert).toBe('Closed in August');
    expect(buildServicePageView(service(), OPTIONS).statusText).toBeNull();
  });

  it('links only safe web addresses and makes tel: links', () => {
    const view = buildServicePageView(
      service({
        url: 'javascript:alert(1)',
        phones: [
          {
            id: 'd1c2b9e0-8d3a-4f5b-9c7d-1e2f3a4b5c6d',
            serviceId: 'x',
            contactId: null,
            locationId: null,
            organizationId: null,
            number: '0113 496 0000',
            extension: '12',
            type: null,
            description: null,
          },
        ],
      }),
      OPTIONS,
    );
    expect(view.website).toBeNull();
    expect(view.phones).toEqual([
      { number: '0113 496 0000 (extension 12)', href: 'tel:01134960000', description: null },
    ]);
  });

  it('turns schedules into plain English, naming the place for location schedules', () => {
    const view = buildServicePageView(
      service({
        schedules: [
          {
            id: 'e1c2b9e0-8d3a-4f5b-9c7d-1e2f3a4b5c6d',
            serviceId: 'x',
            serviceAtLocationId: null,
            locationId: null,
            validFrom: '2026-01-05',
            validTo: null,
            dtstart: null,
            freq: 'WEEKLY',
            interval: null,
            byday: 'TU,TH',
            bymonthday: null,
            description: 'Drop in',
            opensAt: '10:00',
            closesAt: '12:00',
            scheduleLink: null,
            attendingType: null,
            notes: null,
          },
        ],
      }),
      OPTIONS,
    );
    expect(view.schedules).toEqual([
      {
        text: 'Tuesdays and Thursdays, 10am to 12pm',
        description: 'Drop in',
        validity: 'From 5 January 2026',
      },
    ]);
  });
});

describe('costLines and paragraphs', () => {
  const option = {
    id: 'f1c2b9e0-8d3a-4f5b-9c7d-1e2f3a4b5c6d',
    serviceId: 'x',
    validFrom: null,
    validTo: null,
  };

  it('words each cost option', () => {
    expect(
      costLines(
        service({
          costOptions: [
            { ...option, option: 'Session', amount: 5, amountDescription: 'per session' },
            { ...option, option: 'Taster', amount: 0, amountDescription: null },
            { ...option, option: null, amount: 2.5, amountDescription: null },
          ],
          fees: 'Concessions available',
        }),
      ),
    ).toEqual(['Session: £5 (per session)', 'Taster: Free', '£2.50', 'Concessions available']);
  });

  it('says when no charges are listed', () => {
    expect(costLines(service())).toEqual([
      'No charges are listed. Check with the service before the person goes.',
    ]);
  });

  it('splits text into paragraphs', () => {
    expect(paragraphs('One.\n\n  Two   words.\r\nThree.')).toEqual(['One.', 'Two words.', 'Three.']);
    expect(paragraphs(null)).toEqual([]);
  });
});
