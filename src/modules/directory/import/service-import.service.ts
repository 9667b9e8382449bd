import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database.ts';
import type { FieldIssue } from '../../../http/errors.ts';
import { upsertTaxonomies, upsertTaxonomyTerms } from '../directory.repository.ts';
import {
  parseOrukTaxonomy,
  parseOrukTaxonomyTerm,
  type OrukTaxonomy,
  type OrukTaxonomyTerm,
} from '../oruk/oruk.schema.ts';
import { ensureSignpostTaxonomies } from '../oruk/signpost-attributes.ts';
import { refreshServiceSearch } from '../search/search.repository.ts';
import { findServiceIdsTaggedWith } from '../directory-read.repository.ts';
import { idOf, Importer } from './service-import.pipeline.ts';

// The one import path shared by the ORUK feed/file importer and the CSV importer: validate every
// record, store valid ones in batches (one transaction per batch), report the rest. A rejected record
// is never stored; a batch that fails in the database is rolled back alone and reported.

export interface RejectedRecord {
  /** The record's id when it has one, otherwise its position (`#12`, counting from 1). */
  ref: string;
  issues: FieldIssue[];
}

export interface FailedBatch {
  first: string;
  last: string;
  count: number;
  message: string;
}

export interface ImportProgress {
  seen: number;
  imported: number;
  rejected: number;
  failed: number;
  /** Known up front for files and for feeds that send total_items. */
  total: number | undefined;
}

export interface ImportReport {
  seen: number;
  /** Stored (inserted, changed or already identical). */
  imported: number;
  /** Inserted or changed. */
  changed: number;
  /** Already stored exactly as sent. */
  unchanged: number;
  rejected: RejectedRecord[];
  failedBatches: FailedBatch[];
  taxonomies: { imported: number; rejected: RejectedRecord[] };
  seconds: number;
  servicesPerSecond: number;
}

export interface ImportOptions {
  batchSize?: number;
  /**
   * Batches written at the same time, each in its own transaction on its own connection (default 1).
   * 2 on PostgreSQL uses both processor cores; PGlite has one connection, so 1 there.
   */
  writers?: number;
  /** The expected number of records, when known (a feed learns it from its first page). */
  total?: () => number | undefined;
  onProgress?: (progress: ImportProgress) => void;
  /** Where record `index` (from 0) came from, e.g. "services.csv line 4"; added to its reference. */
  describe?: (index: number) => string;
}

export interface TaxonomyInput {
  taxonomies: unknown[];
  terms: unknown[];
}

/**
 * Validates and stores ORUK services in batches, then taxonomies and terms if given.
 * @param db - the database
 * @param tenantId - the tenant the directory belongs to
 * @param records - raw service records (parsed JSON), from an array or an async source. They are taken over:
 *   each is normalised in place as it is validated (see takeOrukService), so do not use them afterwards. An
 *   object may be shared between records only in the same kind of place (the CSV reader's organizations are)
 * @param options - batch size, expected total and a progress callback (called after each batch)
 */
export async function importServices(
  db: Kysely<Database>,
  tenantId: string,
  records: Iterable<unknown> | AsyncIterable<unknown>,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const started = performance.now();
  await ensureSignpostTaxonomies(db, tenantId);
  const importer = new Importer(db, tenantId, options);
  try {
    for await (const raw of records) {
      await importer.add(raw);
    }
    await importer.finish();
  } finally {
    // Also when the source fails part-way: the batch being written finishes before the error goes up.
    await importer.idle();
  }
  await importer.settle();
  const report = importer.report;
  report.seconds = (performance.now() - started) / 1000;
  report.servicesPerSecond = report.seconds > 0 ? Math.round(report.imported / report.seconds) : 0;
  return report;
}

function validateAll<T>(
  items: unknown[],
  parse: (raw: unknown) => { ok: true; value: T } | { ok: false; issues: FieldIssue[] },
  label: string,
): { valid: T[]; rejected: RejectedRecord[] } {
  const valid: T[] = [];
  const rejected: RejectedRecord[] = [];
  items.forEach((raw, i) => {
    const result = parse(raw);
    if (result.ok) {
      valid.push(result.value);
    } else {
      rejected.push({ ref: `${label} ${idOf(raw) ?? `#${i + 1}`}`, issues: result.issues });
    }
  });
  return { valid, rejected };
}

/**
 * Validates and stores taxonomies and taxonomy terms (one transaction).
 * @param db - the database
 * @param tenantId - the tenant
 * @param input - raw taxonomies and terms
 */
export async function importTaxonomies(
  db: Kysely<Database>,
  tenantId: string,
  input: TaxonomyInput,
): Promise<ImportReport['taxonomies']> {
  const taxonomies = validateAll<OrukTaxonomy>(input.taxonomies, parseOrukTaxonomy, 'taxonomy');
  const terms = validateAll<OrukTaxonomyTerm>(input.terms, parseOrukTaxonomyTerm, 'taxonomy term');
  await db.transaction().execute(async (trx) => {
    const changed = [
      ...(await upsertTaxonomies(trx, tenantId, taxonomies.valid)),
      ...(await upsertTaxonomyTerms(trx, tenantId, terms.valid)),
    ];
    // Term names are part of the search document: services tagged with a renamed term are re-indexed.
    await refreshServiceSearch(trx, tenantId, await findServiceIdsTaggedWith(trx, tenantId, changed));
  });
  return {
    imported: taxonomies.valid.length + terms.valid.length,
    rejected: [...taxonomies.rejected, ...terms.rejected],
  };
}
