import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, type FieldIssue } from '../../http/errors.ts';
import { formErrorView } from '../../http/forms.ts';
import { auditRequest } from '../../http/request-audit.ts';
import { requireAuth } from '../casework/case-access.ts';
import type { NavigationDeps } from './navigation.deps.ts';
import {
  formItemsFromBody,
  formItemsFromContent,
  SECTION_PATHS,
  type FormItem,
  type SectionPath,
} from './protocol-form.ts';
import { protocolMessage as m } from './protocol.content.ts';
import { loadVersion, scopeName } from './protocol-version.controller.ts';
import { PROTOCOL_BASE, sectionItems } from './protocol.view-model.ts';
import type { ProtocolVersion } from './protocol-versions.repository.ts';
import { saveDraftSection } from './protocol-versions.service.ts';

// Editing one section of a draft: every item's fields, a "remove" box each, a blank item to add one.
// Only drafts have these pages; an approved or retired version is never edited, only copied.

const TITLES: Readonly<Record<SectionPath, string>> = {
  'red-flags': 'Red flags',
  'quick-picks': 'Quick picks',
  destinations: 'Destinations',
};

async function loadDraftSection(
  deps: NavigationDeps,
  request: FastifyRequest,
): Promise<{ draft: ProtocolVersion; section: SectionPath }> {
  const section = (request.params as { section?: unknown }).section;
  if (!SECTION_PATHS.includes(section as SectionPath)) {
    throw ApiError.notFound('Page not found');
  }
  const draft = await loadVersion(deps, request);
  if (draft.status !== 'draft') {
    throw ApiError.notFound('Page not found');
  }
  return { draft, section: section as SectionPath };
}

async function renderSection(
  deps: NavigationDeps,
  reply: FastifyReply,
  page: { draft: ProtocolVersion; section: SectionPath; items: FormItem[] },
  state: { issues?: readonly FieldIssue[]; status?: number } = {},
): Promise<FastifyReply> {
  const { draft, section, items } = page;
  // A destination added is offered to patients unless the clinician unticks it.
  const blank = {
    index: items.length,
    key: '',
    fields: section === 'destinations' ? { enabled: 'yes' } : {},
  };
  const withBlank = items.at(-1)?.key === '' ? items : [...items, blank];
  reply.status(state.status ?? 200);
  return reply.view('navigation/views/protocol-section.njk', {
    ...formErrorView(state.issues ?? []),
    section,
    title: TITLES[section],
    scopeName: await scopeName(deps, draft),
    version: draft.version,
    items: sectionItems(section, withBlank, draft.content),
    count: withBlank.length - 1,
    updatedAt: draft.updatedAt.toISOString(),
    action: `${PROTOCOL_BASE}/${draft.id}/${section}`,
    draftHref: `${PROTOCOL_BASE}/${draft.id}`,
    csrfToken: reply.csrfToken(),
  });
}

/**
 * GET /app/navigation/protocol/:id/:section
 * @param deps - database and tenant
 * @param request - the request
 * @param reply - the reply
 */
export async function sectionGet(
  deps: NavigationDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const { draft, section } = await loadDraftSection(deps, request);
  return renderSection(deps, reply, { draft, section, items: formItemsFromContent(section, draft.content) });
}

/**
 * POST /app/navigation/protocol/:id/:section: saves the section, or shows what to fix (nothing saved).
 * @param deps - database and tenant
 * @param request - the request
 * @param reply - the reply
 */
export async function sectionPost(
  deps: NavigationDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const auth = requireAuth(request);
  const { draft, section } = await loadDraftSection(deps, request);
  const body = (request.body ?? {}) as Record<string, unknown>;
  const items = formItemsFromBody(section, body);
  const result = await deps.db.transaction().execute(async (trx) => {
    const saved = await saveDraftSection(trx, deps.tenant.id, {
      id: draft.id,
      section,
      items,
      actorUserId: auth.user.id,
      shownUpdatedAt: typeof body.updatedAt === 'string' ? body.updatedAt : '',
    });
    if (saved.ok) {
      await auditRequest(trx, request, deps.tenant.id, {
        action: 'update',
        subjectType: 'navigation-protocol',
        subjectId: draft.id,
        subjectLabel: 'Protocol draft',
        details: { version: draft.version, section },
      });
    }
    return saved;
  });
  if (result.ok) {
    return reply.redirect(`${PROTOCOL_BASE}/${draft.id}?done=saved`, 303);
  }
  if (result.error === 'NotFound') {
    throw ApiError.notFound('Page not found');
  }
  if (result.error === 'Changed') {
    const now = await loadVersion(deps, request);
    const issues = [
      { field: 'item-0-remove', message: m('pages.protocolSection.form.validationError.changed') },
    ];
    return renderSection(
      deps,
      reply,
      { draft: now, section, items: formItemsFromContent(section, now.content) },
      { issues, status: 409 },
    );
  }
  return renderSection(deps, reply, { draft, section, items }, { issues: result.issues, status: 400 });
}
