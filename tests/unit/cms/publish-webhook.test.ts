import { encodeSignatureHeader } from '@sanity/webhook';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../../functions/db/database.ts';
import { handleApi } from '../../../functions/routes.ts';
import { createTestDeps } from '../../helpers/deps.ts';

const SECRET = 'a-webhook-secret-of-some-length';
const URL_ = 'https://hotline.example.org/api/cms/publish';
const BODY = JSON.stringify({ _id: 'guide.warning-signs.fr', _type: 'guide' });

function setup(env: Record<string, string> = { SANITY_WEBHOOK_SECRET: SECRET }) {
  // A refused webhook never reaches the database: any query would throw on this one.
  const queries: string[] = [];
  const db = {
    kind: 'pglite',
    query: async (sql: string) => {
      queries.push(sql);
      throw new Error('the database was touched');
    },
    transaction: async () => {
      queries.push('transaction');
      throw new Error('the database was touched');
    },
  } as unknown as Database;
  const deps = createTestDeps(db, env);
  return { deps, requests: queries };
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

  it('says so when the site reads content/ files, not Sanity', async () => {
    const { deps, requests } = setup();
    const response = await handleApi(post(await signed(BODY, deps.now().getTime())), deps);
    expect(response.status).toBe(409);
    expect(requests).toHaveLength(0);
  });

  it.each([
    ['without a document id', '{"_type":"guide"}'],
    ['naming a draft', '{"_id":"drafts.guide.warning-signs.fr"}'],
    ['that is not JSON', 'published!'],
  ])('answers a signed webhook %s with 400 and does nothing', async (_name, body) => {
    const { deps, requests } = setup({
      SANITY_WEBHOOK_SECRET: SECRET,
      SANITY_PROJECT_ID: 'waymark',
      SANITY_DATASET: 'production',
      SANITY_API_HOST: 'http://127.0.0.1:9',
    });
    const response = await handleApi(post(await signed(body, deps.now().getTime()), body), deps);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(requests).toHaveLength(0);
  });
});
