import { text } from 'node:stream/consumers';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { ensureTenant } from '../accounts/tenant.repository.ts';
import { AUDIT_CSV_COLUMNS, auditCsv, streamAuditCsv } from './audit-csv.ts';
import type { AuditEntry } from './audit.model.ts';
import { recordAuditBatch, searchAudit, type AuditSearch } from './audit.repository.ts';

const U1 = '7c3e9f10-0000-4000-8000-000000000001';
const U2 = '7c3e9f10-0000-4000-8000-000000000002';
const P1 = 'a1b2c3d4-0000-4000-8000-000000000001';
const P2 = 'a1b2c3d4-0000-4000-8000-000000000002';

const day = (d: number): Date => new Date(`2026-01-0${d}T10:00:00.000Z`);

/** Six entries, seq 1 to 6, one a day from 1 January 2026. */
const ENTRIES: AuditEntry[] = [
  { action: 'read', occurredAt: day(1), actorUserId: U1, subjectType: 'patient', subjectId: P1 },
  { action: 'read', occurredAt: day(2), actorUserId: U1, subjectType: 'patient', subjectId: P2 },
  {
    action: 'update',
    occurredAt: day(3),
    actorUserId: U2,
    subjectType: 'patient',
    subjectId: P1,
    details: { fields: ['phone'] },
  },
  {
    action: 'read',
    outcome: 'denied',
    occurredAt: day(4),
    actorUserId: U2,
    subjectType: 'patient',
    subjectId: P1,
  },
  {
    action: 'signin',
    occurredAt: day(5),
    actorUserId: U1,
    actorName: 'Jones, "Siân"',
    actorOrganisationName: '-Riverside',
    userAgent: '=HYPERLINK("https://example.invalid")',
  },
  { action: 'export', occurredAt: day(6), actorUserId: U2, subjectType: 'audit-log' },
];

describe('searchAudit and the CSV export', () => {
  let t: TestDatabase;
  let tenantId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    tenantId = t.tenant.id;
    await recordAuditBatch(t.db, tenantId, ENTRIES);
    // Another tenant's entries about the same ids must never show.
    const other = await ensureTenant(t.db, 'other-pcn', 'Other PCN');
    await recordAuditBatch(t.db, other.id, ENTRIES);
  });
  afterAll(async () => {
    await t.close();
  });

  async function seqs(search: Omit<AuditSearch, 'limit'>): Promise<number[]> {
    const page = await searchAudit(t.db, tenantId, { ...search, limit: 50 });
    return page.records.map((r) => r.seq);
  }

  test.each<[string, Omit<AuditSearch, 'limit'>, number[]]>([
    ['nothing', {}, [6, 5, 4, 3, 2, 1]],
    ['subject', { subjectType: 'patient', subjectId: P1 }, [4, 3, 1]],
    ['actor', { actorUserId: U1 }, [5, 2, 1]],
    ['action', { action: 'read' }, [4, 2, 1]],
    ['outcome', { outcome: 'denied' }, [4]],
    ['time (from inclusive, to exclusive)', { from: day(2), to: day(4) }, [3, 2]],
    ['subject and actor', { subjectType: 'patient', subjectId: P1, actorUserId: U2 }, [4, 3]],
    ['an unknown subject', { subjectType: 'patient', subjectId: 'nobody' }, []],
  ])('filters by %s, newest first', async (_name, search, expected) => {
    expect(await seqs(search)).toEqual(expected);
  });

  it('pages by seq: each page continues below the last seq of the one before', async () => {
    const first = await searchAudit(t.db, tenantId, { limit: 2 });
    expect(first.records.map((r) => r.seq)).toEqual([6, 5]);
    expect(first.nextBefore).toBe(5);
    const second = await searchAudit(t.db, tenantId, { limit: 2, before: 5 });
    expect(second.records.map((r) => r.seq)).toEqual([4, 3]);
    const last = await searchAudit(t.db, tenantId, { limit: 2, before: 3 });
    expect(last).toMatchObject({ nextBefore: undefined });
    expect(last.records.map((r) => r.seq)).toEqual([2, 1]);
  });

  test.each([0, 1001, 1.5])('refuses a limit of %s', async (limit) => {
    await expect(searchAudit(t.db, tenantId, { limit })).rejects.toThrow(RangeError);
  });

  it('writes CSV with a header row, every column, and formulas defused', async () => {
    const { records } = await searchAudit(t.db, tenantId, { limit: 10 });
    const csv = auditCsv(records);
    expect(csv.startsWith(`\uFEFF${AUDIT_CSV_COLUMNS.join(',')}\n`)).toBe(true);
    const rows = parse<Record<string, string>>(csv, { bom: true, columns: true });
    expect(rows.map((r) => r.seq)).toEqual(['6', '5', '4', '3', '2', '1']);
    expect(rows[2]).toEqual({
      seq: '4',
      occurred_at: '2026-01-04T10:00:00.000Z',
      action: 'read',
      outcome: 'denied',
      actor_user_id: U2,
      actor_name: '',
      actor_role: '',
      actor_organisation_id: '',
      actor_organisation_name: '',
      subject_type: 'patient',
      subject_id: P1,
      subject_label: '',
      purpose: '',
      source_ip: '',
      user_agent: '',
      route: '',
      details: '{}',
      id: records[2]?.id,
      tenant_id: tenantId,
      prev_hash: records[3]?.hash,
      hash: records[2]?.hash,
    });
    expect(rows[1]).toMatchObject({
      actor_name: 'Jones, "Siân"',
      actor_organisation_name: "'-Riverside",
      user_agent: `'=HYPERLINK("https://example.invalid")`,
    });
    expect(rows[3]?.details).toBe('{"fields":["phone"]}');
  });

  it('writes only the header for no entries, and no header when asked not to', () => {
    expect(auditCsv([])).toBe(`\uFEFF${AUDIT_CSV_COLUMNS.join(',')}\n`);
    expect(auditCsv([], { header: false })).toBe('');
  });

  it('streams a large range page by page, newest first, with one header', async () => {
    const big = await ensureTenant(t.db, 'big-pcn', 'Big PCN');
    const entries = Array.from({ length: 2100 }, (_, i): AuditEntry => ({
      action: 'read',
      subjectType: 'patient',
      subjectId: i % 2 === 0 ? P1 : P2,
      details: { i },
    }));
    await recordAuditBatch(t.db, big.id, entries);
    const csv = await text(streamAuditCsv(t.db, big.id, {}));
    expect(csv.match(/\uFEFF/g)).toHaveLength(1);
    expect(csv.split(`${AUDIT_CSV_COLUMNS.join(',')}\n`)).toHaveLength(2);
    const rows = parse<Record<string, string>>(csv, { bom: true, columns: true });
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 2100 }, (_, i) => 2100 - i));
    const filtered = parse<Record<string, string>>(
      await text(streamAuditCsv(t.db, big.id, { subjectType: 'patient', subjectId: P2 })),
      {
        bom: true,
        columns: true,
      },
    );
    expect(filtered).toHaveLength(1050);
    expect(await text(streamAuditCsv(t.db, big.id, { action: 'delete' }))).toBe(
      `\uFEFF${AUDIT_CSV_COLUMNS.join(',')}\n`,
    );
  });
});
