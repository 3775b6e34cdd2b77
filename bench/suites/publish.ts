/**
 * Publish to live at the size of a grown site. A corpus of `--pages` pages (default 10,000: 12
 * locales; guides, campaigns, the help directory) is served as a Sanity dataset by the groq-js
 * stand-in, then:
 * - built in full from scratch: `npm run build` (code, assets and the pages that show no single
 *   document, compressed and indexed), then a new node that fills its snapshot from Sanity and
 *   indexes every page that shows a document for search (it renders and compresses each on its
 *   first request); beside a plain `astro build` writing every page of the same content and a copy
 *   of its files (the floor any file-based publish stands on), with pages/s, peak memory and the
 *   node's CPU time; then a first request of every page of the sitemap, each rendered, compressed
 *   and kept by the node (what readers' first visits cost it);
 * - publish to live on one node (PGlite): a signed webhook for one changed guide, the clock stops
 *   when the node serves the new title; then on two nodes (PostgreSQL): sent to node A, the clock
 *   stops when node B serves it.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SEARCH_INDEX_PATH } from '#kernel/search/index-format.ts';
import { createSearcher } from '#kernel/search/query.ts';
import { BUILD_NODE_FLAGS } from '../../functions/build/run-astro-build.ts';
import { toNdjson } from '../../functions/cms/export-content.ts';
import { sendPublish } from '../../tests/helpers/publish.ts';
import { startSanityStandIn } from '../../tests/helpers/sanity-stand-in.ts';
import { generateCorpus } from '../lib/corpus.ts';
import { startWaymark, withScratchDatabase } from '../lib/servers.ts';
import { formatTable } from '../lib/table.ts';

const SECRET = 'bench-webhook-secret-0123456789';
const ASTRO = path.resolve('node_modules/astro/bin/astro.mjs');
const PUBLISHES = 20;
/** A reader's first search, in a few scripts: [language, query]. */
const SEARCHES: [string, string][] = [
  ['en', 'passport'],
  ['fr', 'passeport'],
  ['ar', 'جواز السفر'],
  ['zh', '护照'],
];

/** `astro build` under GNU time: seconds and the peak resident memory of the build. */
async function timedBuild(
  outDir: string,
  env: NodeJS.ProcessEnv,
): Promise<{ seconds: number; peakMb: number }> {
  const rssFile = `${outDir}.rss`;
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      '/usr/bin/time',
      // Waymark's build runs as `npm run build` runs it; the plain baseline on Node's defaults.
      [
        '-f',
        '%M',
        '-o',
        rssFile,
        process.execPath,
        ...(env.WAYMARK_PLAIN_BUILD ? [] : BUILD_NODE_FLAGS),
        ASTRO,
        'build',
        '--outDir',
        outDir,
      ],
      {
        env: { ...env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let tail = '';
    child.stderr!.on('data', (c: Buffer) => {
      tail = (tail + c.toString()).slice(-4000);
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`astro build failed:\n${tail}`))));
  });
  const seconds = (performance.now() - started) / 1000;
  const peakKb = Number((await readFile(rssFile, 'utf8')).trim().split('\n').pop());
  await rm(rssFile, { force: true });
  return { seconds, peakMb: peakKb / 1024 };
}

async function countPages(dir: string): Promise<number> {
  let n = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile() && entry.name.endsWith('.html')) n++;
  return n;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The most resident memory a process has used so far (Linux's VmHWM). */
async function peakMemoryMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)![1]) / 1024;
}

