/**
 * Set-up links are secrets: their token never reaches a log, a newer link revokes the older ones,
 * and the first-admin link file in DATA_DIR is gone once it is used (or when no link is due).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpError } from '../../../functions/http/http-error.ts';
import { createServer } from '../../../functions/server/create-server.ts';
import { createStaticSite } from '../../../functions/server/static-files.ts';
import {
  firstAdminLink,
  firstAdminLinkFile,
  publishFirstAdminLink,
} from '../../../functions/staff/first-admin.ts';
import { openSetupLink } from '../../../functions/staff/setup-links.ts';
import { finishSetup } from '../../../functions/staff/sign-in.ts';
import { base32Encode, newTotpSecret, totpCode } from '../../../functions/staff/totp.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';
import { enrol, PASSWORD } from '../../helpers/staff.ts';

const tokenOf = (link: string) => new URL(link).pathname.split('/').pop()!;

describe.each(engines)('set-up links on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  let dataDir: string;
  beforeEach(async () => {
    t = await engine.create();
    dataDir = await mkdtemp(path.join(tmpdir(), 'waymark-setup-'));
    deps = createTestDeps(t.db, { PUBLIC_BASE_URL: 'http://127.0.0.1', DATA_DIR: dataDir });
  });
  afterEach(async () => {
    await t.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps the token out of the request log, on GET and on POST', async () => {
    const link = (await firstAdminLink(deps))!;
    const token = tokenOf(link);
    // The set-up page's work, done by the real functions behind the real front door (the built
    // Astro app is not part of an integration test; the request log is written before it runs).
    const setupPage = async (req: IncomingMessage, res: ServerResponse) => {
      const pageToken = new URL(req.url!, 'http://localhost').pathname.split('/').pop()!;
      if (req.method === 'GET') {
        res.writeHead((await openSetupLink(deps.db, pageToken, deps.now())) ? 200 : 404).end();
        return;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const form = new URLSearchParams(Buffer.concat(chunks).toString());
      try {
        await finishSetup(deps, {
          token: pageToken,
          password: form.get('password') ?? '',
          secret: form.get('secret') ?? '',
          code: form.get('code') ?? '',
        });
        res.writeHead(200).end();
      } catch (error) {
        res.writeHead(error instanceof HttpError ? error.status : 500).end();
      }
    };
    const server = createServer({
      deps,
      site: await createStaticSite(path.join(dataDir, 'no-site')),
      app: (req, res) => setupPage(req, res),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const secret = newTotpSecret();
      const statuses = [
        (await fetch(`${base}/console/setup/${token}`)).status,
        (await fetch(`${base}/console/setup/${token}?utm=1`)).status,
        (await fetch(`${base}/console//setup/${token}`)).status,
        (
          await fetch(`${base}/console/setup/${token}`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({
              password: PASSWORD,
              secret: base32Encode(secret),
              code: totpCode(secret, deps.now()),
            }),
          })
        ).status,
        (await fetch(`${base}/console/setup/${token}`)).status,
      ];
      expect(statuses).toEqual([200, 200, 200, 200, 404]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const requests = deps.logLines.map((l) => JSON.parse(l)).filter((e) => e.msg === 'request');
    expect(requests.map((e) => [e.method, e.route])).toEqual([
      ['GET', '/console/setup/:token'],
      ['GET', '/console/setup/:token'],
      ['GET', '/console/setup/:token'],
      ['POST', '/console/setup/:token'],
      ['GET', '/console/setup/:token'],
    ]);
    expect(deps.logLines.join('\n')).not.toContain(token);
  });

  it('revokes the older first-admin link when a new one is issued', async () => {
    const first = (await firstAdminLink(deps))!;
    const second = (await firstAdminLink(deps))!;
    expect(second).not.toBe(first);
    expect(await openSetupLink(t.db, tokenOf(first), deps.now())).toBeNull();
    await expect(enrol(deps, first)).rejects.toMatchObject({ status: 404 });
    await enrol(deps, second);
    expect(await firstAdminLink(deps)).toBeNull();
  });

  it('writes the link file owner-only at start, removes it once used, and leaves none when no link is due', async () => {
    const link = (await publishFirstAdminLink(deps))!;
    const file = firstAdminLinkFile(deps.config);
    expect((await readFile(file, 'utf8')).trim()).toBe(link);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    // A restart before set-up: a new link in the file, and the old one opens nothing.
    const again = (await publishFirstAdminLink(deps))!;
    expect((await readFile(file, 'utf8')).trim()).toBe(again);
    expect(await openSetupLink(t.db, tokenOf(link), deps.now())).toBeNull();
    await enrol(deps, again);
    expect(existsSync(file)).toBe(false);
    // A copy left behind (a restored backup of DATA_DIR) goes at the next start.
    await writeFile(file, `${again}\n`);
    expect(await publishFirstAdminLink(deps)).toBeNull();
    expect(existsSync(file)).toBe(false);
  });
});
