import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import { upsertTaxonomies } from '../../src/modules/directory/directory.repository.ts';
import type { OrukOrganization, OrukTaxonomy } from '../../src/modules/directory/oruk/oruk.schema.ts';
import { ensureSignpostTaxonomies } from '../../src/modules/directory/oruk/signpost-attributes.ts';
import { buildOrukService, createTestService, type TestServiceIds } from '../support/builders.ts';

// A small but complete directory for the ORUK tests: every nested list the UK profile has is filled in
// somewhere, organizations are shared between services, services carry stored attributes (a local
// esdServiceType-style taxonomy) and Signpost's own fields, so every serializer branch is exercised.

export interface SeededDirectory {
  services: TestServiceIds[];
  organizations: OrukOrganization[];
  taxonomy: OrukTaxonomy;
  /** The term attached to the even-numbered services. */
  termId: string;
  /** A child of termId, attached to no service. */
  childTermId: string;
}

function organization(n: number): OrukOrganization {
  const id = randomUUID();
  return {
    id,
    name: `Seed Organisation ${n}`,
    description: `Voluntary organisation number ${n}.`,
    email: `hello${n}@org.example.org`,
    website: `https://org${n}.example.org`,
    organization_identifiers: [
      {
        id: randomUUID(),
        identifier_scheme: 'GB-CHC',
        identifier_type: 'Charity number',
        identifier: `10${n}000`,
      },
    ],
  };
}

/**
 * Seeds `count` services (default 7, so per_page=3 gives a first, middle and last page) over three
 * organizations, plus a taxonomy of two terms and Signpost's taxonomies.
 * @param db - the test database
 * @param tenantId - the tenant
 * @param count - how many services
 */
export async function seedDirectory(
  db: Kysely<Database>,
  tenantId: string,
  count = 7,
): Promise<SeededDirectory> {
  const taxonomyId = randomUUID();
  const termId = randomUUID();
  const childTermId = randomUUID();
  const taxonomy: OrukTaxonomy = {
    id: taxonomyId,
    name: 'seedServiceType',
    description: 'Service types for tests.',
    uri: 'https://example.org/taxonomies/service-types',
    version: '1',
    taxonomy_terms: [
      {
        id: termId,
        name: 'Befriending',
        description: 'Befriending services.',
        taxonomy: 'seedServiceType',
        term: '1',
      },
      {
        id: childTermId,
        name: 'Telephone befriending',
        description: 'Befriending by phone.',
        parent_id: termId,
        taxonomy: 'seedServiceType',
        term: '2',
      },
    ],
  };
  await ensureSignpostTaxonomies(db, tenantId);
  await upsertTaxonomies(db, tenantId, [taxonomy]);
  const organizations = [organization(1), organization(2), organization(3)];
  const services: TestServiceIds[] = [];
  for (let i = 0; i < count; i += 1) {
    const org = organizations[i % organizations.length] ?? organization(0);
    const base = buildOrukService();
    const location = base.service_at_locations?.[0]?.location;
    services.push(
      await createTestService(db, tenantId, {
        name: `Seed service ${String(i).padStart(2, '0')}`,
        organization: org,
        organization_id: org.id,
        minimum_age: 10 + i,
        maximum_age: 60 + i,
        fees: i % 2 === 0 ? 'Free' : '£2 a session',
        alert: i === 0 ? 'Closed on bank holidays.' : undefined,
        service_at_locations:
          location === undefined
            ? []
            : [
                {
                  id: randomUUID(),
                  location: {
                    ...location,
                    description: 'A community centre.',
                    external_identifier: `1000${i}`,
                    external_identifier_type: 'UPRN',
                    accessibility: [
                      {
                        id: randomUUID(),
                        description: 'Step-free access.',
                        url: 'https://example.org/access',
                      },
                    ],
                  },
                },
              ],
        service_areas: [
          { id: randomUUID(), name: 'Leeds', extent_type: 'text', service_area: 'Leeds district' },
        ],
        languages: [{ id: randomUUID(), name: 'English', code: 'en' }],
        funding: [{ id: randomUUID(), source: 'Leeds City Council' }],
        cost_options: [
          { id: randomUUID(), option: 'Per session', amount: i, amount_description: 'per visit' },
        ],
        contacts: [
          { id: randomUUID(), name: 'Sam Organiser', title: 'Coordinator', email: 'sam@example.org' },
        ],
        attributes:
          i % 2 === 0 ? [{ id: randomUUID(), link_type: 'service_type', taxonomy_term_id: termId }] : [],
        signpost: {
          capacityStatus: i % 3 === 0 ? 'waitlist' : 'accepting',
          capacityWaitWeeks: i % 3 === 0 ? 4 : null,
          capacityUpdatedAt: new Date('2026-11-01T09:00:00Z'),
          capacityUpdatedBy: 'Provider',
          deliveryModes: ['in_person', ...(i % 2 === 0 ? (['phone'] as const) : [])],
          referralRoutes: ['self_referral'],
          needs: i % 2 === 0 ? ['loneliness'] : ['money_debt'],
          accessCriteria: 'Adults living in Leeds.',
        },
      }),
    );
  }
  return { services, organizations, taxonomy, termId, childTermId };
}
