import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

// The CLI as a user runs it: a child process with its own embedded database in a temporary DATA_DIR.
// The CLI's behaviour does not depend on the test project's database engine, so it runs once, under the
// PGlite project, rather than twice.
const cli = join(import.meta.dirname, 'import-postcodes.cli.ts');
const fixtures = join(import.meta.dirname, '../../../test/fixtures/geo');

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], dataDir: string): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', cli, ...args],
      { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe.runIf(inject('dbKind') === 'pglite')('npm run import:postcodes', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'signpost-import-postcodes-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('explains its usage when given no file', async () => {
    const result = await runCli([], dataDir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Error: give exactly one CSV file');
    expect(result.stderr).toContain('Usage: npm run import:postcodes -- <file.csv>');
  });

  it.each([
    [
      'wrong-header.csv',
      /^Error: .*wrong-header\.csv is missing the postcode, latitude, longitude column\(s\)/,
    ],
    ['missing.csv', /^Error: Cannot read .*missing\.csv: no such file/],
  ])('fails on %s with one clear line and no stack trace', async (file, message) => {
    const result = await runCli([join(fixtures, file)], dataDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('imports a file, reports rejected rows, and rolls back a malformed one', async () => {
    const report = join(dataDir, 'rejected.csv');
    const ok = await runCli([join(fixtures, 'rejected-rows.csv'), '--rejects', report], dataDir);
    expect(ok.stderr).toContain('line 4: postcode, latitude or longitude is empty: LS6 1AE,,-1.56166');
    expect(ok.stderr).toContain('Read 9 rows: 2 added, 0 updated, 0 unchanged, 6 rejected.');
    expect(ok.code).toBe(0);
    const lines = (await readFile(report, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('line,problem,message,row');
    expect(lines).toHaveLength(7);
    expect(lines[6]).toBe(
      '9,OutsideUk,coordinates are outside the UK (or missing: 99.999999),"LS6 1AH,40.7128,-74.0060"',
    );

    const broken = await runCli([join(fixtures, 'malformed-quote.csv')], dataDir);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/Error: .*malformed-quote\.csv is not a valid CSV file: Quote Not Closed/);
    expect(broken.stderr).toContain('Nothing was imported.');
    expect(broken.stderr).not.toMatch(/^\s+at /m);

    const again = await runCli([join(fixtures, 'rejected-rows.csv')], dataDir);
    expect(again.stderr).toContain('Read 9 rows: 0 added, 0 updated, 2 unchanged, 6 rejected.');
  });
});
