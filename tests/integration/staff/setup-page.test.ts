/**
 * The set-up page through the console's front door: the authenticator key is the same on every
 * reload of one link (and another for another link), shown as a QR code drawn on the server and in
 * groups of four, and finishing set-up signs the person in, so the console opens at once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsoleView } from '../../../functions/console/page-table.ts';
import { openConsoleRequest } from '../../../functions/console/pages.ts';
import { firstAdminLink } from '../../../functions/staff/first-admin.ts';
import type { SetupPageData } from '../../../functions/staff/sign-in-pages.ts';
import { base32Decode, totpCode } from '../../../functions/staff/totp.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';
import { PASSWORD } from '../../helpers/staff.ts';

const ORIGIN = 'https://hotline.example.org';

describe.each(engines)('the set-up page on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  let dataDir: string;
  beforeEach(async () => {
    t = await engine.create();
    dataDir = await mkdtemp(path.join(tmpdir(), 'waymark-setup-page-'));
    deps = createTestDeps(t.db, { PUBLIC_BASE_URL: ORIGIN, DATA_DIR: dataDir });
  });
  afterEach(async () => {
    await t.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  const open = async (pathname: string, init: RequestInit = {}) =>
    openConsoleRequest(new Request(`${ORIGIN}${pathname}`, init), deps, '192.0.2.1');

  const view = async (pathname: string) => {
    const answer = await open(pathname);
    if (!('view' in answer)) throw new Error(`no view: ${answer.response.status}`);
    return answer.view as ConsoleView<SetupPageData>;
  };

  it('keeps one key across reloads, draws it as a QR code, and ends signed in', async () => {
    const link = new URL((await firstAdminLink(deps))!).pathname;
    const first = (await view(link)).data;
    const again = (await view(link)).data;
    if (!first.link || !again.link) throw new Error('the link should work');
    expect(again.secret).toBe(first.secret);
    expect(first.grouped.replaceAll(' ', '')).toBe(first.secret);
    expect(first.grouped.split(' ').every((g) => g.length <= 4)).toBe(true);
    expect(first.qr).toMatch(/^<svg[^>]*>.*<path d="M/);
    // Nothing in it that a browser would fetch from elsewhere.
    expect(first.qr).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);

    const code = totpCode(base32Decode(first.secret), deps.now());
    const done = await open(link, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ password: PASSWORD, code }),
    });
    if (!('response' in done)) throw new Error('set-up should redirect');
    expect(done.response.status).toBe(303);
    expect(done.response.headers.get('location')).toBe('/console/');
    const cookies = done.response.headers.getSetCookie().map((c) => c.split(';')[0]!);
    const queue = await open('/console/', { headers: { cookie: cookies.join('; ') } });
    expect('view' in queue).toBe(true);
    // The link is spent.
    expect('view' in (await open(link)) && (await view(link)).status).toBe(404);
  });

  it('explains a form posted from another host name, naming PUBLIC_BASE_URL', async () => {
    const link = new URL((await firstAdminLink(deps))!).pathname;
    const answer = await open(link, {
      method: 'POST',
      headers: { origin: 'http://10.0.0.5:4321', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ password: PASSWORD, code: '000000' }),
    });
    if (!('view' in answer)) throw new Error('the page should explain');
    expect(answer.view.status).toBe(403);
    expect(answer.view.problem).toContain('PUBLIC_BASE_URL');
    expect(answer.view.problem).toContain('http://10.0.0.5:4321');
    expect(answer.view.problem).toContain(ORIGIN);
  });
});
