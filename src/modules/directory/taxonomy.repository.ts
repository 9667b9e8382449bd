import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { upsertRows, type WritableRow } from './bulk-upsert.repository.ts';
import { taxonomySpec, taxonomyTermSpec } from './directory-tables.ts';
import type { OrukTaxonomy, OrukTaxonomyTerm } from './oruk/oruk.schema.ts';

/** Keeps the last of each id (a statement may touch a row only once). */
export function lastById<T extends { id: string }>(items: Iterable<T>): T[] {
  const byId = new Map<string, T>();
  for (const item of items) {
    byId.delete(item.id);
    byId.set(item.id, item);
  }
  return [...byId.values()];
}

/** A taxonomy_term row from an ORUK term (nullable columns as null). */
export function taxonomyTermRow(term: OrukTaxonomyTerm): WritableRow<'taxonomy_term'> {
  return {
    id: term.id,
    code: term.code ?? null,
    name: term.name,
    description: term.description,
    parent_id: term.parent_id ?? null,
    taxonomy: term.taxonomy ?? null,
    taxonomy_id: term.taxonomy_id ?? null,
    term_uri: term.term_uri ?? null,
    term: term.term ?? null,
  };
}

/**
 * Inserts or updates taxonomies by id (their nested terms too, with taxonomy_id set).
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param taxonomies - ORUK taxonomies
 * @returns ids of the taxonomies and terms inserted or changed
 */
export async function upsertTaxonomies(
  db: Kysely<Database>,
  tenantId: string,
  taxonomies: readonly OrukTaxonomy[],
): Promise<string[]> {
  const rows = lastById(taxonomies).map((t) => ({
    id: t.id,
    name: t.name,
    description: t.description,
    uri: t.uri ?? null,
    version: t.version ?? null,
  }));
  const changed = (await upsertRows(db, taxonomySpec, tenantId, rows)).map((r) => r.id);
  const terms = taxonomies.flatMap((t) =>
    (t.taxonomy_terms ?? []).map((term) => ({ ...term, taxonomy_id: term.taxonomy_id ?? t.id })),
  );
  const changedTerms = await upsertTaxonomyTerms(db, tenantId, terms);
  return [...changed, ...changedTerms];
}

/**
 * Inserts or updates taxonomy terms by id.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param terms - ORUK taxonomy terms
 * @returns ids of the terms inserted or changed
 */
export async function upsertTaxonomyTerms(
  db: Kysely<Database>,
  tenantId: string,
  terms: readonly OrukTaxonomyTerm[],
): Promise<string[]> {
  const changed = await upsertRows(db, taxonomyTermSpec, tenantId, lastById(terms).map(taxonomyTermRow));
  return changed.map((r) => r.id);
}

export interface ServiceTypeTerm {
  id: string;
  name: string;
  parentId: string | null;
}

/**
 * The tenant's own service-type terms: every term of a taxonomy whose name does not start with
 * `signpost` (Signpost's own needs, capacity and delivery terms are filters of their own). A term's
 * taxonomy is its taxonomy row's name, or its `taxonomy` text when it has no row.
 * @param db - the database
 * @param tenantId - the tenant
 * @returns terms by name; arrange them by `parentId` for display
 */
export async function listServiceTypeTerms(
  db: Kysely<Database>,
  tenantId: string,
): Promise<ServiceTypeTerm[]> {
  return db
    .selectFrom('taxonomy_term as t')
    .leftJoin('taxonomy as x', (join) =>
      join.onRef('x.id', '=', 't.taxonomy_id').onRef('x.tenant_id', '=', 't.tenant_id'),
    )
    .where('t.tenant_id', '=', tenantId)
    .where((eb) =>
      eb.or([
        eb(eb.fn.coalesce('x.name', 't.taxonomy'), 'is', null),
        eb(eb.fn.coalesce('x.name', 't.taxonomy'), 'not ilike', 'signpost%'),
      ]),
    )
    .select(['t.id', 't.name', 't.parent_id as parentId'])
    .orderBy('t.name')
    .orderBy('t.id')
    .execute();
}
