import type { Kysely } from 'kysely';
import { loadConfig } from '../../../config.ts';
import { openConfiguredDatabase } from '../../../db/open-configured.ts';
import type { DatabaseKind } from '../../../db/connect.ts';
import type { Database } from '../../../db/database.ts';
import { defaultTenantName } from '../../../seed/demo-areas.data.ts';
import { ensureTenant } from '../../accounts/tenant.repository.ts';
import type { ImportProgress, ImportReport } from './service-import.service.ts';

// What the two import CLIs share: configuration, database, tenant, progress on stderr, the summary
// and rejected records on stdout, and the exit code (0 all stored, 1 fatal, 2 some records rejected).

const SHOWN_REJECTS = 50;

const n = (x: number): string => x.toLocaleString('en-GB');

/** Prints "Imported 1,500 of 3,200 services (120 rejected)..." on stderr. */
export function printProgress(p: ImportProgress): void {
  const of = p.total === undefined ? '' : ` of ${n(p.total)}`;
  const failed = p.failed > 0 ? `, ${n(p.failed)} in failed batches` : '';
  process.stderr.write(`Imported ${n(p.imported)}${of} services (${n(p.rejected)} rejected${failed})...\n`);
}

/** Prints the summary and the rejected records; returns the exit code. */
export function printReport(report: ImportReport & { warnings?: string[] }): number {
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  for (const warning of report.warnings ?? []) {
    out(`Warning: ${warning}`);
  }
  out(
    `Read ${n(report.seen)} ${report.seen === 1 ? 'service' : 'services'}: ${n(report.imported)} imported (${n(report.changed)} new or changed, ` +
      `${n(report.unchanged)} unchanged), ${n(report.rejected.length)} rejected, in ${report.seconds.toFixed(1)} s ` +
      `(${n(report.servicesPerSecond)} services/s).`,
  );
  if (report.taxonomies.imported > 0 || report.taxonomies.rejected.length > 0) {
    out(
      `Taxonomies and terms: ${n(report.taxonomies.imported)} imported, ${n(report.taxonomies.rejected.length)} rejected.`,
    );
  }
  const rejected = [...report.taxonomies.rejected, ...report.rejected];
  for (const record of rejected.slice(0, SHOWN_REJECTS)) {
    out(`Rejected ${record.ref}:`);
    for (const issue of record.issues) {
      out(`  - ${issue.field}: ${issue.message}`);
    }
  }
  if (rejected.length > SHOWN_REJECTS) {
    out(`...and ${n(rejected.length - SHOWN_REJECTS)} more rejected records.`);
  }
  for (const batch of report.failedBatches) {
    out(
      `Failed batch of ${n(batch.count)} services (${batch.first} to ${batch.last}), nothing stored: ${batch.message}`,
    );
  }
  return rejected.length > 0 || report.failedBatches.length > 0 ? 2 : 0;
}

/** Exits 1 with a one-line message on stderr, never a stack trace. */
export function fail(message: string): never {
  process.stderr.write(`Error: ${message.split('\n').join(' ')}\n`);
  process.exit(1);
}

/**
 * Batches an import writes at the same time: two on PostgreSQL (one per processor core here), one on
 * PGlite, which has a single connection.
 * @param kind - the database in use
 */
export function importWriters(kind: DatabaseKind): number {
  return kind === 'postgres' ? 2 : 1;
}

/**
 * Opens the configured database (migrated), finds the tenant from TENANT_SLUG and runs the import.
 * @param run - the import, given the number of batches to write at once; returns the exit code
 */
export async function runImportCli(
  run: (db: Kysely<Database>, tenantId: string, writers: number) => Promise<number>,
): Promise<void> {
  let code: number;
  try {
    const config = loadConfig(process.env);
    // A connection per writer, and one for ANALYZE between batches.
    const handle = await openConfiguredDatabase(config, { poolSize: 3, minStatementTimeoutMs: 120_000 });
    try {
      const tenant = await ensureTenant(handle.db, config.tenantSlug, defaultTenantName(config.seedDemo));
      code = await run(handle.db, tenant.id, importWriters(handle.kind));
    } finally {
      await handle.close();
    }
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  process.exit(code);
}
