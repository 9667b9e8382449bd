// npm run import:postcodes -- <file.csv> [--source <label>] [--rejects <report.csv>]
//
// Loads full postcodes into the `postcode` table from a CSV with a header row `postcode,lat,lon`, or from an
// ONS NSPL/ONSPD extract (columns `pcds`/`pcd`, `lat`, `long`). Uses DATABASE_URL (or the embedded database in
// DATA_DIR), runs pending migrations first, and is safe to re-run. Exit codes: 0 imported (rejected rows, if
// any, are reported), 1 failed (nothing written), 2 wrong usage.
import { createWriteStream, type WriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../../config.ts';
import { openDatabase } from '../../db/connect.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import {
  importPostcodeFile,
  inspectPostcodeFile,
  PostcodeFileError,
  type PostcodeImportSummary,
  type RejectedPostcodeRow,
} from './postcode-import.service.ts';

const USAGE = 'Usage: npm run import:postcodes -- <file.csv> [--source <label>] [--rejects <report.csv>]';
const SHOWN_REJECTS = 20;
const PROGRESS_EVERY = 50_000;

function fail(message: string, exitCode = 1): never {
  process.stderr.write(`Error: ${message}\n`);
  process.exit(exitCode);
}

function readArguments(): { file: string; source?: string; rejects?: string } {
  try {
    const { values, positionals } = parseArgs({
      options: { source: { type: 'string' }, rejects: { type: 'string' } },
      allowPositionals: true,
    });
    const file = positionals.at(0);
    if (file === undefined || positionals.length > 1) {
      fail(`give exactly one CSV file\n${USAGE}`, 2);
    }
    return { file, source: values.source, rejects: values.rejects };
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`, 2);
  }
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function openRejectReport(path: string | undefined): WriteStream | undefined {
  if (path === undefined) {
    return undefined;
  }
  const stream = createWriteStream(path);
  stream.on('error', (error) => fail(`cannot write ${path}: ${error.message}`));
  stream.write('line,problem,message,row\n');
  return stream;
}

function printSummary(summary: PostcodeImportSummary, rejectsPath: string | undefined): void {
  const n = (x: number): string => x.toLocaleString('en-GB');
  process.stderr.write(
    `Read ${n(summary.rowsRead)} rows: ${n(summary.inserted)} added, ${n(summary.updated)} updated, ` +
      `${n(summary.unchanged)} unchanged, ${n(summary.rejected)} rejected.\n`,
  );
  if (summary.rejected > SHOWN_REJECTS) {
    process.stderr.write(
      rejectsPath === undefined
        ? `Only the first ${SHOWN_REJECTS} rejected rows are shown; use --rejects <report.csv> to list them all.\n`
        : `Every rejected row is listed in ${rejectsPath}.\n`,
    );
  }
}

function readConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      fail(error.message);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const args = readArguments();
  const config = readConfig();
  try {
    // Check the header before touching the database, so a wrong file fails fast.
    await inspectPostcodeFile(args.file);
  } catch (error) {
    if (error instanceof PostcodeFileError) {
      fail(error.message);
    }
    throw error;
  }
  const handle = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 2,
    statementTimeoutMs: config.dbStatementTimeoutMs,
  });
  const report = openRejectReport(args.rejects);
  let shown = 0;
  let reported = 0;
  try {
    await migrateToLatest(handle.db);
    const summary = await importPostcodeFile(handle.db, args.file, {
      source: args.source,
      onProgress: ({ rowsRead }) => {
        if (rowsRead - reported >= PROGRESS_EVERY) {
          reported = rowsRead;
          process.stderr.write(`  ${rowsRead.toLocaleString('en-GB')} rows read\n`);
        }
      },
      onReject: (row: RejectedPostcodeRow) => {
        report?.write(`${row.line},${row.problem},${csvField(row.message)},${csvField(row.value)}\n`);
        if (shown++ < SHOWN_REJECTS) {
          process.stderr.write(`  line ${row.line}: ${row.message}: ${row.value}\n`);
        }
      },
    });
    printSummary(summary, args.rejects);
    if (summary.rowsRead > 0 && summary.rejected === summary.rowsRead) {
      process.exitCode = 1;
      process.stderr.write('Error: every row was rejected; is this the right file?\n');
    }
  } catch (error) {
    if (error instanceof PostcodeFileError) {
      process.exitCode = 1;
      process.stderr.write(`Error: ${error.message}\nNothing was imported.\n`);
    } else {
      throw error;
    }
  } finally {
    report?.end();
    await handle.close();
  }
}

main().catch((error: unknown) => {
  // An unexpected failure (database unreachable, disk full): the message, not a stack trace.
  fail(`${error instanceof Error ? error.message : String(error)}. Nothing was imported.`);
});
