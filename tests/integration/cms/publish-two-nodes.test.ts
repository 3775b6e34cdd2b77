/**
 * Publishing with two app nodes on one PostgreSQL: the database decides what is published. A
 * signed publish sent to node A is served by node B within the 3 s the site promises (NOTIFY, or
 * at worst B's one-second poll); a deleted translation falls back to English on both; a forged
 * webhook changes nothing anywhere; a node started later serves the latest version.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportContent, toNdjson } from '../../../functions/cms/export-content.ts';
import { sendPublish, waitForPage } from '../../helpers/publish.ts';
import { builtSite, type RunningServer, startServer } from '../../helpers/running-server.ts';
import { type SanityStandIn, startSanityStandIn } from '../../helpers/sanity-stand-in.ts';

const POSTGRES = process.env.TEST_DATABASE_URL;
const SECRET = 'two-node-webhook-secret-0123456789';
const GUIDE_EN = 'guide.warning-signs.en';
const GUIDE_FR = 'guide.warning-signs.fr';
/** The promise to readers: every node serves a publish within 3 s of the webhook. */
const LIVE_WITHIN_MS = 3_000;

describe.skipIf(!POSTGRES)('publishing with two app nodes on PostgreSQL', { timeout: 300_000 }, () => {
  let admin: postgres.Sql;
  let name: string;
  let tmp: string;
  let standIn: SanityStandIn;
  let env: Record<string, string>;
  const nodes: RunningServer[] = [];

  beforeAll(async () => {
    admin = postgres(POSTGRES!, { max: 1, onnotice: () => {} });
    name = `waymark_publish_${Date.now()}`;
    await admin.unsafe(`create database ${name}`);
    const url = new URL(POSTGRES!);
    url.pathname = `/${name}`;
    tmp = await mkdtemp(path.join(tmpdir(), 'waymark-publish-two-'));
    const file = path.join(tmp, 'content.ndjson');
    await writeFile(file, toNdjson(await exportContent()));
    standIn = await startSanityStandIn({ ndjsonFile: file, dataset: 'production' });
    env = {
      DATABASE_URL: url.href,
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      HASH_KEY: randomBytes(32).toString('base64'),
      SANITY_PROJECT_ID: 'waymark',
      SANITY_DATASET: 'production',
      SANITY_API_HOST: standIn.url,
      SANITY_WEBHOOK_SECRET: SECRET,
    };
    await builtSite();
    // One after the other: the first runs the migrations and fills the snapshot.
    nodes.push(await startServer(env));
    nodes.push(await startServer(env));
  }, 600_000);

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    await standIn?.close();
    if (admin) {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('serves a publish sent to node A on node B within 3 s', async () => {
    const [a, b] = nodes as [RunningServer, RunningServer];
    const title = `Warning signs, corrected on A ${Date.now()}`;
    standIn.patch(GUIDE_EN, { title });
    expect((await sendPublish(a.url, GUIDE_EN, SECRET)).status).toBe(202);
    await waitForPage(`${b.url}/en/guides/warning-signs/`, (text) => text.includes(title), LIVE_WITHIN_MS);
    expect(await (await fetch(`${b.url}/en/guides/`)).text()).toContain(title);
    expect(await (await fetch(`${a.url}/en/guides/warning-signs/`)).text()).toContain(title);
  });

  it('falls back to English on both nodes when a translation is deleted', async () => {
    const [a, b] = nodes as [RunningServer, RunningServer];
    const french = standIn.documents.find((d) => d._id === GUIDE_FR)!;
    standIn.remove(GUIDE_FR);
    expect((await sendPublish(b.url, GUIDE_FR, SECRET)).status).toBe(202);
    for (const node of [a, b]) {
      const page = await waitForPage(
        `${node.url}/fr/guides/warning-signs/`,
        (text) => text.includes('<p class="fallback-notice"'),
        LIVE_WITHIN_MS,
      );
      expect(page).not.toContain(french.title as string);
      expect(page).not.toContain('<link rel="alternate" hreflang="fr"');
    }
  });

  it('changes nothing on either node after a forged webhook', async () => {
    const [a, b] = nodes as [RunningServer, RunningServer];
    const page = '/en/guides/warning-signs/';
    const before = await Promise.all([a, b].map(async (n) => (await fetch(`${n.url}${page}`)).text()));
    expect(before[0]).toBe(before[1]);
    standIn.patch(GUIDE_EN, { title: 'Forged title' });
    expect((await sendPublish(a.url, GUIDE_EN, 'not-the-secret-at-all')).status).toBe(401);
    expect((await sendPublish(b.url, GUIDE_EN, SECRET, { signedAt: Date.now() - 2 * 3600_000 })).status).toBe(
      401,
    );
    // Past both nodes' one-second poll.
    await new Promise((r) => setTimeout(r, 1500));
    for (const [i, node] of [a, b].entries()) {
      const text = await (await fetch(`${node.url}${page}`)).text();
      expect(text).toBe(before[i]);
      expect(text).not.toContain('Forged title');
    }
  });

  it('serves the latest version on a node started later', async () => {
    const [a] = nodes as [RunningServer, RunningServer];
    const title = `Warning signs, before the third node ${Date.now()}`;
    standIn.patch(GUIDE_EN, { title });
    expect((await sendPublish(a.url, GUIDE_EN, SECRET)).status).toBe(202);
    // The third node cannot reach Sanity: what it serves comes from the database alone.
    const late = await startServer({ ...env, SANITY_API_HOST: 'http://127.0.0.1:9' });
    nodes.push(late);
    expect(await (await fetch(`${late.url}/en/guides/warning-signs/`)).text()).toContain(title);
    expect(await (await fetch(`${late.url}/fr/guides/warning-signs/`)).text()).toContain(
      '<p class="fallback-notice"',
    );
  });
});
