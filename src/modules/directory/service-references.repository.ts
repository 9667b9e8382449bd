import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { FieldIssue } from '../../http/errors.ts';
import { findExistingIds } from './bulk-upsert.repository.ts';
import type { OrukService } from './oruk/oruk.schema.ts';
import { findSignpostTermById } from './oruk/signpost-taxonomies.ts';

// Checks, before a batch is written, that every id a service points at without nesting the object
// (organization_id, a service_at_location's location_id, an attribute's taxonomy_term_id) exists: in
// the same batch or in the directory. Such services are rejected with a reason instead of failing the
// batch on a foreign key.

type ReferencedTable = 'organization' | 'location' | 'taxonomy_term';
const REFERENCED_TABLES: readonly ReferencedTable[] = ['organization', 'location', 'taxonomy_term'];

/** What a batch refers to by id only, and which of those ids it does not carry itself (pure). */
export interface ReferencesToCheck {
  refs: (Reference & { serviceId: string })[];
  /** Per table, the ids the database must hold. */
  wanted: Record<ReferencedTable, string[]>;
}

/**
 * The references of a batch that only the database can satisfy (no SQL; see findMissingReferencesIn).
 * @param tenantId - the tenant
 * @param services - schema-valid services
 */
export function referencesToCheck(tenantId: string, services: readonly OrukService[]): ReferencesToCheck {
  const refs = services.flatMap((s) =>
    collectReferences(tenantId, s).map((r) => ({ ...r, serviceId: s.id })),
  );
  const wanted: Record<ReferencedTable, string[]> = { organization: [], location: [], taxonomy_term: [] };
  if (refs.length === 0) {
    return { refs, wanted };
  }
  const supplied = {
    organization: new Set(services.flatMap((s) => (s.organization ? [s.organization.id] : []))),
    location: new Set(
      services.flatMap((s) =>
        (s.service_at_locations ?? []).flatMap((x) => (x.location ? [x.location.id] : [])),
      ),
    ),
    taxonomy_term: new Set(
      services.flatMap((s) =>
        attributeLists(s).flatMap(([, list]) =>
          (list ?? []).flatMap((a) => (a.taxonomy_term ? [a.taxonomy_term.id] : [])),
        ),
      ),
    ),
  };
  const kept = refs.filter((r) => !supplied[r.table].has(r.id));
  for (const table of REFERENCED_TABLES) {
    wanted[table] = [...new Set(kept.filter((r) => r.table === table).map((r) => r.id))];
  }
  return { refs: kept, wanted };
}

/**
 * Which of the references found by referencesToCheck the database does not hold either.
 * @param db - the database or the batch's transaction
 * @param tenantId - the tenant
 * @param check - from referencesToCheck
 * @returns issues per service id (services with none are absent)
 */
export async function findMissingReferencesIn(
  db: Kysely<Database>,
  tenantId: string,
  check: ReferencesToCheck,
): Promise<Map<string, FieldIssue[]>> {
  const missing = new Map<string, FieldIssue[]>();
  for (const table of REFERENCED_TABLES) {
    const existing = await findExistingIds(db, table, tenantId, check.wanted[table]);
    for (const ref of check.refs) {
      if (ref.table === table && !existing.has(ref.id)) {
        const list = missing.get(ref.serviceId) ?? [];
        list.push({
          field: ref.field,
          message: `refers to ${table.replace('_', ' ')} ${ref.id}, which is neither in the feed nor in the directory`,
        });
        missing.set(ref.serviceId, list);
      }
    }
  }
  return missing;
}

/**
 * References a batch makes to rows it does not carry and the database does not hold: an organization_id
 * without the organization, a location_id without the location, a taxonomy_term_id without the term.
 * @param db - the database or the batch's transaction
 * @param tenantId - the tenant
 * @param services - schema-valid services
 * @returns issues per service id (services with none are absent)
 */
export async function findMissingReferences(
  db: Kysely<Database>,
  tenantId: string,
  services: readonly OrukService[],
): Promise<Map<string, FieldIssue[]>> {
  return findMissingReferencesIn(db, tenantId, referencesToCheck(tenantId, services));
}

/**
 * The organizations, locations and taxonomy terms a service carries or refers to by id, and its
 * attributes' terms wherever they are nested (pure; used to keep batches written at once apart).
 * @param s - a validated ORUK service
 */
export function sharedEntityIdsOf(s: OrukService): string[] {
  const ids: string[] = [];
  const add = (id: string | undefined): void => {
    if (id !== undefined) {
      ids.push(id);
    }
  };
  add(s.organization_id);
  add(s.organization?.id);
  for (const x of s.service_at_locations ?? []) {
    add(x.location_id);
    add(x.location?.id);
  }
  for (const [, list] of attributeLists(s)) {
    for (const a of list ?? []) {
      add(a.taxonomy_term_id);
      add(a.taxonomy_term?.id);
    }
  }
  return ids;
}

type Reference = { table: ReferencedTable; id: string; field: string };
type PathedAttributes = [string, OrukService['attributes']][];

function attributeLists(s: OrukService): PathedAttributes {
  const lists: PathedAttributes = [
    ['attributes', s.attributes],
    ['organization.attributes', s.organization?.attributes],
  ];
  (s.organization?.organization_identifiers ?? []).forEach((x, i) => {
    lists.push([`organization.organization_identifiers.${i}.attributes`, x.attributes]);
  });
  (s.contacts ?? []).forEach((x, i) => {
    lists.push([`contacts.${i}.attributes`, x.attributes]);
  });
  (s.service_at_locations ?? []).forEach((x, i) => {
    const at = `service_at_locations.${i}.location`;
    lists.push([`${at}.attributes`, x.location?.attributes]);
    (x.location?.addresses ?? []).forEach((a, j) => {
      lists.push([`${at}.addresses.${j}.attributes`, a.attributes]);
    });
    (x.location?.accessibility ?? []).forEach((a, j) => {
      lists.push([`${at}.accessibility.${j}.attributes`, a.attributes]);
    });
  });
  return lists;
}

function collectReferences(tenantId: string, s: OrukService): Reference[] {
  const refs: Reference[] = [];
  if (s.organization === undefined && s.organization_id !== undefined) {
    refs.push({ table: 'organization', id: s.organization_id, field: 'organization_id' });
  }
  (s.service_at_locations ?? []).forEach((x, i) => {
    if (x.location === undefined && x.location_id !== undefined) {
      refs.push({ table: 'location', id: x.location_id, field: `service_at_locations.${i}.location_id` });
    }
  });
  for (const [path, list] of attributeLists(s)) {
    (list ?? []).forEach((a, i) => {
      const id = a.taxonomy_term_id;
      if (
        a.taxonomy_term === undefined &&
        id !== undefined &&
        findSignpostTermById(tenantId, id) === undefined
      ) {
        refs.push({ table: 'taxonomy_term', id, field: `${path}.${i}.taxonomy_term_id` });
      }
    });
  }
  return refs;
}
