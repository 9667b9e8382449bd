import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database.ts';
import type { FieldIssue } from '../../../http/errors.ts';
import {
  analyzeReferencedTables,
  commitWithoutWaitingForFlush,
  findMissingReferencesIn,
  referencesToCheck,
  serviceGraphRows,
  writeServiceGraphRows,
  type ReferencesToCheck,
  type ServiceGraphRows,
} from '../directory.repository.ts';
import { parseOrukService, type OrukService } from '../oruk/oruk.schema.ts';
import { refreshServiceSearch } from '../search/search.repository.ts';
import { checkImportable } from '../service-graph.checks.ts';
import type { ImportOptions, ImportReport, RejectedRecord } from './service-import.service.ts';

// importServices' batches: records are validated as they arrive; a full batch is flattened into table
// rows and written in its own transaction while the next batch is validated and flattened. Only one
// batch is written at a time, in order, so Node.js and PostgreSQL each work while the other does.

/** A raw record's id, when it has a usable one. */
export const idOf = (raw: unknown): string | undefined => {
  if (typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string' && raw.id !== '') {
    return raw.id;
  }
  return undefined;
};

interface PendingBatch {
  services: { ref: string; service: OrukService }[];
  /** Records rejected while this batch filled: reported with it, so the report keeps the feed's order. */
  rejected: RejectedRecord[];
}

/** A full batch, flattened into table rows before its turn to be written. */
interface PreparedBatch extends PendingBatch {
  references: ReferencesToCheck;
  /** Undefined when the rows could not be built (the batch then fails in its transaction). */
  rows: ServiceGraphRows | undefined;
}

/** Lets I/O callbacks run: a batch being written gets its database replies while the next one is validated. */
const nextTurn = (): Promise<void> =>
  new Promise((resolve) => {
    setImmediate(resolve);
  });

/** Validates records into batches and writes each batch in its own transaction (see importServices). */
export class Importer {
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
  private pending: PendingBatch = { services: [], rejected: [] };
  /** The batch being written: one at a time, in order, while the next one is validated. */
  private writing: Promise<void> = Promise.resolve();
  private writingNow = false;
  private writeError: { error: unknown } | undefined;
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
      this.pending.rejected.push({ ref, issues });
    } else {
      this.pending.services.push({ ref, service: parsed.value });
    }
    if (this.pending.services.length >= (this.options.batchSize ?? 500)) {
      await this.flush();
    } else if (this.writingNow) {
      await nextTurn();
    }
  }

  /** Waits for the batch being written, then starts writing the pending one without waiting for it. */
  async flush(): Promise<void> {
    const batch = this.prepare(this.pending);
    this.pending = { services: [], rejected: [] };
    await this.settle();
    this.writingNow = true;
    this.writing = this.write(batch).then(
      () => {
        this.writingNow = false;
      },
      (error: unknown) => {
        this.writingNow = false;
        this.writeError = { error };
      },
    );
  }

  /** Waits until the batch being written is done; rethrows an error it could not report (e.g. from ANALYZE). */
  async settle(): Promise<void> {
    await this.writing;
    if (this.writeError !== undefined) {
      throw this.writeError.error;
    }
  }

  /** Waits until the batch being written is done, whatever happened to it. */
  async idle(): Promise<void> {
    await this.writing;
  }

  /** The batch's rows and reference checks: plain computation, done while the previous batch is written. */
  private prepare(batch: PendingBatch): PreparedBatch {
    const services = batch.services.map((b) => b.service);
    let rows: ServiceGraphRows | undefined;
    try {
      rows = serviceGraphRows(
        this.tenantId,
        services.map((service) => ({ service })),
      );
    } catch {
      // Rebuilt inside the batch's transaction, where the error fails the batch and is reported.
      rows = undefined;
    }
    return { ...batch, references: referencesToCheck(this.tenantId, services), rows };
  }

  private async write(batch: PreparedBatch): Promise<void> {
    this.report.rejected.push(...batch.rejected);
    if (batch.services.length === 0) {
      this.progress();
      return;
    }
    const services = batch.services;
    let result: { stored: number; changed: Set<string>; missing: Map<string, FieldIssue[]> };
    try {
      result = await this.db.transaction().execute(async (trx) => {
        // A crash can lose the last batches reported stored (never half of one); re-running the import
        // restores them. See the import README.
        await commitWithoutWaitingForFlush(trx);
        const missing = await findMissingReferencesIn(trx, this.tenantId, batch.references);
        // Rare: services that refer to rows that exist nowhere are left out, so the rows are rebuilt.
        const rows =
          missing.size === 0 && batch.rows !== undefined
            ? batch.rows
            : serviceGraphRows(
                this.tenantId,
                services.filter((b) => !missing.has(b.service.id)).map((b) => ({ service: b.service })),
              );
        const upserted = await writeServiceGraphRows(trx, this.tenantId, rows);
        await refreshServiceSearch(trx, this.tenantId, upserted.changedServiceIds);
        return { stored: upserted.serviceIds.length, changed: new Set(upserted.changedServiceIds), missing };
      });
    } catch (error) {
      this.report.failedBatches.push({
        first: services[0]?.ref ?? '',
        last: services.at(-1)?.ref ?? '',
        count: services.length,
        message: error instanceof Error ? error.message : String(error),
      });
      this.progress();
      return;
    }
    // Counted only once the batch has committed, so a rolled-back batch is reported once, as failed.
    for (const b of services) {
      const issues = result.missing.get(b.service.id);
      if (issues !== undefined) {
        this.report.rejected.push({ ref: b.ref, issues });
      }
    }
    this.report.imported += result.stored;
    const changedInBatch = services.filter((b) => result.changed.has(b.service.id)).length;
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
