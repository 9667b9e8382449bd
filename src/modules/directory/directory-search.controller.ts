import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldIssue } from '../../http/errors.ts';
import type { DirectoryPagesDeps } from './directory-pages.routes.ts';
import {
  DISTANCE_OPTIONS_KM,
  isEmptySearch,
  readSearchForm,
  type DirectorySearchForm,
} from './directory-search.form.ts';
import { buildSearchPageView, type PageError } from './directory-search.view-model.ts';
import { parsePostcodeQuery } from '../geo/geo.service.ts';
import { directoryMessage, type DirectoryContentKey } from './directory.content.ts';
import { parseDirectorySearchQuery } from './search/search.schema.ts';
import { searchDirectory } from './search/search.service.ts';
import { listServiceTypeTerms, type ServiceTypeTerm } from './taxonomy.repository.ts';

const TEMPLATE = 'directory/views/directory-search.njk';

// The search schema speaks the API's parameter names; the form uses shorter, friendlier ones.
const FORM_FIELD_FOR_ISSUE: Partial<Record<string, keyof DirectorySearchForm>> = {
  q: 'q',
  postcode: 'postcode',
  radiusKm: 'distance',
  age: 'age',
  taxonomyTermIds: 'type',
  needs: 'needs',
  deliveryModes: 'delivery',
  capacity: 'capacity',
  cost: 'cost',
  page: 'page',
};

/** The order fields appear on the page, which is the order of the error summary. */
const FIELD_ORDER: (keyof DirectorySearchForm)[] = [
  'q',
  'postcode',
  'distance',
  'type',
  'needs',
  'delivery',
  'capacity',
  'cost',
  'age',
];

type PostcodeProblem = Extract<ReturnType<typeof parsePostcodeQuery>, { ok: false }>['problem'];

const POSTCODE_RULES: Record<PostcodeProblem, DirectoryContentKey> = {
  missing: 'pages.directory.postcode.validationError.required',
  tooLong: 'pages.directory.postcode.validationError.tooLong',
  bfpo: 'pages.directory.postcode.validationError.bfpo',
  format: 'pages.directory.postcode.validationError.format',
};

function postcodeRule(postcode: string): DirectoryContentKey {
  const parsed = parsePostcodeQuery(postcode);
  return parsed.ok ? POSTCODE_RULES.format : POSTCODE_RULES[parsed.problem];
}

function ruleFor(field: keyof DirectorySearchForm, form: DirectorySearchForm): DirectoryContentKey {
  switch (field) {
    case 'q':
      return 'pages.directory.q.validationError.tooLong';
    case 'postcode':
      return postcodeRule(form.postcode);
    case 'distance':
      return form.postcode.trim() === ''
        ? 'pages.directory.postcode.validationError.required'
        : 'pages.directory.distance.validationError.invalid';
    case 'age':
      return /^\s*[-+]?\d+\s*$/.test(form.age)
        ? 'pages.directory.age.validationError.range'
        : 'pages.directory.age.validationError.integer';
    case 'type':
      return 'pages.directory.type.validationError.invalid';
    case 'needs':
      return 'pages.directory.needs.validationError.invalid';
    case 'delivery':
      return 'pages.directory.delivery.validationError.invalid';
    case 'capacity':
      return 'pages.directory.capacity.validationError.invalid';
    case 'cost':
      return 'pages.directory.cost.validationError.invalid';
    case 'page':
      return 'pages.directory.page.validationError.invalid';
  }
}

/**
 * Turns the schema's issues into one page error per form field, in page order, with the page's own words.
 * @param issues - `{ field, message }` from the search schema
 * @param form - what the person typed
 */
export function pageErrorsFromIssues(issues: FieldIssue[], form: DirectorySearchForm): PageError[] {
  const fields = new Set<keyof DirectorySearchForm>();
  for (const issue of issues) {
    const field = FORM_FIELD_FOR_ISSUE[issue.field.split('.')[0] ?? ''];
    fields.add(field ?? 'q');
  }
  return FIELD_ORDER.filter((f) => fields.has(f)).map((field) => {
    const id = field === 'distance' && form.postcode.trim() === '' ? 'postcode' : field;
    return { field: id, text: directoryMessage(ruleFor(field, form)) };
  });
}

