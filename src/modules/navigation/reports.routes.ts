import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../http/errors.ts';
import { formErrorView, NO_FORM_ERRORS } from '../../http/forms.ts';
import { auditRequest } from '../../http/request-audit.ts';
import { listPractices, type Practice } from '../accounts/practice.repository.ts';
import { todayOf } from '../people/staff-request.ts';
import type { NavigationDeps } from './navigation.deps.ts';
import { daysOf, parseReportFilter, REPORT_FILTER_FIELDS, type TypedFilter } from './reports-filter.ts';
import { buildHeadline, buildReportSections } from './reports-page.ts';
import { findNavigationAggregates } from './reports-query.repository.ts';
import { buildReportTable, csvCell, REPORT_TABLE_NAMES, type ReportTableName } from './reports-tables.ts';

// Practice reports on care navigation (/app/navigation/reports): aggregate counts only, as tables with
// server-drawn SVG charts, and each table as CSV. Staff names (per navigator) only for viewers who also
// review navigators' training (supervisors); everyone else (commissioners) gets small counts suppressed.

const VIEW = 'navigation/views/reports-page.njk';

interface Viewer {
  showStaff: boolean;
  suppress: boolean;
}

function viewerOf(request: FastifyRequest): Viewer {
  const showStaff = request.auth?.permissions.has('training:review') ?? false;
  return { showStaff, suppress: !showStaff };
}

function formView(typed: TypedFilter, practices: readonly Practice[]): Record<string, unknown> {
  return {
    practiceItems: [
      { value: '', text: 'All practices' },
      ...practices.map((p) => ({ value: p.id, text: p.name, selected: p.id === typed.practice })),
    ],
    from: typed.from,
    to: typed.to,
  };
}

async function reportsGet(
  deps: NavigationDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const practices = await listPractices(deps.db, deps.tenant.id);
  const parsed = parseReportFilter(
    request.query,
    practices.map((p) => p.id),
    todayOf(deps),
  );
  if (!parsed.ok) {
    reply.status(400);
    return reply.view(VIEW, {
      ...formErrorView(parsed.issues, REPORT_FILTER_FIELDS),
      ...formView(parsed.typed, practices),
    });
  }
  const filter = parsed.value;
  const viewer = viewerOf(request);
  const aggregates = await findNavigationAggregates(deps.db, deps.tenant.id, filter, viewer.showStaff);
  const options = { ...viewer, days: daysOf(filter) };
  return reply.view(VIEW, {
    ...NO_FORM_ERRORS,
    ...formView(parsed.typed, practices),
    result: {
      practiceName: practices.find((p) => p.id === filter.practiceId)?.name ?? 'All practices',
      from: filter.from,
      to: filter.to,
      headline: buildHeadline(aggregates, viewer),
      sections: buildReportSections(aggregates, filter, options),
    },
  });
}

function tableName(query: unknown, viewer: Viewer): ReportTableName {
  const table = (query as { table?: unknown } | undefined)?.table;
  const name = REPORT_TABLE_NAMES.find((n) => n === table);
  if (name === undefined || (name === 'navigators' && !viewer.showStaff)) {
    throw ApiError.notFound('There is no such report table');
  }
  return name;
}

async function reportsCsvGet(
  deps: NavigationDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const viewer = viewerOf(request);
  const name = tableName(request.query, viewer);
  const practices = await listPractices(deps.db, deps.tenant.id);
  const parsed = parseReportFilter(
    request.query,
    practices.map((p) => p.id),
    todayOf(deps),
  );
  if (!parsed.ok) {
    return reportsGet(deps, request, reply);
  }
  const filter = parsed.value;
  const aggregates = await findNavigationAggregates(deps.db, deps.tenant.id, filter, name === 'navigators');
  const table = buildReportTable(name, aggregates, { ...viewer, days: daysOf(filter) });
  await auditRequest(deps.db, request, deps.tenant.id, {
    action: 'export',
    subjectLabel: 'Care navigation report',
    details: { table: name, practiceId: filter.practiceId ?? 'all', from: filter.from, to: filter.to },
  });
  const csv = stringify(
    table.rows.map((row) => row.map((value) => csvCell(value, viewer))),
    { header: true, columns: table.columns.map((c) => c.label), bom: true, escape_formulas: true },
  );
  return reply
    .type('text/csv; charset=utf-8')
    .header(
      'content-disposition',
      `attachment; filename="navigation-${name}-${filter.from}-to-${filter.to}.csv"`,
    )
    .header('cache-control', 'no-store')
    .send(csv);
}

/**
 * The care navigation reports page and its CSV downloads.
 * @param app - the Fastify instance
 * @param deps - database, configuration, tenant and clock
 */
export function navigationReportRoutes(app: FastifyInstance, deps: NavigationDeps): void {
  app.get('/app/navigation/reports', async (request, reply) => reportsGet(deps, request, reply));
  app.get('/app/navigation/reports.csv', async (request, reply) => reportsCsvGet(deps, request, reply));
}
