import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createRandom, generateServices, toOrukRecord } from '../scripts/synthetic-directory.ts';
import { pickQuerySources, queryFromService, type BenchQuery } from './search-bench.queries.ts';

// The benchmark's feed: the synthetic directory written as NDJSON (one ORUK service per line) before the
// clock starts, then imported from the file as `npm run import:oruk -- --file` would (importOrukFile, which
// streams NDJSON). The import rate then measures what an import does (read and parse JSON, validate, write,
// index), not the cost of inventing the test data (about 250 µs per service here, mostly the uuid package's
// JavaScript SHA-1 for deterministic ids).

export interface SyntheticFeed {
  file: string;
  queries: BenchQuery[];
  seconds: number;
  remove: () => void;
}

/**
 * Writes `count` synthetic services for this tenant to a temporary NDJSON file and draws the queries.
 * @param options - tenant, count, queries wanted, seed and as-of date
 */
export async function writeSyntheticFeed(options: {
  tenantId: string;
  count: number;
  queries: number;
  seed: number;
  asOf: Date;
}): Promise<SyntheticFeed> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'signpost-feed-'));
  const file = join(dir, 'services.ndjson');
  const out = createWriteStream(file);
  const sources = pickQuerySources(options.count, options.queries, options.seed);
  const random = createRandom(options.seed + 1);
  const queries: BenchQuery[] = [];
  let index = 0;
  for (const item of generateServices(options.count, options.seed, { asOf: options.asOf })) {
    for (let k = sources.get(index) ?? 0; k > 0; k--) {
      const query = queryFromService(item, random);
      if (query !== null) {
        queries.push(query);
      }
    }
    index += 1;
    if (!out.write(`${JSON.stringify(toOrukRecord(options.tenantId, item))}\n`)) {
      await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
  return {
    file,
    queries,
    seconds: (performance.now() - started) / 1000,
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
