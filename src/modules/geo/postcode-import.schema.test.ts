import { describe, expect, it } from 'vitest';
import { findPostcodeColumns, validatePostcodeRecord, type RowProblem } from './postcode-import.schema.ts';

describe('findPostcodeColumns', () => {
  it.each<[string, string[], { postcode: number; latitude: number; longitude: number }]>([
    ['the documented header', ['postcode', 'lat', 'lon'], { postcode: 0, latitude: 1, longitude: 2 }],
    [
      'any case and spacing',
      [' Longitude ', 'LATITUDE', 'Postcode'],
      { postcode: 2, latitude: 1, longitude: 0 },
    ],
    // NSPL/ONSPD carry pcd, pcd2 and pcds: pcds (one space) is preferred.
    [
      'an ONS NSPL header',
      ['pcd', 'pcd2', 'pcds', 'doterm', 'lat', 'long'],
      { postcode: 2, latitude: 4, longitude: 5 },
    ],
    ['an ONSPD header without pcds', ['pcd', 'lat', 'long'], { postcode: 0, latitude: 1, longitude: 2 }],
  ])('reads %s', (_name, header, expected) => {
    expect(findPostcodeColumns(header)).toEqual({ ok: true, value: expected });
  });

  it('names every missing column', () => {
    expect(findPostcodeColumns(['pcds', 'x', 'y'])).toEqual({
      ok: false,
      missing: ['latitude', 'longitude'],
    });
    expect(findPostcodeColumns([])).toEqual({ ok: false, missing: ['postcode', 'latitude', 'longitude'] });
  });
});

describe('validatePostcodeRecord', () => {
  const columns = { postcode: 0, latitude: 1, longitude: 2 };

  it('normalises a good row', () => {
    expect(validatePostcodeRecord(['ls61an', ' 53.80781 ', '-1.56074'], columns)).toEqual({
      ok: true,
      value: { postcode: 'LS6 1AN', latitude: 53.80781, longitude: -1.56074 },
    });
  });

  it.each<[string[], RowProblem]>([
    [['', '53.8', '-1.5'], 'MissingValue'],
    [['LS6 1AN', '', '-1.5'], 'MissingValue'],
    [['LS6 1AN', '53.8'], 'MissingValue'],
    [['LS6', '53.8', '-1.5'], 'InvalidPostcode'],
    [['LS6 1', '53.8', '-1.5'], 'InvalidPostcode'],
    [['BFPO 105', '53.8', '-1.5'], 'InvalidPostcode'],
    [['LS6 1AN', 'north', '-1.5'], 'InvalidCoordinates'],
    [['LS6 1AN', '0x35', '-1.5'], 'InvalidCoordinates'],
    [['LS6 1AN', '5e1', '-1.5'], 'InvalidCoordinates'],
    [['LS6 1AN', 'Infinity', '-1.5'], 'InvalidCoordinates'],
    [['LS6 1AN', '99.999999', '0.000000'], 'OutsideUk'],
    [['LS6 1AN', '40.7128', '-74.0060'], 'OutsideUk'],
    [['LS6 1AN', '53.8', '2.5'], 'OutsideUk'],
  ])('rejects %j as %s', (record, problem) => {
    expect(validatePostcodeRecord(record, columns)).toEqual({ ok: false, problem });
  });
});
