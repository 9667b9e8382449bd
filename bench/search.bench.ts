import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../src/db/connect.ts';
import type { Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { ensureTenant } from '../src/modules/accounts/tenant.repository.ts';
import { importWriters } from '../src/modules/directory/import/import-cli.ts';
import { importOrukFile } from '../src/modules/directory/import/oruk-feed.import.ts';
import { ensurePostcodeReferenceData } from '../src/modules/geo/geo.service.ts';
import { writeSyntheticFeed } from './search-bench.feed.ts';
import type { BenchQuery, Percentiles } from './search-bench.queries.ts';
import { measureHttp, measureNaive, measureSearch, type SearchResult } from './search-bench.measure.ts';
import { analyzeDatabase, countServices, dropBenchDatabase } from './search-bench.repository.ts';

// `npm run bench:search -- [--count 200000] [--queries 1000] [--seed 42] [--duration 10]
//   [--skip-pglite] [--skip-http]`
// 1. PostgreSQL (a throwaway database on TEST_POSTGRES_URL's server, dropped at the end): writes --count
//    synthetic services to an NDJSON file (not timed), imports it through importOrukFile (read, parse,
//    validate, write, index) and reports services/s; runs --queries mixed
//    searches (two words + one need + 10 km around a postcode district, ranked, top 20) through
//    searchDirectory; runs the same queries as a naive ILIKE scan; then measures /oruk/services?page=K
//    with autocannon (50 connections) beside a bare Fastify hello-world.
// 2. PGlite on disk (a temp directory, deleted at the end): the same load and the same searches.

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const AS_OF = new Date('2026-11-21T00:00:00Z');
const TENANT_SLUG = 'bench';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '200000' },
    queries: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '42' },
    duration: { type: 'string', default: '10' },
    'skip-pglite': { type: 'boolean', default: false },
    'skip-http': { type: 'boolean', default: false },
  },
});
const COUNT = Number(args.count);
const QUERIES = Number(args.queries);
const SEED = Number(args.seed);
const DURATION = Number(args.duration);

interface LoadResult {
  loaded: number;
  seconds: number;
  rate: number;
  queries: BenchQuery[];
}

const fmt = (n: number, digits = 1): string =>
  Number.isFinite(n) ? n.toLocaleString('en-GB', { maximumFractionDigits: digits }) : '-';

async function loadDirectory(db: Kysely<Database>, label: string, writers: number): Promise<LoadResult> {
  await migrateToLatest(db);
  await ensurePostcodeReferenceData(db);
  const tenant = await ensureTenant(db, TENANT_SLUG, 'Bench PCN');
  const feed = await writeSyntheticFeed({
    tenantId: tenant.id,
    count: COUNT,
    queries: QUERIES,
    seed: SEED,
    asOf: AS_OF,
  });
  console.log(`  ${label}: wrote the synthetic feed (NDJSON) in ${fmt(feed.seconds)} s; importing it...`);
  let reported = 0;
  const started = performance.now();
  try {
    const report = await importOrukFile(db, tenant.id, feed.file, {
      batchSize: 1000,
      writers,
      onProgress: ({ imported }) => {
        if (imported - reported >= 20_000) {
          reported = imported;
          const rate = imported / ((performance.now() - started) / 1000);
          console.log(`  ${label}: ${fmt(imported, 0)} services, ${fmt(rate, 0)} services/s`);
        }
      },
    });
    if (report.rejected.length > 0 || report.failedBatches.length > 0) {
      throw new Error(
        `import rejected ${report.rejected.length} services and failed ${report.failedBatches.length} batches: ` +
          JSON.stringify(report.rejected[0] ?? report.failedBatches[0]),
      );
    }
    await analyzeDatabase(db);
    return {
      loaded: report.imported,
      seconds: report.seconds,
      rate: report.imported / report.seconds,
      queries: feed.queries,
    };
  } finally {
    feed.remove();
  }
}

