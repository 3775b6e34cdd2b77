/**
 * A release as CSV: one line per published number, the same numbers as the JSON. A hidden number
 * has an empty count and `hidden` true; each period's total appears once per measure.
 */
import type { Release } from './release.ts';

const HEADER = ['measure', 'period', 'dimension', 'category', 'count', 'hidden'];

/** RFC 4180 quoting, and no cell that a spreadsheet would run as a formula. */
function field(value: string | number | boolean): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function releaseToCsv(release: Release): string {
  const lines = [HEADER.join(',')];
  const totals = new Set<string>();
  const line = (cells: (string | number | boolean)[]) => lines.push(cells.map(field).join(','));
  for (const t of release.tables) {
    const totalKey = `${t.measure}/${t.period}`;
    if (!totals.has(totalKey)) {
      totals.add(totalKey);
      line([t.measure, t.period, 'total', 'total', t.total ?? '', t.total === null]);
    }
    for (const r of t.rows) {
      line([
        t.measure,
        t.period,
        t.dimensions.join('|'),
        r.category.join('|'),
        r.value ?? '',
        r.value === null,
      ]);
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
