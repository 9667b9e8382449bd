import { describe, expect, it } from 'vitest';
import { orukAttributeSchema, type OrukAttribute } from './oruk.schema.ts';
import {
  readSignpostAttributes,
  signpostAttributesFor,
  type SignpostServiceRow,
} from './signpost-attributes.ts';
import { signpostTaxonomies, signpostTermId } from './signpost-taxonomies.ts';

const tenantId = '0b6f8a52-3c1e-4d59-9a0e-8f7a4b2c1d30';
const serviceId = 'ac148810-d857-441c-9679-408f346de14b';

const neverRecorded: SignpostServiceRow = {
  id: serviceId,
  capacity_status: 'unknown',
  capacity_wait_weeks: null,
  capacity_updated_at: null,
  capacity_updated_by: null,
  delivery_modes: [],
  referral_routes: [],
  needs: [],
  access_criteria: null,
  red_flags: null,
  listing_owner: null,
};

const full: SignpostServiceRow = {
  id: serviceId,
  capacity_status: 'waitlist',
  capacity_wait_weeks: 6,
  capacity_updated_at: new Date('2026-11-01T10:00:00.000Z'),
  capacity_updated_by: 'Reception team',
  delivery_modes: ['in_person', 'video'],
  referral_routes: ['direct_referral'],
  needs: ['loneliness', 'housing'],
  access_criteria: 'Adults registered with a Leeds GP',
  red_flags: 'Not for people in crisis: call 999 or NHS 111',
  listing_owner: 'Leeds Community Trust',
};

const other: OrukAttribute = {
  id: 'ae58cc39-8b70-4ab1-8aea-786882e5ac8e',
  link_type: 'link_type',
  taxonomy_term: {
    id: '3f7b145d-84af-42d7-8fae-eaca714b02b2',
    name: 'name',
    description: 'description',
    taxonomy: 'esdServiceType',
  },
};

describe('Signpost attributes', () => {
  it('emits nothing for a service whose Signpost fields were never set', () => {
    expect(signpostAttributesFor(tenantId, neverRecorded)).toEqual([]);
  });

  it('emits an unknown capacity once a capacity update was recorded', () => {
    const attrs = signpostAttributesFor(tenantId, {
      ...neverRecorded,
      capacity_updated_at: new Date('2026-11-01T00:00:00Z'),
    });
    expect(
      attrs.map((a) => `${a.taxonomy_term?.taxonomy ?? ''}:${a.taxonomy_term?.term ?? ''}=${a.value ?? ''}`),
    ).toEqual(['signpostCapacity:unknown=', 'signpostListing:capacity_updated_at=2026-11-01T00:00:00.000Z']);
  });

  it('emits every field as a schema-valid attribute under the local taxonomies', () => {
    const attrs = signpostAttributesFor(tenantId, full);
    expect(
      attrs.map((a) => `${a.taxonomy_term?.taxonomy ?? ''}:${a.taxonomy_term?.term ?? ''}=${a.value ?? ''}`),
    ).toEqual([
      'signpostCapacity:waitlist=',
      'signpostListing:capacity_wait_weeks=6',
      'signpostListing:capacity_updated_at=2026-11-01T10:00:00.000Z',
      'signpostListing:capacity_updated_by=Reception team',
      'signpostDeliveryMode:in_person=',
      'signpostDeliveryMode:video=',
      'signpostReferralRoute:direct_referral=',
      'signpostNeed:loneliness=',
      'signpostNeed:housing=',
      'signpostListing:access_criteria=Adults registered with a Leeds GP',
      'signpostListing:red_flags=Not for people in crisis: call 999 or NHS 111',
      'signpostListing:listing_owner=Leeds Community Trust',
    ]);
    for (const attr of attrs) {
      expect(orukAttributeSchema.safeParse(attr).success).toBe(true);
      expect(attr.link_id).toBe(serviceId);
      expect(attr.taxonomy_term_id).toBe(attr.taxonomy_term?.id);
    }
    const loneliness = attrs.find((a) => a.taxonomy_term?.term === 'loneliness');
    expect(loneliness?.taxonomy_term?.term_uri).toBe('http://id.esd.org.uk/need/69');
  });

  it('gives stable ids: the same tenant, service and term always give the same attribute id', () => {
    const first = signpostAttributesFor(tenantId, full).map((a) => a.id);
    expect(signpostAttributesFor(tenantId, full).map((a) => a.id)).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
    const otherTenant = signpostAttributesFor('5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d', full).map((a) => a.id);
    expect(otherTenant.some((id) => first.includes(id))).toBe(false);
  });

  it('reads its own export back into the same fields and keeps other attributes apart', () => {
    const { signpost, others, issues } = readSignpostAttributes([
      other,
      ...signpostAttributesFor(tenantId, full),
    ]);
    expect(issues).toEqual([]);
    expect(others).toEqual([other]);
    expect(signpost).toEqual({
      capacityStatus: 'waitlist',
      capacityWaitWeeks: 6,
      capacityUpdatedAt: new Date('2026-11-01T10:00:00.000Z'),
      capacityUpdatedBy: 'Reception team',
      deliveryModes: ['in_person', 'video'],
      referralRoutes: ['direct_referral'],
      needs: ['loneliness', 'housing'],
      accessCriteria: 'Adults registered with a Leeds GP',
      redFlags: 'Not for people in crisis: call 999 or NHS 111',
      listingOwner: 'Leeds Community Trust',
    });
  });

  it('returns no Signpost fields when no Signpost attribute is present', () => {
    expect(readSignpostAttributes([other])).toEqual({ signpost: null, others: [other], issues: [] });
    expect(readSignpostAttributes(undefined)).toEqual({ signpost: null, others: [], issues: [] });
  });

  it("recognises this tenant's bare term ids only when given the tenant", () => {
    const bare: OrukAttribute = {
      id: other.id,
      taxonomy_term_id: signpostTermId(tenantId, 'deliveryMode', 'phone'),
    };
    expect(readSignpostAttributes([bare]).signpost).toBeNull();
    expect(readSignpostAttributes([bare], tenantId).signpost?.deliveryModes).toEqual(['phone']);
  });

  it('reports unknown codes and bad values with the attribute path', () => {
    const [capacity, weeks] = signpostAttributesFor(tenantId, full);
    if (capacity.taxonomy_term === undefined) {
      throw new Error('expected a nested term');
    }
    const result = readSignpostAttributes([
      { ...capacity, taxonomy_term: { ...capacity.taxonomy_term, term: 'overflowing' } },
      { ...weeks, value: 'six' },
    ]);
    expect(result.issues).toEqual([
      { field: 'attributes.0.taxonomy_term.term', message: 'is not a known Signpost capacity code' },
      { field: 'attributes.1.value', message: 'must be a whole number of weeks' },
    ]);
  });

  it('lists five local taxonomies with their terms, all ids deterministic', () => {
    const taxonomies = signpostTaxonomies(tenantId);
    expect(taxonomies.map((t) => t.name)).toEqual([
      'signpostCapacity',
      'signpostDeliveryMode',
      'signpostReferralRoute',
      'signpostNeed',
      'signpostListing',
    ]);
    expect(taxonomies.map((t) => t.taxonomy_terms?.length)).toEqual([6, 4, 3, 16, 6]);
    expect(signpostTaxonomies(tenantId)).toEqual(taxonomies);
  });
});
