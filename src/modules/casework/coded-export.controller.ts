import { stringify } from 'csv-stringify/sync';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseDateInput, readDateInput } from '../../http/date-input.ts';
import type { FieldIssue } from '../../http/errors.ts';
import { formErrorView } from '../../http/forms.ts';
import { auditRequest } from '../../http/request-audit.ts';
import { listPractices, type Practice } from '../accounts/practice.repository.ts';
import { todayOf, type CaseworkDeps } from './case-access.ts';
import { caseworkMessage as m, type CaseworkContentKey } from './casework.content.ts';
import { findPatientLabels } from './casework.peers.ts';
import { listCodedEvents } from './coded-event.repository.ts';
import { addDays, londonDate } from './working-days.ts';

// GET /app/exports/coded-events: a practice's SNOMED CT coded events in a date range, as CSV or JSON, for
// entry into the GP clinical system (until a direct interface exists), or as a page to check first. Every
// download is recorded in the audit trail as an export.

type Query = Record<string, unknown>;
const FIELDS = ['practice', 'from-day', 'to-day', 'format'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface CodedExportRow {
  date: string;
  nhsNumber: string;
  code: string;
  term: string;
  event: string;
}

function dateParam(
  query: Query,
  name: 'from' | 'to',
): { value: string | null; issue: FieldIssue | null; typed: unknown } {
  const plain = query[name];
  if (typeof plain === 'string' && ISO_DATE.test(plain)) {
    const parsed = parseDateInput({
      year: plain.slice(0, 4),
      month: plain.slice(5, 7),
      day: plain.slice(8, 10),
    });
    return parsed.ok
      ? {
          value: parsed.value,
          issue: null,
          typed: {
            day: String(Number(plain.slice(8, 10))),
            month: String(Number(plain.slice(5, 7))),
            year: plain.slice(0, 4),
          },
        }
      : {
          value: null,
          issue: { field: `${name}-day`, message: m(`pages.codedExport.${name}.validationError.notReal`) },
          typed: {},
        };
  }
  const typed = readDateInput(query, name);
  const parsed = parseDateInput(typed);
  return parsed.ok
    ? { value: parsed.value, issue: null, typed }
    : {
        value: null,
        issue: {
          field: `${name}-day`,
          message: m(`pages.codedExport.${name}.validationError.${parsed.problem}` as CaseworkContentKey),
        },
        typed,
      };
}

interface ExportRequest {
  practice: Practice;
  from: string;
  to: string;
  format: 'csv' | 'json' | 'page';
}

function parseExport(
  query: Query,
  practices: readonly Practice[],
): { ok: true; value: ExportRequest } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const practice = practices.find((p) => p.id === query.practice);
  if (practice === undefined) {
    issues.push({ field: 'practice', message: m('pages.codedExport.practice.validationError.required') });
  }
  const from = dateParam(query, 'from');
  const to = dateParam(query, 'to');
  for (const issue of [from.issue, to.issue]) {
    if (issue !== null) {
      issues.push(issue);
    }
  }
  if (from.value !== null && to.value !== null && to.value < from.value) {
    issues.push({ field: 'to-day', message: m('pages.codedExport.to.validationError.beforeFrom') });
  }
  const format = query.format === undefined || query.format === '' ? 'page' : query.format;
  if (format !== 'csv' && format !== 'json' && format !== 'page') {
    issues.push({ field: 'format', message: m('pages.codedExport.format.validationError.invalid') });
  }
  if (issues.length > 0 || practice === undefined || from.value === null || to.value === null) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    value: { practice, from: from.value, to: to.value, format: format as ExportRequest['format'] },
  };
}

async function exportRows(deps: CaseworkDeps, request: ExportRequest): Promise<CodedExportRow[]> {
  const events = await listCodedEvents(deps.db, deps.tenant.id, {
    practiceId: request.practice.id,
    from: request.from,
    to: request.to,
  });
  const people = await findPatientLabels(
    deps.db,
    deps.tenant.id,
    events.map((e) => e.patientId),
  );
  return events.map((e) => ({
    date: londonDate(e.occurredAt),
    nhsNumber: people.get(e.patientId)?.nhsNumber ?? '',
    code: e.snomedCode,
    term: e.term,
    event: e.event,
  }));
}

