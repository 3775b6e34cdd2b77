/**
 * Publishing through Sanity, end to end and offline: content/ is exported to an import file, served
 * by the groq-js stand-in, and built by `astro build` through the Sanity loader; every page the
 * build writes and every page a node on it serves must match the file build's. On that node, a title changed in the dataset is
 * live after a signed publish webhook (pages render from the database's content snapshot), found by
 * search in the browser, and not live after a forged one.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeSignatureHeader } from '@sanity/webhook';
import { type Running, startWaymark } from '../../bench/lib/servers.ts';
import { runAstroBuild } from '../../functions/build/run-astro-build.ts';
import { exportContent, toNdjson } from '../../functions/cms/export-content.ts';
import { withBlankDatabase } from '../helpers/blank-data-folder.ts';
import { type SanityStandIn, startSanityStandIn } from '../helpers/sanity-stand-in.ts';
import { expect, test } from './fixtures.ts';
import { sitemapPaths } from './sitemap.ts';

const SECRET = 'e2e-webhook-secret-0123456789';
const BUILD = path.resolve(`.builds/e2e-sanity-${process.pid}`);
const PAGE = '/en/guides/warning-signs/';
const HOSTILE_BODY = [
  'Still here.',
  '<script>window.owned = 1</script>',
  '<img src="/nothing.png" alt="x" onerror="window.owned = 1">',
  '[Open](javascript:window.owned=1)',
  '<meta http-equiv="refresh" content="0;url=https://www.google.com/">',
  '<iframe src="https://www.google.com/"></iframe>',
  '<form action="https://www.google.com/"><input name="passport"></form>',
  '<p style="position:fixed;inset:0;background:white">Your session expired</p>',
].join('\n\n');

let standIn: SanityStandIn;
let server: Running | undefined;
let tmp: string;

const sanityEnv = () => ({
  SANITY_PROJECT_ID: 'waymark',
  SANITY_DATASET: 'production',
  SANITY_API_HOST: standIn.url,
});

async function htmlFiles(root: string, dir = root): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await htmlFiles(root, full)));
    else if (entry.name.endsWith('.html')) found.push(path.relative(root, full));
  }
  return found.sort();
}

/**
 * A page as the reader gets it, apart from the origin of absolute links (the builds are made with
 * different PUBLIC_BASE_URLs) and the hashes in bundled scripts' names: the bundler does not always
 * split a script the same way twice (the order of an island's shared chunks varies from build to
 * build), whatever the content came from.
 */
const sameOrigin = (html: string) =>
  html
    .replace(/https?:\/\/(localhost|127\.0\.0\.1):\d+/g, 'ORIGIN')
    .replace(/(\/_astro\/[\w.-]+?)\.[\w-]{8}\.js/g, '$1.js');

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(300_000);
  tmp = await mkdtemp(path.join(tmpdir(), 'waymark-cms-'));
  const file = path.join(tmp, 'content.ndjson');
  await writeFile(file, toNdjson(await exportContent()));
  standIn = await startSanityStandIn({ ndjsonFile: file, dataset: 'production' });
  await runAstroBuild(BUILD, { ...process.env, ...sanityEnv(), PUBLIC_BASE_URL: baseURL! });
});

test.afterAll(async () => {
  await server?.stop();
  await standIn?.close();
  await rm(BUILD, { recursive: true, force: true });
  await rm(tmp, { recursive: true, force: true });
});

test('a site built and served from the Sanity dataset is the same site as from content/', async ({
  baseURL,
}) => {
  test.setTimeout(300_000);
  // The build's own pages (those that show no single document).
  const fileBuild = await htmlFiles('dist/client');
  const sanityBuild = await htmlFiles(path.join(BUILD, 'client'));
  expect(sanityBuild).toEqual(fileBuild);
  expect(fileBuild.length).toBeGreaterThan(100);
  const different: string[] = [];
  for (const page of fileBuild) {
    const [a, b] = await Promise.all([
      readFile(path.join('dist/client', page), 'utf8'),
      readFile(path.join(BUILD, 'client', page), 'utf8'),
    ]);
    if (sameOrigin(a) !== sameOrigin(b)) different.push(page);
  }
  // Every page of the sitemap as the two nodes serve it, rendered from their content snapshots.
  server = await startWaymark(
    { ...sanityEnv(), DIST_DIR: BUILD, SANITY_WEBHOOK_SECRET: SECRET },
    { beforeStart: withBlankDatabase },
  );
  const pages = await sitemapPaths(baseURL!);
  expect(pages.length).toBeGreaterThan(300);
  for (const page of pages) {
    const [a, b] = await Promise.all([
      fetch(`${baseURL}${page}`).then((r) => r.text()),
      fetch(`${server.url}${page}`).then((r) => r.text()),
    ]);
    if (sameOrigin(a) !== sameOrigin(b)) different.push(page);
  }
  expect(different, 'pages that differ between the two sources').toEqual([]);
  expect(standIn.queries).toBeGreaterThanOrEqual(5);
});

