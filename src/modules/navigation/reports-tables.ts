import type { ChartDatum } from './reports-chart.ts';
import { RED_FLAG_ACTIONS, RED_FLAG_OUTCOMES } from './protocol.model.ts';
import type { NavigationAggregates, OutcomeCount } from './reports-query.repository.ts';

// The reports' tables, built from the aggregate counts: the same table is shown on the page (with its
// chart) and downloaded as CSV. Pure, so the arithmetic is unit-tested.
//
// Small numbers: in views without staff names (commissioners), a count from 1 to SMALL_NUMBER_THRESHOLD
// - 1 is shown as "fewer than 5" and drawn as an empty bar, and a share is left out when either of its
// counts is small, so a rare event at one practice cannot point to a patient. Supervisors (practice and
// PCN staff who also review navigators) see exact counts.

export const SMALL_NUMBER_THRESHOLD = 5;
export const REPORT_TABLE_NAMES = [
  'days',
  'navigators',
  'destinations',
  'outcomes',
  'red-flags',
  'chose-gp',
  'turned-away',
] as const;
export type ReportTableName = (typeof REPORT_TABLE_NAMES)[number];

/** A 'date' cell holds 'YYYY-MM-DD' (the CSV keeps it so; the page shows "Mon 2 Nov"). */
export type ColumnKind = 'text' | 'date' | 'count' | 'percent';
/** A text, a count, or a share in per cent (null: not shown because a count behind it is small). */
export type ReportValue = string | number | null;

export interface ReportTable {
  name: ReportTableName;
  caption: string;
  columns: { label: string; kind: ColumnKind }[];
  rows: ReportValue[][];
  chart: { kind: 'bar' | 'column'; data: ChartDatum[] };
}

export interface ReportOptions {
  /** Hide small counts (see the file comment). */
  suppress: boolean;
  /** Every day of the range, oldest first (days with no navigation are shown as 0). */
  days: readonly string[];
}

const SUPPRESSED_TEXT = `fewer than ${String(SMALL_NUMBER_THRESHOLD)}`;

const isSmall = (n: number, options: Pick<ReportOptions, 'suppress'>): boolean =>
  options.suppress && n > 0 && n < SMALL_NUMBER_THRESHOLD;

/**
 * A share in whole per cent, or null when there is nothing to divide by or a count is small.
 * @param part - the count
 * @param whole - what it is a share of
 * @param options - whether small counts are hidden
 */
export function share(part: number, whole: number, options: Pick<ReportOptions, 'suppress'>): number | null {
  if (whole === 0 || isSmall(part, options) || isSmall(whole, options)) {
    return null;
  }
  return Math.round((part / whole) * 100);
}

const dayLabel = (day: string, style: 'short' | 'long'): string =>
  new Date(`${day}T12:00:00Z`).toLocaleDateString('en-GB', {
    ...(style === 'long' ? { weekday: 'short' } : {}),
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });

/**
 * A cell as the page shows it.
 * @param value - the cell
 * @param kind - its column's kind
 * @param options - whether small counts are hidden
 */
export function cellText(
  value: ReportValue,
  kind: ColumnKind,
  options: Pick<ReportOptions, 'suppress'>,
): string {
  if (value === null) {
    return 'not shown';
  }
  if (typeof value === 'string') {
    return kind === 'date' ? dayLabel(value, 'long') : value;
  }
  if (kind === 'percent') {
    return `${String(value)}%`;
  }
  return isSmall(value, options) ? SUPPRESSED_TEXT : value.toLocaleString('en-GB');
}

/**
 * A cell as the CSV holds it: plain numbers, "<5" for a small count, empty for a share not shown.
 * @param value - the cell
 * @param options - whether small counts are hidden
 */
export function csvCell(value: ReportValue, options: Pick<ReportOptions, 'suppress'>): string {
  if (value === null) {
    return '';
  }
  if (typeof value === 'number' && isSmall(value, options)) {
    return `<${String(SMALL_NUMBER_THRESHOLD)}`;
  }
  return String(value);
}

