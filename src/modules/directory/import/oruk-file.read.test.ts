import { mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildOrukService } from '../../../../test/support/builders.ts';
import { ImportSourceError } from './http-json.ts';
import { readOrukFile } from './oruk-file.read.ts';

describe('readOrukFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oruk-file-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function file(name: string, content: string): string {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  }

  /** Every record, or the records read before the error and the error. */
  async function readAll(path: string): Promise<{ records: unknown[]; error?: unknown }> {
    const records: unknown[] = [];
    try {
      for await (const record of (await readOrukFile(path)).records) {
        records.push(record);
      }
      return { records };
    } catch (error) {
      return { records, error };
    }
  }

  /** How many of this process's file descriptors are open on the file (Linux). */
  function openOn(path: string): number {
    return readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === path;
      } catch {
        return false;
      }
    }).length;
  }

  const [a, b, c] = [buildOrukService(), buildOrukService(), buildOrukService()];

  it.each([
    ['array.json', JSON.stringify([a, b])],
    ['pretty.json', JSON.stringify([a, b], null, 2)],
    ['page.json', JSON.stringify({ total_items: 2, contents: [a, b] }, null, 2)],
    ['one-line-page.json', `${JSON.stringify({ contents: [a, b] })}\n`],
    ['bom.json', `\uFEFF${JSON.stringify([a, b], null, 1)}`],
  ])('reads %s whole, with its total', async (name, content) => {
    const read = await readOrukFile(file(name, content));
    expect(read.total).toBe(2);
    expect(read.records).toEqual([a, b]);
  });

  it('reads a single service', async () => {
    const read = await readOrukFile(file('one.json', JSON.stringify(a, null, 2)));
    expect(read).toEqual({ records: [a], total: 1 });
  });

  it('streams NDJSON: blank lines, CRLF line ends and a byte-order mark are fine; the total is not known', async () => {
    const path = file(
      'lines.ndjson',
      `\uFEFF${JSON.stringify(a)}\r\n\r\n${JSON.stringify(b)}\r\n${JSON.stringify(c)}`,
    );
    const read = await readOrukFile(path);
    expect(read.total).toBeUndefined();
    expect(Array.isArray(read.records)).toBe(false);
    expect((await readAll(path)).records).toEqual([a, b, c]);
  });

  it('joins a line longer than a read chunk, with characters split across chunks', async () => {
    // 3-byte characters: a 1 MiB chunk ends inside one.
    const long = { ...b, description: '€'.repeat(1024 * 1024) };
    const path = file('long.ndjson', `${JSON.stringify(a)}\n${JSON.stringify(long)}\n${JSON.stringify(c)}\n`);
    expect((await readAll(path)).records).toEqual([a, long, c]);
  });

  it('gives the records before a broken NDJSON line, then fails naming the line', async () => {
    const path = file(
      'broken.ndjson',
      `${JSON.stringify(a)}\n${JSON.stringify(b)}\n{"id": \n${JSON.stringify(c)}\n`,
    );
    const { records, error } = await readAll(path);
    expect(records).toEqual([a, b]);
    expect(error).toBeInstanceOf(ImportSourceError);
    expect(String(error)).toMatch(/broken\.ndjson line 3 is not valid JSON/);
  });

  it('leaves an NDJSON file closed until it is read, and closes it after an error or an early stop', async () => {
    const path = file('closed.ndjson', `${JSON.stringify(a)}\n${JSON.stringify(b)}\n{"id": \n`);
    const read = await readOrukFile(path);
    expect(openOn(path)).toBe(0);
    for await (const record of read.records) {
      expect(record).toEqual(a);
      expect(openOn(path)).toBe(1);
      break;
    }
    expect(openOn(path)).toBe(0);
    expect((await readAll(path)).error).toBeInstanceOf(ImportSourceError);
    expect(openOn(path)).toBe(0);
  });

  it.each([
    [
      'broken-first.ndjson',
      `{"id": "a", }\n${JSON.stringify(a)}\n`,
      /broken-first\.ndjson line 1 is not valid JSON/,
    ],
    ['broken.json', '{\n  "id": "x",\n  "name": \n}', /broken\.json is not valid JSON/],
    ['two-arrays.json', '[]\n[]\n', /two-arrays\.json is not valid JSON \(line 2\)/],
    ['empty.json', ' \n \n', /empty\.json is empty/],
    ['other.json', '{"hello": "world"}', /not an ORUK page, a list of services or a service/],
    ['missing.json', null, /missing\.json: no such file/],
    ['folder.json', 'folder', /folder\.json: cannot be read \(EISDIR\)/],
  ])('explains why %s cannot be read', async (name, content, message) => {
    const path = join(dir, name);
    if (content === 'folder') {
      mkdirSync(path);
    } else if (content !== null) {
      writeFileSync(path, content);
    }
    const error = await readOrukFile(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportSourceError);
    expect(String(error)).toMatch(message);
  });
});
