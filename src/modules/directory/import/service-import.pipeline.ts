import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database.ts';
import type { FieldIssue } from '../../../http/errors.ts';
import {
  analyzeReferencedTables,
  commitWithoutWaitingForFlush,
  countInSlot,
  findMissingReferencesIn,
  referencesToCheck,
  serviceGraphRows,
  withoutSharedEntities,
  writeServiceGraphRows,
  type ReferencesToCheck,
  type ServiceGraphRows,
} from '../directory.repository.ts';
import { takeOrukService } from '../oruk/oruk.import-parse.ts';
import type { OrukService } from '../oruk/oruk.schema.ts';
import { refreshServiceSearch } from '../search/search.repository.ts';
import { checkImportable } from '../service-graph.checks.ts';
import { holdBack, rowsWrittenNow, type BusyRows } from './service-import.hold-back.ts';
import type { ImportOptions, ImportReport, RejectedRecord } from './service-import.service.ts';

// importServices' batches: records are validated as they arrive; a full batch is flattened into table
// rows and written in its own transaction while the next batch is validated and flattened. Up to
// `writers` batches are written at the same time, each on its own connection (PostgreSQL: 2, so that both
// processor cores write; PGlite: 1). The report is still kept in feed order. See the import README.

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

/** What writing a batch came to. */
type Outcome =
  | {
      ok: true;
      stored: number;
      changed: Set<string>;
      missing: Map<string, FieldIssue[]>;
    }
  | { ok: false; message: string };

/** A batch being written, and what it writes (a later batch that overlaps it waits for it: see `overlaps`). */
interface InFlight {
  done: Promise<Outcome>;
  slot: number;
  services: Set<string>;
  /** Organizations, locations and taxonomy terms by id, as the batch writes them. */
  shared: Map<string, object>;
}

/** Lets I/O callbacks run: a batch being written gets its database replies while the next one is validated. */
const nextTurn = (): Promise<void> =>
  new Promise((resolve) => {
    setImmediate(resolve);
  });

const DEADLOCK = '40P01';

/** storedShared's mark for an entity stored once and not fingerprinted. */
const SEEN = '';

