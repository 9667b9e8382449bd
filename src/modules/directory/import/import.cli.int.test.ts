import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ORUK_FIXTURES, VALIDATOR_MOCKS } from '../../../../test/support/oruk-mock-feed.ts';

// The import CLIs as a user runs them: `npx tsx <cli>` in a child process, against an embedded (PGlite)
// database in a temporary DATA_DIR, or, in the int-postgres project, a fresh PostgreSQL database via
// DATABASE_URL. Asserts exit codes and what reaches stdout/stderr.

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const ORUK_CLI = 'src/modules/directory/import/import-oruk.cli.ts';
const CSV_CLI = 'src/modules/directory/import/import-csv.cli.ts';
const REBUILD_CLI = 'src/modules/directory/search/rebuild-search.cli.ts';
const work = mkdtempSync(join(tmpdir(), 'import-cli-'));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Where a CLI run keeps its data: a PGlite folder, or a clone of the run's PostgreSQL template. */
async function databaseEnv(name: string): Promise<Record<string, string>> {
  if (inject('dbKind') !== 'postgres') {
    return { DATA_DIR: join(work, name), DATABASE_URL: '' };
  }
  const template = inject('postgresTemplate');
  const database = `${template.replace(/_tpl$/, '')}_cli_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database} TEMPLATE ${template}`);
  await admin.end();
  const url = new URL(inject('postgresAdminUrl'));
  url.pathname = `/${database}`;
  return { DATABASE_URL: url.toString() };
}

async function run(cli: string, args: string[], database: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['tsx', cli, ...args],
      {
        cwd: root,
        env: { ...process.env, TENANT_SLUG: 'cli-test', ...database, LOG_LEVEL: 'silent' },
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr: stderr.replace(/^npm warn .*\n/gm, '') });
      },
    );
  });
}

describe('import CLIs (child processes, embedded database)', () => {
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('imports a file (exit 0), and a second run finds it unchanged', { timeout: 240_000 }, async () => {
    const dataDir = await databaseEnv('good');
    const file = new URL('OpenReferralUK+uk-profile/examples/service_full.json', ORUK_FIXTURES).pathname;
    const first = await run(ORUK_CLI, ['--file', file], dataDir);
    expect(first.stderr).toContain('Imported 1 of 1 services (0 rejected)...');
    expect(first.stdout).toContain('Read 1 service: 1 imported (1 new or changed, 0 unchanged), 0 rejected');
    expect(first.code).toBe(0);
    const second = await run(ORUK_CLI, ['--file', file, '--batch-size', '10'], dataDir);
    expect(second.stdout).toContain('1 imported (0 new or changed, 1 unchanged)');
    expect(second.code).toBe(0);
    const rebuild = await run(REBUILD_CLI, [], dataDir);
    expect(rebuild.stdout).toMatch(/^Rebuilt the search index of 1 services in [\d.]+ s\.$/m);
    expect(rebuild.code).toBe(0);
    const unknownTenant = await run(REBUILD_CLI, [], { ...dataDir, TENANT_SLUG: 'no-such-pcn' });
    expect(unknownTenant.stderr.trim()).toBe(
      'Error: No tenant "no-such-pcn" in this database (set TENANT_SLUG)',
    );
    expect(unknownTenant.code).toBe(1);
  });

  it('lists rejected records with every reason and exits 2', { timeout: 120_000 }, async () => {
    const file = new URL(`${VALIDATOR_MOCKS}V3.0-UK-Fail/service_list.json`, ORUK_FIXTURES).pathname;
    const result = await run(ORUK_CLI, ['--file', file], await databaseEnv('fail'));
    expect(result.stdout).toContain('Read 4 services: 0 imported');
    expect(result.stdout).toContain(
      [
        'Rejected e85f5bb0-62f0-42cc-a08a-0c5c16273090:',
        '  - name: is required',
        '  - url: must be a full URI such as https://example.org/page',
        '  - email: must be text',
      ].join('\n'),
    );
    expect(result.code).toBe(2);
  });

  it('stops with a one-line message and exit 1 on a malformed JSON file', { timeout: 120_000 }, async () => {
    const file = join(work, 'broken.json');
    writeFileSync(file, '{"id": "ac148810-d857-441c-9679-408f346de14b", "name": }');
    const result = await run(ORUK_CLI, ['--file', file], await databaseEnv('broken'));
    expect(result.stderr.trim()).toMatch(/^Error: \S*broken\.json is not valid JSON: .+$/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(1);
  });

  it('stops with a one-line message naming the CSV file and line, exit 1', { timeout: 120_000 }, async () => {
    const folder = join(work, 'bad-csv');
    mkdirSync(folder);
    writeFileSync(
      join(folder, 'services.csv'),
      'id,name,status\nac148810-d857-441c-9679-408f346de14b,"Counselling,active\n',
    );
    const result = await run(CSV_CLI, [folder], await databaseEnv('csv-db'));
    expect(result.stderr.trim()).toBe(
      'Error: services.csv: Quote Not Closed: the parsing is finished with an opening quote at line 2',
    );
    expect(result.code).toBe(1);
  });

  it('explains wrong usage without touching the database, exit 1', { timeout: 120_000 }, async () => {
    const result = await run(ORUK_CLI, ['--batch-size', '0', '--file', 'x.json'], await databaseEnv('usage'));
    expect(result.stderr.trim()).toMatch(/^Error: --batch-size must be a whole number greater than 0/);
    expect(result.code).toBe(1);
  });
});
