import { randomBytes } from 'node:crypto';
import { sql, type RawBuilder, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import type { Database } from '../../db/database.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { buildTenant } from '../../../test/support/builders.ts';
import { GENESIS_HASH, hashAuditEntry } from './audit-hash.ts';
import { verifyAuditChain } from './audit-verify.ts';
import type { AuditEntry, AuditRecord } from './audit.model.ts';
import { readAuditChain, recordAudit, recordAuditBatch } from './audit.repository.ts';

// The trail is append-only, so no test can clean up after itself: each one writes to a tenant of its own.

const PATIENT = 'a1b2c3d4-0000-4000-8000-000000000005';

function entry(i: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    action: 'read',
    actorUserId: '7c3e9f10-0000-4000-8000-000000000003',
    actorName: 'Siân Jones',
    actorRole: 'link_worker',
    subjectType: 'patient',
    subjectId: PATIENT,
    subjectLabel: 'Patient record',
    purpose: 'direct-care',
    sourceIp: '192.0.2.10',
    userAgent: 'Mozilla/5.0 😀',
    route: 'GET /app/people/:id',
    details: { i, big: 1e21, small: 1e-7, tenth: 0.1, nested: { z: [true, null], a: 'ü' } },
    ...overrides,
  };
}

describe('audit hash chain', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.close();
  });

  const newTenant = (): Promise<string> => buildTenant(t.db, 'audit');

  async function chain(tenantId: string): Promise<AuditRecord[]> {
    return readAuditChain(t.db, tenantId, 0, 10_000);
  }

  /** Changes history as only the table owner can: with the append-only trigger off, in one transaction. */
  async function tamper(...statements: RawBuilder<unknown>[]): Promise<void> {
    await t.db.transaction().execute(async (trx) => {
      await sql`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`.execute(trx);
      for (const statement of statements) {
        await statement.execute(trx);
      }
      await sql`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`.execute(trx);
    });
  }

  async function firstBad(tenantId: string): Promise<unknown> {
    const { tenants } = await verifyAuditChain(t.db, tenantId, { batchSize: 3 });
    return tenants[0]?.firstBad;
  }

  it('numbers entries 1, 2, 3... and links each to the hash of the one before', async () => {
    const tenantId = await newTenant();
    const written: AuditRecord[] = [];
    for (let i = 0; i < 5; i += 1) {
      written.push(await recordAudit(t.db, tenantId, entry(i)));
    }
    written.push(...(await recordAuditBatch(t.db, tenantId, [entry(5), entry(6), entry(7)])));
    expect(written.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(written.map((r) => r.prevHash)).toEqual([
      GENESIS_HASH,
      ...written.slice(0, -1).map((r) => r.hash),
    ]);
    // Read back, every value is exactly what was hashed (text, JSON numbers, time at milliseconds).
    const stored = await chain(tenantId);
    expect(stored).toEqual(written);
    for (const record of stored) {
      expect(hashAuditEntry(record.prevHash, record)).toBe(record.hash);
    }
    expect(await verifyAuditChain(t.db, tenantId, { batchSize: 3 })).toEqual({
      tenants: [{ tenantId, entries: 8, ok: true, head: { seq: 8, hash: written[7]?.hash } }],
    });
  });

  it('stamps entries with the database clock at millisecond precision, or the time given', async () => {
    const tenantId = await newTenant();
    const before = Date.now();
    const now = await recordAudit(t.db, tenantId, entry(0));
    const given = await recordAudit(
      t.db,
      tenantId,
      entry(1, { occurredAt: new Date('2026-01-02T03:04:05.678Z') }),
    );
    expect(Math.abs(now.occurredAt.getTime() - before)).toBeLessThan(60_000);
    expect(given.occurredAt.toISOString()).toBe('2026-01-02T03:04:05.678Z');
    const { rows } = await sql<{ exact: boolean }>`
      SELECT occurred_at = date_trunc('milliseconds', occurred_at) AS exact
      FROM audit_event WHERE tenant_id = ${tenantId}`.execute(t.db);
    expect(rows).toEqual([{ exact: true }, { exact: true }]);
  });

  it('stores ids given in upper case as PostgreSQL prints them, so the chain still verifies', async () => {
    const tenantId = await newTenant();
    await recordAudit(
      t.db,
      tenantId.toUpperCase(),
      entry(0, { actorUserId: '7C3E9F10-0000-4000-8000-00000000000A' }),
    );
    expect((await verifyAuditChain(t.db, tenantId)).tenants[0]).toMatchObject({ entries: 1, ok: true });
  });

  it('writes nothing when an entry of a batch is invalid', async () => {
    const tenantId = await newTenant();
    await expect(
      recordAuditBatch(t.db, tenantId, [entry(0), entry(1, { actorUserId: 'not-a-uuid' })]),
    ).rejects.toThrow(/actorUserId must be a UUID/);
    expect(await chain(tenantId)).toEqual([]);
  });

  test.each([
    ['UPDATE', sql`UPDATE audit_event SET actor_name = 'Someone else'`],
    ['UPDATE of no row', sql`UPDATE audit_event SET actor_name = 'x' WHERE false`],
    ['DELETE', sql`DELETE FROM audit_event`],
    ['TRUNCATE', sql`TRUNCATE audit_event`],
  ])('the database refuses %s', async (_name, statement) => {
    const tenantId = await newTenant();
    await recordAudit(t.db, tenantId, entry(0));
    await expect(statement.execute(t.db)).rejects.toThrow(
      /audit_event is append-only: (UPDATE|DELETE|TRUNCATE)/,
    );
    expect(await chain(tenantId)).toHaveLength(1);
  });

  it('cannot be changed through Kysely either: a compile-time error, and the trigger at run time', async () => {
    const tenantId = await newTenant();
    await recordAudit(t.db, tenantId, entry(0));
    // @ts-expect-error -- every audit_event column's update type is `never`
    const update = t.db.updateTable('audit_event').set({ actor_name: 'Someone else' });
    await expect(update.execute()).rejects.toThrow(/append-only: UPDATE/);
  });

  it('refuses a TRUNCATE that cascades from the tenant table', async () => {
    await expect(sql`TRUNCATE tenant CASCADE`.execute(t.db)).rejects.toThrow(/append-only: TRUNCATE/);
    expect(await t.db.selectFrom('tenant').select('id').execute()).not.toEqual([]);
  });

  it('works for an application role with only SELECT and INSERT, which cannot turn the trigger off', async () => {
    const tenantId = await newTenant();
    const role = `signpost_audit_${randomBytes(4).toString('hex')}`;
    await sql.raw(`CREATE ROLE ${role} NOLOGIN`).execute(t.db);
    await sql.raw(`GRANT SELECT, INSERT ON audit_event TO ${role}`).execute(t.db);
    const asApp = <T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> =>
      t.db.transaction().execute(async (trx) => {
        await sql.raw(`SET LOCAL ROLE ${role}`).execute(trx);
        await sql`SELECT set_config('signpost.tenant_id', ${tenantId}, true)`.execute(trx);
        return work(trx);
      });
    try {
      expect(await asApp((trx) => recordAudit(trx, tenantId, entry(0)))).toMatchObject({ seq: 1 });
      expect(await asApp((trx) => recordAudit(trx, tenantId, entry(1)))).toMatchObject({ seq: 2 });
      await expect(
        asApp((trx) => sql`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`.execute(trx)),
      ).rejects.toThrow(/must be owner/);
      await expect(asApp((trx) => sql`DELETE FROM audit_event`.execute(trx))).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await sql.raw(`DROP OWNED BY ${role}`).execute(t.db);
      await sql.raw(`DROP ROLE ${role}`).execute(t.db);
    }
    expect((await verifyAuditChain(t.db, tenantId)).tenants[0]).toMatchObject({ entries: 2, ok: true });
  });

  it('reports a changed entry by its seq', async () => {
    const tenantId = await newTenant();
    await recordAuditBatch(t.db, tenantId, [entry(0), entry(1), entry(2), entry(3), entry(4)]);
    await tamper(
      sql`UPDATE audit_event SET actor_name = 'Someone else' WHERE tenant_id = ${tenantId} AND seq = 4`,
    );
    expect(await firstBad(tenantId)).toEqual({ seq: 4, reason: 'hash-mismatch' });
  });

  it('reports a changed time or details, though both survive the round trip otherwise', async () => {
    const tenantId = await newTenant();
    await recordAuditBatch(t.db, tenantId, [entry(0), entry(1), entry(2)]);
    await tamper(sql`UPDATE audit_event SET occurred_at = occurred_at + interval '1 microsecond'
                     WHERE tenant_id = ${tenantId} AND seq = 3`);
    // A microsecond is below the precision hashed: not a change the chain can see, nor one that matters.
    expect(await firstBad(tenantId)).toBeUndefined();
    await tamper(
      sql`UPDATE audit_event SET details = details || '{"i": 99}' WHERE tenant_id = ${tenantId} AND seq = 2`,
    );
    expect(await firstBad(tenantId)).toEqual({ seq: 2, reason: 'hash-mismatch' });
  });

  test.each([
    ['the first', 1],
    ['a middle', 3],
  ])('reports %s entry deleted as a gap at its seq', async (_name, seq) => {
    const tenantId = await newTenant();
    await recordAuditBatch(t.db, tenantId, [entry(0), entry(1), entry(2), entry(3), entry(4)]);
    await tamper(sql`DELETE FROM audit_event WHERE tenant_id = ${tenantId} AND seq = ${seq}`);
    expect(await firstBad(tenantId)).toEqual({ seq, reason: 'gap' });
    const { tenants } = await verifyAuditChain(t.db, tenantId);
    expect(tenants[0]).toMatchObject({ entries: 4, ok: false });
  });

  it('reports an entry rewritten with a fresh hash at the entry after it', async () => {
    const tenantId = await newTenant();
    const [, second] = await recordAuditBatch(t.db, tenantId, [entry(0), entry(1), entry(2), entry(3)]);
    const forged = hashAuditEntry(second.prevHash, { ...second, actorName: 'Someone else' });
    await tamper(sql`UPDATE audit_event SET actor_name = 'Someone else', hash = ${forged}
                     WHERE tenant_id = ${tenantId} AND seq = 2`);
    expect(await firstBad(tenantId)).toEqual({ seq: 3, reason: 'prev-hash-mismatch' });
  });

  it('reports two entries swapped', async () => {
    const tenantId = await newTenant();
    await recordAuditBatch(t.db, tenantId, [entry(0), entry(1), entry(2), entry(3)]);
    const move = (from: number, to: number): RawBuilder<unknown> =>
      sql`UPDATE audit_event SET seq = ${to} WHERE tenant_id = ${tenantId} AND seq = ${from}`;
    await tamper(move(2, 1000), move(3, 2), move(1000, 3));
    expect(await firstBad(tenantId)).toEqual({ seq: 2, reason: 'prev-hash-mismatch' });
  });

  it('leaves no trace of an entry written in a transaction that rolled back', async () => {
    const tenantId = await newTenant();
    await expect(
      t.db.transaction().execute(async (trx) => {
        await recordAudit(trx, tenantId, entry(0, { action: 'update' }));
        throw new Error('the write being audited failed');
      }),
    ).rejects.toThrow('the write being audited failed');
    expect(await chain(tenantId)).toEqual([]);
    const committed = await t.db.transaction().execute((trx) => recordAudit(trx, tenantId, entry(1)));
    expect(committed).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
    expect((await verifyAuditChain(t.db, tenantId)).tenants[0]?.ok).toBe(true);
  });

  it('never forks the chain when many writers append at once', async () => {
    const tenantId = await newTenant();
    const other = await newTenant();
    const writers = Array.from({ length: 24 }, async (_, i) => {
      if (i % 4 === 0) {
        // A writer that holds its transaction open after appending: the others must wait for its commit.
        return t.db.transaction().execute(async (trx) => {
          await recordAudit(trx, tenantId, entry(i));
          await sql`SELECT pg_sleep(0.02)`.execute(trx);
        });
      }
      if (i % 4 === 1) {
        return recordAuditBatch(t.db, tenantId, [entry(i), entry(i + 100)]);
      }
      return recordAudit(t.db, i % 4 === 2 ? tenantId : other, entry(i));
    });
    await Promise.all(writers);
    const seqs = (await chain(tenantId)).map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect((await chain(other)).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    const { tenants } = await verifyAuditChain(t.db);
    expect(tenants.filter((r) => r.tenantId === tenantId || r.tenantId === other)).toEqual([
      expect.objectContaining({ entries: tenantId < other ? 24 : 6, ok: true }),
      expect.objectContaining({ entries: tenantId < other ? 6 : 24, ok: true }),
    ]);
  });

  it('reports a tenant without entries as an intact, empty chain', async () => {
    const tenantId = await newTenant();
    expect(await verifyAuditChain(t.db, tenantId)).toEqual({ tenants: [{ tenantId, entries: 0, ok: true }] });
  });
});
