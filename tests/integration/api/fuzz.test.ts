/**
 * Sends malformed methods, headers, bodies, query strings and path parameters to every route in
 * the routing table. The route list comes from the table itself, so a new route is fuzzed the
 * moment it exists. Any 5xx, any thrown error, or a 4xx that is not problem+json fails the suite.
 *
 * The same again signed in, as a staff member whose role grants each route's permission, so that
 * the bodies reach the handlers behind the access check.
 *
 * The same kind of bodies over the wire to a running server: fuzz-wire.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartBody } from '../../../bench/lib/uploads.ts';
import type { Database } from '../../../functions/db/database.ts';
import { handleApi, routes } from '../../../functions/routes.ts';
import { can, type Permission } from '../../../functions/staff/roles.ts';
import { pglite } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';
import { craftedPdf, encryptedPdf, pngBomb, randomWithMagic } from '../../helpers/media-files.ts';
import { type Caller, ORIGIN, referralWorld } from '../../helpers/referrals.ts';
import { concretePaths, PARAM_VALUES } from '../../helpers/route-paths.ts';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'FOO'];
const QUERIES = ['', '?%', '?a=%ZZ', `?q=${'y'.repeat(8000)}`, '?__proto__[x]=1&constructor=1', '?&&&==&'];

function deepJson(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

const REPORT_FIELDS = { description: 'Fuzzing the report form with crafted files', locale: 'en' };

/** Report forms carrying files crafted to make parsers work: each must end in a 4xx problem. */
const CRAFTED_FILES: [string, string, Buffer][] = [
  ['PDF of repeated /Author(', 'application/pdf', craftedPdf('/Author(', 384 * 1024)],
  ['PDF of repeated <?xpacket begin', 'application/pdf', craftedPdf('<?xpacket begin', 384 * 1024)],
  ['encrypted PDF', 'application/pdf', encryptedPdf()],
  ['PNG bomb', 'image/png', pngBomb(30_000, 30_000)],
  ['random JPEG', 'image/jpeg', randomWithMagic('jpeg')],
  ['random PNG', 'image/png', randomWithMagic('png')],
  ['random WebP', 'image/webp', randomWithMagic('webp')],
  ['random PDF', 'application/pdf', randomWithMagic('pdf')],
  ['declared PDF, bytes of nothing known', 'application/pdf', Buffer.from('MZ\x90\0 not a pdf')],
];

const CRAFTED_BODIES = CRAFTED_FILES.map(([note, type, bytes]) => {
  const { body, contentType } = multipartBody(REPORT_FIELDS, [{ name: 'file', type, bytes }]);
  return { type: contentType, body: new Uint8Array(body), note: `multipart with ${note}` };
});

/** Multipart framing gone wrong: each must end in a 400, 413 or 415 problem. */
const MALFORMED_MULTIPART: { type: string; body: string; note: string }[] = [
  { type: 'multipart/form-data; boundary=', body: '--\r\n\r\n', note: 'empty boundary' },
  { type: 'multipart/form-data; boundary=b', body: '--b--\r\n', note: 'no parts' },
  {
    type: 'multipart/form-data; boundary=b',
    body: '--b\r\nContent-Disposition: form-data; name="attachments"\r\n\r\n\xff\xd8\xff',
    note: 'file cut short',
  },
  {
    type: 'multipart/form-data; boundary=b',
    body: `--b\r\nContent-Disposition: form-data; name="${'n'.repeat(20_000)}"\r\n\r\nx\r\n--b--`,
    note: 'endless header',
  },
  {
    type: 'multipart/form-data; boundary=b',
    body: `${'--b\r\nContent-Disposition: form-data; name="signs"\r\n\r\ndebt\r\n'.repeat(500)}--b--`,
    note: 'too many parts',
  },
  {
    type: 'multipart/form-data; boundary=b',
    body: '--b\r\nContent-Type: image/png\r\n\r\nx\r\n--b--',
    note: 'part without a name',
  },
  {
    type: 'multipart/form-data; boundary="b"',
    body: `--b\r\nContent-Disposition: form-data; name="__proto__"\r\n\r\n{}\r\n--b--`,
    note: 'prototype field',
  },
  {
    type: `multipart/form-data; boundary=${'a'.repeat(69)}b`,
    body: `--${'a'.repeat(69)}b\r\nContent-Disposition: form-data; name="description"\r\n\r\n${'a'.repeat(200_000)}`,
    note: 'boundary that string search trips on',
  },
];