function formView(query: Query, practices: readonly Practice[], today: string): Record<string, unknown> {
  const typed = (name: 'from' | 'to', fallback: string): unknown =>
    query[name] !== undefined || query[`${name}[day]`] !== undefined
      ? dateParam(query, name).typed
      : {
          day: String(Number(fallback.slice(8, 10))),
          month: String(Number(fallback.slice(5, 7))),
          year: fallback.slice(0, 4),
        };
  return {
    practiceItems: [
      { value: '', text: 'Select a practice' },
      ...practices.map((p) => ({
        value: p.id,
        text: `${p.name} (${p.odsCode})`,
        selected: p.id === query.practice,
      })),
    ],
    from: typed('from', addDays(today, -30)),
    to: typed('to', today),
    formatItems: [
      { value: '', text: 'Show them on this page' },
      { value: 'csv', text: 'Download a CSV file (spreadsheet)' },
      { value: 'json', text: 'Download a JSON file' },
    ].map((item) => ({
      ...item,
      checked: item.value === (typeof query.format === 'string' ? query.format : ''),
    })),
  };
}

/**
 * GET /app/exports/coded-events
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function codedExportGet(
  deps: CaseworkDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const query = (request.query ?? {}) as Query;
  const practices = await listPractices(deps.db, deps.tenant.id);
  const today = todayOf(deps);
  const asked = Object.keys(query).length > 0;
  const parsed = parseExport(query, practices);
  if (!parsed.ok) {
    await auditRequest(deps.db, request, deps.tenant.id, {
      action: 'read',
      subjectLabel: 'Coded events export form',
      details: { fields: asked ? parsed.issues.map((i) => i.field) : [] },
    });
    reply.status(asked ? 400 : 200);
    return reply.view('casework/views/coded-export.njk', {
      ...formErrorView(asked ? parsed.issues : [], FIELDS),
      ...formView(query, practices, today),
    });
  }
  const exportRequest = parsed.value;
  const rows = await exportRows(deps, exportRequest);
  await auditRequest(deps.db, request, deps.tenant.id, {
    action: exportRequest.format === 'page' ? 'read' : 'export',
    subjectLabel: 'Coded events for a GP practice',
    details: {
      practiceId: exportRequest.practice.id,
      from: exportRequest.from,
      to: exportRequest.to,
      format: exportRequest.format,
      events: rows.length,
    },
  });
  const fileName = `coded-events-${exportRequest.practice.odsCode}-${exportRequest.from}-${exportRequest.to}`;
  reply.header('cache-control', 'no-store');
  switch (exportRequest.format) {
    case 'csv':
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName}.csv"`)
        .send(
          stringify(
            rows.map((r) => [r.date, r.nhsNumber, r.code, r.term, r.event]),
            { header: true, columns: ['date', 'nhs_number', 'snomed_code', 'term', 'event'] },
          ),
        );
    case 'json':
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName}.json"`)
        .send({
          practice: {
            id: exportRequest.practice.id,
            name: exportRequest.practice.name,
            odsCode: exportRequest.practice.odsCode,
          },
          from: exportRequest.from,
          to: exportRequest.to,
          events: rows,
        });
    case 'page': {
      const base = `/app/exports/coded-events?practice=${exportRequest.practice.id}&from=${exportRequest.from}&to=${exportRequest.to}`;
      return reply.view('casework/views/coded-export.njk', {
        ...formErrorView([], FIELDS),
        ...formView(query, practices, today),
        result: { practice: exportRequest.practice, from: exportRequest.from, to: exportRequest.to, rows },
        csvHref: `${base}&format=csv`,
        jsonHref: `${base}&format=json`,
      });
    }
  }
}
