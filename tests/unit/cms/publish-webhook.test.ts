import { encodeSignatureHeader } from '@sanity/webhook';
import { describe, expect, it } from 'vitest';
import type { Publisher } from '../../../functions/cms/rebuild-queue.ts';
import type { Database } from '../../../functions/db/database.ts';
import { handleApi } from '../../../functions/routes.ts';
import { createTestDeps } from '../../helpers/deps.ts';

const SECRET = 'a-webhook-secret-of-some-length';
const URL_ = 'https://hotline.example.org/api/cms/publish';
const BODY = JSON.stringify({ _id: 'guide.warning-signs.fr', _type: 'guide' });

function setup(env: Record<string, string> = { SANITY_WEBHOOK_SECRET: SECRET }) {
  // The webhook never touches the database.
  const deps = createTestDeps(undefined as unknown as Database, env);
  const requests: string[] = [];
  const publisher: Publisher = {
    request: () => {
      requests.push('rebuild');
      return requests.length === 1 ? 'started' : 'queued';
    },
    status: () => ({ mode: 'in-process', state: 'building', pending: false, builds: 0, failures: 0 }),
    idle: async () => {},
  };
  deps.publisher = publisher;
  return { deps, requests };
}

function post(headers: Record<string, string>, body = BODY) {
  return new Request(URL_, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

const signed = async (body: string, at: number, secret = SECRET) => ({
  'sanity-webhook-signature': await encodeSignatureHeader(body, at, secret),
});

describe('POST /api/cms/publish', () => {
  it('rebuilds on a correctly signed webhook', async () => {
    const { deps, requests } = setup();
    const response = await handleApi(post(await signed(BODY, deps.now().getTime())), deps);
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ rebuild: 'started' });
    expect(requests).toHaveLength(1);
  });

  it('answers a second publish during a build with "queued"', async () => {
    const { deps, requests } = setup();
    await handleApi(post(await signed(BODY, deps.now().getTime())), deps);
    const second = await handleApi(post(await signed(BODY, deps.now().getTime())), deps);
    expect(await second.json()).toMatchObject({ rebuild: 'queued' });
    expect(requests).toHaveLength(2);
  });

  const refused: [string, (now: number) => Promise<Record<string, string>>, string?][] = [
    ['unsigned', async () => ({})],
    ['signed with another secret', (now) => signed(BODY, now, 'another-secret-entirely')],
    ['signed over another body', (now) => signed('{"_id":"x"}', now)],
    ['with a malformed signature', async () => ({ 'sanity-webhook-signature': 't=abc,v1=' })],
    ['with a signature of the wrong shape', async () => ({ 'sanity-webhook-signature': 'v1=xyz' })],
    ['signed two hours ago (replayed)', (now) => signed(BODY, now - 2 * 3600_000)],
    ['signed in the future', (now) => signed(BODY, now + 2 * 3600_000)],
  ];
  it.each(refused)('refuses a webhook %s with 401 and does nothing', async (_name, headers) => {
    const { deps, requests } = setup();
    const response = await handleApi(post(await headers(deps.now().getTime())), deps);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(requests).toHaveLength(0);
  });

  it('refuses every webhook while no secret is configured', async () => {
    const { deps, requests } = setup({});
    const response = await handleApi(post(await signed(BODY, deps.now().getTime())), deps);
    expect(response.status).toBe(401);
    expect(requests).toHaveLength(0);
  });

  it('refuses an oversized body before verifying anything', async () => {
    const { deps, requests } = setup();
    const big = JSON.stringify({ x: 'y'.repeat(300 * 1024) });
    const response = await handleApi(post(await signed(big, deps.now().getTime()), big), deps);
    expect(response.status).toBe(413);
    expect(requests).toHaveLength(0);
  });

  it('says so when this node has no rebuilder (development)', async () => {
    const { deps } = setup();
    deps.publisher = undefined;
    const response = await handleApi(post(await signed(BODY, deps.now().getTime())), deps);
    expect(response.status).toBe(409);
  });
});
