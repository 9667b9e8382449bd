// npm run search:rebuild
//
// Rebuilds the search index (service_search and the spelling lexicon) of the tenant TENANT_SLUG from the
// directory tables: after a bulk change made outside the importers, or to drop the words of deleted services.
// Uses DATABASE_URL (or the embedded database in DATA_DIR) and runs pending migrations first.
import { loadConfig } from '../../../config.ts';
import { openConfiguredDatabase } from '../../../db/open-configured.ts';
import { findTenantBySlug } from '../../accounts/tenant.repository.ts';
import { rebuildServiceSearch } from './search.repository.ts';

try {
  const config = loadConfig(process.env);
  const handle = await openConfiguredDatabase(config, { poolSize: 1, minStatementTimeoutMs: 600_000 });
  try {
    const tenant = await findTenantBySlug(handle.db, config.tenantSlug);
    if (tenant === undefined) {
      throw new Error(`No tenant "${config.tenantSlug}" in this database (set TENANT_SLUG)`);
    }
    const started = performance.now();
    const count = await rebuildServiceSearch(handle.db, tenant.id);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Rebuilt the search index of ${count.toLocaleString('en-GB')} services in ${seconds} s.`);
  } finally {
    await handle.close();
  }
} catch (error) {
  process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
