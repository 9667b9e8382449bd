import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFullPostcode, parsePostcodeQuery, POSTCODE_MESSAGES, type PostcodeKind } from './postcode.ts';

describe('parsePostcodeQuery', () => {
  it.each<[string, PostcodeKind, string]>([
    ['LS6 1AN', 'postcode', 'LS6 1AN'],
    ['ls61an', 'postcode', 'LS6 1AN'],
    ['  ls6   1an ', 'postcode', 'LS6 1AN'],
    ['LS6\u00a01AN', 'postcode', 'LS6 1AN'],
    ['L S 6 1 A N', 'postcode', 'LS6 1AN'],
    ['ls1 4ap', 'postcode', 'LS1 4AP'],
    ['M1 1AE', 'postcode', 'M1 1AE'],
    ['B33 8TH', 'postcode', 'B33 8TH'],
    ['CR2 6XH', 'postcode', 'CR2 6XH'],
    ['DN55 1PT', 'postcode', 'DN55 1PT'],
    ['W1A 0AX', 'postcode', 'W1A 0AX'],
    ['EC1A 1BB', 'postcode', 'EC1A 1BB'],
    ['sw1a2aa', 'postcode', 'SW1A 2AA'],
    ['BT7 1NN', 'postcode', 'BT7 1NN'],
    ['GIR 0AA', 'postcode', 'GIR 0AA'],
    ['gir0aa', 'postcode', 'GIR 0AA'],
    ['LS6 1', 'sector', 'LS6 1'],
    ['ls6  1', 'sector', 'LS6 1'],
    ['EC1A 1', 'sector', 'EC1A 1'],
    ['LS6', 'district', 'LS6'],
    ['ls16', 'district', 'LS16'],
    ['LS61', 'district', 'LS61'],
    ['ec1a', 'district', 'EC1A'],
    [' m1 ', 'district', 'M1'],
  ])('accepts %j as a %s, %j', (input, kind, text) => {
    const result = parsePostcodeQuery(input);
    expect(result).toMatchObject({ ok: true, value: { kind, text } });
  });

  it('splits a full postcode into district, sector and postcode', () => {
    expect(parsePostcodeQuery('ls61an')).toEqual({
      ok: true,
      value: { kind: 'postcode', text: 'LS6 1AN', district: 'LS6', sector: 'LS6 1', postcode: 'LS6 1AN' },
    });
    expect(parsePostcodeQuery('ls6 1')).toEqual({
      ok: true,
      value: { kind: 'sector', text: 'LS6 1', district: 'LS6', sector: 'LS6 1', postcode: null },
    });
  });

  it.each<[string, keyof typeof POSTCODE_MESSAGES]>([
    ['', 'missing'],
    ['   ', 'missing'],
    ['BFPO 1234', 'bfpo'],
    ['bfpo1', 'bfpo'],
    ['LS6 1ANN', 'tooLong'],
    ['LS16 1ANX', 'tooLong'],
    ['x'.repeat(10_000), 'tooLong'],
    ['LS6 1A', 'format'],
    ['LS6 AN', 'format'],
    ['LS6 1CI', 'format'],
    ['QS6 1AN', 'format'],
    ['LZ6 1AN', 'format'],
    ['LS6 1A5', 'format'],
    ['1S6 1AN', 'format'],
    ['LS 1AN', 'format'],
    ['LS6-1AN', 'format'],
    ['LS', 'format'],
    ['ASCN 1ZZ', 'format'],
    ['hello', 'format'],
    ['L S6 1', 'format'],
  ])('rejects %j (%s)', (input, problem) => {
    expect(parsePostcodeQuery(input)).toEqual({
      ok: false,
      error: 'InvalidPostcode',
      problem,
      message: POSTCODE_MESSAGES[problem],
    });
  });

  it('uses the NHS.UK wording for an unreal postcode', () => {
    expect(parsePostcodeQuery('not a postcode')).toMatchObject({
      message: 'Enter a real postcode, like LS1 4AP',
    });
  });
});

describe('parseFullPostcode', () => {
  it('accepts only a full postcode', () => {
    expect(parseFullPostcode('ls6 1an')).toMatchObject({ ok: true, value: { postcode: 'LS6 1AN' } });
    expect(parseFullPostcode('LS6 1')).toMatchObject({ ok: false, error: 'InvalidPostcode' });
    expect(parseFullPostcode('LS6')).toMatchObject({ ok: false, error: 'InvalidPostcode' });
  });
});

describe('the shipped ONS tables', () => {
  const dataDir = join(import.meta.dirname, 'data');
  const column = (file: string): string[] =>
    readFileSync(join(dataDir, file), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0] ?? '');

  it('parses every district as a district', () => {
    const districts = column('postcode_districts.csv');
    expect(districts.length).toBeGreaterThan(2800);
    const rejected = districts.filter((d) => {
      const parsed = parsePostcodeQuery(d);
      return !parsed.ok || parsed.value.kind !== 'district' || parsed.value.text !== d;
    });
    expect(rejected).toEqual([]);
  });

  it('parses every sector as a sector', () => {
    const sectors = column('postcode_sectors.csv');
    const rejected = sectors.filter((s) => {
      const parsed = parsePostcodeQuery(s);
      return !parsed.ok || parsed.value.kind !== 'sector' || parsed.value.text !== s;
    });
    expect(rejected).toEqual([]);
  });

  it('parses every Leeds postcode in the sample, with or without its space', () => {
    const postcodes = column('postcodes_sample_LS.csv');
    const rejected = postcodes.filter((p) => {
      const parsed = parsePostcodeQuery(p.replace(' ', '').toLowerCase());
      return !parsed.ok || parsed.value.postcode !== p;
    });
    expect(rejected).toEqual([]);
  });
});
