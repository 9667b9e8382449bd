// What an audit entry holds, and the one function that turns a caller's entry into the exact values that
// are hashed and stored. Everything here is pure: the repository adds seq, id, time and hashes.

export const AUDIT_ACTIONS = [
  'read',
  'create',
  'update',
  'delete',
  'search',
  'export',
  'signin',
  'signin-failed',
  'signout',
  'permission-change',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** What kind of record an entry is about. Add a kind here (and to the FHIR mapping) as modules land. */
export const AUDIT_SUBJECT_TYPES = [
  'patient',
  'user',
  'organisation',
  'referral',
  'audit-log',
  'navigation-protocol',
] as const;
export type AuditSubjectType = (typeof AUDIT_SUBJECT_TYPES)[number];

export type AuditJson = string | number | boolean | null | AuditJson[] | { [key: string]: AuditJson };
/** Small structured facts (ids, counts, changed field names): never request bodies or free text. */
export type AuditDetails = Record<string, AuditJson>;

/** What a caller records. Omitted fields are stored as null; outcome defaults to 'success'. */
export interface AuditEntry {
  action: AuditAction;
  outcome?: AuditOutcome;
  /** When it happened; defaults to the database clock when the entry is written. */
  occurredAt?: Date;
  actorUserId?: string | null;
  actorName?: string | null;
  actorRole?: string | null;
  actorOrganisationId?: string | null;
  actorOrganisationName?: string | null;
  subjectType?: AuditSubjectType | null;
  /** The record's id (e.g. a patient id), never a name or NHS number typed as free text. */
  subjectId?: string | null;
  /** A short, fixed label chosen by code (e.g. "Patient record"), not user-entered text. */
  subjectLabel?: string | null;
  /** Why (e.g. "direct-care"): Caldicott principle 1. */
  purpose?: string | null;
  sourceIp?: string | null;
  userAgent?: string | null;
  /** The route pattern, not the URL: 'GET /app/people/:id' (a URL may carry a query with personal data). */
  route?: string | null;
  details?: AuditDetails;
}

/** The entry's stored values before the chain fields (seq, id, occurredAt, hashes) are added. */
export interface NormalizedAuditEntry {
  occurredAt: Date | null;
  actorUserId: string | null;
  actorName: string | null;
  actorRole: string | null;
  actorOrganisationId: string | null;
  actorOrganisationName: string | null;
  action: string;
  outcome: string;
  subjectType: string | null;
  subjectId: string | null;
  subjectLabel: string | null;
  purpose: string | null;
  sourceIp: string | null;
  userAgent: string | null;
  route: string | null;
  details: AuditDetails;
}

/**
 * One stored audit entry. Read back from the database, so action, outcome and subject type are plain
 * strings: rows written by an older or newer version keep their values.
 */
export interface AuditRecord extends Omit<NormalizedAuditEntry, 'occurredAt'> {
  tenantId: string;
  seq: number;
  id: string;
  occurredAt: Date;
  prevHash: string;
  hash: string;
}

/** Text limits, equal to the CHECK constraints of the migration. */
const MAX_LENGTH = {
  actorName: 200,
  actorRole: 100,
  actorOrganisationName: 200,
  subjectId: 200,
  subjectLabel: 200,
  purpose: 200,
  sourceIp: 64,
  userAgent: 512,
  route: 300,
} as const;

export const MAX_DETAILS_CHARS = 4096;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Makes a string storable exactly as hashed: PostgreSQL text cannot hold NUL, and a lone UTF-16
 * surrogate would be re-encoded on the way in, so the row read back would not match its hash.
 */
export function storableText(value: string): string {
  return value.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD');
}

function text(value: string | null | undefined, max: number): string | null {
  if (value === undefined || value === null) {
    return null;
  }
  const chars = Array.from(storableText(value));
  // Cut by code point, as PostgreSQL's length() counts, so a pair is never split.
  return chars.length > max ? chars.slice(0, max).join('') : chars.join('');
}

function uuid(value: string | null | undefined, field: string): string | null {
  if (value === undefined || value === null) {
    return null;
  }
  if (!UUID.test(value)) {
    throw new Error(`Audit entry ${field} must be a UUID`);
  }
  return value.toLowerCase();
}

function storableJson(value: AuditJson): AuditJson {
  if (typeof value === 'string') {
    return storableText(value);
  }
  if (Array.isArray(value)) {
    return value.map(storableJson);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storableJson(v)]));
  }
  return value;
}

function oneOf<T extends string>(list: readonly T[], value: string, field: string): T {
  if (!(list as readonly string[]).includes(value)) {
    throw new Error(`Audit entry ${field} "${value}" is not one of ${list.join(', ')}`);
  }
  return value as T;
}

function normalizeDetails(details: AuditDetails | undefined): AuditDetails {
  if (details === undefined) {
    return {};
  }
  // The JSON round trip drops undefined members and turns NaN into null, as storing it would.
  const json = JSON.stringify(storableJson(details));
  if (json.length > MAX_DETAILS_CHARS) {
    throw new Error(`Audit details must be under ${MAX_DETAILS_CHARS} characters: record ids, not bodies`);
  }
  return JSON.parse(json) as AuditDetails;
}

/**
 * Checks a caller's entry and returns the exact values to hash and store: long text cut to the column
 * limits (headers such as User-Agent are client-controlled and must not make a request fail), ids checked.
 * @param entry - what the caller records
 * @throws Error when an id is not a UUID, a code is unknown, a subject id has no type, or details are too large
 */
export function normalizeAuditEntry(entry: AuditEntry): NormalizedAuditEntry {
  if (entry.occurredAt !== undefined && Number.isNaN(entry.occurredAt.getTime())) {
    throw new Error('Audit entry occurredAt is not a valid date');
  }
  const subjectType =
    entry.subjectType === undefined || entry.subjectType === null
      ? null
      : oneOf(AUDIT_SUBJECT_TYPES, entry.subjectType, 'subjectType');
  if (subjectType === null && entry.subjectId !== undefined && entry.subjectId !== null) {
    throw new Error('Audit entry subjectId needs a subjectType');
  }
  return {
    occurredAt: entry.occurredAt ?? null,
    actorUserId: uuid(entry.actorUserId, 'actorUserId'),
    actorName: text(entry.actorName, MAX_LENGTH.actorName),
    actorRole: text(entry.actorRole, MAX_LENGTH.actorRole),
    actorOrganisationId: uuid(entry.actorOrganisationId, 'actorOrganisationId'),
    actorOrganisationName: text(entry.actorOrganisationName, MAX_LENGTH.actorOrganisationName),
    action: oneOf(AUDIT_ACTIONS, entry.action, 'action'),
    outcome: oneOf(AUDIT_OUTCOMES, entry.outcome ?? 'success', 'outcome'),
    subjectType,
    subjectId: text(entry.subjectId, MAX_LENGTH.subjectId),
    subjectLabel: text(entry.subjectLabel, MAX_LENGTH.subjectLabel),
    purpose: text(entry.purpose, MAX_LENGTH.purpose),
    sourceIp: text(entry.sourceIp, MAX_LENGTH.sourceIp),
    userAgent: text(entry.userAgent, MAX_LENGTH.userAgent),
    route: text(entry.route, MAX_LENGTH.route),
    details: normalizeDetails(entry.details),
  };
}
