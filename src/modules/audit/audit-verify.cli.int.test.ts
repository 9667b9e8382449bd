import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/connect.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { ensureTenant } from '../accounts/tenant.repository.ts';
import { recordAuditBatch } from './audit.repository.ts';

// `npm run audit:verify` as an operator runs it: `npx tsx` in a child process, against an embedded
// (PGlite) database in a temporary DATA_DIR or, in the int-postgres project, a fresh PostgreSQL database.
// The test writes and tampers with the trail in-process between runs (PGlite allows one process at a time).

const root = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = 'src/modules/audit/audit-verify.cli.ts';
const work = mkdtempSync(join(tmpdir(), 'audit-cli-'));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Where the CLI's data lives: a PGlite folder, or a clone of the run's PostgreSQL template. */
async function databaseEnv(name: string): Promise<Record<string, string>> {
  if (inject('dbKind') !== 'postgres') {
    return { DATA_DIR: join(work, name), DATABASE_URL: '' };
  }
  const template = inject('postgresTemplate');
  const database = `${template.replace(/_tpl$/, '')}_audit_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database} TEMPLATE ${template}`);
  await admin.end();
  const url = new URL(inject('postgresAdminUrl'));
  url.pathname = `/${database}`;
  return { DATABASE_URL: url.toString() };
}

/** Opens the CLI's database in this process, runs `work` and closes it again. */
async function withDatabase<T>(
  env: Record<string, string>,
  work: (h: DatabaseHandle) => Promise<T>,
): Promise<T> {
  // A PGlite run has DATA_DIR and an empty DATABASE_URL; a PostgreSQL run has only DATABASE_URL.
  const handle = await openDatabase(
    env.DATABASE_URL === '' ? { dataDir: env.DATA_DIR } : { url: env.DATABASE_URL },
  );
  try {
    await migrateToLatest(handle.db);
    return await work(handle);
  } finally {
    await handle.close();
  }
}

async function run(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['tsx', CLI, ...args],
      { cwd: root, env: { ...process.env, ...env, LOG_LEVEL: 'silent' }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr: stderr.replace(/^npm warn .*\n/gm, '') });
      },
    );
  });
}

describe('npm run audit:verify (child process)', () => {
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it(
    'exits 0 on an intact trail, then 1 naming the entry changed behind its back',
    { timeout: 240_000 },
    async () => {
      const env = await databaseEnv('trail');
      const { tenantId, head } = await withDatabase(env, async ({ db }) => {
        const tenant = await ensureTenant(db, 'audit-cli', 'Audit CLI PCN');
        const records = await recordAuditBatch(db, tenant.id, [
          { action: 'signin', actorName: 'Siân Jones' },
          { action: 'read', subjectType: 'patient', subjectId: 'a1b2' },
          { action: 'signout' },
        ]);
        return { tenantId: tenant.id, head: records[2]?.hash };
      });

      const intact = await run([], env);
      expect(intact.stderr).toBe('');
      expect(intact.stdout).toContain(
        `Tenant ${tenantId}: 3 entries, chain intact; last entry 3, hash ${head}.\n`,
      );
      expect(intact.stdout).toMatch(/^Checked 3 audit entries in [\d.]+ s: every chain intact\.$/m);
      expect(intact.stdout).not.toContain('Siân');
      expect(intact.code).toBe(0);

      await withDatabase(env, async ({ db }) => {
        await db.transaction().execute(async (trx) => {
          await sql`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`.execute(trx);
          await sql`UPDATE audit_event SET subject_id = 'z9y8' WHERE tenant_id = ${tenantId} AND seq = 2`.execute(
            trx,
          );
          await sql`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`.execute(trx);
        });
      });
      const broken = await run(['--tenant', 'audit-cli'], env);
      expect(broken.stdout).toContain(
        `Tenant ${tenantId}: 3 entries, BROKEN at entry 2: its contents were changed after it was written.\n`,
      );
      expect(broken.stdout).toMatch(/^Checked 3 audit entries in [\d.]+ s: TAMPERING OR DAMAGE FOUND\.$/m);
      expect(broken.code).toBe(1);
    },
  );

  it('says so when there is nothing to verify (exit 0)', { timeout: 120_000 }, async () => {
    const result = await run([], await databaseEnv('empty'));
    expect(result.stdout.trim()).toBe('No audit entries to verify (none visible to this database user).');
    expect(result.code).toBe(0);
  });

  it('exits 1 with one line for an unknown tenant or option', { timeout: 240_000 }, async () => {
    const env = await databaseEnv('usage');
    const unknownTenant = await run(['--tenant', 'no-such-pcn'], env);
    expect(unknownTenant.stderr.trim()).toBe('Error: No tenant "no-such-pcn" in this database');
    expect(unknownTenant.code).toBe(1);
    const unknownOption = await run(['--fix'], env);
    expect(unknownOption.stderr.trim()).toMatch(
      /^Error: Unknown option '--fix'.*\(usage: npm run audit:verify \[-- --tenant <slug>\]\)$/,
    );
    expect(unknownOption.code).toBe(1);
  });
});
