import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database.ts';
import { ImportSourceError, fetchJson, type FetchOptions } from './http-json.ts';
import { isRecord, readOrukFile } from './oruk-file.read.ts';
import {
  importServices,
  importTaxonomies,
  type ImportOptions,
  type ImportReport,
  type RejectedRecord,
} from './service-import.service.ts';

// Imports an Open Referral UK 3.0 directory: (a) crawled from a live API (`/`, paged `/services`,
// `/services/{id}` for list items that are not fully nested, and `/taxonomies`, `/taxonomy_terms` when
// offered), or (b) read from a file (oruk-file.read.ts: a page envelope, an array of services, one service,
// or NDJSON, streamed).

/** Keys that only a fully nested service has; a list item with none of them is fetched in full. */
const NESTED_KEYS = [
  'service_at_locations',
  'schedules',
  'contacts',
  'attributes',
  'languages',
  'funding',
  'cost_options',
  'service_areas',
];

interface Page {
  contents: unknown[];
  totalPages: number | undefined;
  totalItems: number | undefined;
  lastPage: boolean;
}

function readPage(url: string, body: unknown): Page {
  if (!isRecord(body) || !Array.isArray(body.contents)) {
    throw new ImportSourceError(`${url} did not return an ORUK page (an object with a "contents" list)`);
  }
  return {
    contents: body.contents,
    totalPages: typeof body.total_pages === 'number' ? body.total_pages : undefined,
    totalItems: typeof body.total_items === 'number' ? body.total_items : undefined,
    lastPage: body.last_page === true,
  };
}

export interface FeedImportOptions extends ImportOptions, FetchOptions {
  baseUrl: string;
  perPage?: number;
  /** Upper bound on pages per list, against feeds whose paging never ends. */
  maxPages?: number;
  /** How many `/services/{id}` requests may be in flight at once (default 4). */
  concurrency?: number;
}

export interface FeedImportReport extends ImportReport {
  warnings: string[];
}

class FeedCrawler {
  readonly warnings: string[] = [];
  readonly failures: RejectedRecord[] = [];
  private readonly base: string;

  constructor(private readonly options: FeedImportOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
  }

  url(path: string, query: Record<string, string | number> = {}): string {
    const url = new URL(`${this.base}${path}`);
    for (const [key, value] of Object.entries(query)) {
      url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  async checkVersion(): Promise<void> {
    const url = this.url('/');
    const res = await fetchJson(url, this.options);
    if (!res.ok) {
      if (res.status === 404) {
        this.warnings.push(`${url} answered 404: no version to check, reading the feed as ORUK 3.0`);
        return;
      }
      throw new ImportSourceError(`${url} answered HTTP ${res.status}`);
    }
    const version = isRecord(res.body) && typeof res.body.version === 'string' ? res.body.version : undefined;
    const number = version?.replace(/^HSDS-UK-/i, '').replace(/^v/i, '');
    if (number === undefined || !/^3(\.\d+)*$/.test(number)) {
      throw new ImportSourceError(
        `${url} gives version ${JSON.stringify(version ?? null)}; this importer reads ORUK 3.0 feeds ("HSDS-UK-3.0")`,
      );
    }
  }

  /** Each page's items of a paged list; nothing, with a warning, when an optional list is not offered (404/501). */
  async *pages(path: string, onFirst?: (page: Page) => void): AsyncGenerator<unknown[]> {
    const optional = path !== '/services';
    const maxPages = this.options.maxPages ?? 10_000;
    for (let number = 1; number <= maxPages; number += 1) {
      const url = this.url(path, { page: number, per_page: this.options.perPage ?? 100 });
      const res = await fetchJson(url, this.options);
      if (!res.ok) {
        if (optional && number === 1 && (res.status === 404 || res.status === 501)) {
          this.warnings.push(`${url} answered ${res.status}: the feed does not offer ${path}`);
          return;
        }
        throw new ImportSourceError(`${url} answered HTTP ${res.status}`);
      }
      const page = readPage(url, res.body);
      if (number === 1) {
        onFirst?.(page);
      }
      yield page.contents;
      const more =
        page.totalPages === undefined ? !page.lastPage && page.contents.length > 0 : number < page.totalPages;
      if (!more) {
        return;
      }
    }
    this.warnings.push(`${path}: stopped after ${maxPages} pages`);
  }

  async fullService(item: unknown): Promise<unknown> {
    if (!isRecord(item) || typeof item.id !== 'string' || NESTED_KEYS.some((key) => key in item)) {
      return item;
    }
    const url = this.url(`/services/${encodeURIComponent(item.id)}`);
    const res = await fetchJson(url, this.options);
    if (!res.ok) {
      this.failures.push({
        ref: item.id,
        issues: [{ field: '(record)', message: `${url} answered HTTP ${res.status}` }],
      });
      return undefined;
    }
    return res.body;
  }
}

async function collect(source: AsyncIterable<unknown[]>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const page of source) {
    out.push(...page);
  }
  return out;
}

/** Maps with at most `limit` calls in flight, keeping the order. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      out[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Crawls an ORUK 3.0 API and imports its taxonomies, terms and services.
 * Throws ImportSourceError (a one-line, human message) when the feed cannot be read at all.
 * @param db - the database
 * @param tenantId - the tenant
 * @param options - base URL, paging, timeout, batch size, progress callback
 */
export async function importOrukFeed(
  db: Kysely<Database>,
  tenantId: string,
  options: FeedImportOptions,
): Promise<FeedImportReport> {
  const crawler = new FeedCrawler(options);
  await crawler.checkVersion();
  const taxonomies = await collect(crawler.pages('/taxonomies'));
  const terms = await collect(crawler.pages('/taxonomy_terms'));
  const taxonomyReport = await importTaxonomies(db, tenantId, { taxonomies, terms });
  let total: number | undefined;
  const seen = new Set<string>();
  async function* services(): AsyncGenerator {
    for await (const page of crawler.pages('/services', (first) => (total = first.totalItems))) {
      const fresh = page.filter((item) => {
        const id = isRecord(item) && typeof item.id === 'string' ? item.id : undefined;
        if (id === undefined) {
          return true;
        }
        if (seen.has(id)) {
          return false; // some feeds (and mock servers) repeat items across pages
        }
        seen.add(id);
        return true;
      });
      // Detail requests for items that are not fully nested: a few at a time, in page order.
      for (const full of await mapLimited(fresh, options.concurrency ?? 4, (item) =>
        crawler.fullService(item),
      )) {
        if (full !== undefined) {
          yield full;
        }
      }
    }
  }
  const report = await importServices(db, tenantId, services(), {
    ...options,
    total: () => total,
  });
  return {
    ...report,
    seen: report.seen + crawler.failures.length,
    rejected: [...crawler.failures, ...report.rejected],
    taxonomies: taxonomyReport,
    warnings: crawler.warnings,
  };
}

/**
 * Imports the services in an ORUK file.
 * @param db - the database
 * @param tenantId - the tenant
 * @param path - the file
 * @param options - batch size and progress callback
 */
export async function importOrukFile(
  db: Kysely<Database>,
  tenantId: string,
  path: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const file = await readOrukFile(path);
  return importServices(db, tenantId, file.records, { ...options, total: () => file.total });
}
