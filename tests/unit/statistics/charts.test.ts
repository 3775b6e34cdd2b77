import { describe, expect, it } from 'vitest';
import type { PublishedTable, Release } from '../../../functions/statistics/release.ts';
import { barChart, monthlyLine } from '../../../functions/statistics/statistics-charts.ts';

const table: PublishedTable = {
  id: 'items/2026-03/country',
  measure: 'items',
  period: '2026-03',
  dimensions: ['country'],
  total: 1250,
  rows: [
    { category: ['NP'], value: 1200 },
    { category: ['<BD>'], value: null },
    { category: ['PH'], value: 0 },
  ],
};
const text = {
  locale: 'ne',
  title: 'Cases by country, March 2026',
  hidden: 'fewer than 11',
  headings: ['Country', 'Cases'] as [string, string],
  total: 'Total',
};

describe('statistics charts', () => {
  it('draws plain SVG with a title, no script or outside reference, and numbers in the page language', () => {
    const { svg } = barChart(table, text);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('role="img"');
    expect(svg).toContain(
      '<title id="chart-items-2026-03-country-title">Cases by country, March 2026</title>',
    );
    expect(svg).not.toMatch(/<script|href=|url\(|on[a-z]+=/i);
    expect(svg).toContain(new Intl.NumberFormat('ne').format(1200));
    // The hidden bar is an outline and its label says so; the category name is escaped.
    expect(svg).toContain('&lt;BD&gt;: fewer than 11');
    expect(svg).toContain('stroke-dasharray');
  });

  it('gives the same figures as a table, hidden ones in words', () => {
    const { table: alt } = barChart(table, { ...text, locale: 'en' });
    expect(alt).toEqual({
      caption: 'Cases by country, March 2026',
      columns: ['Country', 'Cases'],
      rows: [
        ['NP', '1,200'],
        ['<BD>', 'fewer than 11'],
        ['PH', '0'],
        ['Total', '1,250'],
      ],
    });
  });

  it('breaks a monthly line where a month is hidden', () => {
    const release: Release = {
      kind: 'published',
      generatedAt: '2026-05-01T00:00:00Z',
      threshold: 11,
      months: ['2026-01', '2026-02', '2026-03'],
      years: [],
      tables: ['2026-01', '2026-02', '2026-03'].map((period, i) => ({
        ...table,
        id: `items/${period}/country`,
        period,
        total: i === 1 ? null : 40 + i,
      })),
    };
    const chart = monthlyLine(release, 'items', { ...text, locale: 'en' });
    expect(chart.svg.match(/<polyline/g)).toHaveLength(2);
    expect(chart.table.rows).toEqual([
      ['Jan 2026', '40'],
      ['Feb 2026', 'fewer than 11'],
      ['Mar 2026', '42'],
    ]);
  });
});

describe('axis labels', () => {
  it('are cut to the width a bar has, the whole name kept in its title and the table', () => {
    const long = 'Over 7 days, or no response';
    const table: PublishedTable = {
      id: 'items/2026-01/firstResponse',
      measure: 'items',
      period: '2026-01',
      dimensions: ['firstResponse'],
      total: 60,
      rows: ['a', 'b', 'c', 'd', 'e'].map((c) => ({ category: [c], value: 12 })),
    };
    const chart = barChart(table, { ...text, locale: 'en', label: () => long });
    const labels = [...chart.svg.matchAll(/<text [^>]*font-size="11">([^<]+)<\/text>/g)]
      .map((m) => m[1]!)
      .filter((l) => !/^\d+$/.test(l));
    expect(labels).toHaveLength(5);
    for (const l of labels) expect(l.endsWith('…') && l.length < long.length).toBe(true);
    expect(chart.svg).toContain(`<title>${long}: 12</title>`);
    expect(chart.table.rows[0]![0]).toBe(long);
  });
});
