import { describe, expect, it } from 'vitest';
import {
  createOrukSpecValidator,
  readUkProfileExample,
  type OrukPath,
  type OrukSpec,
} from '../support/oruk-spec-validator.ts';

// The harness the ORUK integration tests rely on: it must pass the official examples and catch the
// failures the official validator catches (formats included), or those tests prove nothing.

const validate = createOrukSpecValidator();
const specs: OrukSpec[] = ['uk-profile', 'validator'];

function without(record: object, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

const examples: [string, OrukPath][] = [
  ['service_full.json', '/services/{id}'],
  ['service_list.json', '/services'],
  ['service_at_location_full.json', '/service_at_locations/{id}'],
  ['service_at_location_list.json', '/service_at_locations'],
  ['organization_full.json', '/organizations/{id}'],
  ['organization_list.json', '/organizations'],
  ['taxonomy.json', '/taxonomies/{id}'],
  ['taxonomy_list.json', '/taxonomies'],
  ['taxonomy_term.json', '/taxonomy_terms/{id}'],
  ['taxonomy_term_list.json', '/taxonomy_terms'],
];

describe('ORUK spec validator harness', () => {
  describe.each(specs)('%s spec', (spec) => {
    it.each(examples)('accepts the official example %s as %s', (file, path) => {
      expect(validate(spec, path, readUkProfileExample(file))).toEqual([]);
    });

    it('accepts a complete API root and rejects one without a parseable openapi_url', () => {
      const root = {
        version: 'HSDS-UK-3.0',
        profile: 'https://raw.githubusercontent.com/OpenReferralUK/uk-profile/main/profile',
        openapi_url: 'https://signpost.example/oruk/openapi.json',
      };
      expect(validate(spec, '/', root)).toEqual([]);
      expect(validate(spec, '/', { ...root, openapi_url: 'not a url' })).not.toEqual([]);
    });

    it.each([
      ['url', 'example/counselling'],
      ['email', 'email-example_com'],
      ['id', 'not-a-uuid'],
      ['status', 'open'],
      ['minimum_age', '12'],
      ['last_modified', '15/03/2023'],
    ])('rejects a service whose %s is %j', (field, value) => {
      const service = { ...(readUkProfileExample('service_full.json') as object), [field]: value };
      expect(validate(spec, '/services/{id}', service)).not.toEqual([]);
    });

    it('rejects a service without a name', () => {
      const service = without(readUkProfileExample('service_full.json') as object, 'name');
      expect(validate(spec, '/services/{id}', service)).not.toEqual([]);
    });
  });

  it('checks list items through the uk-profile spec (the validator spec cannot: defect b)', () => {
    const page = readUkProfileExample('service_list.json') as { contents: Record<string, unknown>[] };
    const broken = { ...page, contents: page.contents.map((item) => without(item, 'name')) };
    expect(validate('uk-profile', '/services', broken)).not.toEqual([]);
    expect(validate('validator', '/services', broken)).toEqual([]);
  });

  it('checks /organizations items against the single-organization schema (defect c)', () => {
    const page = readUkProfileExample('organization_list.json') as { contents: object[] };
    const broken = { ...page, contents: page.contents.map((o) => ({ ...o, website: 'example.com' })) };
    expect(validate('validator', '/organizations', page)).toEqual([]);
    expect(validate('validator', '/organizations', broken)).not.toEqual([]);
    expect(validate('uk-profile', '/organizations', broken)).not.toEqual([]);
  });

  it('validates /service_at_locations/{id} against the service_at_location schema (defect a)', () => {
    const sal = readUkProfileExample('service_at_location_full.json') as Record<string, unknown>;
    expect(validate('uk-profile', '/service_at_locations/{id}', { ...sal, id: 'x' })).not.toEqual([]);
  });
});
