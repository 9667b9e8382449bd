import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parseOrukOrganization,
  parseOrukService,
  parseOrukTaxonomy,
  parseOrukTaxonomyTerm,
  type ParseResult,
} from './oruk.schema.ts';

const fixtures = new URL('../../../../test/fixtures/oruk/', import.meta.url);
const examples = 'OpenReferralUK+uk-profile/examples/';
const mocks = 'OpenReferralUK+oruk-validator/OpenReferralApi/Mocks/';

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(new URL(path, fixtures), 'utf8'));
}

function contentsOf(path: string): unknown[] {
  return (readJson(path) as { contents: unknown[] }).contents;
}

function issuesOf<T>(result: ParseResult<T>): { field: string; message: string }[] {
  return result.ok ? [] : result.issues;
}

describe('ORUK 3.0 input schema', () => {
  it.each([
    [`${examples}service_full.json`],
    [`${mocks}V3.0-UK-Default/service_full.json`],
    [`${mocks}V3.0-UK-Warn/service_full.json`],
    [`${mocks}V3.0-UK-Test/service_full.json`],
  ])('accepts the fully nested service in %s and keeps every field', (path) => {
    const input = readJson(path);
    const result = parseOrukService(input);
    expect(issuesOf(result)).toEqual([]);
    // Nothing in the official examples is dropped: the parsed value equals the input.
    expect(result.ok && result.value).toEqual(input);
  });

  it.each([
    [`${examples}service_list.json`],
    [`${mocks}V3.0-UK-Default/service_list.json`],
    [`${mocks}V3.0-UK-Test/service_list.json`],
  ])('accepts every service in the page %s', (path) => {
    const items = contentsOf(path);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(issuesOf(parseOrukService(item))).toEqual([]);
    }
  });

  it('accepts the official taxonomy, taxonomy term and organization examples', () => {
    expect(issuesOf(parseOrukTaxonomy(readJson(`${examples}taxonomy.json`)))).toEqual([]);
    expect(issuesOf(parseOrukTaxonomyTerm(readJson(`${examples}taxonomy_term.json`)))).toEqual([]);
    expect(issuesOf(parseOrukOrganization(readJson(`${examples}organization_full.json`)))).toEqual([]);
    for (const term of contentsOf(`${examples}taxonomy_term_list.json`)) {
      expect(issuesOf(parseOrukTaxonomyTerm(term))).toEqual([]);
    }
  });

  it('rejects the validator Fail mock service for a bad url and a bad email', () => {
    const issues = issuesOf(parseOrukService(readJson(`${mocks}V3.0-UK-Fail/service_full.json`)));
    expect(issues).toEqual([
      { field: 'url', message: 'must be a full URI such as https://example.org/page' },
      { field: 'email', message: 'must be an email address such as name@example.org' },
    ]);
  });

  it('rejects every service in the Fail mock page with the reasons the validator gives', () => {
    const reasons = contentsOf(`${mocks}V3.0-UK-Fail/service_list.json`).map((item) =>
      issuesOf(parseOrukService(item)).map((i) => `${i.field}: ${i.message}`),
    );
    expect(reasons).toHaveLength(4);
    for (const list of reasons) {
      expect(list).toContain('name: is required');
    }
    expect(reasons[0]).toContain('url: must be a full URI such as https://example.org/page');
    expect(reasons[0]).toContain('email: must be an email address such as name@example.org');
    expect(reasons[2]).toContain('email: must be text');
    expect(reasons[3]).toContain('email: must be text');
  });

  it('rejects the Fail mock taxonomy term (missing description, relative term_uri)', () => {
    expect(issuesOf(parseOrukTaxonomyTerm(readJson(`${mocks}V3.0-UK-Fail/taxonomy_term.json`)))).toEqual([
      { field: 'description', message: 'is required' },
      { field: 'term_uri', message: 'must be a full URI such as https://example.org/page' },
    ]);
  });

  it('names nested fields with dotted paths', () => {
    const service = readJson(`${examples}service_full.json`) as {
      service_at_locations: [{ location: { addresses: [Record<string, unknown>] } }];
      schedules: [Record<string, unknown>];
    };
    const address = service.service_at_locations[0].location.addresses[0];
    const schedule = service.schedules[0];
    delete address.postal_code;
    address.address_type = 'home';
    schedule.freq = 'DAILY';
    schedule.valid_from = '01/02/2024';
    expect(issuesOf(parseOrukService(service))).toEqual([
      { field: 'schedules.0.valid_from', message: 'must be a date in the form YYYY-MM-DD' },
      { field: 'schedules.0.freq', message: 'must be WEEKLY or MONTHLY' },
      { field: 'service_at_locations.0.location.addresses.0.postal_code', message: 'is required' },
      {
        field: 'service_at_locations.0.location.addresses.0.address_type',
        message: 'must be one of physical, postal, virtual',
      },
    ]);
  });

  it.each([
    [{ id: 'not-a-uuid', name: 'A', status: 'active' }, 'id', 'must be a UUID'],
    [{ id: 'ac148810-d857-441c-9679-408f346de14b', name: 'A', status: 'open' }, 'status', 'must be one of'],
    [
      { id: 'ac148810-d857-441c-9679-408f346de14b', name: 'A', status: 'active', minimum_age: '12' },
      'minimum_age',
      'must be a number',
    ],
    [
      {
        id: 'ac148810-d857-441c-9679-408f346de14b',
        name: 'A',
        status: 'active',
        last_modified: '2024-05-01',
      },
      'last_modified',
      'must be a date-time',
    ],
    [
      { id: 'ac148810-d857-441c-9679-408f346de14b', name: 'A', status: 'active', assurer_email: 'nobody' },
      'assurer_email',
      'must be an email',
    ],
    [
      { id: 'ac148810-d857-441c-9679-408f346de14b', name: 'A', status: 'active', schedules: {} },
      'schedules',
      'must be a list',
    ],
    [
      { id: 'ac148810-d857-441c-9679-408f346de14b', name: 'A\u0000B', status: 'active' },
      'name',
      'must not contain NUL',
    ],
  ])('rejects %j at %s', (input, field, message) => {
    const issues = issuesOf(parseOrukService(input));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.field).toBe(field);
    expect(issues[0]?.message).toContain(message);
  });

  it('says a record that is not an object must be a JSON object', () => {
    expect(issuesOf(parseOrukService('hello'))).toEqual([
      { field: '(record)', message: 'must be a JSON object' },
    ]);
  });

  it('treats null as absent, strips unknown fields and lower-cases ids', () => {
    const result = parseOrukService({
      id: 'AC148810-D857-441C-9679-408F346DE14B',
      name: 'A',
      status: 'active',
      url: null,
      wait_time: '2 weeks',
    });
    expect(result).toEqual({
      ok: true,
      value: { id: 'ac148810-d857-441c-9679-408f346de14b', name: 'A', status: 'active' },
    });
  });
});
