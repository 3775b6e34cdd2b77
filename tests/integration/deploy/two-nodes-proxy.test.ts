/**
 * The scaled-out deployment, tested as deployed: two app nodes on one PostgreSQL behind nginx with
 * the repository's proxy rules (deploy/two-nodes.ts). Through the proxy: public pages, a report, a
 * signed Twilio webhook, a signed Sanity publish served by both nodes, live console updates on both
 * nodes, and client addresses taken from what the proxy saw, never from what a client writes into
 * X-Forwarded-For.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../bench/lib/servers.ts';
import { startTwoNodes, type TwoNodes } from '../../../deploy/two-nodes.ts';
import { exportContent, toNdjson } from '../../../functions/cms/export-content.ts';
import type { Database } from '../../../functions/db/database.ts';
import { openPostgres } from '../../../functions/db/open-postgres.ts';
import { type Challenge, solveChallenge } from '../../../functions/reports/proof-of-work.ts';
import { createSession, sessionCookie } from '../../../functions/staff/sessions.ts';
import { sendPublish, waitForPage } from '../../helpers/publish.ts';
import { builtSite } from '../../helpers/running-server.ts';
import { type SanityStandIn, startSanityStandIn } from '../../helpers/sanity-stand-in.ts';
import { ACCOUNT_SID, startTwilioStandIn, type TwilioStandIn } from '../../helpers/twilio.ts';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].some((p) => existsSync(p)) || !!process.env.NGINX;
const POSTGRES = process.env.TEST_DATABASE_URL;
// CI installs nginx and runs PostgreSQL: there, a missing one is a failure, not a skip.
if (process.env.CI && (!NGINX || !POSTGRES))
  throw new Error('the proxy test needs nginx and TEST_DATABASE_URL');

/** A request from a chosen loopback address, as a client on another machine would come in. */
function fromAddress(
  localAddress: string,
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, localAddress },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Opens a server-sent event stream and resolves with the first `queue` event after `after` ran. */
async function nextQueueEvent(url: string, cookie: string, after: () => Promise<void>): Promise<string> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { cookie }, signal: controller.signal });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  // The first event says how things stand now; the change comes after it.
  while (!text.includes('event: queue')) text += decoder.decode((await reader.read()).value);
  text = '';
  await after();
  const timer = setTimeout(() => controller.abort(), 10_000);
  try {
    while (!text.includes('event: queue')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return text;
}

describe.skipIf(!NGINX || !POSTGRES)('two app nodes behind nginx', { timeout: 300_000 }, () => {
  let admin: postgres.Sql;
  let name: string;
  let stateDir: string;
  let stack: TwoNodes;
  let twilioApi: TwilioStandIn;
  let sanity: SanityStandIn;
  let db: Database;
  const authToken = randomBytes(16).toString('hex');
  const sanitySecret = randomBytes(16).toString('hex');
  const nodeLines: string[][] = [[], []];

  beforeAll(async () => {
    admin = postgres(POSTGRES!, { max: 1, onnotice: () => {} });
    name = `waymark_proxy_${Date.now()}`;
    await admin.unsafe(`create database ${name}`);
    const url = new URL(POSTGRES!);
    url.pathname = `/${name}`;
    stateDir = await mkdtemp(path.join(tmpdir(), 'waymark-two-nodes-'));
    twilioApi = await startTwilioStandIn(authToken);
    const dataset = path.join(stateDir, 'content.ndjson');
    await writeFile(dataset, toNdjson(await exportContent()));
    sanity = await startSanityStandIn({ ndjsonFile: dataset, dataset: 'production' });
    stack = await startTwoNodes({
      databaseUrl: url.href,
      proxyPort: await freePort(),
      nodePorts: [await freePort(), await freePort()],
      stateDir,
      env: {
        DIST_DIR: await builtSite(),
        TWILIO_ACCOUNT_SID: ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: authToken,
        TWILIO_FROM: '+15005550006',
        TWILIO_API_BASE: twilioApi.url,
        SANITY_PROJECT_ID: 'waymark',
        SANITY_DATASET: 'production',
        SANITY_API_HOST: sanity.url,
        SANITY_WEBHOOK_SECRET: sanitySecret,
        LOG_LEVEL: 'info',
      },
      onNodeLine: (node, line) => nodeLines[node]!.push(line),
    }).catch((error: Error) => {
      throw new Error(`${error.message}\n${nodeLines.flat().join('\n')}`);
    });
    db = openPostgres(url.href, { poolSize: 2 });
  });

  afterAll(async () => {
    await db?.close();
    await stack?.stop();
    await twilioApi?.close();
    await sanity?.close();
    if (admin) {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  });

  it('serves public pages through the proxy, compressed, from both nodes', async () => {
    const root = await fromAddress('127.0.0.2', `${stack.proxyUrl}/`, {
      headers: { 'accept-language': 'fr' },
    });
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/fr/');
    for (let i = 0; i < 8; i++) {
      const page = await fromAddress('127.0.0.2', `${stack.proxyUrl}/en/`, {
        headers: { 'accept-encoding': 'br, gzip' },
      });
      expect(page.status).toBe(200);
      expect(page.headers['content-encoding']).toBe('br');
      expect(page.headers['set-cookie']).toBeUndefined();
    }
    // nginx spread the requests: both nodes answered some. Each of nginx's worker processes takes
    // turns on its own, and a node logs a request after answering it, so the line of the last one
    // may still be on its way.
    const served = (node: number) => nodeLines[node]!.filter((l) => l.includes('"route":"/en/"')).length;
    await expect.poll(() => served(0), { timeout: 5_000 }).toBeGreaterThan(0);
    await expect.poll(() => served(1), { timeout: 5_000 }).toBeGreaterThan(0);
  });

  it('takes a signed Sanity publish through the proxy; both nodes serve it within seconds', async () => {
    const title = `Warning signs, corrected through the proxy ${Date.now()}`;
    sanity.patch('guide.warning-signs.en', { title });
    const forged = await sendPublish(stack.proxyUrl, 'guide.warning-signs.en', 'not-the-secret');
    expect(forged.status).toBe(401);
    const published = await sendPublish(stack.proxyUrl, 'guide.warning-signs.en', sanitySecret);
    expect(published.status).toBe(202);
    for (const node of stack.nodeUrls)
      await waitForPage(`${node}/en/guides/warning-signs/`, (text) => text.includes(title), 3_000);
    expect(await (await fetch(`${stack.proxyUrl}/en/guides/warning-signs/`)).text()).toContain(title);
  });

  it('accepts a report through the proxy and queues it once', async () => {
    const challenge = (await (await fetch(`${stack.proxyUrl}/api/reports/challenge`)).json()) as Challenge;
    const idempotencyKey = randomUUID();
    const body = JSON.stringify({
      altcha: solveChallenge(challenge),
      description: 'Two workers at the farm near the river say the owner keeps their passports.',
      locale: 'en',
      idempotencyKey,
    });
    const headers = { 'content-type': 'application/json' };
    const first = await fetch(`${stack.proxyUrl}/api/reports`, { method: 'POST', headers, body });
    expect(first.status).toBe(201);
    const { receipt } = (await first.json()) as { receipt: string };
    expect(receipt).toMatch(/^\d{4}-\d{4}-\d{4}-\d{4}$/);
    const [row] = await db.query<{ n: number }>(
      `select count(*)::int as n from queue_items where source = 'report'`,
    );
    expect(row!.n).toBe(1);
  });

  it('takes a signed Twilio webhook through the proxy, and refuses a forged one', async () => {
    const url = `${stack.proxyUrl}/api/sms/inbound`;
    const params = {
      MessageSid: `SM${randomBytes(16).toString('hex')}`,
      AccountSid: ACCOUNT_SID,
      From: '+9779812345678',
      To: '+15005550006',
      Body: 'hello, I want to ask about a job offer in Qatar',
      NumMedia: '0',
    };
    const send = (signature: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: new URLSearchParams(params).toString(),
      });
    const forged = await send(twilio.getExpectedTwilioSignature('not-the-token', url, params));
    expect(forged.status).toBe(403);
    const signed = await send(twilio.getExpectedTwilioSignature(authToken, url, params));
    expect(signed.status).toBe(200);
    expect(await signed.text()).toContain('<Response>');
  });

  it('tells consoles on both nodes, and through the proxy, that the queue changed', async () => {
    const staffId = randomUUID();
    await db.query(
      `insert into staff_users (id, email, role, active) values ($1, 'op@example.org', 'operator', true)`,
      [staffId],
    );
    const webhook = async () => {
      const url = `${stack.proxyUrl}/api/sms/inbound`;
      const params = {
        MessageSid: `SM${randomBytes(16).toString('hex')}`,
        AccountSid: ACCOUNT_SID,
        From: `+97798${String(Date.now()).slice(-8)}`,
        To: '+15005550006',
        Body: 'please help they locked us in the house',
        NumMedia: '0',
      };
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilio.getExpectedTwilioSignature(authToken, url, params),
        },
        body: new URLSearchParams(params).toString(),
      });
      expect(response.status).toBe(200);
    };
    const targets = [...stack.nodeUrls, stack.proxyUrl];
    const events = await Promise.all(
      targets.map(async (base) => {
        const { token } = await createSession(db, staffId, 'full', new Date());
        const cookie = sessionCookie({ https: false }, token).split(';')[0]!;
        return nextQueueEvent(`${base}/api/console/events`, cookie, webhook);
      }),
    );
    for (const text of events) expect(text).toContain('event: queue');
  });

  it('tells clients apart by the address the proxy saw, whatever X-Forwarded-For says', async () => {
    const lookup = (from: string, forwardedFor?: string) =>
      fromAddress(from, `${stack.proxyUrl}/api/reports/lookup`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
        },
        body: JSON.stringify({ receipt: '1234-5678-9012-3456' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await lookup('127.0.0.4', `198.51.100.${i}`)).status);
    // 20 an hour per client: the rotating forged entries did not make 21 clients.
    expect(statuses.slice(0, 20).every((s) => s !== 429)).toBe(true);
    expect(statuses[20]).toBe(429);
    // Another client behind the same proxy has its own budget.
    expect((await lookup('127.0.0.5')).status).not.toBe(429);
  });
});