const BODIES: { type?: string; body: BodyInit; note: string }[] = [
  { type: 'application/json', body: '', note: 'empty json' },
  { type: 'application/json', body: '{', note: 'truncated json' },
  { type: 'application/json', body: 'null', note: 'null' },
  { type: 'application/json', body: '[]', note: 'array' },
  { type: 'application/json', body: '"text"', note: 'string' },
  { type: 'application/json', body: '1e999', note: 'infinite number' },
  { type: 'application/json', body: deepJson(5000), note: 'deep nesting' },
  {
    type: 'application/json',
    body: '{"__proto__":{"admin":true},"constructor":{"prototype":{}}}',
    note: 'prototype keys',
  },
  {
    type: 'application/json',
    body: `{"description":"${'\\u0000'.repeat(50)}","locale":"en"}`,
    note: 'nul chars',
  },
  { type: 'application/json', body: JSON.stringify({ a: 'x'.repeat(3_000_000) }), note: 'huge' },
  { type: 'application/json; charset=utf-16', body: '{}', note: 'odd charset' },
  { type: 'application/x-www-form-urlencoded', body: 'a=%ZZ&&&=&b', note: 'broken form' },
  { type: 'application/x-www-form-urlencoded', body: 'x=1&x=2&x=3&__proto__=1', note: 'repeated form' },
  { type: 'multipart/form-data; boundary=zzz', body: '--zzz\r\nbroken', note: 'broken multipart' },
  { type: 'multipart/form-data', body: 'no boundary', note: 'multipart without boundary' },
  ...MALFORMED_MULTIPART,
  ...CRAFTED_BODIES,
  { type: 'text/plain', body: 'hello', note: 'plain text' },
  { body: new Uint8Array([0, 255, 254, 1, 2, 3]), note: 'binary without type' },
  { type: 'application/json', body: new Uint8Array([0xc3, 0x28, 0xa0, 0xa1]), note: 'invalid utf-8' },
];

const HEADER_SETS: Record<string, string>[] = [
  {},
  { accept: '*/*;q=garbage', 'accept-encoding': 'br;q=x, *;q=0', 'accept-language': ';;;' },
  { 'content-length': '99999999999' },
  { origin: 'https://evil.example', cookie: 'a=b; session=../../', 'x-forwarded-for': '1.2.3.4' },
  { 'x-twilio-signature': 'AAAA', authorization: 'Basic !!!' },
];

async function expectWellFormed(response: Response, label: string) {
  expect(response.status, label).toBeLessThan(500);
  // A live-updates stream never ends by itself: its answer is its status.
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    await response.body?.cancel();
    return;
  }
  if (response.status >= 400 && response.status !== 405 && response.headers.get('content-length') !== '0') {
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('json')) {
      const body = await response.json();
      expect(body.status, label).toBe(response.status);
    }
  } else {
    await response.arrayBuffer();
  }
}