function bar(label: string, value: number, options: ReportOptions): ChartDatum {
  return isSmall(value, options) ? { label, value: 0, text: SUPPRESSED_TEXT } : { label, value };
}

function daysTable(a: NavigationAggregates, o: ReportOptions): ReportTable {
  const byDay = new Map(a.days.map((d) => [d.day, d]));
  const rows = o.days.map((day) => [day, byDay.get(day)?.started ?? 0, byDay.get(day)?.completed ?? 0]);
  return {
    name: 'days',
    caption: 'Navigations per day',
    columns: [
      { label: 'Day', kind: 'date' },
      { label: 'Navigations started', kind: 'count' },
      { label: 'Completed', kind: 'count' },
    ],
    rows,
    chart: {
      kind: 'column',
      data: rows.map(([day, started]) => bar(dayLabel(String(day), 'short'), Number(started), o)),
    },
  };
}

function navigatorsTable(a: NavigationAggregates, o: ReportOptions): ReportTable {
  return {
    name: 'navigators',
    caption: 'Navigations per navigator',
    columns: [
      { label: 'Navigator', kind: 'text' },
      { label: 'Navigations', kind: 'count' },
      { label: 'Somewhere other than the GP', kind: 'count' },
      { label: 'GP', kind: 'count' },
      { label: 'Red flags escalated', kind: 'count' },
    ],
    rows: a.navigators.map((n) => [n.name, n.total, n.elsewhere, n.gp, n.redFlags]),
    chart: { kind: 'bar', data: a.navigators.map((n) => bar(n.name, n.total, o)) },
  };
}

function destinationsTable(a: NavigationAggregates, o: ReportOptions): ReportTable {
  return {
    name: 'destinations',
    caption: 'Destinations chosen',
    columns: [
      { label: 'Destination', kind: 'text' },
      { label: 'Type', kind: 'text' },
      { label: 'Times chosen', kind: 'count' },
    ],
    rows: a.destinations.map((d) => [
      d.name,
      d.kind === 'service' ? 'Local service (directory)' : 'Practice or NHS option',
      d.count,
    ]),
    chart: { kind: 'bar', data: a.destinations.map((d) => bar(d.name, d.count, o)) },
  };
}

const OUTCOME_ROWS: { label: string; matches: (c: OutcomeCount) => boolean }[] = [
  { label: 'Signposted to a service', matches: (c) => c.outcome === 'signposted' },
  { label: 'Referred to the link worker', matches: (c) => c.outcome === 'referred-link-worker' },
  { label: 'GP: needed', matches: (c) => c.outcome === 'gp' && c.gpReason !== 'patient-preferred' },
  {
    label: 'GP: the patient preferred it',
    matches: (c) => c.outcome === 'gp' && c.gpReason === 'patient-preferred',
  },
  { label: 'Declined every option', matches: (c) => c.outcome === 'declined' },
  { label: 'Red flag escalated', matches: (c) => c.outcome === 'red-flag' },
];

/**
 * The headline share: of completed navigations without a red flag, how many went somewhere other than
 * the GP (signposted or referred to the link worker). Red flags are left out: they go to a clinician.
 * @param outcomes - the outcome counts
 * @param options - whether small counts are hidden
 */
export function elsewhereShare(
  outcomes: readonly OutcomeCount[],
  options: Pick<ReportOptions, 'suppress'>,
): { elsewhere: number; considered: number; percent: number | null } {
  const sum = (keep: (c: OutcomeCount) => boolean): number =>
    outcomes.filter(keep).reduce((total, c) => total + c.count, 0);
  const elsewhere = sum((c) => c.outcome === 'signposted' || c.outcome === 'referred-link-worker');
  const considered = sum((c) => c.outcome !== 'red-flag');
  return { elsewhere, considered, percent: share(elsewhere, considered, options) };
}

