import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import type { Tenant } from '../accounts/tenant.repository.ts';

/** What the navigation module's routes need from the composition root (src/app.ts). */
export interface NavigationDeps {
  db: Kysely<Database>;
  config: Config;
  tenant: Tenant;
  /** The clock, injectable so tests can fix "now". */
  now?: () => Date;
}