const isDeadlock = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === DEADLOCK;

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
  private readonly inFlight = new Set<InFlight>();
  /** Applies each batch's outcome to the report, one after another in feed order. */
  private reporting: Promise<void> = Promise.resolve();
  private reportError: { error: unknown } | undefined;
  /**
   * Fingerprints of the organizations, locations and taxonomy terms committed batches of this import
   * stored, by id (SEEN after the first time): later batches leave out those they would write identically.
   */
  private readonly storedShared = new Map<string, string>();
  private firstCommitted = false;
  private nextAnalyzeAt = 1;
  private batchesWithChanges = 0;
  private readonly writers: number;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly tenantId: string,
    private readonly options: ImportOptions,
  ) {
    this.writers = Math.max(1, Math.min(options.writers ?? 1, 16));
  }

  async add(raw: unknown): Promise<void> {
    this.report.seen += 1;
    const id = idOf(raw);
    const where = this.options.describe?.(this.report.seen - 1);
    const ref =
      where === undefined ? (id ?? `#${this.report.seen}`) : id === undefined ? where : `${id} (${where})`;
    const parsed = takeOrukService(raw);
    const issues = parsed.ok ? checkImportable(this.tenantId, parsed.value) : parsed.issues;
    if (!parsed.ok || issues.length > 0) {
      this.pending.rejected.push({ ref, issues });
    } else {
      this.pending.services.push({ ref, service: parsed.value });
    }
    if (this.pending.services.length >= (this.options.batchSize ?? 500)) {
      await this.flush();
    } else if (this.inFlight.size > 0) {
      await nextTurn();
    }
  }

  /**
   * Waits for a free writer, then starts writing the pending batch. Services that meet rows a batch being
   * written writes are held back for the next batch (see holdBack); if all of them do, the batch waits.
   */
  private async flush(): Promise<void> {
    let batch = this.prepare(this.pending);
    this.pending = { services: [], rejected: [] };
    // The first batch is written alone: it stores the shared taxonomy terms that every later batch leaves
    // out, and the planner statistics taken after it serve the batches written at the same time.
    const limit = this.firstCommitted ? this.writers : 1;
    while (this.inFlight.size >= limit) {
      await Promise.race([...this.inFlight].map((w) => w.done));
    }
    let rows = batch.rows === undefined ? undefined : this.withoutStored(batch.rows);
    if (rows !== undefined && this.inFlight.size > 0) {
      const { now, later } = holdBack(batch.services, this.busyRows(), writtenEntities(rows));
      if (later.length > 0 && now.length > 0) {
        this.pending.services.unshift(...later);
        const split = rowsWrittenNow(rows, later);
        if (split === undefined) {
          batch = this.prepare({ services: now, rejected: batch.rejected });
          rows = batch.rows === undefined ? undefined : this.withoutStored(batch.rows);
        } else {
          rows = split;
          batch = {
            services: now,
            rejected: batch.rejected,
            references: referencesToCheck(
              this.tenantId,
              now.map((b) => b.service),
            ),
            rows,
          };
        }
      }
    }
    await Promise.all([...this.inFlight].filter((w) => overlaps(batch, rows, w)).map((w) => w.done));
    this.throwIfReportFailed();
    this.start({ ...batch, rows });
  }

  /** Flushes until nothing is pending (services held back by the last flush go in the next). */
  async finish(): Promise<void> {
    do {
      await this.flush();
    } while (this.pending.services.length > 0 || this.pending.rejected.length > 0);
  }

  private busyRows(): BusyRows {
    const writing = [...this.inFlight];
    return {
      service: (id) => writing.some((w) => w.services.has(id)),
      entity: (id) => writing.some((w) => w.shared.has(id)),
    };
  }

  /** Waits until every batch is written and reported; rethrows an error it could not report (e.g. from ANALYZE). */
  async settle(): Promise<void> {
    await this.idle();
    this.throwIfReportFailed();
  }

  /** Waits until every batch is written and reported, whatever happened to them. */
  async idle(): Promise<void> {
    await Promise.all([...this.inFlight].map((w) => w.done));
    await this.reporting;
  }

  private throwIfReportFailed(): void {
    if (this.reportError !== undefined) {
      throw this.reportError.error;
    }
  }

  private start(batch: PreparedBatch): void {
    const used = new Set([...this.inFlight].map((w) => w.slot));
    const slot = Array.from({ length: this.writers }, (_, k) => k).find((k) => !used.has(k)) ?? 0;
    const entry: InFlight = {
      done: this.store(batch, slot),
      slot,
      services: new Set(batch.rows?.serviceIds ?? batch.services.map((b) => b.service.id)),
      shared: sharedEntities(batch.rows),
    };
    this.inFlight.add(entry);
    void entry.done.then(() => this.inFlight.delete(entry));
    this.reporting = this.reporting.then(async () => {
      try {
        await this.apply(batch, await entry.done);
      } catch (error) {
        this.reportError ??= { error };
      }
    });
  }

  /** The batch's rows and reference checks: plain computation, done while earlier batches are written. */
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

  /**
   * Leaves out the organizations, locations and terms a committed batch of this import already stored
   * exactly as this batch would. Writing them again would change nothing, but `ON CONFLICT DO UPDATE`
   * locks each one until commit: feeds repeat the same organizations and terms across the feed, so two
   * batches written at the same time would queue behind each other.
   */
  private withoutStored(rows: ServiceGraphRows): ServiceGraphRows {
    const skip = new Set<string>();
    for (const entity of [...rows.organizations, ...rows.locations, ...rows.terms]) {
      const stored = this.storedShared.get(entity.id);
      if (stored !== undefined && stored !== SEEN && stored === fingerprint(entity)) {
        skip.add(entity.id);
      }
    }
    return withoutSharedEntities(rows, skip);
  }

  /** Writes one batch in its own transaction; retried once, alone, if PostgreSQL broke a deadlock. */
  private async store(batch: PreparedBatch, slot: number, retried = false): Promise<Outcome> {
    if (batch.services.length === 0) {
      return { ok: true, stored: 0, changed: new Set(), missing: new Map() };
    }
    const services = batch.services;
    try {
      const outcome = await this.db.transaction().execute(async (trx) => {
        // A crash can lose the last batches reported stored (never half of one); re-running the import
        // restores them. See the import README.
        await commitWithoutWaitingForFlush(trx);
        await countInSlot(trx, slot);
        const missing = await findMissingReferencesIn(trx, this.tenantId, batch.references);
        // Rare: services that refer to rows that exist nowhere are left out, so the rows are rebuilt.
        const rows =
          missing.size === 0 && batch.rows !== undefined
            ? batch.rows
            : this.withoutStored(
                serviceGraphRows(
                  this.tenantId,
                  services.filter((b) => !missing.has(b.service.id)).map((b) => ({ service: b.service })),
                ),
              );
        const upserted = await writeServiceGraphRows(trx, this.tenantId, rows);
        await refreshServiceSearch(trx, this.tenantId, upserted.changedServiceIds);
        return {
          stored: upserted.serviceIds.length,
          changed: new Set(upserted.changedServiceIds),
          missing,
          written: rows,
        };
      });
      // Committed: later batches may leave these out (see withoutStored). Organizations and terms repeat all
      // through a feed, so they are fingerprinted at once: a second copy written by two batches at the same
      // time would make one wait for the other's commit. A location met for the first time is only marked
      // seen; most appear once, and hashing them all would cost more than it saves.
      for (const entity of [...outcome.written.organizations, ...outcome.written.terms]) {
        this.storedShared.set(entity.id, fingerprint(entity));
      }
      for (const entity of outcome.written.locations) {
        this.storedShared.set(entity.id, this.storedShared.has(entity.id) ? fingerprint(entity) : SEEN);
      }
      return { ok: true, stored: outcome.stored, changed: outcome.changed, missing: outcome.missing };
    } catch (error) {
      if (isDeadlock(error) && !retried) {
        await Promise.all([...this.inFlight].filter((w) => w.slot !== slot).map((w) => w.done));
        return this.store(batch, slot, true);
      }
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Adds a written batch to the report (in feed order), then refreshes statistics while tables grow. */
  private async apply(batch: PreparedBatch, outcome: Outcome): Promise<void> {
    this.report.rejected.push(...batch.rejected);
    const services = batch.services;
    if (!outcome.ok) {
      this.report.failedBatches.push({
        first: services[0]?.ref ?? '',
        last: services.at(-1)?.ref ?? '',
        count: services.length,
        message: outcome.message,
      });
      this.firstCommitted = true;
      this.progress();
      return;
    }
    // Counted only once the batch has committed, so a rolled-back batch is reported once, as failed.
    for (const b of services) {
      const issues = outcome.missing.get(b.service.id);
      if (issues !== undefined) {
        this.report.rejected.push({ ref: b.ref, issues });
      }
    }
    this.report.imported += outcome.stored;
    const changedInBatch = services.filter((b) => outcome.changed.has(b.service.id)).length;
    this.report.changed += changedInBatch;
    this.report.unchanged += outcome.stored - changedInBatch;
    // The batch is stored whatever ANALYZE does.
    await this.analyzeWhileGrowing(outcome.changed.size);
    this.firstCommitted = true;
    this.progress();
  }

  /**
   * ANALYZE after the 1st, 2nd, 4th and 8th batch that changed rows: enough to leave the empty-table plans.
   */
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

const fingerprints = new WeakMap<object, string>();

/** A short digest of an entity as sent (computed once per object). */
function fingerprint(entity: object): string {
  let known = fingerprints.get(entity);
  if (known === undefined) {
    known = createHash('sha1').update(JSON.stringify(entity)).digest('base64');
    fingerprints.set(entity, known);
  }
  return known;
}

/** Ids of the organizations, locations and taxonomy terms rows write. */
function writtenEntities(rows: ServiceGraphRows): Set<string> {
  return new Set([...rows.organizations, ...rows.locations, ...rows.terms].map((entity) => entity.id));
}

/** The organizations, locations and taxonomy terms a batch's rows write, by id. */
function sharedEntities(rows: ServiceGraphRows | undefined): Map<string, object> {
  const out = new Map<string, object>();
  for (const entity of rows === undefined ? [] : [...rows.organizations, ...rows.locations, ...rows.terms]) {
    out.set(entity.id, entity);
  }
  return out;
}

/**
 * Whether a batch must wait for one being written: it refers by id to something that batch writes, writes
 * one of the same services, or writes an organization, location or term differently. Otherwise the two
 * can be written at the same time: the rows they share are identical, and PostgreSQL makes the second
 * wait for the first's row locks (taken in id order, so never a deadlock). Waiting keeps "the later copy
 * in the feed wins", and a reference never points at a row that is not committed yet.
 */
function overlaps(batch: PreparedBatch, rows: ServiceGraphRows | undefined, writing: InFlight): boolean {
  const { wanted } = batch.references;
  if (
    [...wanted.organization, ...wanted.location, ...wanted.taxonomy_term].some((id) => writing.shared.has(id))
  ) {
    return true;
  }
  if (rows === undefined) {
    return batch.services.some((b) => writing.services.has(b.service.id));
  }
  if (rows.serviceIds.some((id) => writing.services.has(id))) {
    return true;
  }
  return [...rows.organizations, ...rows.locations, ...rows.terms].some((entity) => {
    const other = writing.shared.get(entity.id);
    return other !== undefined && fingerprint(other) !== fingerprint(entity);
  });
}
