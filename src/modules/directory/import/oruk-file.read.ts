import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
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

function unreadable(path: string, error: unknown): ImportSourceError {
  const code = (error as NodeJS.ErrnoException).code;
  return new ImportSourceError(
    code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot be read (${code ?? 'error'})`,
  );
}

/** The file's lines, numbered from 1, without their line ends and the byte-order mark. */
async function* readLines(path: string): AsyncGenerator<Line> {
  // A line split across chunks is kept as parts and joined once its end arrives, so a long line is
  // copied once, not once per chunk.
  let parts: Buffer[] = [];
  let number = 0;
  const line = (last: Buffer): Line => {
    const joined = parts.length === 0 ? last : Buffer.concat([...parts, last]);
    parts = [];
    number += 1;
    const text = joined.toString('utf8');
    return { text: number === 1 ? text.replace(/^\uFEFF/, '') : text, number };
  };
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      let start = 0;
      for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
        yield line(chunk.subarray(start, end));
        start = end + 1;
      }
      if (start < chunk.length) {
        parts.push(chunk.subarray(start));
      }
    }
  } catch (error) {
    throw unreadable(path, error);
  }
  if (parts.length > 0) {
    yield line(Buffer.alloc(0));
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

/** The records of an NDJSON file whose first two record lines have been read already. */
async function* ndjsonRecords(
  path: string,
  first: unknown,
  second: Line,
  rest: AsyncGenerator<Line>,
): AsyncGenerator {
  yield first;
  yield parseLine(path, second);
  for await (const line of rest) {
    if (line.text.trim() !== '') {
      yield parseLine(path, line);
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
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
 * The service records in an ORUK file. The file is NDJSON when its first line is a JSON object and another
 * line follows; NDJSON's records are read as they are asked for, and a line that is not JSON fails the
 * reading there. Throws (or, for NDJSON, fails while reading) with ImportSourceError naming the file and line.
 * @param path - the file
 */
export async function readOrukFile(path: string): Promise<OrukFileRecords> {
  const lines = readLines(path);
  const first = await nextRecordLine(lines);
  if (first === undefined) {
    throw new ImportSourceError(`${path} is empty`);
  }
  let value: unknown;
  try {
    value = JSON.parse(first.text);
  } catch {
    // Not a value on its own line: JSON laid out over several lines (or not JSON).
    return readWhole(path, lines);
  }
  const second = await nextRecordLine(lines);
  if (second === undefined) {
    return recordsOf(path, value);
  }
  if (!isRecord(value)) {
    return readWhole(path, lines);
  }
  return { records: ndjsonRecords(path, value, second, lines), total: undefined };
}

async function readWhole(path: string, lines: AsyncGenerator<Line>): Promise<OrukFileRecords> {
  await lines.return(undefined);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw unreadable(path, error);
  }
  return recordsOf(path, parseWhole(path, text.replace(/^\uFEFF/, '')));
}
