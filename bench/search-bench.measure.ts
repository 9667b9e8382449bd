import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import type { Kysely } from 'kysely';
import type { Database } from '../src/db/database.ts';
import { searchDirectory } from '../src/modules/directory/search/search.service.ts';
import { resolvePostcode } from '../src/modules/geo/geo.service.ts';
import { createRandom } from '../scripts/synthetic-directory.ts';
import { percentiles, type BenchQuery, type Percentiles } from './search-bench.queries.ts';
import { createNaiveTable, naiveSearch } from './search-bench.repository.ts';

// The measurements of bench/search.bench.ts: search latency, the naive baseline, HTTP throughput.

const WARM_UP = 20;

export interface SearchResult extends Percentiles {
  zeroHitShare: number;
  medianTotal: number;
}

/**
 * Runs each query through searchDirectory, one at a time, after a warm-up.
 * @param db - the database
 * @param tenantId - the tenant
 * @param queries - the query mix
 * @param now - the clock for capacity ageing (the generator's as-of date)
 */
export async function measureSearch(
  db: Kysely<Database>,
  tenantId: string,
  queries: BenchQuery[],
  now: Date,
): Promise<SearchResult> {
  const run = async (q: BenchQuery): Promise<number> => {
    const result = await searchDirectory(db, {
      tenantId,
      query: { text: q.text, needs: [q.need], postcode: q.district, radiusKm: q.radiusKm, perPage: 20 },
      now,
      capacityStaleDays: 14,
      listingStaleDays: 183,
    });
    if (!result.ok) {
      throw new Error(`search for ${q.district} failed: ${result.error.message}`);
    }
    return result.value.total;
  };
  for (const q of queries.slice(0, WARM_UP)) {
    await run(q);
  }
  const times: number[] = [];
  const totals: number[] = [];
  for (const q of queries) {
    const started = performance.now();
    totals.push(await run(q));
    times.push(performance.now() - started);
  }
  return {
    ...percentiles(times),
    zeroHitShare: totals.filter((t) => t === 0).length / totals.length,
    medianTotal: percentiles(totals).p50,
  };
}

/**
 * Runs the same queries as the naive ILIKE scan over an unindexed copy.
 * @param db - the database
 * @param tenantId - the tenant
 * @param queries - the query mix
 */
export async function measureNaive(
  db: Kysely<Database>,
  tenantId: string,
  queries: BenchQuery[],
): Promise<Percentiles> {
  await createNaiveTable(db, tenantId);
  const origins = new Map<string, { latitude: number; longitude: number }>();
  for (const q of queries) {
    if (!origins.has(q.district)) {
      const resolved = await resolvePostcode(db, q.district);
      if (resolved.ok) {
        origins.set(q.district, resolved.value);
      }
    }
  }
  const times: number[] = [];
  for (const [i, q] of queries.entries()) {
    const origin = origins.get(q.district);
    if (origin === undefined) {
      continue;
    }
    const started = performance.now();
    await naiveSearch(db, { words: q.words, need: q.need, ...origin, radiusKm: q.radiusKm });
    if (i >= WARM_UP) {
      times.push(performance.now() - started);
    }
  }
  return percentiles(times);
}

async function startServer(args: string[]): Promise<{ port: number; child: ChildProcess }> {
  const file = join(import.meta.dirname, 'search-bench.server.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    const parsed = JSON.parse(line) as { port?: number };
    if (typeof parsed.port === 'number') {
      return { port: parsed.port, child };
    }
  }
  throw new Error(`server ${args.join(' ')} exited before listening`);
}

async function requestsPerSecond(
  port: number,
  duration: number,
  path: () => string,
): Promise<{ rps: number; non2xx: number }> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 50,
    duration,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: path() }) }],
  });
  return { rps: result.requests.average, non2xx: result.non2xx + result.errors };
}

export interface HttpOptions {
  url: string;
  tenantSlug: string;
  services: number;
  seed: number;
  /** Seconds per target. */
  duration: number;
}

/**
 * Requests per second of /oruk/services?page=K (K random over every page) and of a bare Fastify hello
 * world, each served by its own child process, 50 connections.
 * @param options - database URL, tenant, directory size, seed and duration
 */
export async function measureHttp(
  options: HttpOptions,
): Promise<{ oruk: number; hello: number; non2xx: number }> {
  const pages = Math.max(1, Math.ceil(options.services / 50));
  const random = createRandom(options.seed + 2);
  const oruk = await startServer(['oruk', options.url, options.tenantSlug]);
  const orukResult = await requestsPerSecond(
    oruk.port,
    options.duration,
    () => `/oruk/services?page=${1 + Math.floor(random() * pages)}`,
  );
  oruk.child.kill('SIGTERM');
  const hello = await startServer(['hello']);
  const helloResult = await requestsPerSecond(hello.port, options.duration, () => '/');
  hello.child.kill('SIGTERM');
  return { oruk: orukResult.rps, hello: helloResult.rps, non2xx: orukResult.non2xx + helloResult.non2xx };
}
