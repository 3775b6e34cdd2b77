/**
 * Publish to live: a signed Sanity webhook arrives, the server rebuilds in-process from the dataset
 * (the groq-js stand-in over the exported content) and swaps the new pages in; the clock stops when
 * the changed title is served. Baseline: a plain `astro build` of the same content from content/,
 * the floor any rebuild-based publish stands on. A burst of publishes shows the coalescing.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeSignatureHeader } from '@sanity/webhook';
import { runAstroBuild } from '../../functions/build/run-astro-build.ts';
import { exportContent, toNdjson } from '../../functions/cms/export-content.ts';
import { startSanityStandIn } from '../../tests/helpers/sanity-stand-in.ts';
import { startWaymark } from '../lib/servers.ts';
import { formatTable } from '../lib/table.ts';

const SECRET = 'bench-webhook-secret-0123456789';
const PAGE = '/en/guides/warning-signs/';

async function waitForText(url: string, text: string, timeoutMs = 600_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if ((await (await fetch(url)).text()).includes(text)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never showed "${text}"`);
}

export async function publishToLive(): Promise<string> {
  const dist = path.resolve(`.builds/bench-publish-${process.pid}`);
  const baselineDir = path.resolve(`.builds/bench-baseline-${process.pid}`);
  const tmp = await mkdtemp(path.join(tmpdir(), 'waymark-bench-cms-'));
  const file = path.join(tmp, 'content.ndjson');
  await writeFile(file, toNdjson(await exportContent()));
  const standIn = await startSanityStandIn({ ndjsonFile: file });
  const sanityEnv = {
    SANITY_PROJECT_ID: 'waymark',
    SANITY_DATASET: 'production',
    SANITY_API_HOST: standIn.url,
  };
  try {
    let started = performance.now();
    await runAstroBuild(baselineDir);
    const baseline = (performance.now() - started) / 1000;

    await cp('dist', dist, { recursive: true });
    const server = await startWaymark({ ...sanityEnv, DIST_DIR: dist, SANITY_WEBHOOK_SECRET: SECRET });
    const publish = async () => {
      const body = JSON.stringify({ _id: 'guide.warning-signs.en', _type: 'guide' });
      const response = await fetch(`${server.url}/api/cms/publish`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'sanity-webhook-signature': await encodeSignatureHeader(body, Date.now(), SECRET),
        },
        body,
      });
      if (response.status !== 202) throw new Error(`publish answered ${response.status}`);
    };
    const rows: (string | number)[][] = [];
    try {
      for (const run of [1, 2]) {
        const title = `Warning signs, edition ${run}-${Date.now()}`;
        standIn.patch('guide.warning-signs.en', { title });
        started = performance.now();
        await publish();
        await waitForText(`${server.url}${PAGE}`, title);
        const seconds = (performance.now() - started) / 1000;
        rows.push([
          `single publish #${run}`,
          seconds.toFixed(1),
          baseline.toFixed(1),
          (seconds / baseline).toFixed(2),
        ]);
      }
      // Ten editors publish within a second: the last edit must be live after at most two builds.
      let last = '';
      started = performance.now();
      for (let i = 0; i < 10; i++) {
        last = `Warning signs, burst ${i}-${Date.now()}`;
        standIn.patch('guide.warning-signs.en', { title: last });
        await publish();
        await new Promise((r) => setTimeout(r, 100));
      }
      await waitForText(`${server.url}${PAGE}`, last);
      const burst = (performance.now() - started) / 1000;
      rows.push([
        '10 publishes in 1 s (coalesced)',
        burst.toFixed(1),
        baseline.toFixed(1),
        (burst / baseline).toFixed(2),
      ]);
    } finally {
      await server.stop();
    }
    return formatTable(
      'Publish to live (signed webhook -> in-process rebuild from Sanity -> new title served)',
      ['case', 'seconds', 'baseline: plain astro build (s)', 'ratio'],
      rows,
    );
  } finally {
    await standIn.close();
    for (const dir of [dist, `${dist}.next`, `${dist}.old`, baselineDir, tmp])
      await rm(dir, { recursive: true, force: true });
  }
}
