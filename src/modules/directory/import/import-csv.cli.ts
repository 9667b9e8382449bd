// npm run import:csv -- <folder> [--batch-size N]
//
// Imports an HSDS 3.0 / Open Referral UK tabular package (a folder of CSV files: services.csv,
// organizations.csv, locations.csv, ...) into the tenant named by TENANT_SLUG, in DATABASE_URL (or the
// embedded database in DATA_DIR); pending migrations run first. Re-running with the same files changes
// nothing. Progress goes to stderr, the summary and every rejected record (id + reasons) to stdout.
// Exit codes: 0 everything stored, 1 fatal error (one line on stderr), 2 some records rejected.
import { parseArgs } from 'node:util';
import { importCsvPackage } from './hsds-csv.import.ts';
import { fail, printProgress, printReport, runImportCli } from './import-cli.ts';

const USAGE = 'usage: npm run import:csv -- <folder> [--batch-size N]';

function readArguments(): { folder: string; batchSize: number } {
  let parsed: { values: { 'batch-size'?: string | undefined }; positionals: string[] };
  try {
    parsed = parseArgs({ options: { 'batch-size': { type: 'string' } }, allowPositionals: true });
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)} (${USAGE})`);
  }
  const folder = parsed.positionals.at(0);
  if (folder === undefined || parsed.positionals.length > 1) {
    fail(`give exactly one folder (${USAGE})`);
  }
  const raw = parsed.values['batch-size'];
  const batchSize = raw === undefined ? 500 : Number(raw);
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    fail(`--batch-size must be a whole number greater than 0 (${USAGE})`);
  }
  return { folder, batchSize };
}

const args = readArguments();
await runImportCli(async (db, tenantId, writers) =>
  printReport(
    await importCsvPackage(db, tenantId, args.folder, {
      batchSize: args.batchSize,
      writers,
      onProgress: printProgress,
    }),
  ),
);
