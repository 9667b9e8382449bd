import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { countPostcodes } from './geo.repository.ts';
import { resolvePostcode } from './geo.service.ts';
import { LEEDS_SAMPLE_FILE } from './postcode-reference.service.ts';
import {
  importPostcodeFile,
  PostcodeFileError,
  type RejectedPostcodeRow,
} from './postcode-import.service.ts';

const fixtures = join(import.meta.dirname, '../../../test/fixtures/geo');

async function fileErrorOf(attempt: Promise<unknown>): Promise<PostcodeFileError> {
  const error: unknown = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PostcodeFileError);
  return error as PostcodeFileError;
}

describe('importPostcodeFile', () => {
  let testDb: TestDatabase;

  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  beforeEach(async () => {
    await testDb.db.deleteFrom('postcode').execute();
  });
  afterAll(async () => {
    await testDb.close();
  });

  it('imports every Leeds postcode in the sample, and a second run changes nothing', async () => {
    const progress: number[] = [];
    const first = await importPostcodeFile(testDb.db, LEEDS_SAMPLE_FILE, {
      onProgress: ({ rowsRead }) => progress.push(rowsRead),
    });
    expect(first).toEqual({ rowsRead: 22033, inserted: 22033, updated: 0, unchanged: 0, rejected: 0 });
    expect(progress.at(-1)).toBe(22033);
    expect(progress.length).toBeGreaterThan(4);
    expect(await countPostcodes(testDb.db, 'postcodes_sample_LS.csv')).toBe(22033);
    const row = await testDb.db
      .selectFrom('postcode')
      .select(['postcode', 'latitude', 'longitude'])
      .where('postcode', '=', 'LS6 1AN')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ postcode: 'LS6 1AN', latitude: 53.80781, longitude: -1.56074 });
    expect(await resolvePostcode(testDb.db, 'ls61an')).toMatchObject({
      ok: true,
      value: { precision: 'postcode' },
    });

    const second = await importPostcodeFile(testDb.db, LEEDS_SAMPLE_FILE);
    expect(second).toEqual({ rowsRead: 22033, inserted: 0, updated: 0, unchanged: 22033, rejected: 0 });
  });

  it('reads an ONS NSPL extract, rejecting a terminated postcode without coordinates', async () => {
    const rejects: RejectedPostcodeRow[] = [];
    const summary = await importPostcodeFile(testDb.db, join(fixtures, 'nspl-extract.csv'), {
      source: 'NSPL test',
      onReject: (r) => rejects.push(r),
    });
    expect(summary).toEqual({ rowsRead: 5, inserted: 4, updated: 0, unchanged: 0, rejected: 1 });
    expect(rejects).toEqual([expect.objectContaining({ line: 6, problem: 'OutsideUk' })]);
    expect(await countPostcodes(testDb.db, 'NSPL test')).toBe(4);
  });

  it('reports each rejected row with its line', async () => {
    await importPostcodeFile(testDb.db, join(fixtures, 'nspl-extract.csv'));
    const rejects: RejectedPostcodeRow[] = [];
    const summary = await importPostcodeFile(testDb.db, join(fixtures, 'rejected-rows.csv'), {
      onReject: (r) => rejects.push(r),
    });
    expect(summary).toEqual({ rowsRead: 9, inserted: 2, updated: 0, unchanged: 0, rejected: 6 });
    expect(rejects.map((r) => [r.line, r.problem])).toEqual([
      [4, 'MissingValue'],
      [5, 'InvalidPostcode'],
      [6, 'InvalidPostcode'],
      [7, 'InvalidCoordinates'],
      [8, 'InvalidCoordinates'],
      [9, 'OutsideUk'],
    ]);
    expect(rejects[0]?.value).toBe('LS6 1AE,,-1.56166');
  });

  it('updates only the postcodes whose coordinates changed', async () => {
    await importPostcodeFile(testDb.db, join(fixtures, 'nspl-extract.csv'));
    const dir = await mkdtemp(join(tmpdir(), 'signpost-postcodes-'));
    const file = join(dir, 'moved.csv');
    await writeFile(file, 'postcode,lat,lon\nLS1 4DA,53.79000,-1.54000\nLS1 4DY,53.79515,-1.54666\n');
    const summary = await importPostcodeFile(testDb.db, file);
    await rm(dir, { recursive: true });
    expect(summary).toEqual({ rowsRead: 2, inserted: 0, updated: 1, unchanged: 1, rejected: 0 });
    const rows = await testDb.db
      .selectFrom('postcode')
      .select(['postcode', 'latitude', 'source'])
      .orderBy('postcode')
      .execute();
    expect(rows.slice(0, 2)).toEqual([
      { postcode: 'LS1 4DA', latitude: 53.79, source: 'moved.csv' },
      { postcode: 'LS1 4DY', latitude: 53.79515, source: 'nspl-extract.csv' },
    ]);
  });

  it('rolls back everything when the CSV breaks after the first batch', async () => {
    await importPostcodeFile(testDb.db, join(fixtures, 'nspl-extract.csv'));
    const progress: number[] = [];
    const attempt = importPostcodeFile(testDb.db, join(fixtures, 'malformed-quote.csv'), {
      batchSize: 1000,
      onProgress: ({ rowsRead }) => progress.push(rowsRead),
    });
    const error = await fileErrorOf(attempt);
    expect(error.code).toBe('MalformedCsv');
    expect(error.message).toMatch(
      /malformed-quote\.csv is not a valid CSV file: .*Quote Not Closed.*line 3003/,
    );
    // The parser's back-pressure keeps it a few rows ahead of the importer, so batches were written inside
    // the transaction before the error surfaced.
    expect(progress.slice(0, 2)).toEqual([1000, 2000]);
    expect(await countPostcodes(testDb.db)).toBe(4);
  });

  it.each([
    ['wrong-header.csv', 'MissingColumns', /is missing the postcode, latitude, longitude column\(s\)/],
    ['no-such-file.csv', 'FileNotReadable', /Cannot read .*no-such-file\.csv: no such file/],
  ])('refuses %s with a clear message', async (file, code, message) => {
    const error = await fileErrorOf(importPostcodeFile(testDb.db, join(fixtures, file)));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(await countPostcodes(testDb.db)).toBe(0);
  });
});
