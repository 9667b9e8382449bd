import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { ApiError } from '../../http/errors.ts';
import type { FieldIssue } from '../../http/errors.ts';
import { formErrorView } from '../../http/forms.ts';
import { auditRequest } from '../../http/request-audit.ts';
import type { CaseworkDeps } from './case-access.ts';
import {
  checkCodeStateForm,
  codeFormFields,
  readCodeStateForm,
  type CodeStateForm,
} from './codes-admin.schema.ts';
import {
  CODED_EVENT_NAMES,
  setSnomedCodeState,
  type CodedEventName,
  type SnomedCode,
} from './snomed-codes.ts';

// The SNOMED CT code table's admin page (/app/admin/codes, DOMAIN.md 3.4): every code the tenant may
// write to GP records, with its use rule. An administrator enters or corrects a concept ID, confirms it
// against the current UK edition, and switches it on or off. A code reaches a GP record only while it is
// confirmed and on (findUsableCode), so an unconfirmed code never does. Every change is audited.

const VIEW = 'casework/views/codes-admin.njk';

type CodeRow = SnomedCode;

async function listCodes(db: Kysely<Database>, tenantId: string): Promise<CodeRow[]> {
  const rows = await db
    .selectFrom('snomed_code')
    .select(['event', 'concept_id', 'term', 'confirmed', 'enabled', 'use_rule'])
    .where('tenant_id', '=', tenantId)
    .execute();
  const order = (event: string): number => CODED_EVENT_NAMES.findIndex((e) => e === event);
  return rows
    .flatMap((r) => {
      const event = CODED_EVENT_NAMES.find((e) => e === r.event);
      return event === undefined
        ? []
        : [
            {
              event,
              conceptId: r.concept_id,
              term: r.term,
              confirmed: r.confirmed,
              enabled: r.enabled,
              useRule: r.use_rule,
            },
          ];
    })
    .sort((a, b) => order(a.event) - order(b.event));
}

interface Rejected {
  event: CodedEventName;
  form: CodeStateForm;
  issues: FieldIssue[];
}

async function renderPage(
  deps: CaseworkDeps,
  reply: FastifyReply,
  options: { rejected?: Rejected; saved?: string } = {},
): Promise<FastifyReply> {
  const codes = await listCodes(deps.db, deps.tenant.id);
  const { rejected } = options;
  const errorView = formErrorView(
    rejected?.issues ?? [],
    rejected === undefined ? [] : codeFormFields(rejected.event),
  );
  // The page holds a form per code: the summary says which code each problem is about.
  const term = codes.find((c) => c.event === rejected?.event)?.term ?? '';
  return reply.view(VIEW, {
    ...errorView,
    errorList: errorView.errorList.map((e) => ({ ...e, text: `${term}: ${e.text}` })),
    csrfToken: reply.csrfToken(),
    saved: options.saved ?? null,
    codes: codes.map((code) => ({
      ...code,
      // The rejected form keeps what was typed; every other form shows the stored state.
      form:
        rejected?.event === code.event
          ? rejected.form
          : { conceptId: code.conceptId ?? '', confirmed: code.confirmed, enabled: code.enabled },
    })),
  });
}

function eventParam(value: unknown): CodedEventName {
  const event = CODED_EVENT_NAMES.find((e) => e === value);
  if (event === undefined) {
    throw ApiError.notFound('Page not found');
  }
  return event;
}

async function codePost(
  deps: CaseworkDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const event = eventParam((request.params as { event?: unknown }).event);
  const form = readCodeStateForm(request.body);
  const issues = checkCodeStateForm(event, form);
  if (issues.length > 0) {
    reply.status(400);
    return renderPage(deps, reply, { rejected: { event, form, issues } });
  }
  const found = await deps.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('snomed_code')
      .select(['concept_id', 'confirmed', 'enabled'])
      .where('tenant_id', '=', deps.tenant.id)
      .where('event', '=', event)
      .forUpdate()
      .executeTakeFirst();
    if (before === undefined) {
      return false;
    }
    const conceptId = form.conceptId === '' ? null : form.conceptId;
    await setSnomedCodeState(trx, deps.tenant.id, {
      event,
      conceptId,
      confirmed: form.confirmed,
      enabled: form.enabled,
    });
    await auditRequest(trx, request, deps.tenant.id, {
      action: 'update',
      subjectLabel: 'SNOMED CT code table',
      details: {
        event,
        before: { conceptId: before.concept_id, confirmed: before.confirmed, enabled: before.enabled },
        after: { conceptId, confirmed: form.confirmed, enabled: form.enabled },
      },
    });
    return true;
  });
  if (!found) {
    throw ApiError.notFound('Page not found');
  }
  return reply.redirect(`/app/admin/codes?saved=${event}#${event}`, 303);
}

/**
 * The SNOMED CT code table's admin page and its one form per code.
 * @param app - the Fastify instance
 * @param deps - database, configuration and tenant
 */
export function codesAdminRoutes(app: FastifyInstance, deps: CaseworkDeps): void {
  app.get('/app/admin/codes', async (request, reply) => {
    const saved = CODED_EVENT_NAMES.find((e) => e === (request.query as { saved?: unknown }).saved);
    return renderPage(deps, reply, saved === undefined ? {} : { saved });
  });
  app.post('/app/admin/codes/:event', async (request, reply) => codePost(deps, request, reply));
}
