// npm run import:oruk -- --url <base URL> | --file <path> [--batch-size N] [--per-page N] [--timeout S]
//
// Imports an Open Referral UK 3.0 directory into the tenant named by TENANT_SLUG, in DATABASE_URL (or the
// embedded database in DATA_DIR); pending migrations run first. --url crawls a live ORUK API; --file reads
// a page envelope, a JSON array of services, one service, or NDJSON. Re-running with the same data changes
// nothing. Progress goes to stderr, the summary and every rejected record (id + reasons) to stdout.
// Exit codes: 0 everything stored, 1 fatal error (one line on stderr), 2 some records rejected.
import { parseArgs } from 'node:util';
import { fail, printProgress, printReport, runImportCli } from './import-cli.ts';
import { importOrukFeed, importOrukFile } from './oruk-feed.import.ts';

const USAGE =
  'usage: npm run import:oruk -- --url <base URL> | --file <path> [--batch-size N] [--per-page N] [--timeout S]';

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) {
    return fallback;
  }
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    fail(`--${name} must be a whole number greater than 0 (${USAGE})`);
  }
  return number;
}

function readArguments(): {
  url?: string;
  file?: string;
  batchSize: number;
  perPage: number;
  timeoutMs: number;
} {
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      options: {
        url: { type: 'string' },
        file: { type: 'string' },
        'batch-size': { type: 'string' },
        'per-page': { type: 'string' },
        timeout: { type: 'string' },
      },
      allowPositionals: false,
    }).values;
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)} (${USAGE})`);
  }
  if ((values.url === undefined) === (values.file === undefined)) {
    fail(`give either --url or --file (${USAGE})`);
  }
  if (values.url !== undefined && !/^https?:\/\/\S+$/.test(values.url)) {
    fail(`--url must be an http:// or https:// address, not ${JSON.stringify(values.url)}`);
  }
  return {
    ...(values.url === undefined ? {} : { url: values.url }),
    ...(values.file === undefined ? {} : { file: values.file }),
    batchSize: positiveInt('batch-size', values['batch-size'], 500),
    perPage: positiveInt('per-page', values['per-page'], 100),
    timeoutMs: positiveInt('timeout', values.timeout, 30) * 1000,
  };
}

const args = readArguments();
await runImportCli(async (db, tenantId, writers) => {
  const options = { batchSize: args.batchSize, writers, onProgress: printProgress };
  const report =
    args.url === undefined
      ? await importOrukFile(db, tenantId, args.file ?? '', options)
      : await importOrukFeed(db, tenantId, {
          ...options,
          baseUrl: args.url,
          perPage: args.perPage,
          timeoutMs: args.timeoutMs,
        });
  return printReport(report);
});
