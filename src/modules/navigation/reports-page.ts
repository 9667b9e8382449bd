import { barChartSvg, columnChartSvg, type ChartDatum } from './reports-chart.ts';
import { filterQuery, type ReportFilter } from './reports-filter.ts';
import type { NavigationAggregates } from './reports-query.repository.ts';
import {
  buildReportTable,
  cellText,
  elsewhereShare,
  SMALL_NUMBER_THRESHOLD,
  type ReportOptions,
  type ReportTable,
  type ReportTableName,
} from './reports-tables.ts';

// The reports page's sections: heading, what the figures mean, the chart (SVG drawn here) and its table,
// with the link to the same table as CSV.

interface SectionText {
  heading: string;
  intro: string;
  empty: string;
}

const SECTION_TEXT: Record<ReportTableName, SectionText> = {
  days: {
    heading: 'Navigations per day',
    intro:
      'Every navigation started at reception, by day. Completed ones reached an outcome; the rest stopped part-way, for example when a call ended.',
    empty: 'No navigations were started in these dates.',
  },
  navigators: {
    heading: 'Navigations per navigator',
    intro: 'Shown to supervisors, to plan training and support. Commissioners see no staff names.',
    empty: 'No navigations were started in these dates.',
  },
  destinations: {
    heading: 'Destinations chosen',
    intro:
      'Where patients agreed to go: practice and NHS options, local services from the directory, the link worker and the GP.',
    empty: 'No patient chose a destination in these dates.',
  },
  outcomes: {
    heading: 'Requests that went somewhere other than the GP',
    intro:
      'How completed navigations ended. "Somewhere other than the GP" means signposted to a service or referred to the link worker; red flags are left out of that share because they always go to a clinician.',
    empty: 'No navigation was completed in these dates.',
  },
  'red-flags': {
    heading: 'Red flags escalated',
    intro:
      'Every red flag stops navigation, tells the navigator what to do and raises an urgent task for the duty clinician. Flags come from the red-flag questions asked first, or from words typed later in the flow.',
    empty: 'No red flags were escalated in these dates.',
  },
  'chose-gp': {
    heading: 'Patients who chose the GP',
    intro:
      'No one is refused a GP appointment. This counts patients who heard the other options and chose the GP anyway, out of completed navigations without a red flag.',
    empty: 'No navigation was completed in these dates.',
  },
  'turned-away': {
    heading: 'Services that turned people away',
    intro:
      'From patients’ follow-up answers: the service was full, or they could not get in. Navigators will ask these follow-up questions once the closed loop is built (a later release), so until then this section is usually empty.',
    empty:
      'No follow-up answers in these dates: follow-up questions are not asked yet (they come with the closed loop).',
  },
};

export interface ReportCell {
  text: string;
  numeric: boolean;
}

export interface ReportSection {
  name: ReportTableName;
  heading: string;
  intro: string;
  empty: string;
  hasData: boolean;
  chartSvg: string;
  caption: string;
  head: ReportCell[];
  rows: ReportCell[][];
  csvHref: string;
}

function describe(data: readonly ChartDatum[], heading: string): string {
  const top = [...data].sort((a, b) => b.value - a.value).at(0);
  const most =
    top === undefined || top.value === 0
      ? ''
      : ` The largest is ${top.label}: ${top.text ?? String(top.value)}.`;
  return `${heading}, as a chart.${most} The table that follows gives every figure.`;
}

function chartOf(table: ReportTable, heading: string): string {
  const chart = {
    id: `chart-${table.name}`,
    title: heading,
    description: describe(table.chart.data, heading),
  };
  return table.chart.kind === 'column'
    ? columnChartSvg(table.chart.data, chart, table.chart.data.length > 14 ? 7 : 1)
    : barChartSvg(table.chart.data, chart);
}

function hasData(table: ReportTable): boolean {
  return table.rows.some((row) =>
    row.some((value, i) => table.columns[i]?.kind === 'count' && typeof value === 'number' && value > 0),
  );
}

/**
 * The page's sections, in order (per navigator only when the viewer may see staff names).
 * @param aggregates - the counts
 * @param filter - the filters shown (for the CSV links)
 * @param options - suppression, the days of the range, and whether staff names may be shown
 */
export function buildReportSections(
  aggregates: NavigationAggregates,
  filter: ReportFilter,
  options: ReportOptions & { showStaff: boolean },
): ReportSection[] {
  const names: ReportTableName[] = [
    'days',
    ...(options.showStaff ? (['navigators'] as const) : []),
    'destinations',
    'outcomes',
    'red-flags',
    'chose-gp',
    'turned-away',
  ];
  return names.map((name) => {
    const table = buildReportTable(name, aggregates, options);
    const text = SECTION_TEXT[name];
    return {
      name,
      ...text,
      hasData: hasData(table),
      chartSvg: chartOf(table, text.heading),
      caption: table.caption,
      head: table.columns.map((c) => ({
        text: c.label,
        numeric: c.kind === 'count' || c.kind === 'percent',
      })),
      rows: table.rows.map((row) =>
        row.map((value, i) => {
          const kind = table.columns[i]?.kind ?? 'text';
          return { text: cellText(value, kind, options), numeric: kind === 'count' || kind === 'percent' };
        }),
      ),
      csvHref: `/app/navigation/reports.csv?table=${name}&${filterQuery(filter)}`,
    };
  });
}

/**
 * The headline figures above the sections.
 * @param aggregates - the counts
 * @param options - suppression
 */
export function buildHeadline(
  aggregates: NavigationAggregates,
  options: Pick<ReportOptions, 'suppress'>,
): { started: string; elsewhere: string | null; suppressNote: string | null } {
  const started = aggregates.days.reduce((total, d) => total + d.started, 0);
  const share = elsewhereShare(aggregates.outcomes, options);
  return {
    started: cellText(started, 'count', options),
    elsewhere:
      share.percent === null
        ? null
        : `${String(share.percent)}% of completed navigations without a red flag went somewhere other than the GP (${cellText(share.elsewhere, 'count', options)} of ${cellText(share.considered, 'count', options)}).`,
    suppressNote: options.suppress
      ? `Counts from 1 to ${String(SMALL_NUMBER_THRESHOLD - 1)} are shown as “fewer than ${String(SMALL_NUMBER_THRESHOLD)}”, and shares resting on them are not shown, so that no patient can be picked out.`
      : null,
  };
}
