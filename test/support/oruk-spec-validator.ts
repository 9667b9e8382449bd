import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

// Validates /oruk/ response bodies against the two published ORUK 3.0 specifications, offline: every
// schema file is registered under the raw GitHub URL the specs `$ref` it by, so ajv never fetches.
// The specs carry no `$schema`; uk-profile's OpenAPI declares `jsonSchemaDialect` 2020-12, hence Ajv2020.
// `strict: false` because the schemas carry Frictionless Data keywords (`constraints`, `core`, `example`,
// `datapackage_type`, ...) that are not JSON Schema.

export const specsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'oruk-specs');

export type OrukSpec = 'uk-profile' | 'validator';
export type OrukPath =
  | '/'
  | '/services'
  | '/services/{id}'
  | '/taxonomies'
  | '/taxonomies/{id}'
  | '/taxonomy_terms'
  | '/taxonomy_terms/{id}'
  | '/service_at_locations'
  | '/service_at_locations/{id}'
  | '/organizations'
  | '/organizations/{id}';

const UK_PROFILE_BASE = 'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/';
const VALIDATOR_BASE =
  'https://raw.githubusercontent.com/tpximpact/OpenReferralApi/refs/heads/main/OpenReferralApi/Schemas/V3.0-UK/';
const UK_OPENAPI_ID = `${UK_PROFILE_BASE}openapi.json`;
const VALIDATOR_OPENAPI_ID = `${VALIDATOR_BASE}open_api.json`;

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

function jsonFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return jsonFilesUnder(path);
    }
    return entry.name.endsWith('.json') ? [path] : [];
  });
}

function pointer(...segments: string[]): string {
  return segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

function responseRef(openapiId: string, path: string): string {
  return `${openapiId}#/${pointer('paths', path, 'get', 'responses', '200', 'content', 'application/json', 'schema')}`;
}

/**
 * Registers a spec file under the URL it is fetched from. The files carry no `$id`, and ajv resolves a
 * schema without one against the base of the schema that references it, so the URL is also given as `$id`
 * (in memory only): relative refs inside (taxonomy.json -> taxonomy_term.json) then resolve as they do for
 * anyone fetching the files.
 */
function register(ajv: Ajv2020, file: string, url: string): void {
  ajv.addSchema({ ...(readJson(file) as object), $id: url });
}

function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats.default(ajv);
  const ukSchemaDir = join(specsDir, 'uk-profile', 'schema');
  for (const file of jsonFilesUnder(ukSchemaDir)) {
    register(ajv, file, UK_PROFILE_BASE + relative(ukSchemaDir, file).split('\\').join('/'));
  }
  const validatorDir = join(specsDir, 'validator-v3.0-uk');
  for (const file of jsonFilesUnder(validatorDir)) {
    // `empy_list_response.json` is a template whose `$ref: ""` points at itself; nothing references it.
    if (!file.endsWith('empy_list_response.json')) {
      register(ajv, file, VALIDATOR_BASE + relative(validatorDir, file));
    }
  }
  return ajv;
}

function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is not valid'}`);
}

/** A validator for one endpoint of one spec: the list of problems, empty when the body is valid. */
type BodyCheck = (body: unknown) => string[];

function check(validate: ValidateFunction): BodyCheck {
  return (body) => (validate(body) ? [] : describeErrors(validate.errors));
}

function contentsItems(page: BodyCheck, item: BodyCheck): BodyCheck {
  return (body) => {
    const contents = (body as { contents?: unknown }).contents;
    const items = Array.isArray(contents) ? contents : [];
    return [...page(body), ...items.flatMap((entry, i) => item(entry).map((e) => `/contents/${i}${e}`))];
  };
}

/** Builds every (spec, path) check once; compiling the compiled schemas takes a moment. */
export function createOrukSpecValidator(): (spec: OrukSpec, path: OrukPath, body: unknown) => string[] {
  const ajv = createAjv();
  const compile = (ref: string): BodyCheck => check(ajv.compile({ $ref: ref }));
  const ukPage = compile(`${UK_OPENAPI_ID}#/components/schemas/Page`);
  const validatorPage = compile(`${VALIDATOR_OPENAPI_ID}#/components/schemas/Page`);
  const uk = (path: string): BodyCheck => compile(responseRef(UK_OPENAPI_ID, path));
  const val = (path: string): BodyCheck => compile(responseRef(VALIDATOR_OPENAPI_ID, path));

  const checks: Record<OrukSpec, Record<OrukPath, BodyCheck>> = {
    'uk-profile': {
      '/': uk('/'),
      '/services': uk('/services'),
      '/services/{id}': uk('/services/{id}'),
      '/taxonomies': uk('/taxonomies'),
      '/taxonomies/{id}': uk('/taxonomies/{id}'),
      '/taxonomy_terms': uk('/taxonomy_terms'),
      '/taxonomy_terms/{id}': uk('/taxonomy_terms/{id}'),
      '/service_at_locations': uk('/service_at_locations'),
      // Defect (a): the profile's OpenAPI points this response at compiled/service.json, which a correct
      // service_at_location can never satisfy (it has no name/status); validate against the SAL schema.
      '/service_at_locations/{id}': compile(`${UK_PROFILE_BASE}compiled/service_at_location.json`),
      // The profile's OpenAPI has no /organizations paths; its own compiled organization schemas apply.
      '/organizations': contentsItems(ukPage, compile(`${UK_PROFILE_BASE}compiled/organization_list.json`)),
      '/organizations/{id}': compile(`${UK_PROFILE_BASE}compiled/organization.json`),
    },
    validator: {
      '/': val('/'),
      // Defect (b): here `contents.items` references a page wrapper (service_list.json), so list items are
      // effectively unchecked by this spec; the uk-profile check of the same body does check them.
      '/services': val('/services'),
      '/services/{id}': val('/services/{id}'),
      '/taxonomies': val('/taxonomies'),
      '/taxonomies/{id}': val('/taxonomies/{id}'),
      '/taxonomy_terms': val('/taxonomy_terms'),
      '/taxonomy_terms/{id}': val('/taxonomy_terms/{id}'),
      '/service_at_locations': val('/service_at_locations'),
      '/service_at_locations/{id}': val('/service_at_locations/{id}'),
      // Defect (c): organization_list.json is a single-organization schema, not a page; a correct page
      // would fail it (the validator reports a Level 2 warning). Check the page envelope, then each item.
      '/organizations': contentsItems(validatorPage, compile(`${VALIDATOR_BASE}organization_list.json`)),
      '/organizations/{id}': val('/organizations/{id}'),
    },
  };
  return (spec, path, body) => checks[spec][path](body);
}

/**
 * Validates response bodies against an OpenAPI document of our own (the one /oruk/openapi.json serves), whose
 * response schemas reference the uk-profile schemas by their raw GitHub URLs.
 * @param doc - the OpenAPI document
 * @returns a check of one body for one path of that document
 */
export function createOpenApiValidator(doc: object): (path: string, body: unknown) => string[] {
  const ajv = createAjv();
  const id = 'https://signpost.test/oruk/openapi.json';
  ajv.addSchema({ ...doc, $id: id });
  const checks = new Map<string, BodyCheck>();
  return (path, body) => {
    let bodyCheck = checks.get(path);
    if (bodyCheck === undefined) {
      bodyCheck = check(ajv.compile({ $ref: responseRef(id, path) }));
      checks.set(path, bodyCheck);
    }
    return bodyCheck(body);
  };
}

/** Reads one of the official uk-profile example responses. */
export function readUkProfileExample(name: string): unknown {
  return readJson(join(specsDir, 'uk-profile', 'examples', name));
}