function distanceIsOffered(form: DirectorySearchForm): boolean {
  return (
    form.postcode.trim() === '' ||
    form.distance === '' ||
    DISTANCE_OPTIONS_KM.some((km) => String(km) === form.distance)
  );
}

/** The schema's input: the API's parameter names, from the form. */
function searchParameters(form: DirectorySearchForm): Record<string, unknown> {
  const hasPostcode = form.postcode.trim() !== '';
  const page = /^\d{1,4}$/.test(form.page) && Number(form.page) > 0 ? form.page : undefined;
  return {
    q: form.q.trim() === '' ? undefined : form.q,
    postcode: hasPostcode ? form.postcode : undefined,
    radiusKm: hasPostcode && form.distance !== '' ? form.distance : undefined,
    age: form.age.trim() === '' ? undefined : form.age.trim(),
    taxonomyTermIds: form.type === '' ? undefined : [form.type],
    needs: form.needs.length > 0 ? form.needs : undefined,
    deliveryModes: form.delivery.length > 0 ? form.delivery : undefined,
    capacity: form.capacity.length > 0 ? form.capacity : undefined,
    cost: form.cost.length > 0 ? form.cost : undefined,
    page,
  };
}

function render(
  reply: FastifyReply,
  status: number,
  view: ReturnType<typeof buildSearchPageView>,
): FastifyReply {
  return reply.status(status).view(TEMPLATE, { ...view });
}

/** The page offers only the tenant's own service types; the API takes any term id, so the page checks. */
function typeIssues(form: DirectorySearchForm, serviceTypes: ServiceTypeTerm[]): FieldIssue[] {
  const chosen = form.type.toLowerCase();
  return chosen === '' || serviceTypes.some((t) => t.id === chosen)
    ? []
    : [
        {
          field: 'taxonomyTermIds',
          message: directoryMessage('pages.directory.type.validationError.invalid'),
        },
      ];
}

/**
 * GET /directory: the empty start page, results, or the form again with errors (status 400).
 * @param deps - database, tenant, configuration and clock
 * @param request - the request; the search is in its query string
 * @param reply - the reply
 */
export async function directorySearchGet(
  deps: Required<DirectoryPagesDeps>,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const form = readSearchForm(request.query);
  const serviceTypes = await listServiceTypeTerms(deps.db, deps.tenant.id);
  if (isEmptySearch(form)) {
    return render(reply, 200, buildSearchPageView({ form, result: null, errors: [], serviceTypes }));
  }
  const parsed = parseDirectorySearchQuery(searchParameters(form));
  // The page offers a fixed set of distances; the API accepts any, so the page checks its own list.
  const distanceIssues: FieldIssue[] = distanceIsOffered(form)
    ? []
    : [{ field: 'radiusKm', message: directoryMessage('pages.directory.distance.validationError.invalid') }];
  const pageIssues = [...distanceIssues, ...typeIssues(form, serviceTypes)];
  if (!parsed.ok || pageIssues.length > 0) {
    const errors = pageErrorsFromIssues([...(parsed.ok ? [] : parsed.issues), ...pageIssues], form);
    return render(reply, 400, buildSearchPageView({ form, result: null, errors, serviceTypes }));
  }
  const outcome = await searchDirectory(deps.db, {
    tenantId: deps.tenant.id,
    query: parsed.value,
    now: deps.now(),
    capacityStaleDays: deps.config.capacityStaleDays,
    listingStaleDays: deps.config.listingStaleDays,
  });
  if (!outcome.ok) {
    const errors: PageError[] = [
      { field: 'postcode', text: directoryMessage('pages.directory.postcode.validationError.notFound') },
    ];
    return render(reply, 400, buildSearchPageView({ form, result: null, errors, serviceTypes }));
  }
  return render(reply, 200, buildSearchPageView({ form, result: outcome.value, errors: [], serviceTypes }));
}
