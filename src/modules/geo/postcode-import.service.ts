import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { CsvError, parse } from 'csv-parse';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { upsertPostcodes, type PostcodeRow } from './geo.repository.ts';
import {
  findPostcodeColumns,
  ROW_PROBLEM_MESSAGES,
  validatePostcodeRecord,
  type PostcodeColumnIndexes,
  type RowProblem,
} from './postcode-import.schema.ts';

// Imports a full-postcode file (`postcode,lat,lon`, or an ONS NSPL/ONSPD extract) into `postcode`.
// Streaming, in batches, inside ONE transaction: a file that turns out to be malformed half-way leaves the
// table as it was. Rows are upserted, and unchanged rows are not touched, so a re-import changes nothing.

export type PostcodeFileErrorCode = 'FileNotReadable' | 'EmptyFile' | 'MissingColumns' | 'MalformedCsv';

/** A problem with the file as a whole; its message is meant for the person running the import. */
export class PostcodeFileError extends Error {
  constructor(
    readonly code: PostcodeFileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PostcodeFileError';
  }
}

export interface RejectedPostcodeRow {
  /** 1-based line in the file. */
  line: number;
  value: string;
  problem: RowProblem;
  message: string;
}

export interface PostcodeImportOptions {
  /** Recorded on every row; defaults to the file name. */
  source?: string;
  batchSize?: number;
  onProgress?: (progress: { rowsRead: number }) => void;
  onReject?: (row: RejectedPostcodeRow) => void;
}

export interface PostcodeImportSummary {
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

const HEADER_SNIFF_BYTES = 64 * 1024;

/**
 * Reads a postcode file's header and finds its columns, without reading the rest: a fast, clear failure
 * before any database work.
 * @param path - the CSV file
 */
export async function inspectPostcodeFile(path: string): Promise<PostcodeColumnIndexes> {
  let head: string;
  try {
    const file = await open(path, 'r');
    try {
      const { buffer, bytesRead } = await file.read(
        Buffer.alloc(HEADER_SNIFF_BYTES),
        0,
        HEADER_SNIFF_BYTES,
        0,
      );
      head = buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await file.close();
    }
  } catch (error) {
    throw new PostcodeFileError('FileNotReadable', `Cannot read ${path}: ${describeFsError(error)}`);
  }
  const firstLine = head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.trim() === '') {
    throw new PostcodeFileError(
      'EmptyFile',
      `${path} is empty: expected a header row such as postcode,lat,lon`,
    );
  }
  const header = firstLine.split(',').map((h) => h.replace(/^"|"$/g, ''));
  const columns = findPostcodeColumns(header);
  if (!columns.ok) {
    throw new PostcodeFileError(
      'MissingColumns',
      `${path} is missing the ${columns.missing.join(', ')} column(s): expected a header row with postcode,lat,lon ` +
        `(or the ONS NSPL/ONSPD columns pcds, lat, long)`,
    );
  }
  return columns.value;
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') {
    return 'no such file';
  }
  if (code === 'EISDIR') {
    return 'it is a folder, not a file';
  }
  if (code === 'EACCES') {
    return 'permission denied';
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Imports a postcode CSV into the full-postcode table, in one transaction.
 * @param db - the database
 * @param path - the CSV file
 * @param options - source label, batch size, progress and rejected-row callbacks
 * @returns counts; throws PostcodeFileError for a malformed file (nothing is written then)
 */
export async function importPostcodeFile(
  db: Kysely<Database>,
  path: string,
  options: PostcodeImportOptions = {},
): Promise<PostcodeImportSummary> {
  const columns = await inspectPostcodeFile(path);
  const source = options.source ?? basename(path);
  const batchSize = options.batchSize ?? 5000;
  return db.transaction().execute(async (trx) => {
    const summary: PostcodeImportSummary = {
      rowsRead: 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    };
    // Keyed by postcode: one statement must not upsert the same key twice; the last row in a batch wins.
    let batch = new Map<string, PostcodeRow>();
    const flush = async (): Promise<void> => {
      const result = await upsertPostcodes(trx, [...batch.values()], source);
      summary.inserted += result.inserted;
      summary.updated += result.updated;
      summary.unchanged += batch.size - result.inserted - result.updated;
      batch = new Map();
      options.onProgress?.({ rowsRead: summary.rowsRead });
    };
    for await (const { record, line } of readRecords(path)) {
      summary.rowsRead++;
      const result = validatePostcodeRecord(record, columns);
      if (result.ok) {
        batch.set(result.value.postcode, result.value);
      } else {
        summary.rejected++;
        const value = record.join(',').slice(0, 80);
        options.onReject?.({
          line,
          value,
          problem: result.problem,
          message: ROW_PROBLEM_MESSAGES[result.problem],
        });
      }
      if (batch.size >= batchSize) {
        await flush();
      }
    }
    await flush();
    return summary;
  });
}

async function* readRecords(path: string): AsyncGenerator<{ record: string[]; line: number }> {
  const parser = createReadStream(path).pipe(
    parse({
      bom: true,
      from_line: 2,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }),
  );
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { record: item.record, line: item.info.lines };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      throw new PostcodeFileError('MalformedCsv', `${path} is not a valid CSV file: ${error.message}`);
    }
    throw error;
  }
}
