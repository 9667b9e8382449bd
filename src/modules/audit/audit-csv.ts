import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { stringify } from 'csv-stringify/sync';
import type { Database } from '../../db/database.ts';
import { canonicalJson } from './audit-hash.ts';
import type { AuditRecord } from './audit.model.ts';
import { auditRecordToRow, searchAudit, MAX_SEARCH_LIMIT, type AuditSearch } from './audit.repository.ts';

// CSV export of the audit trail, for an IG lead's spreadsheet. Cells that start with = + - @ (a tab or a
// carriage return) get a leading apostrophe, so a crafted user agent or name cannot run as a formula; the
// CSV is for reading, and the FHIR AuditEvent mapping (audit.fhir.ts) is the machine-readable export.

/** Header row: the audit_event column names, most useful first. */
export const AUDIT_CSV_COLUMNS = [
  'seq',
  'occurred_at',
  'action',
  'outcome',
  'actor_user_id',
  'actor_name',
  'actor_role',
  'actor_organisation_id',
  'actor_organisation_name',
  'subject_type',
  'subject_id',
  'subject_label',
  'purpose',
  'source_ip',
  'user_agent',
  'route',
  'details',
  'id',
  'tenant_id',
  'prev_hash',
  'hash',
] as const;

type CsvRow = Record<(typeof AUDIT_CSV_COLUMNS)[number], unknown>;

function toCsvRow(r: AuditRecord): CsvRow {
  // The stored row, with the time in ISO 8601 and the details as the canonical JSON that was hashed.
  return {
    ...auditRecordToRow(r),
    occurred_at: r.occurredAt.toISOString(),
    details: canonicalJson(r.details),
  };
}

export interface AuditCsvOptions {
  /** Start with the header row (and a UTF-8 byte order mark, so Excel shows names correctly); default true. */
  header?: boolean;
}

/**
 * Audit entries as CSV text, one line per entry.
 * @param records - the entries, in the order to write them
 * @param options - whether to start with the header row
 */
export function auditCsv(records: readonly AuditRecord[], options: AuditCsvOptions = {}): string {
  const header = options.header ?? true;
  return stringify(records.map(toCsvRow), {
    columns: [...AUDIT_CSV_COLUMNS],
    header,
    bom: header,
    escape_formulas: true,
  });
}

export type AuditExportFilter = Omit<AuditSearch, 'limit' | 'before'>;

/**
 * Every entry that matches, newest first, as a CSV stream read page by page: memory stays flat however
 * large the range. Entries recorded while it runs are left out (the pages go down from the newest seq at
 * the start), so the file is a consistent cut.
 * @param db - the database
 * @param tenantId - the tenant
 * @param filter - the searchAudit filters, without paging
 */
export function streamAuditCsv(db: Kysely<Database>, tenantId: string, filter: AuditExportFilter): Readable {
  async function* chunks(): AsyncGenerator<string> {
    let before: number | undefined;
    let first = true;
    do {
      const page = await searchAudit(db, tenantId, {
        ...filter,
        limit: MAX_SEARCH_LIMIT,
        ...(before === undefined ? {} : { before }),
      });
      if (first || page.records.length > 0) {
        yield auditCsv(page.records, { header: first });
      }
      first = false;
      before = page.nextBefore;
    } while (before !== undefined);
  }
  return Readable.from(chunks());
}
