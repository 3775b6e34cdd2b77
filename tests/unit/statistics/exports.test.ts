import { describe, expect, it } from 'vitest';
import { releaseToCsv } from '../../../functions/statistics/export-csv.ts';
import { releaseToHtcds } from '../../../functions/statistics/export-htcds.ts';
import { buildRelease } from '../../../functions/statistics/release.ts';
import { countRecords, randomRecords } from '../../helpers/statistics-data.ts';

const { records, months } = randomRecords(5, { items: 400, referrals: 80 });
const release = buildRelease(countRecords(records), months, new Date('2026-02-01T00:00:00Z'));

describe('exports of the published release', () => {
  it('writes the same numbers in CSV as in JSON, hidden ones empty', () => {
    const lines = releaseToCsv(release).trimEnd().split('\r\n');
    expect(lines[0]).toBe('measure,period,dimension,category,count,hidden');
    const json = release.tables.flatMap((t) => t.rows.map((r) => r.value));
    const csv = lines.filter((l) => !l.includes(',total,total,')).slice(1);
    expect(csv).toHaveLength(json.length);
    expect(csv.map((l) => l.split(',')[4])).toEqual(json.map((v) => (v === null ? '' : String(v))));
    expect(csv.map((l) => l.split(',')[5])).toEqual(json.map((v) => String(v === null)));
  });

  it("shapes an HTCDS aggregate: the standard's exploitation values, wmk_ fields, suppressed records", () => {
    const htcds = releaseToHtcds(release);
    expect(htcds).toMatchObject({
      standard: 'HTCDS',
      standardVersion: '2.0',
      wmk_Kind: 'aggregate',
      wmk_Threshold: 11,
    });
    const labour = htcds.records.find(
      (r) => r.wmk_TypeOfExploitation === 'labour' && r.wmk_Month === '2025-01',
    );
    expect(labour).toMatchObject({ wmk_Measure: 'cases', vic_TypeOfExploitation: 'ForcedLabour' });
    const hidden = htcds.records.filter((r) => r.wmk_Suppressed);
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.every((r) => r.wmk_Count === null)).toBe(true);
    const counts = htcds.records.map((r) => r.wmk_Count).filter((c): c is number => typeof c === 'number');
    expect(counts.filter((c) => c > 0 && c < 11)).toEqual([]);
    expect(
      htcds.records.some((r) => r.wmk_Year === '2025' && 'wmk_Country' in r && 'vic_TypeOfExploitation' in r),
    ).toBe(true);
  });
});