async function withPostgres<T>(run: (handle: DatabaseHandle, url: string) => Promise<T>): Promise<T> {
  const name = `signpost_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: 4, statementTimeoutMs: 120_000 });
  try {
    return await run(handle, url.toString());
  } finally {
    await handle.close();
    await dropBenchDatabase(admin, name);
    await admin.end();
  }
}

async function withPglite<T>(run: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'signpost-bench-'));
  const handle = await openDatabase({ dataDir: dir, statementTimeoutMs: 120_000 });
  try {
    return await run(handle);
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function row(cells: string[], widths: number[]): string {
  return `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 10)).join(' | ')} |`;
}

function printTable(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  console.log(`\n${title}`);
  console.log(row(header, widths));
  console.log(
    row(
      widths.map((w) => '-'.repeat(w)),
      widths,
    ),
  );
  for (const r of rows) {
    console.log(row(r, widths));
  }
}

const ms = (p: Percentiles): string[] => [fmt(p.p50, 2), fmt(p.p95, 2), fmt(p.p99, 2)];
const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');

console.log(`Signpost search benchmark: ${fmt(COUNT, 0)} services, ${fmt(QUERIES, 0)} queries, seed ${SEED}`);
const pgResults = await withPostgres(async (handle, url) => {
  console.log('PostgreSQL: importing the file through importOrukFile (the ORUK import path)...');
  const load = await loadDirectory(handle.db, 'PostgreSQL', importWriters('postgres'));
  const tenant = await ensureTenant(handle.db, TENANT_SLUG, 'Bench PCN');
  console.log(`PostgreSQL: running ${load.queries.length} searches...`);
  const search = await measureSearch(handle.db, tenant.id, load.queries, AS_OF);
  console.log('PostgreSQL: running the naive ILIKE baseline...');
  const naive = await measureNaive(handle.db, tenant.id, load.queries);
  let http: Awaited<ReturnType<typeof measureHttp>> | null = null;
  if (!args['skip-http']) {
    console.log(`HTTP: autocannon, 50 connections, ${DURATION} s per target...`);
    http = await measureHttp({
      url,
      tenantSlug: TENANT_SLUG,
      services: await countServices(handle.db, tenant.id),
      seed: SEED,
      duration: DURATION,
    });
  }
  return { load, search, naive, http };
});
let pgliteResults: { load: LoadResult; search: SearchResult } | null = null;
if (!args['skip-pglite']) {
  pgliteResults = await withPglite(async (handle) => {
    console.log('PGlite (on disk): loading...');
    const load = await loadDirectory(handle.db, 'PGlite', importWriters('pglite'));
    const tenant = await ensureTenant(handle.db, TENANT_SLUG, 'Bench PCN');
    console.log(`PGlite: running ${load.queries.length} searches...`);
    return { load, search: await measureSearch(handle.db, tenant.id, load.queries, AS_OF) };
  });
}

const { load, search, naive, http } = pgResults;
printTable(
  'ORUK import of an NDJSON file (importOrukFile: read, parse, validate, upsert, index; 1,000 per transaction)',
  ['engine', 'services', 'seconds', 'services/s', 'target'],
  [
    [
      'PostgreSQL',
      fmt(load.loaded, 0),
      fmt(load.seconds),
      fmt(load.rate, 0),
      `>= 5,000: ${verdict(load.rate >= 5000)}`,
    ],
    ...(pgliteResults
      ? [
          [
            'PGlite (disk)',
            fmt(pgliteResults.load.loaded, 0),
            fmt(pgliteResults.load.seconds),
            fmt(pgliteResults.load.rate, 0),
            '-',
          ],
        ]
      : []),
  ],
);
const ratio = naive.p95 / search.p95;
printTable(
  'Search: 2 words + 1 need + 10 km, ranked, top 20 (milliseconds per query)',
  ['engine', 'p50', 'p95', 'p99', 'target'],
  [
    ['PostgreSQL searchDirectory', ...ms(search), `p95 <= 10: ${verdict(search.p95 <= 10)}`],
    ['PostgreSQL naive ILIKE scan', ...ms(naive), '-'],
    ...(pgliteResults
      ? [
          [
            'PGlite searchDirectory',
            ...ms(pgliteResults.search),
            `p95 <= 25: ${verdict(pgliteResults.search.p95 <= 25)}`,
          ],
        ]
      : []),
  ],
);
console.log(`naive p95 / searchDirectory p95 = ${fmt(ratio)}x (target >= 10x: ${verdict(ratio >= 10)})`);
console.log(
  `queries with no hits: ${fmt(search.zeroHitShare * 100)} %; median matches per query: ${fmt(search.medianTotal, 0)}`,
);
if (http !== null) {
  printTable(
    `HTTP throughput (autocannon, 50 connections, ${DURATION} s each)`,
    ['target', 'req/s'],
    [
      ['/oruk/services?page=K (K random over all pages)', fmt(http.oruk, 0)],
      ['bare Fastify hello world', fmt(http.hello, 0)],
      ['ratio ORUK / hello', `${fmt((http.oruk / http.hello) * 100)} %`],
    ],
  );
  if (http.non2xx > 0) {
    console.log(`warning: ${http.non2xx} non-2xx responses or errors`);
  }
}
