/**
 * Statistics: refreshing the aggregates over 100,000 items on PGlite and 1,000,000 on PostgreSQL,
 * beside a plain count(*) over the same rows in the same run; and static page throughput with
 * page-read counting on and off (the counter should cost under 5%).
 */
import { PGlite } from '@electric-sql/pglite';
import { makeKeys } from '../../functions/config/secrets.ts';
import type { Database } from '../../functions/db/database.ts';
import { migrate } from '../../functions/db/migrate.ts';
import { pgliteDatabase } from '../../functions/db/open-pglite.ts';
import { openPostgres } from '../../functions/db/open-postgres.ts';
import { createLogger } from '../../functions/http/logger.ts';
import { createReachCounter } from '../../functions/statistics/reach-counter.ts';
import { refreshStatistics } from '../../functions/statistics/refresh-statistics.ts';
import { runLoad } from '../lib/load.ts';
import { startBare, startWaymark, withScratchDatabase } from '../lib/servers.ts';
import { formatTable } from '../lib/table.ts';

const DATA_END = new Date('2026-12-31T00:00:00Z');

/** Synthetic items over a year (the trigger gives each its facts), a third answered, half closed. */
async function seed(db: Database, items: number): Promise<void> {
  await db.query(
    `insert into staff_users (id, email, role, active) values ('00000000-0000-4000-8000-000000000001', 'bench@example.org', 'operator', true)`,
  );
  const batch = 100_000;
  for (let start = 0; start < items; start += batch) {
    await db.query(
      `insert into queue_items (id, source, source_id, priority, priority_rank, status, closed_at, created_at, updated_at)
       select gen_random_uuid(), 'report', gen_random_uuid(),
         (array['emergency','urgent','standard','noise'])[1 + g % 4], 1 + g % 4,
         case when g % 2 = 0 then 'closed' else 'waiting' end,
         case when g % 2 = 0 then $3::timestamptz - (g % 360) * interval '1 day' + (g % 97) * interval '1 hour' end,
         $3::timestamptz - (g % 360) * interval '1 day', $3::timestamptz
       from generate_series($1::integer, $2::integer) g`,
      [start, Math.min(items, start + batch) - 1, DATA_END],
    );
  }
  await db.query(
    `update statistics_items set
       country = (array['NP','BD','IN','PH','VN','RO','ID','QA','MY','AE'])[1 + id % 10],
       exploitation = (array['labour','sexual','domestic-servitude','multiple','not-stated'])[1 + id % 5],
       children = (array['yes','no','unsure'])[1 + id % 3]`,
  );
  await db.query(
    `insert into queue_events (item_id, at, actor_id, kind)
     select id, created_at + (abs(hashtext(id::text)) % 5000) * interval '1 minute',
       '00000000-0000-4000-8000-000000000001', 'claimed'
     from queue_items where abs(hashtext(id::text)) % 3 = 0`,
  );
  await db.query('analyze');
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function median(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timed(work));
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

async function refreshRows(name: string, db: Database, items: number): Promise<(string | number)[][]> {
  const started = performance.now();
  await seed(db, items);
  const seeding = performance.now() - started;
  let now = new Date(DATA_END.getTime() + 86_400_000);
  const deps = {
    db,
    keys: makeKeys({
      encryptionKey: Buffer.alloc(32, 1),
      hashKey: Buffer.alloc(32, 2),
      twilioAuthToken: 'f'.repeat(32),
    }),
    log: createLogger('silent'),
    now: () => now,
  };
  const count = await median(3, () => db.query('select count(*) from queue_items'));
  const countJoined = await median(3, () =>
    db.query('select count(*) from statistics_items s left join queue_items q on q.id = s.item_id'),
  );
  // Nothing sealed yet: every month is recomputed from the facts, as on any day of the month.
  const refresh = await median(3, () => refreshStatistics(deps));
  // Two months later: every month of the year is sealed, its facts deleted, and the release is
  // built (suppression of each month, then of the year with its cross-tabulations).
  now = new Date(DATA_END.getTime() + 62 * 86_400_000);
  const sealing = await timed(() => refreshStatistics(deps));
  const after = await median(3, () => refreshStatistics(deps));
  const label = `${name}, ${items.toLocaleString('en')} items`;
  return [
    [label, 'seed (insert + facts trigger), once', Math.round(seeding)],
    [label, 'baseline: select count(*) from queue_items', count.toFixed(1)],
    [label, 'baseline: count(*) of facts joined to items', countJoined.toFixed(1)],
    [label, 'refresh, every month open (recomputed)', Math.round(refresh)],
    [label, 'refresh that seals 2026 and builds the release', Math.round(sealing)],
    [label, 'refresh after sealing (open months only)', Math.round(after)],
    [label, 'refresh / count(*) of the same rows', (refresh / countJoined).toFixed(1)],
  ];
}

export async function refreshBench(postgresUrl: string | undefined): Promise<string> {
  const rows: (string | number)[][] = [];
  const pg = await PGlite.create();
  const pglite = pgliteDatabase(pg);
  try {
    await migrate(pglite);
    rows.push(...(await refreshRows('PGlite', pglite, 100_000)));
  } finally {
    await pglite.close();
  }
  if (postgresUrl) {
    rows.push(
      ...(await withScratchDatabase(postgresUrl, async (url) => {
        const db = openPostgres(url, { poolSize: 2 });
        try {
          await migrate(db);
          return await refreshRows('PostgreSQL', db, 1_000_000);
        } finally {
          await db.close();
        }
      })),
    );
  } else rows.push(['PostgreSQL', 'skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL', '']);
  return formatTable(
    'Statistics refresh beside count(*) (median of 3 where repeated)',
    ['database', 'what', 'ms'],
    rows,
  );
}

export async function reachBench(seconds: number): Promise<string> {
  const off = await startWaymark({ REACH_COUNTING: 'off' });
  const on = await startWaymark({ REACH_COUNTING: 'on' });
  const page = await (await fetch(`${off.url}/en/`)).text();
  const bare = await startBare(page, 'text/html; charset=utf-8');
  try {
    const rows: (string | number)[][] = [];
    const measure = async (name: string, url: string) => {
      await runLoad({ url, seconds: 1, connections: 8 });
      const r = await runLoad({ url, seconds, connections: 16 });
      rows.push([name, Math.round(r.perSecond), r.p50.toFixed(2), r.p99.toFixed(2), r.errors]);
      return r.perSecond;
    };
    await measure('bare node:http, same page', `${bare.url}/`);
    // Alternated, so that drift on a shared machine falls on both sides.
    let offTotal = 0;
    let onTotal = 0;
    for (let round = 0; round < 3; round++) {
      offTotal += await measure(`Waymark /en/, counting off (round ${round + 1})`, `${off.url}/en/`);
      onTotal += await measure(`Waymark /en/, counting on (round ${round + 1})`, `${on.url}/en/`);
    }
    rows.push([
      'cost of counting (off - on) / off',
      `${(((offTotal - onTotal) / offTotal) * 100).toFixed(1)}%`,
      '',
      '',
      '',
    ]);
    // The counter's own work per read, measured in-process, against the time one page request takes:
    // steadier than throughput on a busy machine.
    const counter = createReachCounter({
      db: { query: async () => [] },
      now: () => new Date(),
      log: createLogger('silent'),
      flushAtReads: Number.POSITIVE_INFINITY,
    });
    const site = { isPage: () => true };
    const calls = 1_000_000;
    const started = performance.now();
    for (let i = 0; i < calls; i++) {
      const req = { method: 'GET', url: `/en/campaigns/c${i % 50}/?utm=${i % 7}` };
      counter.countRead(req as never, { statusCode: 200 } as never, site);
    }
    const perRead = ((performance.now() - started) * 1000) / calls;
    await counter.stop();
    const perRequest = (1_000_000 * 3) / offTotal;
    rows.push([
      `counter work per read (µs), against ${perRequest.toFixed(0)} µs per request with counting off`,
      perRead.toFixed(2),
      `${((perRead / perRequest) * 100).toFixed(2)}%`,
      '',
      '',
    ]);
    return formatTable(
      'Static page with page-read counting on and off, 16 connections',
      ['server', 'requests/s', 'p50 ms', 'p99 ms', 'errors'],
      rows,
    );
  } finally {
    await Promise.all([on.stop(), off.stop(), bare.stop()]);
  }
}
