/**
 * Publishing on one node (the embedded PGlite database): the real server on a real build, its
 * content snapshot filled from a Sanity dataset (the groq-js stand-in over content/). Pages render
 * from the snapshot byte for byte as the build wrote them (and those it leaves out: one per document); a signed publish changes, adds and
 * deletes documents (English fallbacks and hreflang follow); a forged one changes nothing; a
 * restarted node serves what the database says, not what its build holds.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexFile } from '#kernel/search/index-format.ts';
import { createSearcher } from '#kernel/search/query.ts';
import { exportContent, toNdjson } from '../../../functions/cms/export-content.ts';
import { sendPublish, waitForPage } from '../../helpers/publish.ts';
import { builtSite, type RunningServer, startServer } from '../../helpers/running-server.ts';
import { type SanityStandIn, startSanityStandIn } from '../../helpers/sanity-stand-in.ts';

const SECRET = 'integration-webhook-secret-0123456789';
const GUIDE_EN = 'guide.warning-signs.en';
const GUIDE_FR = 'guide.warning-signs.fr';

let standIn: SanityStandIn;
let server: RunningServer;
let dataDir: string;
let tmp: string;

const env = () => ({
  SANITY_PROJECT_ID: 'waymark',
  SANITY_DATASET: 'production',
  SANITY_API_HOST: standIn.url,
  SANITY_WEBHOOK_SECRET: SECRET,
  DATA_DIR: dataDir,
});

const hreflangs = (html: string) =>
  [...html.matchAll(/<link rel="alternate" hreflang="([a-z-]+)"/g)].map((m) => m[1]).sort();

/** Polls `read` until `done` holds for its value (a background job such as indexing catching up). */
async function pollFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined && done(value)) return value;
    if (Date.now() > until) throw new Error(`never reached the expected value (last: ${String(value)})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'waymark-publish-'));
  dataDir = path.join(tmp, 'data');
  const file = path.join(tmp, 'content.ndjson');
  await writeFile(file, toNdjson(await exportContent()));
  standIn = await startSanityStandIn({ ndjsonFile: file, dataset: 'production' });
  await builtSite();
  server = await startServer(env());
}, 600_000);

afterAll(async () => {
  await server?.stop();
  await standIn?.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('publishing from the content snapshot, one node on PGlite', () => {
  it('renders pages exactly as the build wrote them, and the pages the build leaves out', async () => {
    const dist = await builtSite();
    // A page per document is not the build's work: the node renders it from the snapshot.
    for (const page of ['/en/guides/warning-signs/', '/ar/help/de/', '/fr/campaigns/know-the-signs/']) {
      expect(existsSync(path.join(dist, 'client', page, 'index.html')), page).toBe(false);
      const served = await fetch(`${server.url}${page}`);
      expect(served.status, page).toBe(200);
      expect(await served.text(), page).toContain('data-search-body');
    }
    for (const page of ['/fr/guides/', '/bn/', '/ar/help/', '/en/faq/']) {
      const built = await readFile(path.join(dist, 'client', page, 'index.html'), 'utf8');
      const served = await fetch(`${server.url}${page}`);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await served.text(), page).toBe(built);
    }
  });

  it('serves a changed title after a signed publish, in every language that falls back to it', async () => {
    const title = `Warning signs, corrected ${Date.now()}`;
    standIn.patch(GUIDE_EN, { title });
    const response = await sendPublish(server.url, GUIDE_EN, SECRET);
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ id: GUIDE_EN, changed: true, deleted: false });
    // The node that took the webhook has read the change before answering.
    expect(await (await fetch(`${server.url}/en/guides/warning-signs/`)).text()).toContain(title);
    expect(await (await fetch(`${server.url}/en/guides/`)).text()).toContain(title);
  });

  it('falls back to English when a translation is deleted, and hreflang drops it', async () => {
    const french = standIn.documents.find((d) => d._id === GUIDE_FR)!;
    const before = await (await fetch(`${server.url}/fr/guides/warning-signs/`)).text();
    expect(before).toContain(french.title as string);
    expect(hreflangs(before)).toContain('fr');

    standIn.remove(GUIDE_FR);
    expect((await sendPublish(server.url, GUIDE_FR, SECRET)).status).toBe(202);
    const after = await (await fetch(`${server.url}/fr/guides/warning-signs/`)).text();
    expect(after).not.toContain(french.title as string);
    expect(after).toContain('<p class="fallback-notice"');
    expect(after).toContain('lang="en"');
    expect(hreflangs(after)).not.toContain('fr');
    expect(hreflangs(await (await fetch(`${server.url}/en/guides/warning-signs/`)).text())).not.toContain(
      'fr',
    );

    // Published again: the translation and its hreflang come back.
    standIn.put(french);
    expect((await sendPublish(server.url, GUIDE_FR, SECRET)).status).toBe(202);
    const restored = await (await fetch(`${server.url}/fr/guides/warning-signs/`)).text();
    expect(restored).toContain(french.title as string);
    expect(restored).not.toContain('<p class="fallback-notice"');
    expect(hreflangs(restored)).toContain('fr');
  });

  it('adds a new guide in every language and removes it when deleted, search included', async () => {
    const searchable = async (language = 'en') => {
      const index = (await (
        await fetch(`${server.url}/search-index/${language}/index.json`)
      ).json()) as IndexFile;
      return index.docs.length;
    };
    /** The addresses a reader searching `query` in `language` finds, as the browser finds them. */
    const found = async (language: string, query: string) => {
      const searcher = createSearcher(
        async (name) => (await fetch(`${server.url}/search-index/${language}/${name}`)).json(),
        language,
      );
      const answer = await searcher.search(query);
      return (await answer.top(answer.count)).map((r) => r.url);
    };
    // The node's first index (of the snapshot it started with) is in place: it also holds the
    // pages the build leaves out, one per document, so it has more pages than the build's.
    const built = JSON.parse(
      await readFile(path.join(await builtSite(), 'client/search-index/en/index.json'), 'utf8'),
    ) as IndexFile;
    // The node says it is ready (GET /api/ready) only once that index is written.
    const ready = await pollFor(
      () => fetch(`${server.url}/api/ready`).then(async (r) => ({ status: r.status, body: await r.json() })),
      (r) => r.status === 200,
    );
    expect(ready.body).toMatchObject({ status: 'ready', contentVersion: expect.any(Number) });
    const before = await searchable();
    expect(before).toBeGreaterThan(built.docs.length);
    expect(await found('en', 'orchard')).toEqual([]);
    const english = standIn.documents.find((d) => d._id === GUIDE_EN)!;
    const added = {
      ...english,
      _id: 'guide.night-shifts.en',
      slug: { _type: 'slug', current: 'night-shifts' },
      title: 'Night shifts in the orchard',
    };
    standIn.put(added);
    expect((await sendPublish(server.url, added._id, SECRET)).status).toBe(202);
    expect((await fetch(`${server.url}/en/guides/night-shifts/`)).status).toBe(200);
    const french = await (await fetch(`${server.url}/fr/guides/night-shifts/`)).text();
    expect(french).toContain('Night shifts');
    expect(french).toContain('<p class="fallback-notice"');
    expect(await (await fetch(`${server.url}/sitemap.xml`)).text()).toContain('/en/guides/night-shifts/');
    // Every language's version of the new guide is searchable (the others show it in English).
    expect(await pollFor(searchable, (n) => n === before + 1)).toBe(before + 1);
    expect(
      await pollFor(
        () => searchable('fr'),
        (n) => n === before + 1,
      ),
    ).toBe(before + 1);
    expect(await found('fr', 'orchard')).toEqual(['/fr/guides/night-shifts/']);
    const redirect = await fetch(`${server.url}/en/guides/night-shifts`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);

    standIn.remove(added._id);
    expect((await sendPublish(server.url, added._id, SECRET)).status).toBe(202);
    const gone = await fetch(`${server.url}/en/guides/night-shifts/`);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain('lang="en"');
    expect(await (await fetch(`${server.url}/en/guides/`)).text()).not.toContain('Night shifts');
    expect(await pollFor(searchable, (n) => n === before)).toBe(before);
    expect(
      await pollFor(
        () => found('fr', 'orchard'),
        (urls) => urls.length === 0,
      ),
    ).toEqual([]);
  }, 150_000);

  it('changes nothing on a forged, unsigned or invalid publish', async () => {
    const page = `${server.url}/en/guides/warning-signs/`;
    const before = await (await fetch(page)).text();
    standIn.patch(GUIDE_EN, { title: 'Forged title' });
    expect((await sendPublish(server.url, GUIDE_EN, 'not-the-secret-at-all')).status).toBe(401);
    const unsigned = await fetch(`${server.url}/api/cms/publish`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ _id: GUIDE_EN }),
    });
    expect(unsigned.status).toBe(401);
    // Past the one-second poll: still the same page.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await (await fetch(page)).text()).toBe(before);

    // A published document the site's schema refuses keeps the previous version live.
    standIn.patch(GUIDE_EN, { title: '' });
    const invalid = await sendPublish(server.url, GUIDE_EN, SECRET);
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get('content-type')).toContain('application/problem+json');
    expect(await (await fetch(page)).text()).toBe(before);
  });

  it('serves the database’s version after a restart, not the build’s', async () => {
    const title = `Warning signs, after restart ${Date.now()}`;
    standIn.patch(GUIDE_EN, { title });
    expect((await sendPublish(server.url, GUIDE_EN, SECRET)).status).toBe(202);
    await server.stop();
    // Sanity out of reach at start: the node serves the snapshot the database holds.
    server = await startServer({ ...env(), SANITY_API_HOST: 'http://127.0.0.1:9' });
    await waitForPage(`${server.url}/en/guides/warning-signs/`, (text) => text.includes(title));
  });
});
