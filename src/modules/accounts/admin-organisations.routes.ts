import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldIssue } from '../../http/errors.ts';
import { formErrorView, NO_FORM_ERRORS } from '../../http/forms.ts';
import { listOrganizationNames } from '../directory/organization-names.repository.ts';
import type { OrganisationKind } from './accounts.tables.ts';
import { adminContext, formText, formValues, foundOr404, pathId } from './admin-request.ts';
import { parseEditOrganisation, parseNewOrganisation } from './admin.schema.ts';
import { noticeFor, parentItems, type SelectItem } from './admin.view-model.ts';
import type { AuthDeps } from './auth-context.ts';
import { findOrganisationById, listOrganisations, type Organisation } from './organisation.repository.ts';
import { createOrganisation, editOrganisation } from './organisation.service.ts';
import {
  buildOrganisationTree,
  ORGANISATION_KIND_LABELS,
  ORGANISATION_KINDS,
  PARENT_KIND,
} from './organisation-tree.ts';
import { findPractice } from './practice.repository.ts';

// The organisation administration pages: the tree, adding an organisation (a GP practice with its
// practice row), and changing one.

export const ORGANISATION_PATHS = {
  organisations: '/app/admin/organisations',
  newOrganisation: '/app/admin/organisations/new',
  organisation: '/app/admin/organisations/:id',
} as const;

const TEMPLATES = {
  list: 'accounts/views/admin-organisations.njk',
  create: 'accounts/views/admin-organisation-new.njk',
  edit: 'accounts/views/admin-organisation.njk',
};

const NEW_FIELDS = [
  'kind',
  'name',
  'odsCode',
  'parentIcbId',
  'parentPcnId',
  'postcode',
  'directoryOrganizationId',
];
const EDIT_FIELDS = ['name', 'odsCode', 'parentId', 'postcode', 'directoryOrganizationId', 'active'];

const organisationHref = (id: string): string => `/app/admin/organisations/${id}`;

function organisationView(o: Organisation): Record<string, unknown> {
  return { ...o, href: organisationHref(o.id), kindLabel: ORGANISATION_KIND_LABELS[o.kind] };
}

async function organisationsGet(
  deps: AuthDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const organisations = await listOrganisations(deps.db, deps.tenant.id);
  const tree = buildOrganisationTree(organisations);
  const toNode = (n: (typeof tree.roots)[number]): Record<string, unknown> => ({
    ...organisationView(n.organisation),
    children: n.children.map(toNode),
  });
  return reply.view(TEMPLATES.list, {
    notice: noticeFor((request.query as { done?: unknown }).done),
    roots: tree.roots.map(toNode),
    unplaced: tree.unplaced.map(organisationView),
    vcse: tree.vcse.map(organisationView),
    empty: organisations.length === 0,
  });
}

async function directoryItems(deps: AuthDeps, chosen: string): Promise<SelectItem[]> {
  const names = await listOrganizationNames(deps.db, deps.tenant.id);
  return [
    { value: '', text: 'None', selected: chosen === '' },
    ...names.map((o) => ({ value: o.id, text: o.name, selected: o.id === chosen })),
  ];
}

async function renderNew(
  deps: AuthDeps,
  reply: FastifyReply,
  body: Record<string, unknown>,
  issues: readonly FieldIssue[] = [],
): Promise<FastifyReply> {
  const organisations = await listOrganisations(deps.db, deps.tenant.id);
  const kind = formText(body, 'kind');
  return reply.view(TEMPLATES.create, {
    ...formErrorView(issues, NEW_FIELDS),
    form: {
      kind,
      name: formText(body, 'name'),
      odsCode: formText(body, 'odsCode'),
      postcode: formText(body, 'postcode'),
    },
    kinds: ORGANISATION_KINDS.map((k) => ({
      value: k,
      text: ORGANISATION_KIND_LABELS[k],
      checked: k === kind,
    })),
    icbItems: parentItems(organisations, 'icb', formText(body, 'parentIcbId'), 'No ICB recorded'),
    pcnItems: parentItems(organisations, 'pcn', formText(body, 'parentPcnId'), 'Select a PCN'),
    directoryItems: await directoryItems(deps, formText(body, 'directoryOrganizationId')),
    csrfToken: reply.csrfToken(),
  });
}

