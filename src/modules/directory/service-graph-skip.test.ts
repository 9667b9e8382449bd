import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildOrukService } from '../../../test/support/builders.ts';
import type { OrukAttribute } from './oruk/oruk.schema.ts';
import { serviceGraphRows, withoutSharedEntities, type ServiceGraphRows } from './service-graph.rows.ts';

// withoutSharedEntities: what an import leaves out of a batch for organizations, locations and terms an
// earlier batch already stored exactly as sent. Their nested rows and attributes go with them; the
// service's own rows and attributes stay.

const tenantId = randomUUID();
const term = { id: randomUUID(), name: 'Befriending', description: 'Befriending services' };
const attribute = (): OrukAttribute => ({ id: randomUUID(), taxonomy_term: term });

interface OneService {
  rows: ServiceGraphRows;
  organizationId: string;
  locationId: string;
}

function rowsOfOneService(): OneService {
  const organizationId = randomUUID();
  const locationId = randomUUID();
  const service = buildOrukService({
    organization_id: organizationId,
    organization: { id: organizationId, name: 'Trust', description: 'A charity', attributes: [attribute()] },
    service_at_locations: [
      {
        id: randomUUID(),
        location: { id: locationId, location_type: 'physical', name: 'Hall', attributes: [attribute()] },
      },
    ],
    attributes: [attribute()],
  });
  return { rows: serviceGraphRows(tenantId, [{ service }]), organizationId, locationId };
}

describe('withoutSharedEntities', () => {
  it('returns the same rows when nothing is skipped', () => {
    const { rows } = rowsOfOneService();
    expect(withoutSharedEntities(rows, new Set())).toBe(rows);
  });

  it('leaves out an organization with its attributes, and keeps the service and its location', () => {
    const { rows, organizationId } = rowsOfOneService();
    const out = withoutSharedEntities(rows, new Set([organizationId]));
    expect(out.organizations).toEqual([]);
    expect(out.locations.map((l) => l.id)).toEqual(rows.locations.map((l) => l.id));
    expect(out.attributes.map((a) => a.link_entity).sort()).toEqual(['location', 'service']);
    expect(out.attributeLinks.some((l) => l.id === organizationId)).toBe(false);
    expect(out.servicesWithSignpost.length + out.servicesOrukOnly.length).toBe(1);
    expect(out.serviceAtLocations).toEqual(rows.serviceAtLocations);
  });

  it('leaves out a location and a term, and keeps the attributes that use the term', () => {
    const { rows, locationId } = rowsOfOneService();
    const out = withoutSharedEntities(rows, new Set([locationId, term.id]));
    expect(out.locations).toEqual([]);
    expect(out.terms).toEqual([]);
    expect(out.attributes.map((a) => a.link_entity).sort()).toEqual(['organization', 'service']);
    expect(out.attributes.every((a) => a.taxonomy_term_id === term.id)).toBe(true);
  });
});
