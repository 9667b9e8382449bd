import { createHash } from 'node:crypto';
import type { AuditJson, AuditRecord } from './audit.model.ts';

// The hash chain's one definition, shared by the writer and the verifier so they cannot drift:
//   hash = hex(SHA-256(UTF-8(prev_hash || canonical JSON of the entry)))
// The canonical JSON is an object whose keys are the audit_event column names in a fixed order, with
// occurred_at as an ISO 8601 UTC string at millisecond precision and details with its keys sorted at
// every depth (jsonb does not keep key order). Anyone can reproduce it from a database dump.

/** prev_hash of each tenant's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditHashInput = Omit<AuditRecord, 'prevHash' | 'hash'>;

/**
 * JSON with object keys sorted (by UTF-16 code unit) at every depth and no whitespace.
 * @param value - a JSON value
 */
export function canonicalJson(value: AuditJson): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const members = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] ?? null)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The text an entry's hash covers (after its predecessor's hash): every column except the two hashes.
 * @param entry - the entry's stored values
 */
export function canonicalAuditJson(entry: AuditHashInput): string {
  const fields: [string, AuditJson][] = [
    ['tenant_id', entry.tenantId],
    ['seq', entry.seq],
    ['id', entry.id],
    ['occurred_at', entry.occurredAt.toISOString()],
    ['actor_user_id', entry.actorUserId],
    ['actor_name', entry.actorName],
    ['actor_role', entry.actorRole],
    ['actor_organisation_id', entry.actorOrganisationId],
    ['actor_organisation_name', entry.actorOrganisationName],
    ['action', entry.action],
    ['outcome', entry.outcome],
    ['subject_type', entry.subjectType],
    ['subject_id', entry.subjectId],
    ['subject_label', entry.subjectLabel],
    ['purpose', entry.purpose],
    ['source_ip', entry.sourceIp],
    ['user_agent', entry.userAgent],
    ['route', entry.route],
    ['details', entry.details],
  ];
  return `{${fields.map(([key, value]) => `${JSON.stringify(key)}:${canonicalJson(value)}`).join(',')}}`;
}

/**
 * The hash of an entry chained to its predecessor's.
 * @param prevHash - the previous entry's hash, or GENESIS_HASH for seq 1
 * @param entry - the entry's stored values
 * @returns 64 lower-case hex digits
 */
export function hashAuditEntry(prevHash: string, entry: AuditHashInput): string {
  return createHash('sha256')
    .update(prevHash + canonicalAuditJson(entry), 'utf8')
    .digest('hex');
}
