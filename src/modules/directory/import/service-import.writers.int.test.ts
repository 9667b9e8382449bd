import { sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildOrukService, buildTenant } from '../../../../test/support/builders.ts';
import { countDirectoryRows } from '../../../../test/support/directory-snapshot.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-db.ts';
import type { Database } from '../../../db/database.ts';
import { countInSlot, upsertServiceGraphs } from '../directory.repository.ts';
import { readListVersion } from '../oruk/oruk-list-pages.repository.ts';
import { importServices } from './service-import.service.ts';

// Two writers: batches written at the same time on two connections (PostgreSQL; on PGlite the second
// transaction waits for the one connection, so the same tests pin the same results there). What must hold:
// the report in feed order, the later copy in the feed winning, references to rows a batch still being
// written creates, and exact totals; and the counter rows that let two writers not wait for each other.

describe('importServices with two writers', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.close();
  });

  const newTenant = (): Promise<string> => buildTenant(t.db, 'writers');

  it('keeps the report in feed order and stores every valid record', async () => {
    const tenantId = await newTenant();
    const records: unknown[] = Array.from({ length: 30 }, () => buildOrukService());
    records.splice(7, 0, { id: 'not-a-uuid', name: 'Bad' });
    records.splice(19, 0, { ...buildOrukService(), name: undefined });
    const report = await importServices(t.db, tenantId, records, { batchSize: 3, writers: 2 });
    expect(report.rejected.map((r) => r.ref)).toEqual(['not-a-uuid', (records[19] as { id: string }).id]);
    expect(report).toMatchObject({ seen: 32, imported: 30, changed: 30, failedBatches: [] });
    const counts = await countDirectoryRows(t.db, tenantId);
    expect(counts.service).toBe(30);
    const listed = await readListVersion(t.db, tenantId, 'service');
    expect(listed.total).toBe(30);
    expect((await readListVersion(t.db, tenantId, 'service_at_location')).total).toBe(
      counts.service_at_location,
    );
  });

  it('lets the later copy of a service or organization win, and waits for rows a reference needs', async () => {
    const tenantId = await newTenant();
    const shared = buildOrukService();
    const organization = shared.organization;
    if (organization === undefined) {
      throw new Error('the builder nests an organization');
    }
    const byReference = { ...buildOrukService(), organization: undefined, organization_id: organization.id };
    const renamedOrganization = {
      ...buildOrukService(),
      organization: { ...organization, name: 'Renamed in a later batch' },
      organization_id: organization.id,
    };
    const records = [
      buildOrukService(),
      buildOrukService(),
      shared, // batch 2 creates the organization...
      byReference, // ...batch 3 refers to it by id only
      { ...shared, name: 'Renamed later' }, // batch 3 again: the same service
      renamedOrganization, // batch 4: the same organization, changed
    ];
    const report = await importServices(t.db, tenantId, records, { batchSize: 2, writers: 2 });
    expect(report).toMatchObject({ imported: 6, rejected: [], failedBatches: [] });
    const service = await t.db
      .selectFrom('service')
      .select('name')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', shared.id)
      .executeTakeFirstOrThrow();
    expect(service.name).toBe('Renamed later');
    const stored = await t.db
      .selectFrom('organization')
      .select('name')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', organization.id)
      .executeTakeFirstOrThrow();
    expect(stored.name).toBe('Renamed in a later batch');
  });

  it('imports the same feed again without changing anything', async () => {
    const tenantId = await newTenant();
    const records = Array.from({ length: 12 }, () => buildOrukService());
    await importServices(t.db, tenantId, records, { batchSize: 2, writers: 2 });
    const before = await readListVersion(t.db, tenantId, 'service');
    const again = await importServices(t.db, tenantId, records, { batchSize: 2, writers: 2 });
    expect(again).toMatchObject({ imported: 12, changed: 0, unchanged: 12 });
    expect(await readListVersion(t.db, tenantId, 'service')).toEqual(before);
  });

  it.runIf(inject('dbKind') === 'postgres')(
    'writes services that meet nothing being written at once, and holds back the rest',
    async () => {
      const tenantId = await newTenant();
      const lockedOrganization = buildOrukService();
      await importServices(t.db, tenantId, [lockedOrganization]);
      const locked = lockedOrganization.organization;
      const x = buildOrukService();
      if (locked === undefined || x.organization === undefined) {
        throw new Error('the builder nests an organization');
      }
      const sharesX = {
        ...buildOrukService(),
        organization_id: x.organization.id,
        organization: x.organization,
      };
      const free = buildOrukService();
      const stored = async (id: string): Promise<boolean> =>
        (await t.db
          .selectFrom('service')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('id', '=', id)
          .executeTakeFirst()) !== undefined;
      let freeStoredWhileBlocked = false;
      let heldBackWhileBlocked = false;
      let reported!: () => void;
      const firstReported = new Promise<void>((resolve) => {
        reported = resolve;
      });
      const release = await lockRow(tenantId, locked.id);
      async function* feed(): AsyncGenerator {
        yield* [buildOrukService(), buildOrukService()]; // batch 1, written alone...
        await firstReported; // ...so the next two batches are written at the same time
        // Batch 2 renames the locked organization, so it waits for the lock; it also creates organization X.
        yield* [
          {
            ...buildOrukService(),
            organization_id: locked?.id,
            organization: { ...locked, name: 'Renamed' },
          },
          x,
        ];
        yield* [sharesX, free]; // batch 3: `sharesX` needs X, which batch 2 writes; `free` needs nothing
        for (let tries = 0; tries < 100 && !freeStoredWhileBlocked; tries++) {
          freeStoredWhileBlocked = await stored(free.id);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        heldBackWhileBlocked = !(await stored(sharesX.id));
        await release();
        yield* [buildOrukService(), buildOrukService()];
      }
      const report = await importServices(t.db, tenantId, feed(), {
        batchSize: 2,
        writers: 2,
        onProgress: reported,
      });
      expect({ freeStoredWhileBlocked, heldBackWhileBlocked }).toEqual({
        freeStoredWhileBlocked: true,
        heldBackWhileBlocked: true,
      });
      expect(report).toMatchObject({ seen: 8, imported: 8, changed: 8, rejected: [], failedBatches: [] });
      expect(await stored(sharesX.id)).toBe(true);
      expect((await readListVersion(t.db, tenantId, 'service')).total).toBe(9);
    },
  );

  /** Runs `step` in a transaction, then holds the transaction open until the returned function is called. */
  async function holdOpen(step: (trx: Transaction<Database>) => Promise<void>): Promise<() => Promise<void>> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let stepped!: () => void;
    const isHeld = new Promise<void>((resolve) => {
      stepped = resolve;
    });
    const done = t.db.transaction().execute(async (trx) => {
      await step(trx);
      stepped();
      await held;
    });
    await isHeld;
    return async () => {
      release();
      await done;
    };
  }

  /** Locks an organization row until the returned function is called. */
  const lockRow = (tenantId: string, organizationId: string): Promise<() => Promise<void>> =>
    holdOpen(async (trx) => {
      const { rows } = await sql`
        SELECT 1 FROM organization WHERE tenant_id = ${tenantId} AND id = ${organizationId} FOR UPDATE
      `.execute(trx);
      expect(rows).toHaveLength(1);
    });

  it.runIf(inject('dbKind') === 'postgres')(
    'counts two transactions in different slots without one waiting for the other',
    async () => {
      const tenantId = await newTenant();
      // Holds a transaction open after it inserted a service in `slot`, until released.
      const insertAndHold = (slot: number): Promise<() => Promise<void>> =>
        holdOpen(async (trx) => {
          await countInSlot(trx, slot);
          await upsertServiceGraphs(trx, tenantId, [{ service: buildOrukService() }]);
        });
      const insertIn = (slot: number): Promise<unknown> =>
        t.db.transaction().execute(async (trx) => {
          await countInSlot(trx, slot);
          await sql`SET LOCAL lock_timeout = '300ms'`.execute(trx);
          await upsertServiceGraphs(trx, tenantId, [{ service: buildOrukService() }]);
        });

      const releaseFirst = await insertAndHold(0);
      try {
        await insertIn(1); // another slot: no wait
        await expect(insertIn(0)).rejects.toThrow(/lock timeout/); // the same slot waits for the counter row
      } finally {
        await releaseFirst();
      }
      const counted = await t.db
        .selectFrom('directory_count')
        .select(['slot', 'n'])
        .where('tenant_id', '=', tenantId)
        .where('entity', '=', 'service')
        .orderBy('slot')
        .execute();
      expect(counted.map((r) => [r.slot, r.n])).toEqual([
        [0, 1],
        [1, 1],
      ]);
      expect((await readListVersion(t.db, tenantId, 'service')).total).toBe(2);
    },
  );
});
