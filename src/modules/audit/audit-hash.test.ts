import { describe, expect, it, test } from 'vitest';
import {
  canonicalAuditJson,
  canonicalJson,
  GENESIS_HASH,
  hashAuditEntry,
  type AuditHashInput,
} from './audit-hash.ts';

const entry = {
  tenantId: '6f1c2b1e-0000-4000-8000-000000000001',
  seq: 1,
  id: '0b9d6a8e-0000-4000-8000-000000000002',
  occurredAt: new Date('2026-11-22T10:15:30.123Z'),
  actorUserId: '7c3e9f10-0000-4000-8000-000000000003',
  actorName: 'Siân Jones',
  actorRole: 'link_worker',
  actorOrganisationId: null,
  actorOrganisationName: null,
  action: 'read',
  outcome: 'success',
  subjectType: 'patient',
  subjectId: 'a1b2',
  subjectLabel: 'Patient record',
  purpose: 'direct-care',
  sourceIp: '192.0.2.10',
  userAgent: 'Mozilla/5.0',
  route: 'GET /app/people/:id',
  details: { z: [2, 1], a: { y: true, b: null } },
} satisfies AuditHashInput;

describe('canonicalJson', () => {
  it('sorts object keys at every depth, keeps array order and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"e":2,"f":1}]},"b":1}',
    );
  });

  it('gives the same text for objects whose keys were added in a different order', () => {
    expect(canonicalJson({ a: 1, b: [true, null] })).toBe(canonicalJson({ b: [true, null], a: 1 }));
  });

  it('escapes strings as JSON does and keeps non-ASCII characters', () => {
    expect(canonicalJson({ 'k"': 'line\nSiân 😀' })).toBe('{"k\\"":"line\\nSiân 😀"}');
  });
});

describe('canonicalAuditJson', () => {
  it('lists every column but the hashes, in column order, with occurred_at in ISO milliseconds', () => {
    const text = canonicalAuditJson(entry);
    expect(Object.keys(JSON.parse(text) as object)).toEqual([
      'tenant_id',
      'seq',
      'id',
      'occurred_at',
      'actor_user_id',
      'actor_name',
      'actor_role',
      'actor_organisation_id',
      'actor_organisation_name',
      'action',
      'outcome',
      'subject_type',
      'subject_id',
      'subject_label',
      'purpose',
      'source_ip',
      'user_agent',
      'route',
      'details',
    ]);
    expect(text).toContain('"occurred_at":"2026-11-22T10:15:30.123Z"');
    expect(text).toContain('"actor_organisation_id":null');
    expect(text).toContain('"details":{"a":{"b":null,"y":true},"z":[2,1]}');
  });
});

describe('hashAuditEntry', () => {
  it('is SHA-256 of the previous hash followed by the canonical JSON (pinned: the format must not drift)', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    // Computed independently: printf '%s%s' "$GENESIS" "$CANONICAL" | sha256sum
    expect(hashAuditEntry(GENESIS_HASH, entry)).toBe(
      'b785f773673e295c0389e1cee40bc58b16b5e4ffbbdb2600fc6c9bcaf944fadd',
    );
  });

  it('depends on the previous hash', () => {
    expect(hashAuditEntry('f'.repeat(64), entry)).not.toBe(hashAuditEntry(GENESIS_HASH, entry));
  });

  const changes: [string, Partial<AuditHashInput>][] = [
    ['tenantId', { tenantId: '6f1c2b1e-0000-4000-8000-000000000009' }],
    ['seq', { seq: 2 }],
    ['id', { id: '0b9d6a8e-0000-4000-8000-000000000009' }],
    ['occurredAt (one millisecond)', { occurredAt: new Date('2026-11-22T10:15:30.124Z') }],
    ['actorUserId', { actorUserId: null }],
    ['actorName', { actorName: 'Sian Jones' }],
    ['actorRole', { actorRole: 'tenant_admin' }],
    ['actorOrganisationId', { actorOrganisationId: '1d2e3f40-0000-4000-8000-000000000004' }],
    ['actorOrganisationName', { actorOrganisationName: 'Riverside PCN' }],
    ['action', { action: 'update' }],
    ['outcome', { outcome: 'denied' }],
    ['subjectType', { subjectType: 'referral' }],
    ['subjectId', { subjectId: 'a1b3' }],
    ['subjectLabel', { subjectLabel: null }],
    ['purpose', { purpose: null }],
    ['sourceIp', { sourceIp: '192.0.2.11' }],
    ['userAgent', { userAgent: 'curl/8' }],
    ['route', { route: 'GET /app/people' }],
    ['details', { details: { z: [1, 2], a: { y: true, b: null } } }],
    ['a null becoming an empty string', { purpose: '' }],
  ];
  test.each(changes)('changes when %s changes', (_name, change) => {
    expect(hashAuditEntry(GENESIS_HASH, { ...entry, ...change })).not.toBe(
      hashAuditEntry(GENESIS_HASH, entry),
    );
  });

  it('ignores the order in which details keys were written', () => {
    const reordered = { ...entry, details: { a: { b: null, y: true }, z: [2, 1] } };
    expect(hashAuditEntry(GENESIS_HASH, reordered)).toBe(hashAuditEntry(GENESIS_HASH, entry));
  });
});
