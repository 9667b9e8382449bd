// npm run seed
//
// Seeds the demo primary care network (six GP practices in north-west Leeds) and its directory of over 300
// community services into TENANT_SLUG's directory, through the directory's own write path. Runs pending
// migrations first. Safe to re-run: ids are deterministic, so nothing is duplicated; dates are relative to
// today, so re-running on a later day refreshes the demo's capacity and review dates. Then adds the demo's
// organisation tree (ICB > PCN > practices, VCSE organisations) and one staff account per role, where missing,
// and, once, the demo caseload: four link workers and about 300 people referred, at every stage, and the
// care navigators' four weeks of navigation history and training.
import { ConfigError, loadConfig, type Config } from '../src/config.ts';
import { openConfiguredDatabase } from '../src/db/open-configured.ts';
import { ensureTenant } from '../src/modules/accounts/tenant.repository.ts';
import { DEMO_PCN_NAME } from '../src/seed/demo-areas.data.ts';
import { ensureDemoAccounts } from '../src/seed/demo-accounts.ts';
import { ensureDemoCasework } from '../src/seed/demo-casework.ts';
import { ensureDemoNavigation } from '../src/seed/demo-navigation.ts';
import { seedDemo } from '../src/seed/demo.ts';

function readConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const handle = await openConfiguredDatabase(config, { poolSize: 2 });
  try {
    const tenant = await ensureTenant(handle.db, config.tenantSlug, DEMO_PCN_NAME);
    const started = performance.now();
    const summary = await seedDemo(handle.db, tenant);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.error(
      `Seeded "${tenant.name}" (${tenant.slug}) in ${seconds} s: ${summary.practices} practices, ` +
        `${summary.organisations} organisations, ${summary.services} services ` +
        `(${summary.changedServices} added or changed), ${summary.postcodesAdded} Leeds postcodes added.`,
    );
    const accounts = await ensureDemoAccounts(handle.db, tenant);
    console.error(
      `Demo accounts: ${accounts.organisationsCreated} organisations and ${accounts.usersCreated} users added ` +
        '(sign in as any of them with the demo password shown on the sign-in page).',
    );
    const caseload = await ensureDemoCasework(handle.db, tenant, {
      publicBaseUrl: config.publicBaseUrl,
      capacityStaleDays: config.capacityStaleDays,
      listingStaleDays: config.listingStaleDays,
      onProgress: (done, total) => {
        console.error(`Demo caseload: ${String(done)} of ${String(total)} referrals...`);
      },
    });
    console.error(
      `Demo caseload: ${String(caseload.referralsCreated)} referrals and ${String(caseload.staffCreated)} staff accounts added ` +
        '(four link workers; linkworker2 to linkworker4@demo.signpost.invalid use the demo password too).',
    );
    const navigation = await ensureDemoNavigation(handle.db, tenant);
    console.error(
      `Demo navigation: ${String(navigation.recordsCreated)} navigation records, ` +
        `${String(navigation.trainingAttemptsCreated)} training attempts and ` +
        `${String(navigation.navigatorsCreated)} care navigators added (navigator3 to navigator5@demo.signpost.invalid).`,
    );
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