describe('API fuzz suite', () => {
  let db: Database;
  let deps: TestDeps;
  beforeAll(async () => {
    db = (await pglite.create()).db;
    deps = createTestDeps(db);
  });
  afterAll(async () => {
    await deps.media.close();
    await db.close();
  });

  it('answers every crafted file and broken multipart body on POST /api/reports with a 4xx problem', async () => {
    let client = 0;
    for (const { type, body, note } of [...CRAFTED_BODIES, ...MALFORMED_MULTIPART]) {
      // A client of its own each time, so that the rate limit lets every body reach the cleaner.
      client += 1;
      const request = new Request('http://fuzz/api/reports', {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });
      const response = await handleApi(request, deps, { socketAddress: `198.51.100.${client}` });
      expect(response.status, note).toBeGreaterThanOrEqual(400);
      expect(response.status, note).toBeLessThan(500);
      expect(response.headers.get('content-type'), note).toContain('application/problem+json');
      await response.arrayBuffer();
    }
  });

  it('covers every route in the table', () => {
    expect(routes.length).toBeGreaterThan(0);
  });

  describe.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', (_name, route) => {
    it('survives malformed methods, query strings and path parameters', async () => {
      for (const path of concretePaths(route.path)) {
        for (const query of QUERIES) {
          for (const method of METHODS) {
            const response = await handleApi(new Request(`http://fuzz${path}${query}`, { method }), deps);
            await expectWellFormed(response, `${method} ${path}${query.slice(0, 40)}`);
          }
        }
      }
    });

    it('survives malformed bodies and headers', async () => {
      const path = concretePaths(route.path)[0]!;
      for (const { type, body, note } of BODIES) {
        for (const headers of HEADER_SETS) {
          const init: RequestInit & { duplex?: string } = {
            method: route.method === 'GET' ? 'POST' : route.method,
            headers: { ...(type ? { 'content-type': type } : {}), ...headers },
            body,
          };
          const request = new Request(`http://fuzz${path}`, init);
          const same = new Request(`http://fuzz${path}`, {
            ...init,
            method: route.method,
            body: route.method === 'GET' ? undefined : body,
          });
          await expectWellFormed(await handleApi(request, deps), `${route.method} ${path} ${note}`);
          await expectWellFormed(await handleApi(same, deps), `${route.method} ${path} ${note} (own method)`);
        }
      }
    });
  });
});

/**
 * The same, signed in: every route that needs a permission is fuzzed by a staff member whose role
 * grants it, with a valid session, CSRF token and Origin, so that the bodies reach the handlers
 * instead of stopping at the access check. Path parameters are real ids as well as malformed ones.
 */
describe('API fuzz suite, signed in', () => {
  let db: Database;
  let deps: TestDeps;
  let callers: Record<string, Caller>;
  let realIds: string[];
  beforeAll(async () => {
    db = (await pglite.create()).db;
    deps = createTestDeps(db, { PUBLIC_BASE_URL: ORIGIN });
    const world = await referralWorld(db, deps);
    const item = await world.newItem();
    callers = {
      admin: world.admin,
      supervisor: world.supervisor,
      operator: world.operator,
      'partner-caseworker': world.shelterWorker,
    };
    realIds = [item, world.shelter.id, world.operator.id];
  }, 120_000);
  afterAll(async () => {
    await deps.media.close();
    await db.close();
  });

  const guarded = routes.filter((r) => r.access !== 'public');
  it('covers every route that needs a permission', () => {
    expect(guarded.length).toBeGreaterThan(10);
  });

  describe.each(guarded.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', (_name, route) => {
    it('answers malformed bodies and parameters from a permitted role with a 4xx problem or success', async () => {
      const permission = (route.access as { permission: Permission }).permission;
      const role = (['admin', 'supervisor', 'operator', 'partner-caseworker'] as const).find((r) =>
        can(r, permission),
      );
      expect(role, `a role that may ${permission}`).toBeDefined();
      const caller = callers[role!]!;
      const paths = route.path.includes(':')
        ? [...realIds, ...PARAM_VALUES.slice(0, 5)].map((v) => route.path.replace(/:[a-zA-Z]+/g, v))
        : [route.path];
      const bodies: unknown[] = [
        undefined,
        {},
        null,
        [],
        'text',
        { reason: 'x'.repeat(100_000) },
        { to: 'nobody', staffId: 'nobody', priority: 'urgent-ish', outcome: 42, message: {} },
        { partnerId: realIds[1], packet: { summary: 1 }, consent: { confirmed: 'yes' } },
        { __proto__: { admin: true }, constructor: { prototype: {} } },
      ];
      for (const path of paths) {
        for (const body of bodies) {
          const response = await caller.call(route.method, path, body);
          await expectWellFormed(
            response,
            `${role} ${route.method} ${path} ${JSON.stringify(body)?.slice(0, 60)}`,
          );
        }
        for (const query of QUERIES.slice(1)) {
          const response = await caller.call(route.method, `${path}${query}`);
          await expectWellFormed(response, `${role} ${route.method} ${path}${query.slice(0, 40)}`);
        }
      }
    });
  });
});
