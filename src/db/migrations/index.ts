import type { Migration } from 'kysely';
import * as createDirectory from './2026_11_21_090000_create_directory.ts';
import * as createGeoAndPractice from './2026_11_21_101500_create_geo_and_practice.ts';
import * as createServiceSearch from './2026_11_21_120000_create_service_search.ts';
import * as addOrukReadIndexes from './2026_11_21_130000_add_oruk_read_indexes.ts';
import * as createDirectoryCount from './2026_11_21_131000_create_directory_count.ts';
import * as addDirectoryCountChanges from './2026_11_21_132000_add_directory_count_changes.ts';
import * as addSearchCells from './2026_11_21_140000_add_search_cells.ts';
import * as createAccounts from './2026_11_22_100000_create_accounts.ts';
import * as createAudit from './2026_11_22_110000_create_audit.ts';
import * as createNotifyOutbox from './2026_11_22_120000_create_notify_outbox.ts';
import * as enableRowLevelSecurity from './2026_11_22_130000_enable_row_level_security.ts';
import * as fixSessionRoleSetNull from './2026_11_22_160000_fix_session_role_set_null.ts';
import * as createPeopleReferralsCasework from './2026_11_22_200000_create_people_referrals_casework.ts';
import * as addReferralTriageQueueIndex from './2026_11_22_210000_add_referral_triage_queue_index.ts';
import * as addCaseworkIndexes from './2026_11_22_220000_add_casework_indexes.ts';
import * as allowUnknownSnomedIds from './2026_11_22_221000_allow_unknown_snomed_ids.ts';
import * as createNavigation from './2026_11_23_100000_create_navigation.ts';
import * as createNavigatorTraining from './2026_11_23_120000_create_navigator_training.ts';
import * as linkTasksToNavigations from './2026_11_23_300000_link_tasks_to_navigations.ts';
import * as slotDirectoryCount from './2026_11_24_100000_slot_directory_count.ts';

/** Every migration, by name; names sort in the order they must run. Add new files here. */
export const migrations: Record<string, Migration> = {
  '2026_11_21_090000_create_directory': createDirectory,
  '2026_11_21_101500_create_geo_and_practice': createGeoAndPractice,
  '2026_11_21_120000_create_service_search': createServiceSearch,
  '2026_11_21_130000_add_oruk_read_indexes': addOrukReadIndexes,
  '2026_11_21_131000_create_directory_count': createDirectoryCount,
  '2026_11_21_132000_add_directory_count_changes': addDirectoryCountChanges,
  '2026_11_21_140000_add_search_cells': addSearchCells,
  '2026_11_22_100000_create_accounts': createAccounts,
  '2026_11_22_110000_create_audit': createAudit,
  '2026_11_22_120000_create_notify_outbox': createNotifyOutbox,
  '2026_11_22_130000_enable_row_level_security': enableRowLevelSecurity,
  '2026_11_22_160000_fix_session_role_set_null': fixSessionRoleSetNull,
  '2026_11_22_200000_create_people_referrals_casework': createPeopleReferralsCasework,
  '2026_11_22_210000_add_referral_triage_queue_index': addReferralTriageQueueIndex,
  '2026_11_22_220000_add_casework_indexes': addCaseworkIndexes,
  '2026_11_22_221000_allow_unknown_snomed_ids': allowUnknownSnomedIds,
  '2026_11_23_100000_create_navigation': createNavigation,
  '2026_11_23_120000_create_navigator_training': createNavigatorTraining,
  '2026_11_23_300000_link_tasks_to_navigations': linkTasksToNavigations,
  '2026_11_24_100000_slot_directory_count': slotDirectoryCount,
};
