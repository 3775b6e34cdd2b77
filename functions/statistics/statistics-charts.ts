/**
 * Charts of the statistics as plain SVG strings drawn on the server: no script, nothing from
 * another origin, numbers formatted for the reader's language with Intl. Every chart comes with the
 * table that says the same thing (for screen readers, and for anyone who prefers numbers), and a
 * hidden count is drawn as an outlined stub and written as the caller's "hidden" wording, never as
 * a number. Pages call these and render; the wording (title, category names) is theirs.
 */
import type { Measure } from './dimensions.ts';
import type { PublishedTable, Release } from './release.ts';

export interface ChartText {
  /** BCP 47 language of the page, for number formatting. */
  locale: string;
  title: string;
  /** How a hidden count reads, e.g. "fewer than 11 (or hidden to protect one)". */
  hidden: string;
  /** The table alternative's column headings: the category (or month) and the count. */
  headings: [string, string];
  /** The name of the total row. */
  total: string;
  /** A category's name in the page's language. */
  label?: (category: string) => string;
}

export interface Chart {
  svg: string;
  /** The same figures as a table: the accessible alternative. */
  table: { caption: string; columns: string[]; rows: string[][] };
}

const escapeXml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const COLOURS = { bar: '#1f4e5f', line: '#1f4e5f', hidden: '#6b7280', axis: '#d0d7de' };

/**
 * An axis label cut to about the width it has (11px text: ~6px a Latin letter, ~11px a wide
 * script's); the whole name stays in the bar's <title> and in the table.
 */
function fitLabel(name: string, width: number): string {
  const units = (c: string) =>
    /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(c) ? 11 : 6;
  const chars = [...name];
  if (chars.reduce((sum, c) => sum + units(c), 0) <= width) return name;
  let used = 6;
  const kept: string[] = [];
  for (const c of chars) {
    if (used + units(c) > width) break;
    used += units(c);
    kept.push(c);
  }
  return `${kept.join('').trimEnd()}…`;
}

/** An id usable in an SVG's aria-labelledby, unique per table. */
const idFor = (text: string) => `chart-${text.replace(/[^a-zA-Z0-9]+/g, '-')}`;

function frame(id: string, text: ChartText, width: number, height: number, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" ` +
    `aria-labelledby="${id}-title"><title id="${id}-title">${escapeXml(text.title)}</title>` +
    `<line x1="0" y1="${height - 28}" x2="${width}" y2="${height - 28}" stroke="${COLOURS.axis}"/>${body}</svg>`
  );
}

/** A bar per category of a one-way table. */
export function barChart(table: PublishedTable, text: ChartText): Chart {
  const format = new Intl.NumberFormat(text.locale);
  const label = text.label ?? ((c: string) => c);
  const width = 480;
  const height = 220;
  const top = 24;
  const bottom = 28;
  const max = Math.max(1, ...table.rows.map((r) => r.value ?? 0));
  const slot = width / Math.max(1, table.rows.length);
  const barWidth = Math.max(4, Math.round(slot * 0.7));
  const scale = (height - top - bottom) / max;
  const bars = table.rows
    .map((row, i) => {
      const name = label(row.category.join(' · '));
      const x = Math.round(i * slot + (slot - barWidth) / 2);
      const centre = x + barWidth / 2;
      const written = row.value === null ? text.hidden : format.format(row.value);
      const h = row.value === null ? 6 : Math.round(row.value * scale);
      const y = height - bottom - h;
      const shape =
        row.value === null
          ? `<rect x="${x}" y="${y}" width="${barWidth}" height="${h}" fill="none" stroke="${COLOURS.hidden}" stroke-dasharray="3 2"/>`
          : `<rect x="${x}" y="${y}" width="${barWidth}" height="${h}" fill="${COLOURS.bar}"/>`;
      const value =
        row.value === null
          ? ''
          : `<text x="${centre}" y="${y - 4}" text-anchor="middle" font-size="11">${written}</text>`;
      const labelEvery = table.rows.length <= 8 ? 1 : 3;
      const axis =
        i % labelEvery === 0
          ? `<text x="${centre}" y="${height - 10}" text-anchor="middle" font-size="11">${escapeXml(fitLabel(name, slot * labelEvery - 4))}</text>`
          : '';
      return `<g><title>${escapeXml(`${name}: ${written}`)}</title>${shape}${value}${axis}</g>`;
    })
    .join('');
  const cell = (v: number | null) => (v === null ? text.hidden : format.format(v));
  return {
    svg: frame(idFor(table.id), text, width, height, bars),
    table: {
      caption: text.title,
      columns: [...text.headings],
      rows: [
        ...table.rows.map((r) => [label(r.category.join(' · ')), cell(r.value)]),
        [text.total, cell(table.total)],
      ],
    },
  };
}

/** Totals per month of one measure: a line, broken where a month's total is hidden. */
export function monthlyLine(release: Release, measure: Measure, text: ChartText): Chart {
  const format = new Intl.NumberFormat(text.locale);
  const monthName = new Intl.DateTimeFormat(text.locale, {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const points = release.months.map((month) => {
    const table = release.tables.find((t) => t.measure === measure && t.period === month);
    return { month, value: table ? table.total : 0 };
  });
  const width = 480;
  const height = 220;
  const top = 24;
  const bottom = 28;
  const max = Math.max(1, ...points.map((p) => p.value ?? 0));
  const step = points.length > 1 ? (width - 40) / (points.length - 1) : 0;
  const xAt = (i: number) => Math.round(20 + i * step);
  const yAt = (v: number) => Math.round(height - bottom - (v * (height - top - bottom)) / max);
  const segments: string[] = [];
  let current: string[] = [];
  points.forEach((p, i) => {
    if (p.value === null) {
      if (current.length > 0) segments.push(current.join(' '));
      current = [];
    } else current.push(`${xAt(i)},${yAt(p.value)}`);
  });
  if (current.length > 0) segments.push(current.join(' '));
  const when = (month: string) => monthName.format(new Date(`${month}-01T00:00:00Z`));
  const lines = segments
    .map((s) => `<polyline points="${s}" fill="none" stroke="${COLOURS.line}" stroke-width="2"/>`)
    .join('');
  const dots = points
    .map((p, i) => {
      const written = p.value === null ? text.hidden : format.format(p.value);
      const label = `<title>${escapeXml(`${when(p.month)}: ${written}`)}</title>`;
      const axis =
        i % Math.ceil(points.length / 6) === 0
          ? `<text x="${xAt(i)}" y="${height - 10}" text-anchor="middle" font-size="10">${escapeXml(when(p.month))}</text>`
          : '';
      const mark =
        p.value === null
          ? `<circle cx="${xAt(i)}" cy="${height - bottom - 4}" r="3" fill="none" stroke="${COLOURS.hidden}"/>`
          : `<circle cx="${xAt(i)}" cy="${yAt(p.value)}" r="3" fill="${COLOURS.line}"/>`;
      return `<g>${label}${mark}</g>${axis}`;
    })
    .join('');
  return {
    svg: frame(idFor(`${measure}-months`), text, width, height, lines + dots),
    table: {
      caption: text.title,
      columns: [...text.headings],
      rows: points.map((p) => [when(p.month), p.value === null ? text.hidden : format.format(p.value)]),
    },
  };
}