/** CPU seconds a process has used so far, all its threads (clock ticks are 1/100 s). */
async function cpuSeconds(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Waits until a process has used under 5% of a core for two seconds (start-up work done). */
async function settled(pid: number, timeoutMs = 900_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let quiet = 0;
  let last = await cpuSeconds(pid);
  while (quiet < 2 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = await cpuSeconds(pid);
    quiet = now - last < 0.05 ? quiet + 1 : 0; // under 5% of a core over the second
    last = now;
  }
}

/** Asks a node for every page of its sitemap once, four at a time, as readers' browsers would. */
async function firstRequests(url: string): Promise<{ pages: number; seconds: number; p95Ms: number }> {
  const sitemap = await (await fetch(`${url}/sitemap.xml`)).text();
  const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  const crawl = async () => {
    while (next < paths.length) {
      const path = paths[next++]!;
      const asked = performance.now();
      const response = await fetch(`${url}${path}`, { headers: { 'accept-encoding': 'br' } });
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      await response.arrayBuffer();
      times.push(performance.now() - asked);
    }
  };
  await Promise.all(Array.from({ length: 4 }, crawl));
  const seconds = (performance.now() - started) / 1000;
  return {
    pages: paths.length,
    seconds,
    p95Ms: percentile(
      times.sort((a, b) => a - b),
      95,
    ),
  };
}

/** The data a reader's first search costs: the index file, its chunks and ten results' fragments, as sent. */
async function firstSearch(
  url: string,
  language: string,
  query: string,
): Promise<{ results: number; files: number; kb: number }> {
  let bytes = 0;
  let files = 0;
  const searcher = createSearcher(async (name) => {
    const response = await fetch(`${url}${SEARCH_INDEX_PATH}${language}/${name}`, {
      headers: { 'accept-encoding': 'br' },
    });
    bytes += Number(response.headers.get('content-length'));
    files++;
    return response.json();
  }, language);
  const answer = await searcher.search(query);
  await answer.top(10);
  return { results: answer.count, files, kb: bytes / 1024 };
}

/** Publishes `count` title changes to `sendTo` and times each until `readFrom` serves it. */
async function publishRuns(
  standIn: Awaited<ReturnType<typeof startSanityStandIn>>,
  guides: [string, string][],
  sendTo: string,
  readFrom: string,
  count: number,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const [id, page] = guides[(i * 7919) % guides.length]!;
    const title = `Edited ${i} ${Date.now()}`;
    standIn.patch(id, { title });
    const started = performance.now();
    const response = await sendPublish(sendTo, id, SECRET);
    if (response.status !== 202)
      throw new Error(`publish answered ${response.status}: ${await response.text()}`);
    for (;;) {
      const text = await (await fetch(`${readFrom}${page}`, { headers: { 'accept-encoding': 'br' } })).text();
      if (text.includes(title)) break;
      if (performance.now() - started > 60_000) throw new Error(`${page} never showed the edit`);
      await new Promise((r) => setTimeout(r, 10));
    }
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

export async function publishToLive(options: { pages: number; postgresUrl?: string }): Promise<string> {
  const tag = `${process.pid}`;
  const fullDir = path.resolve(`.builds/bench-publish-full-${tag}`);
  const plainDir = path.resolve(`.builds/bench-publish-plain-${tag}`);
  const copyDir = path.resolve(`.builds/bench-publish-copy-${tag}`);
  const tmp = await mkdtemp(path.join(tmpdir(), 'waymark-bench-publish-'));
  await mkdir(path.resolve('.builds'), { recursive: true });
  const corpus = await generateCorpus(options.pages);
  const file = path.join(tmp, 'content.ndjson');
  await writeFile(file, toNdjson(corpus.documents));
  const standIn = await startSanityStandIn({ ndjsonFile: file, dataset: 'production' });
  const sanityEnv = {
    SANITY_PROJECT_ID: 'waymark',
    SANITY_DATASET: 'production',
    SANITY_API_HOST: standIn.url,
  };
  const rows: (string | number)[][] = [];
  const live: (string | number)[][] = [];
  const searches: (string | number)[][] = [];
  let fullPages = 0;
  try {
    // The baseline: Astro alone writing every page of the same content, no index, no compression.
    const plain = await timedBuild(plainDir, {
      ...process.env,
      ...sanityEnv,
      PRERENDER_DOCUMENTS: '1',
      WAYMARK_PLAIN_BUILD: '1',
    });
    const plainPages = await countPages(path.join(plainDir, 'client'));
    let started = performance.now();
    await cp(path.join(plainDir, 'client'), copyDir, { recursive: true });
    const copySeconds = (performance.now() - started) / 1000;
    await rm(copyDir, { recursive: true, force: true });
    await rm(plainDir, { recursive: true, force: true });

    // Waymark's build: code, assets and the pages that show no single document (the same whatever
    // the size of the site), search index and compression included.
    const shell = await timedBuild(fullDir, { ...process.env, ...sanityEnv });
    const shellPages = await countPages(path.join(fullDir, 'client'));
    // Then a node started from nothing (an empty data folder): it fills the snapshot from Sanity
    // and indexes every page that shows a document for search.
    const env = { ...sanityEnv, DIST_DIR: fullDir, SANITY_WEBHOOK_SECRET: SECRET, LOG_LEVEL: 'info' };
    let indexed: ((fields: { count: number; indexMs: number }) => void) | undefined;
    const siteIndexed = new Promise<{ count: number; indexMs: number }>((resolve) => {
      indexed = resolve;
    });
    started = performance.now();
    const one = await startWaymark(env, {
      startTimeoutMs: 600_000,
      onLogLine: (line) => {
        if (!line.includes('"site indexed"')) return;
        indexed!(JSON.parse(line));
      },
    });
    const startSeconds = (performance.now() - started) / 1000;
    try {
      const site = await siteIndexed;
      const contentSeconds = (performance.now() - started) / 1000;
      const nodePeakMb = await peakMemoryMb(one.child.pid!);
      const nodeCpu = await cpuSeconds(one.child.pid!);
      const total = shell.seconds + contentSeconds;
      const pages = shellPages + site.count;
      // Readers' first requests: every page of the sitemap once, rendered, compressed and kept.
      const crawled = await firstRequests(one.url);
      const crawlPeakMb = await peakMemoryMb(one.child.pid!);
      for (const [language, query] of SEARCHES) {
        const cost = await firstSearch(one.url, language, query);
        searches.push([language, query, cost.results, cost.files, cost.kb.toFixed(1)]);
      }
      rows.push(
        [
          'Waymark: npm run build (code, assets, pages without a document)',
          shellPages,
          shell.seconds.toFixed(1),
          '-',
          shell.peakMb.toFixed(0),
        ],
        [
          `Waymark: a new node fills its snapshot and indexes the site for search (listening after ${startSeconds.toFixed(1)} s; index ${(site.indexMs / 1000).toFixed(1)} s; CPU: ${nodeCpu.toFixed(1)} s)`,
          site.count,
          contentSeconds.toFixed(1),
          (site.count / contentSeconds).toFixed(0),
          nodePeakMb.toFixed(0),
        ],
        [
          '**Waymark: full build from scratch (both)**',
          pages,
          total.toFixed(1),
          (pages / total).toFixed(0),
          Math.max(shell.peakMb, nodePeakMb).toFixed(0),
        ],
        [
          `then: a first request of every page in the sitemap (rendered, compressed, kept; p95 ${crawled.p95Ms.toFixed(0)} ms, 4 at a time)`,
          crawled.pages,
          crawled.seconds.toFixed(1),
          (crawled.pages / crawled.seconds).toFixed(0),
          crawlPeakMb.toFixed(0),
        ],
        [
          'baseline: plain astro build of every page',
          plainPages,
          plain.seconds.toFixed(1),
          (plainPages / plain.seconds).toFixed(0),
          plain.peakMb.toFixed(0),
        ],
        [
          "floor: copy the plain build's files",
          plainPages,
          copySeconds.toFixed(1),
          (plainPages / copySeconds).toFixed(0),
          '-',
        ],
      );
      fullPages = pages;
      const times = await publishRuns(standIn, corpus.guides, one.url, one.url, PUBLISHES);
      live.push([
        'one node (PGlite)',
        PUBLISHES,
        percentile(times, 50).toFixed(0),
        percentile(times, 95).toFixed(0),
        startSeconds.toFixed(1),
        (await peakMemoryMb(one.child.pid!)).toFixed(0),
      ]);
    } finally {
      await one.stop();
    }
    if (options.postgresUrl) {
      await withScratchDatabase(options.postgresUrl, async (url) => {
        const shared = {
          ...env,
          DATABASE_URL: url,
          ENCRYPTION_KEY: randomBytes(32).toString('base64'),
          HASH_KEY: randomBytes(32).toString('base64'),
        };
        started = performance.now();
        const a = await startWaymark(shared, { startTimeoutMs: 600_000 });
        const firstStart = (performance.now() - started) / 1000;
        const b = await startWaymark(shared, { startTimeoutMs: 600_000 });
        try {
          await Promise.all([settled(a.child.pid!), settled(b.child.pid!)]);
          const times = await publishRuns(standIn, corpus.guides, a.url, b.url, PUBLISHES);
          const peaks = await Promise.all([peakMemoryMb(a.child.pid!), peakMemoryMb(b.child.pid!)]);
          live.push([
            'two nodes (PostgreSQL): sent to A, served by B',
            PUBLISHES,
            percentile(times, 50).toFixed(0),
            percentile(times, 95).toFixed(0),
            firstStart.toFixed(1),
            Math.max(...peaks).toFixed(0),
          ]);
        } finally {
          await Promise.all([a.stop(), b.stop()]);
        }
      });
    } else {
      live.push([
        'two nodes (PostgreSQL)',
        'set BENCH_DATABASE_URL or TEST_DATABASE_URL',
        '-',
        '-',
        '-',
        '-',
      ]);
    }
    return (
      formatTable(
        `Full build of ${fullPages} pages (corpus asked: ${options.pages}; 12 locales; goal: 300 pages/s, peak memory 1 GB)`,
        ['build', 'pages', 'seconds', 'pages/s', 'peak memory (MB)'],
        rows,
      ) +
      formatTable(
        `Publish to live at ${fullPages} pages (signed webhook -> changed guide served; goal: p95 under 3,000 ms)`,
        [
          'case',
          'publishes',
          'p50 (ms)',
          'p95 (ms)',
          'first start with this site (s, snapshot filled)',
          'peak memory of a node (MB)',
        ],
        live,
      ) +
      formatTable(
        `A reader's first search at ${fullPages} pages (the index file, the chunks the words are in, ten results' fragments; brotli, as sent)`,
        ['language', 'query', 'results', 'files', 'KB'],
        searches,
      )
    );
  } finally {
    await standIn.close();
    for (const dir of [fullDir, plainDir, copyDir, tmp]) await rm(dir, { recursive: true, force: true });
  }
}
