// npm run audit:verify [-- --tenant <slug>]
//
// Recomputes the hash chain of every tenant's audit trail (or one tenant's) in DATABASE_URL (or the
// embedded database in DATA_DIR); pending migrations run first. Prints one line per tenant, with the last
// entry's seq and hash to keep elsewhere (a trail cut short or rewritten from some point on can only be
// caught by comparing with such a copy). Exit codes: 0 every chain intact, 1 a chain broken or an error.
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.ts';
import { openConfiguredDatabase } from '../../db/open-configured.ts';
import { findTenantBySlug } from '../accounts/tenant.repository.ts';
import { verifyAuditChain, type AuditChainBreak, type AuditChainReport } from './audit-verify.ts';

const USAGE = 'usage: npm run audit:verify [-- --tenant <slug>]';

const BREAKS: Record<AuditChainBreak, string> = {
  gap: 'the entry is missing (deleted)',
  'prev-hash-mismatch':
    'it does not follow on from the entry before it (inserted, moved, or the one before rewritten)',
  'hash-mismatch': 'its contents were changed after it was written',
};

const n = (x: number): string => x.toLocaleString('en-GB');

function describe(report: AuditChainReport): string {
  const entries = `${n(report.entries)} ${report.entries === 1 ? 'entry' : 'entries'}`;
  if (report.firstBad !== undefined) {
    const { seq, reason } = report.firstBad;
    return `Tenant ${report.tenantId}: ${entries}, BROKEN at entry ${seq}: ${BREAKS[reason]}.`;
  }
  const head = report.head === undefined ? '' : `; last entry ${report.head.seq}, hash ${report.head.hash}`;
  return `Tenant ${report.tenantId}: ${entries}, chain intact${head}.`;
}

function tenantArgument(): string | undefined {
  try {
    const { values } = parseArgs({ options: { tenant: { type: 'string' } } });
    return values.tenant;
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)} (${USAGE})`, { cause: error });
  }
}

try {
  const slug = tenantArgument();
  const config = loadConfig(process.env);
  const handle = await openConfiguredDatabase(config, { poolSize: 1, minStatementTimeoutMs: 600_000 });
  let broken = false;
  try {
    let tenantId: string | undefined;
    if (slug !== undefined) {
      tenantId = (await findTenantBySlug(handle.db, slug))?.id;
      if (tenantId === undefined) {
        throw new Error(`No tenant "${slug}" in this database`);
      }
    }
    const started = performance.now();
    const { tenants } = await verifyAuditChain(handle.db, tenantId);
    for (const report of tenants) {
      console.log(describe(report));
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const total = tenants.reduce((sum, t) => sum + t.entries, 0);
    broken = tenants.some((t) => !t.ok);
    console.log(
      tenants.length === 0
        ? 'No audit entries to verify (none visible to this database user).'
        : `Checked ${n(total)} audit entries in ${seconds} s: ${broken ? 'TAMPERING OR DAMAGE FOUND' : 'every chain intact'}.`,
    );
  } finally {
    await handle.close();
  }
  process.exitCode = broken ? 1 : 0;
} catch (error) {
  process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
