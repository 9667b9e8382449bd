import { constants } from 'node:buffer';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { ImportSourceError } from './http-json.ts';

// Reading an ORUK file: a page envelope (`contents`), a JSON array of services, one service, or NDJSON (one
// service per line). NDJSON is read a line at a time while the import runs, so a file of any size fits in
// memory; JSON is one value, parsed whole (a JSON file must stay under about 500 MB, V8's longest string).

export interface OrukFileRecords {
  /** The service records: NDJSON's as the import asks for them, JSON's all at once. */
  records: AsyncIterable<unknown> | readonly unknown[];
  /** How many records there are: known for JSON, not for NDJSON (it is not read ahead). */
  total: number | undefined;
}

interface Line {
  text: string;
  number: number;
}

const NEWLINE = 0x0a;
const CHUNK_BYTES = 1 << 20;

/** The longest line taken, in bytes: a longer one could not become one JavaScript string. */
const MAX_LINE_BYTES = constants.MAX_STRING_LENGTH;

function unreadable(path: string, error: unknown): ImportSourceError {
  const code = (error as NodeJS.ErrnoException).code;
  return new ImportSourceError(
    code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot be read (${code ?? 'error'})`,
  );
}

/**
 * The file's lines, numbered from 1, without their line ends and the byte-order mark. The file is open only
 * while the lines are being read: until the last one, an error, or the reader stopping early.
 */
async function* readLines(path: string): AsyncGenerator<Line> {
  // A line split across chunks is kept as parts and joined once its end arrives, so a long line is
  // copied once, not once per chunk; bytes are joined before decoding, so a character split across
  // chunks stays whole.
  let parts: Buffer[] = [];
  let partBytes = 0;
  let number = 0;
  const line = (): Line => {
    const joined = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    parts = [];
    partBytes = 0;
    number += 1;
    const text = joined.toString('utf8');
    return { text: number === 1 ? text.replace(/^\uFEFF/, '') : text, number };
  };
  const keep = (part: Buffer): void => {
    partBytes += part.length;
    if (partBytes > MAX_LINE_BYTES) {
      throw new ImportSourceError(
        `${path} line ${number + 1} is longer than Node.js can read as one text (about 512 MB): ` +
          'save the services as NDJSON, one per line',
      );
    }
    parts.push(part);
  };
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (error) {
    throw unreadable(path, error);
  }
  // Closed before the reader goes on, whether it read every line, met an error or stopped early.
  try {
    for (;;) {
      // A new buffer for each read: the parts of an unfinished line still point into the last one.
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await file.read(buffer, 0, CHUNK_BYTES, null).catch((error: unknown) => {
        throw unreadable(path, error);
      });
      if (bytesRead === 0) {
        break;
      }
      const chunk = buffer.subarray(0, bytesRead);
      let start = 0;
      for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
        keep(chunk.subarray(start, end));
        yield line();
        start = end + 1;
      }
      if (start < chunk.length) {
        keep(chunk.subarray(start));
      }
    }
  } finally {
    await file.close();
  }
  if (parts.length > 0) {
    yield line();
  }
}

async function nextRecordLine(lines: AsyncGenerator<Line>): Promise<Line | undefined> {
  for (let next = await lines.next(); next.done !== true; next = await lines.next()) {
    if (next.value.text.trim() !== '') {
      return next.value;
    }
  }
  return undefined;
}

function parseLine(path: string, line: Line): unknown {
  try {
    return JSON.parse(line.text);
  } catch (error) {
    throw new ImportSourceError(`${path} line ${line.number} is not valid JSON: ${(error as Error).message}`);
  }
}

/** The records of an NDJSON file, read from its start each time they are iterated. */
function ndjsonRecords(path: string): AsyncIterable<unknown> {
  return {
    async *[Symbol.asyncIterator]() {
      for await (const line of readLines(path)) {
        if (line.text.trim() !== '') {
          yield parseLine(path, line);
        }
      }
    },
  };
}

/** Whether a parsed JSON value is an object (not an array or null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseWhole(path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec(String(error))?.[1];
    const where =
      position === undefined ? '' : ` (line ${text.slice(0, Number(position)).split('\n').length})`;
    throw new ImportSourceError(`${path} is not valid JSON${where}: ${(error as Error).message}`);
  }
}

function recordsOf(path: string, body: unknown): OrukFileRecords {
  const list = Array.isArray(body)
    ? body
    : isRecord(body) && Array.isArray(body.contents)
      ? (body.contents as unknown[])
      : isRecord(body) && 'id' in body
        ? [body]
        : undefined;
  if (list === undefined) {
    throw new ImportSourceError(`${path} is JSON but not an ORUK page, a list of services or a service`);
  }
  return { records: list, total: list.length };
}

/**
 * The service records in an ORUK file. The file is NDJSON when its first line is a JSON object (or looks like
 * one) and another line follows. NDJSON is read only as its records are asked for, and a line that is not JSON
 * fails the reading there; this reads just its first two lines, and leaves the file closed. Throws (or, for
 * NDJSON, fails while reading) with ImportSourceError naming the file and line.
 * @param path - the file
 */
export async function readOrukFile(path: string): Promise<OrukFileRecords> {
  const lines = readLines(path);
  let first: Line | undefined;
  let second: Line | undefined;
  try {
    first = await nextRecordLine(lines);
    second = first === undefined ? undefined : await nextRecordLine(lines);
  } finally {
    await lines.return(undefined);
  }
  if (first === undefined) {
    throw new ImportSourceError(`${path} is empty`);
  }
  const text = first.text.trim();
  if (second !== undefined && text.startsWith('{') && text.endsWith('}')) {
    parseLine(path, first);
    return { records: ndjsonRecords(path), total: undefined };
  }
  if (second === undefined) {
    // The whole file is on one line: parse it as it is.
    return recordsOf(path, parseWhole(path, first.text));
  }
  let whole: string;
  try {
    whole = await readFile(path, 'utf8');
  } catch (error) {
    throw unreadable(path, error);
  }
  return recordsOf(path, parseWhole(path, whole.replace(/^\uFEFF/, '')));
}
