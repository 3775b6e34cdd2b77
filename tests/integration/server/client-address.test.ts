/**
 * Rate limits over the real server behind one trusted proxy (TRUST_PROXY=1; the test is the proxy):
 * a client that rotates the left-most X-Forwarded-For entries keeps its bucket, on the report form
 * and on sign-in, and two clients behind the proxy keep theirs apart, on an API route and on an
 * HTML form endpoint alike.
 */
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_FREE_FAILURES } from '../../../functions/staff/sign-in-budgets.ts';
import { type RunningServer, startServer } from '../../helpers/running-server.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ TRUST_PROXY: '1', LOG_LEVEL: 'warn' });
}, 300_000);
afterAll(() => server?.stop());

/** What a client could write itself, left of the address the proxy appends. */
const spoofed = () => `${randomInt(1, 224)}.${randomInt(256)}.${randomInt(256)}.${randomInt(256)}`;
const viaProxy = (client: string) => ({ 'x-forwarded-for': `${spoofed()}, ${spoofed()}, ${client}` });

function postForm(
  path: string,
  client: string,
  fields: Record<string, string>,
  extra: Record<string, string> = {},
) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...viaProxy(client), ...extra },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

const report = { description: 'They kept our passports and we cannot leave the farm.', locale: 'en' };

describe('client addresses behind a trusted proxy', () => {
  it('keeps a client rotating its left-most X-Forwarded-For in one bucket on the report form', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await postForm('/en/report/sent/', '203.0.113.5', report);
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(201));
    expect(statuses[10]).toBe(429);
    // Another client behind the same proxy has its own bucket on the same form.
    const other = await postForm('/en/report/sent/', '203.0.113.6', report);
    expect(other.status).toBe(201);
  });

  it('keeps a client rotating its left-most X-Forwarded-For in one bucket at sign-in', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= CLIENT_FREE_FAILURES; i++) {
      // A different account each time: only the per-client budget can stop these.
      const response = await postForm(
        '/console/login',
        '198.51.100.20',
        { email: `nobody${i}@example.org`, password: 'not the password at all' },
        { origin: server.url },
      );
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    expect(statuses.slice(0, CLIENT_FREE_FAILURES)).toEqual(Array(CLIENT_FREE_FAILURES).fill(401));
    expect(statuses[CLIENT_FREE_FAILURES]).toBe(429);
    const other = await postForm(
      '/console/login',
      '198.51.100.21',
      { email: 'someone@example.org', password: 'not the password at all' },
      { origin: server.url },
    );
    expect(other.status).toBe(401);
  });

  it('gives two clients separate buckets on an API route, and one to a whole IPv6 /64', async () => {
    const lookup = (client: string) =>
      fetch(`${server.url}/api/reports/lookup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...viaProxy(client) },
        body: JSON.stringify({ receipt: '1234-5678-9012-3456' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      // Every lookup from another address of the same /64 network.
      const response = await lookup(`2001:db8:7:9:${i.toString(16)}::${randomInt(1, 65535).toString(16)}`);
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(404));
    expect(statuses[20]).toBe(429);
    expect((await lookup('2001:db8:7:a::1')).status).toBe(404);
    expect((await lookup('192.0.2.77')).status).toBe(404);
  });
});
