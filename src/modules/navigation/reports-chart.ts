// Small server-drawn SVG charts for the reports pages: no JavaScript, NHS.UK colours, and accessible as
// an image with a title and description (role="img"); the table beside each chart is its full text
// equivalent, so the chart itself only has to be glanceable. Pure functions: same data, same SVG.

/** One bar or column: its label, its length, and the text printed at its end. */
export interface ChartDatum {
  label: string;
  value: number;
  /** What to print for the value (defaults to the number; e.g. "fewer than 5" when suppressed). */
  text?: string;
}

export interface ChartText {
  /** Unique on the page: the title and description are referenced by id. */
  id: string;
  title: string;
  description: string;
}

const NHS_BLUE = '#005eb8';
const TEXT = '#212b32';
const SECONDARY_TEXT = '#4c6272';
const BORDER = '#d8dde0';
const WIDTH = 640;
const LABEL_WIDTH = 250;
const VALUE_SPACE = 90;
const ROW = 28;
const BAR = 18;
const MAX_LABEL = 30;

/**
 * Text made safe inside SVG markup (element text and attribute values).
 * @param text - any text
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);
}

function shorten(label: string): string {
  return label.length <= MAX_LABEL ? label : `${label.slice(0, MAX_LABEL - 1).trimEnd()}…`;
}

function open(chart: ChartText, height: number): string {
  const id = escapeXml(chart.id);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" role="img" width="100%" ` +
    `viewBox="0 0 ${String(WIDTH)} ${String(height)}" aria-labelledby="${id}-title ${id}-desc" ` +
    `font-family="Frutiger W01, Arial, sans-serif" font-size="14">` +
    `<title id="${id}-title">${escapeXml(chart.title)}</title>` +
    `<desc id="${id}-desc">${escapeXml(chart.description)}</desc>`
  );
}

const fmt = (n: number): string => String(Math.round(n * 10) / 10);

/**
 * A horizontal bar chart: one labelled bar per datum, longest value filling the width.
 * @param data - the bars, top to bottom
 * @param chart - the chart's id, title and description
 */
export function barChartSvg(data: readonly ChartDatum[], chart: ChartText): string {
  const height = Math.max(1, data.length) * ROW + 8;
  const max = Math.max(0, ...data.map((d) => d.value));
  const room = WIDTH - LABEL_WIDTH - VALUE_SPACE;
  const rows = data.map((d, i) => {
    const y = 4 + i * ROW;
    const length = max === 0 ? 0 : (d.value / max) * room;
    const label = shorten(d.label);
    return (
      `<text x="${String(LABEL_WIDTH - 8)}" y="${fmt(y + BAR - 4)}" text-anchor="end" fill="${TEXT}">` +
      `${escapeXml(label)}</text>` +
      `<rect x="${String(LABEL_WIDTH)}" y="${String(y)}" width="${fmt(length)}" height="${String(BAR)}" ` +
      `fill="${NHS_BLUE}"/>` +
      `<text x="${fmt(LABEL_WIDTH + length + 6)}" y="${fmt(y + BAR - 4)}" fill="${TEXT}">` +
      `${escapeXml(d.text ?? String(d.value))}</text>`
    );
  });
  const axis = `<line x1="${String(LABEL_WIDTH)}" y1="0" x2="${String(LABEL_WIDTH)}" y2="${String(height)}" stroke="${BORDER}"/>`;
  return `${open(chart, height)}${axis}${rows.join('')}</svg>`;
}

const COLUMN_TOP = 24;
const COLUMN_HEIGHT = 160;
const COLUMN_LEFT = 40;

/**
 * A column chart, e.g. one column per day: labels under some columns (`labelEvery`), the largest value
 * marked on the left so the scale is readable.
 * @param data - the columns, left to right
 * @param chart - the chart's id, title and description
 * @param labelEvery - label every n-th column (the first and last are always labelled when n > 1)
 */
export function columnChartSvg(data: readonly ChartDatum[], chart: ChartText, labelEvery = 1): string {
  const height = COLUMN_TOP + COLUMN_HEIGHT + 28;
  const max = Math.max(0, ...data.map((d) => d.value));
  const slot = (WIDTH - COLUMN_LEFT - 8) / Math.max(1, data.length);
  const base = COLUMN_TOP + COLUMN_HEIGHT;
  const columns = data.map((d, i) => {
    const x = COLUMN_LEFT + i * slot;
    const h = max === 0 ? 0 : (d.value / max) * COLUMN_HEIGHT;
    const labelled = i % labelEvery === 0 || i === data.length - 1;
    return (
      `<rect x="${fmt(x + slot * 0.15)}" y="${fmt(base - h)}" width="${fmt(slot * 0.7)}" height="${fmt(h)}" ` +
      `fill="${NHS_BLUE}"><title>${escapeXml(`${d.label}: ${d.text ?? String(d.value)}`)}</title></rect>` +
      (labelled
        ? `<text x="${fmt(x + slot / 2)}" y="${String(base + 18)}" text-anchor="middle" font-size="12" ` +
          `fill="${SECONDARY_TEXT}">${escapeXml(d.label)}</text>`
        : '')
    );
  });
  const scale =
    `<line x1="${String(COLUMN_LEFT)}" y1="${String(base)}" x2="${String(WIDTH - 8)}" y2="${String(base)}" stroke="${BORDER}"/>` +
    `<line x1="${String(COLUMN_LEFT)}" y1="${String(COLUMN_TOP)}" x2="${String(WIDTH - 8)}" y2="${String(COLUMN_TOP)}" stroke="${BORDER}" stroke-dasharray="4 4"/>` +
    `<text x="${String(COLUMN_LEFT - 6)}" y="${String(COLUMN_TOP + 4)}" text-anchor="end" font-size="12" fill="${SECONDARY_TEXT}">${String(max)}</text>` +
    `<text x="${String(COLUMN_LEFT - 6)}" y="${String(base + 4)}" text-anchor="end" font-size="12" fill="${SECONDARY_TEXT}">0</text>`;
  return `${open(chart, height)}${scale}${columns.join('')}</svg>`;
}
