import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Tenant } from '../modules/accounts/tenant.repository.ts';
import { upsertPractices, type Practice } from '../modules/accounts/practice.repository.ts';
import {
  upsertServiceGraphs,
  upsertTaxonomies,
  type ImportedService,
} from '../modules/directory/directory.repository.ts';
import { parseOrukService, type OrukTaxonomy } from '../modules/directory/oruk/oruk.schema.ts';
import { ensureSignpostTaxonomies } from '../modules/directory/oruk/signpost-attributes.ts';
import { refreshServiceSearch } from '../modules/directory/search/search.repository.ts';
import { checkImportable } from '../modules/directory/service-graph.rows.ts';
import { ensurePostcodeReferenceData } from '../modules/geo/geo.service.ts';
import { importPostcodeFile } from '../modules/geo/postcode-import.service.ts';
import { LEEDS_SAMPLE_FILE } from '../modules/geo/postcode-reference.service.ts';
import { DEMO_PRACTICES } from './demo-areas.data.ts';
import { buildService, type BuildContext } from './demo-build.ts';
import { demoClock } from './demo-capacity.ts';
import { DEMO_ORGANISATIONS, demoServices } from './demo-catalogue.ts';
import { demoId } from './demo-random.ts';
import { serviceTypeTaxonomy } from './demo-service-types.data.ts';
import { loadVenuePostcodes, type VenuePostcodes } from './demo-venues.ts';
import { countTenantServices } from './demo.repository.ts';

// The demo: a primary care network in north-west Leeds with six GP practices and a directory of over 300
// community services run by about 75 voluntary, community and council organisations. Everything about the
// organisations and services is invented; the postcodes and coordinates are real (ONS).
// Idempotent: every id is deterministic, and dates are relative to the seeding day, so seeding twice on one
// day changes nothing, and reseeding later refreshes the dates without duplicating anything.

export const DEMO_POSTCODE_SOURCE = 'demo:postcodes_sample_LS.csv';
const BATCH_SIZE = 100;

export interface SeedDemoOptions {
  /** The seeding moment; dates in the demo are relative to its day (UTC). Defaults to now. */
  now?: Date;
}

export interface SeedDemoSummary {
  organisations: number;
  services: number;
  practices: number;
  /** Services whose stored graph changed (all of them on a first seed, none on a repeat the same day). */
  changedServices: number;
  postcodesAdded: number;
}

export interface DemoDirectory {
  services: ImportedService[];
  taxonomies: OrukTaxonomy[];
  practices: Practice[];
}

/**
 * Builds the whole demo directory as ORUK objects, checked against the ORUK schema. Pure apart from the
 * postcode lookup.
 * @param tenantId - the tenant to build it for
 * @param options - the clock and the venue postcode lookup
 */
export function buildDemoDirectory(
  tenantId: string,
  options: { now: Date; postcodes: VenuePostcodes },
): DemoDirectory {
  const ctx: BuildContext = {
    tenantId,
    clock: demoClock(options.now),
    postcodes: options.postcodes,
    organisations: new Map(DEMO_ORGANISATIONS.map((o) => [o.key, o])),
  };
  const services = demoServices().map((s, i) => {
    const built = buildService(ctx, s, i);
    const parsed = parseOrukService(built.service);
    const issues = parsed.ok ? checkImportable(tenantId, parsed.value) : parsed.issues;
    if (!parsed.ok || issues.length > 0) {
      const detail = issues.map((x) => `${x.field} ${x.message}`).join('; ');
      throw new Error(`Demo service ${s.key} is not valid ORUK: ${detail}`);
    }
    return { service: parsed.value, signpost: built.signpost };
  });
  const practices = DEMO_PRACTICES.map((p) => {
    const point = options.postcodes.forVenue(p.venue);
    return {
      id: demoId(tenantId, 'practice', p.key),
      odsCode: p.odsCode,
      name: p.name,
      postcode: point.postcode,
      latitude: point.latitude,
      longitude: point.longitude,
    };
  });
  return { services, taxonomies: [serviceTypeTaxonomy(tenantId)], practices };
}

/**
 * Seeds the demo PCN and directory into a tenant, through the directory's own write path (so the search
 * index is refreshed too). Also loads the postcode reference data and the Leeds full-postcode sample.
 * @param db - the database
 * @param tenant - the tenant to seed
 * @param options - the seeding moment (tests fix it)
 */
export async function seedDemo(
  db: Kysely<Database>,
  tenant: Tenant,
  options: SeedDemoOptions = {},
): Promise<SeedDemoSummary> {
  await ensurePostcodeReferenceData(db);
  const postcodes = await importPostcodeFile(db, LEEDS_SAMPLE_FILE, { source: DEMO_POSTCODE_SOURCE });
  const directory = buildDemoDirectory(tenant.id, {
    now: options.now ?? new Date(),
    postcodes: await loadVenuePostcodes(),
  });
  return db.transaction().execute(async (trx) => {
    await ensureSignpostTaxonomies(trx, tenant.id);
    await upsertTaxonomies(trx, tenant.id, directory.taxonomies);
    await upsertPractices(trx, tenant.id, directory.practices);
    const changed: string[] = [];
    for (let i = 0; i < directory.services.length; i += BATCH_SIZE) {
      const result = await upsertServiceGraphs(trx, tenant.id, directory.services.slice(i, i + BATCH_SIZE));
      changed.push(...result.changedServiceIds);
    }
    await refreshServiceSearch(trx, tenant.id, changed);
    return {
      organisations: DEMO_ORGANISATIONS.length,
      services: directory.services.length,
      practices: directory.practices.length,
      changedServices: new Set(changed).size,
      postcodesAdded: postcodes.inserted,
    };
  });
}

/**
 * Seeds the demo only when the tenant's directory is empty (start-up with SEED_DEMO=true).
 * @param db - the database
 * @param tenant - the tenant
 * @param options - the seeding moment
 * @returns the summary, or null when the directory already had services
 */
export async function seedDemoIfEmpty(
  db: Kysely<Database>,
  tenant: Tenant,
  options: SeedDemoOptions = {},
): Promise<SeedDemoSummary | null> {
  if ((await countTenantServices(db, tenant.id)) > 0) {
    return null;
  }
  return seedDemo(db, tenant, options);
}