async function organisationsPost(
  deps: AuthDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const body = formValues(request.body);
  const parsed = parseNewOrganisation(body);
  const result = parsed.ok ? await createOrganisation(adminContext(deps, request), parsed.value) : parsed;
  if (!result.ok) {
    reply.status(400);
    return renderNew(deps, reply, body, result.issues);
  }
  return reply.redirect(`${ORGANISATION_PATHS.organisations}?done=created`, 303);
}

async function loadOrganisation(deps: AuthDeps, request: FastifyRequest): Promise<Organisation> {
  const params = request.params as { id?: unknown };
  return foundOr404(await findOrganisationById(deps.db, deps.tenant.id, pathId(params.id)));
}

const PARENT_NONE: Record<OrganisationKind, string> = {
  icb: '',
  pcn: 'No ICB recorded',
  practice: 'Select a PCN',
  vcse: '',
};

async function renderEdit(
  deps: AuthDeps,
  reply: FastifyReply,
  org: Organisation,
  state: { body?: Record<string, unknown>; issues?: readonly FieldIssue[]; notice?: string | null },
): Promise<FastifyReply> {
  const practice =
    org.practiceId === null ? undefined : await findPractice(deps.db, deps.tenant.id, { id: org.practiceId });
  const form =
    state.body === undefined
      ? {
          name: org.name,
          odsCode: org.odsCode ?? '',
          parentId: org.parentId ?? '',
          postcode: practice?.postcode ?? '',
          directoryOrganizationId: org.directoryOrganizationId ?? '',
          active: org.active ? 'yes' : 'no',
        }
      : Object.fromEntries(EDIT_FIELDS.map((f) => [f, formText(state.body ?? {}, f)]));
  const parentKind = PARENT_KIND[org.kind];
  const organisations = await listOrganisations(deps.db, deps.tenant.id);
  return reply.view(TEMPLATES.edit, {
    ...(state.issues === undefined ? NO_FORM_ERRORS : formErrorView(state.issues, EDIT_FIELDS)),
    notice: state.notice ?? null,
    organisation: organisationView(org),
    form,
    parentLabel: parentKind === 'icb' ? 'ICB' : 'PCN',
    parentItems:
      parentKind === null
        ? null
        : parentItems(organisations, parentKind, form.parentId, PARENT_NONE[org.kind]),
    directoryItems: org.kind === 'vcse' ? await directoryItems(deps, form.directoryOrganizationId) : null,
    activeItems: [
      { value: 'yes', text: 'Active', checked: form.active === 'yes' },
      { value: 'no', text: 'Inactive: its roles cannot be used', checked: form.active === 'no' },
    ],
    csrfToken: reply.csrfToken(),
  });
}

/**
 * The organisation administration pages.
 * @param app - the Fastify instance
 * @param deps - database, configuration and tenant
 */
export function adminOrganisationRoutes(app: FastifyInstance, deps: AuthDeps): void {
  app.get(ORGANISATION_PATHS.organisations, async (request, reply) => organisationsGet(deps, request, reply));
  app.get(ORGANISATION_PATHS.newOrganisation, async (_request, reply) => renderNew(deps, reply, {}));
  app.post(ORGANISATION_PATHS.organisations, async (request, reply) =>
    organisationsPost(deps, request, reply),
  );

  app.get(ORGANISATION_PATHS.organisation, async (request, reply) => {
    const org = await loadOrganisation(deps, request);
    return renderEdit(deps, reply, org, { notice: noticeFor((request.query as { done?: unknown }).done) });
  });

  app.post(ORGANISATION_PATHS.organisation, async (request, reply) => {
    const org = await loadOrganisation(deps, request);
    const body = formValues(request.body);
    const parsed = parseEditOrganisation(body, org.kind);
    const result = parsed.ok
      ? await editOrganisation(adminContext(deps, request), org, parsed.value)
      : parsed;
    if (!result.ok) {
      reply.status(400);
      return renderEdit(deps, reply, org, { body, issues: result.issues });
    }
    return reply.redirect(`${organisationHref(org.id)}?done=updated`, 303);
  });
}