test('a changed title is live after a signed publish webhook, and not after a forged one', async ({
  page,
}) => {
  test.setTimeout(300_000);
  server ??= await startWaymark(
    { ...sanityEnv(), DIST_DIR: BUILD, SANITY_WEBHOOK_SECRET: SECRET },
    { beforeStart: withBlankDatabase },
  );
  const before = await (await fetch(`${server.url}${PAGE}`)).text();
  const oldTitle = standIn.documents.find((d) => d._id === 'guide.warning-signs.en')!.title as string;
  expect(before).toContain(oldTitle);

  const newTitle = `Warning signs, revised quorvantel ${Date.now()}`;
  // The same publish carries markup an attacker with an editor's account could write.
  standIn.patch('guide.warning-signs.en', { title: newTitle, body: HOSTILE_BODY });
  const body = JSON.stringify({ _id: 'guide.warning-signs.en', _type: 'guide' });
  const publish = async (signature?: string) =>
    fetch(`${server!.url}/api/cms/publish`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(signature ? { 'sanity-webhook-signature': signature } : {}),
      },
      body,
    });

  // Unsigned and forged webhooks: 401, and nothing changes.
  expect((await publish()).status).toBe(401);
  expect((await publish(await encodeSignatureHeader(body, Date.now(), 'not-the-secret-at-all'))).status).toBe(
    401,
  );
  await new Promise((r) => setTimeout(r, 1500));
  expect(await (await fetch(`${server.url}${PAGE}`)).text()).not.toContain(newTitle);

  const first = await publish(await encodeSignatureHeader(body, Date.now(), SECRET));
  expect(first.status).toBe(202);
  expect(await first.json()).toMatchObject({ id: 'guide.warning-signs.en', changed: true });
  // The node that took the webhook serves the change as soon as it answered.
  expect(await (await fetch(`${server.url}${PAGE}`)).text()).toContain(newTitle);
  await page.goto(`${server.url}${PAGE}`);
  await expect(page.locator('h1')).toHaveText(newTitle);
  const article = await page.locator('article').innerHTML();
  expect(article).toContain('Still here');
  for (const pattern of [
    /<script/i,
    /\son[a-z]+=/i,
    /<[^>]*javascript:/i,
    /http-equiv/i,
    /<iframe/i,
    /<form/i,
    /\sstyle=/i,
  ]) {
    expect(article).not.toMatch(pattern);
  }
  await page.waitForTimeout(1500);
  expect(page.url()).toBe(`${server.url}${PAGE}`);
  expect(await page.evaluate(() => (window as unknown as { owned?: number }).owned)).toBeUndefined();

  // Search sees the change too, once this node has re-indexed the guide's pages.
  const word = 'quorvantel';
  await expect
    .poll(
      async () => {
        await page.goto(`${server!.url}/en/search/`);
        await page.locator('#search-input').fill(word);
        await page.locator('#search-form button').click();
        const first = page.locator('#search-results li a').first();
        await first.waitFor({ timeout: 5_000 }).catch(() => {});
        return first.getAttribute('href', { timeout: 1_000 }).catch(() => null);
      },
      { timeout: 60_000, intervals: [1000] },
    )
    .toBe(PAGE);
});

test('draft preview is for signed-in staff only', async () => {
  const response = await fetch(`${server!.url}/console/preview/guide/guide.warning-signs.en/`, {
    redirect: 'manual',
  });
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe('/console/login');
});
