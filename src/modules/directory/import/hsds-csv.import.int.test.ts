import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTenant } from '../../accounts/tenant.repository.ts';
import { countDirectoryRows, snapshotDirectory } from '../../../../test/support/directory-snapshot.ts';
import { ORUK_FIXTURES } from '../../../../test/support/oruk-mock-feed.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-db.ts';
import { importCsvPackage } from './hsds-csv.import.ts';
import { ImportSourceError } from './http-json.ts';

const UK_CSV = new URL('OpenReferralUK+uk-profile/examples/csv/', ORUK_FIXTURES).pathname;
const HSDS_CSV = new URL('openreferral+specification/examples/csv/', ORUK_FIXTURES).pathname;
const SERVICE_ID = 'ac148810-d857-441c-9679-408f346de14b';

/** A copy of a package folder with some files replaced or removed. */
function packageWith(source: string, changes: Record<string, string | null>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hsds-csv-'));
  cpSync(source, dir, { recursive: true });
  for (const [name, content] of Object.entries(changes)) {
    if (content === null) {
      rmSync(join(dir, name));
    } else {
      writeFileSync(join(dir, name), content);
    }
  }
  return dir;
}

describe('HSDS / ORUK tabular (CSV) package import', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.close();
  });

  it('imports the uk-profile example package as one nested service', async () => {
    const tenantId = (await ensureTenant(t.db, 'csv-uk', 'CSV UK')).id;
    const report = await importCsvPackage(t.db, tenantId, UK_CSV);
    expect(report).toMatchObject({ seen: 1, imported: 1, rejected: [], failedBatches: [] });
    expect(report.taxonomies).toEqual({ imported: 2, rejected: [] });
    // attribute.csv links to an id that is in no table of the package.
    expect(report.warnings).toEqual([
      '1 row(s) of attributes belong to no service in the package and were not imported (first: attribute.csv line 2)',
    ]);
    expect(await countDirectoryRows(t.db, tenantId)).toMatchObject({
      service: 1,
      organization: 1,
      organization_identifier: 1,
      location: 1,
      address: 1,
      accessibility: 1,
      service_at_location: 1,
      schedule: 1,
      contact: 1,
      phone: 1,
      language: 1,
      funding: 1,
      cost_option: 1,
      service_area: 1,
    });
    const phone = await t.db
      .selectFrom('phone')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    expect(phone).toMatchObject({
      service_id: SERVICE_ID,
      contact_id: '1e7efce3-639b-4880-940c-b95cd30cdb50',
      number: '"+44 1234 234567"',
    });
    const service = await t.db
      .selectFrom('service')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    expect(service).toMatchObject({
      name: 'Community Counselling',
      minimum_age: '12',
      assured_date: '2005-01-01',
    });
  });

  it('imports the HSDS 3.0 example package, keeping the HSDS-only fields Signpost stores', async () => {
    const tenantId = (await ensureTenant(t.db, 'csv-hsds', 'CSV HSDS')).id;
    const report = await importCsvPackage(t.db, tenantId, HSDS_CSV);
    expect(report).toMatchObject({ seen: 1, imported: 1, rejected: [] });
    const contact = await t.db
      .selectFrom('contact')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    expect(contact).toMatchObject({
      service_id: SERVICE_ID,
      department: 'Reception',
      email: 'email@example.com',
    });
    const language = await t.db
      .selectFrom('language')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    expect(language).toMatchObject({ name: 'Urdu', code: 'ur' });
  });

  it('changes nothing when a package is imported again', async () => {
    const tenantId = (await ensureTenant(t.db, 'csv-uk', 'CSV UK')).id;
    const before = await snapshotDirectory(t.db);
    const report = await importCsvPackage(t.db, tenantId, UK_CSV);
    expect(report).toMatchObject({ imported: 1, changed: 0, unchanged: 1 });
    expect(await snapshotDirectory(t.db)).toEqual(before);
  });

  it('rejects an invalid service row, naming its id, file and line', async () => {
    const tenantId = (await ensureTenant(t.db, 'csv-bad-row', 'CSV bad row')).id;
    const services = readFileSync(join(UK_CSV, 'services.csv'), 'utf8').replace(',active,', ',open,');
    const report = await importCsvPackage(t.db, tenantId, packageWith(UK_CSV, { 'services.csv': services }));
    expect(report.rejected).toEqual([
      {
        ref: `${SERVICE_ID} (services.csv line 2)`,
        issues: [
          { field: 'status', message: 'must be one of active, inactive, defunct, temporarily closed' },
        ],
      },
    ]);
    expect((await countDirectoryRows(t.db, tenantId)).service).toBe(0);
  });

  it.each([
    [
      'an unclosed quote',
      { 'services.csv': 'id,name,status\nac148810-d857-441c-9679-408f346de14b,"Counselling,active\n' },
      /^services\.csv: Quote Not Closed: .* at line 2$/,
    ],
    [
      'a row with too many columns',
      { 'schedules.csv': 'id,service_id,freq\n48102e86-bb50-41c4-8f1e-e269368c41d1,x,WEEKLY,extra\n' },
      /^schedules\.csv: Invalid Record Length: columns length is 3, got 4 on line 2$/,
    ],
    [
      'no id column',
      { 'locations.csv': 'name,location_type\nHall,physical\n' },
      /^locations\.csv: the header row has no "id" column$/,
    ],
    ['no services.csv', { 'services.csv': null }, /services\.csv is missing/],
  ])('refuses a package with %s, naming the file and line', async (_case, changes, message) => {
    const tenantId = (await ensureTenant(t.db, 'csv-malformed', 'CSV malformed')).id;
    const error = await importCsvPackage(t.db, tenantId, packageWith(HSDS_CSV, changes)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportSourceError);
    expect((error as Error).message).toMatch(message);
    expect((await countDirectoryRows(t.db, tenantId)).service).toBe(0);
  });
});
