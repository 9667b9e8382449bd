import { loadConfig } from '../config.ts';
import { openDatabase } from './connect.ts';
import { migrateToLatest } from './migrate.ts';

const config = loadConfig(process.env);
const handle = await openDatabase({
  url: config.migrationDatabaseUrl ?? config.databaseUrl,
  dataDir: config.dataDir,
});
try {
  const ran = await migrateToLatest(handle.db);
  console.log(
    ran.length === 0 ? 'Database is up to date.' : `Applied ${ran.length} migration(s):\n${ran.join('\n')}`,
  );
} finally {
  await handle.close();
}