function outcomesTable(a: NavigationAggregates, o: ReportOptions): ReportTable {
  const completed = a.outcomes.reduce((total, c) => total + c.count, 0);
  const counts = OUTCOME_ROWS.map((row) => ({
    label: row.label,
    count: a.outcomes.filter(row.matches).reduce((total, c) => total + c.count, 0),
  }));
  return {
    name: 'outcomes',
    caption: 'Where completed navigations ended',
    columns: [
      { label: 'Outcome', kind: 'text' },
      { label: 'Navigations', kind: 'count' },
      { label: 'Share of completed navigations', kind: 'percent' },
    ],
    rows: counts.map((c) => [c.label, c.count, share(c.count, completed, o)]),
    chart: { kind: 'bar', data: counts.map((c) => bar(c.label, c.count, o)) },
  };
}

function redFlagsTable(a: NavigationAggregates, o: ReportOptions): ReportTable {
  const rows = RED_FLAG_OUTCOMES.map((outcome) => {
    const count = (source: 'screen' | 'free-text'): number =>
      a.redFlags.filter((r) => r.outcome === outcome && r.source === source).reduce((t, r) => t + r.count, 0);
    return { label: RED_FLAG_ACTIONS[outcome].title, screen: count('screen'), text: count('free-text') };
  });
  return {
    name: 'red-flags',
    caption: 'Red flags escalated, by what the navigator was told to do',
    columns: [
      { label: 'Action', kind: 'text' },
      { label: 'From the red-flag questions', kind: 'count' },
      { label: 'From words typed later', kind: 'count' },
      { label: 'Total', kind: 'count' },
    ],
    rows: rows.map((r) => [r.label, r.screen, r.text, r.screen + r.text]),
    chart: { kind: 'bar', data: rows.map((r) => bar(r.label, r.screen + r.text, o)) },
  };
}

function choseGpTable(a: NavigationAggregates, o: ReportOptions): ReportTable {
  const rows = a.choseGp.map((p) => ({ ...p, label: p.practiceName ?? 'No practice recorded' }));
  return {
    name: 'chose-gp',
    caption: 'Patients who chose the GP, by practice',
    columns: [
      { label: 'Practice', kind: 'text' },
      { label: 'Completed without a red flag', kind: 'count' },
      { label: 'Chose the GP', kind: 'count' },
      { label: 'Share', kind: 'percent' },
    ],
    rows: rows.map((p) => [p.label, p.completed, p.choseGp, share(p.choseGp, p.completed, o)]),
    chart: { kind: 'bar', data: rows.map((p) => bar(p.label, p.choseGp, o)) },
  };
}

function turnedAwayTable(a: NavigationAggregates, o: ReportOptions): ReportTable {
  const names = [...new Set(a.turnedAway.map((t) => t.name))];
  const rows = names.map((name) => {
    const count = (answer: 'service_full' | 'couldnt_get_in'): number =>
      a.turnedAway
        .filter((t) => t.name === name && t.answer === answer)
        .reduce((total, t) => total + t.count, 0);
    return { name, full: count('service_full'), noWay: count('couldnt_get_in') };
  });
  rows.sort((a, b) => b.full + b.noWay - (a.full + a.noWay) || a.name.localeCompare(b.name));
  return {
    name: 'turned-away',
    caption: 'Services that turned people away',
    columns: [
      { label: 'Service', kind: 'text' },
      { label: 'Service was full', kind: 'count' },
      { label: 'Could not get in', kind: 'count' },
      { label: 'Total', kind: 'count' },
    ],
    rows: rows.map((r) => [r.name, r.full, r.noWay, r.full + r.noWay]),
    chart: { kind: 'bar', data: rows.map((r) => bar(r.name, r.full + r.noWay, o)) },
  };
}

const BUILDERS: Record<ReportTableName, (a: NavigationAggregates, o: ReportOptions) => ReportTable> = {
  days: daysTable,
  navigators: navigatorsTable,
  destinations: destinationsTable,
  outcomes: outcomesTable,
  'red-flags': redFlagsTable,
  'chose-gp': choseGpTable,
  'turned-away': turnedAwayTable,
};

/**
 * One report table from the counts.
 * @param name - which table
 * @param aggregates - the counts
 * @param options - small-number suppression and the days of the range
 */
export function buildReportTable(
  name: ReportTableName,
  aggregates: NavigationAggregates,
  options: ReportOptions,
): ReportTable {
  return BUILDERS[name](aggregates, options);
}
