/**
 * Campaign reach: the front door counts page reads per path and day (and nothing else), in memory,
 * flushed in batches; memory stays bounded; the campaign view hides small counts unless exact.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCALES } from '#kernel/i18n/locales.ts';
import { createServer } from '../../../functions/server/create-server.ts';
import { createStaticSite } from '../../../functions/server/static-files.ts';
import { createReachCounter, pagePath } from '../../../functions/statistics/reach-counter.ts';
import { campaignReach } from '../../../functions/statistics/reach-view.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';

describe('which paths are pages', () => {
  it('keeps a locale-prefixed path without its query or index.html, and nothing else', () => {
    expect(pagePath('/en/campaigns/x/?utm_source=a')).toBe('/en/campaigns/x/');
    expect(pagePath('/ne/campaigns/x/index.html')).toBe('/ne/campaigns/x/');
    expect(pagePath('/_astro/site.js')).toBeNull();
    expect(pagePath('/api/health')).toBeNull();
    expect(pagePath('/console/')).toBeNull();
    expect(pagePath('/xx/campaigns/x/')).toBeNull();
  });
});

describe.each(engines)('reach on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  let dir: string;
  beforeEach(async () => {
    t = await engine.create();
    deps = createTestDeps(t.db);
    dir = await mkdtemp(path.join(tmpdir(), 'waymark-reach-'));
  });
  afterEach(async () => {
    await t.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  const stored = () =>
    t.db.query<{ day: string; path: string; reads: number }>(
      `select to_char(day, 'YYYY-MM-DD') as day, path, reads from reach_counts order by path`,
    );

  it('counts successful GETs of public pages served by the front door, and stores only path, day and count', async () => {
    await mkdir(path.join(dir, 'en/campaigns/fair-jobs'), { recursive: true });
    await mkdir(path.join(dir, '_astro'), { recursive: true });
    await writeFile(path.join(dir, 'en/campaigns/fair-jobs/index.html'), '<!doctype html><title>x</title>');
    await writeFile(path.join(dir, '_astro/site.js'), 'void 0');
    const reach = createReachCounter({ ...deps, flushAtReads: 1_000_000, flushEveryMs: 3_600_000 });
    const server = createServer({
      deps,
      site: await createStaticSite(dir),
      app: (_req, res) => void res.writeHead(404).end(),
      reach,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const statuses: number[] = [];
    const get = async (p: string, init?: RequestInit) => {
      const response = await fetch(`${base}${p}`, { redirect: 'manual', ...init });
      await response.arrayBuffer();
      statuses.push(response.status);
      return response;
    };
    try {
      await get('/en/campaigns/fair-jobs/');
      await get('/en/campaigns/fair-jobs/?utm_campaign=spring', {
        headers: { referer: 'https://elsewhere.example/' },
      });
      const page = await get('/en/campaigns/fair-jobs/');
      await get('/en/campaigns/fair-jobs/', { method: 'HEAD' });
      await get('/en/campaigns/fair-jobs/', { headers: { 'if-none-match': page.headers.get('etag')! } });
      await get('/en/campaigns/fair-jobs');
      await get('/_astro/site.js');
      await get('/en/no-such-page/');
      await get('/api/health');
      expect(statuses).toEqual([200, 200, 200, 200, 304, 301, 200, 404, 404]);
      // Nothing was added to the page and no cookie set.
      expect(page.headers.get('set-cookie')).toBeNull();
      expect(reach.pending).toBe(1);
      expect(await stored()).toEqual([]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    // Closing the server flushes what was counted.
    await reach.flush();
    expect(await stored()).toEqual([{ day: '2026-11-22', path: '/en/campaigns/fair-jobs/', reads: 3 }]);
    const columns = await t.db.query<{ column_name: string }>(
      `select column_name from information_schema.columns where table_name = 'reach_counts' order by column_name`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(['day', 'path', 'reads']);
  });

  it('drops paths past its bound, flushes after N reads without being asked, and adds batches up', async () => {
    const site = { isPage: () => true };
    const reader = (reach: ReturnType<typeof createReachCounter>) => (url: string) =>
      reach.countRead({ method: 'GET', url } as never, { statusCode: 200 } as never, site);
    const bounded = createReachCounter({ ...deps, flushAtReads: 1000, maxPaths: 2, flushEveryMs: 3_600_000 });
    const readBounded = reader(bounded);
    for (const url of ['/en/a/', '/fr/b/', '/ar/c/', '/en/a/']) readBounded(url);
    expect(bounded.pending).toBe(2);
    await bounded.stop();
    expect(await stored()).toEqual([
      { day: '2026-11-22', path: '/en/a/', reads: 2 },
      { day: '2026-11-22', path: '/fr/b/', reads: 1 },
    ]);
    const eager = createReachCounter({ ...deps, flushAtReads: 3, flushEveryMs: 3_600_000 });
    const readEager = reader(eager);
    for (let i = 0; i < 3; i++) readEager('/en/a/');
    expect(eager.pending).toBe(0);
    await eager.stop();
    expect((await stored())[0]).toEqual({ day: '2026-11-22', path: '/en/a/', reads: 5 });
  });

  it('shows a campaign its reads and the reports and texts from its corridor, small counts hidden unless exact', async () => {
    await t.db.query(
      `insert into reach_counts (day, path, reads) values
        ('2026-03-01', '/en/campaigns/fair-jobs/', 40), ('2026-03-01', '/ne/campaigns/fair-jobs/', 3),
        ('2026-03-02', '/en/campaigns/fair-jobs/', 25), ('2026-03-02', '/ne/campaigns/fair-jobs/', 30),
        ('2026-03-02', '/en/guides/other/', 500)`,
    );
    await t.db.query(
      `insert into statistics_days (day, country, channel, count) values
        ('2026-03-01', 'NP', 'web', 12), ('2026-03-02', 'NP', 'sms', 4), ('2026-03-02', 'QA', 'web', 30),
        ('2026-02-28', 'NP', 'web', 2), ('2026-03-02', 'IN', 'web', 99)`,
    );
    const campaign = { slug: 'fair-jobs', start: '2026-03-01', end: '2026-03-02', from: ['NP'], to: ['QA'] };
    const exact = await campaignReach(t.db, campaign, { exact: true, today: '2026-03-10' });
    expect(exact.reads.rows.map((r) => [r.label, r.total])).toEqual([
      ['2026-03-01', 43],
      ['2026-03-02', 55],
    ]);
    expect(exact.followUp.rows).toEqual([
      { label: 'before', values: [2, 0, 0], total: 2 },
      { label: 'during', values: [42, 4, 0], total: 46 },
    ]);
    const published = await campaignReach(t.db, campaign, { exact: false, today: '2026-03-10' });
    const numbers = [
      ...published.reads.rows.flatMap((r) => [...r.values, r.total]),
      ...published.followUp.rows.flatMap((r) => [...r.values, r.total]),
    ];
    expect(numbers.filter((n) => n !== null && n > 0 && n < 11)).toEqual([]);
    expect(published.reads.rows[0]!.values[LOCALES.findIndex((l) => l.code === 'ne')]).toBeNull();
  });
});
