import type { Migration } from 'kysely';
import * as createDirectory from './2026_11_21_090000_create_directory.ts';
import * as createGeoAndPractice from './2026_11_21_101500_create_geo_and_practice.ts';
import * as createServiceSearch from './2026_11_21_120000_create_service_search.ts';
import * as addOrukReadIndexes from './2026_11_21_130000_add_oruk_read_indexes.ts';
import * as createDirectoryCount from './2026_11_21_131000_create_directory_count.ts';
import * as addDirectoryCountChanges from './2026_11_21_132000_add_directory_count_changes.ts';
import * as addSearchCells from './2026_11_21_140000_add_search_cells.ts';

/** Every migration, by name; names sort in the order they must run. Add new files here. */
export const migrations: Record<string, Migration> = {
  '2026_11_21_090000_create_directory': createDirectory,
  '2026_11_21_101500_create_geo_and_practice': createGeoAndPractice,
  '2026_11_21_120000_create_service_search': createServiceSearch,
  '2026_11_21_130000_add_oruk_read_indexes': addOrukReadIndexes,
  '2026_11_21_131000_create_directory_count': createDirectoryCount,
  '2026_11_21_132000_add_directory_count_changes': addDirectoryCountChanges,
  '2026_11_21_140000_add_search_cells': addSearchCells,
};
