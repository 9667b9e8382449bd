import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrukService } from '../../../test/support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { upsertServiceGraphs, type ImportedService } from './directory.repository.ts';
import type { OrukService } from './oruk/oruk.schema.ts';

// The write path's shortcuts for rows a batch inserts (no stale-child DELETEs, no look-up of services
// using a new organization or location) must not change what is stored.

const CHILD_TABLES = [
  'schedule',
  'service_at_location',
  'phone',
  'contact',
  'cost_option',
  'language',
  'service_area',
  'funding',
  'address',
  'accessibility',
  'organization_identifier',
  'attribute',
] as const;

describe('upsertServiceGraphs with new and existing parents', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase();
    // Records every DELETE statement run on a child table.
    await sql`CREATE TABLE delete_log (table_name text NOT NULL)`.execute(t.db);
    await sql`CREATE FUNCTION log_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO delete_log VALUES (TG_TABLE_NAME); RETURN NULL; END $$`.execute(t.db);
    for (const table of CHILD_TABLES) {
      await sql`CREATE TRIGGER log_delete AFTER DELETE ON ${sql.table(table)}
        FOR EACH STATEMENT EXECUTE FUNCTION log_delete()`.execute(t.db);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  async function upsert(services: OrukService[]): Promise<{ changed: string[]; deletes: string[] }> {
    await sql`DELETE FROM delete_log`.execute(t.db);
    const items: ImportedService[] = services.map((service) => ({ service }));
    const result = await t.db.transaction().execute((trx) => upsertServiceGraphs(trx, t.tenant.id, items));
    const log = await sql<{ table_name: string }>`SELECT DISTINCT table_name FROM delete_log`.execute(t.db);
    return { changed: result.changedServiceIds, deletes: log.rows.map((r) => r.table_name).sort() };
  }

  async function scheduleOwners(ids: string[]): Promise<Record<string, string | null>> {
    const rows = await t.db
      .selectFrom('schedule')
      .select(['id', 'service_id'])
      .where('tenant_id', '=', t.tenant.id)
      .where('id', 'in', ids)
      .execute();
    return Object.fromEntries(rows.map((r) => [r.id, r.service_id]));
  }

  it('runs no DELETE for services, organizations and locations it inserts', async () => {
    const a = buildOrukService();
    const services = [a, buildOrukService(), buildOrukService()];
    const first = await upsert(services);
    expect(first.deletes).toEqual([]);
    expect(new Set(first.changed)).toEqual(new Set(services.map((s) => s.id)));
    // The same services again: now they exist, so their stale children are looked for (none are found;
    // a statement trigger fires all the same).
    const again = await upsert(services);
    expect(again.changed).toEqual([]);
    expect(again.deletes).toEqual(expect.arrayContaining(['address', 'attribute', 'schedule']));
    expect(await upsert([{ ...a, schedules: [] }])).toMatchObject({ changed: [a.id] });
    expect(await scheduleOwners((a.schedules ?? []).map((s) => s.id))).toEqual({});
  });

  it('moves a child row from an existing service to a new one, and deletes what the existing one dropped', async () => {
    const kept = { id: randomUUID(), freq: 'WEEKLY' as const, byday: 'MO' };
    const moving = { id: randomUUID(), freq: 'WEEKLY' as const, byday: 'WE' };
    const dropped = { id: randomUUID(), freq: 'WEEKLY' as const, byday: 'FR' };
    const old = buildOrukService({ schedules: [kept, moving, dropped] });
    await upsert([old]);
    const fresh = buildOrukService({ schedules: [moving] });
    const result = await upsert([{ ...old, schedules: [kept] }, fresh]);
    expect(new Set(result.changed)).toEqual(new Set([old.id, fresh.id]));
    expect(await scheduleOwners([kept.id, moving.id, dropped.id])).toEqual({
      [kept.id]: old.id,
      [moving.id]: fresh.id,
    });
  });

  it('marks every service of a changed shared location, and only the moved service for a new location', async () => {
    const a = buildOrukService();
    const sal = a.service_at_locations?.[0];
    const location = sal?.location;
    if (sal === undefined || location === undefined) {
      throw new Error('no location');
    }
    const b = buildOrukService({ service_at_locations: [{ id: randomUUID(), location }] });
    await upsert([a, b]);
    // Renaming the shared location through `a` marks `b` changed too (its search row shows the location).
    const renamed = { ...sal, location: { ...location, name: 'Renamed Centre' } };
    const result = await upsert([{ ...a, service_at_locations: [renamed] }]);
    expect(new Set(result.changed)).toEqual(new Set([a.id, b.id]));
    // A service moving to a brand-new location: only that service changed.
    const moved = {
      id: randomUUID(),
      location: { ...location, id: randomUUID(), addresses: [], name: 'New Centre' },
    };
    const next = await upsert([{ ...a, service_at_locations: [moved] }]);
    expect(next.changed).toEqual([a.id]);
  });
});
