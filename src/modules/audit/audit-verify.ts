import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { GENESIS_HASH, hashAuditEntry } from './audit-hash.ts';
import type { AuditRecord } from './audit.model.ts';
import { listAuditedTenantIds, readAuditChain } from './audit.repository.ts';

// Walks each tenant's trail in seq order, in batches (so memory stays flat over millions of entries),
// and checks every link of the chain. What a chain alone cannot show: the newest entries removed from
// the end, or the whole chain rewritten from some point on with fresh hashes. Comparing the head that
// this reports with a copy kept elsewhere (WORM storage, a signed note) covers both; see the README.

/**
 * Why an entry fails:
 * - 'gap': the entry with this seq is missing (deleted), or the chain does not start at 1;
 * - 'prev-hash-mismatch': its prev_hash is not the previous entry's hash (an entry was inserted, moved,
 *   or the previous one was rewritten with a new hash);
 * - 'hash-mismatch': its contents no longer match its hash (changed after it was written).
 */
export type AuditChainBreak = 'gap' | 'prev-hash-mismatch' | 'hash-mismatch';

export interface AuditChainReport {
  tenantId: string;
  /** Entries read. */
  entries: number;
  ok: boolean;
  /** The last entry: keep a copy of it elsewhere to detect a trail cut short or rewritten. */
  head?: { seq: number; hash: string };
  /** The first entry that fails, in seq order. */
  firstBad?: { seq: number; reason: AuditChainBreak };
}

export interface AuditVerification {
  tenants: AuditChainReport[];
}

export interface VerifyAuditOptions {
  /** Entries read per query; 1,000 unless given. */
  batchSize?: number;
}

/** Checks one entry against its predecessor; undefined when it is sound. */
export function checkAuditLink(
  previous: Pick<AuditRecord, 'seq' | 'hash'> | undefined,
  record: AuditRecord,
): { seq: number; reason: AuditChainBreak } | undefined {
  const expectedSeq = (previous?.seq ?? 0) + 1;
  if (record.seq !== expectedSeq) {
    return { seq: expectedSeq, reason: 'gap' };
  }
  if (record.prevHash !== (previous?.hash ?? GENESIS_HASH)) {
    return { seq: record.seq, reason: 'prev-hash-mismatch' };
  }
  if (hashAuditEntry(record.prevHash, record) !== record.hash) {
    return { seq: record.seq, reason: 'hash-mismatch' };
  }
  return undefined;
}

async function verifyTenantChain(
  db: Kysely<Database>,
  tenantId: string,
  batchSize: number,
): Promise<AuditChainReport> {
  let entries = 0;
  let previous: AuditRecord | undefined;
  let firstBad: AuditChainReport['firstBad'];
  for (;;) {
    const batch = await readAuditChain(db, tenantId, previous?.seq ?? 0, batchSize);
    for (const record of batch) {
      // After the first break every later link is suspect; keep counting, stop checking.
      firstBad ??= checkAuditLink(previous, record);
      previous = record;
      entries += 1;
    }
    if (batch.length < batchSize) {
      break;
    }
  }
  const head = previous === undefined ? undefined : { seq: previous.seq, hash: previous.hash };
  return {
    tenantId,
    entries,
    ok: firstBad === undefined,
    ...(head === undefined ? {} : { head }),
    ...(firstBad === undefined ? {} : { firstBad }),
  };
}

/**
 * Recomputes every hash of one tenant's audit trail, or of every tenant's, and reports the first broken
 * entry of each.
 * @param db - the database
 * @param tenantId - one tenant; every tenant with audit entries when omitted
 * @param options - batch size
 */
export async function verifyAuditChain(
  db: Kysely<Database>,
  tenantId?: string,
  options: VerifyAuditOptions = {},
): Promise<AuditVerification> {
  const batchSize = options.batchSize ?? 1000;
  const tenantIds = tenantId === undefined ? await listAuditedTenantIds(db) : [tenantId.toLowerCase()];
  const tenants: AuditChainReport[] = [];
  for (const id of tenantIds) {
    tenants.push(await verifyTenantChain(db, id, batchSize));
  }
  return { tenants };
}
