import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database.ts';
import type { FieldIssue } from '../../../http/errors.ts';
import {
  analyzeReferencedTables,
  findMissingReferences,
  upsertServiceGraphs,
  upsertTaxonomies,
  upsertTaxonomyTerms,
} from '../directory.repository.ts';
import {
  parseOrukService,
  parseOrukTaxonomy,
  parseOrukTaxonomyTerm,
  type OrukService,
  type OrukTaxonomy,
  type OrukTaxonomyTerm,
} from '../oruk/oruk.schema.ts';
import { ensureSignpostTaxonomies } from '../oruk/signpost-attributes.ts';
import { refreshServiceSearch } from '../search/search.repository.ts';
import { findServiceIdsTaggedWith } from '../directory-read.repository.ts';
import { checkImportable } from '../service-graph.checks.ts';

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

const idOf = (raw: unknown): string | undefined => {
  if (typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string' && raw.id !== '') {
    return raw.id;
  }
  return undefined;
};

class Importer {
  readonly report: ImportReport = {
    seen: 0,
    imported: 0,
    changed: 0,
    unchanged: 0,
    rejected: [],
    failedBatches: [],
    taxonomies: { imported: 0, rejected: [] },
    seconds: 0,
    servicesPerSecond: 0,
  };
  private batch: { ref: string; service: OrukService }[] = [];
  private nextAnalyzeAt = 1;
  private batchesWithChanges = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly tenantId: string,
    private readonly options: ImportOptions,
  ) {}

  async add(raw: unknown): Promise<void> {
    this.report.seen += 1;
    const id = idOf(raw);
    const where = this.options.describe?.(this.report.seen - 1);
    const ref =
      where === undefined ? (id ?? `#${this.report.seen}`) : id === undefined ? where : `${id} (${where})`;
    const parsed = parseOrukService(raw);
    const issues = parsed.ok ? checkImportable(this.tenantId, parsed.value) : parsed.issues;
    if (!parsed.ok || issues.length > 0) {
      this.report.rejected.push({ ref, issues });
    } else {
      this.batch.push({ ref, service: parsed.value });
    }
    if (this.batch.length >= (this.options.batchSize ?? 500)) {
      await this.flush();
    }
  }

  async flush(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    if (batch.length === 0) {
      this.progress();
      return;
    }
    let result: { stored: number; changed: Set<string>; missing: Map<string, FieldIssue[]> };
    try {
      result = await this.db.transaction().execute(async (trx) => {
        const missing = await findMissingReferences(
          trx,
          this.tenantId,
          batch.map((b) => b.service),
        );
        const upserted = await upsertServiceGraphs(
          trx,
          this.tenantId,
          batch.filter((b) => !missing.has(b.service.id)).map((b) => ({ service: b.service })),
        );
        await refreshServiceSearch(trx, this.tenantId, upserted.changedServiceIds);
        return { stored: upserted.serviceIds.length, changed: new Set(upserted.changedServiceIds), missing };
      });
    } catch (error) {
      this.report.failedBatches.push({
        first: batch[0]?.ref ?? '',
        last: batch.at(-1)?.ref ?? '',
        count: batch.length,
        message: error instanceof Error ? error.message : String(error),
      });
      this.progress();
      return;
    }
    // Counted only once the batch has committed, so a rolled-back batch is reported once, as failed.
    for (const b of batch) {
      const issues = result.missing.get(b.service.id);
      if (issues !== undefined) {
        this.report.rejected.push({ ref: b.ref, issues });
      }
    }
    this.report.imported += result.stored;
    const changedInBatch = batch.filter((b) => result.changed.has(b.service.id)).length;
    this.report.changed += changedInBatch;
    this.report.unchanged += result.stored - changedInBatch;
    // Outside the try: the batch is stored whatever ANALYZE does.
    await this.analyzeWhileGrowing(result.changed.size);
    this.progress();
  }

  /** ANALYZE after the 1st, 2nd, 4th and 8th batch that inserted rows: enough to leave the empty-table plans. */
  private async analyzeWhileGrowing(changed: number): Promise<void> {
    if (changed === 0 || this.nextAnalyzeAt > 8) {
      return;
    }
    this.batchesWithChanges += 1;
    if (this.batchesWithChanges >= this.nextAnalyzeAt) {
      this.nextAnalyzeAt *= 2;
      await analyzeReferencedTables(this.db);
    }
  }

  private progress(): void {
    this.options.onProgress?.({
      seen: this.report.seen,
      imported: this.report.imported,
      rejected: this.report.rejected.length,
      failed: this.report.failedBatches.reduce((n, b) => n + b.count, 0),
      total: this.options.total?.(),
    });
  }
}

/**
 * Validates and stores ORUK services in batches, then taxonomies and terms if given.
 * @param db - the database
 * @param tenantId - the tenant the directory belongs to
 * @param records - raw service records (parsed JSON), from an array or an async source
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
  for await (const raw of records) {
    await importer.add(raw);
  }
  await importer.flush();
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
