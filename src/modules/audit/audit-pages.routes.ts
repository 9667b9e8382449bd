import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formErrorView, NO_FORM_ERRORS } from '../../http/forms.ts';
import { auditRequest } from '../../http/request-audit.ts';
import type { AuthDeps } from '../accounts/auth-context.ts';
import { listUserNames } from '../accounts/user.repository.ts';
import { streamAuditCsv } from './audit-csv.ts';
import { AUDIT_ACTIONS, AUDIT_SUBJECT_TYPES, type AuditRecord } from './audit.model.ts';
import { searchAudit } from './audit.repository.ts';
import {
  AUDIT_FORM_FIELDS,
  parseAuditSearchForm,
  readAuditSearchForm,
  searchDetails,
  type AuditSearchForm,
} from './audit-search.form.ts';

const PAGE_SIZE = 50;

const SUBJECT_LABELS: Record<string, string> = {
  patient: 'Patient',
  user: 'Staff user',
  organisation: 'Organisation',
  referral: 'Referral',
  'audit-log': 'Audit trail',
  'navigation-protocol': 'Navigation protocol',
};

const ACTION_LABELS: Record<string, string> = {
  read: 'Looked at',
  create: 'Created',
  update: 'Changed',
  delete: 'Deleted',
  search: 'Searched',
  export: 'Exported',
  signin: 'Signed in',
  'signin-failed': 'Failed sign-in',
  signout: 'Signed out',
  'permission-change': 'Changed permissions',
};

const when = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface AuditRowView {
  seq: string;
  when: string;
  who: string;
  role: string;
  action: string;
  outcome: string;
  subject: string;
  route: string;
  from: string;
}

function rowView(r: AuditRecord): AuditRowView {
  return {
    seq: String(r.seq),
    when: when.format(r.occurredAt),
    who: r.actorName ?? 'Not signed in',
    role: [r.actorRole, r.actorOrganisationName].filter((x) => x !== null).join(', '),
    action: ACTION_LABELS[r.action] ?? r.action,
    outcome: r.outcome,
    subject:
      r.subjectType === null
        ? ''
        : `${SUBJECT_LABELS[r.subjectType] ?? r.subjectType} ${r.subjectId ?? ''}`.trim(),
    route: r.route ?? '',
    from: r.sourceIp ?? '',
  };
}

function queryString(form: AuditSearchForm, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ ...searchDetails(form), ...extra });
  return params.toString();
}

async function searchPage(
  deps: AuthDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const form = readAuditSearchForm(request.query);
  const users = await listUserNames(deps.db, deps.tenant.id);
  const common = {
    form,
    subjectTypeItems: [
      { value: '', text: 'Any' },
      ...AUDIT_SUBJECT_TYPES.map((t) => ({
        value: t,
        text: SUBJECT_LABELS[t] ?? t,
        selected: form.subjectType === t,
      })),
    ],
    actionItems: [
      { value: '', text: 'Any' },
      ...AUDIT_ACTIONS.map((a) => ({ value: a, text: ACTION_LABELS[a] ?? a, selected: form.action === a })),
    ],
    userItems: [
      { value: '', text: 'Anyone' },
      ...users.map((u) => ({
        value: u.id,
        text: `${u.displayName} (${u.email})`,
        selected: form.user === u.id,
      })),
    ],
  };
  const parsed = parseAuditSearchForm(form);
  if (!parsed.ok) {
    reply.status(400);
    return reply.view('audit/views/audit-search.njk', {
      ...common,
      ...formErrorView(parsed.issues, AUDIT_FORM_FIELDS),
      rows: [],
    });
  }
  const beforeParam = (request.query as { before?: unknown }).before;
  const before =
    typeof beforeParam === 'string' && /^\d{1,15}$/.test(beforeParam) ? Number(beforeParam) : undefined;
  const page = await searchAudit(deps.db, deps.tenant.id, {
    ...parsed.filter,
    limit: PAGE_SIZE,
    ...(before === undefined ? {} : { before }),
  });
  await auditRequest(deps.db, request, deps.tenant.id, {
    action: 'search',
    subjectType: 'audit-log',
    details: { ...searchDetails(form), results: page.records.length },
  });
  return reply.view('audit/views/audit-search.njk', {
    ...common,
    ...NO_FORM_ERRORS,
    rows: page.records.map(rowView),
    csvHref: `/app/admin/audit.csv?${queryString(form)}`,
    olderHref:
      page.nextBefore === undefined
        ? null
        : `/app/admin/audit?${queryString(form, { before: String(page.nextBefore) })}`,
  });
}

/**
 * The audit trail's admin pages: search (by person, user, date, action), CSV export, and a record's
 * "who has looked at this" view for subject access requests. Using them is itself audited.
 * @param app - the Fastify instance
 * @param deps - database, configuration and tenant
 */
export function auditPagesRoutes(app: FastifyInstance, deps: AuthDeps): void {
  app.get('/app/admin/audit', async (request, reply) => searchPage(deps, request, reply));

  app.get('/app/admin/audit.csv', async (request, reply) => {
    const form = readAuditSearchForm(request.query);
    const parsed = parseAuditSearchForm(form);
    if (!parsed.ok) {
      return searchPage(deps, request, reply);
    }
    // The export is recorded before a byte leaves, so even an interrupted download is on the record.
    await auditRequest(deps.db, request, deps.tenant.id, {
      action: 'export',
      subjectType: 'audit-log',
      details: { format: 'csv', ...searchDetails(form) },
    });
    const stamp = new Date().toISOString().slice(0, 10);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="signpost-audit-${stamp}.csv"`)
      .header('cache-control', 'no-store')
      .send(streamAuditCsv(deps.db, deps.tenant.id, parsed.filter));
  });

  app.get('/app/admin/audit/subject', async (request, reply) => {
    const form = readAuditSearchForm(request.query);
    const parsed = parseAuditSearchForm({ ...form, user: '', action: '', from: '', to: '' });
    if (!parsed.ok || form.subjectType === '' || form.subjectId === '') {
      reply.status(400);
      return reply.view('audit/views/audit-subject.njk', {
        form,
        ...formErrorView(
          parsed.ok
            ? [
                {
                  field: form.subjectType === '' ? 'subjectType' : 'subjectId',
                  message: 'Enter the kind of record and its id',
                },
              ]
            : parsed.issues,
        ),
        accesses: [],
        people: [],
      });
    }
    const page = await searchAudit(deps.db, deps.tenant.id, { ...parsed.filter, limit: 1000 });
    await auditRequest(deps.db, request, deps.tenant.id, {
      action: 'read',
      subjectType: 'audit-log',
      details: { view: 'record-accesses', subjectType: form.subjectType, subjectId: form.subjectId },
    });
    const people = new Map<string, { who: string; role: string; count: number; last: string }>();
    for (const r of page.records) {
      const key = `${r.actorUserId ?? 'anonymous'}|${r.actorRole ?? ''}`;
      const seen = people.get(key);
      if (seen === undefined) {
        const v = rowView(r);
        people.set(key, { who: v.who, role: v.role, count: 1, last: v.when });
      } else {
        seen.count += 1;
      }
    }
    return reply.view('audit/views/audit-subject.njk', {
      ...NO_FORM_ERRORS,
      form,
      subjectLabel: SUBJECT_LABELS[form.subjectType] ?? form.subjectType,
      accesses: page.records.map(rowView),
      people: [...people.values()],
      truncated: page.nextBefore !== undefined,
    });
  });
}
